package reporting

import (
	"context"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Outcome is the result of one compliance check.
type Outcome string

// Outcomes of a check, as the rules engine gives them.
const (
	Pass          Outcome = "pass"           // the check passed
	Fail          Outcome = "fail"           // the check failed
	NotApplicable Outcome = "not-applicable" // the check does not apply to the subject
	Errored       Outcome = "error"          // the check could not be made
)

var outcomes = []Outcome{Pass, Fail, NotApplicable, Errored}

// Values lists the outcomes.
func (Outcome) Values() []string { return docfmt.EnumStrings(outcomes) }

// Finding is one compliance check of one subject (a consultation, a
// funding decision, a body, a signatory) against one rule, as the report
// reads it. The rules engine's findings convert to it field by field.
type Finding struct {
	// Rule is the id of the rule.
	Rule string `json:"rule"`
	// RuleTitle is the rule's title, when known.
	RuleTitle string `json:"ruleTitle,omitempty"`
	// RuleSemantics is how the rule reads the records, when known.
	RuleSemantics string `json:"ruleSemantics,omitempty"`
	// Subject is the id of what was checked.
	Subject string `json:"subject"`
	// Organisation responsible, where there is one.
	Organisation string `json:"organisation,omitempty"`
	// Outcome of the check.
	Outcome Outcome `json:"outcome"`
	// Severity of the rule ("breach", "warning").
	Severity string `json:"severity,omitempty"`
	// Commitments the rule enforces, by id; "governance" and "signing"
	// stand for the compact's governance and signing rules, as in package
	// rules.
	Commitments []string `json:"commitments,omitempty"`
	// Message says what failed, in a sentence.
	Message string `json:"message,omitempty"`
	// Source is where an imported subject came from, as the source file
	// with its JSON pointer or row and the source's id
	// ("grants.json#/grants/17 [360G-x-1]"); empty for one written by hand.
	Source string `json:"source,omitempty"`
}

// FindingSource gives the compliance findings of an area for a period, as
// on an as-of date. The report asks it for the period reported on and for
// the period before, to show the change. The rules engine is the usual
// source; [FindingsFunc] adapts a function.
type FindingSource interface {
	Findings(ctx context.Context, period compact.Period, asOf compact.Date) ([]Finding, error)
}

// FindingsFunc is a function that is a [FindingSource].
type FindingsFunc func(ctx context.Context, period compact.Period, asOf compact.Date) ([]Finding, error)

// Findings calls f.
func (f FindingsFunc) Findings(ctx context.Context, period compact.Period, asOf compact.Date) ([]Finding, error) {
	return f(ctx, period, asOf)
}

// Case is a dispute (a challenge) as the annual report reads it: who
// challenged whom, where it got to, how it ended, the actions agreed and
// the lessons learned. The dispute package's case states convert to it
// field by field.
type Case struct {
	// ID of the case.
	ID string `json:"id"`
	// Title of the case.
	Title string `json:"title"`
	// Challenger is the id of the organisation that challenged.
	Challenger string `json:"challenger"`
	// Respondent is the id of the organisation challenged.
	Respondent string `json:"respondent"`
	// Commitments of the compact the challenge cites, by id.
	Commitments []string `json:"commitments,omitempty"`
	// Raised is the day the challenge was raised.
	Raised compact.Date `json:"raised"`
	// Stage is the id of the stage of the dispute procedure the case is at
	// (the last one, once closed).
	Stage string `json:"stage,omitempty"`
	// Outcome of a closed case ("resolved-by-agreement", "upheld",
	// "not-upheld", "withdrawn", ...); empty while open.
	Outcome string `json:"outcome,omitempty"`
	// Closed is the day the case closed; zero while open.
	Closed compact.Date `json:"closed,omitzero"`
	// Actions undertaken as a result: agreed by the parties, or recorded
	// when the case closed.
	Actions []CaseAction `json:"actions,omitempty"`
	// Recommended are the actions a review recommended to both parties;
	// a recommendation is not an agreement.
	Recommended []CaseAction `json:"recommended,omitempty"`
	// Events is how many events the case's record holds, and Head the hash
	// of the last: the report prints them, so that a printed report anchors
	// the record it was made from. Empty for a source without a record.
	Events int    `json:"events,omitempty"`
	Head   string `json:"head,omitempty"`
	// Lessons learned.
	Lessons []string `json:"lessons,omitempty"`
}

// CaseAction is something a party undertook as a result of a case.
type CaseAction struct {
	// Text of the action.
	Text string `json:"text"`
	// Owner is the id of the organisation that undertook it.
	Owner string `json:"owner,omitempty"`
}

// CaseSource gives the dispute cases of an area. The dispute package is
// the usual source; [Cases] is a fixed list.
type CaseSource interface {
	Cases(ctx context.Context) ([]Case, error)
}

// Cases is a fixed list of cases; it is a [CaseSource].
type Cases []Case

// Cases returns the list.
func (c Cases) Cases(context.Context) ([]Case, error) { return c, nil }
