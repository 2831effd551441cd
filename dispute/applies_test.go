package dispute_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

// TestComplaintCodeLimitsNotAppliedToCasesBeforeTheCode: the Complaint
// Handling Code's working-day limits carry the date they apply from, so
// Kent's 2013 complaint is not judged by them; the same case, had the Code
// applied then, would be.
func TestComplaintCodeLimitsNotAppliedToCasesBeforeTheCode(t *testing.T) {
	ids := func(a *compact.Area) []string {
		p, err := dispute.New(a)
		require.NoError(t, err)
		cases, err := p.Cases(t.Context())
		require.NoError(t, err)
		require.NotEmpty(t, cases)
		var out []string
		for _, d := range cases[0].Deadlines(t.Context(), compact.MustParseDate("2013-04-18")) {
			out = append(out, d.ID)
		}
		return out
	}
	a := loadArea(t, "../examples/kent")
	got := ids(a)
	require.NotContains(t, got, "acknowledge")
	require.NotContains(t, got, "respond")
	require.Contains(t, got, "complete", "the 12-week limit is not the Code's and has no date")

	for i := range a.Compact.DisputeProcedure.Stages {
		s := &a.Compact.DisputeProcedure.Stages[i]
		for j := range s.Limits {
			if !s.Limits[j].AppliesFrom.IsZero() {
				s.Limits[j].AppliesFrom = compact.MustParseDate("2013-01-01")
			}
		}
	}
	got = ids(a)
	require.Contains(t, got, "acknowledge")
	require.Contains(t, got, "respond")
}
