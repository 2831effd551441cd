package rules_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/rules"
)

// library is the national baseline with the test national compact in front.
func library(t testing.TB) *compact.Library {
	t.Helper()
	base, err := examples.Library()
	require.NoError(t, err)
	lib, err := compact.LoadLibrary("testdata/library")
	require.NoError(t, err)
	return lib.With(base)
}

func load(t testing.TB, path string) *compact.Area {
	t.Helper()
	a, err := compact.LoadArea(path, compact.WithLibrary(library(t)))
	require.NoError(t, err)
	return a
}

func compile(t testing.TB, path string, opts ...rules.Option) (*compact.Area, *rules.Engine) {
	t.Helper()
	a := load(t, path)
	e, err := rules.Compile(a, opts...)
	require.NoError(t, err)
	return a, e
}

var (
	ctx  = context.Background()
	asOf = rules.AsOf(compact.MustParseDate("2025-03-31"))
)

// find returns the finding of a rule on a subject.
func find(t *testing.T, fs []rules.Finding, rule, subject string) rules.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Rule == rule && f.Subject == subject {
			return f
		}
	}
	require.Failf(t, "no finding", "rule %s on %s", rule, subject)
	return rules.Finding{}
}

// TestNationalPack runs the national pack's own tests: each rule on
// records that pass, fail and (for rules with a condition) do not apply.
func TestNationalPack(t *testing.T) {
	_, e := compile(t, "testdata/library")
	require.Equal(t, "national", e.Pack().ID)
	res, err := e.Test(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, res)
	for _, r := range res {
		require.True(t, r.Passed, "%s: %+v", r.Name, r.Failures)
	}

	// Every rule is tested passing and failing, and not applying when it
	// has a condition.
	seen := map[string]map[rules.Outcome]bool{}
	for _, tc := range e.Pack().Tests {
		for _, x := range tc.Expect {
			if seen[x.Rule] == nil {
				seen[x.Rule] = map[rules.Outcome]bool{}
			}
			seen[x.Rule][x.Outcome] = true
		}
	}
	for _, r := range e.Pack().Rules {
		require.True(t, seen[r.ID][rules.Pass], "%s has no passing test", r.ID)
		require.True(t, seen[r.ID][rules.Fail], "%s has no failing test", r.ID)
		if !r.When.IsZero() {
			require.True(t, seen[r.ID][rules.NotApplicable], "%s has no test where it does not apply", r.ID)
		}
	}
}

// TestLayering resolves the borough pack on the national one and the
// borough compact: overrides, severity changes, disables, added rules and
// parameters, each with where it came from.
func TestLayering(t *testing.T) {
	_, e := compile(t, "testdata/borough")
	p := e.Pack()
	require.Equal(t, []string{"national", "borough"}, p.Chain)
	require.Equal(t, "borough-2012", p.Compact)

	fcr, ok := p.Rule("full-cost-recovery")
	require.True(t, ok)
	require.Equal(t, "national", fcr.Pack)
	require.Equal(t, rules.Warning, fcr.Severity)
	require.Equal(t, rules.Advice, fcr.Written)
	require.Equal(t, "borough", fcr.SeverityBy.By)
	require.Equal(t, "testdata/borough/rules.yaml", fcr.SeverityBy.Pos.File)

	off, ok := p.Rule("meeting-attendance-recorded")
	require.True(t, ok)
	require.False(t, off.InForce())
	require.Equal(t, "borough", off.Disabled.Pack)
	require.Contains(t, off.Disabled.Reason, "minutes record attendance")
	require.Equal(t, []rules.Disabled{*off.Disabled}, p.DisabledRules())
	require.Len(t, p.InForce(), len(p.Rules)-1)

	added, ok := p.Rule("response-window")
	require.True(t, ok)
	require.Equal(t, "borough", added.Pack)
	require.Equal(t, []string{"responseDays"}, added.Uses)

	notice, _ := p.Rule("funding-notice")
	require.Equal(t, []string{"fundingNoticeMonths"}, notice.Uses)

	layers := func(name string) (compact.Value, []string) {
		s, ok := p.Parameter(name)
		require.True(t, ok, name)
		var out []string
		for _, o := range s.Origins {
			out = append(out, fmt.Sprintf("%s %s %s", o.Layer, o.By, o.Value))
		}
		return s.Value, out
	}
	v, origins := layers("fundingNoticeMonths")
	require.Equal(t, compact.IntValue(6), v)
	require.Equal(t, []string{"default national 3", "base-compact national-2010 3", "compact borough-2012 6"}, origins)
	v, origins = layers("reportDueMonths")
	require.Equal(t, compact.IntValue(4), v)
	require.Equal(t, []string{"default national 6", "override borough 4"}, origins)
	v, origins = layers("responseDays")
	require.Equal(t, compact.IntValue(14), v)
	require.Equal(t, []string{"default borough 10", "compact borough-2012 14"}, origins)

	// The disabled rule gives no findings; the added rule and the changed
	// severity do.
	fs, err := e.Check(ctx, asOf)
	require.NoError(t, err)
	for _, f := range fs {
		require.NotEqual(t, "meeting-attendance-recorded", f.Rule)
	}
	rw := find(t, fs, "response-window", "advice-cut")
	require.Equal(t, rules.Fail, rw.Outcome)
	require.Equal(t, "Borough Council gave Borough Advice Centre 6 days to respond; the compact asks for 14", rw.Message)
	require.Equal(t, []string{"response-window"}, rw.Enforces)
	notice6 := find(t, fs, "funding-notice", "advice-cut")
	require.Equal(t, rules.Fail, notice6.Outcome)
	require.Contains(t, notice6.Message, "3 months' notice of the reduction of its funding; the compact asks for 6")
}

// TestCheckGolden checks the borough area and compares every finding, in
// check order, with a golden JSON file: the documented JSON shape.
func TestCheckGolden(t *testing.T) {
	_, e := compile(t, "testdata/borough")
	fs, err := e.Check(ctx, asOf)
	require.NoError(t, err)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(fs))
	golden(t, "testdata/golden/borough-findings.json", b.String())

	b.Reset()
	require.NoError(t, rules.WriteCSV(&b, fs))
	golden(t, "testdata/golden/borough-findings.csv", b.String())

	s := fs.Summary()
	require.Equal(t, len(fs), s.Pass+s.Fail+s.NotApplicable+s.Error)
	require.Equal(t, 0, s.Error)
	require.Positive(t, s.Failed[rules.Breach])
	require.True(t, fs.Fails(rules.Breach))
	require.True(t, fs.Fails(rules.Advice))
}

// TestCheckScope evaluates only the records in scope on the as-of date and
// for the period.
func TestCheckScope(t *testing.T) {
	_, e := compile(t, "testdata/borough")
	subjects := func(fs rules.Findings) []string {
		var out []string
		for _, f := range fs {
			if !slices.Contains(out, f.Subject) {
				out = append(out, f.Subject)
			}
		}
		return out
	}
	// Mid-year: the January meeting and consultation are still to come.
	fs, err := e.Check(ctx, rules.AsOf(compact.MustParseDate("2024-10-01")))
	require.NoError(t, err)
	got := subjects(fs)
	require.Contains(t, got, "library-review")
	require.NotContains(t, got, "budget-2025")
	require.NotContains(t, got, "cvs-grant") // decided in March 2024, the year before

	// The year before: a period can be given.
	fs, err = e.Check(ctx, rules.AsOf(compact.MustParseDate("2024-03-31")), rules.Period(compact.FinancialYear(2023)))
	require.NoError(t, err)
	got = subjects(fs)
	require.Contains(t, got, "cvs-grant")
	require.NotContains(t, got, "advice-cut")

	// Governance bodies are checked once the period is over.
	fs, err = e.Check(ctx, rules.AsOf(compact.MustParseDate("2024-10-01")))
	require.NoError(t, err)
	require.Equal(t, rules.NotApplicable, find(t, fs, "body-meets", "steering-group").Outcome)

	_, err = e.Check(ctx)
	require.ErrorIs(t, err, rules.ErrNoAsOf)
}

// TestEvaluate evaluates single subjects of every kind, as an embedder does.
func TestEvaluate(t *testing.T) {
	a, e := compile(t, "testdata/borough")
	body, _ := a.Body("steering-group")
	cvs, _ := a.Organisation("cvs")
	for _, tc := range []struct {
		name    string
		subject any
		kind    rules.SubjectKind
		id      string
		rules   []string
	}{
		{"consultation", &a.Records.Consultations[0], rules.OnConsultation, "library-review", []string{"consultation-length", "consultation-approach", "consultation-feedback"}},
		{"funding", &a.Records.Funding[0], rules.OnFunding, "advice-cut", []string{"funding-rationale", "funding-notice", "impact-before-decision",
			"respond-before-decision", "equality-impact-assessment", "multi-year-funding", "payment-in-advance", "full-cost-recovery", "independence-campaigning", "response-window"}},
		{"meeting (its rule is disabled)", &a.Records.Meetings[0], rules.OnMeeting, "sg-june", nil},
		{"nomination", &a.Records.Nominations[0], rules.OnNomination, "alex-sg", nil},
		{"signature", &a.Records.Signatures[0], rules.OnSignature, "nhs", []string{"signature-endorsed"}},
		{"report", &a.Records.Reports[0], rules.OnReport, "annual-2023-24", []string{"report-timely"}},
		{"body", body, rules.OnBody, "steering-group", []string{"body-meets", "annual-report"}},
		{"member", &rules.Member{Body: "steering-group", Organisation: "cvs"}, rules.OnMember, "steering-group/cvs", []string{"member-attendance", "membership-written-commitment", "member-term"}},
		{"signatory", cvs, rules.OnSignatory, "cvs", []string{"champion-nominated"}},
		{"compact", a.Compact, rules.OnCompact, "borough-2012", []string{"compact-reviewed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := e.Evaluate(ctx, tc.subject, asOf)
			require.NoError(t, err)
			var got []string
			for _, f := range fs {
				require.Equal(t, tc.kind, f.Kind)
				require.Equal(t, tc.id, f.Subject)
				require.NotEqual(t, rules.Errored, f.Outcome, f.Error)
				got = append(got, f.Rule)
			}
			require.Equal(t, tc.rules, got)
		})
	}

	// Evaluate gives the same findings as Check for the same subject.
	all, err := e.Check(ctx, asOf)
	require.NoError(t, err)
	fs, err := e.Evaluate(ctx, &rules.Member{Body: "steering-group", Organisation: "cvs"}, asOf)
	require.NoError(t, err)
	require.Equal(t, find(t, all, "member-attendance", "steering-group/cvs"), fs[0])

	// A compact given to Evaluate is that call's compact only.
	other := &compact.Resolved{Compact: compact.Compact{ID: "other", Title: "Other"}}
	fs, err = e.Evaluate(ctx, other, asOf)
	require.NoError(t, err)
	require.Equal(t, "other", fs[0].Subject)
	fs, err = e.Evaluate(ctx, &a.Records.Signatures[0], asOf)
	require.NoError(t, err)
	require.Equal(t, rules.Pass, fs[0].Outcome, "the area's signing rules apply again")

	_, err = e.Evaluate(ctx, "a string", asOf)
	require.ErrorIs(t, err, rules.ErrSubject)
	_, err = e.Evaluate(ctx, &a.Records.Funding[0])
	require.ErrorIs(t, err, rules.ErrNoAsOf)

	// AppendEvaluate appends.
	dst := []rules.Finding{{Rule: "earlier"}}
	dst, err = e.AppendEvaluate(ctx, dst, &a.Records.Consultations[0], asOf)
	require.NoError(t, err)
	require.Len(t, dst, 4)
	require.Equal(t, "earlier", dst[0].Rule)
	require.Equal(t, "consultation-length", dst[1].Rule)
}

// TestRuntimeErrorsIsolated: a rule that fails at run time gives an error
// finding and nothing else changes.
func TestRuntimeErrorsIsolated(t *testing.T) {
	_, e := compile(t, "testdata/runtime/area.yaml")
	fs, err := e.Check(ctx, asOf)
	require.NoError(t, err)

	f := find(t, fs, "unguarded-date", "survey")
	require.Equal(t, rules.Errored, f.Outcome)
	require.Contains(t, f.Error, "check: a date that is not given cannot be used here; test it first with has()")

	f = find(t, fs, "divides-by-zero", "survey")
	require.Equal(t, rules.Errored, f.Outcome)
	require.Contains(t, f.Error, "division by zero")

	f = find(t, fs, "bad-message", "survey")
	require.Equal(t, rules.Fail, f.Outcome, "the check failed; only its message could not be made")
	require.Equal(t, "A failure whose message fails", f.Message)
	require.Contains(t, f.Error, "message: division by zero")

	f = find(t, fs, "works", "survey")
	require.Equal(t, rules.Pass, f.Outcome)
	require.Equal(t, []rules.Value{{Name: "weeks", Value: int64(4)}, {Name: "feedback", Value: nil},
		{Name: "broken", Value: "error: daysBetween: " + strings.TrimPrefix(f.Values[2].Value.(string), "error: daysBetween: ")}}, f.Values)
	require.Contains(t, f.Values[2].Value, "test it first with has()")

	require.Equal(t, rules.Pass, find(t, fs, "loops", "forum").Outcome)
	require.True(t, fs.Fails(rules.Warning), "a rule that errors counts as failing")
	require.Equal(t, 2, fs.Summary().Error)
}

// TestCostLimit: a rule whose loops are cheap on the sizes estimated at
// compile time, but run over far larger lists, is stopped at run time.
func TestCostLimit(t *testing.T) {
	a := load(t, "testdata/runtime/area.yaml")
	attendees := make([]string, 2000)
	for i := range attendees {
		attendees[i] = fmt.Sprintf("person-%d", i)
	}
	for i := range 1000 {
		a.Records.Meetings = append(a.Records.Meetings, compact.Meeting{ID: fmt.Sprintf("m%d", i), Body: "forum",
			Date: compact.MustParseDate("2024-07-01"), Attendees: attendees})
	}
	e, err := rules.Compile(a) // the engine is bound to the area as it is now
	require.NoError(t, err)
	fs, err := e.Check(ctx, asOf)
	require.NoError(t, err)
	f := find(t, fs, "loops", "forum")
	require.Equal(t, rules.Errored, f.Outcome)
	require.Contains(t, f.Error, fmt.Sprintf("went over the cost limit of %d units", rules.MaxCost))
	require.Equal(t, rules.Pass, find(t, fs, "works", "survey").Outcome, "other rules are unaffected")
}

// TestContextCancel: a cancelled check stops, including inside a loop.
func TestContextCancel(t *testing.T) {
	a, e := compile(t, "testdata/runtime/area.yaml")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err := e.Check(cancelled, asOf)
	require.ErrorIs(t, err, context.Canceled)

	// Evaluate does not look at the context before it starts, but an
	// expression with a loop does; with a cost limit above rules.MaxCost
	// the loop's interrupt check also watches it as it goes.
	for i := range 3 * rules.InterruptCheckFrequency {
		a.Records.Meetings = append(a.Records.Meetings, compact.Meeting{ID: fmt.Sprintf("m%d", i), Body: "forum",
			Date: compact.MustParseDate("2024-07-01"), Attendees: []string{"ann"}})
	}
	for _, opts := range [][]rules.Option{nil, {rules.WithMaxCost(10 * rules.MaxCost)}} {
		e, err = rules.Compile(a, opts...)
		require.NoError(t, err)
		body, _ := a.Body("forum")
		fs, err := e.Evaluate(ctx, body, asOf)
		require.NoError(t, err)
		require.Equal(t, rules.Pass, fs[0].Outcome)
		_, err = e.Evaluate(cancelled, body, asOf)
		require.ErrorIs(t, err, context.Canceled)
	}
}

// TestConcurrent checks many records on many goroutines, and evaluates
// records from many goroutines at once: the results are those of one
// goroutine. Run it with -race.
func TestConcurrent(t *testing.T) {
	a, e := compile(t, "testdata/borough")
	base := a.Records.Funding[0]
	for i := range 2000 {
		f := base
		f.ID = fmt.Sprintf("cut-%d", i)
		f.NoticeGiven = f.NoticeGiven.AddDays(i % 120)
		if i%3 == 0 {
			f.Clauses = []compact.Clause{{Kind: compact.ClauseCampaigningRestriction, Text: "no campaigning"}}
		}
		a.Records.Funding = append(a.Records.Funding, f)
	}
	one, err := e.Check(ctx, asOf, rules.Workers(1))
	require.NoError(t, err)
	many, err := e.Check(ctx, asOf, rules.Workers(8))
	require.NoError(t, err)
	require.Equal(t, one, many)

	var wg sync.WaitGroup
	var inScope []*compact.FundingDecision
	for i := range a.Records.Funding {
		if f := &a.Records.Funding[i]; f.ID != "cvs-grant" { // decided the year before
			inScope = append(inScope, f)
		}
	}
	results := make([][]rules.Finding, len(inScope))
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(inScope); i += 8 {
				fs, err := e.Evaluate(ctx, inScope[i], asOf)
				if err != nil {
					panic(err)
				}
				results[i] = fs
			}
		}()
	}
	wg.Wait()
	var flat []rules.Finding
	for _, fs := range results {
		flat = append(flat, fs...)
	}
	var funding []rules.Finding
	for _, f := range one {
		if f.Kind == rules.OnFunding {
			funding = append(funding, f)
		}
	}
	require.Equal(t, funding, flat)
}

// TestPackTests runs a pack's tests: passes, failures with reasons, and
// test parameters.
func TestPackTests(t *testing.T) {
	_, e := compile(t, "testdata/packtests/area.yaml")
	res, err := e.Test(ctx)
	require.NoError(t, err)
	require.Len(t, res, 3)
	require.True(t, res[0].Passed)
	require.True(t, res[1].Passed, "%+v", res[1].Failures)
	require.False(t, res[2].Passed)
	var msgs []string
	for _, f := range res[2].Failures {
		msgs = append(msgs, fmt.Sprintf("%s %s want=%s got=%s: %s", f.Rule, f.Subject, f.Want, f.Got, f.Message))
	}
	require.Equal(t, []string{
		"length short want=pass got=fail: expected pass, got fail: Short ran 4 weeks",
		`length missing want=fail got=: rule length gave no outcome for subject "missing": check the subject's id and kind, and that its dates are in scope as of 2025-03-31`,
		`length short want=fail got=fail: the message "Short ran 4 weeks" does not contain "ran 5 weeks"`,
		"dated short want= got=error: the rule could not be evaluated: check: a date that is not given cannot be used here; test it first with has(), for example has(consultation.feedbackPublished)",
	}, msgs)

	_, e = compile(t, "testdata/packtests/broken.yaml")
	_, err = e.Test(ctx)
	require.ErrorIs(t, err, compact.ErrReference)
	require.Equal(t, `testdata/packtests/broken.yaml:18:25: tests[0].parameters.weaks: no parameter weaks in pack broken-tests; did you mean weeks?
testdata/packtests/broken.yaml:18:35: tests[0].parameters.weeks: parameter weeks is a whole number (int); found the string "three"
testdata/packtests/broken.yaml:21:16: tests[0].expect[0].rule: no rule "lenght" in pack broken-tests; did you mean "length"?`, err.Error())
}

// TestDefaultPack: an area without a pack of its own is checked with the
// national pack; WithPack picks another.
func TestDefaultPack(t *testing.T) {
	_, e := compile(t, "testdata/library")
	require.Equal(t, "national", e.Pack().ID)
	_, e = compile(t, "testdata/borough", rules.WithPack("national"))
	require.Equal(t, []string{"national"}, e.Pack().Chain)

	a := load(t, "testdata/borough")
	_, err := rules.Compile(a, rules.WithPack("nowhere"))
	require.ErrorIs(t, err, rules.ErrNoPack)

	docs, err := compact.Parse("empty.yaml", []byte("apiVersion: compactkit/v1\nkind: Directory\n"))
	require.NoError(t, err)
	empty, err := compact.NewArea(docs)
	require.NoError(t, err)
	_, err = rules.Compile(empty)
	require.ErrorIs(t, err, rules.ErrNoPack)
}

// TestTwoStandalonePacks: an area has one pack (which may extend others in
// the area).
func TestTwoStandalonePacks(t *testing.T) {
	src := `apiVersion: compactkit/v1
kind: RulePack
id: one
title: One
---
apiVersion: compactkit/v1
kind: RulePack
id: two
title: Two
---
apiVersion: compactkit/v1
kind: RulePack
id: three
title: Three
extends: one
`
	docs, err := compact.Parse("packs.yaml", []byte(src))
	require.NoError(t, err)
	a, err := compact.NewArea(docs)
	require.NoError(t, err)
	_, err = rules.Compile(a)
	require.ErrorIs(t, err, compact.ErrDuplicate)
	require.Contains(t, err.Error(), `an area has one rule pack, but "two" and "three" both stand alone`)
}

// TestErrorsAreClassified: errors.Is finds the class of each problem.
func TestErrorsAreClassified(t *testing.T) {
	a, err := compact.LoadArea("testdata/errors/expressions.yaml", compact.WithLibrary(library(t)))
	require.NoError(t, err)
	_, err = rules.Compile(a)
	require.ErrorIs(t, err, rules.ErrCompile)
	require.ErrorIs(t, err, compact.ErrLimit) // the nested loops
	var list compact.Errors
	require.True(t, errors.As(err, &list))
	require.Equal(t, "rules[0].check", list[0].Path)
}

func TestSeverity(t *testing.T) {
	s, err := rules.ParseSeverity("warning")
	require.NoError(t, err)
	require.Equal(t, rules.Warning, s)
	_, err = rules.ParseSeverity("fatal")
	require.EqualError(t, err, `"fatal" is not a severity; expected one of breach, warning, advice`)
	require.Greater(t, rules.Breach.Rank(), rules.Warning.Rank())
	require.Greater(t, rules.Warning.Rank(), rules.Advice.Rank())
	require.Equal(t, []string{"breach", "warning", "advice"}, rules.Severity("").Values())
	require.Len(t, rules.SubjectKinds(), 10)
}

// TestSuperseded: a pack override that the compact's value replaces is
// reported, so nobody wonders why it has no effect.
func TestSuperseded(t *testing.T) {
	_, e := compile(t, "testdata/borough")
	require.Empty(t, e.Pack().Superseded())

	src := `apiVersion: compactkit/v1
kind: Compact
id: town
title: Town
parameters: {weeks: 12}
commitments:
  - {id: c, party: public, text: Consult.}
---
apiVersion: compactkit/v1
kind: RulePack
id: base
title: Base
parameters:
  weeks: {type: int, default: 10}
---
apiVersion: compactkit/v1
kind: RulePack
id: town
title: Town
extends: base
overrides: {weeks: 8}
`
	docs, err := compact.Parse("town.yaml", []byte(src))
	require.NoError(t, err)
	a, err := compact.NewArea(docs)
	require.NoError(t, err)
	e, err = rules.Compile(a)
	require.NoError(t, err)
	require.Equal(t, []string{"pack town sets weeks to 8, but compact town sets 12, and the compact's value is in force; to change it, set it in the area's compact"},
		e.Pack().Superseded())
	s, _ := e.Pack().Parameter("weeks")
	require.Equal(t, compact.IntValue(12), s.Value)
}

// TestLimits: packs beyond the limits are refused with a clear error, not
// run.
func TestLimits(t *testing.T) {
	pack := func(rulesYAML string) error {
		src := "apiVersion: compactkit/v1\nkind: RulePack\nid: big\ntitle: Big\nrules:\n" + rulesYAML
		docs, err := compact.Parse("big.yaml", []byte(src))
		require.NoError(t, err)
		a, err := compact.NewArea(docs)
		require.NoError(t, err)
		_, err = rules.Compile(a)
		return err
	}
	rule := func(id, check string) string {
		return fmt.Sprintf("  - {id: %s, title: t, enforces: [c], on: funding, severity: advice, check: %q, message: \"'m'\"}\n", id, check)
	}
	var many strings.Builder
	for i := range rules.MaxRulesPerPack + 1 {
		many.WriteString(rule(fmt.Sprintf("r%d", i), "true"))
	}
	err := pack(many.String())
	require.ErrorIs(t, err, compact.ErrLimit)
	require.ErrorContains(t, err, fmt.Sprintf("the pack has %d rules; the limit is %d", rules.MaxRulesPerPack+1, rules.MaxRulesPerPack))

	long := "funding.reasons != ''" + strings.Repeat(" && funding.reasons != ''", rules.MaxExpressionLength/24)
	err = pack(rule("long", long))
	require.ErrorIs(t, err, compact.ErrLimit)
	require.ErrorContains(t, err, fmt.Sprintf("the limit is %d", rules.MaxExpressionLength))

	deep := strings.Repeat("(", rules.MaxNestingDepth+5) + "true" + strings.Repeat(")", rules.MaxNestingDepth+5)
	err = pack(rule("deep", deep))
	require.ErrorIs(t, err, compact.ErrLimit)
	require.ErrorContains(t, err, fmt.Sprintf("nests more than %d levels deep", rules.MaxNestingDepth))

	wide := "[" + strings.Repeat("1, ", rules.MaxExpressionNodes) + "1].size() > 0"
	err = pack(rule("wide", wide))
	require.ErrorIs(t, err, compact.ErrLimit)
	require.ErrorContains(t, err, fmt.Sprintf("more than %d parts", rules.MaxExpressionNodes))

	require.NoError(t, pack(rule("fine", "funding.amount > 1000 && funding.reasons != ''")))
}
