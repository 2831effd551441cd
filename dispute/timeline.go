package dispute

import (
	"fmt"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// Step is one event of a case as a timeline shows it: the entry, who
// recorded it by name, a line saying what it did, and the stage the case
// was at after it.
type Step struct {
	Entry
	// Index is the event's position, from 0.
	Index int `json:"index"`
	// By names the actor: "Anne Lockwood (Befriending Circle Kirklees)".
	By string `json:"by"`
	// Summary says what the event did, with names.
	Summary string `json:"summary"`
	// Stage is the id of the stage the case was at after the event.
	Stage string `json:"stage,omitempty"`
	// Moved reports whether the event moved the case to Stage.
	Moved bool `json:"moved,omitempty"`
}

// Timeline returns the case's events as steps, oldest first.
func (c *Case) Timeline() []Step {
	p := c.proc
	out := make([]Step, len(c.entries))
	stage := ""
	for i := range c.entries {
		en := c.entries[i]
		moved := false
		for _, v := range c.st.Visits {
			if v.first == i && v.Kind != compact.StageAdvice {
				stage, moved = v.Stage, true
			}
		}
		org := en.Actor.Organisation
		if org == "" {
			if person, ok := p.area.Person(en.Actor.Person); ok {
				org = person.Organisation
			}
		}
		summary := p.summary(&en.Event, stage)
		for _, a := range c.st.Advice {
			switch i {
			case a.sought:
				summary = "advice sought from " + adviceName(p, a)
			case a.received:
				summary = "advice received from " + adviceName(p, a)
			}
		}
		out[i] = Step{Entry: en, Index: i, By: p.actorDescription(en.Actor, org), Summary: summary,
			Stage: stage, Moved: moved}
		out[i].Event = out[i].Event.clone()
	}
	return out
}

// fixedSummaries are the summaries of the events whose line says nothing
// more than their type.
var fixedSummaries = map[EventType]string{
	Acknowledged:         "acknowledged",
	Stage2Requested:      "stage 2 asked for",
	Stage2Acknowledged:   "stage 2 request acknowledged",
	Stage2Responded:      "stage 2 (final) response",
	RecommendationIssued: "recommendation to both parties",
	AgreementReached:     "agreement reached",
	Withdrawn:            "withdrawn",
	Note:                 "note",
}

// summary says in a line what an event did.
func (p *Procedure) summary(e *Event, stage string) string {
	if s, ok := fixedSummaries[e.Type]; ok {
		return s
	}
	to := func(def string) string {
		switch {
		case e.To != "":
			return e.To
		case def != "":
			return p.stageName(def)
		}
		return "the normal complaints route"
	}
	switch e.Type {
	case Raised:
		return fmt.Sprintf("%s challenges %s: %s", p.orgName(e.Challenger), p.orgName(e.Respondent), e.Title)
	case EvidenceAdded:
		return "evidence: " + e.Title
	case Admitted:
		return "admitted (the challenge is about a process); moves to " + p.stageName(stage)
	case Redirected:
		return "redirected to " + to("")
	case Referred:
		return "referred to " + p.stageName(stage)
	case AdviceSought, AdviceReceived:
		return strings.ReplaceAll(string(e.Type), "-", " ") // Timeline says from whom
	case Responded:
		if e.Final {
			return "final response"
		}
		return "responded"
	case ReviewerNominated:
		org := ""
		if person, ok := p.area.Person(e.Person); ok {
			org = " (" + p.orgName(person.Organisation) + ")"
		}
		return "reviewer nominated: " + p.personName(e.Person) + org
	case ReviewerStoodDown:
		return "reviewer stood down: " + p.personName(e.Person)
	case Informed:
		return "told: " + strings.Join(p.personNames(e.People), ", ")
	case Escalated:
		s := "escalated to " + to(stage)
		if e.Reference != "" {
			s += " (reference " + e.Reference + ")"
		}
		return s
	case Closed:
		return "closed: " + string(e.Outcome)
	}
	return string(e.Type)
}
