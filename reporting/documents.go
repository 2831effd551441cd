package reporting

import (
	"github.com/compactkit/compactkit/compact"
)

// ActionPlan is a document of kind ActionPlan: a joint action plan that sets
// out, for each objective, what every party undertakes to do in a period,
// and later what each achieved. The 2014/15 Joint Action Plan of Compact
// Voice and the Office for Civil Society is one: eight objectives, each with
// an undertaking of Compact Voice, of the Office for Civil Society / Cabinet
// Office and of the departmental Compact leads.
//
//	apiVersion: compactkit/v1
//	kind: ActionPlan
//	id: joint-action-plan-2014-15
//	title: "Compact Voice and OCS: 2014/15 Joint Action Plan"
//	period: 2014-15
//	parties:
//	  - {id: cv, name: Compact Voice, organisation: compact-voice}
//	  - {id: leads, name: Department Leads, role: departmental-compact-lead}
//	objectives:
//	  - id: meetings
//	    text: Regular meetings take place between Compact Voice and key department representatives.
//	    undertakings:
//	      - party: cv
//	        commitment: cv-meetings
//	        text: Meetings are revised to be a forum for CV ...
//	        measures:
//	          - id: meetings-held
//	            text: at least three meetings with Compact Leads Group
//	            target: 3
//	            count: {meetings: compact-leads-group}
type ActionPlan struct {
	compact.TypeMeta
	// Heading is the plan's id, title and period.
	Heading
	// Introduction is the plan's opening text, as published.
	Introduction string `json:"introduction,omitempty"`
	// Agreed is the date the parties agreed the plan.
	Agreed compact.Date `json:"agreed,omitzero"`
	// Parties are the columns of the plan: who undertakes what.
	Parties []Party `json:"parties"`
	// Objectives are the rows of the plan.
	Objectives []Objective `json:"objectives"`

	// Source is where the document starts.
	Source compact.Position `json:"-"`
}

// Heading is how an action plan or a statement of annual priorities is
// published: its id, title and period. The progress of the plan or
// statement has the same heading.
type Heading struct {
	// ID names the plan or statement.
	ID string `json:"id"`
	// Title of the plan or statement as published.
	Title string `json:"title"`
	// Period the plan or statement covers ("2014-15"). Progress counted
	// from records counts what happened in this period.
	Period compact.Period `json:"period"`
}

// Party is one party to an action plan: an organisation of the area's
// directory (Compact Voice) or the holders of a role (the departmental
// Compact leads).
type Party struct {
	// ID identifies the party within the plan; undertakings name it.
	ID string `json:"id"`
	// Name of the party as the plan's column heading gives it
	// ("Office for Civil Society/ Cabinet Office").
	Name string `json:"name"`
	// Organisation is the id of the party's organisation in the directory.
	// Give it or Role.
	Organisation string `json:"organisation,omitempty"`
	// Role is the id of a role in the area's role catalogue whose holders
	// are the party ("departmental-compact-lead"). Give it or Organisation.
	Role string `json:"role,omitempty"`

	// Source is where the party was written.
	Source compact.Position `json:"-"`
}

// Objective is one row of an action plan: what the parties work towards,
// and what each undertakes to do for it.
type Objective struct {
	// Item is the objective's id, number and text.
	Item
	// Section is the id of the section of the area's compact that holds the
	// objective's commitments, where there is one.
	Section string `json:"section,omitempty"`
	// Undertakings are what each party undertakes, in the plan's column
	// order.
	Undertakings []Undertaking `json:"undertakings"`

	// Source is where the objective was written.
	Source compact.Position `json:"-"`
}

// Item is how an objective of an action plan, or a priority of a
// statement, is published: its id, number and text. Its progress has the
// same item, its text on one line.
type Item struct {
	// ID identifies the objective or priority within its plan or
	// statement.
	ID string `json:"id"`
	// Number as printed, where the plan or statement numbers them.
	Number string `json:"number,omitempty"`
	// Text as published.
	Text string `json:"text"`
}

// oneLine is the item with its text on one line.
func (it Item) oneLine() Item {
	it.Text = oneLine(it.Text)
	return it
}

// Undertaking is what one party undertakes for an objective, and what it
// achieved.
type Undertaking struct {
	// Party is the id of the plan party that undertakes it.
	Party string `json:"party"`
	// Text of the undertaking as published. When it is not given, the text
	// of the commitment is used.
	Text string `json:"text,omitempty"`
	// Commitment is the id of the area's compact commitment the undertaking
	// is, where the compact records it.
	Commitment string `json:"commitment,omitempty"`
	// Measures say how progress is measured: counted from the records, or
	// recorded by hand.
	Measures []Measure `json:"measures,omitempty"`
	// Recorded is what the undertaking achieved, as recorded by hand.
	Recorded

	// Source is where the undertaking was written.
	Source compact.Position `json:"-"`
}

// Priorities is a document of kind Priorities: a statement of annual
// priorities, with the aims of the compact each serves, comments, impact
// measures with a numeric target, and later what was achieved. The
// Lincolnshire & Rutland Public Sector Compact's "Statement of Annual
// Priorities for 2008-09" is one; its annexe of the 2007-08 priorities "as
// reported in May 08", with the achievements, is another.
//
//	apiVersion: compactkit/v1
//	kind: Priorities
//	id: priorities-2008-09
//	title: Statement of Annual Priorities for 2008-09
//	period: 2008-09
//	priorities:
//	  - id: good-practice-events
//	    number: "3"
//	    text: To organise and deliver a series of Good Practice Events ...
//	    aims: ["1", "6"]
//	    measures:
//	      - id: events
//	        text: Two good practice events to be organised and delivered in session 08-09.
//	        target: 2
//	        unit: events
//	        count: {meetings: good-practice-events}
type Priorities struct {
	compact.TypeMeta
	// Heading is the statement's id, title and the period the priorities
	// are for.
	Heading
	// Reported is the date the achievements were reported, when they were.
	Reported compact.Date `json:"reported,omitzero"`
	// Introduction is the statement's opening text, as published.
	Introduction string `json:"introduction,omitempty"`
	// Priorities in the order published.
	Priorities []Priority `json:"priorities"`

	// Source is where the document starts.
	Source compact.Position `json:"-"`
}

// Priority is one annual priority.
type Priority struct {
	// Item is the priority's id, number and text.
	Item
	// Aims are the ids of the compact's aims the priority serves (the
	// "Ref (Aims)" column).
	Aims []string `json:"aims,omitempty"`
	// Groups are the ids of the governance bodies (sub groups) that lead
	// the priority (the "Ref TG" column).
	Groups []string `json:"groups,omitempty"`
	// Comments as published.
	Comments string `json:"comments,omitempty"`
	// Measures are the impact measures: what will show the priority is met,
	// with a numeric target where the statement gives one.
	Measures []Measure `json:"measures,omitempty"`
	// Recorded is what the priority achieved, as reported.
	Recorded

	// Source is where the priority was written.
	Source compact.Position `json:"-"`
}

// Measure is an impact measure: what will show progress, with a baseline
// and a numeric target, and the value achieved. The achieved value is
// counted from the area's records where Count says how, or recorded by
// hand in Achieved.
type Measure struct {
	// ID identifies the measure within its priority or undertaking.
	ID string `json:"id"`
	// Text of the measure as published ("During session 08-09 an additional
	// 40 people are qualified ...").
	Text string `json:"text"`
	// Unit of the numbers, in the plural ("people", "meetings").
	Unit string `json:"unit,omitempty"`
	// Baseline is the value at the start; 0 when not given (a target of
	// "an additional 10" counts from 0).
	Baseline float64 `json:"baseline,omitempty"`
	// Target is the value to reach. A target below the baseline means lower
	// is better. A measure without a target is reported but not rated.
	Target *float64 `json:"target,omitempty"`
	// Count says how the achieved value is counted from the records. Give
	// it or Achieved, not both.
	Count *Count `json:"count,omitempty"`
	// Achieved is the value achieved, recorded by hand.
	Achieved *float64 `json:"achieved,omitempty"`
	// Recorded is what the measure achieved, in words, and, for a measure
	// without numbers, how far it has got.
	Recorded

	// Source is where the measure was written.
	Source compact.Position `json:"-"`
}

// Recorded is what a priority, an undertaking or a measure achieved, as
// recorded by hand in the document.
type Recorded struct {
	// Achievement is what was achieved, in words, as recorded or reported.
	Achievement string `json:"achievement,omitempty"`
	// Status is how far it has got, recorded by hand. When it is not given,
	// it is read from Achievement (see [DeriveStatus]).
	Status Status `json:"status,omitempty"`
}

// Count says how a measure's achieved value is counted from the area's
// records, over the period of the plan or statement, up to the report's
// as-of date. Give exactly one field.
type Count struct {
	// Meetings counts the meetings of this governance body (its id).
	Meetings string `json:"meetings,omitempty"`
	// NewSignatories counts the organisations that signed up to the compact
	// during the period and were still signed up at its end.
	NewSignatories bool `json:"newSignatories,omitempty"`
	// RoleHolders counts the organisations with someone holding this role
	// (its id in the role catalogue) at the end of the period, deputies
	// not counted.
	RoleHolders string `json:"roleHolders,omitempty"`
}
