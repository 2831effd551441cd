package compact

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// The fast YAML parser.
//
// go.yaml.in/yaml/v3 reads about 9 MB a second per core and allocates
// eighty times the text in nodes, tokens and events; loading an area of a
// hundred thousand records spent most of its time there. Records files,
// directories and most hand-written documents use a small part of YAML:
// block mappings and sequences, one-line scalars (plain, or quoted without
// escapes), literal and folded block scalars, one-line flow collections of
// scalars, comments. parseFast parses that part into the same []*yaml.Node
// trees yaml.v3 gives (kinds, tags, values, styles, lines and columns;
// comments are not kept: nothing that reads the trees of parseNodes looks
// at them), and gives up on anything else, so that parseNodes runs yaml.v3
// as before: every other input, and every syntax error, behaves exactly as
// it did.
//
// It gives up on: tabs, carriage returns but in CRLF, other control characters,
// a byte order mark, invalid UTF-8; anchors, aliases, tags, directives,
// complex keys, "..." document ends, empty documents and streams with no
// document; plain and quoted scalars continued on another line, escapes in
// double-quoted scalars; block scalars with an indentation indicator,
// leading blank lines or no content, folded ones with more-indented lines;
// multi-line flow collections, empty entries and single-pair mappings in
// them; plain scalars it cannot resolve exactly as yaml.v3 would; keys over
// fastMaxKey bytes; nesting beyond fastMaxDepth.

// fastMaxDepth is the deepest nesting of collections the fast parser
// follows before it gives up (yaml.v3 then takes the file). Documents are a
// few levels deep; the bound keeps its recursion shallow.
const fastMaxDepth = 100

// fastMaxKey is the longest key, in bytes, the fast parser reads: yaml.v3
// refuses a key spanning more than 1024 characters, so the fast parser
// leaves long keys to it.
const fastMaxKey = 1000

// fastGiveUp is the panic value with which the fast parser abandons a
// stream it does not handle; parseFast recovers it.
type fastGiveUp struct{}

// fastParser holds the state of one parse of a stream.
type fastParser struct {
	data    []byte
	text    string // data as a string: values are slices of it
	unicode bool   // data has non-ASCII characters: columns count runes

	i    int // offset of the next byte
	line int // 0-based line of offset i
	ls   int // offset of the start of that line

	// The current content line (advance skips blank and comment lines):
	// i is its first non-space byte.
	eof    bool // no content line is left
	marker bool // the line is a "---" document marker
	indent int  // its indentation (-1 for a marker)

	// colLs, colOff and colN cache the rune column of one offset of the
	// current line, so columns are counted in one pass over a line.
	colLs, colOff, colN int

	depth int
	nodes []yaml.Node  // arena of nodes
	ptrs  []*yaml.Node // arena of Content lists
	stack []*yaml.Node // collections' children while they are read
}

// parseFast parses data into document nodes as yaml.v3 would, or reports
// ok=false when data is not in the subset it reads (see above). It never
// fails otherwise: any panic means a give-up, so yaml.v3 decides.
func parseFast(data []byte) (nodes []*yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			nodes, ok = nil, false
		}
	}()
	return parseFastStrict(data)
}

// parseFastStrict is parseFast, letting through any panic but a give-up:
// tests call it so that a bug is not mistaken for a give-up.
func parseFastStrict(data []byte) (nodes []*yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, give := r.(fastGiveUp); !give {
				panic(r)
			}
			nodes, ok = nil, false
		}
	}()
	if bytes.IndexByte(data, '\r') >= 0 {
		// CRLF is one line break to yaml.v3, in positions and in values
		// alike, and a carriage return can only end a line: parsing the
		// text with LF alone gives the same nodes. A lone CR is given up.
		if bytes.Count(data, []byte("\r\n")) != bytes.Count(data, []byte("\r")) {
			return nil, false
		}
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	unicode, ok := fastText(data)
	if !ok {
		return nil, false
	}
	p := &fastParser{data: data, text: string(data), unicode: unicode, colLs: -1}
	return p.stream(), true
}

// fastText checks that data holds only characters the fast parser reads
// (printable ASCII, newlines, and valid UTF-8 that yaml.v3 reads as
// ordinary characters), and reports whether any is not ASCII.
func fastText(data []byte) (unicode, ok bool) {
	for i := 0; i < len(data); {
		c := data[i]
		if c >= 0x20 && c < 0x7f || c == '\n' {
			i++
			continue
		}
		if c < 0x80 {
			return false, false // tab, carriage return, control, DEL
		}
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n <= 1, // invalid
			r < 0xA0,                 // C1 controls, NEL
			r == 0x2028, r == 0x2029, // line and paragraph separators
			r == 0xFEFF,              // byte order mark
			r == 0xFFFE, r == 0xFFFF: // not characters
			return false, false
		}
		unicode = true
		i += n
	}
	return unicode, true
}

func (p *fastParser) giveUp() { panic(fastGiveUp{}) }

// at returns the byte at offset i, or 0 past the end (data holds no NUL).
func (p *fastParser) at(i int) byte {
	if i < len(p.data) {
		return p.data[i]
	}
	return 0
}

// blankz reports whether offset i is a space, a newline or the end.
func (p *fastParser) blankz(i int) bool {
	c := p.at(i)
	return c == ' ' || c == '\n' || c == 0
}

// col returns the 1-based column, in characters, of offset off of the
// current line.
func (p *fastParser) col(off int) int {
	if !p.unicode {
		return off - p.ls + 1
	}
	if p.colLs != p.ls || off < p.colOff {
		p.colLs, p.colOff, p.colN = p.ls, p.ls, 1
	}
	p.colN += utf8.RuneCount(p.data[p.colOff:off])
	p.colOff = off
	return p.colN
}

// node returns a new node from the arena, at offset off of the current
// line.
func (p *fastParser) node(kind yaml.Kind, tag string, off int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, min(max(64, 2*cap(p.nodes)), 4096))
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, p.line+1, p.col(off)
	return n
}

// content copies the children of a collection, stack[base:], into a list
// of its own and pops them.
func (p *fastParser) content(base int) []*yaml.Node {
	kids := p.stack[base:]
	if len(kids) == 0 {
		p.stack = p.stack[:base]
		return nil
	}
	if cap(p.ptrs)-len(p.ptrs) < len(kids) {
		p.ptrs = make([]*yaml.Node, 0, max(len(kids), 4096))
	}
	start := len(p.ptrs)
	p.ptrs = append(p.ptrs, kids...)
	clear(kids)
	p.stack = p.stack[:base]
	return p.ptrs[start:len(p.ptrs):len(p.ptrs)]
}

// enter and leave bound the nesting of collections.
func (p *fastParser) enter() {
	p.depth++
	if p.depth > fastMaxDepth {
		p.giveUp()
	}
}

func (p *fastParser) leave() { p.depth-- }

// stream reads every document.
func (p *fastParser) stream() []*yaml.Node {
	var docs []*yaml.Node
	p.advance()
	if p.eof {
		p.giveUp() // no document: left to yaml.v3, whatever it makes of comments
	}
	for !p.eof {
		var doc *yaml.Node
		if p.marker {
			doc = p.node(yaml.DocumentNode, "", p.i)
			p.i += 3
			p.endLine()
			if p.eof || p.marker {
				p.giveUp() // an empty document
			}
		} else if len(docs) > 0 {
			p.giveUp() // content after a document that is not a new one
		}
		root := p.blockNode()
		if doc == nil {
			doc = p.node(yaml.DocumentNode, "", p.i)
			doc.Line, doc.Column = root.Line, root.Column
		}
		doc.Content = []*yaml.Node{root}
		if !p.eof && !p.marker {
			p.giveUp() // text after the root collection, less indented
		}
		docs = append(docs, doc)
	}
	return docs
}

// blockNode reads the block collection that starts on the current content
// line, at its indentation.
func (p *fastParser) blockNode() *yaml.Node {
	if p.seqEntry() {
		return p.sequence(p.indent)
	}
	return p.mapping(p.indent)
}

// seqEntry reports whether offset i starts a block sequence entry.
func (p *fastParser) seqEntry() bool {
	return p.at(p.i) == '-' && p.blankz(p.i+1)
}

// advance moves from the start of a line to the next content line,
// skipping blank lines and comment lines, and sets eof, marker and indent.
func (p *fastParser) advance() {
	for {
		if p.i >= len(p.data) {
			p.eof, p.marker, p.indent = true, false, -1
			return
		}
		j := p.i
		for p.at(j) == ' ' {
			j++
		}
		switch c := p.at(j); {
		case c == '\n':
			p.nextLine(j)
			continue
		case c == 0:
			p.i = j
			continue
		case c == '#':
			p.nextLine(p.lineEnd(j))
			continue
		}
		p.indent, p.marker = j-p.i, false
		if p.indent == 0 {
			if (p.hasPrefix(j, "---") || p.hasPrefix(j, "...")) && p.blankz(j+3) {
				if p.at(j) == '.' {
					p.giveUp()
				}
				p.marker, p.indent = true, -1
			} else if c := p.at(j); c == '%' {
				p.giveUp() // a directive, or a document that starts oddly
			}
		}
		p.i = j
		return
	}
}

// hasPrefix reports whether the text at offset i starts with s.
func (p *fastParser) hasPrefix(i int, s string) bool {
	return strings.HasPrefix(p.text[min(i, len(p.text)):], s)
}

// lineEnd returns the offset of the newline (or the end) at or after i.
func (p *fastParser) lineEnd(i int) int {
	if k := strings.IndexByte(p.text[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(p.text)
}

// nextLine moves past the newline at offset nl (or to the end).
func (p *fastParser) nextLine(nl int) {
	if nl >= len(p.data) {
		p.i = len(p.data)
		return
	}
	p.i, p.line, p.ls = nl+1, p.line+1, nl+1
}

// endLine finishes the current line after a value: spaces, maybe a
// comment after a space, then the newline; and advances.
func (p *fastParser) endLine() {
	j := p.i
	for p.at(j) == ' ' {
		j++
	}
	switch p.at(j) {
	case '\n', 0:
	case '#':
		if j == p.i {
			p.giveUp() // a '#' right after a value
		}
		j = p.lineEnd(j)
	default:
		p.giveUp()
	}
	p.nextLine(j)
	p.advance()
}

// afterInline checks, after a value written on its collection's line, that
// the next content line is not indented more than the collection (it would
// continue the value, or be an error).
func (p *fastParser) afterInline(indent int) {
	if !p.eof && p.indent > indent {
		p.giveUp()
	}
}

// sequence reads a block sequence whose entries are at column indent+1.
func (p *fastParser) sequence(indent int) *yaml.Node {
	p.enter()
	defer p.leave()
	seq := p.node(yaml.SequenceNode, "!!seq", p.i)
	base := len(p.stack)
	for !p.eof && p.indent == indent && p.seqEntry() {
		p.i++
		p.stack = append(p.stack, p.entryValue(indent, p.i, false))
	}
	if !p.eof && p.indent > indent {
		p.giveUp()
	}
	seq.Content = p.content(base)
	return seq
}

// entryValue reads the value of a sequence entry or a key, whose "-" or
// ":" ends at offset after (where i is): an empty value, with what the
// next lines hold (see blockValue), or one on the line (see inline). A
// "-" after it, a compact nested sequence in an entry and an error after
// a key, is left to yaml.v3.
func (p *fastParser) entryValue(indent, after int, inMapping bool) *yaml.Node {
	for p.at(p.i) == ' ' {
		p.i++
	}
	switch c := p.at(p.i); {
	case c == '\n' || c == 0 || c == '#' && p.i > after:
		empty := p.scalarNode("!!null", "", 0, after)
		p.endLine()
		return p.blockValue(indent, inMapping, empty)
	case c == '-' && p.blankz(p.i+1):
		p.giveUp()
	}
	return p.inline(indent)
}

// inline reads the value that starts at offset i, after "- " or "key: ":
// a compact mapping (in a sequence entry only), a flow collection or a
// scalar. indent is the indentation of the collection the value belongs to.
func (p *fastParser) inline(indent int) *yaml.Node {
	start := p.i
	switch p.at(start) {
	case '[', '{':
		n := p.flow()
		p.endLine()
		p.afterInline(indent)
		return n
	case '|', '>':
		n := p.blockScalar(indent)
		p.afterInline(indent)
		return n
	}
	n, end := p.scalar(false)
	if p.at(end) == ':' && p.blankz(end+1) {
		// a mapping in a sequence entry: its keys are at this column
		p.i = start
		return p.mapping(start - p.ls)
	}
	p.i = end
	p.endLine()
	p.afterInline(indent)
	return n
}

// mapping reads a block mapping whose keys are at column indent+1; the
// first key is at offset i, at the start of a line or after "- ".
func (p *fastParser) mapping(indent int) *yaml.Node {
	p.enter()
	defer p.leave()
	m := p.node(yaml.MappingNode, "!!map", p.i)
	base := len(p.stack)
	for {
		key, end := p.scalar(false)
		if p.at(end) != ':' || !p.blankz(end+1) || end-p.i > fastMaxKey {
			p.giveUp()
		}
		p.stack = append(p.stack, key)
		p.i = end + 1
		v := p.entryValue(indent, p.i, true)
		if v.Kind == yaml.MappingNode && v.Style == 0 && v.Line == key.Line {
			p.giveUp() // "key: k: v" is an error
		}
		p.stack = append(p.stack, v)
		if p.eof || p.indent < indent {
			break
		}
		if p.indent > indent || p.seqEntry() {
			p.giveUp()
		}
	}
	m.Content = p.content(base)
	return m
}

// blockValue reads the value of a key or sequence entry with nothing after
// it on its line: a collection on the next lines, or empty (the null
// scalar given). indent is the indentation of the collection holding the
// key or entry; a mapping's value may be a sequence at that same
// indentation.
func (p *fastParser) blockValue(indent int, inMapping bool, empty *yaml.Node) *yaml.Node {
	switch {
	case p.eof || p.indent < indent:
		return empty
	case p.indent == indent:
		if inMapping && p.seqEntry() {
			return p.sequence(indent)
		}
		return empty
	}
	return p.blockNode()
}

// scalarNode returns a scalar node at offset off of the current line.
func (p *fastParser) scalarNode(tag, value string, style yaml.Style, off int) *yaml.Node {
	n := p.node(yaml.ScalarNode, tag, off)
	n.Value, n.Style = value, style
	return n
}

// scalar reads the scalar at offset i (plain, in block or flow context, or
// quoted) and returns it with the offset just after it.
func (p *fastParser) scalar(flow bool) (*yaml.Node, int) {
	start := p.i
	switch c := p.at(start); c {
	case '\'':
		return p.singleQuoted(start)
	case '"':
		return p.doubleQuoted(start)
	case '-':
		if p.blankz(start+1) || p.at(start+1) == '-' {
			p.giveUp()
		}
	case ' ', '\n', 0, '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		p.giveUp()
	}
	end := p.plainEnd(start, flow)
	value := p.text[start:end]
	tag, ok := resolvePlain(value)
	if !ok {
		p.giveUp()
	}
	return p.scalarNode(tag, value, 0, start), end
}

// plainEnd returns the end of the plain scalar starting at offset start,
// trailing spaces excluded: before ": ", " #", the end of the line, and in
// flow context before any of ",[]{}?".
func (p *fastParser) plainEnd(start int, flow bool) int {
	end := start
	for j := start; ; j++ {
		switch c := p.at(j); c {
		case '\n', 0:
			return end
		case ' ':
			if p.at(j+1) == '#' {
				return end
			}
			continue
		case ':':
			if p.blankz(j + 1) {
				return end
			}
			if flow {
				switch p.at(j + 1) {
				case ',', '[', ']', '{', '}':
					p.giveUp()
				}
			}
		case ',', '[', ']', '{', '}', '?':
			if flow {
				return end
			}
		}
		end = j + 1
	}
}

// singleQuoted reads a single-quoted scalar that ends on its line.
func (p *fastParser) singleQuoted(start int) (*yaml.Node, int) {
	var b []byte
	from := start + 1
	for j := from; ; j++ {
		switch p.at(j) {
		case '\n', 0:
			p.giveUp()
		case '\'':
			if p.at(j+1) == '\'' {
				b = append(b, p.data[from:j+1]...)
				from = j + 2
				j++
				continue
			}
			value := p.text[from:j]
			if b != nil {
				value = string(append(b, value...))
			}
			return p.scalarNode("!!str", value, yaml.SingleQuotedStyle, start), j + 1
		}
	}
}

// doubleQuoted reads a double-quoted scalar without escapes that ends on
// its line.
func (p *fastParser) doubleQuoted(start int) (*yaml.Node, int) {
	for j := start + 1; ; j++ {
		switch p.at(j) {
		case '\n', 0, '\\':
			p.giveUp()
		case '"':
			return p.scalarNode("!!str", p.text[start+1:j], yaml.DoubleQuotedStyle, start), j + 1
		}
	}
}

// flow reads a flow sequence or mapping of scalars on one line, starting
// at offset i, and leaves i after it.
func (p *fastParser) flow() *yaml.Node {
	p.enter()
	defer p.leave()
	open := p.at(p.i)
	kind, tag, closing := yaml.SequenceNode, "!!seq", byte(']')
	if open == '{' {
		kind, tag, closing = yaml.MappingNode, "!!map", '}'
	}
	n := p.node(kind, tag, p.i)
	n.Style = yaml.FlowStyle
	base := len(p.stack)
	p.i++
	p.flowSpace()
	if p.at(p.i) == closing {
		p.i++
		n.Content = p.content(base)
		return n
	}
	for {
		start := p.i
		if kind == yaml.MappingNode {
			key, end := p.scalar(true)
			p.stack = append(p.stack, key)
			p.i = end
			p.flowSpace()
			if p.at(p.i) != ':' || !p.blankz(p.i+1) || p.i-start > fastMaxKey {
				p.giveUp()
			}
			p.i++
			p.flowSpace()
		}
		p.stack = append(p.stack, p.flowItem())
		p.flowSpace()
		switch p.at(p.i) {
		case ',':
			p.i++
			p.flowSpace()
			if c := p.at(p.i); c == ',' || c == closing {
				p.giveUp() // an empty entry
			}
			continue
		case closing:
			p.i++
			n.Content = p.content(base)
			return n
		}
		p.giveUp()
	}
}

// flowItem reads an entry of a flow sequence or the value of a flow
// mapping: a scalar or a nested flow collection. A scalar followed by ':'
// (a single-pair mapping in a sequence) is left to yaml.v3 by the caller,
// which finds no ',' or closing bracket after it.
func (p *fastParser) flowItem() *yaml.Node {
	if c := p.at(p.i); c == '[' || c == '{' {
		return p.flow()
	}
	n, end := p.scalar(true)
	p.i = end
	return n
}

// blockScalar reads a literal (|) or folded (>) block scalar at offset i,
// the value of a key or entry of a collection at indent, and advances to
// the next content line after it. It takes the common forms only: an
// optional chomping indicator, no indentation indicator, the first line
// of content right after the header, and (when folded) no line indented
// more than the first, nor blank lines holding more spaces than it.
func (p *fastParser) blockScalar(indent int) *yaml.Node {
	header := p.i
	style, chomp := yaml.LiteralStyle, byte(0)
	if p.at(header) == '>' {
		style = yaml.FoldedStyle
	}
	n := p.scalarNode("!!str", "", style, header)
	p.i++
	if c := p.at(p.i); c == '-' || c == '+' {
		chomp = c
		p.i++
	}
	if c := p.at(p.i); c != ' ' && c != '\n' && c != 0 {
		p.giveUp() // an indentation indicator, or text after the header
	}
	p.endLineOnly()
	// The content: lines indented at least as much as the first, and blank
	// lines among them.
	first := p.spaces(p.i)
	if first <= indent || p.at(p.i+first) == '\n' || p.at(p.i+first) == 0 {
		p.giveUp() // empty, or blank lines first
	}
	var b []byte
	breaks := 0 // blank lines since the last line of content
	lines := 0
	for p.i < len(p.data) {
		sp := p.spaces(p.i)
		end := p.lineEnd(p.i)
		if p.i+sp == end { // a blank line
			if sp > first {
				p.giveUp()
			}
			if end == len(p.data) {
				break
			}
			breaks++
			p.nextLine(end)
			continue
		}
		if sp < first {
			break
		}
		if sp > first && style == yaml.FoldedStyle {
			p.giveUp()
		}
		if end == len(p.data) {
			p.giveUp() // no newline after the last line
		}
		if lines > 0 {
			switch {
			case style == yaml.LiteralStyle:
				b = append(b, '\n')
				b = append(b, strings.Repeat("\n", breaks)...)
			case breaks == 0:
				b = append(b, ' ')
			default:
				b = append(b, strings.Repeat("\n", breaks)...)
			}
		}
		b = append(b, p.data[p.i+first:end]...)
		lines++
		breaks = 0
		p.nextLine(end)
	}
	switch chomp {
	case 0:
		b = append(b, '\n')
	case '+':
		b = append(b, strings.Repeat("\n", 1+breaks)...)
	}
	n.Value = string(b)
	p.advance()
	return n
}

// spaces counts the spaces at offset i.
func (p *fastParser) spaces(i int) int {
	j := i
	for p.at(j) == ' ' {
		j++
	}
	return j - i
}

// endLineOnly is endLine without the advance: the next line is left as it
// is, at its start.
func (p *fastParser) endLineOnly() {
	j := p.i
	for p.at(j) == ' ' {
		j++
	}
	switch p.at(j) {
	case '\n':
	case '#':
		if j == p.i {
			p.giveUp()
		}
		j = p.lineEnd(j)
	default:
		p.giveUp() // the end of the text right after the header, say
	}
	p.nextLine(j)
}

// flowSpace skips spaces inside a flow collection; a comment or the end
// of the line there is left to yaml.v3.
func (p *fastParser) flowSpace() {
	for p.at(p.i) == ' ' {
		p.i++
	}
	switch p.at(p.i) {
	case '\n', 0, '#':
		p.giveUp()
	}
}

// fastFloat is yaml.v3's pattern of floats written in YAML style.
var fastFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// fastWords are the plain scalars yaml.v3 resolves by table, with their
// tags (the empty scalar is not plain, and "<<", a merge key, is left to
// yaml.v3).
var fastWords = map[string]string{
	"true": "!!bool", "True": "!!bool", "TRUE": "!!bool",
	"false": "!!bool", "False": "!!bool", "FALSE": "!!bool",
	"~": "!!null", "null": "!!null", "Null": "!!null", "NULL": "!!null",
	".nan": "!!float", ".NaN": "!!float", ".NAN": "!!float",
	".inf": "!!float", ".Inf": "!!float", ".INF": "!!float",
	"+.inf": "!!float", "+.Inf": "!!float", "+.INF": "!!float",
	"-.inf": "!!float", "-.Inf": "!!float", "-.INF": "!!float",
}

// resolvePlain returns the tag yaml.v3 gives a plain scalar, following
// its resolve: words from a table, then by the first character timestamps,
// integers (decimal, 0x, 0o, 0b, old-style octal, with underscores) and
// floats, and strings for the rest. It reports ok=false for a scalar it
// leaves to yaml.v3.
func resolvePlain(s string) (tag string, ok bool) {
	if s == "" || s == "<<" {
		return "", false
	}
	if len(s) <= 5 {
		if tag, ok := fastWords[s]; ok {
			return tag, true
		}
	}
	switch c := s[0]; {
	case c == '.':
		for i := 1; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				// ParseFloat reads more than YAML floats here ("._1", ".5e3"...)
				return "", false
			}
		}
		if len(s) == 1 {
			return "!!str", true
		}
		return "!!float", true
	case c >= '0' && c <= '9', c == '+', c == '-':
		return resolveNumber(s), true
	}
	return "!!str", true
}

// resolveNumber returns the tag yaml.v3 gives a plain scalar starting with
// a digit or a sign.
func resolveNumber(s string) string {
	if isDecimal(s) {
		return "!!int"
	}
	if isDate(s) {
		return "!!timestamp"
	}
	if timestampish(s) {
		for _, format := range fastTimestampFormats {
			if _, err := time.Parse(format, s); err == nil {
				return "!!timestamp"
			}
		}
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if fastFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	if base, digits, neg, ok := radixInt(plain); ok {
		if _, err := strconv.ParseInt(digits, base, 64); err == nil {
			return "!!int"
		}
		if !neg {
			if _, err := strconv.ParseUint(digits, base, 64); err == nil {
				return "!!int"
			}
		}
	}
	return "!!str"
}

// radixInt splits off the 0b or 0o prefix (after an optional minus) that
// yaml.v3 reads after strconv has refused a number.
func radixInt(s string) (base int, digits string, neg, ok bool) {
	neg = strings.HasPrefix(s, "-")
	rest := strings.TrimPrefix(s, "-")
	switch {
	case strings.HasPrefix(rest, "0b"):
		base = 2
	case strings.HasPrefix(rest, "0o"):
		base = 8
	default:
		return 0, "", false, false
	}
	digits = rest[2:]
	if neg {
		digits = "-" + digits
	}
	return base, digits, neg, true
}

// fastTimestampFormats are the layouts yaml.v3 tries on a plain scalar
// that starts with four digits and a dash.
var fastTimestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// timestampish reports whether s starts with exactly four digits and a
// dash, yaml.v3's test before it tries the timestamp layouts.
func timestampish(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i == 4 && i < len(s) && s[i] == '-'
}

// isDecimal reports whether s is an optional sign and up to 18 decimal
// digits without a leading zero (or just "0"): an int to yaml.v3.
func isDecimal(s string) bool {
	d := s
	if d != "" && (d[0] == '+' || d[0] == '-') {
		d = d[1:]
	}
	if d == "" || len(d) > 18 || d[0] == '0' && len(d) > 1 {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// isDate reports whether s is a valid date written YYYY-MM-DD: a
// timestamp to yaml.v3.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	n := func(from, to int) int {
		v := 0
		for i := from; i < to; i++ {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			v = v*10 + int(s[i]-'0')
		}
		return v
	}
	y, m, d := n(0, 4), n(5, 7), n(8, 10)
	if y < 0 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
