package reporting_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// TestParametersInForce: the report measures against the parameter values
// the rules engine checks with, after every layer (pack default, an
// extending pack's overrides, the compact), whether or not it is given the
// engine.
func TestParametersInForce(t *testing.T) {
	// Testshire's compact without the funding notice parameter, so an
	// extending pack's override is what is in force.
	noNotice := strings.Replace(testCompact, "  fundingNoticeMonths: 3\n", "", 1)
	pack := func(override string) string {
		return "apiVersion: compactkit/v1\nkind: RulePack\nid: testshire\ntitle: Testshire rules\nextends: national\n" +
			"disable:\n" + disableNational + override
	}
	tests := []struct {
		name       string
		compact    string
		pack       string
		wantMonths int
		wantSetBy  string
	}{
		{"an extending pack's override", noNotice, pack("overrides:\n  fundingNoticeMonths: 6\n"), 6,
			"The compact does not set fundingNoticeMonths; rule pack testshire sets it to 6."},
		{"the declaring pack's default", noNotice, pack(""), 3,
			"The compact does not set fundingNoticeMonths; rule pack national's default of 3 is used."},
		{"the compact wins over the pack", testCompact, pack("overrides:\n  fundingNoticeMonths: 6\n"), 3,
			"Compact testshire sets fundingNoticeMonths: 3."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseArea(t, tt.compact, testDirectory, testRecords, tt.pack)
			e, err := rules.Compile(a)
			require.NoError(t, err)
			s, ok := e.Pack().Parameter("fundingNoticeMonths")
			require.True(t, ok)
			engineMonths, _ := s.Value.AsFloat()
			require.Equal(t, tt.wantMonths, int(engineMonths), "the engine")

			for _, opts := range [][]reporting.Option{nil, {reporting.WithFindings(reporting.RuleFindings(e))}} {
				r := build(t, a, "2024-25", opts...)
				require.Equal(t, tt.wantMonths, r.Funding.NoticeMonths)
				require.Equal(t, tt.wantSetBy, r.Funding.SetBy)
			}
		})
	}
}

// disableNational turns off the national rules that enforce commitments
// Testshire's compact does not have, so the pack compiles for it.
var disableNational = func() string {
	var b strings.Builder
	// Every rule of the national pack (examples/national/rules.yaml).
	for _, id := range []string{"consultation-length", "consultation-approach", "consultation-feedback", "funding-rationale", "funding-notice", "impact-before-decision", "respond-before-decision", "equality-impact-assessment", "multi-year-funding", "payment-in-advance", "full-cost-recovery", "independence-campaigning", "body-meets", "annual-report", "champion-nominated", "member-attendance", "membership-written-commitment", "member-term", "signature-endorsed", "meeting-attendance-recorded", "report-timely", "compact-reviewed"} {
		b.WriteString("  - {rule: " + id + ", reason: Not a Testshire commitment.}\n")
	}
	return b.String()
}()
