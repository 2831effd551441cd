package rules

// RuleCoverage says which branches of one rule a pack's tests exercised.
// A rule has up to three branches: its when condition false (outcome
// not-applicable; only for a rule with a when), its check true (pass) and
// its check false (fail). Outcomes of error are counted but are no branch.
type RuleCoverage struct {
	// Rule id.
	Rule string `json:"rule"`
	// Pack that wrote the rule.
	Pack string `json:"pack"`
	// Outcomes counts the findings the tests gave, by outcome.
	Outcomes map[Outcome]int `json:"outcomes"`
	// Branches are the branches the rule has, in order: "not-applicable"
	// (when it has a when), "pass", "fail".
	Branches []Outcome `json:"branches"`
	// Missing lists the branches no test reached.
	Missing []Outcome `json:"missing"`
	// Tests names the tests that reached the rule at all.
	Tests []string `json:"tests"`
}

// Covered reports whether the tests reached every branch of the rule.
func (c RuleCoverage) Covered() bool { return len(c.Missing) == 0 }

// TestCoverage reports, for each rule of the pack in force (disabled rules
// are left out), the outcomes the tests' records gave and the branches
// they did not reach. results are what [Engine.Test] returned.
func TestCoverage(p *Pack, results []TestResult) []RuleCoverage {
	var out []RuleCoverage
	for _, r := range p.Rules {
		if !r.InForce() {
			continue
		}
		c := RuleCoverage{Rule: r.ID, Pack: r.Pack, Outcomes: map[Outcome]int{}, Missing: []Outcome{}, Tests: []string{}}
		if !r.When.IsZero() {
			c.Branches = append(c.Branches, NotApplicable)
		}
		c.Branches = append(c.Branches, Pass, Fail)
		for _, t := range results {
			got := t.Outcomes[r.ID]
			if len(got) == 0 {
				continue
			}
			c.Tests = append(c.Tests, t.Name)
			for o, n := range got {
				c.Outcomes[o] += n
			}
		}
		for _, b := range c.Branches {
			if c.Outcomes[b] == 0 {
				c.Missing = append(c.Missing, b)
			}
		}
		out = append(out, c)
	}
	return out
}
