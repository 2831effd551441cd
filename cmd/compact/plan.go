package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/plan"
)

var planCommand = &command{
	name:    "plan",
	summary: "Compact-proof a draft decision: the dated checklist the compact asks for, and what would fail as planned",
	usage:   "plan [--as-of DATE] [--format text|json|ics] [-o FILE] [--base DIR] AREA DRAFT.yaml",
	help: `
Plans a decision not yet made against the compact of the area at AREA.
DRAFT.yaml is a Draft document holding one record written as in a Records
document: a funding decision with the dates intended (decided, effective),
or a consultation (opens, closes). The plan is a dated checklist: the
latest date to assess the impact (and the equality impact), to invite the
organisation's response, to consider it, to decide and to give written
notice; for a consultation, the earliest closing date and the date the
summary of responses is due; and the steps of the area's own rules. Each
step cites its commitment, the parameter values in force and the layer that
set them, and counts calendar or working days as its rule does. The dates
come from the plan steps of the area's rule pack. Then the rules are
evaluated on the draft as planned, and what would fail is listed. A
DRAFT.yaml of - reads the draft from standard input.

--as-of is the date the plan is made as of (the calendar's DTSTAMP);
default: today.

Formats: text (the default), json (the shape published as schema/plan.json)
and ics (an iCalendar file of the deadlines, RFC 5545, which needs -o: its
lines end in CRLF). With -o and no --format, a name ending in .json or .ics
picks the format. Files are written atomically.

Exits 0 when the draft as planned keeps every rule, 1 when something would
fail, 2 on a usage error, 3 when the area or the draft does not load, and 5
when the output cannot be written.`,
	run: runPlan,
}

func runPlan(c *cli, fs *flag.FlagSet, args []string) int {
	asOf := &dateFlag{}
	fs.Var(asOf, "as-of", "the date the plan is made as of (YYYY-MM-DD); default: today")
	format := addFormat(fs, "text", "json", "ics")
	out := fs.String("o", "", "write the plan to this file instead of standard output")
	af := addAreaFlags(fs)
	paths, code := c.parseExactly(fs, args, 2, "give the AREA and the DRAFT.yaml to plan")
	if code >= 0 {
		return code
	}
	if !flagSet(fs, "format") {
		format.value = formatOfFile(*out, format.value)
	}
	if format.value == "ics" && (*out == "" || *out == "-") {
		return c.usageError(fs, "an iCalendar file has CRLF line endings; write it to a file with -o FILE.ics")
	}
	k, err := af.kit(paths[0])
	if err != nil {
		return c.invalid(paths[0], err, format.value)
	}
	if _, err := k.Engine(); err != nil {
		return c.invalid(paths[0], err, format.value)
	}
	draft, err := readDraft(paths[1], k.Area)
	if err != nil {
		return c.invalid(inputName(paths[1]), err, format.value)
	}
	on := asOf.d
	if on.IsZero() {
		on = compact.DateOf(time.Now()) // the library never reads the clock; the command does
	}
	p, err := k.Plan(c.ctx, draft, on)
	if err != nil {
		return c.invalid(paths[1], err, format.value)
	}
	var buf bytes.Buffer
	if err := writePlan(&buf, p, format.value); err != nil {
		fmt.Fprintf(c.stderr, "compact plan: %v\n", err)
		return exitInvalid
	}
	if err := c.output(*out, buf.Bytes()); err != nil {
		return c.outputFailed(err)
	}
	if len(p.Findings) > 0 {
		return exitFindings
	}
	return exitOK
}

// formatOfFile is the format a file name's extension picks, or def.
func formatOfFile(name, def string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return "json"
	case ".ics":
		return "ics"
	}
	return def
}

// writePlan writes a plan in a format.
func writePlan(w io.Writer, p *plan.Plan, format string) error {
	switch format {
	case "json":
		return plan.WriteJSON(w, p)
	case "ics":
		return plan.WriteICS(w, p)
	}
	return plan.WriteText(w, p)
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
