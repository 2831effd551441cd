package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

var rulesCommand = &command{
	name:    "rules",
	summary: "test rule packs, and explain a rule: its source and the parameters in force",
	run:     runRules,
}

const rulesUsage = `Usage: compact rules SUBCOMMAND [flags] [arguments]

Subcommands:
  test     run the tests of rule packs
  explain  show a rule, where it was written, and the parameters it uses

Run "compact rules SUBCOMMAND --help" for a subcommand's flags.
`

func runRules(c *cli, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, rulesUsage)
		return exitUsage
	}
	switch args[0] {
	case "test":
		return runRulesTest(c, args[1:])
	case "explain":
		return runRulesExplain(c, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(c.stdout, rulesUsage)
		return exitOK
	}
	fmt.Fprintf(c.stderr, "compact rules: unknown subcommand %q\n\n%s", args[0], rulesUsage)
	return exitUsage
}

// packTests is the JSON shape of one PATH's pack tests.
type packTests struct {
	Path     string             `json:"path"`
	Pack     string             `json:"pack,omitempty"`
	Passed   int                `json:"passed"`
	Failed   int                `json:"failed"`
	Tests    []rules.TestResult `json:"tests,omitempty"`
	Problems []problemJSON      `json:"problems,omitempty"`
}

func runRulesTest(c *cli, args []string) int {
	fs := c.flagSet("rules test", "rules test [--format text|json] [--base DIR] PATH...", `
Runs the tests of the rule pack of each PATH (an area folder, or a file
holding a pack): each test's records are evaluated as of its date, and the
outcomes compared with those it expects. The tests of the packs a pack
extends are not run: they test other parameters.

Exits 0 when every test passes, 3 when a pack does not compile or its tests
name rules or parameters it does not have, and 4 when a test fails.`)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	paths, code := c.parseAtLeastOne(fs, args, "give at least one PATH (an area folder or a rule pack file)")
	if code >= 0 {
		return code
	}
	exit := exitOK
	var out []packTests
	for _, path := range paths {
		res := packTests{Path: path}
		_, e, err := loadAndCompile(af, path, nil)
		var results []rules.TestResult
		if err == nil {
			res.Pack = e.Pack().ID
			results, err = e.Test(c.ctx)
		}
		if err != nil {
			exit = exitInvalid
			res.Problems = c.areaProblems(path, err, format.value == "text", "the pack's tests cannot run")
			out = append(out, res)
			continue
		}
		res.Tests = results
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
	if format.value == "json" {
		if err := writeJSON(c.stdout, map[string]any{"packs": out}); err != nil {
			return c.outputFailed(err)
		}
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
}

// ruleExplained is the JSON shape of "compact rules explain".
type ruleExplained struct {
	Rule       *rules.PackRule       `json:"rule"`
	Source     compact.Position      `json:"source"`
	Chain      []string              `json:"chain"`
	Compact    string                `json:"compact,omitempty"`
	Enforces   []commitmentExplained `json:"enforces"`
	Parameters []*rules.Setting      `json:"parameters"`
}

type commitmentExplained struct {
	ID      string           `json:"id"`
	Text    string           `json:"text,omitempty"`
	Compact string           `json:"compact,omitempty"`
	Pos     compact.Position `json:"pos,omitzero"`
}

func runRulesExplain(c *cli, args []string) int {
	fs := c.flagSet("rules explain", "rules explain [--format text|json] [--base DIR] RULE PATH", `
Shows a rule of the rule pack of the area at PATH as it is in force there:
the pack that wrote it and where, its severity (and which pack changed it),
whether it is disabled and why, the commitments it enforces, its
expressions, and each parameter it uses with the value in force and every
layer that set it: the declaring pack's default, overrides by extending
packs, and the area's compact.`)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	pos, code := c.parseExactly(fs, args, 2, "give a RULE id and a PATH (an area folder or a file)")
	if code >= 0 {
		return code
	}
	id, path := pos[0], pos[1]
	a, e, err := loadAndCompile(af, path, nil)
	if err != nil {
		printProblems(c.stderr, err)
		return exitInvalid
	}
	p := e.Pack()
	r, ok := p.Rule(id)
	if !ok {
		var ids []string
		for _, x := range p.Rules {
			ids = append(ids, x.ID)
		}
		msg := fmt.Sprintf("no rule %q in pack %s", id, p.ID)
		if near := compact.Closest(id, ids); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		return c.usageError(fs, "%s", msg)
	}
	x := ruleExplained{Rule: r, Source: r.Source, Chain: p.Chain, Compact: p.Compact, Parameters: []*rules.Setting{}}
	for _, cid := range r.Enforces {
		ce := commitmentExplained{ID: cid}
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
		if err := writeJSON(c.stdout, x); err != nil {
			return c.outputFailed(err)
		}
		return exitOK
	}
	printExplain(c.stdout, &x)
	return exitOK
}

func printExplain(w io.Writer, x *ruleExplained) {
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
		case c.ID == rules.EnforcesGovernance || c.ID == rules.EnforcesSigning:
			fmt.Fprintf(w, "    %s: the compact's %s arrangements\n", c.ID, c.ID)
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
	if r.Notes != "" {
		fmt.Fprintf(w, "  notes: %s\n", strings.TrimSpace(r.Notes))
	}
	if len(x.Parameters) == 0 {
		fmt.Fprintln(w, "  parameters: none")
		return
	}
	fmt.Fprintln(w, "  parameters in force:")
	for _, s := range x.Parameters {
		fmt.Fprintf(w, "    %s = %s (%s)", s.Name, s.Value, s.Type)
		if s.Description != "" {
			fmt.Fprintf(w, ": %s", s.Description)
		}
		fmt.Fprintln(w)
		for i, o := range s.Origins {
			mark := ""
			if i == len(s.Origins)-1 {
				mark = "  <- in force"
			}
			by := "pack " + o.By
			if o.Layer == rules.LayerCompact || o.Layer == rules.LayerBaseCompact {
				by = "compact " + o.By
			}
			fmt.Fprintf(w, "      %-8s %s in %s at %s%s\n", o.Layer, o.Value, by, o.Pos, mark)
		}
	}
}
