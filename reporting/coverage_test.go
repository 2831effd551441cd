package reporting_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// TestComplianceStatesCoverage: the compliance section says in a sentence
// how many of the compact's commitments are checked, with the counts.
func TestComplianceStatesCoverage(t *testing.T) {
	a := loadExample(t, "national")
	e, err := rules.Compile(a)
	require.NoError(t, err)
	cov := e.Coverage()
	r := build(t, a, "2011-12", reporting.WithFindings(reporting.RuleFindings(e)), reporting.WithCoverage(cov))
	s := r.Compliance
	require.NotNil(t, s.Coverage)
	require.Equal(t, reporting.CoverageCounts{Commitments: cov.Total, Checked: cov.Checked, NotCheckable: cov.NotCheckable}, *s.Coverage)
	require.Equal(t, cov.Total, cov.Checked+cov.NotCheckable)
	require.Equal(t, cov.Summary()+".", s.Summary[0])
	require.Regexp(t, `^\d+ of the compact's \d+ commitments are checked; \d+ cannot be checked from records\.$`, s.Summary[0])

	// Without it, the section says nothing about coverage.
	r = build(t, a, "2011-12", reporting.WithFindings(reporting.RuleFindings(e)))
	require.Nil(t, r.Compliance.Coverage)
}

// TestSemanticsOnDemand: with WithSemantics each failed check says how its
// rule reads the records; without it, it does not.
func TestSemanticsOnDemand(t *testing.T) {
	a := loadExample(t, "kirklees")
	e, err := rules.Compile(a)
	require.NoError(t, err)
	src := reporting.WithFindings(reporting.RuleFindings(e))
	r := build(t, a, "2013-14", src, reporting.WithSemantics())
	require.NotEmpty(t, r.Compliance.Failures)
	for _, f := range r.Compliance.Failures {
		pr, ok := e.Pack().Rule(f.Rule.ID)
		require.True(t, ok)
		require.NotEmpty(t, f.Semantics, f.Rule.ID)
		require.Equal(t, strings.Join(strings.Fields(pr.Semantics), " "), f.Semantics)
	}
	var md strings.Builder
	require.NoError(t, r.WriteMarkdown(&md))
	require.Contains(t, md.String(), "| How the rule reads the records |")

	r = build(t, a, "2013-14", src)
	for _, f := range r.Compliance.Failures {
		require.Empty(t, f.Semantics)
	}
}

// TestRenewalAtALowerAmountIsACut: the funding section counts a renewal at
// a lower yearly amount as a reduction, as the rules do
// (compact.FundingDecision.Change).
func TestRenewalAtALowerAmountIsACut(t *testing.T) {
	a := loadExample(t, "national")
	f := a.Records.Funding[0]
	f.ID, f.Kind, f.PreviousAmount, f.Amount = "renewal-cut", compact.FundingRenewal, 100000, 70000
	a.Records.Funding = append(a.Records.Funding, f)
	r := build(t, a, "2011-12")
	var got *reporting.FundingCut
	for i := range r.Funding.Cuts {
		if r.Funding.Cuts[i].ID == "renewal-cut" {
			got = &r.Funding.Cuts[i]
		}
	}
	require.NotNil(t, got)
	require.Contains(t, got.Says, "reduction")
}
