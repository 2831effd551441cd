package rules

import (
	"context"
	"fmt"
	"testing"
	"time"

	"cel.dev/cel-go/common/types"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
)

func benchArea(b *testing.B, path string) *compact.Area {
	b.Helper()
	base, err := examples.Library()
	if err != nil {
		b.Fatal(err)
	}
	lib, err := compact.LoadLibrary("testdata/library")
	if err != nil {
		b.Fatal(err)
	}
	a, err := compact.LoadArea(path, compact.WithLibrary(lib.With(base)))
	if err != nil {
		b.Fatal(err)
	}
	return a
}

var asOf = compact.MustParseDate("2025-03-31")

// passing is a 12-week consultation: the simple rule passes and reads every
// value in its check.
var passing = &compact.Consultation{ID: "budget", Title: "Budget", Owner: "council", Formal: true,
	Opens: compact.MustParseDate("2024-11-04"), Closes: compact.MustParseDate("2025-01-27")}

// BenchmarkSimpleRule evaluates one rule on one record through the engine:
// Evaluate, as an embedder calls it.
func BenchmarkSimpleRule(b *testing.B) {
	e, err := Compile(benchArea(b, "testdata/simple/area.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var fs []Finding
	b.ReportAllocs()
	for b.Loop() {
		fs, err = e.AppendEvaluate(ctx, fs[:0], passing, AsOf(asOf))
		if err != nil || len(fs) != 1 || fs[0].Outcome != Pass {
			b.Fatal(fs, err)
		}
	}
}

// BenchmarkSimpleRuleEvaluate is BenchmarkSimpleRule through Evaluate, which
// returns a new slice of findings each time.
func BenchmarkSimpleRuleEvaluate(b *testing.B) {
	e, err := Compile(benchArea(b, "testdata/simple/area.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		fs, err := e.Evaluate(ctx, passing, AsOf(asOf))
		if err != nil || len(fs) != 1 || fs[0].Outcome != Pass {
			b.Fatal(fs, err)
		}
	}
}

// BenchmarkRawCEL evaluates the same compiled cel-go program directly, with
// a ready activation: the floor the engine's overhead is measured against.
func BenchmarkRawCEL(b *testing.B) {
	e, err := Compile(benchArea(b, "testdata/simple/area.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	r := &run{asOf: asOf, period: compact.FinancialYearOf(asOf), params: e.params, compact: e.world.compactVar}
	var s subject
	e.world.recordSubject(&s, passing, r)
	prg := e.rules[0].check.prg
	b.ReportAllocs()
	for b.Loop() {
		v, _, err := prg.Eval(&s)
		if err != nil || v.Value() != true {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkRawCELMapActivation evaluates the same compiled program the way a
// program calling cel-go directly usually does: a map of the variables built
// for each record. It is not the floor (BenchmarkRawCEL is), but it is what
// "calling cel-go directly" costs in practice.
func BenchmarkRawCELMapActivation(b *testing.B) {
	e, err := Compile(benchArea(b, "testdata/simple/area.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	prg := e.rules[0].check.prg
	b.ReportAllocs()
	for b.Loop() {
		v, _, err := prg.Eval(map[string]any{"consultation": passing, "params": e.params,
			"asOf": dateVal{&asOf}, "compact": e.world.compactVar})
		if err != nil || v.Value() != true {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkEngineOverhead measures what the engine adds to an optimised
// cel-go program, on the same rule (the simple rule, compiled once) and
// the same record, with the same activation (the engine's subject: a
// fixed set of variables, no map):
//
//   - engine: AppendEvaluate, as an embedder calls it per record, into a
//     reused slice of findings;
//   - raw: what a program calling cel-go directly does per record: bind the
//     record into the activation, Eval, read the boolean;
//   - raw-fixed: Eval alone on an activation bound once (a floor no caller
//     of cel-go gets per record, since each record must be bound);
//   - interleaved: the three in alternating batches, so they share the
//     machine's load, reporting engine/raw and engine/raw-fixed: the
//     ratios to read (the target is engine/raw <= 1.2).
func BenchmarkEngineOverhead(b *testing.B) {
	e, err := Compile(benchArea(b, "testdata/simple/area.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	opts := []EvalOption{AsOf(asOf)}
	r := &run{asOf: asOf, period: compact.FinancialYearOf(asOf), params: e.params, compact: e.world.compactVar}
	var s subject
	e.world.recordSubject(&s, passing, r)
	prg := e.rules[0].check.prg
	var fs []Finding
	engine := func() bool {
		fs, err = e.AppendEvaluate(ctx, fs[:0], passing, opts...)
		return err == nil && fs[0].Outcome == Pass
	}
	raw := func() bool {
		e.world.recordSubject(&s, passing, r)
		v, _, err := prg.Eval(&s)
		return err == nil && v == types.True
	}
	rawFixed := func() bool {
		v, _, err := prg.Eval(&s)
		return err == nil && v == types.True
	}
	each := func(f func() bool) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !f() {
					b.Fatal("the rule did not pass")
				}
			}
		}
	}
	b.Run("engine", each(engine))
	b.Run("raw", each(raw))
	b.Run("raw-fixed", each(rawFixed))
	b.Run("interleaved", func(b *testing.B) {
		const batch = 1000
		var spent [3]time.Duration
		for b.Loop() {
			for i, f := range [...]func() bool{engine, raw, rawFixed} {
				start := time.Now()
				for range batch {
					if !f() {
						b.Fatal("the rule did not pass")
					}
				}
				spent[i] += time.Since(start)
			}
		}
		b.ReportMetric(float64(spent[0])/float64(spent[1]), "engine/raw")
		b.ReportMetric(float64(spent[0])/float64(spent[2]), "engine/raw-fixed")
		b.ReportMetric(float64(spent[0].Nanoseconds())/float64(b.N*batch), "engine-ns/eval")
		b.ReportMetric(float64(spent[1].Nanoseconds())/float64(b.N*batch), "raw-ns/eval")
	})
}

// BenchmarkNationalPackOneRecord evaluates every national rule on funding
// (the subject kind with the most rules) on one funding cut.
func BenchmarkNationalPackOneRecord(b *testing.B) {
	a := benchArea(b, "testdata/borough")
	e, err := Compile(a, WithPack("national"))
	if err != nil {
		b.Fatal(err)
	}
	rec := &a.Records.Funding[0]
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		fs, err := e.Evaluate(ctx, rec, AsOf(asOf))
		if err != nil || len(fs) < 8 {
			b.Fatal(len(fs), err)
		}
	}
}

// BenchmarkHundredThousandRecords checks 100,000 generated records (funding
// decisions, consultations, meetings, nominations) with the borough pack
// (the national pack and a local rule) on all CPUs.
func BenchmarkHundredThousandRecords(b *testing.B) {
	a := benchArea(b, "testdata/borough")
	generate(a, 100_000)
	e, err := Compile(a)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		fs, err := e.Check(ctx, AsOf(asOf))
		if err != nil || len(fs) < 100_000 {
			b.Fatal(len(fs), err)
		}
	}
}

// generate replaces an area's records with n generated ones dated in
// 2024-25: 40% funding decisions (cuts and grants, some failing), 30%
// consultations, 15% meetings and 15% nominations.
func generate(a *compact.Area, n int) {
	day := func(i int) compact.Date { return compact.MustParseDate("2024-04-01").AddDays(i % 360) }
	orgs := []string{"council", "cvs", "advice", "nhs"}
	r := &a.Records
	r.Consultations, r.Funding, r.Meetings, r.Nominations = nil, nil, nil, nil
	for i := range n {
		id := fmt.Sprintf("r%d", i)
		switch i % 20 {
		case 0, 1, 2, 3, 4, 5, 6, 7:
			kind := []compact.FundingKind{compact.FundingNew, compact.FundingRenewal, compact.FundingReduction, compact.FundingEnding}[i%4]
			f := compact.FundingDecision{ID: id, Title: "Grant " + id, Funder: "council", Recipient: orgs[1+i%3], Kind: kind,
				Decided: day(i), Reasons: "Budget", TermMonths: 12 + 12*(i%3), Start: day(i + 30), FirstPayment: day(i + 20 + i%20),
				FullCostRecovery: new(i%2 == 0), NoticeGiven: day(i + 5), NoticeForm: compact.NoticeWritten, Effective: day(i + 100 + i%60),
				ImpactAssessed: day(i - 3), ResponseInvited: day(i - 20 + i%10)}
			if i%7 == 0 {
				f.Clauses = []compact.Clause{{Kind: compact.ClauseMonitoring, Text: "Quarterly returns"}}
			}
			r.Funding = append(r.Funding, f)
		case 8, 9, 10, 11, 12, 13:
			r.Consultations = append(r.Consultations, compact.Consultation{ID: id, Title: "Consultation " + id, Owner: "council",
				Opens: day(i), Closes: day(i + 42 + 7*(i%8)), Formal: i%3 != 0, FeedbackPublished: day(i + 100)})
		case 14, 15, 16:
			r.Meetings = append(r.Meetings, compact.Meeting{ID: id, Body: "steering-group", Date: day(i), Attendees: []string{"alex", "sam"}})
		default:
			r.Nominations = append(r.Nominations, compact.Nomination{ID: id, Role: "compact-champion", Organisation: orgs[i%4],
				Person: "sam", From: day(i)})
		}
	}
}
