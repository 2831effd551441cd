package reporting

import (
	"fmt"
	"strings"
)

// PlansSection is the progress of the area's action plans and statements
// of annual priorities whose period overlaps the report's: target against
// achieved, with a red, amber or green rating (see [RAGRule]).
type PlansSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// ActionPlans with each party's progress.
	ActionPlans []PlanProgress `json:"actionPlans"`
	// Priorities with their measures and achievements.
	Priorities []PrioritiesProgress `json:"priorities"`
	// RAG counts the ratings of every undertaking and priority.
	RAG RAGCount `json:"rag"`
}

func (b *builder) plans(p *Plans) PlansSection {
	s := PlansSection{ActionPlans: []PlanProgress{}, Priorities: []PrioritiesProgress{}}
	for _, ap := range p.ActionPlans {
		if b.period.Overlaps(ap.Period.From, ap.Period.To) {
			pp := b.tracker.Plan(ap)
			s.ActionPlans = append(s.ActionPlans, pp)
			s.addRatings(pp.Title, pp.RAG, "undertaking", "undertakings")
		}
	}
	for _, pr := range p.Priorities {
		if b.period.Overlaps(pr.Period.From, pr.Period.To) {
			pp := b.tracker.Priorities(pr)
			s.Priorities = append(s.Priorities, pp)
			s.addRatings(pp.Title, pp.RAG, "priority", "priorities")
		}
	}
	if len(s.Summary) == 0 {
		s.Summary = []string{sentence(fmt.Sprintf("The area has no action plan or statement of priorities for %s", b.period))}
	}
	return s
}

// addRatings adds the ratings of a plan or statement to the section's, and says
// them in a sentence: "Of the 8 undertakings in “Joint Action Plan”, ...".
// One and many name what is rated.
func (s *PlansSection) addRatings(title string, rag RAGCount, one, many string) {
	s.RAG.addCounts(rag)
	s.Summary = append(s.Summary, sentence(fmt.Sprintf("Of the %s in %s, %s", count(rag.Total(), one, many), "“"+title+"”", ragWords(rag))))
}

// ragWords writes a count of ratings: "2 are green, 1 amber and 1 red".
func ragWords(c RAGCount) string {
	var parts []string
	if c.Green > 0 {
		parts = append(parts, fmt.Sprintf("%d green", c.Green))
	}
	if c.Amber > 0 {
		parts = append(parts, fmt.Sprintf("%d amber", c.Amber))
	}
	if c.Red > 0 {
		parts = append(parts, fmt.Sprintf("%d red", c.Red))
	}
	if c.NotRated > 0 {
		parts = append(parts, fmt.Sprintf("%d not yet rated", c.NotRated))
	}
	if len(parts) == 0 {
		return "none is rated"
	}
	first, _, _ := strings.Cut(parts[0], " ")
	verb := "are"
	if first == "1" {
		verb = "is"
	}
	parts[0] = strings.Replace(parts[0], " ", " "+verb+" ", 1)
	return andList(parts)
}
