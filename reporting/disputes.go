package reporting

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// DisputesSection summarises the challenges made under the compact and
// the action taken, as the Kirklees Compact asks of the annual report to
// its board: how many were raised, where they got to, how they ended, how
// long they took, the actions agreed and the lessons learned.
type DisputesSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// Assessed reports whether dispute records were given; the rest of the
	// section is empty when they were not.
	Assessed bool `json:"assessed"`
	// Raised is how many challenges were raised in the period.
	Raised int `json:"raised"`
	// CarriedOver is how many were raised before the period and still open
	// at its start.
	CarriedOver int `json:"carriedOver"`
	// Closed is how many closed in the period.
	Closed int `json:"closed"`
	// Open is how many were open on the last day counted.
	Open int `json:"open"`
	// ByStage counts the cases of the period by the stage they reached (the
	// stage they are at, or closed at), in the procedure's order.
	ByStage []Tally `json:"byStage"`
	// ByOutcome counts the cases closed in the period by outcome.
	ByOutcome []Tally `json:"byOutcome"`
	// AverageDaysToResolve is the average number of days from raising to
	// closing, of the cases closed in the period; absent when none closed.
	AverageDaysToResolve *float64 `json:"averageDaysToResolve,omitempty"`
	// LongestDaysToResolve is the longest of them.
	LongestDaysToResolve *int `json:"longestDaysToResolve,omitempty"`
	// Cases of the period (raised in it, or open at its start), by date
	// raised.
	Cases []CaseItem `json:"cases"`
}

// CaseItem is one challenge as the report shows it.
type CaseItem struct {
	// ID of the case.
	ID string `json:"id"`
	// Title of the case.
	Title string `json:"title"`
	// Challenger is the organisation that challenged.
	Challenger Ref `json:"challenger"`
	// Respondent is the organisation challenged.
	Respondent Ref `json:"respondent"`
	// Commitments the challenge cites.
	Commitments []Ref `json:"commitments,omitempty"`
	// Raised is the day it was raised.
	Raised compact.Date `json:"raised"`
	// Stage reached.
	Stage *Ref `json:"stage,omitempty"`
	// Outcome, once closed.
	Outcome *Ref `json:"outcome,omitempty"`
	// Closed is the day it closed, if it closed by the last day counted.
	Closed compact.Date `json:"closed,omitzero"`
	// DaysToResolve is the days from raising to closing, once closed.
	DaysToResolve *int `json:"daysToResolve,omitempty"`
	// Actions taken as a result.
	Actions []ActionTaken `json:"actions"`
	// Lessons learned.
	Lessons []string `json:"lessons"`
	// Says is the case in a sentence.
	Says string `json:"says"`
}

// ActionTaken is an action taken as a result of a challenge.
type ActionTaken struct {
	// Text of the action.
	Text string `json:"text"`
	// Owner that undertook it, where recorded.
	Owner *Ref `json:"owner,omitempty"`
}

// outcomeLabels are the words for the dispute package's outcomes.
var outcomeLabels = map[string]string{
	"resolved-by-agreement": "Resolved by agreement",
	"upheld":                "Upheld",
	"partly-upheld":         "Partly upheld",
	"not-upheld":            "Not upheld",
	"withdrawn":             "Withdrawn",
	"redirected":            "Redirected to the complaints procedure",
	"escalated":             "Escalated beyond the local procedure",
}

func outcomeLabel(o string) string {
	if l, ok := outcomeLabels[o]; ok {
		return l
	}
	return sentence(strings.ReplaceAll(o, "-", " "))
}

func (b *builder) stageRef(id string) Ref {
	if c := b.area.Compact; c != nil && c.DisputeProcedure != nil {
		for _, s := range c.DisputeProcedure.Stages {
			if s.ID == id {
				return Ref{ID: id, Name: s.Name}
			}
		}
	}
	return Ref{ID: id, Name: id}
}

// stageOrder is the position of a stage in the procedure (unknown stages
// last).
func (b *builder) stageOrder(id string) int {
	if c := b.area.Compact; c != nil && c.DisputeProcedure != nil {
		for i, s := range c.DisputeProcedure.Stages {
			if s.ID == id {
				return i
			}
		}
	}
	return 1 << 30
}

func (b *builder) disputes(ctx context.Context) (DisputesSection, error) {
	s := DisputesSection{ByStage: []Tally{}, ByOutcome: []Tally{}, Cases: []CaseItem{}}
	if b.cfg.cases == nil {
		s.Summary = []string{"No dispute records were given for this report, so challenges are not summarised."}
		return s, nil
	}
	cases, err := b.cfg.cases.Cases(ctx)
	if err != nil {
		return s, err
	}
	s.Assessed = true
	t := caseTally{stages: map[string]int{}, outcomes: map[string]int{}}
	for _, c := range cases {
		closedBy := !c.Closed.IsZero() && !c.Closed.After(b.through)
		switch {
		case c.Raised.IsZero() || c.Raised.After(b.through):
			continue // not raised yet
		case closedBy && c.Closed.Before(b.period.From):
			continue // over before the period
		}
		it := b.caseItem(c, closedBy)
		t.add(&s, c, it, b.period.From)
		s.Cases = append(s.Cases, it)
	}
	slices.SortStableFunc(s.Cases, func(x, y CaseItem) int { return x.Raised.Compare(y.Raised) })
	s.ByStage = b.stageTallies(t.stages)
	for _, o := range t.outcomeOrder {
		s.ByOutcome = append(s.ByOutcome, Tally{Key: o, Label: outcomeLabel(o), Count: t.outcomes[o]})
	}
	if len(t.days) > 0 {
		sum, longest := 0, 0
		for _, d := range t.days {
			sum += d
			longest = max(longest, d)
		}
		avg := float64(sum) / float64(len(t.days))
		s.AverageDaysToResolve, s.LongestDaysToResolve = &avg, &longest
	}
	s.Summary = b.disputeSummary(&s)
	return s, nil
}

// caseTally counts the cases of a report by stage and outcome, and the
// days each closed case took.
type caseTally struct {
	stages, outcomes map[string]int
	outcomeOrder     []string
	days             []int
}

// add counts one case in the tally and the section's totals.
func (t *caseTally) add(s *DisputesSection, c Case, it CaseItem, from compact.Date) {
	if c.Stage != "" {
		t.stages[c.Stage]++
	}
	if c.Raised.Before(from) {
		s.CarriedOver++
	} else {
		s.Raised++
	}
	if it.DaysToResolve == nil {
		s.Open++
		return
	}
	s.Closed++
	t.days = append(t.days, *it.DaysToResolve)
	if c.Outcome != "" {
		if t.outcomes[c.Outcome] == 0 {
			t.outcomeOrder = append(t.outcomeOrder, c.Outcome)
		}
		t.outcomes[c.Outcome]++
	}
}

// caseItem is a case as the report lists it; closed says whether it closed
// by the report's date.
func (b *builder) caseItem(c Case, closed bool) CaseItem {
	it := CaseItem{ID: c.ID, Title: c.Title, Challenger: orgRef(b.area, c.Challenger), Respondent: orgRef(b.area, c.Respondent),
		Raised: c.Raised, Actions: []ActionTaken{}, Lessons: []string{}}
	for _, id := range c.Commitments {
		it.Commitments = append(it.Commitments, Ref{ID: id, Name: b.commitmentLabel(id)})
	}
	if c.Stage != "" {
		r := b.stageRef(c.Stage)
		it.Stage = &r
	}
	if closed {
		it.Closed = c.Closed
		d := compact.DaysBetween(c.Raised, c.Closed)
		it.DaysToResolve = &d
		if c.Outcome != "" {
			it.Outcome = &Ref{ID: c.Outcome, Name: outcomeLabel(c.Outcome)}
		}
	}
	for _, a := range c.Actions {
		at := ActionTaken{Text: oneLine(a.Text)}
		if a.Owner != "" {
			r := orgRef(b.area, a.Owner)
			at.Owner = &r
		}
		it.Actions = append(it.Actions, at)
	}
	for _, l := range c.Lessons {
		it.Lessons = append(it.Lessons, oneLine(l))
	}
	it.Says = b.caseSentence(it)
	return it
}

// stageTallies counts cases by stage, in the procedure's order.
func (b *builder) stageTallies(stages map[string]int) []Tally {
	var ids []string
	for id := range stages {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y string) int {
		if d := b.stageOrder(x) - b.stageOrder(y); d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	out := []Tally{}
	for _, id := range ids {
		out = append(out, Tally{Key: id, Label: b.stageRef(id).Name, Count: stages[id]})
	}
	return out
}

// disputeSummary is the section's opening sentences.
func (b *builder) disputeSummary(s *DisputesSection) []string {
	var out []string
	switch {
	case s.Raised == 0 && s.CarriedOver == 0:
		return append(out, sentence(fmt.Sprintf("No challenges were made under the compact in %s%s", b.period, b.so())))
	case s.CarriedOver == 0:
		out = append(out, sentence(fmt.Sprintf("%s made under the compact in %s%s",
			count(s.Raised, "challenge was", "challenges were"), b.period, b.so())))
	default:
		out = append(out, sentence(fmt.Sprintf("%s made under the compact in %s%s, and %s from before",
			count(s.Raised, "challenge was", "challenges were"), b.period, b.so(), count(s.CarriedOver, "was still open", "were still open"))))
	}
	if s.Closed > 0 {
		var parts []string
		for _, t := range s.ByOutcome {
			parts = append(parts, fmt.Sprintf("%d %s", t.Count, strings.ToLower(t.Label)))
		}
		line := fmt.Sprintf("%s closed, taking %s days on average (the longest %d days)", count(s.Closed, "challenge", "challenges"),
			num(roundTo(*s.AverageDaysToResolve, 1)), *s.LongestDaysToResolve)
		if len(parts) > 0 {
			line += ": " + andList(parts)
		}
		out = append(out, sentence(line))
	}
	if s.Open > 0 {
		out = append(out, sentence(fmt.Sprintf("%s open on %s", count(s.Open, "challenge was still", "challenges were still"), longDate(b.through))))
	}
	actions, lessons := 0, 0
	for _, it := range s.Cases {
		actions += len(it.Actions)
		lessons += len(it.Lessons)
	}
	return append(out, sentence(fmt.Sprintf("The challenges led to %s, and %s recorded",
		count(actions, "action", "actions"), count(lessons, "lesson was", "lessons were"))))
}

func (b *builder) caseSentence(it CaseItem) string {
	line := fmt.Sprintf("%s challenged %s on %s", it.Challenger.Name, it.Respondent.Name, longDate(it.Raised))
	switch {
	case it.Outcome != nil:
		line += fmt.Sprintf("; it closed on %s after %s: %s", longDate(it.Closed), count(*it.DaysToResolve, "day", "days"), strings.ToLower(it.Outcome.Name))
	case it.DaysToResolve != nil:
		line += fmt.Sprintf("; it closed on %s after %s", longDate(it.Closed), count(*it.DaysToResolve, "day", "days"))
	case it.Stage != nil:
		line += fmt.Sprintf("; it is open, at the stage %q", it.Stage.Name)
	default:
		line += "; it is open"
	}
	return sentence(line)
}

func roundTo(f float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	return float64(int64(f*p+0.5)) / p
}
