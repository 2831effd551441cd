package rules_test

import (
	"context"
	"fmt"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// caseMemory is the most a case of the adversarial suite may allocate in
// all (so its peak is lower still): the bound issue 14 sets for each case.
const caseMemory = 256 << 20

// hostileArea is an area made to make rules work hard: free text at the
// longest value decoding accepts, a funding agreement with clauses
// clauses, and consultations consultations.
func hostileArea(t testing.TB, clauses, consultations int) *compact.Area {
	t.Helper()
	text := strings.Repeat("a", compact.MaxValueBytes)
	var b strings.Builder
	b.WriteString("apiVersion: compactkit/v1\nkind: Directory\norganisations:\n")
	b.WriteString("  - {id: council, name: Borough Council, sector: public, kind: local-authority}\n")
	b.WriteString("  - {id: club, name: Youth Club, sector: voluntary-community, kind: charity}\n")
	b.WriteString("---\napiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\nfunding:\n")
	fmt.Fprintf(&b, "  - {id: grant, funder: council, recipient: club, kind: new, decided: 2024-06-01, reasons: %s, clauses: [", text)
	for i := range clauses {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "{kind: other, text: clause %d %s}", i, text[:200])
	}
	b.WriteString("]}\n")
	if consultations > 0 {
		b.WriteString("consultations:\n")
	}
	for i := range consultations {
		fmt.Fprintf(&b, "  - {id: c%d, title: Consultation %d, owner: council, opens: 2024-09-02, closes: 2024-10-28, formal: true}\n", i, i)
	}
	docs, err := compact.Parse("hostile.yaml", []byte(b.String()))
	require.NoError(t, err)
	a, err := compact.NewArea(docs)
	require.NoError(t, err)
	return a
}

// withPack adds a pack of one hostile rule and one plain rule to an area's
// documents and rebuilds it.
func withPack(t testing.TB, a *compact.Area, on, check, message string) (*compact.Area, error) {
	t.Helper()
	pack := fmt.Sprintf(`apiVersion: compactkit/v1
kind: RulePack
id: hostile
title: Hostile rules
rules:
  - id: hostile
    title: A rule written to exhaust the engine
    enforces: [x]
    on: %s
    severity: breach
    check: %q
    message: %q
  - id: plain
    title: A plain rule beside it
    enforces: [x]
    on: funding
    severity: breach
    check: "funding.reasons.lowerAscii().contains('a') && funding.amount == 0.0"
    message: "'plain failed'"
`, on, check, message)
	docs, err := compact.Parse("pack.yaml", []byte(pack))
	require.NoError(t, err)
	return compact.NewArea(append(append([]*compact.Document{}, a.Documents...), docs...))
}

func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestAdversarialRules: every rule written to exhaust memory or time is
// refused when its pack compiles, with the function, field and limit
// named, or stopped while it runs, with the limit named in its finding;
// the plain rule beside it still reports; and no case allocates more
// than 256 MiB.
func TestAdversarialRules(t *testing.T) {
	if testing.Short() {
		t.Skip("builds large areas")
	}
	base := hostileArea(t, 20_000, 10)
	loop := func(body string) string { return "funding.clauses.exists(c, " + body + ")" }
	cases := []struct {
		name, on, check, message string
		opts                     []rules.EvalOption
		refused                  string // the compile error, or
		stopped                  string // the hostile rule's finding's error
	}{
		{name: "loop inside a loop", on: "funding", check: "funding.clauses.all(a, funding.clauses.all(b, a.text != b.text))",
			refused: "all() on funding.clauses, a.text, b.text could cost up to 2070603 units (with lists of 100 items); the limit for one expression is 1000000: avoid a loop inside a loop"},
		{name: "three loops", on: "funding", check: "funding.clauses.all(a, funding.clauses.all(b, funding.clauses.exists(c, a == b && b == c)))",
			refused: "avoid a loop inside a loop"},
		{name: "format in a loop", on: "funding", check: loop("'%s%s%s%s%s'.format([c.text, c.text, c.text, c.text, funding.reasons]).size() == 0"),
			refused: "exists() on funding.clauses, c.text, funding.reasons could cost up to 2083803 units (with lists of 100 items); the limit for one expression is 1000000: the loop's body runs once per item: keep it to comparing fields, and build any text outside the loop"},
		{name: "format of the longest text, 150 times", on: "funding", check: "'" + strings.Repeat("%s", 150) + "'.format([funding.reasons" + strings.Repeat(", funding.reasons", 149) + "]).size() > 0",
			stopped: "stopped: the rule went over the cost limit of 1000000 units for one evaluation (rules.MaxCost)"},
		{name: "concatenation doubling in cel.bind", on: "funding",
			check:   "cel.bind(a, funding.reasons + funding.reasons, cel.bind(b, a + a, cel.bind(c, b + b, cel.bind(d, c + c, cel.bind(e, d + d, cel.bind(f, e + e, cel.bind(g, f + f, cel.bind(h, g + g, cel.bind(i, h + h, cel.bind(j, i + i, j.size() > 0))))))))))",
			stopped: "went over the cost limit of 1000000 units"},
		{name: "concatenation in a loop", on: "funding", check: loop("(c.text + c.text + funding.reasons + funding.reasons).size() == 0"),
			stopped: "went over the cost limit of 1000000 units"},
		{name: "concatenation in a loop, more", on: "funding", check: loop("(c.text + c.text + funding.reasons + funding.reasons + funding.reasons + funding.reasons + funding.reasons).size() == 0"),
			stopped: "went over the cost limit of 1000000 units"},
		{name: "replace with the text itself", on: "funding", check: "funding.reasons.replace('a', funding.reasons).size() > 0",
			refused: "replace() on funding.reasons could cost up to"},
		{name: "replace growing a name", on: "funding", check: "funding.reasons.replace('a', recipient.name + recipient.name).size() > 0",
			refused: "replace() on funding.reasons, recipient.name could cost up to 1026772 units (with lists of 100 items); the limit for one expression is 1000000: replace() builds a string from text taken to be 2000 characters each: build it from short fields"},
		{name: "join of every clause twice", on: "funding", check: "funding.clauses.map(c, c.text + c.text).join(',').size() > 0",
			stopped: "went over the cost limit of 1000000 units"},
		{name: "a long loop", on: "funding", check: loop("c.text.lowerAscii().contains('zzz')"),
			stopped: "went over the cost limit of 1000000 units"},
		{name: "filter and map over a long list", on: "funding", check: "funding.clauses.filter(c, c.kind == 'other').map(c, c.text.upperAscii()).size() == 0",
			stopped: "went over the cost limit of 1000000 units"},
		{name: "a plain lowerAscii on the longest text", on: "funding", check: "funding.reasons.lowerAscii().size() > 0"},
		{name: "dates 40000 years on", on: "funding", check: "addYears(funding.decided, 40000) > funding.decided",
			stopped: "addYears: date out of range: adding years: 40000 from 2024-06-01 falls outside 0001-01-01..9999-12-31"},
		{name: "dates 2100 years back", on: "funding", check: "addYears(funding.decided, -2100) < funding.decided",
			stopped: "date out of range"},
		{name: "a billion days", on: "funding", check: "addDays(funding.decided, 1000000000) > funding.decided",
			stopped: "date out of range"},
		{name: "precision past the limit", on: "funding", check: "'%.100000f'.format([1.0]).size() > 0",
			refused: "precision"},
		{name: "the time limit", on: "consultation", check: "consultation.title.lowerAscii().size() > 0",
			opts: []rules.EvalOption{rules.Timeout(time.Nanosecond)}, stopped: "not run: the check went past its time limit of 1ns (--timeout)"},
		{name: "the run budget", on: "consultation", check: "consultation.title.lowerAscii().size() > 0",
			opts: []rules.EvalOption{rules.RunCost(1)}, stopped: "not run: the check's budget of 1 cost units (rules.MaxRunCost, --max-run-cost) was spent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := allocated()
			defer func() {
				require.Less(t, allocated()-before, uint64(caseMemory), "allocated more than 256 MiB")
			}()
			a, err := withPack(t, base, tc.on, tc.check, "'hostile'")
			require.NoError(t, err)
			e, err := rules.Compile(a)
			if tc.refused != "" {
				if strings.Contains(tc.refused, "could cost") {
					require.ErrorIs(t, err, compact.ErrLimit, "%v", err)
				}
				require.ErrorContains(t, err, tc.refused)
				require.ErrorContains(t, err, "pack.yaml:")
				return
			}
			require.NoError(t, err)
			opts := append([]rules.EvalOption{rules.AsOf(compact.MustParseDate("2025-03-31"))}, tc.opts...)
			found, err := e.Check(context.Background(), opts...)
			require.NoError(t, err)
			var stopped, plain int
			for _, f := range found {
				switch f.Rule {
				case "hostile":
					if tc.stopped == "" || f.Outcome != rules.Errored && tc.opts != nil {
						require.Equal(t, rules.Pass, f.Outcome, f.Error)
						continue
					}
					require.Equal(t, rules.Errored, f.Outcome)
					require.Contains(t, f.Error, tc.stopped)
					stopped++
				case "plain":
					plain++
					if tc.opts == nil {
						require.Equal(t, rules.Pass, f.Outcome, "the plain rule still reports: %s", f.Error)
					}
				}
			}
			if tc.stopped != "" {
				require.NotZero(t, stopped)
			}
			require.Equal(t, 1, plain)
		})
	}
}

// TestLongMessagesAreCut: a message built from long text is kept to
// MaxMessageBytes.
func TestLongMessagesAreCut(t *testing.T) {
	a, err := withPack(t, hostileArea(t, 1, 0), "funding", "false", "funding.reasons + funding.reasons")
	require.NoError(t, err)
	e, err := rules.Compile(a)
	require.NoError(t, err)
	found, err := e.Check(context.Background(), rules.AsOf(compact.MustParseDate("2025-03-31")))
	require.NoError(t, err)
	require.Equal(t, "hostile", found[0].Rule)
	require.Len(t, found[0].Message, rules.MaxMessageBytes+len("…"))
}

// TestCostLimitsAreOptions: the limits can be set, and a refusal or a stop
// states the limit in force.
func TestCostLimitsAreOptions(t *testing.T) {
	a, err := withPack(t, hostileArea(t, 10, 0), "funding", "funding.clauses.exists(c, c.text.contains('zzz'))", "'x'")
	require.NoError(t, err)
	_, err = rules.Compile(a, rules.WithMaxEstimatedCost(1000))
	require.ErrorContains(t, err, "the limit for one expression is 1000")
	_, err = rules.Compile(a, rules.WithEstimatedListSize(1_000_000))
	require.ErrorContains(t, err, "with lists of 1000000 items")
	e, err := rules.Compile(a, rules.WithMaxCost(50))
	require.NoError(t, err)
	found, err := e.Check(context.Background(), rules.AsOf(compact.MustParseDate("2025-03-31")))
	require.NoError(t, err)
	require.Contains(t, found[0].Error, "went over the cost limit of 50 units")
}
