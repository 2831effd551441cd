package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// measuredArea is an area of funding decisions whose reasons are reasons,
// with a pack whose one rule tests them.
func measuredArea(t *testing.T, reasons []string) (*compact.Area, *Engine) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Borough Council, sector: public, kind: local-authority}
  - {id: club, name: Youth Club, sector: voluntary-community, kind: charity}
---
apiVersion: compactkit/v1
kind: RulePack
id: measured
title: A rule on free text
rules:
  - id: reasons
    title: Reasons are given
    enforces: [x]
    on: funding
    severity: breach
    check: "funding.reasons.trim() != ''"
    message: "funder.name + ' gave no reasons: ' + funding.reasons"
  - id: looped
    title: No clause restricts campaigning
    enforces: [x]
    on: funding
    severity: breach
    check: "!funding.clauses.exists(c, c.kind == 'campaigning-restriction')"
    message: "'restricted'"
---
apiVersion: compactkit/v1
kind: Records
period: 2024-25
funding:
`)
	for i, r := range reasons {
		fmt.Fprintf(&b, "  - {id: f%d, funder: council, recipient: club, kind: new, decided: 2024-06-01, reasons: '%s'}\n", i, r)
	}
	docs, err := compact.Parse("measured.yaml", []byte(b.String()))
	require.NoError(t, err)
	a, err := compact.NewArea(docs)
	require.NoError(t, err)
	e, err := Compile(a)
	require.NoError(t, err)
	return a, e
}

// TestMeasuredExpressions: an expression without a loop whose true bound
// is above MaxUntrackedCost but within MaxCost runs untracked, measured
// one evaluation in sampleEvery, and is charged what it costs on the text
// there is; one with a loop stays tracked.
func TestMeasuredExpressions(t *testing.T) {
	short := make([]string, 3*sampleEvery)
	for i := range short {
		short[i] = "Meets the programme's priorities"[:i%20]
	}
	_, e := measuredArea(t, short)
	reasons, looped := e.rules[0], e.rules[1]
	p := reasons.check
	assert.False(t, p.tracked)
	assert.NotNil(t, p.measured, "measured")
	assert.Greater(t, p.bound, uint64(MaxUntrackedCost), "the bound of text at its decoded limit")
	assert.LessOrEqual(t, p.bound, uint64(MaxCost))
	assert.Nil(t, reasons.message.measured, "a message of names and one text is untracked: its bound is %d", reasons.message.bound)
	assert.True(t, looped.check.tracked, "a loop is tracked")
	assert.Nil(t, looped.check.measured)

	ctx := context.Background()
	on := compact.MustParseDate("2025-03-31")
	found, err := e.Check(ctx, AsOf(on))
	require.NoError(t, err)
	fails := 0
	for _, f := range found {
		if f.Rule == "reasons" && f.Outcome == Fail {
			fails++
			assert.Equal(t, "Borough Council gave no reasons: ", f.Message)
		}
	}
	empty := 0
	for _, r := range short {
		if r == "" {
			empty++
		}
	}
	assert.Equal(t, empty, fails, "the empty reasons, measured or not")
	assert.Equal(t, uint64(3*sampleEvery), p.evals.Load())
	assert.Equal(t, uint64(3), p.samples.Load(), "the first and one in %d", sampleEvery)
	assert.Less(t, p.charge(), uint64(20), "short reasons cost a few units, not the bound of %d", p.bound)

	long := make([]string, sampleEvery)
	for i := range long {
		long[i] = strings.Repeat("a reason ", compact.MaxValueBytes/10)
	}
	_, e = measuredArea(t, long)
	_, err = e.Check(ctx, AsOf(on))
	require.NoError(t, err)
	p = e.rules[0].check
	assert.Greater(t, p.charge(), uint64(MaxUntrackedCost), "long reasons cost what they cost")
	assert.LessOrEqual(t, p.charge(), p.bound)
}
