package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The bad-input corpus: documents of every kind broken the ways people
// and other systems break them, run through the commands as a user would.
// Each case copies a real example area, makes one change to one file, runs
// a command, and asserts the exit code and, where there is a file, the
// first problem's file:line:column (marked « in the changed text) and its
// class, as the JSON output gives it. The class column is the error's
// class sentinel today (compact.ErrUnknownField is "unknown field"); when
// errors carry stable machine codes, that column is where they go.

// marker marks, in a case's new text, the place the error must point at.
const marker = "«"

// lineMarker marks the line of a problem that has no column: YAML's
// parser reports some syntax errors by line only.
const lineMarker = "¶"

// badInput is one case of the corpus.
type badInput struct {
	name  string
	area  string // the example area copied (a folder under examples/)
	file  string // the file changed, in the area; "" for none
	old   string // the text replaced (its first occurrence); "" appends new
	new   string // the replacement, with marker at the error's place
	args  []string
	exit  int    // the exit code expected
	class string // the class of the problem at the marker
	msg   string // a part of its message, when worth asserting
	utf16 bool   // the file is rewritten as UTF-16

	setup     func(t *testing.T, dir string) // more changes to the area
	stderr    string                         // a part of stderr expected
	stdout    string                         // a part of stdout expected
	maxOutput int                            // the most bytes stdout and stderr may hold together
}

// kindFile is a document of each kind in the examples, the file a case of
// that kind changes.
type kindFile struct {
	kind, area, file string
	head             string // the text after which fields are added: "kind: X\n" and the id line
}

var kindFiles = []kindFile{
	{"Compact", "kirklees", "compact.yaml", "kind: Compact\nid: kirklees-2012\n"},
	{"Directory", "kirklees", "directory.yaml", "kind: Directory\nid: kirklees\n"},
	{"Records", "kirklees", "records.yaml", "kind: Records\nid: kirklees-2013-14\n"},
	{"RulePack", "kirklees", "rules.yaml", "kind: RulePack\nid: kirklees\n"},
	{"RoleCatalogue", "kirklees", "roles.yaml", "kind: RoleCatalogue\nid: kirklees\n"},
	{"Dispute", "kirklees", "disputes/community-transport-cut-2013.yaml", "kind: Dispute\nid: community-transport-cut-2013\n"},
	{"ActionPlan", "compact-voice-ocs", "plan.yaml", "kind: ActionPlan\nid: joint-action-plan-2014-15\n"},
	{"Priorities", "lincolnshire-rutland", "priorities.yaml", "kind: Priorities\nid: lincolnshire-rutland-2008-09\n"},
}

// genericCases breaks a document of each kind in the ways that apply to
// every kind.
func genericCases() []badInput {
	var out []badInput
	for _, k := range kindFiles {
		kind := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(k.head, "\n", 2)[0], "kind: "))
		add := func(name, old, new, class, msg string) {
			out = append(out, badInput{name: k.kind + "/" + name, area: k.area, file: k.file, old: old, new: new,
				args: []string{"validate", "--format", "json"}, exit: exitInvalid, class: class, msg: msg})
		}
		field := func(name, text, class, msg string) { add(name, k.head, k.head+text+"\n", class, msg) }
		add("apiVersion", "apiVersion: compactkit/v1\nkind: "+kind, "apiVersion: «compactkit/v2\nkind: "+kind, "bad document header", `unsupported apiVersion "compactkit/v2"`)
		add("no apiVersion", "apiVersion: compactkit/v1\nkind: "+kind, "«kind: "+kind, "bad document header", "missing apiVersion")
		add("unknown kind", "kind: "+kind+"\n", "kind: «"+kind+"s\n", "bad document header", "did you mean")
		field("unknown field", "«bogusField: 1", "unknown field", "bogusField")
		field("misspelt field", "«titel: x", "unknown field", "titel")
		field("duplicate key", "«id: again", "duplicate", `"id" is given twice`)
		field("tab indentation", "«\tx: 1", "syntax error", "")
		field("unclosed bracket", "¶bogus: [a, b", "syntax error", "did not find expected ',' or ']'")
		field("NUL byte", "# a «\x00 in a comment", "syntax error", "a NUL byte")
		field("latin-1 byte", "# caf«\xe9", "syntax error", "byte 0xe9 is not UTF-8")
		field("long value", "description: «"+strings.Repeat("x", 16<<10+1), "limit exceeded", "the limit for one value is 16384")
		id := strings.TrimPrefix(strings.SplitN(k.head, "\n", 3)[1], "id: ")
		add("id a list", "\nid: "+id+"\n", "\nid: «["+id+"]\n", "wrong type", "")
		if k.kind != "Directory" && k.kind != "Records" { // their ids are optional and free
			add("id missing", "apiVersion: compactkit/v1\nkind: "+kind+"\nid: "+id+"\n", "«apiVersion: compactkit/v1\nkind: "+kind+"\n", "missing field", `"id"`)
			add("id with spaces", "\nid: "+id+"\n", "\nid: «"+id+" and more\n", "bad value", "")
		}
		add("long id", "\nid: "+id+"\n", "\nid: «"+strings.Repeat("x", 300)+"\n", "limit exceeded", "at most 256 bytes")
		out = append(out, badInput{name: k.kind + "/utf-16", area: k.area, file: k.file, utf16: true, new: "«",
			args: []string{"validate", "--format", "json"}, exit: exitInvalid, class: "syntax error", msg: "UTF-16"})
	}
	return out
}

// problem is a problem as the JSON output of every command gives it.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Path    string `json:"path"`
	Code    string `json:"code"`
	Class   string `json:"class"`
	Message string `json:"message"`
}

// apply makes a case's change to a copy of its area in dir, and returns
// the changed file's path and the marked place (line and column, 0 when
// the case marks none).
func (c badInput) apply(t *testing.T, dir string) (string, int, int) {
	t.Helper()
	src := filepath.Join("..", "..", "examples", c.area)
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
	if c.file == "" {
		return "", 0, 0
	}
	name := filepath.Join(dir, filepath.FromSlash(c.file))
	data, err := os.ReadFile(name)
	if c.old != "" || !os.IsNotExist(err) { // a case may add a file of its own
		require.NoError(t, err)
	}
	text := string(data)
	switch {
	case c.utf16:
		var b []byte
		b = append(b, 0xff, 0xfe)
		for _, r := range text {
			b = append(b, byte(r), byte(r>>8))
		}
		require.NoError(t, os.WriteFile(name, b, 0o644))
		return name, 1, 1
	case c.old == "":
		text += c.new
	default:
		require.Contains(t, text, c.old, "the case's text to replace")
		text = strings.Replace(text, c.old, c.new, 1)
	}
	line, col := 0, 0
	if i := strings.Index(text, lineMarker); i >= 0 { // a problem with a line and no column
		line = strings.Count(text[:i], "\n") + 1
		text = text[:i] + text[i+len(lineMarker):]
	}
	if i := strings.Index(text, marker); i >= 0 {
		before := text[:i]
		line = strings.Count(before, "\n") + 1
		col = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		text = before + text[i+len(marker):]
	}
	require.NoError(t, os.WriteFile(name, []byte(text), 0o644))
	return name, line, col
}

func allocatedBytes() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// corpusMemory is the most one case may allocate in all.
const corpusMemory = 256 << 20

// runCorpus runs the cases.
func runCorpus(t *testing.T, cases []badInput) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			name, line, col := c.apply(t, dir)
			if c.setup != nil {
				c.setup(t, dir)
			}
			args := make([]string, 0, len(c.args)+1)
			for _, a := range c.args {
				args = append(args, strings.ReplaceAll(a, "{dir}", dir))
			}
			if !strings.Contains(strings.Join(c.args, " "), "{dir}") && c.exit != exitUsage {
				args = append(args, dir)
			}
			before := allocatedBytes()
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), args, &stdout, &stderr)
			require.Less(t, allocatedBytes()-before, uint64(corpusMemory), "allocated more than 256 MiB")
			require.Equal(t, c.exit, code, "stdout:\n%s\nstderr:\n%s", trim(stdout.String()), trim(stderr.String()))
			require.Contains(t, stderr.String(), c.stderr)
			require.Contains(t, stdout.String(), c.stdout)
			if c.maxOutput > 0 {
				require.LessOrEqual(t, stdout.Len()+stderr.Len(), c.maxOutput, "output of %d bytes", stdout.Len()+stderr.Len())
			}
			if line == 0 && c.class == "" && c.msg == "" {
				return
			}
			var out struct {
				Problems []problem `json:"problems"`
				Areas    []struct {
					Problems []problem `json:"problems"`
				} `json:"areas"`
			}
			var problems []problem
			if json.Unmarshal(stdout.Bytes(), &out) == nil {
				problems = out.Problems
				for _, a := range out.Areas {
					problems = append(problems, a.Problems...)
				}
			}
			if len(problems) == 0 { // a command that reports problems as text
				require.Contains(t, stderr.String(), fmt.Sprintf("%s:%d:%d: ", name, line, col), trim(stderr.String()))
				require.Contains(t, stderr.String(), c.msg)
				return
			}
			var found *problem
			for i, p := range problems {
				if p.File == name && p.Line == line && p.Column == col || line == 0 && p.Class == c.class {
					found = &problems[i]
					break
				}
			}
			require.NotNil(t, found, "no problem at %s:%d:%d; got %s", name, line, col, describeProblems(problems))
			require.Equal(t, c.class, found.Class, found.Message)
			require.NotEmpty(t, found.Code, "every problem has a machine code")
			require.NotEqual(t, "unclassified", found.Code, found.Message)
			require.Contains(t, found.Message, c.msg)
		})
	}
}

func describeProblems(ps []problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n  %s:%d:%d [%s] %s: %s", p.File, p.Line, p.Column, p.Class, p.Path, trim(p.Message))
	}
	return b.String()
}

func trim(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}

// TestBadInputCorpus runs the corpus.
func TestBadInputCorpus(t *testing.T) {
	cases := append(genericCases(), specificCases()...)
	cases = append(cases, commandCases()...)
	require.GreaterOrEqual(t, len(cases), 150)
	runCorpus(t, cases)
}

// u is a usage case: a command line that is wrong, exit 2.
func u(name string, args ...string) badInput {
	return badInput{name: "usage/" + name, area: "kirklees", args: args, exit: exitUsage}
}

// commandCases run the other commands on broken input, and the command
// lines people get wrong.
func commandCases() []badInput {
	const k, r, p, ro = "kirklees", "records.yaml", "rules.yaml", "roles.yaml"
	nul := func(name string, args ...string) badInput {
		return badInput{name: name + "/NUL byte", area: k, file: r, old: "kind: Records\n", new: "kind: Records\n# «\x00\n",
			args: args, exit: exitInvalid, class: "syntax error", msg: "a NUL byte"}
	}
	const event = "apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: arts-grant-reduction-2013\ntype: responded\n" +
		"at: 2013-03-25T16:00:00Z\nactor: {person: alan-frost}\ntext: The reduction stands.\n"
	ev := func(name, old, new, class, msg string) badInput {
		return badInput{name: "DisputeEvent/" + name, area: "kent", file: "event.yaml", new: strings.Replace(event, old, new, 1),
			args: []string{"validate", "--format", "json"}, exit: exitInvalid, class: class, msg: msg}
	}
	apply := func(name, old, new, msg string) badInput {
		return badInput{name: "DisputeEvent/dispute apply/" + name, area: "kent", file: "event.yaml", new: strings.Replace(event, old, new, 1),
			args: []string{"dispute", "apply", "{dir}", "{dir}/event.yaml"}, exit: exitInvalid, msg: msg}
	}
	cases := []badInput{
		ev("misspelt type", "type: responded", "type: «respondd", "bad value", `did you mean "responded"?`),
		ev("time without a zone", "at: 2013-03-25T16:00:00Z", "at: «2013-03-25T16:00:00", "bad value", ""),
		ev("a date for a time", "at: 2013-03-25T16:00:00Z", "at: «2013-02-30", "bad value", ""),
		ev("unknown field", "text: The", "«txet: The", "unknown field", "txet"),
		ev("actor a string", "actor: {person: alan-frost}", "actor: «alan-frost", "wrong type", ""),
		ev("no case", "apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: arts-grant-reduction-2013\n", "«apiVersion: compactkit/v1\nkind: DisputeEvent\n", "missing field", `"case"`),
		ev("NUL byte", "text: The", "text: «\x00The", "syntax error", "a NUL byte"),
		ev("long text", "text: The reduction stands.", "text: «"+strings.Repeat("x", 16<<10+1), "limit exceeded", "the limit for one value is 16384"),
		apply("misspelt type", "type: responded", "type: «respondd", `did you mean "responded"?`),
		apply("unknown field", "text: The", "«txet: The", "txet"),
		u("dispute apply without an event file", "dispute", "apply"),
		u("no command"),
		u("unknown command", "chekc"),
		u("check without a path", "check", "--as-of", "2014-03-31"),
		u("validate without a path", "validate", "--format", "json"),
		u("check --as-of 31 February", "check", "--as-of", "2014-02-31"),
		u("check --as-of year 0", "check", "--as-of", "0000-01-01"),
		u("check --period", "check", "--period", "2014-16"),
		u("check --period 9999", "check", "--period", "9999-00"),
		u("check --fail-on", "check", "--fail-on", "disaster"),
		u("check --format", "check", "--format", "xml"),
		u("check --timeout", "check", "--timeout", "soon"),
		u("check --max-run-cost", "check", "--max-run-cost", "-1"),
		u("check unknown flag", "check", "--as-off", "2014-03-31"),
		u("validate --max-errors", "validate", "--max-errors", "many"),
		u("report --format", "report", "--format", "xml"),
		u("report --as-of", "report", "--as-of", "31/03/2014"),
		u("roles --as-of", "roles", "--as-of", "2014-3-1"),
		u("dispute without a subcommand", "dispute"),
		u("dispute show without a case", "dispute", "show"),
		u("rules without a subcommand", "rules"),
		u("schema unknown flag", "schema", "--annotat"),
		u("consultations --as-of", "consultations", "--as-of", "yesterday"),
		nul("check", "check", "--format", "json"),
		nul("report", "report"),
		nul("roles", "roles"),
		nul("consultations", "consultations"),
		nul("dispute due", "dispute", "due"),
		nul("rules test", "rules", "test"),
		{name: "check/rule does not compile", area: k, file: p, old: "    check: has(funding.noticeGiven) &&", new: "    check: has(funding.noticeGiven) &&«&",
			args: []string{"check", "--format", "json"}, exit: exitInvalid, class: "does not compile", msg: "Syntax error"},
		{name: "check/text output places the error", area: k, file: p, old: "<= params.noticeOfChangeDays", new: "<= params«.noticeOfChangeDay",
			args: []string{"check"}, exit: exitInvalid, msg: "no parameter noticeOfChangeDay"},
		{name: "roles/text output places the error", area: k, file: ro, old: "      max: 1\n", new: "      max: «one\n",
			args: []string{"roles"}, exit: exitInvalid},
		{name: "report/text output places the error", area: k, file: r, old: "    responses: 2240", new: "    responses: «lots",
			args: []string{"report"}, exit: exitInvalid},
		{name: "check/a valid area with failures", area: k, args: []string{"check"}, exit: exitFindings},
		{name: "validate/a valid area", area: k, args: []string{"validate"}, exit: exitOK},
		{name: "check/a hostile rule is stopped, the others report", area: k, file: p,
			old: "    check: has(funding.noticeGiven) && daysBetween(funding.decided, funding.noticeGiven) <= params.noticeOfChangeDays",
			new: "    check: addYears(funding.decided, 40000) > funding.decided", args: []string{"check", "--format", "json", "--fail-on", "none"}, exit: exitOK,
			stdout: "check: addYears: date out of range: adding years: 40000 from 2013-"},
		{name: "check/time limit", area: k, args: []string{"check", "--format", "json", "--timeout", "1ns", "--fail-on", "none"}, exit: exitOK,
			stdout: "not run: the check went past its time limit of 1ns (--timeout)"},
		{name: "check/run budget", area: k, args: []string{"check", "--format", "json", "--max-run-cost", "1", "--fail-on", "none"}, exit: exitOK,
			stdout: "not run: the check's budget of 1 cost units (rules.MaxRunCost, --max-run-cost) was spent before this rule ran"},
		{name: "input/no such folder", area: k, args: []string{"validate", "--format", "json", "{dir}/nowhere"}, exit: exitInvalid, class: "cannot read"},
		{name: "input/a device", area: k, args: []string{"validate", "--format", "json", os.DevNull}, exit: exitInvalid, class: "cannot read", msg: "is a device; only regular files are read"},
		{name: "input/a named pipe in the area is skipped", area: k, args: []string{"validate"}, exit: exitOK,
			setup: func(t *testing.T, dir string) {
				require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644))
			},
			stderr: "pipe.yaml: skipped: a named pipe, not a regular file"},
		{name: "input/a named pipe named on its own", area: k, args: []string{"validate", "--format", "json", "{dir}/pipe.yaml"}, exit: exitInvalid,
			setup: func(t *testing.T, dir string) {
				require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644))
			},
			class: "cannot read", msg: "is a named pipe; only regular files are read"},
		{name: "input/a loop of links", area: k, args: []string{"validate", "--format", "json"}, exit: exitInvalid, class: "cannot read", msg: "is a loop of symbolic links",
			setup: func(t *testing.T, dir string) {
				require.NoError(t, os.Symlink(filepath.Join(dir, "b.yaml"), filepath.Join(dir, "a.yaml")))
				require.NoError(t, os.Symlink(filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")))
			}},
		{name: "input/a link to a folder is not followed", area: k, args: []string{"validate"}, exit: exitOK, stderr: "links to folders are not followed",
			setup: func(t *testing.T, dir string) { require.NoError(t, os.Symlink(dir, filepath.Join(dir, "again.yaml"))) }},
		{name: "input/a file over the limit", area: k, args: []string{"validate", "--format", "json"}, exit: exitInvalid, class: "limit exceeded", msg: "the limit for one file is 33554432",
			setup: func(t *testing.T, dir string) {
				f, err := os.Create(filepath.Join(dir, "huge.yaml"))
				require.NoError(t, err)
				require.NoError(t, f.Truncate(33554433))
				require.NoError(t, f.Close())
			}},
		{name: "input/errors are capped", area: k, args: []string{"validate"}, exit: exitInvalid, stderr: "... and 1950 more (--max-errors 50; 0 prints all)", maxOutput: 64 << 10,
			setup: func(t *testing.T, dir string) { writeMany(t, dir, 2000) }},
		{name: "input/every error is counted", area: k, args: []string{"validate", "--max-errors", "10"}, exit: exitInvalid, stderr: "... and 1990 more (--max-errors 10; 0 prints all)\n2000 problems\n",
			setup: func(t *testing.T, dir string) { writeMany(t, dir, 2000) }},
		{name: "input/an error on a 10 MB line", area: k, args: []string{"validate"}, exit: exitInvalid, maxOutput: 4 << 10, stderr: "bogus",
			setup: func(t *testing.T, dir string) {
				data := "apiVersion: compactkit/v1\nkind: Records\nid: long\nfunding: [" + strings.Repeat(" ", 10<<20) + "{bogus: 1}]\n"
				require.NoError(t, os.WriteFile(filepath.Join(dir, "long.yaml"), []byte(data), 0o644))
			}},
	}
	return cases
}

// writeMany adds a file of n records with an unknown field each.
func writeMany(t *testing.T, dir string, n int) {
	var b strings.Builder
	b.WriteString("apiVersion: compactkit/v1\nkind: Directory\nid: many\norganisations:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: org-%d, name: Org %d, sector: public, kind: local-authority, bogus: 1}\n", i, i)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "many.yaml"), []byte(b.String()), 0o644))
}

// v is a validate case: one change, checked with validate --format json.
func v(name, area, file, old, new, class, msg string) badInput {
	return badInput{name: name, area: area, file: file, old: old, new: new,
		args: []string{"validate", "--format", "json"}, exit: exitInvalid, class: class, msg: msg}
}

// specificCases break the fields of each kind.
func specificCases() []badInput {
	const k, c, d, r, p, ro, dsp = "kirklees", "compact.yaml", "directory.yaml", "records.yaml", "rules.yaml", "roles.yaml", "disputes/community-transport-cut-2013.yaml"
	return []badInput{
		v("Compact/bad date", k, c, "adopted: 2012-10-01", "adopted: «2012-13-01", "bad date", "not a day in the calendar"),
		v("Compact/year 0", k, c, "adopted: 2012-10-01", "adopted: «0000-10-01", "bad date", "before 0001-01-01, the first date"),
		v("Compact/date with a time", k, c, "adopted: 2012-10-01", "adopted: «2012-10-01T10:00:00Z", "bad date", "YYYY-MM-DD"),
		v("Compact/misspelt enum", k, c, "scope: cross-sector", "scope: «cross-sectr", "bad value", "did you mean"),
		v("Compact/unknown base", k, c, "extends: national-2010", "extends: «national-2011", "unresolved reference", "national-2011"),
		v("Compact/version a list", k, c, "version: \"2012\"", "version: «[2012]", "wrong type", ""),
		v("Compact/exclude unknown", k, c, "exclude: [infrastructure-resourcing,", "exclude: [«infrastructure-resourcin,", "layering error", "infrastructure-resourcin"),
		v("Compact/a clock of 40000 years", k, c, "      within: 12\n      unit: months", "      within: «40000\n      unit: years", "bad value", "within is at most 100 years (compact.MaxLimitYears is 100)"),
		v("Compact/a clock of a million days", k, c, "      within: 3\n      unit: months", "      within: «1000000\n      unit: days", "bad value", "within is at most 36600 days"),
		v("Compact/a clock of none", k, c, "      within: 3\n      unit: months", "      within: «0\n      unit: months", "bad value", "within must be at least 1"),
		v("Compact/aim id twice", k, c, "  - id: b\n", "  - id: «a\n", "duplicate", ""),
		v("Directory/misspelt sector", k, d, "    sector: public\n    kind: local-authority\n    website", "    sector: «pubic\n    kind: local-authority\n    website", "bad value", "did you mean"),
		v("Directory/unknown parent", k, d, "    parent: kirklees-council", "    parent: «kirklees-councl", "unresolved reference", ""),
		v("Directory/organisation twice", k, d, "  - id: nhs-kirklees\n", "  - id: «kirklees-council\n", "duplicate", ""),
		v("Directory/website a list", k, d, "    website: https://www.kirklees.gov.uk", "    website: «[x]", "wrong type", ""),
		v("Directory/long name", k, d, "    name: NHS Kirklees\n", "    name: «"+strings.Repeat("NHS ", 70)+"\n", "limit exceeded", "at most 256 bytes"),
		v("Directory/kind missing", k, d, "  - id: nhs-kirklees\n    name: NHS Kirklees\n    sector: public\n    kind: nhs-body", "  - «id: nhs-kirklees\n    name: NHS Kirklees\n    sector: public", "missing field", `"kind"`),
		v("Records/31 June", k, r, "    opens: 2013-06-03", "    opens: «2013-06-31", "bad date", "not a day in the calendar"),
		v("Records/closes before opens", k, r, "    closes: 2013-09-06", "    closes: «2013-01-06", "dates out of order", ""),
		v("Records/unknown owner", k, r, "    owner: kirklees-council\n    opens: 2013-06-03", "    owner: «kirklees-counci\n    opens: 2013-06-03", "unresolved reference", "did you mean"),
		v("Records/formal maybe", k, r, "    formal: true\n    feedbackPublished: 2013-11-20", "    formal: «maybe\n    feedbackPublished: 2013-11-20", "wrong type", ""),
		v("Records/responses in words", k, r, "    responses: 2240", "    responses: «lots", "wrong type", ""),
		v("Records/period", k, r, "period: 2013-14", "period: «2013-15", "bad value", "not a period"),
		v("Records/period 9999", k, r, "period: 2013-14", "period: «9999-00", "date out of range", "the last date"),
		v("Records/consultation twice", k, r, "  - id: cons-adult-day-services\n", "  - id: «cons-library-review\n", "duplicate", ""),
		v("Records/year 10000", k, r, "    opens: 2013-06-03", "    opens: «10000-06-03", "bad date", "YYYY-MM-DD"),
		v("Records/negative year", k, r, "    opens: 2013-06-03", "    opens: «-2013-06-03", "bad date", ""),
		v("RulePack/unknown base", k, p, "extends: national\n", "extends: «nationl\n", "unresolved reference", ""),
		v("RulePack/parameter type", k, p, "    type: int\n    default: 7", "    type: «integer\n    default: 7", "bad value", ""),
		v("RulePack/parameter default", k, p, "    default: 7", "    default: «seven", "wrong type", ""),
		v("RulePack/check syntax", k, p, "    check: has(funding.noticeGiven) &&", "    check: has(funding.noticeGiven) &&«&", "does not compile", "Syntax error"),
		v("RulePack/unknown variable", k, p, "    check: has(funding.noticeGiven) && daysBetween(funding.decided,", "    check: has(funding.noticeGiven) && daysBetween(«fundng.decided,", "does not compile", "undeclared reference"),
		v("RulePack/unknown field", k, p, "daysBetween(funding.decided, funding.noticeGiven)", "daysBetween(funding.decided«.x, funding.noticeGiven)", "does not compile", ""),
		v("RulePack/unknown parameter", k, p, "<= params.noticeOfChangeDays", "<= params«.noticeOfChangeDay", "does not compile", "did you mean noticeOfChangeDays"),
		v("RulePack/nested loops", k, p, "    check: has(funding.noticeGiven) && daysBetween(funding.decided, funding.noticeGiven) <= params.noticeOfChangeDays",
			"    check: funding.clauses.all«(a, funding.clauses.all(b, a.text != b.text))", "limit exceeded", "all() on funding.clauses, a.text, b.text could cost up to 2070603 units (with lists of 100 items); the limit for one expression is 1000000: avoid a loop inside a loop"),
		v("RulePack/bad date literal", k, p, "    check: has(funding.noticeGiven) && daysBetween(funding.decided, funding.noticeGiven)",
			"    check: has(funding.noticeGiven) && daysBetween(date(«'2024-02-30'), funding.noticeGiven)", "does not compile", "not a day in the calendar"),
		v("RulePack/rule twice", k, p, "  - id: kirklees-challenge-reviewers", "  - id: «kirklees-notice-of-change", "duplicate", ""),
		v("RoleCatalogue/unknown role", k, ro, "  - role: compact-champion\n", "  - role: «compact-champin\n", "unresolved reference", ""),
		v("RoleCatalogue/max in words", k, ro, "      max: 1\n", "      max: «one\n", "wrong type", ""),
		v("RoleCatalogue/misspelt appointer", k, ro, "      by: signatory\n", "      by: «signatry\n", "bad value", ""),
		v("RoleCatalogue/unknown base", k, ro, "extends: reference\n", "extends: «referenc\n", "unresolved reference", ""),
		v("RoleCatalogue/unknown organisation", k, ro, "      - organisation: kirklees-council\n", "      - organisation: «kirklees-counci\n", "unresolved reference", ""),
		v("Dispute/an edited event breaks the chain", k, dsp, "    challenger: spenborough-wheels\n", "    challenger: spenborough-wheel\n", "hash chain broken", "the hash of event 1 (raised) does not match"),
		v("Dispute/misspelt event type", k, dsp, "  - type: raised", "  - type: «rased", "bad value", ""),
		v("Dispute/time without zone", k, dsp, "    at: 2013-09-24T09:30:00+01:00", "    at: «2013-09-24T09:30:00", "bad value", ""),
		v("Dispute/30 February", k, dsp, "      date: 2013-09-10", "      date: «2013-02-30", "bad date", ""),
		v("Dispute/unknown field in a later event", k, dsp, "  - type: admitted", "  - type: admitted\n    «bogus: 1", "unknown field", ""),
		v("ActionPlan/period", "compact-voice-ocs", "plan.yaml", "period: 2014-15", "period: «2014-16", "bad value", ""),
		v("ActionPlan/unknown party", "compact-voice-ocs", "plan.yaml", "      - party: compact-voice", "      - party: «compact-voic", "unresolved reference", ""),
		v("ActionPlan/unknown organisation", "compact-voice-ocs", "plan.yaml", "organisation: ocs}", "organisation: «oc}", "unresolved reference", ""),
		v("ActionPlan/unknown section", "compact-voice-ocs", "plan.yaml", "    section: objective-meetings", "    section: «objective-meeting", "unresolved reference", ""),
		v("Priorities/unknown aim", "lincolnshire-rutland", "priorities.yaml", `    aims: ["1", "2", "3", "4"]`, `    aims: [«"9", "2", "3", "4"]`, "unresolved reference", ""),
		v("Priorities/target in words", "lincolnshire-rutland", "priorities.yaml", "        target: 10\n", "        target: «ten\n", "wrong type", ""),
		v("Priorities/period", "lincolnshire-rutland", "priorities.yaml", "period: 2008-09", "period: «2008-10", "bad value", ""),
		v("Priorities/achieved a list", "lincolnshire-rutland", "priorities.yaml", "        achieved: 7", "        achieved: «[7]", "wrong type", ""),
	}
}
