package dispute

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// TestGiven: every payload field has its Event field, and counts as given
// exactly when it is set (an empty list is not given).
func TestGiven(t *testing.T) {
	require.Len(t, payloadIndex, len(allFields), "every payload field names an Event field by its JSON name")
	cases := []struct {
		field field
		set   Event
		unset Event
	}{
		{fTitle, Event{Title: "t"}, Event{}},
		{fChallenger, Event{Challenger: "cvs"}, Event{}},
		{fRespondent, Event{Respondent: "council"}, Event{}},
		{fDecision, Event{Decision: &Decision{}}, Event{}},
		{fAware, Event{Aware: compact.MustParseDate("2024-01-02")}, Event{}},
		{fCommitments, Event{Commitments: []string{"c"}}, Event{Commitments: []string{}}},
		{fText, Event{Text: "x"}, Event{}},
		{fStage, Event{Stage: "review"}, Event{}},
		{fTo, Event{To: "ombudsman"}, Event{}},
		{fReference, Event{Reference: "r"}, Event{}},
		{fURL, Event{URL: "https://example.org"}, Event{}},
		{fPerson, Event{Person: "ann"}, Event{}},
		{fPeople, Event{People: []string{"ann"}}, Event{People: []string{}}},
		{fFinal, Event{Final: true}, Event{}},
		{fOutcome, Event{Outcome: Upheld}, Event{}},
		{fActions, Event{Actions: []Action{{Text: "a"}}}, Event{Actions: []Action{}}},
		{fLessons, Event{Lessons: []string{"l"}}, Event{Lessons: []string{}}},
	}
	require.Len(t, cases, len(allFields))
	for _, tc := range cases {
		t.Run(string(tc.field), func(t *testing.T) {
			assert.True(t, tc.set.given(tc.field))
			assert.False(t, tc.unset.given(tc.field))
			for _, other := range allFields {
				if other != tc.field {
					assert.False(t, tc.set.given(other), "only %s is set", tc.field)
				}
			}
		})
	}
	assert.False(t, (&Event{Type: Note}).given("type"), "type is not a payload field")
}
