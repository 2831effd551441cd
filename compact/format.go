package compact

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// FormatIndent is the indentation of formatted YAML: two spaces a level,
// with a sequence indented under its key.
const FormatIndent = 2

// Format lays out the documents of a YAML file in the canonical way: each
// level of a block mapping or sequence indented by [FormatIndent] spaces
// more than its parent (a sequence under its key too), comments and the
// lines of multi-line text moved with what they belong to, no trailing
// spaces, no runs of blank lines, Unix line ends and one newline at the
// end. It only moves lines: words, comments, quoting, flow mappings and
// the wrapping of text stay as written. name is the file's name for
// errors.
//
// Format refuses, rather than write, a file it cannot lay out faithfully:
// one that does not parse, or whose values or comments would change (it
// checks the result against the original, and that formatting the result
// changes nothing).
func Format(name string, data []byte) ([]byte, error) {
	if len(data) > MaxFileBytes {
		return nil, Errors{{Pos: Position{File: name}, Err: ErrLimit, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileBytes)}}
	}
	out, err := layout(data)
	if err == nil {
		err = sameYAML(data, out)
	}
	if err == nil {
		again, err2 := layout(out)
		if err2 != nil || !bytes.Equal(again, out) {
			err = errors.New("formatting it twice does not give the same text")
		}
	}
	if err != nil {
		if _, yerr := decodeNodes(data); yerr != nil {
			if _, perr := Parse(name, data); perr != nil && errors.Is(perr, ErrSyntax) {
				return nil, perr
			}
			return nil, Errors{{Pos: Position{File: name}, Err: ErrSyntax, Msg: yerr.Error()}}
		}
		return nil, Errors{{Pos: Position{File: name}, Err: ErrValue, Msg: "cannot be formatted faithfully: " + err.Error()}}
	}
	return out, nil
}

// layout re-indents the lines of a YAML text as Format describes.
func layout(data []byte) ([]byte, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	nodes, err := decodeNodes([]byte(text))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(text, "\n")
	ind := indents{lines: lines, want: map[int]int{}}
	for _, n := range nodes {
		ind.walk(n, 0)
	}
	out, err := relayout(lines, ind.want)
	if err != nil {
		return nil, err
	}
	return []byte(strings.Join(out, "\n") + "\n"), nil
}

// indents works out the indentation each line that starts a key or a
// sequence item should have.
type indents struct {
	lines []string
	want  map[int]int // 1-based line: spaces it should start with
}

func (ind *indents) set(line, col int) {
	if _, ok := ind.want[line]; !ok {
		ind.want[line] = col
	}
}

// walk records the indentation of the block nodes under n.
func (ind *indents) walk(n *yaml.Node, indent int) {
	if n.Style&yaml.FlowStyle != 0 {
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			ind.walk(c, 0)
		}
	case yaml.MappingNode:
		ind.mapping(n, indent)
	case yaml.SequenceNode:
		ind.sequence(n, indent)
	}
}

func (ind *indents) mapping(n *yaml.Node, indent int) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ind.set(k.Line, indent)
		if v.Line > k.Line && (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) {
			ind.walk(v, indent+FormatIndent)
		}
	}
}

func (ind *indents) sequence(n *yaml.Node, indent int) {
	for _, item := range n.Content {
		if item.Line < 1 || item.Line > len(ind.lines) {
			continue
		}
		l := ind.lines[item.Line-1]
		dash := leadingSpaces(l)
		if !strings.HasPrefix(l[dash:], "-") {
			continue
		}
		ind.set(item.Line, indent)
		inner := item.Column - 1 - dash // "- " is 2
		if item.Kind == yaml.MappingNode || item.Kind == yaml.SequenceNode {
			ind.walk(item, indent+inner)
		}
	}
}

func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// relayout moves each line by the shift its key or item needs; lines in
// between (continued text, comments) move with the line before, and a
// comment moves with the line it stands above. Trailing spaces and runs of
// blank lines go.
func relayout(lines []string, want map[int]int) ([]string, error) {
	var out []string
	delta := 0
	for i, l := range lines {
		n := i + 1
		trimmed := strings.TrimRight(l, " \t")
		switch {
		case trimmed == "":
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			continue
		case strings.HasPrefix(trimmed, "---") || strings.HasPrefix(trimmed, "...") || strings.HasPrefix(trimmed, "%"):
			delta = 0
			out = append(out, trimmed)
			continue
		}
		d := delta
		if w, ok := want[n]; ok {
			d = w - leadingSpaces(trimmed)
			delta = d
		} else if strings.HasPrefix(strings.TrimSpace(trimmed), "#") {
			d = commentShift(lines, want, n, d)
		}
		spaces := leadingSpaces(trimmed) + d
		if spaces < 0 {
			return nil, fmt.Errorf("line %d would start left of the margin", n)
		}
		out = append(out, strings.Repeat(" ", spaces)+strings.TrimLeft(trimmed, " "))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out, nil
}

// commentShift is the shift of the comment on line n: that of the first
// line after it that is neither blank nor a comment, when that line's
// indentation is known, else d.
func commentShift(lines []string, want map[int]int, n, d int) int {
	for j := n + 1; j <= len(lines); j++ {
		next := strings.TrimSpace(lines[j-1])
		if next == "" || strings.HasPrefix(next, "#") {
			continue
		}
		if w, ok := want[j]; ok {
			return w - leadingSpaces(lines[j-1])
		}
		return d
	}
	return d
}

func decodeNodes(data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var nodes []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return nodes, nil
		}
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, &n)
	}
}

// sameYAML checks that formatted text holds the original's values and
// every one of its comments.
func sameYAML(orig, formatted []byte) error {
	a, err := decodeValues(orig)
	if err != nil {
		return err
	}
	b, err := decodeValues(formatted)
	if err != nil {
		return fmt.Errorf("the result does not parse: %v", err)
	}
	if !reflect.DeepEqual(a, b) {
		return errors.New("its values would change")
	}
	have := comments(formatted)
	for c, n := range comments(orig) {
		if have[c] < n {
			return fmt.Errorf("the comment %q would be lost", c)
		}
	}
	return nil
}

func decodeValues(data []byte) ([]any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []any
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// comments counts the comments of a YAML text by their text.
func comments(data []byte) map[string]int {
	out := map[string]int{}
	nodes, err := decodeNodes(data)
	if err != nil {
		return out
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, l := range strings.Split(c, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					out[l]++
				}
			}
		}
		for _, k := range n.Content {
			walk(k)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}
