package compactkit_test

import (
	"context"
	"fmt"
	"log"
	"path/filepath"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
)

// Validate an area: every problem in every document, sorted by file, line
// and column.
func ExampleValidate() {
	_, err := compactkit.Validate(context.Background(), filepath.Join("testdata", "tangled"))
	for _, e := range compact.AsErrors(err) {
		fmt.Printf("%s:%d: %s\n", filepath.Base(e.Pos.File), e.Pos.Line, e.Path)
	}
	// Output:
	// plan.yaml:7: parties[0].organisation
	// records.yaml:14: nominations[1].role
	// rules.yaml:12: rules[0].check
}

// Check an area as of the end of its records period, then report on the
// same period: the report counts the check's findings.
func ExampleArea_Check() {
	area, err := compactkit.Load(filepath.Join("examples", "kirklees"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	checked, err := area.Check(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := checked.Findings.Summary()
	fmt.Printf("%s as of %s: %d failed\n", checked.Period, checked.AsOf, s.Fail)
	report, err := area.Report(ctx, compactkit.AsOf(checked.AsOf))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("report %s: %d failed\n", report.Period, report.Compliance.Failed)
	// Output:
	// 2013-14 as of 2014-03-31: 17 failed
	// report 2013-14: 17 failed
}

// Counts of what an area holds.
func ExampleArea_Counts() {
	area, err := compactkit.Load(filepath.Join("testdata", "town"))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := area.Counts()
	fmt.Println(c["organisations"], c["meetings"], area.RecordCount())
	// Output: 3 2 7
}

// Load an area once, validate it, check it and report on it, as the README
// shows (the lines between the README markers are the README's snippet).
func Example_facade() {
	ctx := context.Background()
	// README begin
	area, err := compactkit.Validate(ctx, "examples/kirklees") // load once; every problem in every document, sorted
	if err != nil {
		log.Fatal(err)
	}
	checked, err := area.Check(ctx) // as of the end of the records period, for that period
	if err != nil {
		log.Fatal(err)
	}
	report, err := area.Report(ctx) // the same as-of date and period: the same figures
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(checked.Period, checked.Findings.Summary().Fail, report.Compliance.Failed)
	// README end
	// Output:
	// 2013-14 15 15
}
