package reporting_test

import (
	"context"
	"fmt"
	"os"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/reporting"
)

// loadArea loads an example area for the examples below.
func loadArea(name string) *compact.Area {
	lib, err := examples.Library()
	if err != nil {
		panic(err)
	}
	a, err := compact.LoadArea("../examples/"+name, compact.WithLibrary(lib))
	if err != nil {
		panic(err)
	}
	return a
}

// Build the annual report of an area and print its headline.
func ExampleBuild() {
	area := loadArea("kirklees")
	r, err := reporting.Build(context.Background(), area, compact.FinancialYear(2013))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title)
	for _, s := range r.Summary {
		fmt.Println("-", s)
	}
	// Output:
	// The Kirklees Compact: annual report 2013-14
	// - 5 organisations were signed up to the compact on 31 March 2014, against 2 at the start of 2013-14.
	// - The Kirklees Compact Steering Group met twice, keeping to the compact's minimum of 2 meetings a year.
	// - There were 2 vacancies on 31 March 2014.
	// - 3 of 5 formal consultations (60%) ran for at least 12 weeks; of the 2 shorter, 1 gave a reason and 1 did not.
	// - 1 of 3 reductions or endings gave at least 3 months' notice in writing, as the compact asks; together they take £92,000 a year from the organisations funded.
}

// Give the report compliance findings from any source: here a fixed list
// for the period and none for the period before.
func ExampleWithFindings() {
	area := loadArea("kirklees")
	src := reporting.FindingsFunc(func(_ context.Context, p compact.Period, _ compact.Date) ([]reporting.Finding, error) {
		if p != compact.FinancialYear(2013) {
			return nil, nil
		}
		return []reporting.Finding{
			{Rule: "funding-notice", Organisation: "kirklees-council", Outcome: reporting.Fail, Commitments: []string{"funding-notice"},
				Message: "Kirklees Council gave Kirklees Befriending Circle 2 months' notice"},
			{Rule: "funding-notice", Organisation: "kirklees-council", Outcome: reporting.Pass, Commitments: []string{"funding-notice"}},
		}, nil
	})
	r, err := reporting.Build(context.Background(), area, compact.FinancialYear(2013), reporting.WithFindings(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Compliance.Summary[0])
	fmt.Println(r.Compliance.Summary[1])
	// Output:
	// 2 compliance checks applied in 2013-14: 1 passed and 1 failed.
	// There are no findings for 2012-13 to compare with.
}

// The consultation watch: what is open on a date, how long is left, and
// whether each consultation meets the compact.
func ExampleWatch() {
	area := loadArea("kirklees")
	for _, c := range reporting.Watch(area, compact.MustParseDate("2014-03-20")) {
		fmt.Printf("%s: %d days left\n%s\n", c.Title, *c.DaysLeft, c.Says)
	}
	// Output:
	// A new youth offer for Kirklees: 11 days left
	// Closes in 11 days. Open 12 weeks (6 January 2014 to 31 March 2014), meeting the compact's 12 weeks. A summary of responses is due by 30 June 2014.
}

// Read the status of a priority from its achievement as reported.
func ExampleDeriveStatus() {
	for _, a := range []string{
		"Implemented and successful.",
		"Good progress. Dissemination Events, work with SHDC.",
		"This pilot programme is now enrolling.",
		"Still on the agenda.",
	} {
		st, _ := reporting.DeriveStatus(a)
		fmt.Printf("%-14s %-6s %s\n", st.Label(), st.RAG().Label(), a)
	}
	// Output:
	// Achieved       Green  Implemented and successful.
	// Good progress  Amber  Good progress. Dissemination Events, work with SHDC.
	// In progress    Amber  This pilot programme is now enrolling.
	// Not started    Red    Still on the agenda.
}

// Track a statement of annual priorities: target against achieved, rated
// red, amber or green.
func ExampleTracker_Priorities() {
	area := loadArea("lincolnshire-rutland")
	plans, err := reporting.LoadPlans(area)
	if err != nil {
		fmt.Println(err)
		return
	}
	tr, err := reporting.NewTracker(area, compact.MustParseDate("2009-03-31"))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := tr.Priorities(plans.Priorities[0])
	for _, pr := range p.Priorities {
		m := pr.Measures[0]
		if m.Target != nil {
			fmt.Printf("%s. %s of %s %s: %s\n", pr.Number, fmtNum(*m.Achieved), fmtNum(*m.Target), m.Unit, pr.RAG.Label())
		}
	}
	// Output:
	// 1. 7 of 10 organisations: Amber
	// 2. 64 of 60 people: Green
	// 3. 2 of 2 events: Green
	// 4. 18 of 40 people: Red
}

func fmtNum(f float64) string { return fmt.Sprint(f) }

// Write a report as Markdown; WriteHTML, WriteJSON and WriteFindingsCSV
// write the other formats.
func ExampleReport_WriteMarkdown() {
	area := loadArea("national")
	r, err := reporting.Build(context.Background(), area, area.Records.Period)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := r.WriteMarkdown(os.Stdout); err != nil {
		fmt.Println(err)
	}
}
