package rules_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// Compile an area's rule pack once, check its records, and print what
// failed.
func Example() {
	area, err := compact.LoadArea("testdata/simple/area.yaml")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err) // every problem, with file:line:column
	}
	findings, err := engine.Check(context.Background(), rules.AsOf(compact.MustParseDate("2025-03-31")))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range findings {
		fmt.Printf("%s %s %s: %s\n", f.Outcome, f.Rule, f.Subject, f.Message)
	}
	// Output:
	// fail consultation-length library-review: Library review ran 8 weeks; the compact asks for 12 or a stated reason
}

// Evaluate one record as it is saved, in a grants or consultation system.
func ExampleEngine_Evaluate() {
	area, err := compact.LoadArea("testdata/simple/area.yaml")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err)
	}
	c := &compact.Consultation{ID: "parks", Title: "Parks strategy", Owner: "council", Formal: true,
		Opens: compact.MustParseDate("2025-01-06"), Closes: compact.MustParseDate("2025-02-17"),
		ShortPeriodRationale: "The strategy must be agreed before the spring budget."}
	findings, err := engine.Evaluate(context.Background(), c, rules.AsOf(compact.MustParseDate("2025-02-18")))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(findings[0].Rule, findings[0].Outcome)
	// Output:
	// consultation-length pass
}

// A pack's expressions are type-checked when it is compiled: a misspelt
// field is reported at its line and column, with the line quoted.
func ExampleCompile_errors() {
	docs, _ := compact.Parse("pack.yaml", []byte(`apiVersion: compactkit/v1
kind: RulePack
id: local
title: Local checks
rules:
  - id: notice
    title: Notice is given
    enforces: [funding-notice]
    on: funding
    severity: breach
    check: has(funding.noticeGivn)
    message: "'no notice'"
`))
	area, _ := compact.NewArea(docs)
	_, err := rules.Compile(area)
	for _, e := range compact.AsErrors(err) {
		fmt.Println(e)
		fmt.Println(e.Snippet())
	}
	// Output:
	// pack.yaml:11:23: rules[0].check: undefined field 'noticeGivn'; did you mean "noticeGiven"?
	//  |     check: has(funding.noticeGivn)
	//  |                       ^
}

// Limits are options whose defaults are the named constants: a pack can
// be compiled with a tighter cost limit, and a whole check given a
// budget and a time limit. Rules a limit stops give error findings that
// name it; the others report as usual.
func ExampleRunCost() {
	area, err := compact.LoadArea("testdata/simple/area.yaml")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area, rules.WithMaxCost(rules.MaxCost/10))
	if err != nil {
		log.Fatal(err)
	}
	findings, err := engine.Check(context.Background(), rules.AsOf(compact.MustParseDate("2025-03-31")),
		rules.RunCost(1_000_000), rules.Timeout(time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(findings[0].Rule, findings[0].Outcome)
	// Output:
	// consultation-length fail
}

// A rule that would cost too much is refused when its pack compiles, with
// the call that costs, the fields it reads and the limit.
func ExampleCompile_cost() {
	docs, _ := compact.Parse("pack.yaml", []byte(`apiVersion: compactkit/v1
kind: RulePack
id: local
title: Local checks
rules:
  - id: clauses
    title: No clause repeats another
    enforces: [independence]
    on: funding
    severity: advice
    check: funding.clauses.all(a, funding.clauses.all(b, a == b || a.text != b.text))
    message: "'a clause repeats'"
`))
	area, _ := compact.NewArea(docs)
	_, err := rules.Compile(area)
	fmt.Println(err)
	// Output:
	// pack.yaml:11:31: rules[0].check: all() on funding.clauses, a.text, b.text could cost up to 2100603 units (with lists of 100 items); the limit for one expression is 1000000: avoid a loop inside a loop (all, exists, map, filter): test each list on its own, or count with size() and filter() in separate rules
}

// List the commitments of an area's compact with the rules that check
// them: a commitment no rule checks, and whose compact gives no reason it
// cannot be, is a gap.
func ExampleCoverageOf() {
	pack := &rules.Pack{ID: "borough", Rules: []*rules.PackRule{
		{Rule: rules.Rule{ID: "consultation-length", Title: "Consultations last 12 weeks", Enforces: []string{"consult-12-weeks"}}, Pack: "borough"},
	}}
	c := &compact.Resolved{Compact: compact.Compact{ID: "borough-2012", Commitments: []compact.Commitment{
		{ID: "consult-12-weeks", Party: compact.PartyPublic, Text: "Consult for 12 weeks."},
		{ID: "respect", Party: compact.PartyAll, Text: "Respect each other.", NotCheckable: "An attitude, not a dated act."},
		{ID: "annual-meeting", Party: compact.PartyAll, Text: "Meet once a year."},
	}}}
	cov := rules.CoverageOf(pack, c)
	for _, x := range cov.Commitments {
		fmt.Println(x.ID, x.Status)
	}
	fmt.Println(cov.Summary())
	// Output:
	// consult-12-weeks checked
	// respect not-checkable
	// annual-meeting gap
	// 1 of the compact's 3 commitments is checked; 1 cannot be checked from records; 1 could be checked but no rule does
}

// Plan a funding reduction before it is decided: the dates the rules in
// force ask for, each citing its commitment and the parameter in force.
func ExampleEngine_Plan() {
	lib, err := compact.LoadLibrary("../examples/national")
	if err != nil {
		log.Fatal(err)
	}
	area, err := compact.LoadArea("../examples/kent", compact.WithLibrary(lib))
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err)
	}
	draft := &compact.FundingDecision{ID: "cut", Funder: "dover-dc", Recipient: "harbourside-community-centre",
		Kind: compact.FundingReduction, Reasons: "Budget.", NoticeForm: compact.NoticeWritten,
		Decided: compact.MustParseDate("2025-03-03"), Effective: compact.MustParseDate("2025-10-01")}
	planned, err := engine.Plan(context.Background(), draft, rules.AsOf(compact.MustParseDate("2025-01-06")))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range planned.Steps {
		if s.Commitment == "funding-notice" {
			p := s.Parameters[0]
			fmt.Printf("%s %s: %s (%s = %s, set by %s)\n", s.Date, s.Step, s.Title, p.Name, p.Words, p.SetBy.By)
		}
	}
	fmt.Println(len(planned.Findings), "findings")
	// Output:
	// 2025-04-01 decideBy: The decision must be taken in time to give 6 months' notice (fundingNoticeMonths = 6 months, set by dover-district-compact)
	// 2025-04-01 noticeBy: Notice must be given in writing (fundingNoticeMonths = 6 months, set by dover-district-compact)
	// 0 findings
}
