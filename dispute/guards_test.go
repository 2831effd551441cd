package dispute_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/dispute"
)

// refusal runs a script and one more event, and returns the refusal.
func refusal(t *testing.T, p *dispute.Procedure, script []dispute.Event, e dispute.Event) *dispute.Refusal {
	t.Helper()
	var err error
	if script == nil {
		_, err = p.Open(t.Context(), "grant-cut-2023", e)
	} else {
		c := open(t, p, script)
		before, entries := c.State(), c.Entries()
		err = c.Apply(t.Context(), e)
		assert.Equal(t, before, c.State(), "a refused event changes nothing")
		assert.Equal(t, entries, c.Entries(), "a refused event changes nothing")
	}
	require.Error(t, err)
	var r *dispute.Refusal
	require.True(t, errors.As(err, &r), "%v", err)
	return r
}

func TestGuards(t *testing.T) {
	p := riverside(t)
	at := "2023-11-20T10:00:00Z"
	withReviewers := func(names ...string) []dispute.Event {
		s := append(clone(toInformal), ev(dispute.Referred, "2023-11-10T10:00:00Z", "eve", stage("review")))
		for _, n := range names {
			s = append(s, ev(dispute.ReviewerNominated, "2023-11-13T10:00:00Z", "sam", person(n)))
		}
		return s
	}
	tests := []struct {
		name   string
		script []dispute.Event
		event  dispute.Event
		class  error
		field  string
		reason string
	}{
		// Reviewers: independent, enough, nominated once.
		{"a reviewer from the respondent", withReviewers(), ev(dispute.ReviewerNominated, at, "sam", person("ann")),
			dispute.ErrGuard, "person", "Ann Archer works for Riverside Council, which is a party"},
		{"a reviewer from part of the respondent", withReviewers(), ev(dispute.ReviewerNominated, at, "sam", person("hal")),
			dispute.ErrGuard, "person", "which is part of Riverside Council, a party"},
		{"a reviewer from the challenger", withReviewers(), ev(dispute.ReviewerNominated, at, "sam", person("eve")),
			dispute.ErrGuard, "person", "reviewers come from neither party"},
		{"a reviewer twice", withReviewers("cat"), ev(dispute.ReviewerNominated, at, "sam", person("cat")),
			dispute.ErrGuard, "person", "Cat Cole is already a reviewer"},
		{"a reviewer who is not in the directory", withReviewers(), ev(dispute.ReviewerNominated, at, "sam", person("kat")),
			dispute.ErrInvalidEvent, "person", `unknown person "kat"; did you mean "cat"?`},
		{"a recommendation with one reviewer", withReviewers("cat"), ev(dispute.RecommendationIssued, at, "cat", text("x")),
			dispute.ErrGuard, "type", "has nominated 1 reviewer; the procedure asks for at least 2"},
		{"a recommendation once a reviewer stood down", append(withReviewers("cat", "fin"),
			ev(dispute.ReviewerStoodDown, "2023-11-14T10:00:00Z", "fin", person("fin"))),
			ev(dispute.RecommendationIssued, at, "cat", text("x")), dispute.ErrGuard, "type", "has nominated 1 reviewer"},
		{"standing down someone who is not a reviewer", withReviewers("cat"), ev(dispute.ReviewerStoodDown, at, "sam", person("fin")),
			dispute.ErrGuard, "person", "Fin Ford is not a reviewer"},

		// Moving on: forward only, after the stages that come first.
		{"escalation before the review recommends", toReview, ev(dispute.Escalated, at, "eve"),
			dispute.ErrGuard, "stage", "Ombudsman comes after Review by the steering group, and no recommendation has been made there, and none of its time limits has run out"},
		{"escalation after a final response at review, without a recommendation", append(clone(toReview),
			ev(dispute.Responded, "2023-11-15T10:00:00Z", "ann", func(e *dispute.Event) { e.Final = true })),
			ev(dispute.Escalated, at, "eve"), dispute.ErrGuard, "stage", "no recommendation has been made there"},
		{"escalation straight from the discussion", toInformal, ev(dispute.Escalated, at, "eve", stage("ombudsman")),
			dispute.ErrGuard, "stage", "comes after Review by the steering group, and the case has not been there"},
		{"back to a stage already visited", toReview, ev(dispute.Referred, at, "eve", stage("informal")),
			dispute.ErrGuard, "stage", "the case has already been at Discussion between the partners"},
		{"back to an earlier stage", toComplaint, ev(dispute.Referred, at, "eve", stage("review")),
			dispute.ErrGuard, "stage", "Review by the steering group comes before The council's complaints procedure"},
		{"admitted to a stage whose stage before was skipped", toAdmissibility, ev(dispute.Admitted, at, "dan", stage("complaint")),
			dispute.ErrGuard, "stage", "comes after Discussion between the partners, and the case has not been there"},
		{"referred to an escalation stage", toInformal, ev(dispute.Referred, at, "eve", stage("ombudsman")),
			dispute.ErrInvalidEvent, "stage", "referred moves to a stage of kind informal, review or complaint"},
		{"escalated to a review stage", toInformal, ev(dispute.Escalated, at, "eve", stage("review")),
			dispute.ErrInvalidEvent, "stage", "escalated moves to a stage of kind escalation or legal"},
		{"referred to a stage that does not exist", toInformal, ev(dispute.Referred, at, "eve", stage("reveiw")),
			dispute.ErrInvalidEvent, "stage", `unknown stage "reveiw"; did you mean "review"?`},
		{"nothing after the complaint to refer to", toComplaint, ev(dispute.Referred, at, "eve"),
			dispute.ErrGuard, "stage", "the procedure has no informal, review or complaint stage after The council's complaints procedure"},
		{"referred after an agreement", toAgreed, ev(dispute.Referred, at, "eve"),
			dispute.ErrTransition, "type", "the parties reached an agreement on 2023-11-10"},

		// Closing.
		{"resolved by agreement with no agreement", toInformal, ev(dispute.Closed, at, "dan", outcome(dispute.ResolvedByAgreement)),
			dispute.ErrGuard, "outcome", "no agreement has been reached"},
		{"resolved by agreement before the champions are told", toAgreed, ev(dispute.Closed, at, "dan", outcome(dispute.ResolvedByAgreement)),
			dispute.ErrGuard, "outcome", "Eve Evans must be told of the agreement first (the compact-champion of Small Charity)"},
		{"resolved by agreement with one champion told", append(clone(toAgreed), ev(dispute.Informed, "2023-11-11T10:00:00Z", "dan", people("eve"))),
			ev(dispute.Closed, at, "dan", outcome(dispute.ResolvedByAgreement)),
			dispute.ErrGuard, "outcome", "Ann Archer must be told of the agreement first (the compact-champion of Riverside Council)"},
		{"upheld with no finding", toInformal, ev(dispute.Closed, at, "dan", outcome(dispute.Upheld)),
			dispute.ErrGuard, "outcome", "upheld needs a finding"},
		{"escalated when it was not", toReview, ev(dispute.Closed, at, "dan", outcome(dispute.OutcomeEscalated)),
			dispute.ErrGuard, "outcome", "the case has not been escalated"},
		{"closed as withdrawn", toReview, ev(dispute.Closed, at, "eve", outcome(dispute.OutcomeWithdrawn)),
			dispute.ErrInvalidEvent, "outcome", "a case is withdrawn with a withdrawn event"},
		{"closed as redirected", toReview, ev(dispute.Closed, at, "dan", outcome(dispute.OutcomeRedirected)),
			dispute.ErrInvalidEvent, "outcome", "a case is redirected with a redirected event"},
		{"closed with an outcome that is not one", toReview, ev(dispute.Closed, at, "dan", outcome("settled")),
			dispute.ErrInvalidEvent, "outcome", `"settled" is not an outcome`},
		{"anything but a note once closed", toClosed, ev(dispute.EvidenceAdded, at, "eve", title("Late letter")),
			dispute.ErrTransition, "type", "the case closed on 2023-11-10 (withdrawn); a closed case accepts only notes"},
		{"raised twice", toInformal, raised(at), dispute.ErrTransition, "type", "the case is already open"},
		{"anything before raised", nil, ev(dispute.Note, at, "eve", text("x")), dispute.ErrTransition, "type", "the first event is raised"},

		// The complaints procedure's second stage.
		{"stage 2 before the stage 1 response, in time", toComplaint, ev(dispute.Stage2Requested, "2023-11-14T10:00:00Z", "eve"),
			dispute.ErrGuard, "type", "once the stage 1 response is given, or a time limit of the stage has run out"},
		{"stage 2 twice", append(clone(toComplaint), ev(dispute.Responded, "2023-11-13T10:00:00Z", "ann"),
			ev(dispute.Stage2Requested, "2023-11-14T10:00:00Z", "eve")), ev(dispute.Stage2Requested, at, "eve"),
			dispute.ErrGuard, "type", "stage 2 was already asked for"},
		{"stage 2 response before it was asked for", toComplaint, ev(dispute.Stage2Responded, at, "ann"),
			dispute.ErrGuard, "type", "stage 2 has not been asked for"},

		// Advice.
		{"the same advice twice", append(clone(toInformal), ev(dispute.AdviceSought, "2023-11-08T10:00:00Z", "eve")),
			ev(dispute.AdviceSought, at, "ann"), dispute.ErrGuard, "stage", "advice from Advice from Compact Voice is already being sought (since 2023-11-08)"},
		{"advice received that was not sought", toInformal, ev(dispute.AdviceReceived, at, "eve"),
			dispute.ErrGuard, "type", "no matching advice is being sought"},
		{"advice sought from a stage that is not advice", toInformal, ev(dispute.AdviceSought, at, "eve", stage("review")),
			dispute.ErrInvalidEvent, "stage", "is a stage of kind review, not advice"},

		// The raised event.
		{"challenging yourself", nil, raised(at, func(e *dispute.Event) { e.Challenger, e.Actor.Person = "river-housing", "hal" }),
			dispute.ErrGuard, "respondent", "must be different organisations, neither part of the other"},
		{"an unknown challenger", nil, raised(at, func(e *dispute.Event) { e.Challenger = "small-charty" }),
			dispute.ErrInvalidEvent, "challenger", `did you mean "small-charity"?`},
		{"a commitment the compact does not make", nil, raised(at, func(e *dispute.Event) { e.Commitments = []string{"funding-notise"} }),
			dispute.ErrInvalidEvent, "commitments[0]", `unknown commitment "funding-notise"; did you mean "funding-notice"?`},
		{"a decision after the challenge", nil, raised("2023-10-01T10:00:00Z"),
			dispute.ErrInvalidEvent, "decision.date", "the decision (2023-11-01) is after the day the case is raised (2023-10-01)"},
		{"a decision record that does not exist", nil, raised(at, func(e *dispute.Event) { e.Decision.Record = "grant-cuts" }),
			dispute.ErrInvalidEvent, "decision.record", `"grant-cuts" is not the id of a funding decision`},
		{"a decision with no text", nil, raised(at, func(e *dispute.Event) { e.Decision.Text = " " }),
			dispute.ErrInvalidEvent, "decision.text", "the decision needs its text"},
		{"becoming aware after the challenge", nil, raised(at, func(e *dispute.Event) { e.Aware = day("2023-12-01") }),
			dispute.ErrInvalidEvent, "aware", "is after the day the case is raised"},

		// The shape of events.
		{"a field the event does not take", toReview, ev(dispute.Note, at, "eve", text("x"), person("cat")),
			dispute.ErrInvalidEvent, "person", "a note event has no field person; it takes text, url, reference"},
		{"a field the event needs", toReview, ev(dispute.ReviewerNominated, at, "sam"),
			dispute.ErrInvalidEvent, "person", "a reviewer-nominated event needs person"},
		{"an event type that is not one", toReview, ev("appealed", at, "eve"),
			dispute.ErrInvalidEvent, "type", `"appealed" is not an event type`},
		{"no time", toReview, dispute.Event{Type: dispute.Note, Actor: dispute.Actor{Person: "eve"}, Text: "x"},
			dispute.ErrInvalidEvent, "at", "the event needs the time it happened"},
		{"time going backwards", toReview, ev(dispute.Note, "2023-11-12T10:00:00Z", "eve", text("x")),
			dispute.ErrInvalidEvent, "at", "before the event before it"},
		{"an action with no text", toInformal, ev(dispute.AgreementReached, at, "ann", text("x"),
			func(e *dispute.Event) { e.Actions = []dispute.Action{{Owner: "river-council"}} }),
			dispute.ErrInvalidEvent, "actions[0].text", "an action needs its text"},
		{"an action owner who is not in the directory", toInformal, ev(dispute.AgreementReached, at, "ann", text("x"),
			func(e *dispute.Event) { e.Actions = []dispute.Action{{Text: "Pay", Owner: "river-counsil"}} }),
			dispute.ErrInvalidEvent, "actions[0].owner", `did you mean "river-council"?`},
		{"informing someone not in the directory", toAgreed, ev(dispute.Informed, at, "dan", people("ann", "zed")),
			dispute.ErrInvalidEvent, "people[1]", `unknown person "zed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := refusal(t, p, tt.script, tt.event)
			assert.ErrorIs(t, r, tt.class)
			assert.Equal(t, tt.field, r.Field)
			assert.Contains(t, r.Reason, tt.reason)
		})
	}
}

func TestPermissions(t *testing.T) {
	p := riverside(t)
	at := "2023-11-20T10:00:00Z"
	tests := []struct {
		name   string
		script []dispute.Event
		event  dispute.Event
		ok     bool
		field  string
		reason string
	}{
		{"the challenger raises", nil, raised(at), true, "", ""},
		{"the respondent cannot raise", nil, raised(at, func(e *dispute.Event) { e.Actor.Person = "ann" }), false, "actor",
			"only the challenger (Small Charity) may record raised; Ann Archer (Riverside Council) is not"},
		{"a steering group member admits", toAdmissibility, ev(dispute.Admitted, at, "sam"), true, "", ""},
		{"the compact officer admits", toAdmissibility, ev(dispute.Admitted, at, "dan"), true, "", ""},
		{"a party cannot admit its own challenge", toAdmissibility, ev(dispute.Admitted, at, "eve"), false, "actor",
			"only a member of Riverside Compact Steering Group or the compact officer may record admitted"},
		{"the respondent cannot redirect", toAdmissibility, ev(dispute.Redirected, at, "hal", text("x")), false, "actor", "may record redirected"},
		{"the challenger may redirect its own challenge", toAdmissibility, ev(dispute.Redirected, at, "eve", text("x")), true, "", ""},
		{"a steering group member nominates reviewers", toReview, ev(dispute.ReviewerNominated, at, "ann", person("tom")), true, "", ""},
		{"the compact officer does not nominate reviewers", toReview, ev(dispute.ReviewerNominated, at, "dan", person("tom")), false, "actor",
			"only a member of Riverside Compact Steering Group may record reviewer-nominated"},
		{"a nominated reviewer recommends", toReview, ev(dispute.RecommendationIssued, at, "fin", text("x")), true, "", ""},
		{"a steering group member who is not a reviewer does not", toReview, ev(dispute.RecommendationIssued, at, "sam", text("x")), false, "actor",
			"only a reviewer nominated at this stage may record recommendation-issued"},
		{"a reviewer stands themself down", toReview, ev(dispute.ReviewerStoodDown, at, "cat", person("cat")), true, "", ""},
		{"a reviewer cannot stand another down", toReview, ev(dispute.ReviewerStoodDown, at, "cat", person("fin")), false, "actor",
			"the reviewer themself"},
		{"a party withdraws", toReview, ev(dispute.Withdrawn, at, "eve"), true, "", ""},
		{"so does the other party", toReview, ev(dispute.Withdrawn, at, "hal"), true, "", ""},
		{"only a party withdraws", toReview, ev(dispute.Withdrawn, at, "sam"), false, "actor",
			"only a party (Small Charity or Riverside Council) may record withdrawn; Sam Shaw (Riverside CVS) is not"},
		{"only the challenger escalates", append(clone(toReview), ev(dispute.RecommendationIssued, "2023-11-15T10:00:00Z", "cat", text("x"))),
			ev(dispute.Escalated, at, "ann"), false, "actor", "only the challenger (Small Charity) may record escalated"},
		{"the respondent acknowledges", toComplaint, ev(dispute.Acknowledged, at, "hal"), true, "", ""},
		{"the challenger does not acknowledge for the respondent", toComplaint, ev(dispute.Acknowledged, at, "eve"), false, "actor", "may record acknowledged"},
		{"a party records what the Ombudsman did", toEscalation, ev(dispute.Acknowledged, at, "eve"), true, "", ""},
		{"an outsider does not", toEscalation, ev(dispute.Acknowledged, at, "cat"), false, "actor",
			"a party, for Local Government and Social Care Ombudsman"},
		{"anyone may note", toClosed, ev(dispute.Note, at, "fin", text("x")), true, "", ""},
		{"acting in a role held", toAdmissibility, ev(dispute.Admitted, at, "sam", role("steering-group-member")), true, "", ""},
		{"acting in a role not held", toAdmissibility, ev(dispute.Admitted, at, "eve", role("compact-officer")), false, "actor.role",
			"Eve Evans does not hold the role compact-officer on 2023-11-20"},
		{"the role then limits what counts", toAdmissibility, ev(dispute.Admitted, at, "sam", role("compact-champion")), false, "actor",
			"may record admitted"},
		{"acting in a role that does not exist", toAdmissibility, ev(dispute.Admitted, at, "sam", role("compact-oficer")), false, "actor.role",
			`unknown role "compact-oficer"; did you mean "compact-officer"?`},
		{"acting for the organisation one's service is part of", toComplaint, ev(dispute.Acknowledged, at, "hal", org("river-council")), true, "", ""},
		{"acting for an organisation one has nothing to do with", toInformal, ev(dispute.EvidenceAdded, at, "fin", org("small-charity"), title("x")),
			false, "actor.organisation", "Fin Ford works for Riverside Fire and Rescue and holds no role for Small Charity on 2023-11-20, so cannot act for it"},
		{"acting for an organisation one holds a role for", toInformal, ev(dispute.EvidenceAdded, at, "ann", org("river-council"), title("x")), true, "", ""},
		{"an organisation acting for itself", toInformal, dispute.Event{Type: dispute.EvidenceAdded, At: dispute.MustParseTime(at),
			Actor: dispute.Actor{Organisation: "small-charity"}, Title: "x"}, true, "", ""},
		{"an actor with no one in it", toInformal, dispute.Event{Type: dispute.Note, At: dispute.MustParseTime(at), Text: "x"}, false, "actor",
			"the actor needs a person or an organisation"},
		{"an actor who is not in the directory", toInformal, ev(dispute.Note, at, "evie", text("x")), false, "actor.person",
			`unknown person "evie"; did you mean "eve"?`},
		{"an organisation that is not in the directory", toInformal, dispute.Event{Type: dispute.Note, At: dispute.MustParseTime(at), Text: "x",
			Actor: dispute.Actor{Organisation: "small"}}, false, "actor.organisation", `unknown organisation "small"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ok {
				if tt.script == nil {
					_, err := p.Open(t.Context(), "grant-cut-2023", tt.event)
					require.NoError(t, err)
					return
				}
				require.NoError(t, open(t, p, tt.script).Apply(t.Context(), tt.event))
				return
			}
			r := refusal(t, p, tt.script, tt.event)
			assert.Equal(t, tt.field, r.Field)
			assert.Contains(t, r.Reason, tt.reason)
			if strings.HasPrefix(tt.reason, "unknown") || strings.HasPrefix(tt.reason, "the actor needs") {
				assert.ErrorIs(t, r, dispute.ErrInvalidEvent)
			} else {
				assert.ErrorIs(t, r, dispute.ErrPermission)
			}
		})
	}
}
