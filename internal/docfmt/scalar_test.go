package docfmt

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestScalarKindNames(t *testing.T) {
	for k, want := range map[ScalarKind]string{
		ScalarString: "a string", ScalarInt: "an integer", ScalarFloat: "a number",
		ScalarBool: "true or false", ScalarTimestamp: "a date", ScalarNull: "nothing (null)",
		ScalarList: "a list", ScalarMap: "a mapping", ScalarKind(0): "a value",
	} {
		require.Equal(t, want, k.String())
	}
}

func TestStyleOf(t *testing.T) {
	for c, want := range map[rune]ScalarStyle{
		'\'': StyleSingleQuoted, '"': StyleDoubleQuoted, '|': StyleLiteral, '>': StyleFolded,
		'a': StylePlain, '-': StylePlain, ' ': StylePlain,
	} {
		require.Equal(t, want, StyleOf(c), "%q", c)
	}
}

func TestTypeMismatch(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  Scalar
		want string
	}{
		{"a value of another kind is quoted", Scalar{Kind: ScalarInt, Text: "12"},
			`expected a date, found an integer "12"`},
		{"nothing says how to mend it", Scalar{Kind: ScalarNull, Text: "null"},
			"expected a date, found nothing; give a value or remove the field"},
		{"a list has no text", Scalar{Kind: ScalarList}, "expected a date, found a list"},
		{"a mapping has no text", Scalar{Kind: ScalarMap}, "expected a date, found a mapping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.EqualError(t, &TypeMismatch{Want: "a date", Got: tc.got}, tc.want)
		})
	}
}

type colour string

var colours = []colour{"red", "green", "blue"}

func TestParseEnum(t *testing.T) {
	for _, tc := range []struct {
		name     string
		s        Scalar
		want     colour
		err      string
		mismatch bool
	}{
		{"a value listed", Scalar{Kind: ScalarString, Text: "green"}, "green", "", false},
		{"a near miss gets a hint", Scalar{Kind: ScalarString, Text: "gren"}, "",
			`"gren" is not a colour; expected one of red, green, blue (did you mean "green"?)`, false},
		{"a far miss gets none", Scalar{Kind: ScalarString, Text: "purple"}, "",
			`"purple" is not a colour; expected one of red, green, blue`, false},
		{"case matters for the value", Scalar{Kind: ScalarString, Text: "Red"}, "",
			`"Red" is not a colour; expected one of red, green, blue (did you mean "red"?)`, false},
		{"not a string", Scalar{Kind: ScalarInt, Text: "3"}, "",
			`expected colour (red, green, blue), found an integer "3"`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseEnum(tc.s, colours, "colour")
			if tc.err == "" {
				require.NoError(t, err)
				require.Equal(t, tc.want, got)
				return
			}
			require.EqualError(t, err, tc.err)
			var tm *TypeMismatch
			require.Equal(t, tc.mismatch, errors.As(err, &tm))
			require.Empty(t, got)
		})
	}
}

func TestEnumStrings(t *testing.T) {
	require.Equal(t, []string{"red", "green", "blue"}, EnumStrings(colours))
	require.Empty(t, EnumStrings[colour](nil))
}
