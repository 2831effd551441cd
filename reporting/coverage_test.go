package reporting_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// TestComplianceStatesCoverage: the compliance section says in a sentence
// how many of the compact's commitments are checked, with the counts.
func TestComplianceStatesCoverage(t *testing.T) {
	a := loadExample(t, "national")
	e, err := rules.Compile(a)
	require.NoError(t, err)
	cov := e.Coverage(a)
	r := build(t, a, "2011-12", reporting.WithFindings(reporting.RuleFindings(e, a)), reporting.WithCoverage(cov))
	s := r.Compliance
	require.NotNil(t, s.Coverage)
	require.Equal(t, reporting.CoverageCounts{Commitments: cov.Total, Checked: cov.Checked, NotCheckable: cov.NotCheckable}, *s.Coverage)
	require.Equal(t, cov.Total, cov.Checked+cov.NotCheckable)
	require.Equal(t, cov.Summary()+".", s.Summary[0])
	require.Regexp(t, `^\d+ of the compact's \d+ commitments are checked; \d+ cannot be checked from records\.$`, s.Summary[0])

	// Without it, the section says nothing about coverage.
	r = build(t, a, "2011-12", reporting.WithFindings(reporting.RuleFindings(e, a)))
	require.Nil(t, r.Compliance.Coverage)
}
