package reporting

import (
	"context"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/rules"
)

// RuleFindings is a [FindingSource] that checks the area a compiled rule
// engine is bound to (see package rules): for each period the report asks
// about, it runs [rules.Engine.Check] with that period and as-of date, and
// reads each finding's rule title from the engine's pack. The report also
// takes the parameters in force (notice months, consultation weeks) from
// that pack. Compile the engine once with rules.Compile(area) and give it
// to [WithFindings]:
//
//	e, err := rules.Compile(area)
//	...
//	r, err := reporting.Build(ctx, area, period, reporting.WithFindings(reporting.RuleFindings(e)))
//
// The source also renders the report's texts (commitments quoted by the
// compliance section) with the engine's parameters in force, so a
// commitment that names {fundingNoticeMonths} reads the area's number; see
// [Renderer].
func RuleFindings(e *rules.Engine) FindingSource { return ruleFindings{e} }

type ruleFindings struct{ e *rules.Engine }

// Findings checks the engine's area for the period, as of the date.
func (r ruleFindings) Findings(ctx context.Context, p compact.Period, asOf compact.Date) ([]Finding, error) {
	found, err := r.e.Check(ctx, rules.AsOf(asOf), rules.Period(p))
	if err != nil {
		return nil, err
	}
	out := make([]Finding, 0, len(found))
	for _, f := range found {
		out = append(out, fromRule(r.e, f))
	}
	return out, nil
}

// Render implements Renderer.
func (r ruleFindings) Render(text string) string { return r.e.Render(text) }

// Renderer renders texts that name parameters ({fundingNoticeMonths}) with
// the values in force. A [FindingSource] that is also a Renderer (as
// [RuleFindings] is) renders the commitments a report quotes; without one,
// placeholders are filled with the compact's bare numbers.
type Renderer interface {
	Render(text string) string
}

// Pack is the engine's resolved pack, whose parameters the report reads.
func (r ruleFindings) Pack() *rules.Pack { return r.e.Pack() }

// packSource is a finding source that knows the rule pack it checks with.
type packSource interface{ Pack() *rules.Pack }

// fromRule converts a finding of the rules engine, field by field.
func fromRule(e *rules.Engine, f rules.Finding) Finding {
	out := Finding{Rule: f.Rule, Subject: f.Subject, Organisation: f.Organisation, Outcome: Outcome(f.Outcome),
		Severity: string(f.Severity), Commitments: f.Enforces, Message: f.Message, Source: f.Provenance.String()}
	if pr, ok := e.Pack().Rule(f.Rule); ok {
		out.RuleTitle, out.RuleSemantics = pr.Title, pr.Semantics
	}
	if f.Outcome == rules.Errored {
		out.Message = f.Error
	}
	return out
}

// DisputeCases is a [CaseSource] of the cases of an area's dispute
// procedure (see package dispute): its documents of kind Dispute, each read
// as the state its events add up to. Build the procedure with
// dispute.New(area) and give the source to [WithCases].
func DisputeCases(p *dispute.Procedure) CaseSource { return disputeCases{p} }

type disputeCases struct{ p *dispute.Procedure }

// Cases loads the cases and converts their states, field by field.
func (d disputeCases) Cases(ctx context.Context) ([]Case, error) {
	cs, err := d.p.Cases(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Case, 0, len(cs))
	for _, c := range cs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rc := fromState(c.State())
		rc.Events, rc.Head = c.Len(), c.Head()
		out = append(out, rc)
	}
	return out, nil
}

// fromState converts a dispute case's state.
func fromState(st dispute.State) Case {
	c := Case{ID: st.ID, Title: st.Title, Challenger: st.Challenger, Respondent: st.Respondent, Commitments: st.Commitments,
		Raised: st.Raised, Stage: st.Stage, Outcome: string(st.Outcome), Closed: st.ClosedOn, Lessons: st.Lessons}
	for _, a := range st.Actions {
		c.Actions = append(c.Actions, CaseAction{Text: a.Text, Owner: a.Owner})
	}
	for _, r := range st.Recommendations {
		for _, a := range r.Actions {
			c.Recommended = append(c.Recommended, CaseAction{Text: a.Text, Owner: a.Owner})
		}
	}
	return c
}
