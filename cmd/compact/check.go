package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

var checkCommand = &command{
	name:    "check",
	summary: "check an area's records against its compact with its rule pack",
	run:     runCheck,
}

// checkArea is the JSON shape of one area's check.
type checkArea = rules.AreaCheck

func runCheck(c *cli, args []string) int {
	fs := c.flagSet("check", "check [--as-of DATE] [--period PERIOD] [--format text|json|csv|sarif] [--fail-on SEVERITY] [--pack ID] [--base DIR] PATH...", `
Loads each PATH as an area, compiles its rule pack (the area's RulePack, which
usually extends the national pack; an area without one is checked with the
national pack), and evaluates every rule on every record in scope: the
consultations, funding decisions, meetings, nominations, signatures and
reports of the period, each governance body, signatory and member, and the
compact itself.

--as-of defaults to the last day of the period of the area's records, or
today when they have none; --period defaults to the records' period when
--as-of is not given, and otherwise to the financial year containing it.

Text output groups findings by organisation and severity; JSON and CSV are
for machines (JSON: {"areas": [{path, area, compact, pack, chain, asOf,
period, disabled, summary, findings}]}; CSV: an area column, then the
columns of rules.CSVHeader; SARIF: a SARIF 2.1.0 log with one run per area,
each failure a result at its record's file, line and column, for code
hosts that show findings inline).

Exits 1 when a rule at or above --fail-on fails or cannot be evaluated, 3
when an area does not load or its pack does not compile, and 0 otherwise.`)
	format := addFormat(fs, "text", "json", "csv", "sarif")
	af := addAreaFlags(fs)
	var asOf dateFlag
	fs.Var(&asOf, "as-of", "the date to check as of (YYYY-MM-DD)")
	period := fs.String("period", "", `the period to check: a financial year "2024-25", a year "2024", or "from..to"`)
	failOn := fs.String("fail-on", "breach", "exit 1 when a rule of this severity or above fails: breach, warning, advice, or none")
	pack := fs.String("pack", "", "check with this rule pack (by id) instead of the area's own")
	paths, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(paths) == 0 {
		return c.usageError(fs, "give at least one PATH (an area folder or a file holding a whole area)")
	}
	var threshold rules.Severity
	if *failOn != "none" {
		s, err := rules.ParseSeverity(*failOn)
		if err != nil {
			return c.usageError(fs, "--fail-on: %v, or none", err)
		}
		threshold = s
	}
	var p compact.Period
	if *period != "" {
		var err error
		if p, err = compact.ParsePeriod(*period); err != nil {
			return c.usageError(fs, "--period: %v", err)
		}
	}
	var opts []rules.Option
	if *pack != "" {
		opts = append(opts, rules.WithPack(*pack))
	}

	exit := exitOK
	var results []checkArea
	var sarifRuns []rules.SARIFRun
	var cw *csv.Writer
	if format.value == "csv" {
		cw = csv.NewWriter(c.stdout)
		_ = cw.Write(append([]string{"area"}, rules.CSVHeader...))
	}
	for _, path := range paths {
		res := checkArea{Path: path}
		a, e, err := loadAndCompile(af, path, opts)
		if err != nil {
			exit = exitInvalid
			res.Problems = problemsJSON(err)
			sarifRuns = append(sarifRuns, rules.SARIFRun{Area: path, Problems: err, ToolVersion: toolVersion()})
			if format.value != "json" {
				printProblems(c.stderr, err)
				fmt.Fprintf(c.stderr, "%s: cannot be checked\n", path)
			}
			results = append(results, res)
			continue
		}
		on, per := asOfDate(&asOf, a), p
		if per == (compact.Period{}) && asOf.d.IsZero() && !a.Records.Period.To.IsZero() {
			per = a.Records.Period // as of the end of the records: check their period
		}
		if per == (compact.Period{}) {
			per = compact.FinancialYearOf(on)
		}
		found, err := e.Check(c.ctx, a, rules.AsOf(on), rules.Period(per))
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: %v\n", path, err)
			return exitInvalid
		}
		pk := e.Pack()
		summary := found.Summary()
		res.Area, res.Pack, res.Chain, res.AsOf, res.Period = a.Name, pk.ID, pk.Chain, on.String(), per.String()
		res.Disabled, res.Notes, res.Summary, res.Findings = pk.DisabledRules(), pk.Superseded(), &summary, found
		if a.Compact != nil {
			res.Compact = a.Compact.ID
		}
		if threshold != "" && found.Fails(threshold) {
			exit = max(exit, exitFindings)
		}
		switch format.value {
		case "text":
			printCheck(c.stdout, a, &res)
		case "csv":
			for _, f := range found {
				_ = cw.Write(append([]string{a.Name}, f.CSV()...))
			}
		}
		sarifRuns = append(sarifRuns, rules.SARIFRun{Area: path, Pack: pk, Findings: found, ToolVersion: toolVersion()})
		results = append(results, res)
	}
	switch format.value {
	case "sarif":
		if err := rules.WriteSARIF(c.stdout, sarifRuns); err != nil {
			return exitInvalid
		}
	case "json":
		if err := writeJSON(c.stdout, rules.CheckOutput{Areas: results}); err != nil {
			return exitInvalid
		}
	case "csv":
		cw.Flush()
	}
	return exit
}

// loadAndCompile loads an area and compiles its rule pack.
func loadAndCompile(af *areaFlags, path string, opts []rules.Option) (*compact.Area, *rules.Engine, error) {
	a, err := af.load(path)
	if err != nil {
		return nil, nil, err
	}
	e, err := rules.Compile(a, opts...)
	if err != nil {
		return nil, nil, err
	}
	return a, e, nil
}

// printCheck writes one area's findings for people: a heading, then the
// findings grouped by organisation (governance first) and severity, the
// rules disabled here, and a summary.
func printCheck(w io.Writer, a *compact.Area, res *checkArea) {
	head := res.Path + ":"
	if res.Compact != "" {
		head += " compact " + res.Compact + ","
	}
	head += " rule pack " + strings.Join(res.Chain, " > ")
	fmt.Fprintf(w, "%s, as of %s, period %s\n", head, res.AsOf, res.Period)

	// Group by organisation; findings without one are about the compact
	// and its governance, and come first.
	var orgs []string
	byOrg := map[string][]rules.Finding{}
	for _, f := range res.Findings {
		if _, seen := byOrg[f.Organisation]; !seen {
			orgs = append(orgs, f.Organisation)
		}
		byOrg[f.Organisation] = append(byOrg[f.Organisation], f)
	}
	name := func(id string) string {
		if id == "" {
			return "The compact and its governance"
		}
		if o, ok := a.Organisation(id); ok {
			return o.Name
		}
		return id
	}
	slices.SortFunc(orgs, func(x, y string) int {
		if (x == "") != (y == "") {
			if x == "" {
				return -1
			}
			return 1
		}
		return strings.Compare(name(x), name(y))
	})
	for _, org := range orgs {
		list := byOrg[org]
		if !slices.ContainsFunc(list, func(f rules.Finding) bool { return f.Outcome != rules.NotApplicable }) {
			continue // nothing applied to this organisation
		}
		fmt.Fprintf(w, "\n%s\n", name(org))
		for _, sev := range []rules.Severity{rules.Breach, rules.Warning, rules.Advice} {
			var lines []string
			for _, f := range list {
				if f.Severity != sev || (f.Outcome != rules.Fail && f.Outcome != rules.Errored) {
					continue
				}
				where := ""
				if f.Source.IsValid() {
					where = " (" + f.Source.String() + ")"
				}
				if f.Outcome == rules.Fail {
					lines = append(lines, fmt.Sprintf("    FAIL  %s on %s %s%s\n          %s", f.Rule, f.Kind, f.Subject, where, f.Message))
				} else {
					lines = append(lines, fmt.Sprintf("    ERROR %s on %s %s%s\n          %s", f.Rule, f.Kind, f.Subject, where, f.Error))
				}
			}
			if len(lines) > 0 {
				fmt.Fprintf(w, "  %s\n%s\n", sev, strings.Join(lines, "\n"))
			}
		}
		var passed []string
		count := map[string]int{}
		for _, f := range list {
			if f.Outcome == rules.Pass {
				if count[f.Rule] == 0 {
					passed = append(passed, f.Rule)
				}
				count[f.Rule]++
			}
		}
		if len(passed) > 0 {
			for i, r := range passed {
				if n := count[r]; n > 1 {
					passed[i] = fmt.Sprintf("%s (%d)", r, n)
				}
			}
			fmt.Fprintf(w, "  passed: %s\n", strings.Join(passed, ", "))
		}
	}
	if len(res.Disabled) > 0 {
		fmt.Fprintln(w, "\nDisabled here:")
		for _, d := range res.Disabled {
			fmt.Fprintf(w, "  %s (by %s): %s\n", d.Rule, d.Pack, d.Reason)
		}
	}
	if len(res.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range res.Notes {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
	s := res.Summary
	subjects := map[string]bool{}
	for _, f := range res.Findings {
		subjects[string(f.Kind)+"/"+f.Subject] = true
	}
	var failed []string
	for _, sev := range []rules.Severity{rules.Breach, rules.Warning, rules.Advice} {
		if n := s.Failed[sev]; n > 0 {
			failed = append(failed, fmt.Sprintf("%d %s", n, sev))
		}
	}
	fails := fmt.Sprintf("%d fail", s.Fail)
	if len(failed) > 0 {
		fails += " (" + strings.Join(failed, ", ") + ")"
	}
	fmt.Fprintf(w, "\n%d checks on %d subjects: %d pass, %s, %d not applicable, %d could not be evaluated\n",
		len(res.Findings), len(subjects), s.Pass, fails, s.NotApplicable, s.Error)
}
