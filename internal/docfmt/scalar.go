package docfmt

import "fmt"

// ScalarKind is the type a document gave a single value.
type ScalarKind int

// The kinds of scalar a document can hold. YAML decides the kind from how the
// value is written: 12 is an int, "12" and twelve are strings, 2024-03-01
// unquoted is a timestamp.
const (
	ScalarString ScalarKind = iota + 1
	ScalarInt
	ScalarFloat
	ScalarBool
	ScalarTimestamp
	ScalarNull
	// ScalarList and ScalarMap are not scalars: they tell a ScalarUnmarshaler
	// that a list or a mapping was found where it expected a single value.
	ScalarList
	ScalarMap
)

// String names the kind the way error messages do.
func (k ScalarKind) String() string {
	switch k {
	case ScalarString:
		return "a string"
	case ScalarInt:
		return "an integer"
	case ScalarFloat:
		return "a number"
	case ScalarBool:
		return "true or false"
	case ScalarTimestamp:
		return "a date"
	case ScalarNull:
		return "nothing (null)"
	case ScalarList:
		return "a list"
	case ScalarMap:
		return "a mapping"
	}
	return "a value"
}

// ScalarStyle is how a string was quoted in the document. Packages that map
// positions inside a value (a CEL expression, say) need it to know where the
// text starts.
type ScalarStyle int

// The ways a scalar can be written.
const (
	StylePlain ScalarStyle = iota
	StyleSingleQuoted
	StyleDoubleQuoted
	StyleLiteral // a block starting with |
	StyleFolded  // a block starting with >
)

// indicatorStyles maps the character a quoted or block scalar starts with
// to its style.
var indicatorStyles = map[rune]ScalarStyle{'\'': StyleSingleQuoted, '"': StyleDoubleQuoted, '|': StyleLiteral, '>': StyleFolded}

// StyleOf returns the style of a scalar whose text in the document starts
// with c, its indicator: ' or " for the quoted styles, | or > for the block
// styles, StylePlain for any other character.
func StyleOf(c rune) ScalarStyle {
	return indicatorStyles[c]
}

// Scalar is a single value read from a document, with its kind, text and
// position.
type Scalar struct {
	Kind  ScalarKind
	Text  string
	Style ScalarStyle
	// Pos is where the value starts in the document. For block styles
	// (StyleLiteral, StyleFolded) it is the position of the | or > sign; the
	// text starts on the next line.
	Pos Position
}

// ScalarUnmarshaler is implemented by types that read themselves from a
// single document value. The document decoder calls UnmarshalScalar with the
// value and reports any error at the value's position; returning a
// *TypeMismatch gives the standard "expected X, found Y" message.
type ScalarUnmarshaler interface {
	UnmarshalScalar(Scalar) error
}

// TypeMismatch is the error a ScalarUnmarshaler returns for a value of the
// wrong kind.
type TypeMismatch struct {
	Want string
	Got  Scalar
}

func (e *TypeMismatch) Error() string {
	if e.Got.Kind == ScalarNull {
		return fmt.Sprintf("expected %s, found nothing; give a value or remove the field", e.Want)
	}
	if e.Got.Kind == ScalarList || e.Got.Kind == ScalarMap {
		return fmt.Sprintf("expected %s, found %s", e.Want, e.Got.Kind)
	}
	return fmt.Sprintf("expected %s, found %s %q", e.Want, e.Got.Kind, e.Got.Text)
}

// Position is where a scalar starts in a document: the file, and the line
// and column counted from 1. It has the fields of compact.Position, which
// converts from it; a zero Line means the place is unknown.
type Position struct {
	File   string
	Line   int
	Column int
}
