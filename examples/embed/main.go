// Command embed is the code an integrator copies to put compactkit's rules
// engine in a Go program: a grants system, a consultation tracker, a case
// management system.
//
// It loads an area (a folder of compact, directory, records and rule pack
// documents), compiles the area's rule pack once, checks every record in
// scope, and then evaluates new records as they arrive, from several
// goroutines at once, the way a service evaluates records on save.
//
//	go run ./examples/embed examples/kent
//	go run ./examples/embed -as-of 2013-03-31 examples/kent
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

func main() {
	if err := run(context.Background(), os.Stdout, os.Args[1:]); err != nil {
		// Problems with documents and packs come as compact.Errors: each has
		// a file, line and column, and a snippet of the line.
		for _, e := range compact.AsErrors(err) {
			fmt.Fprintln(os.Stderr, e)
			if s := e.Snippet(); s != "" {
				fmt.Fprintln(os.Stderr, s)
			}
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, args []string) error {
	fs := flag.NewFlagSet("embed", flag.ContinueOnError)
	asOfFlag := fs.String("as-of", "", "date to check as of (YYYY-MM-DD); default: the end of the records' period")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: embed [-as-of DATE] AREA")
	}

	// 1. Load the area through the facade. Its library holds the national
	// compact, rule pack and role catalogue, which local documents extend
	// by id. (compactkit.Validate would also check every document, of
	// every package, and report every problem at once.)
	area, err := compactkit.Load(fs.Arg(0))
	if err != nil {
		return err
	}

	// 2. Compile the area's rule pack once. The engine is bound to the area
	// (its compact's parameters, its records), immutable and safe to share
	// between goroutines.
	engine, err := area.Engine()
	if err != nil {
		return err
	}
	var asOf compact.Date
	if *asOfFlag != "" {
		if asOf, err = compact.ParseDate(*asOfFlag); err != nil {
			return err
		}
	}
	// The as-of date and period every command would choose: the end of
	// the records' period, and that period.
	asOf, period := area.Span(asOf, compact.Period{}, compact.Date{})
	if asOf.IsZero() {
		return errors.New("the records have no period: give -as-of")
	}
	fmt.Fprintf(w, "%s: rule pack %s, %d rules in force, as of %s\n", area.Name, engine.Pack().ID, len(engine.Pack().InForce()), asOf)

	// 3. Check every record in scope. Check spreads the work over all CPUs
	// and returns the findings in a fixed order.
	findings, err := engine.Check(ctx, rules.AsOf(asOf), rules.Period(period))
	if err != nil {
		return err
	}
	for _, f := range findings {
		if f.Outcome == rules.Fail || f.Outcome == rules.Errored {
			fmt.Fprintf(w, "  %-7s %-8s %s: %s%s\n", f.Outcome, f.Severity, f.Rule, f.Message, f.Error)
		}
	}
	s := findings.Summary()
	fmt.Fprintf(w, "checked: %d pass, %d fail, %d not applicable, %d errors\n", s.Pass, s.Fail, s.NotApplicable, s.Error)

	// 4. Evaluate records as they arrive, from several goroutines: here
	// the area's funding decisions, as if each were saved again.
	// AppendEvaluate reuses each worker's slice.
	incoming := make(chan *compact.FundingDecision)
	var mu sync.Mutex
	failed := map[string]int{}
	var wg sync.WaitGroup
	const workers = 4
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []rules.Finding
			for d := range incoming {
				var err error
				buf, err = engine.AppendEvaluate(ctx, buf[:0], d, rules.AsOf(asOf))
				if err != nil {
					continue // only a cancelled context or a bad option
				}
				for _, f := range buf {
					if f.Outcome == rules.Fail {
						mu.Lock()
						failed[d.ID]++
						mu.Unlock()
					}
				}
			}
		}()
	}
	for i := range area.Records.Funding {
		incoming <- &area.Records.Funding[i]
	}
	close(incoming)
	wg.Wait()
	for i := range area.Records.Funding {
		if d := &area.Records.Funding[i]; failed[d.ID] > 0 {
			fmt.Fprintf(w, "  on save: %s breaks %d rule(s)\n", d.ID, failed[d.ID])
		}
	}
	fmt.Fprintf(w, "evaluated %d funding decisions on %d goroutines\n", len(area.Records.Funding), workers)
	return nil
}
