package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/atomicfile"
	"github.com/compactkit/compactkit/reporting"
)

var reportCommand = &command{
	name:    "report",
	summary: "the annual compact report for an area and period (Markdown, HTML, JSON; CSV of failures)",
	usage:   "report [--period PERIOD] [--as-of DATE] [--format md|html|json|csv] [-o FILE] [--base DIR] PATH",
	help: `
Writes the annual compact report for the area at PATH (a folder of
documents, or one file holding a whole area) and a period: signatories
(new and lapsed), roles (holders, vacancies, terms ending), governance
(meetings held against the compact's cadence, attendance, reports
delivered), compliance (the checks of the area's rule pack, or the national
pack, for the period and the period before), consultations (length, summaries of
responses, those open now), funding reductions and endings (notice given
against the compact's minimum), disputes (the cases of the area's dispute
procedure: challenges made and action taken), and the area's action plans and annual priorities (target against
achieved, rated red, amber or green).

--as-of defaults to the last day of the records period, or today when the
records have none; --period to the records period when it contains the
as-of date, and otherwise to the financial year containing it (the same
period check chooses). Records dated after --as-of are not counted.

Formats: md (Markdown, the default), html (one self-contained page with
inline SVG charts, for a browser or a printer), json (the shape published
as schema/report.json) and csv (the compliance failures, one a row).
With -o FILE the extension chooses the format (.md, .html, .json, .csv);
a --format that contradicts it is a usage error.

Exits 0 when the report is written, 2 on a usage error, and 3 when the
area, its plans, its nominations, its rule pack or its dispute cases do not
load.`,
	run: runReport,
}

var consultationsCommand = &command{
	name:    "consultations",
	summary: "the consultation watch: consultations open now, days left, whether each meets the compact",
	usage:   "consultations [--open] [--as-of DATE] [--period PERIOD] [--closing-within DAYS] [--format text|json] [--base DIR] PATH",
	help: `
The compact officer's consultation watch for the area at PATH. With --open
it lists the consultations open on the --as-of date (opened on or before
it, closing on or after it), closing soonest first, with the days left to
respond; without it, every consultation that ran in --period. Each says
whether it meets the compact: a formal written consultation should run for
the weeks the compact sets (consultationWeeks, 12 in the national Compact)
or say why it is shorter, and a summary of responses is due within
consultationFeedbackMonths (3) of closing.

--as-of defaults to the last day of the records period, or today when the
records have none; --period to the records period.

Exits 0 when the list is printed (even an empty one), 2 on a usage error,
and 3 when the area does not load.

With --format json the output has the shape published as
schema/consultations.json; input that does not load, schema/invalid.json.`,
	run: runConsultations,
}

// periodFlag is a --period flag: "2024-25", "2024" or "from..to".
type periodFlag struct{ p compact.Period }

func (f *periodFlag) String() string {
	if f.p.From.IsZero() {
		return ""
	}
	return f.p.String()
}

func (f *periodFlag) Set(s string) error { return f.p.UnmarshalText([]byte(s)) }

func runReport(c *cli, fs *flag.FlagSet, args []string) int {
	period := &periodFlag{}
	fs.Var(period, "period", `the period to report on: a financial year "2024-25", a year "2024" or "from..to" dates; default: the records period`)
	asOf := &dateFlag{}
	fs.Var(asOf, "as-of", "the date to report as of (YYYY-MM-DD); default: the end of the records period, else today")
	format := addFormat(fs, "md", "html", "json", "csv")
	out := addOutput(fs, format, "the report")
	semantics := fs.Bool("semantics", false, "say with each failed check how its rule reads the records (how days count, which day a date means)")
	af := addAreaFlags(fs)
	paths, code := c.parseExactly(fs, args, 1, "give one PATH (an area folder or a file holding a whole area)")
	if code >= 0 {
		return code
	}
	if msg := resolveOutputFormat(fs, format, *out); msg != "" {
		return c.usageError(fs, "%s", msg)
	}
	k, err := af.kit(paths[0])
	if err == nil {
		err = reporting.Check(k.Area)
	}
	if err != nil {
		return c.invalid(paths[0], err, format.value)
	}
	if _, p := k.Span(asOf.d, period.p, today()); !reporting.HasContent(k.Area, p) {
		return c.usageError(fs, "%s", noRecordsIn(k.Area, p))
	}
	for _, w := range disputeWarnings(c.ctx, k.Area) {
		fmt.Fprintf(c.stderr, "compact report: warning: %s\n", w)
	}
	ropts := runOptions(asOf, period.p)
	if *semantics {
		ropts = append(ropts, compactkit.ReportOptions(reporting.WithSemantics()))
	}
	r, err := k.Report(c.ctx, ropts...)
	if err != nil {
		return c.invalid(paths[0], err, format.value)
	}
	var buf bytes.Buffer
	switch format.value {
	case "html":
		err = r.WriteHTML(&buf)
	case "json":
		err = r.WriteJSON(&buf)
	case "csv":
		err = r.WriteFindingsCSV(&buf)
	default:
		err = r.WriteMarkdown(&buf)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "compact report: %v\n", err)
		return exitInvalid
	}
	if err := c.output(*out, buf.Bytes()); err != nil {
		return c.outputFailed(err)
	}
	return exitOK
}

// output writes data to the file named, atomically, or to standard output.
func (c *cli) output(file string, data []byte) error {
	if file == "" || file == "-" {
		_, err := c.stdout.Write(data)
		return err
	}
	return atomicfile.WriteFile(file, data, 0o644)
}

func runConsultations(c *cli, fs *flag.FlagSet, args []string) int {
	open := fs.Bool("open", false, "list only the consultations open on the --as-of date")
	asOf := &dateFlag{}
	fs.Var(asOf, "as-of", "the date to look from (YYYY-MM-DD); default: the end of the records period, else today")
	period := &periodFlag{}
	fs.Var(period, "period", "without --open, the period whose consultations to list; default: the records period")
	within := fs.Int("closing-within", -1, "with --open, list only those closing within this many days")
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	paths, code := c.parseExactly(fs, args, 1, "give one PATH (an area folder or a file holding a whole area)")
	if code >= 0 {
		return code
	}
	switch {
	case *within >= 0 && !*open:
		return c.usageError(fs, "--closing-within needs --open")
	case *open && !period.p.From.IsZero():
		return c.usageError(fs, "--period lists the consultations of a period; with --open the list is of those open on --as-of")
	}
	area, err := af.load(paths[0])
	if err != nil {
		return c.invalid(paths[0], err, format.value)
	}
	on := asOfDate(asOf, area)
	var items []reporting.ConsultationItem
	var p compact.Period
	if *open {
		for _, it := range reporting.Watch(area, on) {
			if *within < 0 || *it.DaysLeft <= *within {
				items = append(items, it)
			}
		}
	} else {
		_, p = area.Span(on, period.p, today())
		items = reporting.Consultations(area, p, on)
	}
	if items == nil {
		items = []reporting.ConsultationItem{}
	}
	if format.value == "json" {
		v := reporting.ConsultationsOutput{Area: area.Name, AsOf: on, Consultations: items, Open: *open}
		if !*open {
			v.Period = &p
		}
		return c.printJSON(v, exitOK)
	}
	printConsultations(c.stdout, area, on, p, *open, *within, items)
	return exitOK
}

func printConsultations(w io.Writer, area *compact.Area, on compact.Date, p compact.Period, open bool, within int, items []reporting.ConsultationItem) {
	switch {
	case open && within >= 0:
		fmt.Fprintf(w, "Consultations in %s open on %s and closing within %d days: %d\n", area.Name, on, within, len(items))
	case open:
		fmt.Fprintf(w, "Consultations in %s open on %s: %d\n", area.Name, on, len(items))
	default:
		fmt.Fprintf(w, "Consultations in %s that ran in %s (as of %s): %d\n", area.Name, p, on, len(items))
	}
	if len(items) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if open {
		fmt.Fprintln(tw, "CLOSES\tDAYS LEFT\tWEEKS\tFORMAL\tMEETS THE COMPACT\tCONSULTATION\tRUN BY")
	} else {
		fmt.Fprintln(tw, "OPENS\tCLOSES\tWEEKS\tFORMAL\tMEETS THE COMPACT\tCONSULTATION\tRUN BY")
	}
	for _, it := range items {
		formal := "no"
		if it.Formal {
			formal = "yes"
		}
		meets := "yes"
		switch it.Length {
		case reporting.LengthWithReason:
			meets = "yes, reason given"
		case reporting.LengthTooShort:
			meets = "NO"
		case reporting.LengthInformal:
			meets = "n/a (informal)"
		}
		first := it.Opens.String()
		if open {
			first = fmt.Sprint(*it.DaysLeft)
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", it.Closes, first, it.Weeks, formal, meets, it.Title, it.Owner.Name)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", first, it.Closes, it.Weeks, formal, meets, it.Title, it.Owner.Name)
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, it := range items {
		fmt.Fprintf(w, "%s (%s)\n  %s\n", it.Title, it.ID, it.Says)
	}
}
