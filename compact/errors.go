package compact

import (
	"errors"
	"fmt"
	"strings"
)

// Error classes. Every [*Error] wraps exactly one of these, so callers can
// test for a class with [errors.Is] on a single error or on an [Errors] list.
var (
	// ErrSyntax: the file is not well-formed YAML or JSON.
	ErrSyntax = errors.New("syntax error")
	// ErrHeader: apiVersion or kind is missing, unknown or unsupported.
	ErrHeader = errors.New("bad document header")
	// ErrUnknownField: a field the document kind does not define.
	ErrUnknownField = errors.New("unknown field")
	// ErrType: a value of the wrong type (a list where a string belongs, say).
	ErrType = errors.New("wrong type")
	// ErrMissing: a required field is absent.
	ErrMissing = errors.New("missing field")
	// ErrValue: a value of the right type that is not allowed (a bad date, a
	// value outside an enumeration, a malformed id).
	ErrValue = errors.New("bad value")
	// ErrDuplicate: an id, key or name given twice where it must be unique.
	ErrDuplicate = errors.New("duplicate")
	// ErrReference: a reference to something that does not exist.
	ErrReference = errors.New("unresolved reference")
	// ErrOrder: dates that form a range are out of order.
	ErrOrder = errors.New("dates out of order")
	// ErrLayering: a tailoring of a base compact that cannot be applied.
	ErrLayering = errors.New("layering error")
	// ErrLimit: input larger than a documented limit.
	ErrLimit = errors.New("limit exceeded")
	// ErrIO: a file or folder could not be read.
	ErrIO = errors.New("cannot read")
)

// Position is a place in a source document. Line and Column are 1-based; a
// zero Line means the position is unknown (for values built in Go code).
type Position struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// IsValid reports whether the position names a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:column, leaving out what is unknown.
func (p Position) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	}
}

// Error is one problem with one place in a document: where it is, the path of
// the field (for example "consultations[2].closes"), and what was expected.
type Error struct {
	Pos  Position `json:"pos"`
	Path string   `json:"path,omitempty"`
	Msg  string   `json:"message"`
	// Err is the class of the problem: one of the Err* values of this package,
	// or a class defined by a package that builds on this one.
	Err error `json:"-"`
	// Line is the text of the source line, when known, for caret snippets.
	// For a long line it is a part of the line around the column, at most
	// [MaxQuotedLine] characters.
	Line string `json:"-"`

	lineSkip int // characters of the source line before Line
}

// Error formats the problem on one line: "file:line:col: path: message".
func (e *Error) Error() string {
	var b strings.Builder
	if s := e.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the class of the problem.
func (e *Error) Unwrap() error { return e.Err }

// Snippet returns the source line with a caret under the column (just the
// line when the column is not known), or "" when the line is not known.
func (e *Error) Snippet() string {
	if e.Line == "" {
		return ""
	}
	line, col := e.Line, e.Pos.Column-e.lineSkip
	if r := []rune(line); len(r) > MaxQuotedLine { // a Line set by another package
		from := min(max(col-1-MaxQuotedLine/2, 0), len(r)-MaxQuotedLine)
		line, col = string(r[from:from+MaxQuotedLine]), col-from
	}
	if e.Pos.Column <= 0 {
		return " | " + line
	}
	// Tabs keep their width so that the caret lines up in a terminal.
	pad := make([]byte, 0, max(col, 0))
	for i := 0; i < col-1 && i < len(line); i++ {
		if line[i] == '\t' {
			pad = append(pad, '\t')
		} else {
			pad = append(pad, ' ')
		}
	}
	return fmt.Sprintf(" | %s\n | %s^", line, pad)
}

// Errors is a list of problems, reported together. It is never returned
// empty: functions return a nil error instead.
type Errors []*Error

// Error joins the problems one per line.
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems, so [errors.Is] and [errors.As] look inside.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// AsErrors flattens err into a list of positioned problems. An *Error or an
// Errors is returned as is; any other error becomes one problem without a
// position. It returns nil for a nil error.
func AsErrors(err error) Errors {
	if err == nil {
		return nil
	}
	var list Errors
	if errors.As(err, &list) {
		return list
	}
	var one *Error
	if errors.As(err, &one) {
		return Errors{one}
	}
	return Errors{{Msg: err.Error(), Err: err}}
}

// problems collects errors while a document is checked.
type problems struct {
	list Errors
	srcs map[string]*source // by file name, for quoting lines
}

func newProblems(srcs ...*source) *problems {
	p := &problems{srcs: make(map[string]*source, len(srcs))}
	for _, s := range srcs {
		p.srcs[s.name] = s
	}
	return p
}

func (p *problems) add(pos Position, path string, class error, format string, args ...any) {
	e := &Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...), Err: class}
	if s := p.srcs[pos.File]; s != nil {
		e.Line, e.lineSkip = s.lineWindow(pos.Line, pos.Column)
	}
	p.list = append(p.list, e)
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return p.list
}
