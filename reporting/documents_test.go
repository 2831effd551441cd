package reporting_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/reporting"
)

const planHeader = `apiVersion: compactkit/v1
kind: ActionPlan
id: plan
title: Joint plan
period: 2024-25
`

const validPlan = planHeader + `parties:
  - {id: council, name: The Council, organisation: council}
  - {id: champions, name: Champions, role: compact-champion}
objectives:
  - id: meet
    number: "1"
    section: objectives
    text: Meet regularly.
    undertakings:
      - party: council
        commitment: consult-12-weeks
        measures:
          - {id: meetings, text: At least two meetings, unit: meetings, target: 2, count: {meetings: steering-group}}
      - party: champions
        text: Attend.
        achievement: Still on the agenda.
`

const validPriorities = `apiVersion: compactkit/v1
kind: Priorities
id: priorities
title: Annual priorities
period: 2024-25
priorities:
  - id: events
    number: "1"
    text: Hold good practice events.
    aims: ["1", "2"]
    groups: [events]
    comments: Popular last year.
    measures:
      - {id: held, text: Two events, unit: events, target: 2, count: {meetings: events}}
  - id: join
    text: Bring in new signatories.
    measures:
      - {id: joined, text: Three new signatories, target: 3, count: {newSignatories: true}}
      - {id: champions, text: Every signatory has a champion, target: 2, count: {roleHolders: compact-champion}}
  - id: apprentices
    text: More apprentices.
    measures:
      - {id: hired, text: Sixty more apprentices, unit: people, target: 60, achieved: 45}
  - id: vacancies
    text: Share vacancies.
    achievement: Implemented and successful.
`

func parseDoc(t *testing.T, text string) *compact.Document {
	t.Helper()
	docs, err := compact.Parse("doc.yaml", []byte(text))
	require.NoError(t, err)
	require.Len(t, docs, 1)
	return docs[0]
}

func TestDecodeValid(t *testing.T) {
	p, err := reporting.DecodeActionPlan(parseDoc(t, validPlan))
	require.NoError(t, err)
	assert.Equal(t, "plan", p.ID)
	assert.Equal(t, compact.FinancialYear(2024), p.Period)
	require.Len(t, p.Objectives, 1)
	require.Len(t, p.Objectives[0].Undertakings, 2)
	m := p.Objectives[0].Undertakings[0].Measures[0]
	require.NotNil(t, m.Target)
	assert.InDelta(t, 2, *m.Target, 0)
	assert.Equal(t, "steering-group", m.Count.Meetings)
	assert.Equal(t, 1, p.Source.Line, "the document's position is kept")

	pr, err := reporting.DecodePriorities(parseDoc(t, validPriorities))
	require.NoError(t, err)
	require.Len(t, pr.Priorities, 4)
	assert.Equal(t, []string{"1", "2"}, pr.Priorities[0].Aims)
	assert.True(t, pr.Priorities[1].Measures[0].Count.NewSignatories)
	assert.InDelta(t, 45, *pr.Priorities[2].Measures[0].Achieved, 0)
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		class error
		path  string
		msg   string
	}{
		{"unknown field", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives: []\nowner: me\n", compact.ErrUnknownField, "owner", `unknown field "owner"`},
		{"missing period", "apiVersion: compactkit/v1\nkind: ActionPlan\nid: p\ntitle: T\nparties: [{id: a, name: A, organisation: x}]\nobjectives: []\n", compact.ErrMissing, "period", `missing required field "period"`},
		{"party with neither", planHeader + "parties: [{id: a, name: A}]\nobjectives: []\n", compact.ErrMissing, "parties[0]", "names neither an organisation nor a role"},
		{"party with both", planHeader + "parties: [{id: a, name: A, organisation: x, role: y}]\nobjectives: []\n", compact.ErrValue, "parties[0].role", "names both"},
		{"no parties", planHeader + "parties: []\nobjectives: []\n", compact.ErrMissing, "parties", "at least one party"},
		{"bad id", planHeader + "parties: [{id: 'a b', name: A, organisation: x}]\nobjectives: []\n", compact.ErrValue, "parties[0].id", "not a valid party id"},
		{"duplicate objective", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: []}\n  - {id: o, text: T, undertakings: []}\n", compact.ErrDuplicate, "objectives[1].id", `objective id "o" is given twice`},
		{"unknown party", planHeader + "parties: [{id: council, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: councl, text: Do}]}\n", compact.ErrReference, "objectives[0].undertakings[0].party", `did you mean "council"?`},
		{"party twice", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: a, text: Do}, {party: a, text: Again}]}\n", compact.ErrDuplicate, "objectives[0].undertakings[1].party", "put them in one"},
		{"no text", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: a}]}\n", compact.ErrMissing, "objectives[0].undertakings[0]", "needs its text, or the commitment"},
		{"count two ways", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: a, text: Do, measures: [{id: m, text: M, count: {meetings: b, newSignatories: true}}]}]}\n", compact.ErrValue, "objectives[0].undertakings[0].measures[0].count", "exactly one way"},
		{"count nothing", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: a, text: Do, measures: [{id: m, text: M, count: {}}]}]}\n", compact.ErrValue, "objectives[0].undertakings[0].measures[0].count", "exactly one way"},
		{"counted and recorded", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: a, text: Do, measures: [{id: m, text: M, achieved: 2, count: {meetings: b}}]}]}\n", compact.ErrValue, "objectives[0].undertakings[0].measures[0].achieved", "do not record the achieved value by hand"},
		{"bad status", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: a, text: Do, status: good progress}]}\n", compact.ErrValue, "objectives[0].undertakings[0].status", `did you mean "good-progress"?`},
		{"status not a string", planHeader + "parties: [{id: a, name: A, organisation: x}]\nobjectives:\n  - {id: o, text: T, undertakings: [{party: a, text: Do, status: 3}]}\n", compact.ErrType, "objectives[0].undertakings[0].status", "expected status"},
		{"target a string", "apiVersion: compactkit/v1\nkind: Priorities\nid: p\ntitle: T\nperiod: 2024-25\npriorities:\n  - {id: a, text: A, measures: [{id: m, text: M, target: ten}]}\n", compact.ErrType, "priorities[0].measures[0].target", "expected a number"},
		{"duplicate priority", "apiVersion: compactkit/v1\nkind: Priorities\nid: p\ntitle: T\nperiod: 2024-25\npriorities:\n  - {id: a, text: A}\n  - {id: a, text: B}\n", compact.ErrDuplicate, "priorities[1].id", `priority id "a" is given twice`},
		{"duplicate measure", "apiVersion: compactkit/v1\nkind: Priorities\nid: p\ntitle: T\nperiod: 2024-25\npriorities:\n  - {id: a, text: A, measures: [{id: m, text: M}, {id: m, text: N}]}\n", compact.ErrDuplicate, "priorities[0].measures[1].id", `measure id "m" is given twice`},
		{"bad period", "apiVersion: compactkit/v1\nkind: Priorities\nid: p\ntitle: T\nperiod: 2024-26\npriorities: []\n", compact.ErrValue, "period", "not a period"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseDoc(t, tt.doc)
			var err error
			if doc.Kind == compact.KindPriorities {
				_, err = reporting.DecodePriorities(doc)
			} else {
				_, err = reporting.DecodeActionPlan(doc)
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.class)
			var found bool
			for _, e := range compact.AsErrors(err) {
				if e.Path == tt.path && strings.Contains(e.Msg, tt.msg) {
					found = true
					assert.Positive(t, e.Pos.Line, "the error has a position")
				}
			}
			assert.True(t, found, "want %q at %s, got:\n%v", tt.msg, tt.path, err)
		})
	}
}

func TestDecodeWrongKind(t *testing.T) {
	_, err := reporting.DecodeActionPlan(parseDoc(t, validPriorities))
	assert.ErrorIs(t, err, compact.ErrHeader)
	_, err = reporting.DecodePriorities(parseDoc(t, validPlan))
	assert.ErrorIs(t, err, compact.ErrHeader)
}

func TestLoadPlans(t *testing.T) {
	a := testshire(t, validPlan, validPriorities)
	plans, err := reporting.LoadPlans(a)
	require.NoError(t, err)
	require.Len(t, plans.ActionPlans, 1)
	require.Len(t, plans.Priorities, 1)
	assert.NoError(t, reporting.Check(a))

	none, err := reporting.LoadPlans(testshire(t))
	require.NoError(t, err)
	assert.Empty(t, none.ActionPlans)
	assert.Empty(t, none.Priorities)
}

// TestReferenceErrors checks every reference a plan document makes to its
// area, with the positions and messages as a reader sees them.
func TestReferenceErrors(t *testing.T) {
	bad := strings.Replace(planHeader, "id: plan", "id: bad-plan", 1) + `parties:
  - {id: council, name: The Council, organisation: councl}
  - {id: leads, name: Leads, role: compact-champoin}
objectives:
  - id: meet
    section: objectivs
    text: Meet.
    undertakings:
      - party: council
        commitment: consult-12-week
        measures:
          - {id: m, text: M, target: 2, count: {meetings: steering}}
      - party: leads
        text: Lead.
        measures:
          - {id: h, text: H, count: {roleHolders: nobody}}
`
	badPriorities := `apiVersion: compactkit/v1
kind: Priorities
id: priorities
title: Priorities
period: 2024-25
priorities:
  - {id: a, text: A, aims: ["1", "7"], groups: [steering-grup]}
`
	dup := strings.Replace(validPlan, "title: Joint plan", "title: Same id again", 1)
	_, err := newArea(testCompact, testDirectory, testRecords, bad, badPriorities, validPlan, dup)
	require.NoError(t, err, "the area itself loads: plans are checked by reporting")
	a := testshire(t, bad, badPriorities, validPlan, dup)
	err = reporting.Check(a)
	require.Error(t, err)
	assert.ErrorIs(t, err, compact.ErrReference)
	assert.ErrorIs(t, err, compact.ErrDuplicate)
	var b strings.Builder
	for _, e := range compact.AsErrors(err) {
		b.WriteString(e.Error() + "\n" + e.Snippet() + "\n")
	}
	golden(t, "errors/references.golden", b.String())
}

func TestReferencesWithoutCompact(t *testing.T) {
	a := parseArea(t, testDirectory, validPriorities)
	err := reporting.Check(a)
	require.Error(t, err)
	assert.ErrorIs(t, err, compact.ErrReference)
	assert.Contains(t, err.Error(), "the area has no compact")
}

func TestCheckReportsDecodeErrors(t *testing.T) {
	a := testshire(t, planHeader+"parties: [{id: a, name: A}]\nobjectives: []\n")
	err := reporting.Check(a)
	require.Error(t, err)
	assert.True(t, errors.Is(err, compact.ErrMissing))
}
