package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// planArea is an area whose pack has one rule on funding decisions with
// the plan step STEP (YAML, indented under plan:).
const planArea = `apiVersion: compactkit/v1
kind: Compact
id: c
title: C
parameters: {noticeMonths: 6}
commitments:
  - {id: notice, party: public, text: Notice.}
  - {id: meeting, party: public, text: A meeting.}
facts:
  funding:
    offered: {type: date, description: d}
    panel: {type: enum, values: [cabinet, officer], description: e}
---
apiVersion: compactkit/v1
kind: RulePack
id: p
title: P
parameters:
  noticeMonths: {type: int, default: 3, unit: months}
  meetingDays: {type: int, default: 10, unit: working days}
rules:
  - id: r
    title: R
    enforces: [notice]
    on: funding
    severity: breach
    when: funding.kind == 'reduction'
    check: has(funding.noticeGiven) && monthsBetween(funding.noticeGiven, funding.effective) >= params.noticeMonths
    message: "'gave ' + string(monthsBetween(funding.noticeGiven, funding.effective)) + ' months notice'"
    plan:
%s
`

func TestPlanSteps(t *testing.T) {
	cases := []struct {
		name  string
		step  string
		draft compact.FundingDecision
		want  string // the step's date, or its error
		err   string // a compile error
	}{
		{"months back from the effective date",
			"      noticeBy: {title: 'Give {noticeMonths} notice', date: 'addMonths(funding.effective, -params.noticeMonths)', field: noticeGiven}",
			compact.FundingDecision{Effective: compact.MustParseDate("2025-10-01")}, "2025-04-01", ""},
		{"working days back over Easter",
			"      meetingBy: {title: Offer a meeting, date: 'addWorkingDays(funding.effective, -params.meetingDays)', days: working, commitment: meeting, field: facts.offered}",
			compact.FundingDecision{Effective: compact.MustParseDate("2025-04-23")}, "2025-04-07", ""},
		{"a draft without the date the step needs",
			"      noticeBy: {title: T, date: 'addMonths(funding.effective, -params.noticeMonths)'}",
			compact.FundingDecision{}, "addMonths: ", ""},
		{"a step that is not a date",
			"      noticeBy: {title: T, date: 'funding.effective < funding.decided'}",
			compact.FundingDecision{}, "", "must give a date, but this gives bool"},
		{"working days not declared",
			"      noticeBy: {title: T, date: 'addWorkingDays(funding.effective, -5)'}",
			compact.FundingDecision{}, "", "say so with days: working"},
		{"working days declared but not counted",
			"      noticeBy: {title: T, date: 'addDays(funding.effective, -5)', days: working}",
			compact.FundingDecision{}, "", "its date counts none"},
		{"a field the record lacks",
			"      noticeBy: {title: T, date: 'funding.effective', field: noticeGivn}",
			compact.FundingDecision{}, "", `no date field "noticeGivn"; did you mean "noticeGiven"?`},
		{"a fact that is not a date",
			"      noticeBy: {title: T, date: 'funding.effective', field: facts.panel}",
			compact.FundingDecision{}, "", "dates fact panel, which is enum, not a date"},
		{"an undeclared placeholder",
			"      noticeBy: {title: 'Give {noticeMonth}', date: 'funding.effective'}",
			compact.FundingDecision{}, "", "names {noticeMonth}, which no rule pack of p declares; did you mean {noticeMonths}?"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := compact.Parse("area.yaml", []byte(fmt.Sprintf(planArea, tc.step)))
			require.NoError(t, err)
			a, err := compact.NewArea(docs)
			require.NoError(t, err)
			e, err := rules.Compile(a)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			draft := tc.draft
			draft.ID, draft.Funder, draft.Recipient, draft.Kind = "f", "council", "club", compact.FundingReduction
			p, err := e.Plan(ctx, &draft, rules.AsOf(compact.MustParseDate("2025-01-06")))
			require.NoError(t, err)
			require.Len(t, p.Steps, 1)
			s := p.Steps[0]
			if s.Error != "" {
				require.Contains(t, s.Error, tc.want)
				return
			}
			require.Equal(t, tc.want, s.Date.String())
		})
	}
}

func TestPlanCitesParameterAndFindings(t *testing.T) {
	docs, err := compact.Parse("area.yaml", []byte(fmt.Sprintf(planArea,
		"      noticeBy: {title: Notice must be given in writing, date: 'addMonths(funding.effective, -params.noticeMonths)', field: noticeGiven}")))
	require.NoError(t, err)
	a, err := compact.NewArea(docs)
	require.NoError(t, err)
	e, err := rules.Compile(a)
	require.NoError(t, err)
	asOf := rules.AsOf(compact.MustParseDate("2025-01-06"))

	// Planned in time: the step is kept, and the draft as planned (notice
	// on the step's date) passes.
	draft := &compact.FundingDecision{ID: "f", Funder: "council", Recipient: "club", Kind: compact.FundingReduction,
		Decided: compact.MustParseDate("2025-03-03"), Effective: compact.MustParseDate("2025-10-01")}
	p, err := e.Plan(ctx, draft, asOf)
	require.NoError(t, err)
	require.Len(t, p.Steps, 1)
	s := p.Steps[0]
	require.Equal(t, "2025-04-01", s.Date.String())
	require.Equal(t, "notice", s.Commitment)
	require.Equal(t, rules.By, s.Bound)
	require.Len(t, s.Parameters, 1)
	require.Equal(t, "6 months", s.Parameters[0].Words)
	require.Equal(t, rules.LayerCompact, s.Parameters[0].SetBy.Layer, "the compact's 6 over the pack's 3")
	require.Equal(t, "c", s.Parameters[0].SetBy.By)
	require.Empty(t, p.Findings)
	require.True(t, draft.NoticeGiven.IsZero(), "the draft is not changed")

	// Planned too late: the step is missed, and the finding says so.
	draft.NoticeGiven = compact.MustParseDate("2025-08-01")
	p, err = e.Plan(ctx, draft, asOf)
	require.NoError(t, err)
	require.True(t, p.Steps[0].Missed)
	require.Equal(t, "2025-08-01", p.Steps[0].Planned.String())
	require.Len(t, p.Findings, 1)
	require.Equal(t, rules.Fail, p.Findings[0].Outcome)
	require.Equal(t, "gave 2 months notice", p.Findings[0].Message)

	// A draft the rule does not apply to has no steps.
	draft.Kind = compact.FundingNew
	p, err = e.Plan(ctx, draft, asOf)
	require.NoError(t, err)
	require.Empty(t, p.Steps)
}
