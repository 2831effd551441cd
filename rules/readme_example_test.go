package rules_test

import (
	"context"
	"fmt"
	"log"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/rules"
)

// Check a year of an area's records, as the README shows (the lines
// between the README markers are the README's snippet, and a test in
// package examples keeps the two the same).
func Example_check() {
	ctx := context.Background()
	// README begin
	lib, err := examples.Library() // the national Compact and its rule pack
	if err != nil {
		log.Fatal(err)
	}
	area, err := compact.LoadArea("../examples/kirklees", compact.WithLibrary(lib))
	if err != nil {
		log.Fatal(err) // every problem in every file, with file:line:column
	}
	engine, err := rules.Compile(area) // compile once, bound to the area; share between goroutines
	if err != nil {
		log.Fatal(err)
	}
	findings, err := engine.Check(ctx, rules.AsOf(compact.MustParseDate("2014-03-31")))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range findings {
		if f.Outcome == rules.Fail && f.Rule == "funding-notice" {
			fmt.Printf("%s %s: %s\n", f.Rule, f.Subject, f.Message)
		}
	}
	// README end

	// Output:
	// funding-notice fund-befriending-ending: Kirklees Council gave Befriending Circle Kirklees 2 months' notice of the ending of its funding; the compact asks for 3
	// funding-notice fund-transport-reduction: Kirklees Council gave Spenborough Wheels Community Transport notice of the reduction of its funding only by word of mouth, not in writing
}
