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
	// Raised is how many challenges were made under the compact in the
	// period: raised in it and not redirected.
	Raised int `json:"raised"`
	// Redirected is how many cases raised in the period were redirected
	// to the complaints procedure: about a decision, not a process, so not
	// challenges under the compact.
	Redirected int `json:"redirected"`
	// Recommended is how many actions reviews recommended to the parties,
	// and Agreed how many the parties agreed or undertook (the cases'
	// actions), in the cases of the period.
	Recommended int `json:"recommended"`
	Agreed      int `json:"agreed"`
	// Records are the case records the section was made from, with the
	// hash of each one's last event: printed, they anchor the records.
	Records []CaseRecord `json:"records"`
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
	// Actions taken as a result: agreed by the parties, or recorded when
	// the case closed.
	Actions []ActionTaken `json:"actions"`
	// Recommended are the actions a review recommended; not agreed unless
	// they are also among Actions.
	Recommended []ActionTaken `json:"recommended"`
	// Redirected: the case went to the complaints procedure (about a
	// decision, not a process).
	Redirected bool `json:"redirected,omitempty"`
	// Lessons learned.
	Lessons []string `json:"lessons"`
	// Says is the case in a sentence.
	Says string `json:"says"`
}

// CaseRecord is a case record a report was made from.
type CaseRecord struct {
	// Case is the id of the case.
	Case string `json:"case"`
	// Events is how many events its record held.
	Events int `json:"events"`
	// Head is the hash of the last of them.
	Head string `json:"head"`
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
	s := DisputesSection{ByStage: []Tally{}, ByOutcome: []Tally{}, Cases: []CaseItem{}, Records: []CaseRecord{}}
	if b.cfg.cases == nil {
		s.Summary = []string{"No dispute records were given for this report, so challenges are not summarised."}
		return s, nil
	}
	cases, err := b.cfg.cases.Cases(ctx)
	if err != nil {
		return s, err
	}
	s.Assessed = true
	stages := map[string]int{}
	outcomes := map[string]int{}
	var outcomeOrder []string
	var days []int
	for _, c := range cases {
		closedBy := !c.Closed.IsZero() && !c.Closed.After(b.through)
		switch {
		case c.Raised.IsZero() || c.Raised.After(b.through):
			continue // not raised yet
		case closedBy && c.Closed.Before(b.period.From):
			continue // over before the period
		}
		it := b.caseItem(c, closedBy)
		if c.Head != "" {
			s.Records = append(s.Records, CaseRecord{Case: c.ID, Events: c.Events, Head: c.Head})
		}
		if c.Stage != "" {
			r := b.stageRef(c.Stage)
			it.Stage = &r
			stages[c.Stage]++
		}
		switch {
		case c.Raised.Before(b.period.From):
			s.CarriedOver++
		case it.Redirected:
			s.Redirected++
		default:
			s.Raised++
		}
		if closedBy {
			s.Closed++
			it.Closed = c.Closed
			d := compact.DaysBetween(c.Raised, c.Closed)
			it.DaysToResolve = &d
			days = append(days, d)
			if c.Outcome != "" {
				it.Outcome = &Ref{ID: c.Outcome, Name: outcomeLabel(c.Outcome)}
				if outcomes[c.Outcome] == 0 {
					outcomeOrder = append(outcomeOrder, c.Outcome)
				}
				outcomes[c.Outcome]++
			}
		} else {
			s.Open++
		}
		s.Agreed += len(it.Actions)
		s.Recommended += len(it.Recommended)
		for _, l := range c.Lessons {
			it.Lessons = append(it.Lessons, oneLine(l))
		}
		it.Says = b.caseSentence(it)
		s.Cases = append(s.Cases, it)
	}
	slices.SortStableFunc(s.Cases, func(x, y CaseItem) int { return x.Raised.Compare(y.Raised) })
	var stageIDs []string
	for id := range stages {
		stageIDs = append(stageIDs, id)
	}
	slices.SortFunc(stageIDs, func(x, y string) int {
		if d := b.stageOrder(x) - b.stageOrder(y); d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	for _, id := range stageIDs {
		s.ByStage = append(s.ByStage, Tally{Key: id, Label: b.stageRef(id).Name, Count: stages[id]})
	}
	for _, o := range outcomeOrder {
		s.ByOutcome = append(s.ByOutcome, Tally{Key: o, Label: outcomeLabel(o), Count: outcomes[o]})
	}
	if len(days) > 0 {
		sum, longest := 0, 0
		for _, d := range days {
			sum += d
			longest = max(longest, d)
		}
		avg := float64(sum) / float64(len(days))
		s.AverageDaysToResolve, s.LongestDaysToResolve = &avg, &longest
	}

	b.disputesSummary(&s)
	return s, nil
}

// disputesSummary sorts the records and writes the section's sentences.
func (b *builder) disputesSummary(s *DisputesSection) {
	slices.SortStableFunc(s.Records, func(x, y CaseRecord) int { return strings.Compare(x.Case, y.Case) })
	redirected := ""
	if s.Redirected > 0 {
		redirected = fmt.Sprintf("; %s to the complaints procedure, being about a decision, not a process",
			count(s.Redirected, "case was redirected", "cases were redirected"))
	}
	switch {
	case s.Raised == 0 && s.CarriedOver == 0:
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("No challenges were made under the compact in %s%s%s", b.period, b.so(), redirected)))
		if s.Redirected == 0 {
			return
		}
	case s.CarriedOver == 0:
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s made under the compact in %s%s%s",
			count(s.Raised, "challenge was", "challenges were"), b.period, b.so(), redirected)))
	default:
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s made under the compact in %s%s, and %s from before%s",
			count(s.Raised, "challenge was", "challenges were"), b.period, b.so(), count(s.CarriedOver, "was still open", "were still open"), redirected)))
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
		s.Summary = append(s.Summary, sentence(line))
	}
	if s.Open > 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s open on %s", count(s.Open, "challenge was still", "challenges were still"), longDate(b.through))))
	}
	lessons := 0
	for _, it := range s.Cases {
		lessons += len(it.Lessons)
	}
	s.Summary = append(s.Summary, b.actionsSentence(s.Recommended, s.Agreed, lessons))
}

// caseItem starts the report's item for a case: who, when, what it cites,
// and its actions, recommended and agreed.
func (b *builder) caseItem(c Case, closedBy bool) CaseItem {
	it := CaseItem{ID: c.ID, Title: c.Title, Challenger: orgRef(b.area, c.Challenger), Respondent: orgRef(b.area, c.Respondent),
		Raised: c.Raised, Lessons: []string{}, Redirected: closedBy && c.Outcome == "redirected",
		Actions: b.actionsTaken(c.Actions), Recommended: b.actionsTaken(c.Recommended)}
	for _, id := range c.Commitments {
		it.Commitments = append(it.Commitments, Ref{ID: id, Name: b.commitmentLabel(id)})
	}
	return it
}

// actionsSentence says what the challenges led to: the actions reviews
// recommended and those the parties agreed are different things.
func (b *builder) actionsSentence(recommended, agreed, lessons int) string {
	line := fmt.Sprintf("The parties agreed %s as a result", count(agreed, "action", "actions"))
	if recommended > 0 {
		line = fmt.Sprintf("Reviews recommended %s, and the parties agreed %s", count(recommended, "action", "actions"), count(agreed, "action", "actions"))
	}
	return sentence(fmt.Sprintf("%s; %s recorded", line, count(lessons, "lesson was", "lessons were")))
}

// actionsTaken converts a case's actions for the report.
func (b *builder) actionsTaken(list []CaseAction) []ActionTaken {
	out := []ActionTaken{}
	for _, a := range list {
		at := ActionTaken{Text: oneLine(a.Text)}
		if a.Owner != "" {
			r := orgRef(b.area, a.Owner)
			at.Owner = &r
		}
		out = append(out, at)
	}
	return out
}

func (b *builder) caseSentence(it CaseItem) string {
	line := fmt.Sprintf("%s challenged %s on %s", it.Challenger.Name, it.Respondent.Name, longDate(it.Raised))
	switch {
	case it.Redirected:
		line += fmt.Sprintf("; on %s it was redirected to the complaints procedure, being about a decision, not a process", longDate(it.Closed))
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
