package reporting_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/reporting"
)

func TestDeriveStatus(t *testing.T) {
	tests := []struct {
		text   string
		status reporting.Status
		phrase string
	}{
		{"", "", ""},
		{"   ", "", ""},
		{"Still on the agenda.", reporting.StatusNotStarted, "still on the agenda"},
		{"Not yet started: waiting for funding.", reporting.StatusNotStarted, "not yet started"},
		{"Implemented and successful.", reporting.StatusAchieved, "implemented"},
		{"Comprehensive programme delivered.", reporting.StatusAchieved, "delivered"},
		{"Target ACHIEVED in March.", reporting.StatusAchieved, "achieved"},
		{"Work completed.", reporting.StatusAchieved, "completed"},
		{"Good progress. Dissemination Events.", reporting.StatusGoodProgress, "good progress"},
		{"Major progress and impact.", reporting.StatusGoodProgress, "major progress"},
		{"Work on attracting disabled employees started and ongoing.", reporting.StatusInProgress, ""},
		{"Still on\nthe   agenda, though work has been delivered elsewhere.", reporting.StatusNotStarted, "still on the agenda"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			st, phrase := reporting.DeriveStatus(tt.text)
			assert.Equal(t, tt.status, st)
			assert.Equal(t, tt.phrase, phrase)
		})
	}
}

func TestStatusAndRAGWords(t *testing.T) {
	tests := []struct {
		status reporting.Status
		label  string
		rag    reporting.RAG
	}{
		{reporting.StatusAchieved, "Achieved", reporting.Green},
		{reporting.StatusGoodProgress, "Good progress", reporting.Amber},
		{reporting.StatusInProgress, "In progress", reporting.Amber},
		{reporting.StatusNotStarted, "Not started", reporting.Red},
		{"", "Not recorded", reporting.NotRated},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.label, tt.status.Label())
		assert.Equal(t, tt.rag, tt.status.RAG())
		assert.Equal(t, tt.status != "", tt.status.Valid())
	}
	assert.Equal(t, []string{"achieved", "good-progress", "in-progress", "not-started"}, reporting.Status("").Values())
	assert.Equal(t, []string{"green", "amber", "red", "not-rated"}, reporting.RAG("").Values())
	for rag, label := range map[reporting.RAG]string{reporting.Green: "Green", reporting.Amber: "Amber", reporting.Red: "Red", reporting.NotRated: "Not rated"} {
		assert.Equal(t, label, rag.Label())
	}
	assert.NotEmpty(t, reporting.Outcome("").Values())
	assert.NotEmpty(t, reporting.Length("").Values())
	assert.NotEmpty(t, reporting.Feedback("").Values())
}

// TestMeasureRatings rates measures from their numbers, their status and
// their achievement text, and rolls them up to the priority.
func TestMeasureRatings(t *testing.T) {
	none := math.NaN()
	tests := []struct {
		name    string
		measure string
		rag     reporting.RAG
		share   float64 // unset (NaN): no share
		basis   string
	}{
		{"at target", "{id: m, text: M, target: 10, achieved: 10}", reporting.Green, 1, "100% of the way: Green"},
		{"over target", "{id: m, text: M, target: 60, achieved: 64}", reporting.Green, 64.0 / 60, "107%"},
		{"half way", "{id: m, text: M, target: 10, achieved: 5}", reporting.Amber, 0.5, "50% of the way: Amber"},
		{"under half", "{id: m, text: M, target: 40, achieved: 18}", reporting.Red, 0.45, "45% of the way: Red"},
		{"from a baseline", "{id: m, text: M, baseline: 100, target: 200, achieved: 140}", reporting.Red, 0.4, "from a baseline of 100"},
		{"lower is better, reached", "{id: m, text: M, baseline: 20, target: 10, achieved: 8}", reporting.Green, 1.2, "Green"},
		{"lower is better, half", "{id: m, text: M, baseline: 20, target: 10, achieved: 15}", reporting.Amber, 0.5, "Amber"},
		{"lower is better, worse", "{id: m, text: M, baseline: 20, target: 10, achieved: 25}", reporting.Red, -0.5, "Red"},
		{"target equals baseline, kept", "{id: m, text: M, baseline: 5, target: 5, achieved: 5}", reporting.Green, 1, "Green"},
		{"target equals baseline, missed", "{id: m, text: M, baseline: 5, target: 5, achieved: 4}", reporting.Red, 0, "Red"},
		{"zero achieved", "{id: m, text: M, target: 3, achieved: 0}", reporting.Red, 0, "0% of the way"},
		{"numbers win over status", "{id: m, text: M, target: 10, achieved: 2, status: achieved}", reporting.Red, 0.2, "Red"},
		{"status only", "{id: m, text: M, status: good-progress}", reporting.Amber, none, "Status recorded as Good progress"},
		{"achievement text", "{id: m, text: M, achievement: Still on the agenda.}", reporting.Red, none, `says "still on the agenda"`},
		{"achievement without a phrase", "{id: m, text: M, achievement: Pilot now enrolling.}", reporting.Amber, none, "work done but not finished"},
		{"target but nothing yet", "{id: m, text: M, target: 3}", reporting.NotRated, none, "Nothing achieved has been recorded yet"},
		{"achieved without target", "{id: m, text: M, achieved: 3}", reporting.NotRated, none, "no target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "apiVersion: compactkit/v1\nkind: Priorities\nid: p\ntitle: T\nperiod: 2024-25\npriorities:\n  - {id: a, text: A, measures: [" + tt.measure + "]}\n"
			pr, err := reporting.DecodePriorities(parseDoc(t, doc))
			require.NoError(t, err)
			tr, err := reporting.NewTracker(testshire(t), d("2025-03-31"))
			require.NoError(t, err)
			got := tr.Priorities(pr)
			m := got.Priorities[0].Measures[0]
			assert.Equal(t, tt.rag, m.RAG)
			if math.IsNaN(tt.share) {
				assert.Nil(t, m.Share)
			} else {
				require.NotNil(t, m.Share)
				assert.InDelta(t, tt.share, *m.Share, 1e-9)
			}
			assert.Contains(t, m.Basis, tt.basis)
			assert.Equal(t, m.RAG, got.Priorities[0].RAG, "a priority with one measure takes its rating")
		})
	}
}

func TestPriorityRollUp(t *testing.T) {
	doc := `apiVersion: compactkit/v1
kind: Priorities
id: p
title: T
period: 2024-25
priorities:
  - {id: worst, text: A, measures: [{id: a, text: A, target: 2, achieved: 2}, {id: b, text: B, target: 10, achieved: 6}, {id: c, text: C}]}
  - {id: own, text: B, status: not-started, measures: [{id: a, text: A, target: 2, achieved: 2}]}
  - {id: none, text: C}
  - {id: unrated, text: D, measures: [{id: a, text: A}]}
`
	pr, err := reporting.DecodePriorities(parseDoc(t, doc))
	require.NoError(t, err)
	tr, err := reporting.NewTracker(testshire(t), d("2025-03-31"))
	require.NoError(t, err)
	got := tr.Priorities(pr)
	assert.Equal(t, reporting.Amber, got.Priorities[0].RAG, "the lowest rated measure; unrated ones do not count")
	assert.Contains(t, got.Priorities[0].Basis, "lowest rating of its 3 measures")
	assert.Equal(t, reporting.Red, got.Priorities[1].RAG, "its own status wins")
	assert.Equal(t, reporting.NotRated, got.Priorities[2].RAG)
	assert.Equal(t, reporting.NotRated, got.Priorities[3].RAG)
	assert.Equal(t, reporting.RAGCount{Green: 0, Amber: 1, Red: 1, NotRated: 2}, got.RAG)
	assert.Equal(t, 4, got.RAG.Total())
}

// TestCountedMeasures counts achieved values from Testshire's records.
func TestCountedMeasures(t *testing.T) {
	a := testshire(t, validPlan, validPriorities,
		`apiVersion: compactkit/v1
kind: RoleCatalogue
id: testshire
extends: reference
`, `apiVersion: compactkit/v1
kind: Records
id: nominations
nominations:
  - {id: n1, role: compact-champion, organisation: council, person: ann, from: 2024-01-01}
  - {id: n2, role: compact-champion, organisation: council, person: cat, from: 2024-01-01, deputyFor: ann}
  - {id: n3, role: compact-champion, organisation: charity, person: bob, from: 2024-06-01, to: 2025-01-31}
`)
	plans, err := reporting.LoadPlans(a)
	require.NoError(t, err)
	tests := []struct {
		asOf     string
		meetings float64 // steering group meetings in 2024-25
		events   float64
		joined   float64
		holders  float64
	}{
		{"2025-03-31", 2, 1, 1, 1},
		{"2024-06-30", 1, 0, 1, 2},
		{"2024-04-01", 0, 0, 0, 1},
		{"2026-01-01", 2, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			tr, err := reporting.NewTracker(a, d(tt.asOf))
			require.NoError(t, err)
			plan := tr.Plan(plans.ActionPlans[0])
			m := plan.Objectives[0].Undertakings[0].Measures[0]
			assert.True(t, m.Counted)
			assert.InDelta(t, tt.meetings, *m.Achieved, 0)
			assert.Contains(t, m.Basis, "Counted from the records")
			u := plan.Objectives[0].Undertakings[0]
			assert.Equal(t, "Consult for twelve weeks.", u.Text, "the commitment's text stands in for a missing text")
			require.NotNil(t, u.Commitment)
			assert.Equal(t, "2.1 Consult for twelve weeks.", u.Commitment.Name)
			assert.Equal(t, reporting.Red, plan.Objectives[0].Undertakings[1].RAG, "still on the agenda")
			require.NotNil(t, plan.Parties[1].Role)
			assert.Equal(t, "Compact Champion", plan.Parties[1].Role.Name)

			pr := tr.Priorities(plans.Priorities[0])
			assert.InDelta(t, tt.events, *pr.Priorities[0].Measures[0].Achieved, 0)
			assert.InDelta(t, tt.joined, *pr.Priorities[1].Measures[0].Achieved, 0)
			assert.InDelta(t, tt.holders, *pr.Priorities[1].Measures[1].Achieved, 0, "deputies do not count")
			assert.Equal(t, []reporting.Ref{{ID: "1", Name: "Work together"}, {ID: "2", Name: "Share good practice"}}, pr.Priorities[0].Aims)
			assert.Equal(t, []reporting.Ref{{ID: "events", Name: "Good practice events"}}, pr.Priorities[0].Groups)
			assert.Equal(t, reporting.Green, pr.Priorities[3].RAG, "implemented and successful")
		})
	}
}

func TestNewTrackerRefusesBadNominations(t *testing.T) {
	a := testshire(t, `apiVersion: compactkit/v1
kind: Records
id: nominations
nominations:
  - {id: n1, role: no-such-role, organisation: council, person: ann, from: 2024-01-01}
`)
	_, err := reporting.NewTracker(a, d("2025-03-31"))
	assert.ErrorIs(t, err, compact.ErrReference)
	_, err = reporting.Build(t.Context(), a, compact.FinancialYear(2024))
	assert.ErrorIs(t, err, compact.ErrReference)
}
