package reporting

import (
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// Status is how far a priority, an undertaking or an impact measure has
// got, in the words annual reports use. It is recorded by hand in a plan
// document, or derived from the achievement text with [DeriveStatus].
type Status string

// Statuses, from done to not begun.
const (
	StatusAchieved     Status = "achieved"      // done: "implemented and successful", "comprehensive programme delivered"
	StatusGoodProgress Status = "good-progress" // well under way: "good progress", "major progress"
	StatusInProgress   Status = "in-progress"   // begun, not finished: "started and ongoing", "now enrolling", "further work planned"
	StatusNotStarted   Status = "not-started"   // not begun: "still on the agenda"
)

var statuses = []Status{StatusAchieved, StatusGoodProgress, StatusInProgress, StatusNotStarted}

// Values lists the statuses.
func (Status) Values() []string { return strs(statuses) }

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool { return slices.Contains(statuses, s) }

// Label is the status in words for a report ("Good progress").
func (s Status) Label() string {
	switch s {
	case StatusAchieved:
		return "Achieved"
	case StatusGoodProgress:
		return "Good progress"
	case StatusInProgress:
		return "In progress"
	case StatusNotStarted:
		return "Not started"
	}
	return "Not recorded"
}

// RAG is the red/amber/green rating of the status.
func (s Status) RAG() RAG {
	switch s {
	case StatusAchieved:
		return Green
	case StatusGoodProgress, StatusInProgress:
		return Amber
	case StatusNotStarted:
		return Red
	}
	return NotRated
}

// UnmarshalScalar implements [compact.ScalarUnmarshaler].
func (s *Status) UnmarshalScalar(v compact.Scalar) (err error) {
	*s, err = parseEnum(v, statuses, "status")
	return
}

// RAG is a red, amber or green rating, as boards read them. See
// [RAGRule] for how a rating is given.
type RAG string

// Ratings.
const (
	Green    RAG = "green"     // the target is reached, or the work is done
	Amber    RAG = "amber"     // at least half-way to the target, or under way
	Red      RAG = "red"       // less than half-way to the target, or not begun
	NotRated RAG = "not-rated" // nothing achieved has been recorded yet
)

var rags = []RAG{Green, Amber, Red, NotRated}

// Values lists the ratings.
func (RAG) Values() []string { return strs(rags) }

// Label is the rating in words for a report ("Amber").
func (r RAG) Label() string {
	switch r {
	case Green:
		return "Green"
	case Amber:
		return "Amber"
	case Red:
		return "Red"
	}
	return "Not rated"
}

// rank orders ratings from worst to best; not rated sorts last.
func (r RAG) rank() int {
	switch r {
	case Red:
		return 0
	case Amber:
		return 1
	case Green:
		return 2
	}
	return 3
}

// worst returns the lowest rating among rs that is rated, or NotRated.
func worst(rs ...RAG) RAG {
	out := NotRated
	for _, r := range rs {
		if r != NotRated && r.rank() < out.rank() {
			out = r
		}
	}
	return out
}

// RAGRule is the red/amber/green rule in words, as the report's footnote
// prints it.
var RAGRule = []string{
	"Green: the achieved value reaches the target, or the work is recorded as achieved (\"implemented and successful\", \"delivered\").",
	"Amber: the achieved value is at least half-way from the baseline to the target, or the work is recorded as under way (\"good progress\", \"in progress\").",
	"Red: the achieved value is less than half-way from the baseline to the target, or the work has not started (\"still on the agenda\").",
	"Not rated: nothing achieved has been recorded yet, or the measure has no target.",
	"Where a status is not recorded, it is read from the achievement text: \"still on the agenda\" or \"not started\" is Not started; \"implemented\", \"delivered\", \"achieved\" or \"completed\" is Achieved; \"good progress\" or \"major progress\" is Good progress; any other achievement is In progress.",
	"A priority or undertaking with a status of its own is rated by it; otherwise it takes the lowest rating of its measures.",
}

// statusPhrases is how DeriveStatus reads an achievement text: the first
// phrase found, in this order, gives the status.
var statusPhrases = []struct {
	phrase string
	status Status
}{
	{"still on the agenda", StatusNotStarted},
	{"not started", StatusNotStarted},
	{"not yet started", StatusNotStarted},
	{"implemented", StatusAchieved},
	{"delivered", StatusAchieved},
	{"achieved", StatusAchieved},
	{"completed", StatusAchieved},
	{"good progress", StatusGoodProgress},
	{"major progress", StatusGoodProgress},
}

// DeriveStatus reads the status from an achievement as recorded in words.
// The first of these phrases found (ignoring case) decides: "still on the
// agenda", "not started" or "not yet started" give [StatusNotStarted];
// "implemented", "delivered", "achieved" or "completed" give
// [StatusAchieved]; "good progress" or "major progress" give
// [StatusGoodProgress]. Any other achievement text gives [StatusInProgress];
// an empty text gives "" (nothing recorded). The phrase that decided is
// returned too ("" when none did), so a report can say how it rated.
func DeriveStatus(achievement string) (Status, string) {
	text := strings.ToLower(strings.Join(strings.Fields(achievement), " "))
	if text == "" {
		return "", ""
	}
	for _, p := range statusPhrases {
		if strings.Contains(text, p.phrase) {
			return p.status, p.phrase
		}
	}
	return StatusInProgress, ""
}

func strs[T ~string](all []T) []string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = string(v)
	}
	return out
}

func parseEnum[T ~string](s compact.Scalar, all []T, what string) (T, error) {
	if s.Kind != compact.ScalarString {
		return "", &compact.TypeMismatch{Want: what + " (" + strings.Join(strs(all), ", ") + ")", Got: s}
	}
	if v := T(s.Text); slices.Contains(all, v) {
		return v, nil
	}
	msg := fmt.Sprintf("%q is not a %s; expected one of %s", s.Text, what, strings.Join(strs(all), ", "))
	if near := closest(s.Text, strs(all)); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return "", fmt.Errorf("%s", msg)
}

// closest returns the candidate nearest to s when it is close enough to be
// a likely misspelling (the same letters in another case, spaces for
// hyphens, or at most 1+len/4 edits, 3 at most), else "".
func closest(s string, candidates []string) string {
	norm := func(x string) string { return strings.ToLower(strings.ReplaceAll(x, " ", "-")) }
	allowed := min(1+len(s)/4, 3)
	if len(s) < 3 {
		allowed = 0 // "7" is not a misspelling of "1"
	}
	best, bestDist := "", allowed+1
	for _, c := range candidates {
		if norm(c) == norm(s) {
			return c
		}
		if d := editDistance(norm(s), norm(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
