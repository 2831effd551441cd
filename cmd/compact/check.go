package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

var checkCommand = &command{
	name:    "check",
	summary: "check an area's records against its compact with its rule pack",
	usage:   "check [--as-of DATE] [--period PERIOD] [--format text|json|csv|sarif|jsonl] [--fail-on SEVERITY] [--pack ID] [--base DIR] [--stream [--quiet]] PATH...",
	help: `
Loads each PATH as an area, compiles its rule pack (the area's RulePack, which
usually extends the national pack; an area without one is checked with the
national pack), and evaluates every rule on every record in scope: the
consultations, funding decisions, meetings, nominations, signatures and
reports of the period, each governance body, signatory and member, and the
compact itself.

--as-of defaults to the last day of the period of the area's records, or
today when they have none; --period defaults to the records' period when it
contains the as-of date, and otherwise to the financial year containing it
(the same period report chooses).

Text output groups findings by organisation and severity; JSON and CSV are
for machines (JSON: {"areas": [{path, area, compact, pack, chain, asOf,
period, disabled, summary, findings}]}; CSV: an area column, then the
columns of rules.CSVHeader; SARIF: a SARIF 2.1.0 log with one run per area,
each failure a result at its record's file, line and column, for code
hosts that show findings inline).

Every rule runs under a cost limit (rules.MaxCost per evaluation), and each
area's check under --max-run-cost and --timeout: a rule stopped by a limit,
or not run because the budget or the time was spent, is an error finding
that names the limit, and the other rules still report.

--stream checks the bulk records of each area folder: its *.jsonl files
(JSON Lines, one record a line, as "compact generate --format jsonl"
writes them), in name order, against the area's YAML documents (compact,
directory, pack), in flat memory however many records. It evaluates the
rules on records (consultation, funding, meeting, nomination, signature,
report) and writes each finding as it comes, in file order: JSON Lines
(--format jsonl, the default with --stream) or CSV, each naming its file
and line. It keeps the meetings, nominations, signatures and reports (not
the consultations and funding decisions), and after the last file writes
the findings of the rules on bodies, members, signatories and the compact,
then those on the area's own YAML records: the findings check gives on the
same records in YAML. On a terminal, progress goes to stderr (records a
second, time elapsed, findings so far) for runs over two seconds; --quiet
turns it off. A line that does not decode stops the check (exit 3) after
the findings before it; a record whose id is used before (in the files or
the YAML records) or that names an unknown organisation, person or body
is invalid input, as in YAML: the problems go to stderr after the
findings of the records, the rules on collections do not run, and check
exits 3.

Exits 1 when a rule at or above --fail-on fails or cannot be evaluated, 3
when an area does not load or its pack does not compile, and 0 otherwise.`,
	run: runCheck,
}

// checkArea is the JSON shape of one area's check.
type checkArea = rules.AreaCheck

func runCheck(c *cli, fs *flag.FlagSet, args []string) int {
	format := addFormat(fs, "text", "json", "csv", "sarif", "jsonl")
	af := addAreaFlags(fs)
	var asOf dateFlag
	fs.Var(&asOf, "as-of", "the date to check as of (YYYY-MM-DD)")
	period := fs.String("period", "", `the period to check: a financial year "2024-25", a year "2024", or "from..to"`)
	failOn := fs.String("fail-on", "breach", "exit 1 when a rule of this severity or above fails: breach, warning, advice, or none")
	pack := fs.String("pack", "", "check with this rule pack (by id) instead of the area's own")
	timeout := fs.Duration("timeout", 0, "stop each area's check after this long (30s, 5m); rules not run by then are reported as errors (default: no limit)")
	runCost := fs.Uint64("max-run-cost", rules.MaxRunCost, "the cost budget of each area's check, in CEL cost units; rules not run within it are reported as errors")
	stream := fs.Bool("stream", false, "stream each area's *.jsonl records files past the rules, writing findings as they come (--format jsonl or csv)")
	quiet := fs.Bool("quiet", false, "with --stream, show no progress on stderr")
	paths, code := c.parseAtLeastOne(fs, args, "give at least one PATH (an area folder or a file holding a whole area)")
	if code >= 0 {
		return code
	}
	cr := &checkRun{cli: c, format: format.value, af: af, asOf: asOf,
		eval: []rules.EvalOption{rules.Timeout(*timeout), rules.RunCost(*runCost)}}
	if *failOn != "none" {
		s, err := rules.ParseSeverity(*failOn)
		if err != nil {
			return c.usageError(fs, "--fail-on: %v, or none", err)
		}
		cr.threshold = s
	}
	if *period != "" {
		var err error
		if cr.period, err = compact.ParsePeriod(*period); err != nil {
			return c.usageError(fs, "--period: %v", err)
		}
	}
	if *pack != "" {
		cr.opts = append(cr.opts, compactkit.WithPack(*pack))
	}
	switch {
	case *stream && cr.format == "text":
		cr.format = "jsonl"
	case *stream && cr.format != "jsonl" && cr.format != "csv":
		return c.usageError(fs, "--stream writes findings as they come: --format jsonl or csv, not %s", cr.format)
	case !*stream && cr.format == "jsonl":
		return c.usageError(fs, "--format jsonl is the output of --stream; without it use json")
	}
	if *stream {
		return (&streamRun{checkRun: cr, quiet: *quiet}).run(paths)
	}
	return cr.run(paths)
}

// checkRun is one check command: its settings and where it writes.
type checkRun struct {
	*cli
	format    string
	af        *areaFlags
	asOf      dateFlag
	period    compact.Period
	threshold rules.Severity // "" for --fail-on none
	opts      []compactkit.Option
	eval      []rules.EvalOption // the check's budget: --timeout, --max-run-cost
	csv       *rules.CSVWriter
	sarif     []rules.SARIFRun // one run per area, for --format sarif
}

// run checks each area and writes the results; it returns the exit code.
func (cr *checkRun) run(paths []string) int {
	if cr.format == "csv" {
		var err error
		if cr.csv, err = rules.NewCSVWriter(cr.stdout, append([]string{"area"}, rules.CSVHeader...)); err != nil {
			return cr.outputFailed(err)
		}
	}
	exit := exitOK
	var results []checkArea
	for _, path := range paths {
		res, code := cr.area(path)
		if code == exitInvalid && res.Problems == nil {
			return code // the check itself failed, not the area
		}
		if code != exitOK && code != exitFindings && code != exitInvalid {
			return code
		}
		exit = max(exit, code)
		results = append(results, res)
	}
	switch cr.format {
	case "sarif":
		if err := rules.WriteSARIF(cr.stdout, cr.sarif); err != nil {
			return cr.outputFailed(err)
		}
	case "json":
		if err := writeCheckJSON(cr.stdout, rules.CheckOutput{Areas: results}); err != nil {
			return cr.outputFailed(err)
		}
	case "csv":
		if err := cr.csv.Flush(); err != nil {
			return cr.outputFailed(err)
		}
	}
	return exit
}

// area checks one area, writes its text or CSV, and returns its result
// with exitOK, exitFindings, or exitInvalid (with the problems in the
// result when the area does not load or compile).
func (cr *checkRun) area(path string) (checkArea, int) {
	res := checkArea{Path: path}
	k, err := loadKit(cr.af, path, cr.opts)
	if err != nil {
		res.Problems = cr.areaProblems(path, err, cr.format != "json" && cr.format != "sarif", "cannot be checked")
		cr.sarif = append(cr.sarif, rules.SARIFRun{Area: path, Problems: err, ToolVersion: toolVersion()})
		return res, exitInvalid
	}
	checked, err := k.Check(cr.ctx, append(runOptions(&cr.asOf, cr.period), compactkit.EvalOptions(cr.eval...))...)
	if err != nil {
		fmt.Fprintf(cr.stderr, "%s: %v\n", path, err)
		return res, exitInvalid
	}
	a, on, per, found := k.Area, checked.AsOf, checked.Period, checked.Findings
	pk := checked.Pack
	summary := found.Summary()
	res.Area, res.Pack, res.Chain, res.AsOf, res.Period = a.Name, pk.ID, pk.Chain, on.String(), per.String()
	res.Disabled, res.Notes, res.Summary, res.Findings = pk.DisabledRules(), pk.Superseded(), &summary, found
	if a.Compact != nil {
		res.Compact = a.Compact.ID
	}
	cr.sarif = append(cr.sarif, rules.SARIFRun{Area: path, Pack: pk, Findings: found, ToolVersion: toolVersion()})
	code := exitOK
	if cr.threshold != "" && found.Fails(cr.threshold) {
		code = exitFindings
	}
	switch cr.format {
	case "text":
		printCheck(cr.stdout, a, &res)
	case "csv":
		for _, f := range found {
			if err := cr.csv.Write(append([]string{a.Name}, f.CSV()...)...); err != nil {
				return res, cr.outputFailed(err)
			}
		}
	}
	return res, code
}

// loadAndCompile loads an area and compiles its rule pack.
func loadAndCompile(af *areaFlags, path string, opts []compactkit.Option) (*compact.Area, *rules.Engine, error) {
	k, err := loadKit(af, path, opts)
	if err != nil {
		return nil, nil, err
	}
	e, _ := k.Engine()
	return k.Area, e, nil
}

// loadKit loads an area through the facade and compiles its rule pack.
func loadKit(af *areaFlags, path string, opts []compactkit.Option) (*compactkit.Area, error) {
	k, err := af.kit(path, opts...)
	if err != nil {
		return nil, err
	}
	if _, err := k.Engine(); err != nil {
		return nil, err
	}
	return k, nil
}

// printCheck writes one area's findings for people: a heading, then the
// findings grouped by organisation (governance first) and severity, the
// rules disabled here, and a summary. It writes through a buffer: an
// area of a hundred thousand records has hundreds of thousands of lines.
func printCheck(out io.Writer, a *compact.Area, res *checkArea) {
	w := bufio.NewWriterSize(out, 64<<10)
	defer w.Flush() // its error is out's, and out keeps it
	head := res.Path + ":"
	if res.Compact != "" {
		head += " compact " + res.Compact + ","
	}
	head += " rule pack " + strings.Join(res.Chain, " > ")
	fmt.Fprintf(w, "%s, as of %s, period %s\n", head, res.AsOf, res.Period)
	orgs, byOrg, name := groupByOrganisation(a, res.Findings)
	for _, org := range orgs {
		list := byOrg[org]
		if !slices.ContainsFunc(list, func(f *rules.Finding) bool { return f.Outcome != rules.NotApplicable }) {
			continue // nothing applied to this organisation
		}
		fmt.Fprintf(w, "\n%s\n", name(org))
		printFailures(w, list)
		printUnknown(w, list)
		printPassed(w, list)
	}
	printList(w, "Disabled here:", res.Disabled, func(d rules.Disabled) string {
		return fmt.Sprintf("%s (by %s): %s", d.Rule, d.Pack, d.Reason)
	})
	printList(w, "Notes:", res.Notes, func(n string) string { return n })
	printCheckSummary(w, res)
}

// groupByOrganisation groups findings by the organisation responsible, in
// the order of the organisations' names; findings without one are about
// the compact and its governance, and come first. name gives the heading
// of a group. The groups point into found, in its order.
func groupByOrganisation(a *compact.Area, found rules.Findings) (orgs []string, byOrg map[string][]*rules.Finding, name func(string) string) {
	byOrg = map[string][]*rules.Finding{}
	for i := range found {
		f := &found[i]
		list, seen := byOrg[f.Organisation]
		if !seen {
			orgs = append(orgs, f.Organisation)
		}
		byOrg[f.Organisation] = append(list, f)
	}
	names := make(map[string]string, len(orgs))
	for _, id := range orgs {
		switch o, ok := a.Organisation(id); {
		case id == "":
			names[id] = "The compact and its governance"
		case ok:
			names[id] = o.Name
		default:
			names[id] = id
		}
	}
	name = func(id string) string { return names[id] }
	slices.SortFunc(orgs, func(x, y string) int {
		if (x == "") != (y == "") {
			if x == "" {
				return -1
			}
			return 1
		}
		return strings.Compare(names[x], names[y])
	})
	return orgs, byOrg, name
}

// printFailures writes an organisation's failures and errors, by severity.
func printFailures(w *bufio.Writer, list []*rules.Finding) {
	for _, sev := range []rules.Severity{rules.Breach, rules.Warning, rules.Advice} {
		first := true
		for _, f := range list {
			if f.Severity != sev || (f.Outcome != rules.Fail && f.Outcome != rules.Errored) {
				continue
			}
			if first {
				fmt.Fprintf(w, "  %s\n", sev)
				first = false
			}
			writeFailure(w, f)
		}
	}
}

// writeFailure writes one failure or error, with where its subject was
// written, as two lines.
func writeFailure(w *bufio.Writer, f *rules.Finding) {
	label, text := "    FAIL  ", f.Message
	if f.Outcome != rules.Fail {
		label, text = "    ERROR ", f.Error
	}
	writeFindingLines(w, label, f, text)
}

// writeFindingLines writes a finding as its label, rule, subject and where
// it was written, then its text indented under it.
func writeFindingLines(w *bufio.Writer, label string, f *rules.Finding, text string) {
	w.WriteString(label)
	w.WriteString(f.Rule)
	w.WriteString(" on ")
	w.WriteString(string(f.Kind))
	w.WriteByte(' ')
	w.WriteString(f.Subject)
	w.WriteString(findingWhere(f))
	w.WriteString("\n          ")
	w.WriteString(text)
	w.WriteByte('\n')
}

// printUnknown writes the checks that could not be judged because the data
// does not say (a not-applicable finding with a message, such as a grant
// whose duration is not published).
func printUnknown(w *bufio.Writer, list []*rules.Finding) {
	first := true
	for _, f := range list {
		if f.Outcome != rules.NotApplicable || f.Message == "" {
			continue
		}
		if first {
			w.WriteString("  not known\n")
			first = false
		}
		writeFindingLines(w, "    ?     ", f, f.Message)
	}
}

// printPassed writes the rules an organisation passed, each with a count
// when it passed more than once.
func printPassed(w *bufio.Writer, list []*rules.Finding) {
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
	if len(passed) == 0 {
		return
	}
	for i, r := range passed {
		if n := count[r]; n > 1 {
			passed[i] = fmt.Sprintf("%s (%d)", r, n)
		}
	}
	fmt.Fprintf(w, "  passed: %s\n", strings.Join(passed, ", "))
}

// printList writes a titled, indented list, or nothing when it is empty.
func printList[T any](w io.Writer, title string, items []T, line func(T) string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintln(w, "\n"+title)
	for _, it := range items {
		fmt.Fprintf(w, "  %s\n", line(it))
	}
}

// printCheckSummary writes the closing count of checks and outcomes.
func printCheckSummary(w io.Writer, res *checkArea) {
	s := res.Summary
	type subject struct {
		kind rules.SubjectKind
		id   string
	}
	subjects := make(map[subject]bool, len(res.Findings)/4)
	for i := range res.Findings {
		subjects[subject{res.Findings[i].Kind, res.Findings[i].Subject}] = true
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

// findingWhere says where a finding's subject is, for people: its file and
// line, and for an imported record the source row it came from.
func findingWhere(f *rules.Finding) string {
	var parts []string
	if f.Source.IsValid() {
		parts = append(parts, f.Source.String())
	}
	if f.Provenance != nil {
		parts = append(parts, "from "+f.Provenance.String())
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
