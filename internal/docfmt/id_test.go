package docfmt

import (
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
