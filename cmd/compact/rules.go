package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/rules"
)

var rulesCommand = &command{
	name:    "rules",
	summary: "test rule packs, and explain a rule: its source and the parameters in force",
	run:     runRules,

	subcommands: rulesSubcommands,
}

const rulesUsage = `Usage: compact rules SUBCOMMAND [flags] [arguments]

Subcommands:
  test      run the tests of rule packs
  explain   show a rule, where it was written, and the parameters it uses
  coverage  list every commitment of an area's compact with the rules that check it

Run "compact rules SUBCOMMAND --help" for a subcommand's flags.
`

// rulesSubcommands are the subcommands of compact rules, as rulesUsage
// lists them.
var rulesSubcommands = []subcommand{
	{"test", "run the tests of rule packs", runRulesTest},
	{"explain", "show a rule, where it was written, and the parameters it uses", runRulesExplain},
	{"coverage", "list every commitment of an area's compact with the rules that check it", runRulesCoverage},
}

func runRules(c *cli, _ *flag.FlagSet, args []string) int {
	return c.runSubcommand("rules", "subcommand", rulesSubcommands, args, rulesUsage)
}

// packTests is the JSON shape of one PATH's pack tests.
type packTests = rules.PackTests

func runRulesTest(c *cli, args []string) int {
	fs := c.flagSet("rules test", "rules test [--run PATTERN] [--coverage] [--format text|json|junit|tap] [--base DIR] PATH...", `
Runs the tests of the rule pack of each PATH (an area folder, or a file
holding a pack): each test's records are evaluated as of its date, and the
outcomes compared with those it expects. The tests of the packs a pack
extends are not run: they test other parameters. A PATH with no RulePack
of its own is an error: there is nothing of its own to test.

--run runs only the tests whose names match the regular expression (as "go
test -run" does). --coverage reports, for every rule in force, the outcomes
the tests gave and the branches no test reached: "not-applicable" (the
rule's when is false; only for a rule with a when), "pass" and "fail".

Formats: text (the default), json ({"packs": [{path, pack, passed, failed,
tests, coverage, problems}]}), junit (JUnit XML as the Apache Ant JUnit
task writes it, for CI test reports) and tap (Test Anything Protocol 14).

Exits 0 when every test passes, 3 when a pack does not compile or its tests
name rules or parameters it does not have, and 4 when a test fails.`)
	format := addFormat(fs, "text", "json", "junit", "tap")
	pattern := fs.String("run", "", "run only the tests whose names match this regular expression")
	coverage := fs.Bool("coverage", false, "report which rules and branches the tests exercised")
	af := addAreaFlags(fs)
	paths, code := c.parseAtLeastOne(fs, args, "give at least one PATH (an area folder or a rule pack file)")
	if code >= 0 {
		return code
	}
	var topts []rules.TestOption
	if *pattern != "" {
		re, err := regexp.Compile(*pattern)
		if err != nil {
			return c.usageError(fs, "--run: %v", err)
		}
		topts = append(topts, rules.TestsMatching(re))
	}
	var suites []rules.TestSuite
	exit := exitOK
	var out []packTests
	for _, path := range paths {
		res := packTests{Path: path}
		started := time.Now()
		a, e, err := loadAndCompile(af, path, nil)
		var results []rules.TestResult
		if err == nil {
			err = ownPack(path, a)
		}
		if err == nil {
			res.Pack = e.Pack().ID
			results, err = e.Test(c.ctx, topts...)
		}
		suite := rules.TestSuite{Name: path, Pack: res.Pack, Results: results, Problems: err, Timestamp: started, Elapsed: time.Since(started)}
		suites = append(suites, suite)
		if err != nil {
			exit = exitInvalid
			res.Problems = c.areaProblems(path, err, format.value == "text", "the pack's tests cannot run")
			out = append(out, res)
			continue
		}
		res.Tests = results
		if *coverage {
			res.Coverage = rules.TestCoverage(e.Pack(), results)
		}
		for _, r := range results {
			if r.Passed {
				res.Passed++
			} else {
				res.Failed++
			}
		}
		if res.Failed > 0 && exit == exitOK {
			exit = exitTestsFail
		}
		if format.value == "text" {
			printTests(c.stdout, &res)
		}
		out = append(out, res)
	}
	var err error
	switch format.value {
	case "json":
		err = writeJSON(c.stdout, rules.TestOutput{Packs: out})
	case "junit":
		err = rules.WriteJUnit(c.stdout, suites)
	case "tap":
		err = rules.WriteTAP(c.stdout, suites)
	}
	if err != nil {
		return c.outputFailed(err)
	}
	return exit
}

func printTests(w io.Writer, res *packTests) {
	fmt.Fprintf(w, "%s: pack %s, %d tests\n", res.Path, res.Pack, len(res.Tests))
	for _, r := range res.Tests {
		if r.Passed {
			fmt.Fprintf(w, "  PASS %s\n", r.Name)
			continue
		}
		fmt.Fprintf(w, "  FAIL %s (%s)\n", r.Name, r.Source)
		for _, f := range r.Failures {
			fmt.Fprintf(w, "       %s on %s: %s (%s)\n", f.Rule, f.Subject, f.Message, f.Source)
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", res.Passed, res.Failed)
	printCoverage(w, res.Coverage)
}

func runRulesExplain(c *cli, args []string) int {
	fs := c.flagSet("rules explain", "rules explain [--format text|json] [--base DIR] RULE PATH", `
Shows a rule of the rule pack of the area at PATH as it is in force there:
the pack that wrote it and where, its severity (and which pack changed it),
whether it is disabled and why, the commitments it enforces, its
expressions, and each parameter it uses with the value in force and every
layer that set it: the declaring pack's default, overrides by extending
packs, and the area's compact.

With --format json the output has the shape published as
schema/rule-explanation.json; input that does not load, schema/invalid.json.`)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	pos, code := c.parsePair(fs, args, "RULE PATH", 1, "give a RULE id and a PATH (an area folder or a file)")
	if code >= 0 {
		return code
	}
	id, path := pos[0], pos[1]
	a, e, err := loadAndCompile(af, path, nil)
	if err != nil {
		return c.invalid(path, err, format.value)
	}
	p := e.Pack()
	r, ok := p.Rule(id)
	if !ok {
		var ids []string
		for _, x := range p.Rules {
			ids = append(ids, x.ID)
		}
		msg := fmt.Sprintf("no rule %q in pack %s", id, p.ID)
		if near := docfmt.Closest(id, ids); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		return c.usageError(fs, "%s", msg)
	}
	x := rules.Explanation{Rule: r, Source: r.Source, Chain: p.Chain, Compact: p.Compact, Enforces: []rules.ExplainedCommitment{}, Parameters: []*rules.Setting{}}
	for _, cid := range r.Enforces {
		ce := rules.ExplainedCommitment{ID: cid}
		if a.Compact != nil {
			if cm, ok := a.Compact.Commitment(cid); ok {
				ce.Text = p.Render(cm.Text)
				if o, ok := a.Compact.CommitmentOrigin(cid); ok {
					ce.Compact, ce.Pos = o.By, o.Pos
				}
			}
		}
		x.Enforces = append(x.Enforces, ce)
	}
	for _, name := range r.Uses {
		if s, ok := p.Parameter(name); ok {
			x.Parameters = append(x.Parameters, s)
		}
	}
	if format.value == "json" {
		return c.printJSON(x, exitOK)
	}
	printExplain(c.stdout, &x)
	return exitOK
}

func printExplain(w io.Writer, x *rules.Explanation) {
	r := x.Rule
	fmt.Fprintf(w, "Rule %s: %s\n", r.ID, r.Title)
	fmt.Fprintf(w, "  written in pack %s at %s (packs applied: %s)\n", r.Pack, r.Source, strings.Join(x.Chain, " > "))
	if r.Disabled != nil {
		fmt.Fprintf(w, "  DISABLED by pack %s at %s: %s\n", r.Disabled.Pack, r.Disabled.Pos, r.Disabled.Reason)
	}
	fmt.Fprintf(w, "  on: %s\n", r.On)
	if r.SeverityBy != nil {
		fmt.Fprintf(w, "  severity: %s (written %s; changed by pack %s at %s)\n", r.Severity, r.Written, r.SeverityBy.By, r.SeverityBy.Pos)
	} else {
		fmt.Fprintf(w, "  severity: %s\n", r.Severity)
	}
	fmt.Fprintln(w, "  enforces:")
	for _, c := range x.Enforces {
		switch {
		case c.Text != "":
			fmt.Fprintf(w, "    %s (compact %s, %s): %s\n", c.ID, c.Compact, c.Pos, c.Text)
		default:
			fmt.Fprintf(w, "    %s\n", c.ID)
		}
	}
	expr := func(name string, e rules.Expr) {
		if e.IsZero() {
			return
		}
		lines := strings.Split(strings.TrimSpace(e.Text), "\n")
		fmt.Fprintf(w, "  %s: (%s)\n", name, e.Pos)
		for _, l := range lines {
			fmt.Fprintf(w, "    %s\n", l)
		}
	}
	expr("when", r.When)
	expr("check", r.Check)
	expr("message", r.Message)
	for _, name := range r.ExplainNames() {
		expr("explain "+name, r.Explain[name])
	}
	if r.Semantics != "" {
		fmt.Fprintf(w, "  semantics: %s\n", strings.TrimSpace(r.Semantics))
	}
	if r.Notes != "" {
		fmt.Fprintf(w, "  notes: %s\n", strings.TrimSpace(r.Notes))
	}
	printSettings(w, x.Parameters)
}

func runRulesCoverage(c *cli, args []string) int {
	fs := c.flagSet("rules coverage", "rules coverage [--format text|json|md] [--fail-on-gap] [--base DIR] PATH", `
Lists every commitment of the resolved compact of the area at PATH with the
rules in force that enforce it, or marks it not checkable from records with
the reason the compact gives (its notCheckable field), or flags it
"checkable, no rule". The JSON shape is published as schema/coverage.json.

Exits 0, or 1 with --fail-on-gap when any commitment is flagged, and 3 when
the area does not load or its pack does not compile.`)
	format := addFormat(fs, "text", "json", "md")
	failOnGap := fs.Bool("fail-on-gap", false, "exit 1 when a checkable commitment has no rule")
	af := addAreaFlags(fs)
	pos, code := c.parseExactly(fs, args, 1, "give one PATH (an area folder)")
	if code >= 0 {
		return code
	}
	_, e, err := loadAndCompile(af, pos[0], nil)
	if err != nil {
		return c.invalid(pos[0], err, format.value)
	}
	cov := e.Coverage()
	switch format.value {
	case "json":
		err = writeJSON(c.stdout, cov)
	case "md":
		err = cov.WriteMarkdown(c.stdout)
	default:
		err = cov.WriteText(c.stdout)
	}
	if err != nil {
		return c.outputFailed(err)
	}
	if *failOnGap && cov.Gaps > 0 {
		return exitFindings
	}
	return exitOK
}

// printSettings writes each parameter in force with every layer that set
// it, and the values it takes from a date on.
func printSettings(w io.Writer, settings []*rules.Setting) {
	if len(settings) == 0 {
		fmt.Fprintln(w, "  parameters: none")
		return
	}
	fmt.Fprintln(w, "  parameters in force:")
	for _, s := range settings {
		fmt.Fprintf(w, "    %s = %s (%s)", s.Name, s.Value, s.Type)
		if s.Description != "" {
			fmt.Fprintf(w, ": %s", s.Description)
		}
		fmt.Fprintln(w)
		for i, o := range s.Origins {
			mark := ""
			switch {
			case i == len(s.Origins)-1 && len(s.From) > 0:
				mark = "  <- in force before " + s.From[0].Date.String()
			case i == len(s.Origins)-1:
				mark = "  <- in force"
			}
			by := "pack " + o.By
			if o.Layer == rules.LayerCompact || o.Layer == rules.LayerBaseCompact {
				by = "compact " + o.By
			}
			fmt.Fprintf(w, "      %-8s %s in %s at %s%s\n", o.Layer, o.Value, by, o.Pos, mark)
		}
		for _, d := range s.From {
			fmt.Fprintf(w, "      from %s: %s (%s), for records dated from then\n", d.Date, d.Value, d.Source)
		}
	}
}
