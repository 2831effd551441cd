package dispute_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

// guarded returns the riverside area with conditions added to its
// procedure: each replacement inserts text after a line of its compact.
func guarded(t *testing.T, after ...string) (*dispute.Procedure, error) {
	t.Helper()
	text := mustReadArea(t)
	for i := 0; i+1 < len(after); i += 2 {
		require.Contains(t, text, after[i])
		text = strings.Replace(text, after[i], after[i]+after[i+1], 1)
	}
	return dispute.New(areaOf(t, text))
}

const (
	informalStage = "      inform: [compact-champion]\n"
	reviewStage   = "      independentReviewers: true\n"
	ombudsman     = "      after: [review, complaint]\n"
	acknowledge   = "        - {id: acknowledge, name: Acknowledge the complaint, within: 5, unit: working-days, until: acknowledged"
	jrClock       = "from: decision, until: court, warnDays: 28"
)

func TestGuardsInCEL(t *testing.T) {
	p, err := guarded(t,
		informalStage, `      guards:
        - id: challenger-withdraws
          on: [withdrawn]
          check: actor.organisation.id == case.challenger.id
          message: In Riverside only the challenger withdraws a challenge
`,
		reviewStage, `      guards:
        - id: mixed-panel
          on: [recommendation-issued]
          check: >-
            case.reviewers.exists(r, r.organisation.sector == 'voluntary-community')
            && event.day >= case.raised
          message: The review panel includes someone from the voluntary and community sector
`,
		ombudsman, `      guards:
        - id: councils-only
          on: [escalated]
          check: case.respondent.kind == 'local-authority' && 'compact-officer' in actor.roles == false
          message: The Local Government Ombudsman looks only at councils
`)
	require.NoError(t, err)
	at := "2023-11-20T10:00:00Z"

	// Only the challenger withdraws, though the procedure lets either party.
	r := refusal(t, p, toInformal, ev(dispute.Withdrawn, at, "hal"))
	assert.ErrorIs(t, r, dispute.ErrGuard)
	assert.Equal(t, "In Riverside only the challenger withdraws a challenge (guard challenger-withdraws of Discussion between the partners)", r.Reason)
	require.NoError(t, open(t, p, toInformal).Apply(t.Context(), ev(dispute.Withdrawn, at, "eve")))
	// The guard runs under the caller's context: an ended one stops it,
	// and the case is unchanged.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	ended := open(t, p, toInformal)
	require.ErrorIs(t, ended.Apply(ctx, ev(dispute.Withdrawn, at, "eve")), context.Canceled)
	assert.Equal(t, len(toInformal), ended.Len())

	// The panel needs someone from the voluntary and community sector.
	r = refusal(t, p, toReview, ev(dispute.RecommendationIssued, at, "cat", text("x")))
	assert.Contains(t, r.Reason, "The review panel includes someone from the voluntary and community sector")
	c := open(t, p, toReview)
	require.NoError(t, c.Apply(t.Context(), ev(dispute.ReviewerNominated, at, "sam", person("tom"))))
	require.NoError(t, c.Apply(t.Context(), ev(dispute.RecommendationIssued, at, "cat", text("x"))))

	// A guard of the stage moved to applies to the move: the respondent is a council.
	require.NoError(t, c.Apply(t.Context(), ev(dispute.Escalated, at, "eve")))

	// Against the NHS, escalation to this Ombudsman is refused.
	script := []dispute.Event{raised("2023-11-06T10:00:00Z", func(e *dispute.Event) { e.Respondent = "river-nhs"; e.Decision.Record = "" })}
	script = append(script, toReview[1:]...)
	script[3].Person = "tom" // reviewers from neither party: the NHS is the respondent now
	c = open(t, p, append(script, ev(dispute.RecommendationIssued, "2023-11-15T10:00:00Z", "fin", text("x"))))
	err = c.Apply(t.Context(), ev(dispute.Escalated, at, "eve"))
	require.ErrorIs(t, err, dispute.ErrGuard)
	assert.Contains(t, err.Error(), "The Local Government Ombudsman looks only at councils (guard councils-only of Ombudsman)")

	// Guards also hold on replay.
	again, err := p.Replay(t.Context(), c.ID(), c.Entries())
	require.NoError(t, err)
	assert.Equal(t, c.State(), again.State())
}

func TestWhenConditions(t *testing.T) {
	p, err := guarded(t,
		acknowledge, ", when: \"case.respondent.kind == 'local-authority'\"",
		jrClock, ", when: 'has(case.decision) && params.fundingNoticeMonths >= 3'")
	require.NoError(t, err)
	ids := func(c *dispute.Case, asOf string) []string {
		var out []string
		for _, d := range c.Deadlines(t.Context(), day(asOf)) {
			out = append(out, d.ID)
		}
		return out
	}
	council := open(t, p, christmasComplaint[:3])
	assert.Equal(t, []string{"discuss", "acknowledge", "complete", "ombudsman", "judicial-review"}, ids(council, "2023-12-21"))

	// The NHS is not a council: no limit to acknowledge. No decision: no judicial review.
	nhs := []dispute.Event{raised("2023-12-18T10:00:00Z", func(e *dispute.Event) {
		e.Respondent, e.Decision = "river-nhs", nil
	})}
	c := open(t, p, append(nhs, christmasComplaint[1:3]...))
	assert.Equal(t, []string{"discuss", "complete", "ombudsman"}, ids(c, "2023-12-21"))
}

func TestConditionErrorsPointIntoTheCompact(t *testing.T) {
	_, err := guarded(t,
		reviewStage, `      guards:
        - id: panel
          on: [recomendation-issued]
          check: >-
            case.reviewers.size() > 1 &&
            case.reviewrs.size() < 5
          message: x
        - id: panel
          check: event.day > date('2023-02-30')
          message: y
`,
		jrClock, ", when: 'case.respondent.kind == \"council\"'")
	require.Error(t, err)
	var got []string
	for _, e := range compact.AsErrors(err) {
		got = append(got, e.Pos.String()+" "+e.Path+": "+e.Msg)
	}
	assert.Equal(t, []string{
		`area.yaml:43:16 disputeProcedure.stages[2].guards[0].on[0]: "recomendation-issued" is not an event type (did you mean "recommendation-issued"?)`,
		`area.yaml:46:17 disputeProcedure.stages[2].guards[0].check: undefined field 'reviewrs'; did you mean "reviewers"?`,
		`area.yaml:48:15 disputeProcedure.stages[2].guards[1].id: guard id "panel" is used twice in the stage`,
		`area.yaml:49:35 disputeProcedure.stages[2].guards[1].check: "2023-02-30" is not a day in the calendar`,
		`area.yaml:82:162 disputeProcedure.clocks[1].when: "council" is never a org kind; expected one of local-authority, nhs-body, police, fire-and-rescue, government-department, public-body, education, charity, community-group, social-enterprise, infrastructure-body, network, partnership, business, unknown`,
	}, got)
}
