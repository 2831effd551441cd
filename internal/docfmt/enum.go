package docfmt

import (
	"fmt"
	"slices"
	"strings"
)

// Enum is implemented by every enumerated type of the documents. Values lists
// the allowed spellings, in documentation order; schema generators use it.
type Enum interface {
	Values() []string
}

// EnumStrings returns the values of an enumeration as strings, for Values
// methods and messages.
func EnumStrings[T ~string](all []T) []string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = string(v)
	}
	return out
}

// ParseEnum reads an enumerated value from a document scalar: it must be a
// string and one of all. what names the enumeration in messages ("kind of
// funding decision"); a near miss gets a "did you mean" hint. Packages that
// define enumerations of their own call it from their UnmarshalScalar.
func ParseEnum[T ~string](s Scalar, all []T, what string) (T, error) {
	if s.Kind != ScalarString {
		return "", &TypeMismatch{Want: what + " (" + strings.Join(EnumStrings(all), ", ") + ")", Got: s}
	}
	if v := T(s.Text); slices.Contains(all, v) {
		return v, nil
	}
	msg := fmt.Sprintf("%q is not a %s; expected one of %s", s.Text, what, strings.Join(EnumStrings(all), ", "))
	if near := Closest(s.Text, EnumStrings(all)); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return "", fmt.Errorf("%s", msg)
}
