package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/internal/docfmt"
)

var disputeCommand = &command{
	name:    "dispute",
	summary: "run challenges: open a case, apply an event, show a case, list what is due",
	run:     runDispute,

	subcommands: disputeSubcommands,
}

// disputeWarnings lists, one a line, what today's data contradicts in the
// area's stored dispute events (and events written before signing):
// validate and report print them; they never make an area invalid.
func disputeWarnings(ctx context.Context, a *compact.Area) []string {
	return warningLines(dispute.Warnings(ctx, a))
}

// disputeSubcommands are the subcommands of compact dispute, in the order
// its help lists them.
var disputeSubcommands = []subcommand{
	{"open", "open a case from a raised event file", runDisputeOpen},
	{"apply", "apply an event file to its case", runDisputeApply},
	{"show", "show a case: its timeline, stage, deadlines and outcome", runDisputeShow},
	{"due", "list what is due or overdue across the area's cases", runDisputeDue},
	{"verify", "check every case against the area's checkpoint log", runDisputeVerify},
	{"seal", "sign a case written before the area signed its events", runDisputeSeal},
}

func runDispute(c *cli, _ *flag.FlagSet, args []string) int {
	return c.runSubcommand("dispute", "subcommand", disputeSubcommands, args, disputeUsage())
}

// disputeUsage is what "compact dispute --help" prints.
func disputeUsage() string {
	var w strings.Builder
	fmt.Fprint(&w, `Usage: compact dispute SUBCOMMAND [flags] AREA ...

Runs challenges under the area's dispute procedure (its compact's, or the
national one it inherits). A case is a file of kind Dispute in the area
(disputes/CASE.yaml): the append-only list of its events, each with a hash
chained to the one before and an Ed25519 signature by a key the area lists
(disputes/keys.yaml), so that any later change is detected. Every change
also appends the case's head to disputes/checkpoints.log, so that removed
events and older copies are detected too. An event is applied from a file
of kind DisputeEvent that names its case.

Events are signed with the private key in --key FILE, or in the
environment variable `+keyEnv+` (compact keys new makes
one). --as-of defaults to today.

Subcommands:
`)
	for _, s := range disputeSubcommands {
		fmt.Fprintf(&w, "  %-6s %s\n", s.name, s.summary)
	}
	fmt.Fprint(&w, `
Run "compact dispute SUBCOMMAND --help" for a subcommand's flags.

Exit codes: 0 success; 1 an event was refused, or something is overdue
(due); 2 usage error; 3 invalid input (an area, case or event file that
does not load, a case whose hash chain or signatures are broken, or one
that does not match the checkpoint log); 5 a file could not be read or
written (no permission, a full disk: the case file is unchanged); 130
interrupted.
`)
	return w.String()
}

// loadProcedure loads an area and its dispute procedure; see loadWith.
func loadProcedure(c *cli, af *areaFlags, path, format string) (*dispute.Procedure, int) {
	return loadWith(c, af, path, format, func(a *compact.Area) (*dispute.Procedure, error) { return dispute.New(a) })
}

// clock is the CLI's clock: the dispute commands' as-of date defaults to
// today. The library never reads it; tests set it.
var clock = time.Now

// today is the day it is now, in England.
func today() compact.Date { return compact.DateOf(clock().In(london())) }

// london is the zone dispute days are counted in.
func london() *time.Location {
	if l, err := time.LoadLocation("Europe/London"); err == nil {
		return l
	}
	return time.UTC
}

// addDisputeAsOf adds --as-of to a dispute command: default today.
func addDisputeAsOf(fs *flag.FlagSet) *dateFlag {
	f := &dateFlag{}
	fs.Var(f, "as-of", "the date to look from (YYYY-MM-DD); default: today")
	return f
}

// disputeAsOf is the --as-of date, or today.
func disputeAsOf(f *dateFlag) compact.Date {
	if !f.d.IsZero() {
		return f.d
	}
	return today()
}

// addKey adds --key, the private key file that signs events.
func addKey(fs *flag.FlagSet) *string {
	return fs.String("key", "", "the private key file that signs the events, - for standard input (default: the key in $"+keyEnv+", if set)")
}

// signer reads the private key from the --key file, or from the
// environment; nil when neither is given.
func signer(file string) (*dispute.Signer, error) {
	var text []byte
	switch {
	case file != "":
		data, err := readInput(file)
		if err != nil {
			return nil, err
		}
		text = data
	case os.Getenv(keyEnv) != "":
		text = []byte(os.Getenv(keyEnv))
	default:
		return nil, nil
	}
	return dispute.ParseSigner(text)
}

// signWith is the apply options that sign with s, when there is one.
func signWith(s *dispute.Signer) []dispute.ApplyOption {
	if s == nil {
		return nil
	}
	return []dispute.ApplyOption{dispute.SignWith(s)}
}

// readEvents reads an event file: one or more documents of kind
// DisputeEvent, all for the same case; "-" reads standard input.
func readEvents(path string) (string, []dispute.Event, error) {
	docs, err := readDocuments(path)
	if err != nil {
		return "", nil, err
	}
	if len(docs) == 0 {
		return "", nil, compact.Errors{{Pos: compact.Position{File: inputName(path)}, Err: compact.ErrMissing,
			Msg: "the file holds no event; write a document of kind DisputeEvent"}}
	}
	var id string
	var events []dispute.Event
	var errs compact.Errors
	for _, d := range docs {
		f, err := dispute.ReadEvent(d)
		if err != nil {
			errs = append(errs, compact.AsErrors(err)...)
			continue
		}
		if id == "" {
			id = f.Case
		} else if f.Case != id {
			errs = append(errs, d.Errorf("case", compact.ErrValue, "every event in a file is for the same case; this one is for %q, the first for %q", f.Case, id))
		}
		events = append(events, f.Event)
	}
	if len(errs) > 0 {
		return "", nil, errs
	}
	return id, events, nil
}

// refused reports a refused event (or a locked or existing case) and
// returns exitFindings; other errors are invalid input.
func (c *cli) refused(sub, path string, err error, format string) int {
	var r *dispute.Refusal
	if errors.As(err, &r) || errors.Is(err, dispute.ErrLocked) || errors.Is(err, dispute.ErrExists) {
		if format == "json" {
			_ = writeJSON(c.stdout, dispute.NewRefusedOutput(err, compact.Code(err)))
		} else {
			fmt.Fprintf(c.stderr, "compact dispute %s: %s: refused: %v\nThe case file is unchanged.\n", sub, path, err)
		}
		return exitFindings
	}
	return c.invalid(path, err, format)
}

func runDisputeOpen(c *cli, args []string) int {
	fs := c.flagSet("dispute open", "dispute open [--key FILE] [--out FILE] [--format text|json] [--base DIR] AREA EVENT_FILE", `
Opens a case in the area at AREA from EVENT_FILE, a document of kind
DisputeEvent of type raised whose case field is the new case's id:

  apiVersion: compactkit/v1
  kind: DisputeEvent
  case: befriending-grant-2014
  type: raised
  at: 2014-02-04T10:15:00Z
  actor: {person: anne-lockwood}
  title: Two months' notice of the end of the befriending grant
  challenger: kirklees-befriending-circle
  respondent: kirklees-council
  decision: {date: 2014-01-28, text: ..., record: fund-befriending-ending}
  commitments: [statutory-notice-of-change]
  text: ...

The case is written to AREA/disputes/CASE.yaml, or to --out. An existing
case is never overwritten. An EVENT_FILE of - reads the event from standard
input.

Exits 0 when the case is opened, 1 when the event is refused (the reason is
printed) or the case exists, and 3 when the area or the event file does not
load.

With --format json the output has the shape published as
schema/dispute-applied.json; a refusal, schema/dispute-refused.json; input that does
not load, schema/invalid.json.`)
	out := fs.String("out", "", "where to write the case file (default AREA/disputes/CASE.yaml)")
	keyFile := addKey(fs)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	rest, code := c.parseEvent(fs, args, keyFile, "give AREA (the area folder) and EVENT_FILE (a raised event)")
	if code >= 0 {
		return code
	}
	if code := c.swappedPaths(fs, "AREA EVENT_FILE", rest[0], rest[1]); code >= 0 {
		return code
	}
	id, events, err := readEvents(rest[1])
	if err != nil {
		return c.invalid(inputName(rest[1]), err, format.value)
	}
	if len(events) != 1 || events[0].Type != dispute.Raised {
		return c.usageError(fs, "%s must hold one event, of type raised; apply later events with compact dispute apply", rest[1])
	}
	key, err := signer(*keyFile)
	if err != nil {
		return c.usageError(fs, "the private key: %v", err)
	}
	sign := signWith(key)
	p, code := loadProcedure(c, af, rest[0], format.value)
	if code >= 0 {
		return code
	}
	path := *out
	if path == "" {
		if info, err := os.Stat(rest[0]); err != nil || !info.IsDir() {
			return c.usageError(fs, "AREA is a file, so say where the case goes with --out")
		}
		path = filepath.Join(rest[0], "disputes", id+".yaml")
	}
	if d, ok := dispute.FindCase(p.Area(), id); ok {
		return c.refused("open", path, fmt.Errorf("%w: case %q is already in %s", dispute.ErrExists, id, d.Pos), format.value)
	}
	cs, err := p.Open(c.ctx, id, events[0], sign...)
	if err != nil {
		return c.refused("open", rest[1], err, format.value)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(c.stderr, "compact dispute open: %v\n", err)
		return exitInvalid
	}
	if err := p.Create(c.ctx, path, cs, sign...); err != nil {
		return c.refused("open", path, err, format.value)
	}
	return c.printApplied(cs, path, 0, format.value)
}

func runDisputeApply(c *cli, args []string) int {
	fs := c.flagSet("dispute apply", "dispute apply [--key FILE] [--format text|json] [--base DIR] AREA EVENT_FILE", `
Applies the events in EVENT_FILE (one or more documents of kind
DisputeEvent, all for the same case) to that case's file in the area at
AREA, in order. Each is checked against the procedure: that it applies at
the case's stage, that its actor may record it, and the guards (enough
independent reviewers; only a party may withdraw; escalation only after the
stages before it are done, or one of them overran a time limit).

Either every event is accepted and appended to the case file, or none is
and the file is left exactly as it was. Applies to one case run one at a
time: a second waits for the first, then sees its events. An EVENT_FILE of
- reads the events from standard input.

Exits 0 when the events are applied, 1 when one is refused (the reason is
printed) or the case is locked, and 3 when the area, the case file or the
event file does not load.

With --format json the output has the shape published as
schema/dispute-applied.json; a refusal, schema/dispute-refused.json; input that does
not load, schema/invalid.json.`)
	keyFile := addKey(fs)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	rest, code := c.parseEvent(fs, args, keyFile, "give AREA (the area folder) and EVENT_FILE (the events to apply)")
	if code >= 0 {
		return code
	}
	key, err := signer(*keyFile)
	if err != nil {
		return c.usageError(fs, "the private key: %v", err)
	}
	sign := signWith(key)
	if code := c.swappedPaths(fs, "AREA EVENT_FILE", rest[0], rest[1]); code >= 0 {
		return code
	}
	id, events, err := readEvents(rest[1])
	if err != nil {
		return c.invalid(inputName(rest[1]), err, format.value)
	}
	if events[0].Type == dispute.Raised {
		return c.usageError(fs, "a raised event opens a case: use compact dispute open")
	}
	p, code := loadProcedure(c, af, rest[0], format.value)
	if code >= 0 {
		return code
	}
	d, code := c.findCase(fs, p, id)
	if code >= 0 {
		return code
	}
	cs, err := p.ApplyFile(c.ctx, d.File(), events, sign...)
	if err != nil {
		return c.refused("apply", d.File(), err, format.value)
	}
	return c.printApplied(cs, d.File(), cs.Len()-len(events), format.value)
}

// findCase is the case id of the procedure's area, or exitUsage after
// saying the area has no such case (see unknownCase).
func (c *cli) findCase(fs *flag.FlagSet, p *dispute.Procedure, id string) (*compact.Document, int) {
	d, ok := dispute.FindCase(p.Area(), id)
	if !ok {
		return nil, c.usageError(fs, "%s", unknownCase(p.Area(), id))
	}
	return d, -1
}

// unknownCase says a case is not in the area, with a suggestion.
func unknownCase(a *compact.Area, id string) string {
	var ids []string
	for _, d := range a.DocumentsOf(compact.KindDispute) {
		ids = append(ids, d.ID)
	}
	msg := fmt.Sprintf("the area has no case %q", id)
	if near := docfmt.Closest(id, ids); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	} else if len(ids) > 0 {
		msg += "; its cases are " + strings.Join(ids, ", ")
	}
	return msg
}

// printApplied reports the events applied from index from on.
func (c *cli) printApplied(cs *dispute.Case, path string, from int, format string) int {
	steps := cs.Timeline()[from:]
	st := cs.State()
	if format == "json" {
		return c.printJSON(dispute.AppliedOutput{Applied: steps, Case: cs.ID(), File: path, Head: cs.Head(),
			Phase: st.Phase, Stage: st.Stage}, exitOK)
	}
	for _, s := range steps {
		fmt.Fprintf(c.stdout, "%s: event %d %s: %s\n", cs.ID(), s.Index+1, s.Type, s.Summary)
	}
	fmt.Fprintf(c.stdout, "%s: %s; written to %s\n", cs.ID(), where(cs.Procedure(), st), path)
	return exitOK
}

// where says where a case stands.
func where(p *dispute.Procedure, st dispute.State) string {
	name := st.Stage
	if s, ok := p.Stage(st.Stage); ok && s.Name != "" {
		name = s.Name
	}
	switch st.Phase {
	case dispute.PhaseClosed:
		return fmt.Sprintf("closed on %s, %s (last stage: %s)", st.ClosedOn, st.Outcome, name)
	case dispute.PhaseAgreed:
		return fmt.Sprintf("agreement reached on %s at %s; waiting to close", st.Agreement.Day, name)
	}
	return "at " + name
}

func runDisputeShow(c *cli, args []string) int {
	fs := c.flagSet("dispute show", "dispute show [--as-of DATE] [--format text|json] [--base DIR] AREA CASE", `
Shows the case CASE (its id) of the area at AREA: the parties and the
decision challenged, the stages it went through, its timeline of events,
its time limits and clocks as they stand on --as-of, and its outcome with
the actions and lessons learned. The hash chain and the signatures are
checked; a case whose chain or a signature is broken is reported at the
first event that does not match. Where today's directory or roles
contradict a stored event, the case is still shown, with a warning naming
the event.

--as-of defaults to today. Events after it are left out.

Exits 0 when the case is shown, 2 when there is no such case, and 3 when
the area or the case does not load.

With --format json the output has the shape published as
schema/dispute-case.json; input that does not load, schema/invalid.json.`)
	asOf := addDisputeAsOf(fs)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	rest, code := c.parsePair(fs, args, "AREA CASE", 0, "give AREA (the area folder) and CASE (the case id)")
	if code >= 0 {
		return code
	}
	p, code := loadProcedure(c, af, rest[0], format.value)
	if code >= 0 {
		return code
	}
	d, code := c.findCase(fs, p, rest[1])
	if code >= 0 {
		return code
	}
	cs, err := p.Decode(c.ctx, d)
	if err != nil {
		return c.invalid(d.File(), err, format.value)
	}
	on := disputeAsOf(asOf)
	total := cs.Len()
	cs = cs.AsOf(c.ctx, on)
	if format.value == "json" {
		return c.printJSON(showJSON(c.ctx, cs, d.File(), on, total), exitOK)
	}
	printCase(c.ctx, c.stdout, cs, d.File(), on, total)
	return exitOK
}

func showJSON(ctx context.Context, cs *dispute.Case, file string, on compact.Date, total int) dispute.CaseOutput {
	deadlines := cs.Deadlines(ctx, on)
	if deadlines == nil {
		deadlines = []dispute.Deadline{}
	}
	return dispute.CaseOutput{Case: cs.ID(), File: file, AsOf: on, Events: cs.Len(), Later: total - cs.Len(), State: cs.State(),
		Timeline: cs.Timeline(), Deadlines: deadlines, Head: cs.Head(), Warnings: warningLines(cs.Warnings())}
}

func printCase(ctx context.Context, w io.Writer, cs *dispute.Case, file string, on compact.Date, total int) {
	p := cs.Procedure()
	a := p.Area()
	st := cs.State()
	if st.Phase == dispute.PhaseNew {
		fmt.Fprintf(w, "Case %s had not been raised on %s (%d events, all later).\nFile: %s\n", cs.ID(), on, total, file)
		return
	}
	fmt.Fprintf(w, "Case %s: %s\n", cs.ID(), st.Title)
	fmt.Fprintf(w, "File: %s\n", file)
	fmt.Fprintf(w, "%s challenges %s\n", orgLabel(a, st.Challenger), orgLabel(a, st.Respondent))
	if d := st.Decision; d != nil {
		s := fmt.Sprintf("Decision: %s, %s", d.Date, d.Text)
		if d.Record != "" {
			s += " (record " + d.Record + ")"
		}
		fmt.Fprintln(w, s)
	}
	if len(st.Commitments) > 0 {
		fmt.Fprintf(w, "Commitments cited: %s\n", strings.Join(st.Commitments, ", "))
	}
	fmt.Fprintf(w, "Now: %s\n", where(p, st))

	fmt.Fprintln(w, "\nStages:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, v := range st.Visits {
		name := v.Stage
		if s, ok := p.Stage(v.Stage); ok && s.Name != "" {
			name = s.Name
		}
		span := v.Entered.String() + " to " + v.Ended.String()
		if v.Ended.IsZero() {
			span = "since " + v.Entered.String()
		}
		done := ""
		if !v.Done.IsZero() {
			done = "done " + v.Done.String()
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", name, v.Kind, span, done)
	}
	tw.Flush()

	if len(st.Reviewers) > 0 {
		fmt.Fprintln(w, "\nReviewers:")
		for _, r := range st.Reviewers {
			s := fmt.Sprintf("  %s (%s), nominated %s by %s", personName(a, r.Person), orgLabel(a, r.Organisation), r.Nominated, personName(a, r.NominatedBy.Person))
			if !r.Active() {
				s += ", stood down " + r.StoodDown.String()
			}
			fmt.Fprintln(w, s)
		}
	}

	fmt.Fprintln(w, "\nTimeline:")
	for _, s := range cs.Timeline() {
		fmt.Fprintf(w, "  %2d  %s  %-21s %s\n", s.Index+1, s.At.Format("2006-01-02 15:04"), s.Type, s.By)
		fmt.Fprintf(w, "      %s\n", s.Summary)
		if s.Text != "" {
			fmt.Fprintf(w, "      %s\n", s.Text)
		}
		for _, x := range s.Actions {
			fmt.Fprintf(w, "      action: %s\n", action(a, x))
		}
	}

	deadlines := cs.Deadlines(ctx, on)
	fmt.Fprintf(w, "\nDeadlines on %s:\n", on)
	if len(deadlines) == 0 {
		fmt.Fprintln(w, "  none")
	}
	printDeadlines(w, deadlines, false)

	if st.Phase == dispute.PhaseClosed {
		fmt.Fprintf(w, "\nOutcome: %s (closed %s)\n", st.Outcome, st.ClosedOn)
	}
	if len(st.Actions) > 0 {
		fmt.Fprintln(w, "Actions:")
		for _, x := range st.Actions {
			fmt.Fprintf(w, "  - %s\n", action(a, x))
		}
	}
	if len(st.Lessons) > 0 {
		fmt.Fprintln(w, "Lessons learned:")
		for _, l := range st.Lessons {
			fmt.Fprintf(w, "  - %s\n", l)
		}
	}
	verified := "hash chain and signatures verified"
	if !signed(cs) {
		verified = "hash chain verified; not signed"
	}
	if later := total - cs.Len(); later > 0 {
		fmt.Fprintf(w, "\n%d events to %s (%d later left out); %s; head then %s\n", cs.Len(), on, later, verified, cs.Head())
	} else {
		fmt.Fprintf(w, "\n%d events; %s; head %s\n", cs.Len(), verified, cs.Head())
	}
	for _, line := range warningLines(cs.Warnings()) {
		fmt.Fprintf(w, "WARNING: %s\n", line)
	}
}

// signed reports whether every event of a case is signed.
func signed(cs *dispute.Case) bool {
	for _, en := range cs.Entries() {
		if en.Sig == "" {
			return false
		}
	}
	return true
}

// warningLines writes warnings one a line.
func warningLines(ws []dispute.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

func action(a *compact.Area, x dispute.Action) string {
	if x.Owner != "" {
		return x.Text + " (" + orgLabel(a, x.Owner) + ")"
	}
	return x.Text
}

// printDeadlines writes deadlines one a line: status, due day, days left,
// what; warnings under them.
func printDeadlines(w io.Writer, list []dispute.Deadline, withCase bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range list {
		due := d.Due.String()
		if d.Due.IsZero() {
			due = "-"
		}
		left := ""
		switch {
		case !d.Status.Open():
			left = string(d.Status) + " " + d.Settled.String()
		case d.Due.IsZero():
			left = "no time limit"
		case d.Unit == compact.UnitWorkingDays:
			left = daysLeft(d.WorkingDaysLeft, "working day")
		default:
			left = daysLeft(d.DaysLeft, "day")
		}
		status := string(d.Status)
		if !d.Status.Open() {
			status = "-"
		}
		prefix := "  "
		if withCase {
			prefix += d.Case + "\t"
		}
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\n", prefix, status, due, left, d.Name)
		if d.Warning != "" {
			fmt.Fprintf(tw, "%s\t\t\t\tWARNING: %s\n", strings.Repeat("\t", b2i(withCase)), d.Warning)
		}
	}
	tw.Flush()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func daysLeft(n int, unit string) string {
	switch {
	case n == 1:
		return "1 " + unit + " left"
	case n >= 0:
		return fmt.Sprintf("%d %ss left", n, unit)
	case n == -1:
		return "1 " + unit + " over"
	}
	return fmt.Sprintf("%d %ss over", -n, unit)
}

func runDisputeDue(c *cli, args []string) int {
	fs := c.flagSet("dispute due", "dispute due [--as-of DATE] [--format text|json] [--base DIR] AREA", `
Lists what is due across the cases of the area at AREA as of --as-of: the
time limits of the stages the cases are at (acknowledge within 5 working
days ...), the clocks that run whatever the stage (judicial review within
three months of the decision, with a warning when it nears while the case is
still at an earlier stage), and who is still to be told of an agreement.
Working days leave out weekends and the bank holidays of England and Wales.

Only cases raised on or before --as-of count. --as-of defaults to today.

Exits 0 when nothing is overdue, 1 when a time limit is overdue or a clock
has run out, and 3 when the area or a case does not load.

With --format json the output has the shape published as
schema/dispute-due.json; input that does not load, schema/invalid.json.`)
	asOf := addDisputeAsOf(fs)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	rest, code := c.parseExactly(fs, args, 1, "give AREA (the area folder)")
	if code >= 0 {
		return code
	}
	p, code := loadProcedure(c, af, rest[0], format.value)
	if code >= 0 {
		return code
	}
	cases, err := p.Cases(c.ctx)
	if err != nil {
		return c.invalid(rest[0], err, format.value)
	}
	on := disputeAsOf(asOf)
	raised, due := dispute.DueOn(c.ctx, cases, on)
	if due == nil {
		due = []dispute.Deadline{}
	}
	cases = raised
	for _, cs := range cases {
		for _, w := range cs.Warnings() {
			fmt.Fprintf(c.stderr, "compact dispute due: WARNING: %s\n", w)
		}
	}
	exit := exitOK
	if dispute.Breached(due) {
		exit = exitFindings
	}
	if format.value == "json" {
		return c.printJSON(dispute.DueOutput{Area: p.Area().Name, AsOf: on, Cases: len(cases), Due: due}, exit)
	}
	fmt.Fprintf(c.stdout, "Due on %s in %s (%d case%s)\n", on, p.Area().Name, len(cases), map[bool]string{true: "", false: "s"}[len(cases) == 1])
	if len(due) == 0 {
		fmt.Fprintln(c.stdout, "  nothing")
		return exit
	}
	printDeadlines(c.stdout, due, true)
	return exit
}

func runDisputeVerify(c *cli, args []string) int {
	fs := c.flagSet("dispute verify", "dispute verify [--format text|json] [--base DIR] AREA", `
Checks every case of the area at AREA: its hash chain, its signatures, the
order of its events, and its head against the checkpoint log beside it
(disputes/checkpoints.log). A case whose last events were removed, that was
emptied, or that was put back to an older copy is named, with the line of
the log it contradicts; so is a case the log has but whose file is gone,
and a line of the log that was changed or removed. The heads are printed:
keep them (in the minutes of the steering group) to anchor the log itself.

Exits 0 when every case matches, 3 when one does not or does not load.

With --format json the output has the shape published as
schema/dispute-verification.json; input that does not load, schema/invalid.json.`)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	rest, code := c.parseExactly(fs, args, 1, "give AREA (the area folder)")
	if code >= 0 {
		return code
	}
	p, code := loadProcedure(c, af, rest[0], format.value)
	if code >= 0 {
		return code
	}
	var dirs []string
	if info, err := os.Stat(rest[0]); err == nil && info.IsDir() {
		dirs = append(dirs, filepath.Join(rest[0], "disputes"))
	}
	heads, err := p.Verify(c.ctx, dirs...)
	if err != nil {
		return c.invalid(rest[0], err, format.value)
	}
	if heads == nil {
		heads = []dispute.CaseHead{}
	}
	if format.value == "json" {
		return c.printJSON(dispute.VerifyOutput{Area: p.Area().Name, Cases: heads, Verified: true}, exitOK)
	}
	fmt.Fprintf(c.stdout, "%s: %d case%s match the checkpoint log\n", p.Area().Name, len(heads), map[bool]string{true: "", false: "s"}[len(heads) == 1])
	for _, h := range heads {
		fmt.Fprintf(c.stdout, "  %s: %d events, head %s (checkpoint line %d)\n", h.Case, h.Events, h.Head, h.Checkpoint)
	}
	return exitOK
}

func runDisputeSeal(c *cli, args []string) int {
	fs := c.flagSet("dispute seal", "dispute seal [--key FILE] [--on DATE] [--base DIR] AREA CASE", `
Signs the events of the case CASE (its id) of the area at AREA that were
written before the area signed its events. The case is loaded first, so
only a case whose hash chain verifies and whose events replay is sealed.
Each signature records the day of sealing (--on, default today), and the
key must be valid on that day. The case's head is then checkpointed.

Exits 0 when the case is sealed, 1 when the key may not sign it, 2 on a
usage error or when there is no such case, and 3 when the area or the case
does not load.`)
	keyFile := addKey(fs)
	on := &dateFlag{}
	fs.Var(on, "on", "the day of sealing (YYYY-MM-DD); default: today")
	af := addAreaFlags(fs)
	rest, code := c.parseExactly(fs, args, 2, "give AREA (the area folder) and CASE (the case id)")
	if code >= 0 {
		return code
	}
	key, err := signer(*keyFile)
	if err != nil {
		return c.usageError(fs, "the private key: %v", err)
	}
	if key == nil {
		return c.usageError(fs, "give the key that seals the case: --key FILE, or the key in $%s", keyEnv)
	}
	p, code := loadProcedure(c, af, rest[0], "text")
	if code >= 0 {
		return code
	}
	d, code := c.findCase(fs, p, rest[1])
	if code >= 0 {
		return code
	}
	cs, n, err := p.Seal(c.ctx, d.File(), disputeAsOf(on), key)
	if err != nil {
		return c.refused("seal", d.File(), err, "text")
	}
	fmt.Fprintf(c.stdout, "%s: %d event%s sealed with key %s; head %s\n", cs.ID(), n, map[bool]string{true: "", false: "s"}[n == 1], key.KeyID(), cs.Head())
	return exitOK
}
