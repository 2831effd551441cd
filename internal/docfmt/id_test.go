package docfmt

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestValidID(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"kirklees-2012", true},
		{"national_2010.v2", true},
		{"9-to-5", true},
		{"", false},
		{"-leading-dash", false},
		{".hidden", false},
		{"has space", false},
		{"slash/in", false},
		{"café", false},
		{strings.Repeat("a", MaxIDLength), true},
		{strings.Repeat("a", MaxIDLength+1), false},
	} {
		require.Equal(t, tc.want, ValidID(tc.id), "%q", tc.id)
	}
}

func TestValidParameterName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"fundingNoticeMonths", true},
		{"_private", true},
		{"weeks12", true},
		{"", false},
		{"12weeks", false},
		{"funding-notice", false},
		{"funding.notice", false},
		{strings.Repeat("p", MaxIDLength), true},
		{strings.Repeat("p", MaxIDLength+1), false},
	} {
		require.Equal(t, tc.want, ValidParameterName(tc.name), "%q", tc.name)
	}
}

// FuzzValidID: the hand-written check agrees with the pattern it stands
// for, on any string.
func FuzzValidID(f *testing.F) {
	pattern := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	for _, s := range []string{"", "a", "a-b.c_d", "-a", "a b", "é", "a\n", strings.Repeat("x", MaxIDLength+1)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, len(s) <= MaxIDLength && pattern.MatchString(s), ValidID(s), "%q", s)
	})
}
