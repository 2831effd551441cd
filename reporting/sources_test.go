package reporting_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// TestRuleFindings builds each example's report with the rules engine's
// findings and checks the compliance figures against the engine's own
// findings, counted here.
func TestRuleFindings(t *testing.T) {
	for _, name := range exampleNames(t) {
		t.Run(name, func(t *testing.T) {
			a := loadExample(t, name)
			e, err := rules.Compile(a)
			require.NoError(t, err)
			period := a.Records.Period
			r := build(t, a, period.String(), reporting.WithFindings(reporting.RuleFindings(e, a)))
			found, err := e.Check(context.Background(), a, rules.AsOf(period.To), rules.Period(period))
			require.NoError(t, err)
			var pass, fail, errs, na int
			failsBy := map[string]int{}
			for _, f := range found {
				switch f.Outcome {
				case rules.Pass:
					pass++
				case rules.Fail:
					fail++
					for _, c := range f.Enforces {
						failsBy[c]++
					}
				case rules.Errored:
					errs++
				default:
					na++
				}
			}
			s := r.Compliance
			assert.True(t, s.Assessed)
			assert.Equal(t, pass, s.Passed)
			assert.Equal(t, fail, s.Failed)
			assert.Equal(t, errs, s.Errors)
			assert.Equal(t, na, s.NotApplicable)
			assert.Len(t, s.Failures, fail+errs)
			got := map[string]int{}
			for _, tl := range s.ByCommitment {
				if tl.Count > 0 {
					got[tl.Key] = tl.Count
				}
			}
			assert.Equal(t, failsBy, got)
			for _, fc := range s.Failures {
				pr, ok := e.Pack().Rule(fc.Rule.ID)
				require.True(t, ok)
				assert.Equal(t, pr.Title, fc.Rule.Name, "the rule's title")
			}
		})
	}
}

func TestRuleFindingsStopsWithTheContext(t *testing.T) {
	a := loadExample(t, "kirklees")
	e, err := rules.Compile(a)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = reporting.Build(ctx, a, compact.FinancialYear(2013), reporting.WithFindings(reporting.RuleFindings(e, a)))
	assert.ErrorIs(t, err, context.Canceled)
}
