package plan

import (
	"context"
	"fmt"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// Plan is the plan for one draft: the dated checklist of the steps the
// compact asks for, each citing its commitment and the parameters in force
// with the layers that set them, and the findings the rules would give on
// the draft as planned.
type Plan struct {
	// Area is the name of the area planned in.
	Area string `json:"area"`
	// Compact is the id of the area's compact, if it has one.
	Compact string `json:"compact,omitempty"`
	// Pack is the id of the rule pack whose plan steps were worked out.
	Pack string `json:"pack"`
	// Draft is the id of the draft, and Title its title.
	Draft string `json:"draft"`
	Title string `json:"title,omitempty"`
	// Kind of record planned: funding or consultation.
	Kind rules.SubjectKind `json:"kind"`
	// Summary says what the draft is, in words ("reduction of funding to
	// Dover Community Hub by Dover District Council, effective 2025-10-01").
	Summary string `json:"summary"`
	// AsOf is the date the plan was made as of; calendar files stamp their
	// events with it, not with the clock.
	AsOf compact.Date `json:"asOf"`
	// Steps are the dated steps, earliest first (steps without a date,
	// whose draft lacks a date they need, last).
	Steps []rules.PlannedStep `json:"steps"`
	// Findings are what would fail if the draft went ahead as planned.
	Findings rules.Findings `json:"findings"`
	// Source is where the draft was read from.
	Source compact.Position `json:"source"`
}

// ErrNoAsOf: Make was given no as-of date.
var ErrNoAsOf = fmt.Errorf("%w: plan: give the date the plan is made as of; the library never reads the clock", rules.ErrNoAsOf)

// Make makes the plan for a draft with an area's rule engine (compiled with
// rules.Compile for the area the draft is planned in), as of a date: the
// date a calendar's events are stamped with, and the date rules that look
// at "as of" (a summary of responses due by now) evaluate with.
func Make(ctx context.Context, engine *rules.Engine, draft *Draft, asOf compact.Date) (*Plan, error) {
	if asOf.IsZero() {
		return nil, ErrNoAsOf
	}
	planned, err := engine.Plan(ctx, draft.Record(), rules.AsOf(asOf))
	if err != nil {
		return nil, err
	}
	a := engine.Area()
	p := &Plan{Area: a.Name, Pack: engine.Pack().ID, Draft: draft.ID, Title: draft.Title, Kind: draft.kindOf(),
		Summary: summary(a, draft), AsOf: asOf, Steps: planned.Steps, Findings: planned.Findings, Source: draft.Source}
	if a.Compact != nil {
		p.Compact = a.Compact.ID
	}
	if p.Steps == nil {
		p.Steps = []rules.PlannedStep{}
	}
	return p, nil
}

// summary says what a draft is, with the names of the organisations.
func summary(a *compact.Area, d *Draft) string {
	name := func(id string) string {
		if o, ok := a.Organisation(id); ok && o.Name != "" {
			return o.Name
		}
		return id
	}
	if f := d.Funding; f != nil {
		s := string(f.Kind) + " of funding to " + name(f.Recipient) + " by " + name(f.Funder)
		if !f.Decided.IsZero() {
			s += ", to be decided on " + f.Decided.String()
		}
		if !f.Effective.IsZero() {
			s += ", effective " + f.Effective.String()
		}
		return s
	}
	c := d.Consultation
	s := "consultation"
	if c.Formal {
		s = "formal written consultation"
	}
	if c.Title != "" {
		s += " " + `"` + c.Title + `"`
	}
	s += " by " + name(c.Owner) + ", opening " + c.Opens.String()
	if !c.Closes.IsZero() {
		s += ", closing " + c.Closes.String()
	}
	return s
}
