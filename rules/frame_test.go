package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// TestSharedFrame: the execution frame the untracked expressions of one
// goroutine share (bindFrame) carries nothing from one subject to the
// next, after a scope pushed by cel.bind or an evaluation that errors:
// every subject's findings are those it gets with frames of its own.
func TestSharedFrame(t *testing.T) {
	var b strings.Builder
	b.WriteString(`apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Borough Council, sector: public, kind: local-authority}
---
apiVersion: compactkit/v1
kind: RulePack
id: frames
title: Rules that push scopes and fail
rules:
  - id: bound
    title: Binds a name
    enforces: [x]
    on: consultation
    severity: breach
    check: "cel.bind(n, consultation.responses, n % 2 == 0)"
    message: "'odd ' + string(consultation.responses)"
    explain: {half: "cel.bind(n, consultation.responses, n / 2)"}
  - id: divide
    title: Divides by zero on three responses
    enforces: [x]
    on: consultation
    severity: warning
    check: "10 / (consultation.responses - 3) > 0"
    message: "'not positive'"
  - id: plain
    title: Reads a field
    enforces: [x]
    on: consultation
    severity: advice
    check: "consultation.title.startsWith('Consultation')"
    message: "'untitled'"
---
apiVersion: compactkit/v1
kind: Records
period: 2024-25
consultations:
`)
	for i := range 12 {
		fmt.Fprintf(&b, "  - {id: c%d, title: Consultation %d, owner: council, opens: 2024-09-02, closes: 2024-10-28, responses: %d}\n", i, i, i%5+1)
	}
	docs, err := compact.Parse("frames.yaml", []byte(b.String()))
	require.NoError(t, err)
	a, err := compact.NewArea(docs)
	require.NoError(t, err)
	e, err := Compile(a)
	require.NoError(t, err)
	on := compact.MustParseDate("2025-03-31")
	r := &run{asOf: on, period: compact.FinancialYearOf(on), params: e.params, compact: e.world.compactVar}
	ctx := context.Background()
	evaluate := func(s *subject) []Finding {
		out := make([]Finding, len(e.byKind[s.ki]))
		require.NoError(t, e.checkSubject(ctx, s, out, &budget{limit: MaxRunCost, parent: ctx}))
		return out
	}
	var shared subject
	frame := newFrame(&shared)
	require.NotNil(t, frame)
	defer frame.Close()
	errored := 0
	for i := range a.Records.Consultations {
		c := &a.Records.Consultations[i]
		var alone subject
		require.True(t, e.world.recordSubject(&alone, c, r))
		want := evaluate(&alone)
		require.True(t, e.world.recordSubject(&shared, c, r))
		bindFrame(frame, &shared)
		got := evaluate(&shared)
		require.Equal(t, want, got, c.ID)
		for _, f := range got {
			if f.Outcome == Errored {
				errored++
			}
		}
	}
	require.Equal(t, 2, errored, "the divisions by zero")
	checked, err := e.Check(ctx, AsOf(on))
	require.NoError(t, err)
	require.Len(t, checked, 3*12)
}
