package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// ownPack refuses an area with no RulePack of its own: "rules test" on it
// would run the tests of the national pack and pass, whatever the folder
// holds.
func ownPack(path string, a *compact.Area) error {
	if len(a.DocumentsOf(compact.KindRulePack)) > 0 {
		return nil
	}
	return &compact.Error{Pos: compact.Position{File: path}, Err: compact.ErrMissing,
		Msg: "no RulePack document here: rules test runs the tests of an area's own pack (check uses the national pack for an area without one)"}
}

// printCoverage writes the rules the tests exercised, one a line, with the
// branches no test reached; nothing when coverage was not asked for.
func printCoverage(w io.Writer, cov []rules.RuleCoverage) {
	if len(cov) == 0 {
		return
	}
	covered := 0
	fmt.Fprintln(w, "\nCoverage (branches: not-applicable when the rule has a when, pass, fail):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  RULE\tPACK\tTESTS\tPASS\tFAIL\tN/A\tERROR\tNOT REACHED")
	for _, c := range cov {
		missing := "-"
		if c.Covered() {
			covered++
		} else {
			var m []string
			for _, o := range c.Missing {
				m = append(m, string(o))
			}
			missing = strings.Join(m, ", ")
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n", c.Rule, c.Pack, len(c.Tests),
			c.Outcomes[rules.Pass], c.Outcomes[rules.Fail], c.Outcomes[rules.NotApplicable], c.Outcomes[rules.Errored], missing)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d of %d rules fully covered\n", covered, len(cov))
}
