package dispute

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/rules"
)

// An area adds conditions, in CEL, where the procedure's data is not
// enough: guards on the events of a stage, and a when condition on a limit
// or a clock. They are compiled with package rules, with its date functions
// (daysBetween, addMonths, date('2026-04-01') ...), limits and cost checks.
// These are the values they read.

// CaseView is a case as conditions see it, in the variable case.
type CaseView struct {
	// ID of the case.
	ID string `json:"id"`
	// Title of the case.
	Title string `json:"title"`
	// Challenger is the organisation that challenges.
	Challenger compact.Organisation `json:"challenger"`
	// Respondent is the organisation challenged.
	Respondent compact.Organisation `json:"respondent"`
	// Decision is the date of the decision challenged (not set when none).
	Decision compact.Date `json:"decision"`
	// Aware is the day the challenger became aware of the matter.
	Aware compact.Date `json:"aware"`
	// Raised is the day the case was raised.
	Raised compact.Date `json:"raised"`
	// Phase the case is in: new, a stage kind, agreed or closed.
	Phase string `json:"phase"`
	// Stage is the id of the stage the case is at.
	Stage string `json:"stage"`
	// Visited lists the stages the case has been through, in order.
	Visited []string `json:"visited"`
	// Commitments the challenge cites.
	Commitments []string `json:"commitments"`
	// Reviewers at the stage, who have not stood down.
	Reviewers []Someone `json:"reviewers"`
	// Recommendations made so far.
	Recommendations int `json:"recommendations"`
	// Agreed: the parties reached an agreement.
	Agreed bool `json:"agreed"`
}

// EventView is the event being applied, in the variable event.
type EventView struct {
	// Type of event.
	Type string `json:"type"`
	// Day it happened, in England.
	Day compact.Date `json:"day"`
	// Stage the event moves the case to, or names.
	Stage string `json:"stage"`
	// To, Reference and Text as written.
	To        string `json:"to"`
	Reference string `json:"reference"`
	Text      string `json:"text"`
	// Outcome of a closed event.
	Outcome string `json:"outcome"`
	// Final marks a final response.
	Final bool `json:"final"`
	// People told (informed).
	People []string `json:"people"`
}

// Someone is a person (or an organisation acting on its own) as conditions
// see them: the actor, the person an event names, a reviewer.
type Someone struct {
	// ID of the person; empty for an organisation acting on its own.
	ID string `json:"id"`
	// Name of the person (or the organisation).
	Name string `json:"name"`
	// Position the person holds.
	Position string `json:"position"`
	// Organisation acted for, or worked for.
	Organisation compact.Organisation `json:"organisation"`
	// Roles held on the day of the event, by id.
	Roles []string `json:"roles"`
}

// The variables of guards, and of when conditions.
var (
	guardVars = []rules.Variable{
		{Name: "event", Type: reflect.TypeFor[EventView](), Doc: "the event being applied"},
		{Name: "actor", Type: reflect.TypeFor[Someone](), Doc: "who records it"},
		{Name: "person", Type: reflect.TypeFor[Someone](), Doc: "the person the event names (a reviewer), empty when none"},
		{Name: "case", Type: reflect.TypeFor[CaseView](), Doc: "the case, as it is before the event"},
	}
	whenVars = []rules.Variable{
		{Name: "case", Type: reflect.TypeFor[CaseView](), Doc: "the case"},
	}
)

// conditions are the area's conditions, compiled.
type conditions struct {
	guards map[string][]guard             // by stage id
	limits map[[2]string]*rules.Condition // by stage id and limit id
	clocks map[string]*rules.Condition    // by clock id
}

// guard is a stage's guard, compiled.
type guard struct {
	compact.Guard
	cond *rules.Condition
}

// procedureDoc returns the document that wrote the procedure (the area's
// compact, or the base compact it inherits the procedure from), or nil.
func (p *Procedure) procedureDoc() *compact.Document {
	docs := append(p.area.DocumentsOf(compact.KindCompact), p.area.Library.Documents(compact.KindCompact)...)
	at := p.def.Source
	var best *compact.Document
	for _, d := range docs {
		if d.File() == at.File && d.Pos.Line <= at.Line && (best == nil || d.Pos.Line > best.Pos.Line) {
			best = d
		}
	}
	return best
}

// compileConditions checks and compiles the guards and when conditions of
// the procedure. Problems are compact.Errors pointing into the compact.
func compileConditions(p *Procedure) (*conditions, error) {
	c := &conditions{guards: map[string][]guard{}, limits: map[[2]string]*rules.Condition{}, clocks: map[string]*rules.Condition{}}
	doc := p.procedureDoc()
	params := p.area.Compact.Parameters
	var errs compact.Errors
	compile := func(path, text string, at compact.Position, vars []rules.Variable) *rules.Condition {
		x := rules.Expr{Text: text, Pos: at}
		if doc != nil {
			x = rules.ExprAt(doc, path, text)
		}
		cond, err := rules.CompileCondition(doc, path, x, params, vars...)
		errs = append(errs, compact.AsErrors(err)...)
		return cond
	}
	for i, s := range p.def.Stages {
		base := fmt.Sprintf("disputeProcedure.stages[%d]", i)
		seen := map[string]bool{}
		for j, g := range s.Guards {
			path := fmt.Sprintf("%s.guards[%d]", base, j)
			field := fmt.Sprintf("guards[%d]", j)
			switch {
			case !docfmt.ValidID(g.ID):
				errs = append(errs, p.area.Errorf(s.Source, field+".id", compact.ErrValue, "%q is not a valid guard id", g.ID))
			case seen[g.ID]:
				errs = append(errs, p.area.Errorf(s.Source, field+".id", compact.ErrDuplicate, "guard id %q is used twice in the stage", g.ID))
			}
			seen[g.ID] = true
			for k, t := range g.On {
				if !EventType(t).Valid() {
					msg := fmt.Sprintf("%q is not an event type", t)
					if near := docfmt.Closest(t, docfmt.EnumStrings(eventTypes)); near != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", near)
					}
					errs = append(errs, p.area.Errorf(s.Source, fmt.Sprintf("%s.on[%d]", field, k), compact.ErrReference, "%s", msg))
				}
			}
			if cond := compile(path+".check", g.Check, s.Source, guardVars); cond != nil {
				c.guards[s.ID] = append(c.guards[s.ID], guard{Guard: g, cond: cond})
			}
		}
		for j, l := range s.Limits {
			if l.When != "" {
				c.limits[[2]string{s.ID, l.ID}] = compile(fmt.Sprintf("%s.limits[%d].when", base, j), l.When, s.Source, whenVars)
			}
		}
	}
	for j, k := range p.def.Clocks {
		if k.When != "" {
			c.clocks[k.ID] = compile(fmt.Sprintf("disputeProcedure.clocks[%d].when", j), k.When, p.def.Source, whenVars)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return c, nil
}

// someone describes a person (or an organisation, for an empty person) for
// conditions, with the roles held on a day.
func (p *Procedure) someone(person, org string, day compact.Date) Someone {
	var out Someone
	if x, ok := p.area.Person(person); ok {
		out.ID, out.Name, out.Position = x.ID, x.Name, x.Position
		if org == "" {
			org = x.Organisation
		}
		for _, a := range p.reg.RolesOf(person, day) {
			if !slices.Contains(out.Roles, a.Role) {
				out.Roles = append(out.Roles, a.Role)
			}
		}
	}
	if o, ok := p.area.Organisation(org); ok {
		out.Organisation = *o
		if out.Name == "" {
			out.Name = o.Name
		}
	}
	return out
}

// view is the case as conditions see it.
func (p *Procedure) view(c *Case, day compact.Date) CaseView {
	st := &c.st
	v := CaseView{ID: c.id, Title: st.Title, Aware: st.Aware, Raised: st.Raised, Phase: string(st.Phase), Stage: st.Stage,
		Commitments: slices.Clone(st.Commitments), Recommendations: len(st.Recommendations), Agreed: st.Agreement != nil}
	if o, ok := p.area.Organisation(st.Challenger); ok {
		v.Challenger = *o
	}
	if o, ok := p.area.Organisation(st.Respondent); ok {
		v.Respondent = *o
	}
	if st.Decision != nil {
		v.Decision = st.Decision.Date
	}
	for _, x := range st.Visits {
		v.Visited = append(v.Visited, x.Stage)
	}
	for _, r := range st.activeReviewers(st.Stage) {
		v.Reviewers = append(v.Reviewers, p.someone(r.Person, "", day))
	}
	return v
}

// conditions checks the area's guards of the stage the case is at and of
// the stage the event moves it to.
func (s *stepper) conditions() *Refusal {
	if s.rebuild {
		return nil // rebuilding a case already loaded (Case.AsOf)
	}
	p := s.c.proc
	e := s.e
	var stages []string
	switch {
	case e.Type == Raised:
		stages = []string{p.firstStage().ID}
	case s.to != nil:
		stages = []string{s.c.st.Stage, s.to.ID}
	default:
		stages = []string{s.c.st.Stage}
	}
	var vars map[string]any
	for _, id := range stages {
		for _, g := range p.conds.guards[id] {
			if len(g.On) > 0 && !slices.Contains(g.On, string(e.Type)) {
				continue
			}
			if err := s.ctx.Err(); err != nil {
				s.err = err
				return nil
			}
			if vars == nil {
				vars = s.conditionVars()
			}
			ok, err := g.cond.Eval(s.ctx, vars)
			switch {
			case err != nil && s.ctx.Err() != nil:
				s.err = s.ctx.Err()
				return nil
			case err != nil:
				return s.refuse(ErrGuard, "", "the area's guard %s of %s cannot be checked (%v), so the event is refused until it can",
					g.ID, p.stageName(id), err)
			case !ok:
				return s.refuse(ErrGuard, "", "%s (guard %s of %s)", g.Message, g.ID, p.stageName(id))
			}
		}
	}
	return nil
}

// conditionVars are the values of a guard's variables for the event.
func (s *stepper) conditionVars() map[string]any {
	p := s.c.proc
	e := s.e
	stage := e.Stage
	if s.to != nil {
		stage = s.to.ID
	}
	cv := p.view(s.c, s.day)
	if e.Type == Raised {
		if o, ok := p.area.Organisation(e.Challenger); ok {
			cv.Challenger = *o
		}
		if o, ok := p.area.Organisation(e.Respondent); ok {
			cv.Respondent = *o
		}
		cv.Title, cv.Raised, cv.Commitments = e.Title, s.day, slices.Clone(e.Commitments)
		if e.Decision != nil {
			cv.Decision = e.Decision.Date
		}
	}
	actor := p.someone(e.Actor.Person, s.act.org, s.day)
	actor.Roles = nil
	for _, h := range s.act.holds {
		if !slices.Contains(actor.Roles, h.Role) {
			actor.Roles = append(actor.Roles, h.Role)
		}
	}
	var named Someone
	if e.Person != "" {
		named = p.someone(e.Person, "", s.day)
	}
	return map[string]any{
		"event": &EventView{Type: string(e.Type), Day: s.day, Stage: stage, To: e.To, Reference: e.Reference, Text: e.Text,
			Outcome: string(e.Outcome), Final: e.Final, People: slices.Clone(e.People)},
		"actor":  &actor,
		"person": &named,
		"case":   &cv,
	}
}

// applies reports whether a limit or clock with a when condition applies
// to a case. A condition that cannot be evaluated applies: a deadline is
// never hidden by a mistake.
func (p *Procedure) applies(ctx context.Context, cond *rules.Condition, c *Case, day compact.Date) bool {
	if cond == nil {
		return true
	}
	v := p.view(c, day)
	ok, err := cond.Eval(ctx, map[string]any{"case": &v})
	return err != nil || ok
}
