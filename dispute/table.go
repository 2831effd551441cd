package dispute

import (
	"reflect"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Who names a class of actor that may record an event.
type Who string

// Classes of actor. An actor acts for an organisation: the one named, or
// the one the person works for. An organisation counts as a party when it
// is the party, part of it (a council service) or the body it is part of.
const (
	WhoChallenger Who = "challenger" // someone acting for the challenger
	WhoRespondent Who = "respondent" // someone acting for the respondent
	WhoParty      Who = "party"      // someone acting for either party
	WhoReviewer   Who = "reviewer"   // a reviewer nominated at the stage, who has not stood down
	WhoBody       Who = "body"       // a member of the stage's body (a role belonging to that kind of body, as steering-group-member does); the steering group when the stage names none
	WhoOfficer    Who = "officer"    // a holder of a role that is a point of contact for the whole area (the compact officer)
	WhoHandled    Who = "handled"    // a party, when an outside body (the stage's handler) acted: the party records it
	WhoSelf       Who = "self"       // the person the event is about (a reviewer standing down)
	WhoAnyone     Who = "anyone"     // anyone in the directory
)

// field is a payload field of an event.
type field string

const (
	fTitle       field = "title"
	fChallenger  field = "challenger"
	fRespondent  field = "respondent"
	fDecision    field = "decision"
	fAware       field = "aware"
	fCommitments field = "commitments"
	fText        field = "text"
	fStage       field = "stage"
	fTo          field = "to"
	fReference   field = "reference"
	fURL         field = "url"
	fPerson      field = "person"
	fPeople      field = "people"
	fFinal       field = "final"
	fOutcome     field = "outcome"
	fActions     field = "actions"
	fLessons     field = "lessons"
)

var allFields = []field{fTitle, fChallenger, fRespondent, fDecision, fAware, fCommitments, fText, fStage, fTo,
	fReference, fURL, fPerson, fPeople, fFinal, fOutcome, fActions, fLessons}

// payloadIndex maps each payload field to the index of the Event field
// that holds it: the field whose JSON name it is.
var payloadIndex = func() map[field]int {
	t := reflect.TypeFor[Event]()
	m := make(map[field]int, len(allFields))
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if f := field(name); slices.Contains(allFields, f) {
			m[f] = i
		}
	}
	return m
}()

// given reports whether the event sets a payload field: a list that is
// not empty, any other value that is not its zero value.
func (e *Event) given(f field) bool {
	i, ok := payloadIndex[f]
	if !ok {
		return false
	}
	v := reflect.ValueOf(e).Elem().Field(i)
	if v.Kind() == reflect.Slice {
		return v.Len() > 0
	}
	return !v.IsZero()
}

// Transition is one row of the state machine: an event type, the phases
// that accept it, the phase it leads to, who may record it, and the
// payload fields it needs and allows.
type Transition struct {
	// Event is the event type.
	Event EventType
	// From lists the phases that accept the event.
	From []Phase
	// To says where the event leads: a phase, "unchanged", or a
	// description ("next stage", "the stage named").
	To string
	// Who may record the event.
	Who []Who
	// Needs lists the payload fields the event must have.
	Needs []string
	// Allows lists the other payload fields it may have.
	Allows []string
	// Guards says, in words, what else must hold.
	Guards string
}

// Stage kinds as phases.
var (
	phAdmissibility = Phase(compact.StageAdmissibility)
	phInformal      = Phase(compact.StageInformal)
	phReview        = Phase(compact.StageReview)
	phComplaint     = Phase(compact.StageComplaint)
	phEscalation    = Phase(compact.StageEscalation)
	phLegal         = Phase(compact.StageLegal)
	// phStages is every phase of a case at a stage.
	phStages = []Phase{phAdmissibility, phInformal, phReview, phComplaint, phEscalation, phLegal}
	// phOpen is every phase of an open case.
	phOpen = append(slices.Clone(phStages), PhaseAgreed)
)

func fields(fs ...field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// table is the state machine: every event type, the phases it applies in,
// where it leads, who may record it and its payload. Guards and effects are
// in machine.go, one case per event type.
var table = []Transition{
	{Raised, []Phase{PhaseNew}, "the first stage", []Who{WhoChallenger},
		fields(fTitle, fChallenger, fRespondent, fText), fields(fDecision, fAware, fCommitments, fReference, fURL),
		"the parties are different organisations, neither part of the other; the commitments cited are the compact's; the decision's date and the aware day are not after the day raised; the decision's record is in the area's records"},
	{EvidenceAdded, phOpen, "unchanged", []Who{WhoParty, WhoReviewer},
		fields(fTitle), fields(fText, fURL, fReference, fCommitments),
		"the commitments cited are the compact's"},
	{Admitted, []Phase{phAdmissibility}, "the next stage, or the stage named", []Who{WhoBody, WhoOfficer},
		nil, fields(fStage, fText),
		"the stage moved to comes later in the procedure, has not been visited, and every stage it comes after is done"},
	{Redirected, []Phase{phAdmissibility, phInformal}, "closed (redirected)", []Who{WhoBody, WhoOfficer, WhoChallenger},
		fields(fText), fields(fTo, fActions, fLessons), ""},
	{Referred, []Phase{phInformal, phReview, phComplaint}, "the next informal, review or complaint stage, or the stage named", []Who{WhoParty},
		nil, fields(fStage, fText, fReference),
		"as admitted; the stage is an informal, review or complaint stage"},
	{AdviceSought, phOpen, "unchanged", []Who{WhoParty},
		nil, fields(fStage, fTo, fText),
		"the stage named, if any, is an advice stage; the same advice is not already being sought"},
	{AdviceReceived, phOpen, "unchanged", []Who{WhoParty},
		nil, fields(fStage, fTo, fText, fURL, fReference),
		"that advice is being sought"},
	{Acknowledged, phStages[1:], "unchanged", []Who{WhoRespondent, WhoBody, WhoHandled},
		nil, fields(fText, fReference), ""},
	{Responded, phStages[1:], "unchanged", []Who{WhoRespondent, WhoBody, WhoHandled},
		nil, fields(fText, fReference, fURL, fFinal), ""},
	{Stage2Requested, []Phase{phComplaint}, "unchanged", []Who{WhoChallenger},
		nil, fields(fText),
		"the stage 1 response was given, or a time limit of the stage ran out; stage 2 was not asked for before"},
	{Stage2Acknowledged, []Phase{phComplaint}, "unchanged", []Who{WhoRespondent, WhoHandled},
		nil, fields(fText, fReference), "stage 2 was asked for"},
	{Stage2Responded, []Phase{phComplaint}, "unchanged", []Who{WhoRespondent, WhoHandled},
		nil, fields(fText, fReference, fURL), "stage 2 was asked for"},
	{ReviewerNominated, []Phase{phReview}, "unchanged", []Who{WhoBody},
		fields(fPerson), fields(fText),
		"the person is in the directory and not already a reviewer; where the stage asks for independent reviewers, the person works for neither party"},
	{ReviewerStoodDown, []Phase{phReview}, "unchanged", []Who{WhoBody, WhoSelf},
		fields(fPerson), fields(fText), "the person is a reviewer"},
	{RecommendationIssued, []Phase{phReview}, "unchanged", []Who{WhoReviewer},
		fields(fText), fields(fActions, fURL),
		"at least the stage's minReviewers reviewers are nominated and have not stood down"},
	{AgreementReached, []Phase{phInformal, phReview, phComplaint, phEscalation, phLegal}, "agreed", []Who{WhoParty},
		fields(fText), fields(fActions, fURL), ""},
	{Informed, phOpen, "unchanged", []Who{WhoParty, WhoBody, WhoOfficer},
		fields(fPeople), fields(fText), "the people are in the directory"},
	{Escalated, []Phase{phInformal, phReview, phComplaint, phEscalation}, "the next escalation (else legal) stage, or the stage named", []Who{WhoChallenger},
		nil, fields(fStage, fTo, fReference, fText),
		"as admitted; the stage is an escalation or legal stage: escalation comes only after the stages it follows are done, or after one of them overran a time limit"},
	{Withdrawn, phOpen, "closed (withdrawn)", []Who{WhoParty},
		nil, fields(fText, fActions, fLessons), ""},
	{Closed, phOpen, "closed (the outcome)", []Who{WhoParty, WhoBody, WhoOfficer},
		fields(fOutcome), fields(fText, fActions, fLessons),
		"resolved-by-agreement: an agreement was reached and everyone to be told of it was told; upheld, partly-upheld, not-upheld: a recommendation was issued, a final response given, or the case is at an escalation or legal stage; escalated: the case is at an escalation or legal stage; withdrawn and redirected have events of their own"},
	{Note, append(slices.Clone(phOpen), PhaseClosed), "unchanged", []Who{WhoAnyone},
		fields(fText), fields(fURL, fReference), ""},
}

// Transitions returns the state machine as a table, one row per event
// type, in the order of [EventTypes].
func Transitions() []Transition {
	out := slices.Clone(table)
	for i := range out {
		out[i].From = slices.Clone(out[i].From)
		out[i].Who = slices.Clone(out[i].Who)
		out[i].Needs = slices.Clone(out[i].Needs)
		out[i].Allows = slices.Clone(out[i].Allows)
	}
	return out
}

// transition returns the row of an event type.
func transition(t EventType) (*Transition, bool) {
	i := slices.IndexFunc(table, func(tr Transition) bool { return tr.Event == t })
	if i < 0 {
		return nil, false
	}
	return &table[i], true
}

// phaseList writes phases for messages: "informal, review or complaint".
func phaseList(ps []Phase) string {
	s := docfmt.EnumStrings(ps)
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
