package reporting

import (
	"context"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/rules"
)

// RuleFindings is a [FindingSource] that checks an area with a compiled
// rule engine (see package rules): for each period the report asks about,
// it runs [rules.Engine.Check] with that period and as-of date, and reads
// each finding's rule title from the engine's pack. Compile the engine once
// with rules.Compile(area) and give it to [WithFindings]:
//
//	e, err := rules.Compile(area)
//	...
//	r, err := reporting.Build(ctx, area, period, reporting.WithFindings(reporting.RuleFindings(e, area)))
func RuleFindings(e *rules.Engine, area *compact.Area) FindingSource {
	return FindingsFunc(func(ctx context.Context, p compact.Period, asOf compact.Date) ([]Finding, error) {
		found, err := e.Check(ctx, area, rules.AsOf(asOf), rules.Period(p))
		if err != nil {
			return nil, err
		}
		out := make([]Finding, 0, len(found))
		for _, f := range found {
			out = append(out, fromRule(e, f))
		}
		return out, nil
	})
}

// fromRule converts a finding of the rules engine, field by field.
func fromRule(e *rules.Engine, f rules.Finding) Finding {
	out := Finding{Rule: f.Rule, Subject: f.Subject, Organisation: f.Organisation, Outcome: Outcome(f.Outcome),
		Severity: string(f.Severity), Commitments: f.Enforces, Message: f.Message}
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
	cs, err := d.p.Cases()
	if err != nil {
		return nil, err
	}
	out := make([]Case, 0, len(cs))
	for _, c := range cs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out = append(out, fromState(c.State()))
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
	return c
}
