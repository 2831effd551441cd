package rules

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"

	"cel.dev/cel-go/common/types"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// PlanStep is a date a record not yet made must keep to meet a rule's
// commitment ("give notice in writing by"), declared in the rule's plan
// beside its checks, so that the dates of a plan come from the rules and
// not from a second copy of them:
//
//	plan:
//	  noticeBy:
//	    title: Give notice in writing of the {fundingNoticeMonths} the compact asks for
//	    date: addMonths(funding.effective, -params.fundingNoticeMonths)
//	    field: noticeGiven
//
// The date is a CEL expression giving a date, compiled and type-checked
// with the rule, with the rule's variables (the draft record as funding or
// consultation, params, asOf); see [Engine.Plan].
type PlanStep struct {
	// Title says what to do, as an instruction; {NAME} placeholders read the
	// parameter in force with its unit ("Give {fundingNoticeMonths}' notice").
	Title string `json:"title"`
	// Date is the CEL expression giving the step's date.
	Date Expr `json:"date"`
	// When is an optional CEL condition (true or false): the step applies
	// to a draft only when it holds. Without it the step applies when the
	// rule's when holds; give one when the rule's when says whether a check
	// is due yet (a summary of responses due by the as-of date) rather than
	// whether the commitment applies.
	When Expr `json:"when,omitzero"`
	// Commitment is the id of the compact commitment the step keeps; the
	// rule's first enforced commitment when not given. A step citing a
	// commitment the rule does not enforce is left out of the plans of an
	// area whose compact does not have it.
	Commitment string `json:"commitment,omitempty"`
	// Field is the record's date field the step dates (noticeGiven,
	// facts.meetingOffered), if any: a draft that gives the field is
	// compared with the step's date, and one that does not is taken, when
	// the pack is evaluated on the draft as planned, to keep the date.
	Field string `json:"field,omitempty"`
	// Bound says whether the date is the latest the step may be done on
	// (by, the default) or the earliest (from: a consultation's earliest
	// closing date).
	Bound StepBound `json:"bound,omitempty"`
	// Days says how the step's date is counted: calendar days (the default:
	// days, weeks, months) or working days (Monday to Friday less the bank
	// holidays of England and Wales, with addWorkingDays). The compiler
	// checks the expression counts as declared.
	Days DayCount `json:"days,omitempty"`

	// Source is where the step was written.
	Source compact.Position `json:"-"`
}

// StepBound says whether a plan step's date is a latest or an earliest date.
type StepBound string

// The bounds of a plan step.
const (
	// By: the step must be done on or before the date.
	By StepBound = "by"
	// From: the step may be done on the date at the earliest.
	From StepBound = "from"
)

var stepBounds = []StepBound{By, From}

// Values lists the bounds.
func (StepBound) Values() []string { return docfmt.EnumStrings(stepBounds) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (b *StepBound) UnmarshalScalar(s docfmt.Scalar) (err error) {
	*b, err = docfmt.ParseEnum(s, stepBounds, "plan step bound")
	return
}

// DayCount says how a plan step counts days.
type DayCount string

// The ways a plan step counts days.
const (
	// CalendarDays: days, weeks and months of the calendar.
	CalendarDays DayCount = "calendar"
	// WorkingDays: Monday to Friday less the bank holidays of England and Wales.
	WorkingDays DayCount = "working"
)

var dayCounts = []DayCount{CalendarDays, WorkingDays}

// Values lists the ways of counting days.
func (DayCount) Values() []string { return docfmt.EnumStrings(dayCounts) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (d *DayCount) UnmarshalScalar(s docfmt.Scalar) (err error) {
	*d, err = docfmt.ParseEnum(s, dayCounts, "day count")
	return
}

// MaxPlanSteps is the most plan steps one rule may declare. A commitment
// has a handful of dates (assess, invite, consider, decide, give notice);
// more in one rule means the rule should be split.
const MaxPlanSteps = 16

// planKinds are the subject kinds a plan can be made for: records, which a
// draft can be.
var planKinds = []SubjectKind{OnConsultation, OnFunding, OnMeeting, OnNomination, OnSignature, OnReport}

// StepNames returns the names of the rule's plan steps in the order they
// were written.
func (r *Rule) StepNames() []string {
	names := slices.Sorted(maps.Keys(r.Plan))
	sort.SliceStable(names, func(i, j int) bool {
		a, b := r.Plan[names[i]].Date.Pos, r.Plan[names[j]].Date.Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return names
}

// checkPlan checks the plan steps of a rule, as far as the document alone
// allows; expressions and facts are checked when the pack is compiled.
func (c *packCheck) checkPlan(path string, r *Rule) {
	if len(r.Plan) == 0 {
		return
	}
	if !slices.Contains(planKinds, r.On) {
		c.errf(path+".plan", compact.ErrValue, "rule %q is on %s; plans are made for records (consultation, funding, meeting, nomination, signature, report)", r.ID, r.On)
		return
	}
	if len(r.Plan) > MaxPlanSteps {
		c.errf(path+".plan", compact.ErrLimit, "rule %q declares %d plan steps; the limit is %d: split the rule", r.ID, len(r.Plan), MaxPlanSteps)
	}
	for _, name := range slices.Sorted(maps.Keys(r.Plan)) {
		s := r.Plan[name]
		at := path + ".plan." + name
		if !identPattern.MatchString(name) || len(name) > docfmt.MaxIDLength {
			c.errf(at, compact.ErrValue, "%q is not a valid name for a plan step: use letters, digits and _", name)
		}
		if strings.TrimSpace(s.Title) == "" {
			c.errf(at+".title", compact.ErrMissing, "say what plan step %s asks for, as an instruction (\"Give notice in writing\")", name)
		}
		if strings.TrimSpace(s.Date.Text) == "" {
			c.errf(at+".date", compact.ErrMissing, "plan step %s needs a date: a CEL expression giving a date", name)
		}
		if s.Commitment != "" && !docfmt.ValidID(s.Commitment) {
			c.errf(at+".commitment", compact.ErrValue, "%q is not a valid commitment id", s.Commitment)
		}
		if s.Field != "" {
			if msg := checkStepField(r.On, s.Field); msg != "" {
				c.errf(at+".field", compact.ErrUnknownField, "%s", msg)
			}
		}
	}
}

// checkStepField says what is wrong with a plan step's field, or "". A
// fact's name is checked against the compact's declarations at compile time.
func checkStepField(kind SubjectKind, field string) string {
	if name, ok := strings.CutPrefix(field, "facts."); ok {
		if !docfmt.ValidParameterName(name) {
			return fmt.Sprintf("%q is not a valid fact name", name)
		}
		return ""
	}
	names := dateFieldNames(recordTypes[kind])
	if slices.Contains(names, field) {
		return ""
	}
	msg := fmt.Sprintf("%s records have no date field %q", kind, field)
	if near := docfmt.Closest(field, names); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return msg + "; their date fields are " + strings.Join(names, ", ") + " (and facts.NAME for a declared fact)"
}

// recordTypes are the Go types of the records of the record subject kinds.
var recordTypes = map[SubjectKind]reflect.Type{
	OnConsultation: reflect.TypeFor[compact.Consultation](), OnFunding: reflect.TypeFor[compact.FundingDecision](),
	OnMeeting: reflect.TypeFor[compact.Meeting](), OnNomination: reflect.TypeFor[compact.Nomination](),
	OnSignature: reflect.TypeFor[compact.Signature](), OnReport: reflect.TypeFor[compact.Report](),
}

var dateType = reflect.TypeFor[compact.Date]()

// dateFieldNames lists the document names of a record type's date fields.
func dateFieldNames(t reflect.Type) []string {
	var out []string
	if t == nil {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if name := docfmt.FieldName(f); f.Type == dateType && name != "" {
			out = append(out, name)
		}
	}
	return out
}

// recordDate returns the date a record (a pointer to a record struct)
// gives for a plan step's field (noticeGiven, facts.meetingOffered), and
// whether it gives one.
func recordDate(rec any, field string) (compact.Date, bool) {
	v := reflect.ValueOf(rec)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return compact.Date{}, false
	}
	s := v.Elem()
	if name, ok := strings.CutPrefix(field, "facts."); ok {
		facts, _ := s.FieldByName("Facts").Interface().(compact.Facts)
		d, ok := facts[name].Value().(compact.Date)
		return d, ok && !d.IsZero()
	}
	for i := range s.NumField() {
		f := s.Type().Field(i)
		if f.Type == dateType && docfmt.FieldName(f) == field {
			d := s.Field(i).Interface().(compact.Date)
			return d, !d.IsZero()
		}
	}
	return compact.Date{}, false
}

// setRecordDate sets a record's date field (a fact for facts.NAME).
func setRecordDate(rec any, field string, d compact.Date) {
	s := reflect.ValueOf(rec).Elem()
	if name, ok := strings.CutPrefix(field, "facts."); ok {
		fv := s.FieldByName("Facts")
		facts := maps.Clone(fv.Interface().(compact.Facts))
		if facts == nil {
			facts = compact.Facts{}
		}
		facts[name] = compact.NewFact(d)
		fv.Set(reflect.ValueOf(facts))
		return
	}
	for i := range s.NumField() {
		f := s.Type().Field(i)
		if f.Type == dateType && docfmt.FieldName(f) == field {
			s.Field(i).Set(reflect.ValueOf(d))
			return
		}
	}
}

// compiledStep is one plan step, compiled.
type compiledStep struct {
	name string
	step PlanStep
	prg  *program
	when *program // nil: the rule's when decides
	uses []string
}

// compilePlan compiles a rule's plan steps: each must give a date, count
// days as it says, and date a fact the compact declares as a date.
func (e *Engine) compilePlan(r *PackRule) ([]compiledStep, compact.Errors) {
	var out []compiledStep
	var errs compact.Errors
	for _, name := range r.StepNames() {
		s := r.Plan[name]
		field := "plan." + name + ".date"
		p, uses, err := e.env.compile(r, field, s.Date, DateType)
		errs = append(errs, err...)
		var when *program
		if !s.When.IsZero() {
			w, wuses, werr := e.env.compile(r, "plan."+name+".when", s.When, types.BoolType)
			errs = append(errs, werr...)
			uses = append(uses, wuses...)
			when = w
		}
		site := exprSite{doc: r.doc, path: r.path}
		working := strings.Contains(s.Date.Text, "WorkingDays(")
		switch {
		case err != nil:
		case s.Days == WorkingDays && !working:
			errs = append(errs, site.errorf(field, s.Date, 0, 0, ErrCompile, "plan step %s counts working days (days: working), but its date counts none: use addWorkingDays", name))
		case s.Days != WorkingDays && working:
			errs = append(errs, site.errorf(field, s.Date, 0, 0, ErrCompile, "plan step %s counts working days; say so with days: working", name))
		}
		if fact, ok := strings.CutPrefix(s.Field, "facts."); ok {
			d, declared := e.pack.facts.Of(string(r.On))[fact]
			switch {
			case !declared:
				errs = append(errs, site.errorf("plan."+name+".field", s.Date, 0, 0, compact.ErrReference, "plan step %s dates fact %s, which the compact does not declare for %s records", name, fact, r.On))
			case d.Type != compact.FactDate:
				errs = append(errs, site.errorf("plan."+name+".field", s.Date, 0, 0, compact.ErrType, "plan step %s dates fact %s, which is %s, not a date", name, fact, d.Type))
			}
		}
		if p != nil {
			slices.Sort(uses)
			out = append(out, compiledStep{name: name, step: s, prg: p, when: when, uses: slices.Compact(uses)})
		}
	}
	return out, errs
}

// StepParameter is a parameter a plan step's date reads: its value in
// force and the layer that set it.
type StepParameter struct {
	// Name of the parameter.
	Name string `json:"name"`
	// Value in force.
	Value compact.Value `json:"value"`
	// Unit of the value, if any ("months").
	Unit string `json:"unit,omitempty"`
	// Words is the value with its unit, as texts read it ("6 months").
	Words string `json:"words"`
	// SetBy is the layer in force: which layer (default, override, compact
	// ...), which document, and where.
	SetBy Origin `json:"setBy"`
}

// PlannedStep is a plan step worked out for one draft record.
type PlannedStep struct {
	// Step is the step's name (noticeBy).
	Step string `json:"step"`
	// Rule is the id of the rule that declares it, and Pack the pack that
	// wrote the rule.
	Rule string `json:"rule"`
	Pack string `json:"pack"`
	// Title says what to do, with the parameters in force in it.
	Title string `json:"title"`
	// Commitment is the id of the commitment the step keeps.
	Commitment string `json:"commitment"`
	// Field is the record's date field the step dates, if any.
	Field string `json:"field,omitempty"`
	// Bound: by (the latest date) or from (the earliest).
	Bound StepBound `json:"bound"`
	// Days: how the date is counted, calendar or working days.
	Days DayCount `json:"days"`
	// Date is the step's date; zero when it could not be worked out.
	Date compact.Date `json:"date,omitzero"`
	// Planned is the date the draft gives for Field, if any.
	Planned compact.Date `json:"planned,omitzero"`
	// Missed is true when the planned date does not keep the step's date
	// (after a by date, before a from date).
	Missed bool `json:"missed,omitempty"`
	// Parameters the date reads, with the values in force and their layers.
	Parameters []StepParameter `json:"parameters,omitempty"`
	// Error says why the date could not be worked out (the draft lacks a
	// date it needs); empty otherwise.
	Error string `json:"error,omitempty"`
	// Source is where the step was declared.
	Source compact.Position `json:"source"`

	index int // the rule's position in the pack, for ordering
}

// Planned is the plan for one draft record: its dated steps, and the
// findings the pack gives on the draft as planned.
type Planned struct {
	// Steps in date order (undated ones last), then in pack order.
	Steps []PlannedStep `json:"steps"`
	// Findings are the failures (and errors) of the rules on the draft as
	// planned: the draft with each step's field it leaves empty dated as the
	// step asks (the latest by date, the earliest from date).
	Findings Findings `json:"findings"`
}

// Plan works out the plan for a draft record — a record not yet made, such
// as a funding reduction with its intended effective date, or a
// consultation with its intended opening — against the rules in force: the
// date of every plan step of every rule that applies to the draft (whose
// when holds), each citing its commitment and the parameters in force with
// the layers that set them; and the findings the rules would give on the
// draft as planned. The draft is a *compact.Consultation,
// *compact.FundingDecision or another record, as [Engine.Evaluate] takes;
// it is not changed. [AsOf] is required, as for Evaluate.
func (e *Engine) Plan(ctx context.Context, draft any, opts ...EvalOption) (*Planned, error) {
	c := new(evalConfig)
	if err := config(c, opts); err != nil {
		return nil, err
	}
	r := &run{asOf: c.asOf, period: c.period, params: e.params, epochs: e.epochs, compact: e.world.compactVar}
	steps, err := e.planSteps(ctx, e.world, r, draft)
	if err != nil {
		return nil, err
	}
	asPlanned := asPlanned(draft, steps)
	found, err := e.Evaluate(ctx, asPlanned, opts...)
	if err != nil {
		return nil, err
	}
	out := &Planned{Steps: steps, Findings: Findings{}}
	for _, f := range found {
		if f.Outcome == Fail || f.Outcome == Errored {
			out.Findings = append(out.Findings, f)
		}
	}
	return out, nil
}

// asPlanned returns a copy of the draft with each step's field it leaves
// empty dated as the step asks: the earliest of the by dates for the field,
// or the latest of the from dates.
func asPlanned(draft any, steps []PlannedStep) any {
	v := reflect.ValueOf(draft)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return draft
	}
	cp := reflect.New(v.Elem().Type())
	cp.Elem().Set(v.Elem())
	out := cp.Interface()
	fill := map[string]compact.Date{}
	for _, s := range steps {
		if s.Field == "" || s.Date.IsZero() || !s.Planned.IsZero() {
			continue
		}
		d, ok := fill[s.Field]
		if !ok || (s.Bound == From && s.Date.After(d)) || (s.Bound != From && s.Date.Before(d)) {
			fill[s.Field] = s.Date
		}
	}
	for _, field := range slices.Sorted(maps.Keys(fill)) {
		setRecordDate(out, field, fill[field])
	}
	return out
}

// planSteps works out the plan steps of the rules that apply to a record.
func (e *Engine) planSteps(ctx context.Context, w *world, r *run, rec any) ([]PlannedStep, error) {
	var s subject
	sub, err := w.subjectOf(&s, rec, r, e.adapt)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(planKinds, sub.kind) {
		return nil, fmt.Errorf("%w: a plan is made for a record (a consultation, a funding decision ...), not %T", ErrSubject, rec)
	}
	var out []PlannedStep
	for _, cr := range e.byKind[sub.ki] {
		if len(cr.plan) == 0 {
			continue
		}
		ruleApplies := applies(ctx, cr.when, sub)
		for _, cs := range cr.plan {
			ok := ruleApplies
			if cs.when != nil {
				ok = applies(ctx, cs.when, sub)
			}
			if !ok || citesOutside(cr.rule, cs.step, w.compact) {
				continue
			}
			out = append(out, e.planStep(ctx, cr, cs, sub, r.params))
		}
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Date.IsZero() != b.Date.IsZero() {
			return b.Date.IsZero()
		}
		if a.Date != b.Date {
			return a.Date.Before(b.Date)
		}
		return a.index < b.index
	})
	return out, nil
}

// applies reports whether a condition holds on a subject; a missing
// condition holds, and so does one that cannot be evaluated on the draft
// (its step then says why its date cannot be worked out).
func applies(ctx context.Context, when *program, s *subject) bool {
	if when == nil {
		return true
	}
	v, _, err := when.eval(ctx, s)
	b, ok := v.(types.Bool)
	return err != nil || !ok || bool(b)
}

// planStep works out one step for a subject.
func (e *Engine) planStep(ctx context.Context, cr *compiled, cs compiledStep, s *subject, p *params) PlannedStep {
	r := cr.rule
	ps := PlannedStep{Step: cs.name, Rule: r.ID, Pack: r.Pack, Title: p.render(cs.step.Title), Commitment: cs.step.Commitment,
		Field: cs.step.Field, Bound: cs.step.Bound, Days: cs.step.Days, Source: cs.step.Date.Pos, index: cr.index}
	if ps.Commitment == "" && len(r.Enforces) > 0 {
		ps.Commitment = r.Enforces[0]
	}
	if ps.Bound == "" {
		ps.Bound = By
	}
	if ps.Days == "" {
		ps.Days = CalendarDays
	}
	ps.Parameters = e.stepParameters(cs.uses, p)
	if ps.Field != "" {
		ps.Planned, _ = recordDate(s.vars[0], ps.Field)
	}
	v, _, err := cs.prg.eval(ctx, s)
	if err != nil {
		ps.Error = errorText(err, cs.prg)
		return ps
	}
	d, ok := v.(dateVal)
	if !ok || !d.given() {
		ps.Error = fmt.Sprintf("gave %v, not a date", v)
		return ps
	}
	ps.Date = *d.p
	if !ps.Planned.IsZero() {
		ps.Missed = (ps.Bound == By && ps.Planned.After(ps.Date)) || (ps.Bound == From && ps.Planned.Before(ps.Date))
	}
	return ps
}

// stepParameters cites the parameters a step reads: the values in force
// and the layers that set them.
func (e *Engine) stepParameters(names []string, p *params) []StepParameter {
	var out []StepParameter
	for _, name := range names {
		sp := StepParameter{Name: name}
		if q, ok := p.quantity(name); ok {
			sp.Value, sp.Unit, sp.Words = q.Value, q.Unit, q.String()
		}
		if set, ok := e.pack.Parameter(name); ok && len(set.Origins) > 0 {
			sp.SetBy = set.Origins[len(set.Origins)-1]
			if sp.Value.Type() != set.Value.Type() || sp.Value.String() != set.Value.String() {
				sp.SetBy = Origin{Layer: LayerTest, By: e.pack.ID} // a pack test's own value
			}
		}
		out = append(out, sp)
	}
	return out
}

// citesOutside reports whether a plan step cites a commitment that is not
// one the rule enforces and that the compact does not have (a compact that
// leaves out the equality impact commitment): such a step is left out of
// the area's plans, as the commitment is.
func citesOutside(r *PackRule, s PlanStep, c *compact.Resolved) bool {
	if s.Commitment == "" || slices.Contains(r.Enforces, s.Commitment) || c == nil {
		return false
	}
	_, ok := c.Commitment(s.Commitment)
	return !ok
}

// PlanExpectation is a plan date a pack test expects for one of its
// records, taken as a draft.
type PlanExpectation struct {
	// Subject is the id of the record.
	Subject string `json:"subject"`
	// Step is the name of the plan step (noticeBy).
	Step string `json:"step"`
	// Date expected.
	Date compact.Date `json:"date"`

	// Source is where the expectation was written.
	Source compact.Position `json:"-"`
}

// fixtureRecord returns the fixture's record with the id, as a draft.
func fixtureRecord(f *Fixture, id string) (any, bool) {
	for _, rec := range []any{
		withID(f.Funding, id, func(x *compact.FundingDecision) string { return x.ID }),
		withID(f.Consultations, id, func(x *compact.Consultation) string { return x.ID }),
		withID(f.Meetings, id, func(x *compact.Meeting) string { return x.ID }),
		withID(f.Nominations, id, func(x *compact.Nomination) string { return x.ID }),
		withID(f.Reports, id, func(x *compact.Report) string { return x.ID }),
	} {
		if rec != nil {
			return rec, true
		}
	}
	return nil, false
}

// withID returns the first record of list whose id (as idOf reads it) is
// id, as a pointer into list; nil when there is none.
func withID[T any](list []T, id string, idOf func(*T) string) any {
	for i := range list {
		if idOf(&list[i]) == id {
			return &list[i]
		}
	}
	return nil
}

// stepNames lists the names of the plan steps of the rules in force.
func (e *Engine) stepNames() []string {
	var out []string
	for _, c := range e.rules {
		for _, s := range c.plan {
			out = append(out, s.name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkPlanExpectations reports expectations that name a step no rule in
// force declares, or a record the test does not give.
func (e *Engine) checkPlanExpectations(t *Test, path string) compact.Errors {
	var errs compact.Errors
	names := e.stepNames()
	for j, x := range t.ExpectPlan {
		at := fmt.Sprintf("%s.expectPlan[%d]", path, j)
		if !slices.Contains(names, x.Step) {
			msg := fmt.Sprintf("no rule in force declares plan step %q", x.Step)
			if near := docfmt.Closest(x.Step, names); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			errs = append(errs, e.pack.doc.Errorf(at+".step", compact.ErrReference, "%s", msg))
		}
		if _, ok := fixtureRecord(&t.Given, x.Subject); !ok {
			errs = append(errs, e.pack.doc.Errorf(at+".subject", compact.ErrReference, "the test gives no record %q", x.Subject))
		}
	}
	return errs
}

// judgePlan compares the plan dates of a test's records with those expected.
func (e *Engine) judgePlan(ctx context.Context, w *world, r *run, t *Test, res *TestResult) error {
	plans := map[string][]PlannedStep{}
	for _, x := range t.ExpectPlan {
		steps, ok := plans[x.Subject]
		if !ok {
			rec, _ := fixtureRecord(&t.Given, x.Subject)
			var err error
			if steps, err = e.planSteps(ctx, w, r, rec); err != nil {
				return err
			}
			plans[x.Subject] = steps
		}
		fail := TestFailure{Subject: x.Subject, Source: x.Source}
		i := slices.IndexFunc(steps, func(s PlannedStep) bool { return s.Step == x.Step })
		switch {
		case i < 0:
			fail.Message = fmt.Sprintf("plan step %s does not apply to %s (its rule's when does not hold, or the compact does not have the commitment it cites)", x.Step, x.Subject)
		case steps[i].Error != "":
			fail.Rule, fail.Message = steps[i].Rule, fmt.Sprintf("plan step %s: %s", x.Step, steps[i].Error)
		case steps[i].Date != x.Date:
			fail.Rule, fail.Message = steps[i].Rule, fmt.Sprintf("plan step %s: expected %s, got %s", x.Step, x.Date, steps[i].Date)
		default:
			continue
		}
		res.Passed = false
		res.Failures = append(res.Failures, fail)
	}
	return nil
}
