package reporting_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// Write an area's annual report as a self-contained HTML page, with the
// compliance checks in it, as the README shows (the lines between the
// README markers are the README's snippet, and a test in package examples
// keeps the two the same).
func Example_annualReport() {
	ctx := context.Background()
	out, err := os.CreateTemp("", "report-*.html")
	if err != nil {
		log.Fatal(err)
	}
	defer os.Remove(out.Name())
	defer out.Close()
	var w io.Writer = out // where the page goes: a file, an HTTP response ...
	// README begin
	lib, err := examples.Library()
	if err != nil {
		log.Fatal(err)
	}
	area, err := compact.LoadArea("../examples/kirklees", compact.WithLibrary(lib))
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err)
	}
	r, err := reporting.Build(ctx, area, compact.FinancialYear(2013),
		reporting.WithFindings(reporting.RuleFindings(engine)))
	if err != nil {
		log.Fatal(err)
	}
	if err := r.WriteHTML(w); err != nil {
		log.Fatal(err)
	}
	// README end

	fmt.Println(r.Title)
	fmt.Println("failed checks listed:", len(r.Compliance.Failures) > 0)
	page, _ := os.ReadFile(out.Name())
	fmt.Println(strings.HasPrefix(string(page), "<!DOCTYPE html>"))
	// Output:
	// The Kirklees Compact: annual report 2013-14
	// failed checks listed: true
	// true
}
