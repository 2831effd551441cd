package dispute_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/roles"
)

// areaOf builds an area from one file's text.
func areaOf(t *testing.T, text string) *compact.Area {
	t.Helper()
	docs, err := compact.Parse("area.yaml", []byte(text))
	require.NoError(t, err)
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.NewArea(docs, compact.WithLibrary(lib))
	require.NoError(t, err)
	return a
}

const smallArea = `apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Council, sector: public, kind: local-authority}
  - {id: charity, name: Charity, sector: voluntary-community, kind: charity}
people:
  - {id: ann, name: Ann, organisation: council}
  - {id: eve, name: Eve, organisation: charity}
---
apiVersion: compactkit/v1
kind: Compact
id: small
title: Small Compact
extends: national-2010
`

func TestProcedureChecks(t *testing.T) {
	a := areaOf(t, smallArea+`disputeProcedure:
  scope: Process.
  stages:
    - id: advice
      name: Advice
      kind: advice
    - id: raised
      name: A stage named like a case date
      kind: informal
      minReviewers: 2
      inform: [compact-champoin]
      limits:
        - {id: a, name: A, within: 5, unit: days, from: decison}
        - {id: b, name: B, within: 5, unit: days, until: aware}
        - {id: c, name: C, within: 5, unit: days, from: acknowledged, until: raised}
  clocks:
    - {id: jr, name: JR, within: 3, unit: months, from: ""}
    - {id: x, name: X, within: 3, unit: months, from: decision, until: judicial}
`)
	_, err := dispute.New(a)
	require.Error(t, err)
	var got []string
	for _, e := range compact.AsErrors(err) {
		got = append(got, e.Path+": "+e.Msg)
	}
	assert.Equal(t, []string{
		`disputeProcedure.stages[1].id: stage id "raised" is also the name of a case date or event type, so limits that name it would be ambiguous; rename the stage`,
		`disputeProcedure.stages[1].minReviewers: minReviewers applies to review stages, not informal`,
		`disputeProcedure.stages[1].limits[0].from: "decison" is not something a time limit can count from (did you mean "decision"?); use decision, aware, raised, an event type or a stage id`,
		`disputeProcedure.stages[1].limits[1].until: "aware" is a case date, which is set when the case is raised: a limit cannot wait for it; use an event type or a stage id`,
		`disputeProcedure.stages[1].limits[2].until: "raised" is a case date, which is set when the case is raised: a limit cannot wait for it; use an event type or a stage id`,
		`disputeProcedure.stages[1].inform[0]: unknown role "compact-champoin"; did you mean "compact-champion"?`,
		`disputeProcedure.clocks[0].from: a clock needs from: decision, aware, raised, an event type or a stage id`,
		`disputeProcedure.clocks[1].until: "judicial" is not something a time limit can count until; use an event type or a stage id`,
	}, got)
	for _, e := range compact.AsErrors(err) {
		assert.Equal(t, "area.yaml", e.Pos.File)
		assert.Positive(t, e.Pos.Line, e.Path)
	}

	a = areaOf(t, smallArea+"disputeProcedure:\n  scope: Process.\n  stages:\n    - {id: advice, name: Advice, kind: advice}\n")
	_, err = dispute.New(a)
	require.ErrorIs(t, err, compact.ErrMissing)
	assert.Contains(t, err.Error(), "a dispute procedure needs a stage that is not advice")

	a = areaOf(t, strings.Replace(smallArea, "extends: national-2010\n", "", 1))
	_, err = dispute.New(a)
	require.ErrorIs(t, err, dispute.ErrNoProcedure)
	assert.NoError(t, dispute.Check(t.Context(), a), "nothing to check")
}

func TestCheck(t *testing.T) {
	p := riverside(t)
	c := open(t, p, toReview)
	data, err := dispute.Marshal(c, "case.yaml")
	require.NoError(t, err)
	caseDoc := string(data)
	area := func(extra ...string) *compact.Area {
		return areaOf(t, smallArea+"---\n"+strings.Join(extra, "---\n"))
	}
	// The small area inherits the national procedure, so its cases are checked.
	err = dispute.Check(t.Context(), area("apiVersion: compactkit/v1\nkind: Dispute\nid: a\nevents: []\n"))
	require.ErrorIs(t, err, compact.ErrMissing)
	assert.Contains(t, err.Error(), "events: a case starts with its raised event")

	// A riverside case in the small area names organisations it does not
	// have (a warning), and its stages are not the small area's (refused).
	err = dispute.Check(t.Context(), area(caseDoc))
	require.ErrorIs(t, err, dispute.ErrTransition)
	errs := compact.AsErrors(err)
	require.Len(t, errs, 1)
	assert.Equal(t, "events[1].type", errs[0].Path)
	assert.Contains(t, errs[0].Msg, "admitted applies only at admissibility")

	// The same case twice.
	err = dispute.Check(t.Context(), areaOf(t, mustReadArea(t)+"---\n"+caseDoc+"---\n"+caseDoc))
	require.ErrorIs(t, err, compact.ErrDuplicate)
	assert.Contains(t, err.Error(), `case "grant-cut-2023" is already in area.yaml:`)

	// An event file that does not decode, and a case in an area without a procedure.
	noProcedure := strings.Replace(smallArea, "extends: national-2010\n", "", 1)
	err = dispute.Check(t.Context(), areaOf(t, noProcedure+"---\n"+caseDoc+"---\napiVersion: compactkit/v1\nkind: DisputeEvent\ncase: a\ntype: note\nat: 2024-01-01T00:00:00Z\nactor: {}\ntext: x\nmood: cross\n"))
	require.Error(t, err)
	errs = compact.AsErrors(err)
	require.Len(t, errs, 2)
	assert.ErrorIs(t, errs[0], compact.ErrUnknownField)
	assert.ErrorIs(t, errs[1], dispute.ErrNoProcedure)

	// FindCase finds a case by id.
	a := areaOf(t, mustReadArea(t)+"---\n"+caseDoc)
	d, ok := dispute.FindCase(a, "grant-cut-2023")
	require.True(t, ok)
	assert.Equal(t, compact.KindDispute, d.Kind)
	_, ok = dispute.FindCase(a, "another")
	assert.False(t, ok)
	require.NoError(t, dispute.Check(t.Context(), a))
}

// mustReadArea returns the riverside area's documents as one stream.
func mustReadArea(t *testing.T) string {
	t.Helper()
	var parts []string
	for _, f := range []string{"compact.yaml", "directory.yaml", "records.yaml"} {
		parts = append(parts, readFile(t, "testdata/riverside/"+f))
	}
	return strings.Join(parts, "---\n")
}

func TestReadEvent(t *testing.T) {
	docs, err := compact.Parse("e.yaml", []byte("apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: grant-cut-2023\ntype: note\n"+
		"at: 2024-01-01T10:00:00+00:00\nactor: {person: eve}\ntext: x\n---\napiVersion: compactkit/v1\nkind: DisputeEvent\ncase: 'no good'\n"+
		"type: note\nat: 2024-01-01\nactor: {person: eve}\n---\napiVersion: compactkit/v1\nkind: Dispute\nid: x\nevents: []\n"))
	require.NoError(t, err)
	f, err := dispute.ReadEvent(docs[0])
	require.NoError(t, err)
	assert.Equal(t, "grant-cut-2023", f.Case)
	assert.Equal(t, dispute.Note, f.Type)
	assert.Equal(t, "2024-01-01T10:00:00Z", f.At.String())

	_, err = dispute.ReadEvent(docs[1])
	require.Error(t, err)
	assert.Contains(t, err.Error(), `e.yaml:13:5: at: "2024-01-01" is not a time written like 2013-10-01T10:30:00+01:00`)
	_, err = dispute.ReadEvent(docs[2])
	assert.ErrorIs(t, err, compact.ErrHeader)
}

func TestTimestamp(t *testing.T) {
	for _, bad := range []string{"2024-01-01", "2024-01-01 10:00:00Z", "2024-01-01T10:00:00", "10:00", "2024-13-01T10:00:00Z"} {
		var ts dispute.Timestamp
		assert.Error(t, ts.UnmarshalText([]byte(bad)), bad)
	}
	var ts dispute.Timestamp
	require.NoError(t, ts.UnmarshalText([]byte("2024-07-01T09:30:00.5+01:00")))
	assert.Equal(t, "2024-07-01T09:30:00.5+01:00", ts.String(), "the offset is kept")
	b, err := json.Marshal(ts)
	require.NoError(t, err)
	assert.Equal(t, `"2024-07-01T09:30:00.5+01:00"`, string(b))
	var back dispute.Timestamp
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.Equal(ts.Time))
	assert.Error(t, json.Unmarshal([]byte(`20240701`), &back))
	assert.Error(t, back.UnmarshalScalar(docfmt.Scalar{Kind: docfmt.ScalarInt, Text: "1"}))
	assert.Panics(t, func() { dispute.MustParseTime("yesterday") })
	assert.Equal(t, ts.Time, dispute.At(ts.Time).Time)
}

func TestEnums(t *testing.T) {
	assert.Len(t, dispute.EventType("").Values(), len(dispute.EventTypes()))
	assert.True(t, dispute.Note.Valid())
	assert.False(t, dispute.EventType("appeal").Valid())
	assert.Equal(t, []string{"resolved-by-agreement", "upheld", "partly-upheld", "not-upheld", "withdrawn", "redirected", "escalated"},
		dispute.Outcome("").Values())
	assert.True(t, dispute.Upheld.Valid())
	assert.Equal(t, []string{"limit", "clock", "inform"}, dispute.DeadlineKind("").Values())
	assert.Len(t, dispute.DeadlineStatus("").Values(), 7)

	docs, err := compact.Parse("e.yaml", []byte("apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: a\ntype: notte\nat: 2024-01-01T00:00:00Z\n"+
		"actor: {person: 1}\noutcome: [upheld]\n"))
	require.NoError(t, err)
	_, err = dispute.ReadEvent(docs[0])
	require.Error(t, err)
	assert.Contains(t, err.Error(), `type: "notte" is not a event type; expected one of raised, `)
	assert.Contains(t, err.Error(), `(did you mean "note"?)`)
	assert.Contains(t, err.Error(), "actor.person: expected a string")
	assert.Contains(t, err.Error(), "outcome: expected outcome (resolved-by-agreement, ")
}

func TestOptions(t *testing.T) {
	// With a calendar that has no bank holidays, Christmas counts.
	p := riverside(t, dispute.WithCalendar(weekdays{}))
	c := open(t, p, christmasComplaint[:3])
	var ack dispute.Deadline
	for _, d := range c.Deadlines(t.Context(), day("2023-12-21")) {
		if d.ID == "acknowledge" {
			ack = d
		}
	}
	assert.Equal(t, "2023-12-27", ack.Due.String())
	assert.Equal(t, weekdays{}, p.Calendar())

	reg, err := roles.New(riversideOnce())
	require.NoError(t, err)
	p = riverside(t, dispute.WithRegister(reg), dispute.WithLockWait(0))
	assert.Same(t, reg, p.Register())
	assert.Same(t, riversideOnce(), p.Area())
	assert.Equal(t, "riverside-2020", p.Area().Compact.ID)
	s, ok := p.Stage("review")
	require.True(t, ok)
	assert.Equal(t, 2, s.MinReviewers)
	_, ok = p.Stage("appeal")
	assert.False(t, ok)
	assert.Len(t, p.Definition().Stages, 7)
}

func TestTimeline(t *testing.T) {
	p := riverside(t)
	c := open(t, p, append(clone(toLegal),
		ev(dispute.AdviceSought, "2023-11-18T10:00:00Z", "eve"),
		ev(dispute.AdviceReceived, "2023-11-19T10:00:00Z", "eve"),
		ev(dispute.AdviceSought, "2023-11-19T11:00:00Z", "eve", func(e *dispute.Event) { e.To = "A solicitor" }),
		ev(dispute.Responded, "2023-11-20T10:00:00Z", "eve", func(e *dispute.Event) { e.Final = true }),
		ev(dispute.Closed, "2023-11-21T10:00:00Z", "eve", outcome(dispute.NotUpheld)),
		ev(dispute.Note, "2023-11-22T10:00:00Z", "tom", text("x"))))
	var got []string
	for _, s := range c.Timeline() {
		mark := ""
		if s.Moved {
			mark = " >"
		}
		got = append(got, s.By+": "+s.Summary+mark)
	}
	assert.Equal(t, []string{
		"Eve Evans (Small Charity): Small Charity challenges Riverside Council: Grant halved without notice >",
		"Dan Dale (Riverside CVS): admitted (the challenge is about a process); moves to Discussion between the partners >",
		"Eve Evans (Small Charity): referred to Review by the steering group >",
		"Sam Shaw (Riverside CVS): reviewer nominated: Cat Cole (NHS Riverside)",
		"Sam Shaw (Riverside CVS): reviewer nominated: Fin Ford (Riverside Fire and Rescue)",
		"Cat Cole (NHS Riverside): recommendation to both parties",
		"Eve Evans (Small Charity): escalated to Ombudsman >",
		"Eve Evans (Small Charity): escalated to Judicial review >",
		"Eve Evans (Small Charity): advice sought from Advice from Compact Voice",
		"Eve Evans (Small Charity): advice received from Advice from Compact Voice",
		"Eve Evans (Small Charity): advice sought from A solicitor",
		"Eve Evans (Small Charity): final response",
		"Eve Evans (Small Charity): closed: not-upheld",
		"Tom Tate (Riverside Tenants Group): note",
	}, got)
	st := c.State()
	assert.Equal(t, "court", st.Stage, "closed where it was")
	require.Len(t, st.Advice, 2)
	assert.Equal(t, "2023-11-19", st.Advice[0].Received.String())
	assert.True(t, st.Advice[1].Received.IsZero(), "closed before it came back")
	assert.Equal(t, "2023-11-21", st.Visits[len(st.Visits)-1].Ended.String(), "its stage ended with the case")
}
