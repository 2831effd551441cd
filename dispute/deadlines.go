package dispute

import (
	"context"
	"fmt"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// DeadlineKind says where a deadline comes from.
type DeadlineKind string

// Deadline kinds.
const (
	KindLimit  DeadlineKind = "limit"  // a time limit of a stage the case reached
	KindClock  DeadlineKind = "clock"  // a clock of the procedure, which runs whatever the stage
	KindInform DeadlineKind = "inform" // someone to be told of an agreement
)

// Values lists the deadline kinds.
func (DeadlineKind) Values() []string {
	return docfmt.EnumStrings([]DeadlineKind{KindLimit, KindClock, KindInform})
}

// DeadlineStatus says where a deadline stands on the day asked about.
type DeadlineStatus string

// Deadline statuses.
const (
	StatusPending DeadlineStatus = "pending"  // not met, not yet due
	StatusDueSoon DeadlineStatus = "due-soon" // a clock within its warning days
	StatusOverdue DeadlineStatus = "overdue"  // a limit past its last day and not met
	StatusExpired DeadlineStatus = "expired"  // a clock past its last day: the time to act has gone
	StatusMet     DeadlineStatus = "met"      // met on or before the last day
	StatusLate    DeadlineStatus = "met-late" // met after the last day
	StatusLapsed  DeadlineStatus = "lapsed"   // no longer applies: the stage ended or the case closed before it was met
)

// Values lists the deadline statuses.
func (DeadlineStatus) Values() []string {
	return docfmt.EnumStrings([]DeadlineStatus{StatusPending, StatusDueSoon, StatusOverdue, StatusExpired, StatusMet, StatusLate, StatusLapsed})
}

// Open reports whether the deadline still asks for something: pending, due
// soon, overdue or expired.
func (s DeadlineStatus) Open() bool {
	return s == StatusPending || s == StatusDueSoon || s == StatusOverdue || s == StatusExpired
}

// Deadline is one time limit, clock or pending task of a case, as it
// stands on a day.
type Deadline struct {
	// Case is the case id.
	Case string `json:"case"`
	// Kind of deadline.
	Kind DeadlineKind `json:"kind"`
	// Stage is the stage a limit belongs to.
	Stage string `json:"stage,omitempty"`
	// ID of the limit or clock; for a task to inform, "inform-" and the
	// party's id.
	ID string `json:"id"`
	// Name says what must be done.
	Name string `json:"name"`
	// Within and Unit are the time allowed.
	Within int              `json:"within,omitempty"`
	Unit   compact.TimeUnit `json:"unit,omitempty"`
	// From is what the time counts from (an anchor; "stage" for the
	// stage's start).
	From string `json:"from,omitempty"`
	// Start is the day the time counts from: the last day allowed is
	// counted from the day after it.
	Start compact.Date `json:"start"`
	// Due is the last day allowed; zero for a task with no time limit.
	Due compact.Date `json:"due,omitzero"`
	// Status on the day asked about.
	Status DeadlineStatus `json:"status"`
	// Settled is the day it was met, or lapsed.
	Settled compact.Date `json:"settled,omitzero"`
	// DaysLeft is the calendar days from the day asked about to Due:
	// negative when Due is past.
	DaysLeft int `json:"daysLeft"`
	// WorkingDaysLeft is, for a limit in working days, the working days
	// from the day asked about to Due: negative when Due is past.
	WorkingDaysLeft int `json:"workingDaysLeft,omitempty"`
	// Warning says why a clock needs attention now: its time is nearly up,
	// or up, while the case is still at an earlier stage.
	Warning string `json:"warning,omitempty"`
}

// addTime returns the last day of a limit of n units starting on d.
func addTime(c Calendar, d compact.Date, n int, u compact.TimeUnit) compact.Date {
	switch u {
	case compact.UnitWorkingDays:
		return AddWorkingDays(c, d, n)
	case compact.UnitDays:
		return d.AddDays(n)
	case compact.UnitWeeks:
		return d.AddDays(7 * n)
	case compact.UnitMonths:
		return d.AddMonths(n)
	case compact.UnitYears:
		return d.AddYears(n)
	}
	return d
}

// Deadlines returns every time limit of the stages the case reached, every
// clock of the procedure, and every task to inform, as they stand on asOf.
// Only events on or before asOf count, so asking about a past day shows
// the case as it was then. Limits come in the order of the stages visited,
// then the clocks, then the tasks.
func (c *Case) Deadlines(ctx context.Context, asOf compact.Date) []Deadline {
	then := c.AsOf(ctx, asOf)
	p := c.proc
	var out []Deadline
	for i := range then.st.Visits {
		v := &then.st.Visits[i]
		stage, _ := p.Stage(v.Stage)
		for _, l := range stage.Limits {
			if d, ok := p.limitDeadline(ctx, then, v, l, asOf); ok {
				out = append(out, d)
			}
		}
	}
	for _, k := range p.def.Clocks {
		if d, ok := p.clockDeadline(ctx, then, k, asOf); ok {
			out = append(out, d)
		}
	}
	st := &then.st
	for _, t := range st.Inform {
		if len(t.People) == 0 {
			continue
		}
		d := Deadline{Case: c.id, Kind: KindInform, Stage: st.Agreement.Stage, ID: "inform-" + t.Organisation,
			Name:  fmt.Sprintf("Tell the %s of %s (%s) of the agreement", p.roleTitle(t.Role), p.orgName(t.Organisation), orList(p.personNames(t.People))),
			From:  string(AgreementReached),
			Start: st.Agreement.Day, Status: StatusPending}
		if !t.Informed.IsZero() {
			d.Status, d.Settled = StatusMet, t.Informed
		} else if st.Phase == PhaseClosed {
			d.Status, d.Settled = StatusLapsed, st.ClosedOn
		}
		out = append(out, d)
	}
	return out
}

// Due returns the deadlines of [Case.Deadlines] that still ask for
// something on asOf: pending, due soon, overdue or expired.
func (c *Case) Due(ctx context.Context, asOf compact.Date) []Deadline {
	var out []Deadline
	for _, d := range c.Deadlines(ctx, asOf) {
		if d.Status.Open() {
			out = append(out, d)
		}
	}
	return out
}

// AsOf returns the case as it stood at the end of a day: rebuilt from its
// events on or before that day, with the warnings of those events. It is c
// itself when no event is later. The events were checked when the case
// loaded, so the area's guards are not evaluated again; when conditions of
// time limits are, under ctx.
func (c *Case) AsOf(ctx context.Context, day compact.Date) *Case {
	n := len(c.entries)
	for n > 0 && c.entries[n-1].Day().After(day) {
		n--
	}
	if n == len(c.entries) {
		return c
	}
	then := &Case{proc: c.proc, id: c.id, st: State{ID: c.id, Phase: PhaseNew}}
	for i := range n {
		e := c.entries[i].Event.clone()
		_ = then.step(ctx, &e, rebuild) // accepted on load, in this order; no guard runs
		then.entries = append(then.entries, c.entries[i])
	}
	then.warnings = nil
	for _, w := range c.warnings {
		if w.Index < n {
			then.warnings = append(then.warnings, w)
		}
	}
	return then
}

// caseDate returns a case date anchor's day.
func caseDate(st *State, word string) compact.Date {
	switch word {
	case AnchorDecision:
		if st.Decision != nil {
			return st.Decision.Date
		}
	case AnchorAware:
		return st.Aware
	case AnchorRaised:
		return st.Raised
	}
	return compact.Date{}
}

// firstOf returns the index of the first entry of type t in [from, to), or
// -1.
func (c *Case) firstOf(t EventType, from, to int) int {
	for i := max(from, 0); i < to && i < len(c.entries); i++ {
		if c.entries[i].Type == t {
			return i
		}
	}
	return -1
}

// start finds the day an anchor names within entries [from, to) of c:
// its day and the index of the entry that set it (-1 for a case date).
func (p *Procedure) start(c *Case, word string, from, to int) (compact.Date, int, bool) {
	st := &c.st
	switch p.anchor(word) {
	case anchorCaseDate:
		d := caseDate(st, word)
		return d, -1, !d.IsZero()
	case anchorEventType:
		if i := c.firstOf(EventType(word), from, to); i >= 0 {
			return c.entries[i].Day(), i, true
		}
	case anchorStage:
		if v := st.visit(word); v != nil {
			return v.Entered, v.first, true
		}
	}
	return compact.Date{}, -1, false
}

// until finds the day an until anchor was reached after entry after (and
// within [after+1, to)).
func (p *Procedure) until(c *Case, word string, after, to int) (compact.Date, bool) {
	switch p.anchor(word) {
	case anchorEventType:
		if i := c.firstOf(EventType(word), after+1, to); i >= 0 {
			return c.entries[i].Day(), true
		}
	case anchorStage:
		if v := c.st.visit(word); v != nil && v.first > after {
			return v.Entered, true
		}
	}
	return compact.Date{}, false
}

// limitDeadline computes a limit of a visit as of a day; false when its
// start has not happened.
func (p *Procedure) limitDeadline(ctx context.Context, c *Case, v *Visit, l compact.Limit, asOf compact.Date) (Deadline, bool) {
	if !p.applies(ctx, p.conds.limits[[2]string{v.Stage, l.ID}], c, asOf) {
		return Deadline{}, false
	}
	if !l.AppliesFrom.IsZero() && v.Entered.Before(l.AppliesFrom) {
		return Deadline{}, false // the stage began before the limit was in force
	}
	to := v.upto(len(c.entries))
	d := Deadline{Case: c.id, Kind: KindLimit, Stage: v.Stage, ID: l.ID, Name: l.Name, Within: l.Within, Unit: l.Unit, From: l.From}
	after := v.first - 1
	if l.From == "" {
		d.From, d.Start = "stage", v.Entered
	} else {
		start, i, ok := p.start(c, l.From, v.first, to)
		if !ok {
			return Deadline{}, false
		}
		d.Start, after = start, max(i, after)
	}
	d.Due = addTime(p.cal, d.Start, l.Within, l.Unit)
	var met compact.Date
	if l.Until == "" {
		met = v.Done
	} else if day, ok := p.until(c, l.Until, after, to); ok {
		met = day
	}
	switch {
	case !met.IsZero() && !met.After(d.Due):
		d.Status, d.Settled = StatusMet, met
	case !met.IsZero():
		d.Status, d.Settled = StatusLate, met
	case v.stop >= 0:
		d.Status, d.Settled = StatusLapsed, v.Ended
	case asOf.After(d.Due):
		d.Status = StatusOverdue
	default:
		d.Status = StatusPending
	}
	p.left(&d, asOf)
	return d, true
}

// clockDeadline computes a clock as of a day; false when its start has not
// happened.
func (p *Procedure) clockDeadline(ctx context.Context, c *Case, k compact.Clock, asOf compact.Date) (Deadline, bool) {
	if !p.applies(ctx, p.conds.clocks[k.ID], c, asOf) {
		return Deadline{}, false
	}
	st := &c.st
	start, i, ok := p.start(c, k.From, 0, len(c.entries))
	if !ok || (!k.AppliesFrom.IsZero() && start.Before(k.AppliesFrom)) {
		return Deadline{}, false
	}
	d := Deadline{Case: c.id, Kind: KindClock, ID: k.ID, Name: k.Name, Within: k.Within, Unit: k.Unit, From: k.From, Start: start}
	d.Due = addTime(p.cal, start, k.Within, k.Unit)
	met, stopped := p.until(c, k.Until, i, len(c.entries))
	switch {
	case k.Until != "" && stopped && !met.After(d.Due):
		d.Status, d.Settled = StatusMet, met
	case k.Until != "" && stopped:
		d.Status, d.Settled = StatusLate, met
	case st.Phase == PhaseClosed:
		d.Status, d.Settled = StatusLapsed, st.ClosedOn
	case asOf.After(d.Due):
		d.Status = StatusExpired
	case k.WarnDays > 0 && !asOf.Before(d.Due.AddDays(-k.WarnDays)):
		d.Status = StatusDueSoon
	default:
		d.Status = StatusPending
	}
	if (d.Status == StatusDueSoon || d.Status == StatusExpired) && st.Open() {
		verb := "ends"
		if d.Status == StatusExpired {
			verb = "ended"
		}
		d.Warning = fmt.Sprintf("this time %s on %s whatever the stage, and the case is still at %s", verb, d.Due, p.stageName(st.Stage))
	}
	p.left(&d, asOf)
	return d, true
}

// left fills in the days left to the due day.
func (p *Procedure) left(d *Deadline, asOf compact.Date) {
	d.DaysLeft = compact.DaysBetween(asOf, d.Due)
	if d.Unit == compact.UnitWorkingDays {
		d.WorkingDaysLeft = WorkingDaysBetween(p.cal, asOf, d.Due)
	}
}

// overran reports whether a time limit of a visit had run out by a day
// without being met in time.
func (p *Procedure) overran(ctx context.Context, c *Case, v *Visit, day compact.Date) bool {
	if v == nil {
		return false
	}
	stage, _ := p.Stage(v.Stage)
	for _, l := range stage.Limits {
		d, ok := p.limitDeadline(ctx, c, v, l, day)
		if !ok || !d.Due.Before(day) {
			continue
		}
		if d.Status == StatusOverdue || d.Status == StatusLate || (d.Status == StatusLapsed && d.Settled.After(d.Due)) {
			return true
		}
	}
	return false
}

// notDone says why a stage that another comes after is not done by a day,
// or "" when it is: it did its work, or overran a time limit, or is
// optional and was never reached. An informal stage is done once the case
// leaves it (the partners tried), and the admissibility stage once the
// case is admitted: admitting is passing it, so admitted says so.
func (p *Procedure) notDone(ctx context.Context, c *Case, id string, day compact.Date, admitting bool) string {
	st := &c.st
	stage, _ := p.Stage(id)
	v := st.visit(id)
	switch {
	case v == nil && stage.Optional:
		return ""
	case v == nil:
		return "the case has not been there"
	case !v.Done.IsZero(), v.Kind == compact.StageInformal, admitting && v == st.current(), p.overran(ctx, c, v, day):
		return ""
	}
	what := map[compact.StageKind]string{
		compact.StageAdmissibility: "it has not been admitted",
		compact.StageReview:        "no recommendation has been made there",
		compact.StageComplaint:     "no final response has been given there",
		compact.StageEscalation:    "no final response has been given there",
		compact.StageLegal:         "no final response has been given there",
		compact.StageAdvice:        "the advice has not come back",
	}[v.Kind]
	if len(stage.Limits) > 0 {
		return what + ", and none of its time limits has run out"
	}
	return what
}

// roleTitle returns a role's title ("Compact Champion"), or its id.
func (p *Procedure) roleTitle(id string) string {
	if r, ok := p.reg.Catalogue().Role(id); ok && r.Title != "" {
		return r.Title
	}
	return id
}

// DueOn returns the cases raised on or before a day, and what is due in
// them on that day ([Case.Due]), by due day (tasks without one last).
// Cases raised later are left out: on that day they did not exist.
func DueOn(ctx context.Context, cases []*Case, on compact.Date) (raised []*Case, due []Deadline) {
	for _, c := range cases {
		if st := &c.st; st.Phase == PhaseNew || st.Raised.After(on) {
			continue
		}
		raised = append(raised, c)
		due = append(due, c.Due(ctx, on)...)
	}
	slices.SortStableFunc(due, func(a, b Deadline) int { return dueOrder(a).Compare(dueOrder(b)) })
	return raised, due
}
