package reporting

import (
	"slices"
	"strings"

	"github.com/compactkit/compactkit/internal/docfmt"
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
func (Status) Values() []string { return docfmt.EnumStrings(statuses) }

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

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (s *Status) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*s, err = docfmt.ParseEnum(v, statuses, "status")
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
func (RAG) Values() []string { return docfmt.EnumStrings(rags) }

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

// closest is docfmt.Closest, except that a name shorter than three
// characters gets no hint: "7" is not a misspelling of "1".
func closest(s string, candidates []string) string {
	if len(s) < 3 {
		return ""
	}
	return docfmt.Closest(s, candidates)
}
