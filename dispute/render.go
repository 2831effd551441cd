package dispute

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/compactkit/compactkit/compact"
)

// Layout of the YAML written. Text from foldAt characters is written as a
// folded block (>-) wrapped at wrapAt columns, as people write long text;
// a list of short values that fits in flowAt characters stays on one line.
const (
	foldAt = 80
	wrapAt = 100
	flowAt = 80
)

// Marshal writes a case as a case file: YAML, or JSON when name ends in
// .json. YAML is written the way people write the examples: block style,
// two-space indents, actors on one line, dates and times unquoted, long
// text folded.
func Marshal(c *Case, name string) ([]byte, error) {
	f := c.File()
	if strings.EqualFold(filepath.Ext(name), ".json") {
		b, err := json.MarshalIndent(f, "", "  ")
		if err != nil {
			return nil, err
		}
		return append(b, '\n'), nil
	}
	return marshalYAML(f)
}

// marshalYAML writes a value through its JSON form, so YAML and JSON files
// hold the same fields in the same order.
func marshalYAML(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var n yaml.Node
	if err := yaml.Unmarshal(raw, &n); err != nil {
		return nil, err
	}
	style(&n, "")
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return wrapFolded(b.Bytes()), nil
}

// style turns the flow-style, quoted nodes of JSON into the block style
// people write. A signature stays on its line: it has no spaces to fold at.
func style(n *yaml.Node, key string) {
	n.Style = 0
	switch {
	case n.Kind == yaml.MappingNode && key == "actor":
		n.Style = yaml.FlowStyle
	case n.Kind == yaml.SequenceNode && shortScalars(n.Content):
		n.Style = yaml.FlowStyle
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str":
		if _, err := compact.ParseDate(n.Value); err == nil {
			n.Tag = "!!timestamp" // written plain, read back as a date
		} else if _, err := parseTimestamp(n.Value); err == nil {
			n.Tag = "!!timestamp"
		} else if len(n.Value) >= foldAt && key != "sig" && !strings.ContainsAny(n.Value, "\n") && strings.TrimSpace(n.Value) == n.Value {
			n.Style = yaml.FoldedStyle
		}
	}
	for i, c := range n.Content {
		k := ""
		if n.Kind == yaml.MappingNode && i%2 == 1 {
			k = n.Content[i-1].Value
		}
		style(c, k)
	}
}

// shortScalars reports whether nodes are plain values that fit on a line.
func shortScalars(nodes []*yaml.Node) bool {
	width := 0
	for _, c := range nodes {
		if c.Kind != yaml.ScalarNode || strings.ContainsAny(c.Value, ",[]{}:#'\"\n") {
			return false
		}
		width += len(c.Value) + 2
	}
	return len(nodes) > 0 && width <= flowAt
}

// wrapFolded wraps the text of folded blocks (>-) at wrapAt columns, at
// single spaces. A line break inside a folded block reads back as a space,
// so the value is unchanged.
func wrapFolded(text []byte) []byte {
	var b bytes.Buffer
	lines := strings.Split(string(text), "\n")
	for i, line := range lines {
		if i > 0 && strings.HasSuffix(lines[i-1], ">-") && len(line) > wrapAt {
			indent := len(line) - len(strings.TrimLeft(line, " "))
			line = wrap(line[indent:], strings.Repeat(" ", indent))
			b.WriteString(line)
		} else {
			b.WriteString(line)
		}
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// wrap breaks text at single spaces so that no line, with its indent, is
// longer than wrapAt, where it can.
func wrap(text, indent string) string {
	var b strings.Builder
	col := 0
	words := strings.Split(text, " ")
	for i, w := range words {
		// Break only between two words each side of a single space: "a  b"
		// keeps its spaces, which a break would fold into one.
		canBreak := i > 0 && w != "" && words[i-1] != ""
		switch {
		case i == 0:
			b.WriteString(indent)
			col = len(indent)
		case canBreak && col+1+len(w) > wrapAt:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// appendEntries adds entries to the end of the text of a YAML case file,
// keeping everything already written (comments included) byte for byte.
// It returns false when the file is not in a shape it can append to: one
// document whose last key is events, a block list. The caller checks the
// result by reading it back.
func appendEntries(old []byte, entries []Entry) ([]byte, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(old))
	var doc, more yaml.Node
	if err := dec.Decode(&doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, false
	}
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return nil, false // a stream of documents, or text after the document
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode || len(top.Content) < 2 || top.Content[len(top.Content)-2].Value != "events" {
		return nil, false
	}
	list := top.Content[len(top.Content)-1]
	if list.Kind != yaml.SequenceNode || list.Style&yaml.FlowStyle != 0 || len(list.Content) == 0 {
		return nil, false
	}
	indent := list.Content[0].Column - 3 // the dash is two columns before the item's first key
	if indent < 0 || list.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	text, err := marshalYAML(entries)
	if err != nil {
		return nil, false
	}
	var b bytes.Buffer
	b.Write(old)
	if len(old) > 0 && old[len(old)-1] != '\n' {
		b.WriteByte('\n')
	}
	pad := strings.Repeat(" ", indent)
	for line := range strings.SplitSeq(strings.TrimSuffix(string(text), "\n"), "\n") {
		if line != "" {
			b.WriteString(pad)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.Bytes(), true
}

// leadingComments returns the comment lines (and blank lines) a YAML file
// starts with, such as its yaml-language-server line, to keep when the
// file is rewritten.
func leadingComments(old []byte) []byte {
	var b bytes.Buffer
	for line := range strings.SplitSeq(string(old), "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// rewrite renders the whole case file anew, keeping the comments the old
// file started with.
func rewrite(old []byte, c *Case, name string) ([]byte, error) {
	body, err := Marshal(c, name)
	if err != nil {
		return nil, fmt.Errorf("dispute: writing case %s: %w", c.id, err)
	}
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return body, nil
	}
	return append(leadingComments(old), body...), nil
}
