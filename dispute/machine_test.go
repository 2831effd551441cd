package dispute_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/dispute"
)

// good returns, for each event type, an event a permitted actor could
// record in some phase, dated after every script.
func good(t dispute.EventType) dispute.Event {
	const at = "2023-11-20T10:00:00Z"
	switch t {
	case dispute.Raised:
		return raised(at)
	case dispute.EvidenceAdded:
		return ev(t, at, "eve", title("Letter of 3 November"))
	case dispute.Admitted:
		return ev(t, at, "dan")
	case dispute.Redirected:
		return ev(t, at, "dan", text("It is about the decision."))
	case dispute.Referred, dispute.AdviceSought, dispute.AdviceReceived, dispute.Stage2Requested, dispute.Escalated, dispute.Withdrawn:
		return ev(t, at, "eve")
	case dispute.Acknowledged, dispute.Responded, dispute.Stage2Acknowledged, dispute.Stage2Responded:
		return ev(t, at, "ann")
	case dispute.ReviewerNominated:
		return ev(t, at, "sam", person("tom"))
	case dispute.ReviewerStoodDown:
		return ev(t, at, "sam", person("cat"))
	case dispute.RecommendationIssued:
		return ev(t, at, "cat", text("Give three months' notice."))
	case dispute.AgreementReached:
		return ev(t, at, "ann", text("Three months' notice."))
	case dispute.Informed:
		return ev(t, at, "dan", people("ann"))
	case dispute.Closed:
		return ev(t, at, "dan", outcome(dispute.OutcomeEscalated))
	case dispute.Note:
		return ev(t, at, "dan", text("Minuted."))
	}
	panic(t)
}

// TestTransitions applies every event type in every phase. The phases a
// row of the state machine lists accept the event, unless a guard of the
// event refuses it in the case the script builds (listed below, with the
// reason); every other phase refuses it as a transition.
func TestTransitions(t *testing.T) {
	p := riverside(t)
	scripts := map[dispute.Phase][]dispute.Event{
		dispute.PhaseNew: nil, "admissibility": toAdmissibility, "informal": toInformal, "review": toReview,
		"complaint": toComplaint, "escalation": toEscalation, "legal": toLegal, dispute.PhaseAgreed: toAgreed,
		dispute.PhaseClosed: toClosed,
	}
	// Cells a phase accepts but the guards refuse in the scripted case.
	guarded := map[dispute.Phase][]dispute.EventType{
		// Nothing is being sought, so nothing can be received; closed (with
		// outcome escalated) needs the case escalated.
		"admissibility": {dispute.AdviceReceived, dispute.Closed},
		// The ombudsman comes after review, which the case has not reached.
		"informal": {dispute.AdviceReceived, dispute.Escalated, dispute.Closed},
		// No recommendation yet, and the six weeks are not up; nothing sought.
		"review": {dispute.AdviceReceived, dispute.Escalated, dispute.Closed},
		// No stage after the complaint to refer to; stage 2 not asked for (it
		// may be: the 5 working days to acknowledge ran out on 17 November);
		// the ombudsman needs the review.
		"complaint": {dispute.AdviceReceived, dispute.Referred, dispute.Stage2Acknowledged, dispute.Stage2Responded,
			dispute.Escalated, dispute.Closed},
		"escalation": {dispute.AdviceReceived},
		"legal":      {dispute.AdviceReceived},
		// The champions have not been told.
		dispute.PhaseAgreed: {dispute.AdviceReceived, dispute.Closed},
	}
	rows := dispute.Transitions()
	require.Len(t, rows, len(dispute.EventTypes()))
	for phase, script := range scripts {
		for _, row := range rows {
			t.Run(fmt.Sprintf("%s/%s", phase, row.Event), func(t *testing.T) {
				e := good(row.Event)
				var c *dispute.Case
				var err error
				if script == nil {
					_, err = p.Open(t.Context(), "grant-cut-2023", e)
				} else {
					c = open(t, p, script)
					before := c.State()
					err = c.Apply(t.Context(), e)
					if err != nil {
						assert.Equal(t, before, c.State(), "a refused event changes nothing")
						assert.Equal(t, len(script), c.Len())
					}
				}
				switch {
				case !slices.Contains(row.From, phase):
					assert.ErrorIs(t, err, dispute.ErrTransition)
				case slices.Contains(guarded[phase], row.Event):
					assert.ErrorIs(t, err, dispute.ErrGuard)
				default:
					require.NoError(t, err)
				}
				if err != nil {
					var r *dispute.Refusal
					require.True(t, errors.As(err, &r))
					assert.ErrorIs(t, err, dispute.ErrRefused)
					assert.Equal(t, string(phase), r.State)
					assert.Equal(t, row.Event, r.Event)
					assert.NotEmpty(t, r.Reason)
				}
			})
		}
	}
}

// TestWhereEventsLead checks the phase each moving event leads to.
func TestWhereEventsLead(t *testing.T) {
	p := riverside(t)
	tests := []struct {
		script []dispute.Event
		event  dispute.Event
		phase  dispute.Phase
		stage  string
	}{
		{nil, raised("2023-11-06T10:00:00Z"), "admissibility", "admissibility"},
		{toAdmissibility, ev(dispute.Admitted, "2023-11-07T10:00:00Z", "dan"), "informal", "informal"},
		{toInformal, ev(dispute.Referred, "2023-11-10T10:00:00Z", "hal"), "review", "review"},
		{toReview, ev(dispute.Referred, "2023-11-20T10:00:00Z", "eve"), "complaint", "complaint"},
		{toEscalation, ev(dispute.Escalated, "2023-11-20T10:00:00Z", "eve"), "legal", "court"},
		{toInformal, ev(dispute.AgreementReached, "2023-11-20T10:00:00Z", "hal", text("Agreed.")), dispute.PhaseAgreed, "informal"},
		{toInformal, ev(dispute.Redirected, "2023-11-20T10:00:00Z", "eve", text("About the decision.")), dispute.PhaseClosed, "informal"},
		{toReview, ev(dispute.Withdrawn, "2023-11-20T10:00:00Z", "ann"), dispute.PhaseClosed, "review"},
		{toClosed, ev(dispute.Note, "2023-12-01T10:00:00Z", "tom", text("Noted at the AGM.")), dispute.PhaseClosed, "informal"},
	}
	for _, tt := range tests {
		t.Run(string(tt.event.Type)+" to "+string(tt.phase), func(t *testing.T) {
			var c *dispute.Case
			var err error
			if tt.script == nil {
				c, err = p.Open(t.Context(), "grant-cut-2023", tt.event)
			} else {
				c = open(t, p, tt.script)
				err = c.Apply(t.Context(), tt.event)
			}
			require.NoError(t, err)
			assert.Equal(t, tt.phase, c.Phase())
			assert.Equal(t, tt.stage, c.State().Stage)
		})
	}
}
