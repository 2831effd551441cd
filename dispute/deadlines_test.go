package dispute_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/dispute"
)

// christmasComplaint is a complaint made just before Christmas 2023.
var christmasComplaint = []dispute.Event{
	raised("2023-12-18T10:00:00Z"),
	ev(dispute.Admitted, "2023-12-18T14:00:00Z", "dan"),
	ev(dispute.Referred, "2023-12-20T09:00:00Z", "eve", stage("complaint")),
	ev(dispute.Acknowledged, "2024-01-03T10:00:00Z", "ann"),
	ev(dispute.Responded, "2024-01-16T10:00:00Z", "ann"),
	ev(dispute.Stage2Requested, "2024-01-22T10:00:00Z", "eve"),
	ev(dispute.Stage2Acknowledged, "2024-01-24T10:00:00Z", "ann"),
	ev(dispute.Stage2Responded, "2024-02-19T10:00:00Z", "ann", text("Upheld.")),
	ev(dispute.Closed, "2024-02-20T10:00:00Z", "eve", outcome(dispute.Upheld)),
}

// row is a deadline reduced to what the tests compare.
type row struct {
	id      string
	due     string
	status  dispute.DeadlineStatus
	settled string
	left    int // days, or working days for limits in working days
}

func rows(ds []dispute.Deadline) []row {
	var out []row
	for _, d := range ds {
		left := d.DaysLeft
		if d.Unit == "working-days" {
			left = d.WorkingDaysLeft
		}
		out = append(out, row{d.ID, d.Due.String(), d.Status, d.Settled.String(), left})
	}
	return out
}

func TestDeadlinesAcrossChristmas(t *testing.T) {
	c := open(t, riverside(t), christmasComplaint)
	tests := []struct {
		asOf string
		want []row
	}{
		{"2023-12-19", []row{
			{"discuss", "2024-01-18", dispute.StatusPending, "", 19},
			{"ombudsman", "2024-11-01", dispute.StatusPending, "", 318},
			{"judicial-review", "2024-02-01", dispute.StatusPending, "", 44},
		}},
		{"2023-12-28", []row{
			// Left when the case moved on, which is when the discussion is done.
			{"discuss", "2024-01-18", dispute.StatusMet, "2023-12-20", 14},
			// 5 working days from 20 December: 21, 22, 27, 28, 29.
			{"acknowledge", "2023-12-29", dispute.StatusPending, "", 1},
			{"complete", "2024-03-13", dispute.StatusPending, "", 76},
			{"ombudsman", "2024-11-01", dispute.StatusPending, "", 309},
			{"judicial-review", "2024-02-01", dispute.StatusPending, "", 35},
		}},
		{"2024-01-02", []row{
			{"discuss", "2024-01-18", dispute.StatusMet, "2023-12-20", 12},
			{"acknowledge", "2023-12-29", dispute.StatusOverdue, "", -1}, // 1 January is a bank holiday
			{"complete", "2024-03-13", dispute.StatusPending, "", 71},
			{"ombudsman", "2024-11-01", dispute.StatusPending, "", 304},
			{"judicial-review", "2024-02-01", dispute.StatusPending, "", 30},
		}},
		{"2024-01-10", []row{
			{"discuss", "2024-01-18", dispute.StatusMet, "2023-12-20", 6},
			{"acknowledge", "2023-12-29", dispute.StatusLate, "2024-01-03", -7},
			// 10 working days from the acknowledgement on 3 January.
			{"respond", "2024-01-17", dispute.StatusPending, "", 5},
			{"complete", "2024-03-13", dispute.StatusPending, "", 63},
			{"ombudsman", "2024-11-01", dispute.StatusPending, "", 296},
			{"judicial-review", "2024-02-01", dispute.StatusDueSoon, "", 22},
		}},
		{"2024-02-05", []row{
			{"discuss", "2024-01-18", dispute.StatusMet, "2023-12-20", -12},
			{"acknowledge", "2023-12-29", dispute.StatusLate, "2024-01-03", -25},
			{"respond", "2024-01-17", dispute.StatusMet, "2024-01-16", -13},
			{"stage-2-acknowledge", "2024-01-29", dispute.StatusMet, "2024-01-24", -5},
			{"stage-2-response", "2024-02-21", dispute.StatusPending, "", 12},
			{"complete", "2024-03-13", dispute.StatusPending, "", 37},
			{"ombudsman", "2024-11-01", dispute.StatusPending, "", 270},
			{"judicial-review", "2024-02-01", dispute.StatusExpired, "", -4},
		}},
		{"2024-03-31", []row{
			{"discuss", "2024-01-18", dispute.StatusMet, "2023-12-20", -50},
			{"acknowledge", "2023-12-29", dispute.StatusLate, "2024-01-03", -63},
			{"respond", "2024-01-17", dispute.StatusMet, "2024-01-16", -51},
			{"stage-2-acknowledge", "2024-01-29", dispute.StatusMet, "2024-01-24", -43},
			{"stage-2-response", "2024-02-21", dispute.StatusMet, "2024-02-19", -26},
			{"complete", "2024-03-13", dispute.StatusMet, "2024-02-19", -18},
			{"ombudsman", "2024-11-01", dispute.StatusLapsed, "2024-02-20", 215},
			{"judicial-review", "2024-02-01", dispute.StatusLapsed, "2024-02-20", -59},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			got := c.Deadlines(t.Context(), day(tt.asOf))
			assert.Equal(t, tt.want, rows(got))
			var open []row
			for _, r := range tt.want {
				if r.status.Open() {
					open = append(open, r)
				}
			}
			assert.Equal(t, open, rows(c.Due(t.Context(), day(tt.asOf))))
		})
	}
}

func TestClockWarnings(t *testing.T) {
	c := open(t, riverside(t), christmasComplaint)
	jr := func(asOf string) dispute.Deadline {
		for _, d := range c.Deadlines(t.Context(), day(asOf)) {
			if d.ID == "judicial-review" {
				return d
			}
		}
		t.Fatal("no judicial review clock")
		return dispute.Deadline{}
	}
	assert.Empty(t, jr("2024-01-03").Warning, "29 days before, no warning yet")
	assert.Equal(t, dispute.StatusDueSoon, jr("2024-01-04").Status, "28 days before")
	assert.Equal(t, "this time ends on 2024-02-01 whatever the stage, and the case is still at The council's complaints procedure",
		jr("2024-01-04").Warning)
	assert.Equal(t, dispute.StatusDueSoon, jr("2024-02-01").Status, "the last day")
	assert.Equal(t, "this time ended on 2024-02-01 whatever the stage, and the case is still at The council's complaints procedure",
		jr("2024-02-02").Warning)
	assert.Empty(t, jr("2024-02-20").Warning, "closed: no warning")
}

func TestClockMetByReachingAStage(t *testing.T) {
	p := riverside(t)
	c := open(t, p, toLegal) // court reached on 17 November, in time
	var jr dispute.Deadline
	for _, d := range c.Deadlines(t.Context(), day("2023-12-01")) {
		if d.ID == "judicial-review" {
			jr = d
		}
	}
	assert.Equal(t, dispute.StatusMet, jr.Status)
	assert.Equal(t, "2023-11-17", jr.Settled.String())
	assert.Empty(t, jr.Warning)
}

func TestLimitLapsesWhenTheStageEnds(t *testing.T) {
	p := riverside(t)
	// Nominated on 13 November; no recommendation; the case goes on to the complaints procedure.
	c := open(t, p, append(clone(toReview), ev(dispute.Referred, "2023-11-20T10:00:00Z", "eve")))
	var recommend dispute.Deadline
	for _, d := range c.Deadlines(t.Context(), day("2024-01-31")) {
		if d.ID == "recommend" {
			recommend = d
		}
	}
	assert.Equal(t, row{"recommend", "2023-12-25", dispute.StatusLapsed, "2023-11-20", -37}, rows([]dispute.Deadline{recommend})[0])
}

// TestEscalationAfterAnOverrun: escalation comes after the review has
// recommended, or once the review has overrun its time limit.
func TestEscalationAfterAnOverrun(t *testing.T) {
	p := riverside(t)
	// The reviewers were nominated on 13 November; they have 6 weeks, to 25 December.
	c := open(t, p, toReview)
	err := c.Apply(t.Context(), ev(dispute.Escalated, "2023-12-25T16:00:00Z", "eve"))
	require.ErrorIs(t, err, dispute.ErrGuard, "on the last day the review has not overrun")
	require.NoError(t, c.Apply(t.Context(), ev(dispute.Escalated, "2023-12-27T10:00:00Z", "eve")), "two days later it has")
	assert.Equal(t, "ombudsman", c.State().Stage)
	d := c.Deadlines(t.Context(), day("2023-12-27"))
	assert.Equal(t, row{"recommend", "2023-12-25", dispute.StatusLapsed, "2023-12-27", -2}, rows(d)[1])
	assert.Equal(t, row{"ombudsman", "2024-11-01", dispute.StatusMet, "2023-12-27", 310}, rows(d)[2], "the clock stops on reaching the ombudsman")
}

func TestInformTasks(t *testing.T) {
	p := riverside(t)
	// The tenants group has no champion of its own: the champion who speaks
	// for the voluntary and community sector is told (Sam, a steering group
	// member for the CVS, an infrastructure body).
	script := []dispute.Event{
		raised("2023-11-06T10:00:00Z", func(e *dispute.Event) { e.Challenger, e.Actor.Person = "tenants-group", "tom" }),
		ev(dispute.Admitted, "2023-11-07T10:00:00Z", "dan"),
		ev(dispute.AgreementReached, "2023-11-10T10:00:00Z", "ann", text("Agreed.")),
	}
	c := open(t, p, script)
	st := c.State()
	require.Len(t, st.Inform, 2)
	assert.Equal(t, dispute.InformTarget{Organisation: "tenants-group", Role: "compact-champion", People: []string{"sam"}}, st.Inform[0])
	assert.Equal(t, dispute.InformTarget{Organisation: "river-council", Role: "compact-champion", People: []string{"ann"}}, st.Inform[1])
	due := c.Due(t.Context(), day("2023-11-12"))
	require.Len(t, due, 4)
	assert.Equal(t, "Tell the Compact Champion of Riverside Tenants Group (Sam Shaw) of the agreement", due[2].Name)
	assert.Equal(t, dispute.StatusPending, due[2].Status)
	assert.True(t, due[2].Due.IsZero())

	require.NoError(t, c.Apply(t.Context(), ev(dispute.Informed, "2023-11-13T10:00:00Z", "dan", people("sam", "ann"))))
	require.NoError(t, c.Apply(t.Context(), ev(dispute.Closed, "2023-11-14T10:00:00Z", "tom", outcome(dispute.ResolvedByAgreement))))
	var tasks []row
	for _, d := range c.Deadlines(t.Context(), day("2023-11-30")) {
		if d.Kind == dispute.KindInform {
			tasks = append(tasks, rows([]dispute.Deadline{d})...)
		}
	}
	assert.Equal(t, []row{
		{"inform-tenants-group", "", dispute.StatusMet, "2023-11-13", 0},
		{"inform-river-council", "", dispute.StatusMet, "2023-11-13", 0},
	}, tasks)
	assert.Equal(t, dispute.ResolvedByAgreement, c.State().Outcome)
}

func TestAsOf(t *testing.T) {
	c := open(t, riverside(t), christmasComplaint)
	then := c.AsOf(t.Context(), day("2024-01-10"))
	assert.Equal(t, 4, then.Len(), "raised, admitted, referred, acknowledged")
	assert.Equal(t, dispute.Phase("complaint"), then.Phase())
	assert.Equal(t, 9, c.Len(), "the case itself is unchanged")
	assert.Same(t, c, c.AsOf(t.Context(), day("2024-12-31")), "no later events: the case itself")
	assert.Equal(t, 0, c.AsOf(t.Context(), day("2023-12-01")).Len())
	assert.Equal(t, dispute.PhaseNew, c.AsOf(t.Context(), day("2023-12-01")).Phase())
}
