package rules

import "github.com/compactkit/compactkit/compact"

// CheckOutput is the JSON that "compact check --format json" prints: one
// entry per area checked, in the order given. schema/findings.json
// describes it.
type CheckOutput struct {
	// Areas checked, or that could not be checked.
	Areas []AreaCheck `json:"areas"`
}

// AreaCheck is one area's check: what was checked with what, and the
// findings; or, for an area that does not load or whose pack does not
// compile, only Path and Problems.
type AreaCheck struct {
	// Path of the area, as given.
	Path string `json:"path"`
	// Area is the area's name (its folder's name).
	Area string `json:"area,omitempty"`
	// Compact is the id of the area's compact.
	Compact string `json:"compact,omitempty"`
	// Pack is the id of the rule pack checked with; Chain the packs it
	// layers, base first.
	Pack  string   `json:"pack,omitempty"`
	Chain []string `json:"chain,omitempty"`
	// AsOf is the date checked as of (YYYY-MM-DD); Period the period
	// checked ("2024-25").
	AsOf   string `json:"asOf,omitempty"`
	Period string `json:"period,omitempty"`
	// Disabled lists the rules the area's packs turned off, with why.
	Disabled []Disabled `json:"disabled,omitempty"`
	// Notes say which rules of a base pack a local rule supersedes.
	Notes []string `json:"notes,omitempty"`
	// Summary counts the outcomes.
	Summary *Summary `json:"summary,omitempty"`
	// Findings of every rule on every subject in scope.
	Findings Findings `json:"findings,omitempty"`
	// Problems that stopped the check.
	Problems []compact.Problem `json:"problems,omitempty"`
}

// TestOutput is the JSON that "compact rules test --format json" prints:
// one entry per PATH, in the order given. schema/tests.json describes it.
type TestOutput struct {
	// Packs tested, or whose tests could not run.
	Packs []PackTests `json:"packs"`
}

// PackTests is the tests of one PATH's pack: the results, with what the
// tests covered when asked; or, when they could not run, only Path and
// Problems.
type PackTests struct {
	// Path as given.
	Path string `json:"path"`
	// Pack is the id of the pack tested.
	Pack string `json:"pack,omitempty"`
	// Passed and Failed count the tests.
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	// Tests are the results, in the order written.
	Tests []TestResult `json:"tests,omitempty"`
	// Coverage of the rules in force (with --coverage).
	Coverage []RuleCoverage `json:"coverage,omitempty"`
	// Problems that stopped the tests running.
	Problems []compact.Problem `json:"problems,omitempty"`
}
