package compact

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRender(t *testing.T) {
	words := func(name string) (Quantity, bool) {
		switch name {
		case "fundingNoticeMonths":
			return Quantity{IntValue(6), "months"}, true
		case "one":
			return Quantity{IntValue(1), "months"}, true
		case "consultationWeeks":
			return Quantity{IntValue(12), "weeks"}, true
		case "reviewers":
			return Quantity{IntValue(1), "working days"}, true
		case "bare":
			return Quantity{Value: IntValue(3)}, true
		}
		return Quantity{}, false
	}
	cases := []struct{ in, want string }{
		{"At least {fundingNoticeMonths}' notice in writing", "At least 6 months' notice in writing"},
		{"At least {one}' notice", "At least 1 month's notice"},
		{"conduct {consultationWeeks:n}-week consultations", "conduct 12-week consultations"},
		{"within {reviewers}", "within 1 working day"},
		{"{bare} reviewers", "3 reviewers"},
		{"no placeholder", "no placeholder"},
		{"{unknown} stays, {fundingNoticeMonths} renders", "{unknown} stays, 6 months renders"},
		{"a brace { alone and {not a name}", "a brace { alone and {not a name}"},
		{"unclosed {fundingNoticeMonths", "unclosed {fundingNoticeMonths"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			require.Equal(t, tc.want, Render(tc.in, words))
		})
	}
	require.Equal(t, []string{"a", "b"}, Placeholders("{a} {b:n} {a} {not one}"))
}
