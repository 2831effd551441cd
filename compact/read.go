package compact

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// More limits on input, beside [MaxFileBytes] and [MaxFiles].
const (
	// MaxAreaBytes is the most bytes all the document files of one folder
	// tree may hold together. Decoding takes about thirty times a file's
	// size in memory; 64 MiB of documents is far more than any area's
	// records and keeps loading well under a few gigabytes. Set it with
	// [WithMaxAreaBytes].
	MaxAreaBytes = 64 << 20

	// MaxValueBytes is the longest single value (a string, a number, a key)
	// a document may hold, in bytes: 16 KiB is four pages of text, and no
	// reason given for a decision or clause of an agreement runs longer.
	// The rules engine's cost bounds rest on it (a rule's worst case is
	// estimated with strings of this length), so unlike the other limits it
	// cannot be raised.
	MaxValueBytes = 16 << 10

	// MaxNameBytes is the longest value of a field that names or
	// identifies something (an id, a name, a position, a kind; see
	// [ValueLimit]): 256 bytes is a long organisation's name twice over.
	// Rules compare these with each other, in loops, so their cost bound
	// rests on it as it does on MaxValueBytes.
	MaxNameBytes = 256

	// MaxQuotedLine is the most characters of a source line an error quotes
	// under a caret: enough to show the context of the column, never the
	// whole of a line ten megabytes long.
	MaxQuotedLine = 160
)

// ErrSkipped is the class of a warning: a file left out of an area because
// it is not a regular file (a named pipe, a device, a socket, a link to a
// folder). Warnings are in [Area.Warnings]; they never stop loading.
var ErrSkipped = NewClass("skipped", "skipped", nil)

// WithMaxFileBytes sets the largest document file read, in bytes
// (default [MaxFileBytes]); 0 or less keeps the default.
func WithMaxFileBytes(n int64) Option {
	return func(o *options) {
		if n > 0 {
			o.read.maxFile = n
		}
	}
}

// WithMaxAreaBytes sets the most bytes the document files of one area may
// hold together (default [MaxAreaBytes]); 0 or less keeps the default.
func WithMaxAreaBytes(n int64) Option {
	return func(o *options) {
		if n > 0 {
			o.read.maxArea = n
		}
	}
}

// readLimits are the limits of one read of an area.
type readLimits struct {
	maxFile int64 // 0 is MaxFileBytes
	maxArea int64 // 0 is MaxAreaBytes
}

func (l readLimits) file() int64 { return cmp0(l.maxFile, MaxFileBytes) }
func (l readLimits) area() int64 { return cmp0(l.maxArea, MaxAreaBytes) }

func cmp0(n, def int64) int64 {
	if n <= 0 {
		return def
	}
	return n
}

// reader reads the document files of one area, keeping count of the bytes
// read and of the files skipped.
type reader struct {
	limits   readLimits
	total    int64
	warnings Errors
	// eager decodes directory and records documents as their file is
	// parsed and drops their node trees (see Document.predecode), so an
	// area being loaded holds one file's tree per core, not every file's.
	eager bool
}

// readPath reads an area from a folder or a file.
func readPath(path string, limits readLimits) ([]*Document, Errors, error) {
	r := &reader{limits: limits, eager: true}
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, Errors{{Pos: Position{File: path}, Msg: statMessage(path, err), Err: ErrIO, Cause: err}}
	}
	var docs []*Document
	if info.IsDir() {
		if subs, err := AreasIn(path); err == nil && len(subs) > 0 {
			return nil, nil, parentOfAreas(path, subs)
		}
		docs, err = r.readFS(os.DirFS(path), ".", path)
	} else {
		docs, err = r.readFile(path)
	}
	return docs, r.warnings, err
}

// statMessage words a failure to look at a file, naming a loop of
// symbolic links as such.
func statMessage(name string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or folder"
	}
	if errors.Is(err, syscall.ELOOP) {
		return fmt.Sprintf("%s is a loop of symbolic links (each points, in the end, at itself)", name)
	}
	return err.Error()
}

// kindOf words what a file that is not a regular file is.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "not a regular file"
}

// readFile reads one file named on its own: anything but a regular file is
// an error, since the caller asked for it by name.
func (r *reader) readFile(name string) ([]*Document, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, Errors{{Pos: Position{File: name}, Msg: statMessage(name, err), Err: ErrIO, Cause: err}}
	}
	if !info.Mode().IsRegular() {
		return nil, Errors{{Pos: Position{File: name}, Err: ErrIO,
			Msg: fmt.Sprintf("%s is %s; only regular files are read", name, kindOf(info.Mode()))}}
	}
	data, err := r.read(os.Open(name))
	if err != nil {
		return nil, Errors{{Pos: Position{File: name}, Msg: err.Error(), Err: errClass(err), Cause: err}}
	}
	return parse(name, data, r.eager)
}

// read reads an open file, refusing one over the file or area limit
// before reading it whole, and one that turns out not to be regular.
func (r *reader) read(f fs.File, err error) ([]byte, error) {
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrIO, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil {
		if !info.Mode().IsRegular() {
			return nil, fmt.Errorf("%w: it is %s; only regular files are read", ErrIO, kindOf(info.Mode()))
		}
		if err := r.fits(info.Size()); err != nil {
			return nil, err
		}
	}
	limit := r.limits.file()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrIO, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: file is larger than %d bytes, the limit for one file", ErrLimit, limit)
	}
	return data, nil
}

// fits counts a file of size bytes against the limits.
func (r *reader) fits(size int64) error {
	if limit := r.limits.file(); size > limit {
		return fmt.Errorf("%w: file is %d bytes; the limit for one file is %d", ErrLimit, size, limit)
	}
	r.total += size
	if limit := r.limits.area(); r.total > limit {
		return fmt.Errorf("%w: the area's files come to more than %d bytes, the limit for one area, by this one", ErrLimit, limit)
	}
	return nil
}

// readFS reads every document file under root of fsys. Files that are not
// regular are skipped with a warning; links are followed to files, never
// to folders, so a loop of folder links cannot trap the walk.
func (r *reader) readFS(fsys fs.FS, root, prefix string) ([]*Document, error) {
	var files []string
	nameOf := func(f string) string {
		rel := f
		if root != "." {
			rel = strings.TrimPrefix(f, root+"/")
		}
		return filepath.Join(prefix, filepath.FromSlash(rel))
	}
	var all Errors
	ignore, err := ReadIgnore(fsys, root, prefix)
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (skipDir(d.Name()) || ignore.Match(relTo(root, p), true)) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || ignore.Match(relTo(root, p), false) {
			return nil
		}
		if d.Type().IsRegular() {
			if isDocumentFile(p) {
				files = append(files, p)
			}
		} else if e := r.irregular(fsys, p, d, nameOf(p)); e != nil {
			all = append(all, e)
		} else if r.linkToFile(fsys, p) && isDocumentFile(p) {
			files = append(files, p)
		}
		if len(files) > MaxFiles {
			return fmt.Errorf("%w: more than %d document files", ErrLimit, MaxFiles)
		}
		return nil
	})
	if err != nil {
		return nil, Errors{{Pos: Position{File: prefix}, Msg: err.Error(), Err: errClass(err), Cause: err}}
	}
	out := r.readAll(fsys, files, nameOf)
	r.parseAll(out)
	var docs []*Document
	for _, o := range out {
		all = append(all, o.errs...)
		docs = append(docs, o.docs...)
	}
	if len(all) > 0 {
		return nil, all
	}
	return docs, nil
}

// fileRead is one file of an area: its text, then its documents, or its
// problems.
type fileRead struct {
	name string
	data []byte
	docs []*Document
	errs Errors
}

// readAll reads the files one after another (the limits add up across
// them), stopping once the area's limit is passed.
func (r *reader) readAll(fsys fs.FS, files []string, nameOf func(string) string) []fileRead {
	out := make([]fileRead, 0, len(files))
	for _, f := range files {
		name := nameOf(f)
		data, err := r.read(fsys.Open(f))
		if err != nil {
			out = append(out, fileRead{name: name, errs: Errors{{Pos: Position{File: name}, Msg: err.Error(), Err: errClass(err), Cause: err}}})
			if errors.Is(err, ErrLimit) && r.total > r.limits.area() {
				break // every file after is over the limit too
			}
			continue
		}
		out = append(out, fileRead{name: name, data: data})
	}
	return out
}

// parseAll parses the files read on every core; each result stays in its
// file's slot, so the order is the files' whatever the number of cores.
func (r *reader) parseAll(out []fileRead) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(out)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(out); i = int(next.Add(1) - 1) {
				if o := &out[i]; o.data != nil {
					d, err := parse(o.name, o.data, r.eager)
					o.docs, o.errs = d, AsErrors(err)
				}
			}
		})
	}
	wg.Wait()
}

// irregular looks at an entry that is not a regular file: a link is
// followed to see what it points at; anything else is skipped with a
// warning. It returns an error for a link that leads nowhere or in a loop.
func (r *reader) irregular(fsys fs.FS, p string, d fs.DirEntry, name string) *Error {
	if d.Type()&fs.ModeSymlink == 0 {
		if isDocumentFile(p) {
			r.warnings = append(r.warnings, &Error{Pos: Position{File: name}, Err: ErrSkipped,
				Msg: fmt.Sprintf("skipped: %s, not a regular file", kindOf(d.Type()))})
		}
		return nil
	}
	info, err := fs.Stat(fsys, p)
	switch {
	case err != nil && errors.Is(err, syscall.ELOOP):
		return &Error{Pos: Position{File: name}, Err: ErrIO, Cause: err, Msg: statMessage(name, err)}
	case err != nil && isDocumentFile(p):
		return &Error{Pos: Position{File: name}, Err: ErrIO, Cause: err, Msg: fmt.Sprintf("%s is a symbolic link to nothing that can be read: %v", name, err)}
	case err != nil, info.Mode().IsRegular():
		return nil
	case info.IsDir():
		r.warnings = append(r.warnings, &Error{Pos: Position{File: name}, Err: ErrSkipped,
			Msg: "skipped: a link to a folder; links to folders are not followed"})
	case isDocumentFile(p):
		r.warnings = append(r.warnings, &Error{Pos: Position{File: name}, Err: ErrSkipped,
			Msg: fmt.Sprintf("skipped: a link to %s, not a regular file", kindOf(info.Mode()))})
	}
	return nil
}

// linkToFile reports whether p is a link to a regular file.
func (r *reader) linkToFile(fsys fs.FS, p string) bool {
	info, err := fs.Stat(fsys, p)
	return err == nil && info.Mode().IsRegular()
}

// encodingProblem finds the first NUL byte or invalid UTF-8 in data and
// returns its line and column (in characters, 1-based) and what is wrong.
// YAML refuses both, but without saying where.
func encodingProblem(data []byte) (line, col int, msg string, bad bool) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return 1, 1, "the file is UTF-16 text; save it as UTF-8", true
	}
	if bytes.IndexByte(data, 0) < 0 && utf8.Valid(data) {
		return 0, 0, "", false
	}
	line, col = 1, 1
	for i := 0; i < len(data); {
		c, size := utf8.DecodeRune(data[i:])
		switch {
		case c == 0:
			return line, col, "a NUL byte (\\0) cannot appear in a document; the file may be binary or UTF-16", true
		case c == utf8.RuneError && size == 1:
			return line, col, fmt.Sprintf("byte 0x%02x is not UTF-8; save the file as UTF-8", data[i]), true
		case c == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return 0, 0, "", false
}

// nameFields are the fields whose values name or identify something, held
// to MaxNameBytes.
var nameFields = map[string]bool{
	"id": true, "name": true, "position": true, "kind": true, "role": true, "status": true, "severity": true,
	"organisation": true, "person": true, "body": true, "owner": true, "funder": true, "recipient": true,
	"party": true, "to": true, "positions": true, "attendees": true, "signatories": true, "principles": true,
	"enforces": true,
}

// ValueLimit returns the longest value, in bytes, a field of a document
// may hold: [MaxNameBytes] for a field that names or identifies something
// (id, name, position, kind, organisation ...), [MaxValueBytes] for any
// other. Decoding enforces it; package rules estimates the cost of rules
// with it.
func ValueLimit(field string) int {
	if nameFields[field] {
		return MaxNameBytes
	}
	return MaxValueBytes
}

// checkValues refuses every value under n longer than its field's
// ValueLimit, at its place and path.
func checkValues(src *source, n *yaml.Node, path string, p *problems) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			checkValues(src, c, path, p)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if len(k.Value) > MaxValueBytes {
				p.add(Position{File: src.name, Line: k.Line, Column: k.Column}, path, ErrLimit,
					"a key is %d bytes long; the limit for one value is %d (compact.MaxValueBytes)", len(k.Value), MaxValueBytes)
				continue
			}
			if !checkName(src, k.Value, n.Content[i+1], join(path, k.Value), p) {
				checkValues(src, n.Content[i+1], join(path, k.Value), p)
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			checkValues(src, c, fmt.Sprintf("%s[%d]", path, i), p)
		}
	case yaml.ScalarNode:
		if len(n.Value) > MaxValueBytes {
			p.add(Position{File: src.name, Line: n.Line, Column: n.Column}, path, ErrLimit,
				"the value is %d bytes long; the limit for one value is %d (compact.MaxValueBytes): split long text, or keep it in a file the record links to", len(n.Value), MaxValueBytes)
		}
	}
}

// checkName holds the value of a field that names things (a scalar, or a
// list of scalars) to MaxNameBytes, and reports whether it found one over.
func checkName(src *source, field string, v *yaml.Node, path string, p *problems) bool {
	if ValueLimit(field) != MaxNameBytes {
		return false
	}
	items, at := []*yaml.Node{v}, func(int) string { return path }
	if v.Kind == yaml.SequenceNode {
		items, at = v.Content, func(i int) string { return fmt.Sprintf("%s[%d]", path, i) }
	}
	over := false
	for i, item := range items {
		if item.Kind == yaml.ScalarNode && len(item.Value) > MaxNameBytes && len(item.Value) <= MaxValueBytes {
			p.add(Position{File: src.name, Line: item.Line, Column: item.Column}, at(i), ErrLimit,
				"a %s is at most %d bytes (compact.MaxNameBytes), but this is %d", field, MaxNameBytes, len(item.Value))
			over = true
		}
	}
	return over
}

// tabAt finds the tab in the indentation that the YAML scanner complains
// of: it names the line before it, and no column.
func tabAt(src *source, line int) (int, int) {
	for n := max(line, 1); n <= min(line+2, len(src.lines)); n++ {
		text := src.line(n)
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		if i := strings.IndexByte(indent, '\t'); i >= 0 {
			return n, i + 1
		}
	}
	return line, 0
}

// lineWindow returns about MaxQuotedLine characters of line n around the
// column col (1-based), and how many come before the window. Only the
// window is copied.
func (s *source) lineWindow(n, col int) (string, int) {
	if n < 1 || n > len(s.lines) {
		return "", 0
	}
	start := s.lines[n-1]
	end := len(s.data)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	raw := s.data[start:end]
	if len(raw) <= MaxQuotedLine {
		return strings.TrimRight(string(raw), "\r"), 0
	}
	// Columns count characters; the window is found by bytes, which is the
	// same for the ASCII that documents mostly are, and costs nothing
	// however long the line: a file can hold many errors on one line.
	i := min(max(col-1-MaxQuotedLine/2, 0), len(raw))
	for i > 0 && i < len(raw) && !utf8.RuneStart(raw[i]) {
		i--
	}
	j := min(i+MaxQuotedLine, len(raw))
	for j < len(raw) && !utf8.RuneStart(raw[j]) {
		j++
	}
	return strings.TrimRight(string(raw[i:j]), "\r"), i
}
