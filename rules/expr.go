package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Expr is a CEL expression as written in a rule pack, with the place it was
// written, so that a compile error points at the file, line and column of
// the mistake rather than at the start of the expression.
//
// In YAML an expression is a string. Long expressions read best as a folded
// block (>-), which joins the lines with spaces:
//
//	check: >-
//	  weeksBetween(consultation.opens, consultation.closes) >= params.consultationWeeks
//	  || consultation.shortPeriodRationale != ''
type Expr struct {
	// Text of the expression.
	Text string
	// Pos is where the value starts in its file. For a block written with |
	// or > it is the position of that sign; the text starts on the next line.
	Pos compact.Position

	style docfmt.ScalarStyle
}

// IsZero reports whether no expression was given.
func (e Expr) IsZero() bool { return e.Text == "" && !e.Pos.IsValid() }

// String returns the expression's text.
func (e Expr) String() string { return e.Text }

// MarshalText writes the expression's text, so JSON shows it as a string.
func (e Expr) MarshalText() ([]byte, error) { return []byte(e.Text), nil }

// UnmarshalScalar reads an expression from a document. It implements
// [docfmt.ScalarUnmarshaler]. A value YAML reads as a number or a boolean
// (check: true) is an expression too.
func (e *Expr) UnmarshalScalar(s docfmt.Scalar) error {
	switch s.Kind {
	case docfmt.ScalarString, docfmt.ScalarBool, docfmt.ScalarInt, docfmt.ScalarFloat:
	default:
		return &docfmt.TypeMismatch{Want: "a CEL expression", Got: s}
	}
	*e = Expr{Text: s.Text, Pos: compact.Position(s.Pos), style: s.Style}
	return nil
}

// position maps a place in the expression (a 1-based line and a 0-based
// column in characters, as CEL reports them) to a place in the file, using
// the file's lines (line returns the text of a file line). The text of a
// YAML string is not always the text of the file: quotes, escapes, folded
// lines and indentation differ. position walks the file and the text side
// by side, so every style maps exactly; should the two ever disagree it
// falls back to the start of the expression.
func (e Expr) position(line func(int) string, celLine, celCol int) compact.Position {
	// The character offset of the place in the text.
	target := 0
	rest := e.Text
	for l := 1; l < celLine; l++ {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		target += utf8.RuneCountInString(rest[:i]) + 1
		rest = rest[i+1:]
	}
	target += max(celCol, 0)

	w := walker{line: line, n: e.Pos.Line, style: e.style}
	switch e.style {
	case docfmt.StyleLiteral, docfmt.StyleFolded:
		w.next() // the text starts on the line after | or >
	default:
		w.src = line(w.n)
		w.i = runeIndex(w.src, e.Pos.Column-1)
		if e.style == docfmt.StyleSingleQuoted || e.style == docfmt.StyleDoubleQuoted {
			w.i++ // the opening quote
		}
	}
	runes := []rune(e.Text)
	for _, r := range runes[:min(target, len(runes))] {
		if !w.consume(r) {
			return e.Pos
		}
	}
	if target < len(runes) {
		w.seek(runes[target])
	}
	if w.src == "" {
		return e.Pos
	}
	return compact.Position{File: e.Pos.File, Line: w.n, Column: utf8.RuneCountInString(w.src[:min(w.i, len(w.src))]) + 1}
}

// walker steps through the file text of a scalar.
type walker struct {
	line  func(int) string
	n     int    // current line number
	src   string // current line
	i     int    // byte index in src
	style docfmt.ScalarStyle
}

// next moves to the first non-blank character of the next line.
func (w *walker) next() {
	w.n++
	w.src = w.line(w.n)
	w.i = 0
	for w.i < len(w.src) && (w.src[w.i] == ' ' || w.src[w.i] == '\t') {
		w.i++
	}
}

func (w *walker) atEOL() bool { return w.i >= len(w.src) }

// consume matches one character of the text against the file, reporting
// whether they agree.
func (w *walker) consume(r rune) bool {
	for guard := 0; guard < 1000; guard++ {
		if w.atEOL() {
			w.next()
			if r == ' ' || r == '\n' {
				return true // a folded or kept line break
			}
			continue
		}
		c, size := utf8.DecodeRuneInString(w.src[w.i:])
		switch {
		case w.style == docfmt.StyleDoubleQuoted && c == '\\':
			if w.i+1 == len(w.src) { // an escaped line break
				w.next()
				continue
			}
			w.i += escapeLen(w.src[w.i:])
			return true
		case w.style == docfmt.StyleSingleQuoted && c == '\'' && strings.HasPrefix(w.src[w.i:], "''"):
			w.i += 2
			return r == '\''
		case c == r:
			w.i += size
			return true
		case c == ' ' || c == '\t':
			w.i += size // spaces the text folded away
		case r == ' ' || r == '\t':
			return true // indentation kept in the text, which next() skipped in the file
		default:
			return false
		}
	}
	return false
}

// seek moves past what the file has and the text does not (line breaks,
// indentation, escaped line breaks) to the place of the text character r.
func (w *walker) seek(r rune) {
	if r == ' ' || r == '\n' {
		return // a break or a space stands where it is
	}
	for guard := 0; guard < 1000; guard++ {
		switch {
		case w.atEOL():
			if w.line(w.n+1) == "" && w.line(w.n+2) == "" {
				return
			}
			w.next()
		case w.style == docfmt.StyleDoubleQuoted && w.src[w.i] == '\\' && w.i+1 == len(w.src):
			w.next()
		case w.src[w.i] == ' ' || w.src[w.i] == '\t':
			w.i++
		default:
			return
		}
	}
}

// escapeLen is the length of the escape sequence at the start of s.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	n := map[byte]int{'x': 4, 'u': 6, 'U': 10}[s[1]]
	if n == 0 {
		n = 2
	}
	return min(n, len(s))
}

// runeIndex returns the byte index of the n-th character of s.
func runeIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
