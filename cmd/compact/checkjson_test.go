package main

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// TestWriteCheckJSON: check's streamed JSON is writeJSON's, byte for byte,
// for every shape of output.
func TestWriteCheckJSON(t *testing.T) {
	found := rules.Findings{
		{Rule: "r1", Kind: rules.OnFunding, Subject: "f-1", Organisation: "org-<1>", Outcome: rules.Fail,
			Severity: rules.Breach, Enforces: []string{"c1"}, Message: "a && b < c: \"quoted\" é\u2028",
			Values: []rules.Value{{Name: "days", Value: 3}}},
		{Rule: "r2", Kind: rules.OnConsultation, Subject: "c-1", Outcome: rules.Pass, Severity: rules.Advice},
	}
	sum := found.Summary()
	for _, tc := range []struct {
		name string
		out  rules.CheckOutput
	}{
		{"no areas", rules.CheckOutput{}},
		{"empty areas", rules.CheckOutput{Areas: []rules.AreaCheck{}}},
		{"one area", rules.CheckOutput{Areas: []rules.AreaCheck{{Path: "a", Area: "a", Pack: "p", Chain: []string{"n", "p"},
			AsOf: "2025-03-31", Period: "2024-25", Notes: []string{"x"}, Summary: &sum, Findings: found}}}},
		{"no findings", rules.CheckOutput{Areas: []rules.AreaCheck{{Path: "a", Summary: &rules.Summary{}}}}},
		{"empty findings", rules.CheckOutput{Areas: []rules.AreaCheck{{Path: "a", Findings: rules.Findings{}}}}},
		{"problems", rules.CheckOutput{Areas: []rules.AreaCheck{{Path: "b", Problems: []compact.Problem{{File: "b/x.yaml", Line: 3, Message: "bad"}}}}}},
		{"problems and findings", rules.CheckOutput{Areas: []rules.AreaCheck{{Path: "b", Findings: found[:1],
			Problems: []compact.Problem{{File: "b/x.yaml", Line: 3, Message: "bad"}}}}}},
		{"several", rules.CheckOutput{Areas: []rules.AreaCheck{{Path: "a", Findings: found}, {Path: "b",
			Problems: []compact.Problem{{Message: "bad"}}}, {Path: "c", Findings: found[1:]}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want, got bytes.Buffer
			require.NoError(t, writeJSON(&want, tc.out))
			require.NoError(t, writeCheckJSON(&got, tc.out))
			require.Equal(t, want.String(), got.String())
		})
	}
}

// TestWriteCheckJSONError: a write that fails is reported, at the start
// of the output and in the middle of the findings.
func TestWriteCheckJSONError(t *testing.T) {
	found := make(rules.Findings, 3000)
	for i := range found {
		found[i] = rules.Finding{Rule: "r", Subject: "s", Outcome: rules.Pass}
	}
	for _, limit := range []int{0, 1 << 17} {
		err := writeCheckJSON(&failingWriter{limit: limit}, rules.CheckOutput{Areas: []rules.AreaCheck{{Path: "a", Findings: found}}})
		require.ErrorIs(t, err, errDiskFull, "limit %d", limit)
	}
}

// TestCheckJSONLayout: writeCheckJSON writes an area's findings after its
// other members, which holds while Findings is the last member but
// Problems (encoded whole with the area when given).
func TestCheckJSONLayout(t *testing.T) {
	typ := reflect.TypeFor[rules.AreaCheck]()
	n := typ.NumField()
	require.Equal(t, []string{"Findings", "Problems"}, []string{typ.Field(n - 2).Name, typ.Field(n - 1).Name},
		"a member after findings needs writeCheckJSON changed")
}
