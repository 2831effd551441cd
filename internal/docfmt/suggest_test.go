package docfmt

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestClosest(t *testing.T) {
	kinds := []string{"Compact", "Directory", "Records", "RulePack"}
	for _, tc := range []struct {
		name, s    string
		candidates []string
		want       string
	}{
		{"other case", "compact", kinds, "Compact"},
		{"one letter off", "Directry", kinds, "Directory"},
		{"two letters swapped", "Rcords", kinds, "Records"},
		{"too far", "Minutes", kinds, ""},
		{"short names allow one edit", "abc", []string{"abd", "xyz"}, "abd"},
		{"short names allow no more", "abc", []string{"axy"}, ""},
		{"nearest wins", "steering-grup", []string{"steering-groups", "steering-group"}, "steering-group"},
		{"no candidates", "anything", nil, ""},
		{"distance capped at three", "a-very-long-name-indeed", []string{"a-very-long-nome-inded-xy"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, Closest(tc.s, tc.candidates))
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"café", "cafe", 1}, // runes, not bytes
	} {
		require.Equal(t, tc.want, editDistance(tc.a, tc.b), "%q ~ %q", tc.a, tc.b)
		require.Equal(t, tc.want, editDistance(tc.b, tc.a), "%q ~ %q", tc.b, tc.a)
	}
}

func ExampleClosest() {
	fmt.Printf("%q\n", Closest("fundng", []string{"consultation", "funding", "meeting"}))
	fmt.Printf("%q\n", Closest("minutes", []string{"consultation", "funding", "meeting"}))
	// Output:
	// "funding"
	// ""
}
