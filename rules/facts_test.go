package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// factsArea is an area whose compact declares a fact of every type and
// whose pack has one rule, checking CHECK on funding decisions.
const factsArea = `apiVersion: compactkit/v1
kind: Compact
id: c
title: C
commitments:
  - {id: x, party: public, text: X.}
facts:
  funding:
    offered: {type: date, description: d}
    panel: {type: enum, values: [cabinet, officer], description: e}
    saving: {type: money, description: m}
    count: {type: int, description: i}
    flag: {type: bool, description: b}
    note: {type: text, description: t}
    by: {type: organisation, description: o}
---
apiVersion: compactkit/v1
kind: RulePack
id: p
title: P
rules:
  - id: r
    title: R
    enforces: [x]
    on: funding
    severity: breach
    check: "%s"
    message: "'failed'"
`

func TestFactsInCEL(t *testing.T) {
	given := compact.Facts{
		"offered": compact.NewFact(compact.MustParseDate("2024-05-01")),
		"panel":   compact.NewFact("cabinet"),
		"saving":  compact.NewFact(1500.5),
		"count":   compact.NewFact(int64(3)),
		"flag":    compact.NewFact(true),
		"note":    compact.NewFact("a note"),
		"by":      compact.NewFact("council"),
	}
	cases := []struct {
		check   string
		facts   compact.Facts
		outcome rules.Outcome
		err     string // a compile error, when the check does not compile
	}{
		{"funding.facts.offered < funding.decided", given, rules.Pass, ""},
		{"funding.facts.offered > funding.decided", given, rules.Fail, ""},
		{"funding.facts.panel == 'cabinet' && funding.facts.by == 'council'", given, rules.Pass, ""},
		{"funding.facts.saving > 1000.0 && funding.facts.count == 3", given, rules.Pass, ""},
		{"funding.facts.flag && funding.facts.note.startsWith('a')", given, rules.Pass, ""},
		{"has(funding.facts.offered)", nil, rules.Fail, ""},
		{"!has(funding.facts.note)", compact.Facts{}, rules.Pass, ""},
		{"funding.facts.offered < funding.decided", nil, rules.Errored, ""},
		{"funding.facts.note == ''", nil, rules.Errored, ""},
		{"funding.facts.offerd < funding.decided", given, "", "no fact offerd; did you mean offered?"},
		{"funding.facts.count == 'three'", given, "", "found no matching overload"},
		{"funding.facts.offered < 3", given, "", "found no matching overload"},
	}
	for _, tc := range cases {
		t.Run(tc.check, func(t *testing.T) {
			docs, err := compact.Parse("area.yaml", []byte(fmt.Sprintf(factsArea, tc.check)))
			require.NoError(t, err)
			a, err := compact.NewArea(docs)
			require.NoError(t, err)
			e, err := rules.Compile(a)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			rec := &compact.FundingDecision{ID: "f", Funder: "council", Recipient: "club", Kind: compact.FundingEnding,
				Decided: compact.MustParseDate("2024-06-03"), Facts: tc.facts}
			fs, err := e.Evaluate(ctx, rec, rules.AsOf(compact.MustParseDate("2024-06-30")))
			require.NoError(t, err)
			require.Len(t, fs, 1)
			require.Equal(t, tc.outcome, fs[0].Outcome, fs[0].Error)
		})
	}
}
