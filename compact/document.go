package compact

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/compactkit/compactkit/internal/docfmt"
	yaml "go.yaml.in/yaml/v3"
)

// APIVersion is the document format this library reads and writes. Documents
// with any other apiVersion are refused.
const APIVersion = "compactkit/v1"

// Limits on input. They keep a mistaken or hostile file from exhausting
// memory; real areas are far smaller.
const (
	// MaxFileBytes is the largest document file read. An area's busiest year
	// of records is a few hundred kilobytes; 32 MiB leaves room for bulk
	// imports while refusing files that are clearly not documents.
	MaxFileBytes = 32 << 20
	// MaxFiles is the most document files read from one folder tree, so that
	// pointing the loader at the wrong folder fails fast.
	MaxFiles = 10_000
)

// Kind is the kind of a document.
type Kind string

// The document kinds of compactkit/v1. This package decodes Compact,
// Directory and Records; the packages that own the others decode them from
// the [Document] values an [Area] keeps.
const (
	KindCompact       Kind = "Compact"       // a compact (package compact)
	KindDirectory     Kind = "Directory"     // organisations and people (package compact)
	KindRecords       Kind = "Records"       // consultations, funding, meetings ... (package compact)
	KindRulePack      Kind = "RulePack"      // compliance rules in CEL (package rules)
	KindRoleCatalogue Kind = "RoleCatalogue" // roles and their duties (package roles)
	KindDispute       Kind = "Dispute"       // a dispute case and its events (package dispute)
	KindDisputeEvent  Kind = "DisputeEvent"  // one event to apply to a case (package dispute)
	KindDisputeKeys   Kind = "DisputeKeys"   // the public keys that sign an area's dispute events (package dispute)
	KindActionPlan    Kind = "ActionPlan"    // a joint action plan (package reporting)
	KindPriorities    Kind = "Priorities"    // a statement of annual priorities (package reporting)
	KindImportMapping Kind = "ImportMapping" // how a register's columns become records (package importer)
	KindDraft         Kind = "Draft"         // a record not yet made, to plan (package plan)
)

var kinds = []Kind{KindCompact, KindDirectory, KindRecords, KindRulePack, KindRoleCatalogue, KindDispute,
	KindDisputeEvent, KindActionPlan, KindPriorities, KindImportMapping,
	KindDisputeKeys, KindDraft}

// Kinds lists every document kind of compactkit/v1.
func Kinds() []Kind { return slices.Clone(kinds) }

// Values lists the document kinds.
func (Kind) Values() []string { return docfmt.EnumStrings(kinds) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *Kind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, kinds, "document kind")
	return
}

// source is the text of one file, kept so errors can quote lines.
type source struct {
	name  string
	data  []byte
	lines []int // offsets of line starts
}

func newSource(name string, data []byte) *source {
	s := &source{name: name, data: data, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

func (s *source) line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	start := s.lines[n-1]
	end := len(s.data)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	return strings.TrimRight(string(s.data[start:end]), "\r")
}

// Document is one parsed document: its header and its content, ready to be
// decoded into the Go type of its kind with Decode.
type Document struct {
	// APIVersion from the header.
	APIVersion string
	// Kind from the header.
	Kind Kind
	// ID is the document's id field, when it has one.
	ID string
	// Pos is where the document starts.
	Pos Position

	src *source
	seq int // the document's place in its file's YAML stream

	// The node tree and the index of paths and positions are most of the
	// memory of a loaded area (tens of times the text), so the index is
	// built on first use (most documents never need it: it serves errors
	// and the positions of a few values), and the area drops both once it
	// has decoded its directory and records (release); they are rebuilt
	// from the text if ever needed again. mu guards them: an Area's
	// documents are shared between goroutines.
	mu         sync.Mutex
	pre        *predecoded // the directory or records, decoded as the file was read
	node       *yaml.Node
	paths      map[string]Position // field path -> position of the value
	pathsByPos map[Position]string // position -> shortest path starting there
}

// tree returns the document's node, parsing the text again if it was
// released.
func (d *Document) tree() *yaml.Node {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.treeLocked()
}

func (d *Document) treeLocked() *yaml.Node {
	if d.node == nil {
		nodes, err := parseNodes(d.src.data)
		if err != nil || d.seq >= len(nodes) {
			// The text parsed once and has not changed; this cannot happen.
			panic(fmt.Sprintf("compact: %s no longer parses: %v", d.src.name, err))
		}
		d.node = contentOf(nodes[d.seq])
	}
	return d.node
}

// index returns the document's paths and positions, building them on
// first use.
func (d *Document) index() (paths map[string]Position, byPos map[Position]string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.paths == nil {
		d.paths, d.pathsByPos = map[string]Position{}, map[Position]string{}
		d.indexNode(d.treeLocked(), "")
	}
	return d.paths, d.pathsByPos
}

// release drops the node tree and the index; they are rebuilt from the
// text when needed.
func (d *Document) release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.node, d.paths, d.pathsByPos = nil, nil, nil
}

// predecoded is a document decoded as soon as its file was parsed, so its
// node tree could be dropped before the next file is read: reading an area
// then holds one file's tree per core, not every file's.
type predecoded struct {
	v   any
	err error
}

// predecode decodes a directory or records document into its Go value,
// keeps the value (or the errors) for [NewArea], and releases the tree.
func (d *Document) predecode() {
	var v any
	switch d.Kind {
	case KindDirectory:
		v = new(Directory)
	case KindRecords:
		v = new(Records)
	default:
		return
	}
	err := d.Decode(v)
	d.release()
	d.mu.Lock()
	d.pre = &predecoded{v: v, err: err}
	d.mu.Unlock()
}

// decodeTo decodes the document into v (a *Directory or *Records), taking
// the value decoded when its file was read if there is one (once: a second
// call decodes the text again).
func (d *Document) decodeTo(v any) error {
	d.mu.Lock()
	pre := d.pre
	d.pre = nil
	d.mu.Unlock()
	if pre != nil {
		switch x := v.(type) {
		case *Directory:
			if y, ok := pre.v.(*Directory); ok {
				*x = *y
				return pre.err
			}
		case *Records:
			if y, ok := pre.v.(*Records); ok {
				*x = *y
				return pre.err
			}
		}
	}
	return d.Decode(v)
}

// contentOf returns the root value of a document node.
func contentOf(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return n
}

// File returns the name of the file the document was read from.
func (d *Document) File() string { return d.src.name }

// Decode decodes the document into v, a pointer to a struct, strictly: an
// unknown field, a value of the wrong type, a bad date or enumeration value,
// or a missing required field is an error. Every problem in the document is
// reported, in an [Errors] list, each with its position and field path.
//
// Field names come from the json struct tags; a field without omitempty is
// required. A field of type [Position] tagged json:"-" receives the position
// of the mapping it belongs to. Types implementing [docfmt.ScalarUnmarshaler] read
// themselves. YAML aliases are refused.
func (d *Document) Decode(v any) error {
	dec := newDecoder(d.src)
	dec.decodeInto(d.tree(), v)
	return dec.p.err()
}

// PositionOf returns the position of the value at a field path (as in
// "commitments[2].principles[0]") after Decode, or the document's position
// when the path was not seen. Packages that check decoded documents use it
// to point their errors at the exact value.
func (d *Document) PositionOf(path string) Position {
	if p, ok := d.position(path); ok {
		return p
	}
	return d.Pos
}

// position returns the position of the value at a field path, if seen.
func (d *Document) position(path string) (Position, bool) {
	paths, _ := d.index()
	p, ok := paths[path]
	return p, ok
}

// Line returns the text of line n (1-based) of the file the document was read
// from, or "" when there is no such line. Packages that point inside a value
// (a column in a CEL expression, say) quote the line under a caret with it.
func (d *Document) Line(n int) string { return d.src.line(n) }

// pathAt returns the field path of the value that starts at pos.
func (d *Document) pathAt(pos Position) (string, bool) {
	_, byPos := d.index()
	path, ok := byPos[pos]
	return path, ok
}

// indexNode records the path and position of every value under n, so that
// errors found after decoding can point at the value.
func (d *Document) indexNode(n *yaml.Node, path string) {
	pos := Position{File: d.src.name, Line: n.Line, Column: n.Column}
	d.paths[path] = pos
	if old, ok := d.pathsByPos[pos]; !ok || len(path) < len(old) {
		d.pathsByPos[pos] = path
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				d.indexNode(n.Content[i+1], join(path, k.Value))
			}
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			d.indexNode(item, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// Errorf builds a positioned error about the value at a field path of the
// document, quoting its source line. class is the error class for
// [errors.Is] (ErrReference, say).
func (d *Document) Errorf(path string, class error, format string, args ...any) *Error {
	p := newProblems(d.src)
	p.add(d.PositionOf(path), path, class, format, args...)
	return p.list[0]
}

// String describes the document for messages: its kind, id and position.
func (d *Document) String() string {
	if d.ID != "" {
		return fmt.Sprintf("%s %q (%s)", d.Kind, d.ID, d.Pos)
	}
	return fmt.Sprintf("%s (%s)", d.Kind, d.Pos)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse reads every document in data (a YAML stream or a JSON document),
// named name in errors. Each document must carry apiVersion compactkit/v1 and
// a known kind. Empty documents are skipped. Problems are reported together
// as [Errors].
func Parse(name string, data []byte) ([]*Document, error) { return parse(name, data, false) }

// parse is Parse; eager decodes the directory and records documents at
// once and drops their trees (see predecode).
func parse(name string, data []byte, eager bool) ([]*Document, error) {
	p := newProblems()
	if len(data) > MaxFileBytes {
		p.add(Position{File: name}, "", ErrLimit, "file is %d bytes; the limit is %d", len(data), MaxFileBytes)
		return nil, p.err()
	}
	if strings.EqualFold(filepath.Ext(name), ".json") {
		// A raw tab can only be whitespace in JSON, but YAML refuses tabs for
		// indentation; replacing them keeps columns and meaning.
		data = bytes.ReplaceAll(data, []byte{'\t'}, []byte{' '})
	}
	src := newSource(name, data)
	p.srcs[name] = src
	if line, col, msg, bad := encodingProblem(data); bad {
		p.add(Position{File: name, Line: line, Column: col}, "", ErrSyntax, "%s", msg)
		return nil, p.err()
	}
	nodes, err := parseNodes(data)
	if err != nil {
		pos := Position{File: name}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			pos.Line, _ = strconv.Atoi(m[1])
			msg = m[2]
			if parserError(msg) {
				// The YAML parser (unlike its scanner) reports a 0-based line.
				pos.Line = min(pos.Line+1, len(src.lines))
			}
			if strings.Contains(msg, "tab character") {
				pos.Line, pos.Column = tabAt(src, pos.Line)
			}
		}
		p.add(pos, "", ErrSyntax, "%s", msg)
		return nil, p.err()
	}
	var docs []*Document
	for i, n := range nodes {
		checkValues(src, n, "", p)
		if doc := readHeader(src, n, p); doc != nil {
			doc.seq = i
			docs = append(docs, doc)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if eager {
		for _, d := range docs {
			d.predecode()
		}
	}
	return docs, nil
}

// parseNodes parses a YAML stream into document nodes. The fast parser
// (parseFast) takes the streams it can read, giving the same nodes; the
// others go to the third-party parser, where a panic becomes a syntax
// error, not a crash.
func parseNodes(data []byte) (nodes []*yaml.Node, err error) {
	if nodes, ok := parseFast(data); ok {
		return nodes, nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the file cannot be parsed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nodes, nil
			}
			return nil, err
		}
		nodes = append(nodes, &n)
	}
}

// parserError reports whether a YAML error message comes from the parser
// stage (these are the parser's own messages; the scanner's differ).
func parserError(msg string) bool {
	for _, s := range []string{"<document start>", "node content", "key", "'-' indicator", "',' or ']'", "',' or '}'"} {
		if msg == "did not find expected "+s {
			return true
		}
	}
	return false
}

func readHeader(src *source, n *yaml.Node, p *problems) *Document {
	pos := Position{File: src.name, Line: n.Line, Column: n.Column}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
		pos = Position{File: src.name, Line: n.Line, Column: n.Column}
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // a document holding only comments
	}
	if n.Kind != yaml.MappingNode {
		p.add(pos, "", ErrType, "a document must be a mapping with apiVersion and kind, found %s", describeNode(n))
		return nil
	}
	doc := &Document{Pos: pos, src: src, node: n}
	var sawVersion, sawKind bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		vpos := Position{File: src.name, Line: v.Line, Column: v.Column}
		switch k.Value {
		case "apiVersion":
			sawVersion = true
			doc.APIVersion = v.Value
			if v.Kind != yaml.ScalarNode || v.Value != APIVersion {
				p.add(vpos, "apiVersion", ErrHeader, "unsupported apiVersion %q; this library reads %q", v.Value, APIVersion)
			}
		case "kind":
			sawKind = true
			doc.Kind = Kind(v.Value)
			if v.Kind != yaml.ScalarNode || !slices.Contains(kinds, doc.Kind) {
				msg := fmt.Sprintf("unknown kind %q; expected one of %s", v.Value, strings.Join(docfmt.EnumStrings(kinds), ", "))
				if near := docfmt.Closest(v.Value, docfmt.EnumStrings(kinds)); near != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", near)
				}
				p.add(vpos, "kind", ErrHeader, "%s", msg)
			}
		case "id":
			if v.Kind == yaml.ScalarNode {
				doc.ID = v.Value
			}
		}
	}
	if !sawVersion {
		p.add(pos, "apiVersion", ErrHeader, "missing apiVersion; every document starts with apiVersion: %s", APIVersion)
	}
	if !sawKind {
		p.add(pos, "kind", ErrHeader, "missing kind; expected one of %s", strings.Join(docfmt.EnumStrings(kinds), ", "))
	}
	return doc
}

// isDocumentFile reports whether a file name has a document extension.
func isDocumentFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// skipDir reports whether a folder is left out of an area: hidden folders
// and testdata.
func skipDir(name string) bool {
	return name != "." && (strings.HasPrefix(name, ".") || name == "testdata")
}

// ReadFile reads the documents in one file. Only a regular file is read:
// a named pipe, a device or a socket is an error, as is a file over
// [MaxFileBytes].
func ReadFile(name string) ([]*Document, error) {
	return (&reader{}).readFile(name)
}

func errClass(err error) error {
	if errors.Is(err, ErrLimit) {
		return ErrLimit
	}
	return ErrIO
}

// ReadDir reads every document file (.yaml, .yml, .json) in a folder and its
// sub-folders, in lexical order, skipping hidden folders, testdata and what
// the folder's [IgnoreFile] lists. All problems in all files are reported
// together. Files that are not regular (named pipes, devices, sockets) are
// skipped, and links to folders are not followed; [LoadArea] reports what
// was skipped in [Area.Warnings].
func ReadDir(dir string) ([]*Document, error) {
	return (&reader{}).readFS(os.DirFS(dir), ".", dir)
}

// ReadFS is ReadDir on the folder root of a file system (an embed.FS, say).
// In positions, files are named prefix joined with their path below root.
//
// Files are read and parsed on every core (runtime.GOMAXPROCS), each file
// on its own; the documents and problems come back in file order whatever
// the number of cores.
func ReadFS(fsys fs.FS, root, prefix string) ([]*Document, error) {
	return (&reader{}).readFS(fsys, root, prefix)
}

// relTo is p relative to root, both slash-separated paths of an fs.FS.
func relTo(root, p string) string {
	if root == "." {
		return p
	}
	return strings.TrimPrefix(p, root+"/")
}
