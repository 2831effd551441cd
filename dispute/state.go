package dispute

import (
	"slices"

	"github.com/compactkit/compactkit/compact"
)

// Phase is the state a case is in: the state the transition table of the
// package documentation starts from.
type Phase string

// Phases. While a case is at a stage, its phase is the stage's kind
// (admissibility, informal, review, complaint, escalation or legal).
const (
	PhaseNew    Phase = "new"    // no event yet
	PhaseAgreed Phase = "agreed" // the parties reached an agreement; the case is waiting to close
	PhaseClosed Phase = "closed" // the case is closed; only notes are accepted
)

// State is what a case's events add up to: its parties, the decision
// challenged, where it is, who reviews it, what was recommended and
// agreed, and how it ended. Everything an annual report says about a
// challenge can be read from it.
type State struct {
	// ID of the case.
	ID string `json:"id"`
	// Title of the case.
	Title string `json:"title"`
	// Challenger is the organisation that challenges.
	Challenger string `json:"challenger"`
	// Respondent is the organisation challenged.
	Respondent string `json:"respondent"`
	// Text is the challenge in the challenger's words.
	Text string `json:"text"`
	// Commitments of the compact the challenge cites.
	Commitments []string `json:"commitments,omitempty"`
	// Decision whose process is challenged, when there is one.
	Decision *Decision `json:"decision,omitempty"`
	// Raised is the day the case was raised.
	Raised compact.Date `json:"raised,omitzero"`
	// Aware is the day the challenger became aware of the matter.
	Aware compact.Date `json:"aware,omitzero"`
	// Phase is the state the case is in.
	Phase Phase `json:"phase"`
	// Stage is the id of the stage the case is at (the last one, once
	// closed); empty before it is raised.
	Stage string `json:"stage,omitempty"`
	// Visits are the stages the case has been through, in order, with the
	// advice stages sought alongside.
	Visits []Visit `json:"visits,omitempty"`
	// Advice sought alongside the stages.
	Advice []Advice `json:"advice,omitempty"`
	// Evidence added.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Reviewers nominated.
	Reviewers []Reviewer `json:"reviewers,omitempty"`
	// Recommendations made to both parties.
	Recommendations []Recommendation `json:"recommendations,omitempty"`
	// Agreement the parties reached, if they did.
	Agreement *Agreement `json:"agreement,omitempty"`
	// Inform is who must be told of the agreement (the compact champion of
	// each party, where the stage says so) and whether they have been.
	Inform []InformTarget `json:"inform,omitempty"`
	// Escalations to national bodies or to court.
	Escalations []Escalation `json:"escalations,omitempty"`
	// Outcome of the case, once closed.
	Outcome Outcome `json:"outcome,omitempty"`
	// ClosedOn is the day the case closed.
	ClosedOn compact.Date `json:"closedOn,omitzero"`
	// Actions undertaken: those agreed, then those recorded on closing.
	Actions []Action `json:"actions,omitempty"`
	// Lessons learned, recorded on closing.
	Lessons []string `json:"lessons,omitempty"`
}

// Open reports whether the case has been raised and is not closed.
func (s *State) Open() bool { return s.Phase != PhaseNew && s.Phase != PhaseClosed }

// Visit is one stage the case went through.
type Visit struct {
	// Stage id.
	Stage string `json:"stage"`
	// Kind of the stage.
	Kind compact.StageKind `json:"kind"`
	// Entered is the day the case reached the stage.
	Entered compact.Date `json:"entered"`
	// Ended is the day the case left the stage (or closed); zero while it
	// is there.
	Ended compact.Date `json:"ended,omitzero"`
	// Done is the day the stage did its work: admitted (admissibility), an
	// agreement or the case moving on (informal), the first recommendation
	// (review), the final response (complaint, escalation, legal), the
	// advice received (advice). A stage that comes after it in the
	// procedure may start once it is done, or once one of its time limits
	// has run out.
	Done compact.Date `json:"done,omitzero"`

	first, stop int // the entries made while at the stage: [first, stop), stop -1 while open
}

// Advice is advice sought alongside the stages.
type Advice struct {
	// Stage is the advice stage of the procedure, when it has one.
	Stage string `json:"stage,omitempty"`
	// To is who was asked.
	To string `json:"to,omitempty"`
	// Sought is the day it was sought.
	Sought compact.Date `json:"sought"`
	// Received is the day it came back.
	Received compact.Date `json:"received,omitzero"`

	sought, received int // the indexes of the events that sought it and received it (-1 until then)
}

// Evidence is a piece of evidence added to the case.
type Evidence struct {
	// Day it was added.
	Day compact.Date `json:"day"`
	// By is who added it.
	By Actor `json:"by"`
	// Title of the evidence.
	Title string `json:"title"`
	// Text describing it.
	Text string `json:"text,omitempty"`
	// URL where it is.
	URL string `json:"url,omitempty"`
	// Reference of the document.
	Reference string `json:"reference,omitempty"`
	// Commitments it bears on.
	Commitments []string `json:"commitments,omitempty"`
}

// Reviewer is a person nominated to consider the case.
type Reviewer struct {
	// Person nominated.
	Person string `json:"person"`
	// Organisation the person works for.
	Organisation string `json:"organisation"`
	// Stage the person reviews at.
	Stage string `json:"stage"`
	// Nominated is the day of the nomination.
	Nominated compact.Date `json:"nominated"`
	// NominatedBy is who nominated them.
	NominatedBy Actor `json:"nominatedBy"`
	// StoodDown is the day they stood down, if they did.
	StoodDown compact.Date `json:"stoodDown,omitzero"`
}

// Active reports whether the reviewer has not stood down.
func (r Reviewer) Active() bool { return r.StoodDown.IsZero() }

// Recommendation is a reviewer's recommendation to both parties.
type Recommendation struct {
	// By is the reviewer.
	By string `json:"by"`
	// Day it was issued.
	Day compact.Date `json:"day"`
	// Stage it was made at.
	Stage string `json:"stage"`
	// Text of the recommendation.
	Text string `json:"text"`
	// Actions recommended.
	Actions []Action `json:"actions,omitempty"`
}

// Agreement is what the parties agreed.
type Agreement struct {
	// Day it was reached.
	Day compact.Date `json:"day"`
	// Stage it was reached at.
	Stage string `json:"stage"`
	// By is who recorded it.
	By Actor `json:"by"`
	// Text of the terms.
	Text string `json:"text"`
	// Actions agreed.
	Actions []Action `json:"actions,omitempty"`
}

// InformTarget is someone to be told of an agreement: for one party, the
// holders of a role (its compact champion). Telling any one of People
// meets it.
type InformTarget struct {
	// Organisation is the party.
	Organisation string `json:"organisation"`
	// Role to tell (compact-champion).
	Role string `json:"role"`
	// People who hold it for the party on the day of the agreement: its own
	// holders, or else whoever is the party's point of contact for the role
	// (a parent organisation's champion, a champion who speaks for its
	// sector). Empty when no one does; nothing is then owed.
	People []string `json:"people,omitempty"`
	// Informed is the day one of them was told; zero until then.
	Informed compact.Date `json:"informed,omitzero"`
	// Person is who was told.
	Person string `json:"person,omitempty"`
}

// Met reports whether the target is met: someone was told, or no one
// holds the role.
func (t InformTarget) Met() bool { return !t.Informed.IsZero() || len(t.People) == 0 }

// Escalation is the case going to a national body or to court.
type Escalation struct {
	// Day it was escalated.
	Day compact.Date `json:"day"`
	// Stage of the procedure.
	Stage string `json:"stage"`
	// To names the body.
	To string `json:"to,omitempty"`
	// Reference the body gave.
	Reference string `json:"reference,omitempty"`
}

// clone returns a deep copy of the state.
func (s State) clone() State {
	out := s
	out.Commitments = slices.Clone(s.Commitments)
	out.Decision = s.Decision.clone()
	out.Visits = slices.Clone(s.Visits)
	out.Advice = slices.Clone(s.Advice)
	out.Evidence = slices.Clone(s.Evidence)
	for i := range out.Evidence {
		out.Evidence[i].Commitments = slices.Clone(out.Evidence[i].Commitments)
	}
	out.Reviewers = slices.Clone(s.Reviewers)
	out.Recommendations = slices.Clone(s.Recommendations)
	for i := range out.Recommendations {
		out.Recommendations[i].Actions = slices.Clone(out.Recommendations[i].Actions)
	}
	if s.Agreement != nil {
		a := *s.Agreement
		a.Actions = slices.Clone(a.Actions)
		out.Agreement = &a
	}
	out.Inform = slices.Clone(s.Inform)
	for i := range out.Inform {
		out.Inform[i].People = slices.Clone(out.Inform[i].People)
	}
	out.Escalations = slices.Clone(s.Escalations)
	out.Actions = slices.Clone(s.Actions)
	out.Lessons = slices.Clone(s.Lessons)
	return out
}

// visit returns the last visit to a stage, or nil.
func (s *State) visit(stage string) *Visit {
	for i := len(s.Visits) - 1; i >= 0; i-- {
		if s.Visits[i].Stage == stage {
			return &s.Visits[i]
		}
	}
	return nil
}

// current returns the visit to the stage the case is at, or nil.
func (s *State) current() *Visit {
	if s.Stage == "" {
		return nil
	}
	return s.visit(s.Stage)
}

// activeReviewers returns the reviewers of a stage who have not stood down.
func (s *State) activeReviewers(stage string) []Reviewer {
	var out []Reviewer
	for _, r := range s.Reviewers {
		if r.Stage == stage && r.Active() {
			out = append(out, r)
		}
	}
	return out
}
