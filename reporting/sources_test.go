package reporting_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
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
			r := build(t, a, period.String(), reporting.WithFindings(reporting.RuleFindings(e)))
			found, err := e.Check(context.Background(), rules.AsOf(period.To), rules.Period(period))
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
	_, err = reporting.Build(ctx, a, compact.FinancialYear(2013), reporting.WithFindings(reporting.RuleFindings(e)))
	assert.ErrorIs(t, err, context.Canceled)
}

// TestDisputeCases builds the report of each example with a dispute
// procedure from its cases, and checks the figures against the cases'
// states, counted here.
func TestDisputeCases(t *testing.T) {
	var n int
	for _, name := range exampleNames(t) {
		a := loadExample(t, name)
		p, err := dispute.New(a)
		if errors.Is(err, dispute.ErrNoProcedure) {
			continue
		}
		require.NoError(t, err)
		n++
		t.Run(name, func(t *testing.T) {
			period := a.Records.Period
			r := build(t, a, period.String(), reporting.WithCases(reporting.DisputeCases(p)))
			cases, err := p.Cases(t.Context())
			require.NoError(t, err)
			var raised, closed, open, actions, lessons int
			outcomes := map[string]int{}
			for _, c := range cases {
				st := c.State()
				if st.Raised.IsZero() || st.Raised.After(period.To) || (!st.ClosedOn.IsZero() && st.ClosedOn.Before(period.From)) {
					continue
				}
				if !st.Raised.Before(period.From) {
					raised++
				}
				if !st.ClosedOn.IsZero() && !st.ClosedOn.After(period.To) {
					closed++
					outcomes[string(st.Outcome)]++
				} else {
					open++
				}
				actions += len(st.Actions)
				lessons += len(st.Lessons)
			}
			s := r.Disputes
			assert.True(t, s.Assessed)
			assert.Equal(t, raised, s.Raised)
			assert.Equal(t, closed, s.Closed)
			assert.Equal(t, open, s.Open)
			got := map[string]int{}
			var gotActions, gotLessons int
			for _, tl := range s.ByOutcome {
				got[tl.Key] = tl.Count
			}
			for _, c := range s.Cases {
				gotActions += len(c.Actions)
				gotLessons += len(c.Lessons)
			}
			assert.Equal(t, outcomes, got)
			assert.Equal(t, actions, gotActions)
			assert.Equal(t, lessons, gotLessons)
		})
	}
	assert.Positive(t, n, "some example has a dispute procedure")

	a := loadExample(t, "kirklees")
	p, err := dispute.New(a)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = reporting.Build(ctx, a, compact.FinancialYear(2013), reporting.WithCases(reporting.DisputeCases(p)))
	assert.ErrorIs(t, err, context.Canceled)
}
