package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// TestAppendFindingJSON: the stream's hand-written encoder writes every
// finding byte for byte as encoding/json does, escaped as the output
// wrapper escapes it.
func TestAppendFindingJSON(t *testing.T) {
	odd := "tab\t nl\n cr\r bs\b ff\f nul\x00 esc\x1b del\x7f quote\" back\\ <a&b> \u2028\u2029 \u0085 £ — 日本 bad\xff\xfe cut\xe2\x82"
	tests := []struct {
		name string
		f    rules.Finding
	}{
		{"empty", rules.Finding{}},
		{"minimal", rules.Finding{Rule: "r", Kind: "funding", Subject: "s", Outcome: rules.Pass, Severity: rules.Breach, Enforces: []string{}}},
		{"full", rules.Finding{Rule: "funding-notice", Kind: "funding", Subject: "fund-1", Organisation: "org-1",
			Outcome: rules.Fail, Severity: rules.Warning, Enforces: []string{"a", "b"}, Message: "gave 2 months' notice; <3>",
			Values: []rules.Value{{Name: "n", Value: int64(-3)}, {Name: "s", Value: "x"}, {Name: "b", Value: true}, {Name: "nil"},
				{Name: "f", Value: 1.5e-7}, {Name: "big", Value: 1e21}, {Name: "u", Value: uint64(7)}, {Name: "list", Value: []any{"a", int64(1), nil}},
				{Name: "i", Value: 3}, {Name: "odd list", Value: []any{"\x7f\u0085"}}},
			Error:      "message: no",
			Source:     compact.Position{File: "area/records-0001.jsonl", Line: 12, Column: 3},
			Provenance: &compact.Provenance{Source: "360giving", File: "grants.json", Pointer: "/grants/17", ID: "360G-1"}}},
		{"odd strings", rules.Finding{Rule: odd, Kind: rules.SubjectKind(odd), Subject: odd, Organisation: odd, Outcome: rules.Outcome(odd),
			Severity: rules.Severity(odd), Enforces: []string{odd}, Message: odd, Values: []rules.Value{{Name: odd, Value: odd}}, Error: odd,
			Source: compact.Position{File: odd}}},
		{"line only", rules.Finding{Source: compact.Position{Line: 1}}},
		{"column only", rules.Finding{Source: compact.Position{Column: 1}}},
		// The encoder keeps what a rule's findings share: the same id
		// with another kind, severity or list of commitments is another.
		{"same rule, other kind", rules.Finding{Rule: "r", Kind: "consultation", Subject: "s", Outcome: rules.Pass, Severity: rules.Breach, Enforces: []string{}}},
		{"same rule, other severity", rules.Finding{Rule: "r", Kind: "consultation", Subject: "s", Outcome: rules.Pass, Severity: rules.Advice, Enforces: []string{}}},
		{"same rule, no commitments", rules.Finding{Rule: "r", Kind: "consultation", Subject: "s", Outcome: rules.Pass, Severity: rules.Advice}},
		{"same rule, other commitments", rules.Finding{Rule: "r", Kind: "consultation", Subject: "s", Outcome: rules.Pass, Severity: rules.Advice, Enforces: []string{"c"}}},
	}
	tests = append(tests, tests...) // again, from what the first round kept
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(&tt.f)
			require.NoError(t, err)
			want, _ := appendEscaped(nil, b) // as the command wrote it through the output wrapper
			got, err := appendFindingJSON([]byte("x"), &tt.f)
			require.NoError(t, err)
			require.Equal(t, "x"+string(want)+"\n", string(got))
		})
	}
}

// TestAppendCSV: a row is what encoding/csv writes for the neutralised
// cells, row after row through the pooled writers, so nothing of one row
// is left in the next.
func TestAppendCSV(t *testing.T) {
	rows := [][]string{
		{"a", "b,c", `say "hi"`, "two\nlines"},
		{"=HYPERLINK(\"x\")", "+1", "-2", "@sum", "\tx", "\rx"},
		{"", " lead", "é\u2028"},
		{"a"},
	}
	var got []byte
	for range 3 {
		for _, row := range rows {
			got = appendCSV(got, row)
		}
	}
	var want bytes.Buffer
	w := csv.NewWriter(&want)
	for range 3 {
		for _, row := range rows {
			safe := make([]string, len(row))
			for i, c := range row {
				safe[i] = rules.SafeCSVCell(c)
			}
			require.NoError(t, w.Write(safe))
		}
	}
	w.Flush()
	require.Equal(t, want.String(), string(got))
	require.Contains(t, string(got), "'=HYPERLINK", "formulas are neutralised")
}

// TestAppendJSONString holds appendJSONString to encoding/json and the
// output wrapper, with each byte that needs escaping at each position of
// a word, so that the eight-at-a-time scan misses none.
func TestAppendJSONString(t *testing.T) {
	special := []string{"\"", "\\", "<", ">", "&", "\x00", "\x1f", "\n", "\t", "\x7f", "\u0085", "\u2028", "\u2029", "é", "’", "\xff", "\xe2\x80"}
	var cases []string
	for _, sp := range special {
		for pos := 0; pos <= 17; pos++ {
			cases = append(cases, strings.Repeat("a", pos)+sp+strings.Repeat("b", 17-pos))
		}
	}
	cases = append(cases, "", "plain", "/tmp/b1m/records-0001.jsonl", strings.Repeat("x", 100))
	for _, s := range cases {
		want, err := appendMarshalled(nil, s)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(appendJSONString(nil, s)), "%q", s)
	}
}

// FuzzAppendJSONString: any string is written as encoding/json writes it,
// escaped as the output wrapper escapes it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "<tag> & more", "caf\u00e9 \u2028 \x7f", "\xff\xfe", "12345678\x01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := appendMarshalled(nil, s)
		require.NoError(t, err)
		require.Equal(t, string(want), string(appendJSONString(nil, s)))
	})
}

// BenchmarkAppendFindingJSON encodes the findings a stream writes most: a
// pass with values, a failure with a message, a rule not applicable.
func BenchmarkAppendFindingJSON(b *testing.B) {
	src := compact.Position{File: "/tmp/area/records-0001.jsonl", Line: 1234, Column: 1}
	found := []rules.Finding{
		{Rule: "consultation-length", Kind: "consultation", Subject: "cons-0000001", Organisation: "org-001825", Outcome: rules.Pass,
			Severity: rules.Breach, Enforces: []string{"consultation-12-weeks"}, Values: []rules.Value{{Name: "days", Value: int64(84)}, {Name: "requiredDays", Value: int64(84)}}, Source: src},
		{Rule: "payment-in-advance", Kind: "funding", Subject: "fund-0000002", Organisation: "org-000123", Outcome: rules.Fail,
			Severity: rules.Warning, Enforces: []string{"payment-in-advance"}, Source: src,
			Message: "Borough Council first paid Youth Club on 2024-11-02, 32 days after the funded work started on 2024-10-01"},
		{Rule: "consultation-feedback", Kind: "consultation", Subject: "cons-0000003", Organisation: "org-000047", Outcome: rules.NotApplicable,
			Severity: rules.Warning, Enforces: []string{"consultation-feedback"}, Source: src},
	}
	dst := make([]byte, 0, 4096)
	b.SetBytes(int64(len(must(appendFindingJSON(nil, &found[0]))) + len(must(appendFindingJSON(nil, &found[1]))) + len(must(appendFindingJSON(nil, &found[2])))))
	for b.Loop() {
		dst = dst[:0]
		for i := range found {
			dst, _ = appendFindingJSON(dst, &found[i])
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
