package compact

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// jsonNodes parses one JSON value into the node tree the document decoder
// reads, as the YAML parser would give it for the same text (JSON is YAML),
// at a fraction of the cost: a JSON Lines file is parsed line by line, a
// million times. Nodes come from an arena the caller reuses.
type jsonNodes struct {
	text []byte
	// str is text as a string, made once a line: the values and names of
	// a record are cut from it, not allocated one by one. valid is whether
	// it is all UTF-8, so that its strings need no check of their own.
	str   string
	valid bool
	i     int
	line  int
	arena []yaml.Node
	used  int
}

// jsonSyntaxError is a JSON syntax error at a byte offset of the line.
type jsonSyntaxError struct {
	at  int
	msg string
}

func (e *jsonSyntaxError) Error() string { return e.msg }

// maxJSONDepth bounds nesting: a record is two levels deep (clauses, facts
// holding lists), so 32 is a line built to exhaust the stack.
const maxJSONDepth = 32

func (p *jsonNodes) parse(text []byte, line int) (n *yaml.Node, err error) {
	p.text, p.i, p.line, p.used = text, 0, line, 0
	p.str, p.valid = string(text), utf8.Valid(text)
	n, err = p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.text) {
		return nil, p.fail("text after the JSON object")
	}
	return n, nil
}

func (p *jsonNodes) node(kind yaml.Kind, tag string, at int) *yaml.Node {
	if p.used == len(p.arena) {
		p.arena = append(p.arena, make([]yaml.Node, max(64, len(p.arena)))...)
		// nodes handed out before keep pointing into the old arena: fine,
		// it lives as long as they do.
	}
	n := &p.arena[p.used]
	p.used++
	content := n.Content[:0] // the list a node in this place had last line
	*n = yaml.Node{Kind: kind, Tag: tag, Line: p.line, Column: at + 1, Content: content}
	return n
}

func (p *jsonNodes) fail(format string, args ...any) error {
	return &jsonSyntaxError{at: p.i, msg: fmt.Sprintf(format, args...)}
}

func (p *jsonNodes) space() {
	for p.i < len(p.text) {
		switch p.text[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonNodes) value(depth int) (*yaml.Node, error) {
	if depth > maxJSONDepth {
		return nil, p.fail("nested more than %d deep", maxJSONDepth)
	}
	p.space()
	if p.i >= len(p.text) {
		return nil, p.fail("unexpected end of the line")
	}
	at := p.i
	switch c := p.text[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.quoted()
		if err != nil {
			return nil, err
		}
		n := p.node(yaml.ScalarNode, "!!str", at)
		n.Value, n.Style = s, yaml.DoubleQuotedStyle
		return n, nil
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range [...]struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(p.text)-p.i >= len(w.word) && p.str[p.i:p.i+len(w.word)] == w.word {
				p.i += len(w.word)
				n := p.node(yaml.ScalarNode, w.tag, at)
				n.Value = w.word
				return n, nil
			}
		}
	case c == '-' || c >= '0' && c <= '9':
		return p.number(at)
	}
	return nil, p.fail("unexpected %q", p.text[p.i])
}

func (p *jsonNodes) object(depth int) (*yaml.Node, error) {
	return p.collection(yaml.MappingNode, "!!map", '}', "an object", func(n *yaml.Node) error {
		p.space()
		if p.i >= len(p.text) || p.text[p.i] != '"' {
			return p.fail("expected a member name in quotes")
		}
		k, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		p.space()
		if !p.eat(':') {
			return p.fail("expected : after a member name")
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		n.Content = append(n.Content, k, v)
		return nil
	})
}

func (p *jsonNodes) array(depth int) (*yaml.Node, error) {
	return p.collection(yaml.SequenceNode, "!!seq", ']', "a list", func(n *yaml.Node) error {
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		n.Content = append(n.Content, v)
		return nil
	})
}

// collection reads an object or an array, from its opening character at
// p.i to its closing character end: items separated by commas, each read
// by item into n, the node of kind and tag. what names the collection in
// messages ("an object").
func (p *jsonNodes) collection(kind yaml.Kind, tag string, end byte, what string, item func(n *yaml.Node) error) (*yaml.Node, error) {
	n := p.node(kind, tag, p.i)
	n.Style = yaml.FlowStyle
	p.i++ // { or [
	p.space()
	if p.eat(end) {
		return n, nil
	}
	for {
		if err := item(n); err != nil {
			return nil, err
		}
		p.space()
		if p.eat(',') {
			continue
		}
		if p.eat(end) {
			return n, nil
		}
		return nil, p.fail("expected , or %c in %s", end, what)
	}
}

// eat steps over c when it is the next character, and says whether it was.
func (p *jsonNodes) eat(c byte) bool {
	if p.i < len(p.text) && p.text[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonNodes) quoted() (string, error) {
	start := p.i
	p.i++ // "
	escaped := false
	for p.i < len(p.text) {
		switch c := p.text[p.i]; {
		case c == '"':
			p.i++
			raw := p.text[start:p.i]
			if !escaped {
				if !p.valid && !utf8.Valid(raw) {
					return "", p.fail("a string that is not UTF-8")
				}
				return p.str[start+1 : p.i-1], nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				p.i = start
				return "", p.fail("bad string: %v", err)
			}
			return s, nil
		case c == '\\':
			escaped = true
			p.i += 2
		case c < 0x20:
			return "", p.fail("a control character in a string; write it as an escape")
		default:
			p.i++
		}
	}
	return "", p.fail("a string with no closing quote")
}

func (p *jsonNodes) number(at int) (*yaml.Node, error) {
	tag := "!!int"
	if p.text[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		s := p.i
		for p.i < len(p.text) && p.text[p.i] >= '0' && p.text[p.i] <= '9' {
			p.i++
		}
		return p.i - s
	}
	if n := digits(); n == 0 || (n > 1 && p.text[p.i-n] == '0') {
		return nil, p.fail("a bad number")
	}
	if p.i < len(p.text) && p.text[p.i] == '.' {
		tag = "!!float"
		p.i++
		if digits() == 0 {
			return nil, p.fail("a bad number")
		}
	}
	if p.i < len(p.text) && (p.text[p.i] == 'e' || p.text[p.i] == 'E') {
		tag = "!!float"
		p.i++
		if p.i < len(p.text) && (p.text[p.i] == '+' || p.text[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.fail("a bad number")
		}
	}
	n := p.node(yaml.ScalarNode, tag, at)
	n.Value = p.str[at:p.i]
	return n, nil
}
