package compact

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error classes. Every [*Error] wraps exactly one of these, so callers can
// test for a class with [errors.Is] on a single error or on an [Errors] list.
// Each class has a stable machine code (see [Code] and the table in the
// package documentation); the English text may change, the code does not.
var (
	// ErrSyntax: the file is not well-formed YAML or JSON.
	ErrSyntax = NewClass("syntax", "syntax error", nil)
	// ErrHeader: apiVersion or kind is missing, unknown or unsupported.
	ErrHeader = NewClass("bad-header", "bad document header", nil)
	// ErrUnknownField: a field the document kind does not define.
	ErrUnknownField = NewClass("unknown-field", "unknown field", nil)
	// ErrType: a value of the wrong type (a list where a string belongs, say).
	ErrType = NewClass("wrong-type", "wrong type", nil)
	// ErrMissing: a required field is absent.
	ErrMissing = NewClass("missing-field", "missing field", nil)
	// ErrValue: a value of the right type that is not allowed (a bad date, a
	// value outside an enumeration, a malformed id).
	ErrValue = NewClass("bad-value", "bad value", nil)
	// ErrBadDate: a date that is not written YYYY-MM-DD or is not a day in
	// the calendar (2024-02-30). It is a kind of ErrValue: errors.Is matches
	// both.
	ErrBadDate = NewClass("bad-date", "bad date", ErrValue)
	// ErrDuplicate: an id, key or name given twice where it must be unique.
	ErrDuplicate = NewClass("duplicate", "duplicate", nil)
	// ErrReference: a reference to something that does not exist.
	ErrReference = NewClass("dangling-reference", "unresolved reference", nil)
	// ErrOrder: dates that form a range are out of order.
	ErrOrder = NewClass("dates-out-of-order", "dates out of order", nil)
	// ErrLayering: a tailoring of a base compact that cannot be applied.
	ErrLayering = NewClass("layering", "layering error", nil)
	// ErrLimit: input larger than a documented limit.
	ErrLimit = NewClass("limit-exceeded", "limit exceeded", nil)
	// ErrEmpty: an area with no documents (see [AllowEmpty]).
	ErrEmpty = NewClass("empty-area", "no documents", nil)
	// ErrIO: a file or folder could not be read.
	ErrIO = NewClass("io", "cannot read", nil)
)

// CodeUnclassified is the code [Code] gives an error that belongs to no
// class: a bug, or an error from outside compactkit.
const CodeUnclassified = "unclassified"

// class is an error class with a stable machine code, and optionally a
// broader class it belongs to.
type class struct {
	code, msg string
	parent    error
}

func (c *class) Error() string  { return c.msg }
func (c *class) Code() string   { return c.code }
func (c *class) Unwrap() error  { return c.parent }
func (c *class) String() string { return c.code }

// NewClass returns a new error class for packages that build on this one:
// code is its stable machine code (lower case words joined by '-', unique
// across compactkit), msg its English name (the error's text). When parent
// is not nil the class is a kind of parent: [errors.Is] matches both, and
// [Code] gives the narrower code.
func NewClass(code, msg string, parent error) error {
	return &class{code: code, msg: msg, parent: parent}
}

// Code returns the stable machine code of err's class: the first class
// found walking err's chain ([errors.As] order), "" for a nil error and
// [CodeUnclassified] when err has no class.
func Code(err error) string {
	if err == nil {
		return ""
	}
	var c interface{ Code() string }
	if errors.As(err, &c) {
		if code := c.Code(); code != "" {
			return code
		}
	}
	return CodeUnclassified
}

// classify returns err's own class when it has one (ErrBadDate from a date
// parser, say), else def.
func classify(err, def error) error {
	var c *class
	if errors.As(err, &c) {
		return c
	}
	return def
}

// classed is an error with a message and a class, for parsers that return
// plain errors (ParseDate) whose class the decoder keeps.
type classed struct {
	class error
	msg   string
}

func (e *classed) Error() string { return e.msg }
func (e *classed) Unwrap() error { return e.class }

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
	// or a class defined by a package that builds on this one with
	// [NewClass]. [Error.Code] gives its machine code.
	Err error `json:"-"`
	// Cause is the error underneath, when there is one (an *fs.PathError
	// from reading the file, say); [errors.Is] and [errors.As] see it.
	Cause error `json:"-"`
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

// Unwrap returns the class of the problem and its cause, so [errors.Is]
// finds both (errors.Is(err, fs.ErrNotExist) on a file that is missing).
func (e *Error) Unwrap() []error {
	out := make([]error, 0, 2)
	for _, x := range []error{e.Err, e.Cause} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// Code returns the stable machine code of the problem's class (its cause's
// when it has no class), or [CodeUnclassified].
func (e *Error) Code() string {
	for _, x := range []error{e.Err, e.Cause} {
		if c := Code(x); c != "" && c != CodeUnclassified {
			return c
		}
	}
	return CodeUnclassified
}

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

// Sort puts the problems in reading order: by file, then line, then
// column. It is stable, so problems at the same place keep the order they
// were found in, and the same input always lists them the same way.
func (es Errors) Sort() {
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(strings.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column))
	})
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
	return Errors{{Msg: err.Error(), Err: classify(err, nil), Cause: err}}
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
	p.addCause(pos, path, class, nil, format, args...)
}

// addCause is add for a problem with an error underneath it.
func (p *problems) addCause(pos Position, path string, class, cause error, format string, args ...any) {
	e := &Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...), Err: class, Cause: cause}
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
