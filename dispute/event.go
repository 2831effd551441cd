package dispute

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// EventType is what an event records.
type EventType string

// Event types, in the order a case usually meets them. The package
// documentation has the table of which stage accepts each and who may
// record it.
const (
	Raised               EventType = "raised"                // a partner challenges a process; opens the case
	EvidenceAdded        EventType = "evidence-added"        // a party or a reviewer adds evidence
	Admitted             EventType = "admitted"              // the challenge is about a process: it goes on
	Redirected           EventType = "redirected"            // the challenge is about a decision: it goes to the normal complaints route; closes the case
	Referred             EventType = "referred"              // the case moves on to an informal, review or complaint stage
	AdviceSought         EventType = "advice-sought"         // a party asks for advice (Compact Voice, say), alongside any stage
	AdviceReceived       EventType = "advice-received"       // the advice came back
	Acknowledged         EventType = "acknowledged"          // the respondent (or the body handling the stage) acknowledged the challenge
	Responded            EventType = "responded"             // the respondent (or the body handling the stage) responded; final: true for a final response
	Stage2Requested      EventType = "stage-2-requested"     // the challenger asked for the complaint to go to stage 2
	Stage2Acknowledged   EventType = "stage-2-acknowledged"  // the respondent acknowledged the stage 2 request
	Stage2Responded      EventType = "stage-2-responded"     // the respondent gave its stage 2 (final) response
	ReviewerNominated    EventType = "reviewer-nominated"    // the reviewing body nominated a reviewer
	ReviewerStoodDown    EventType = "reviewer-stood-down"   // a reviewer stood down (a conflict of interest, say)
	RecommendationIssued EventType = "recommendation-issued" // a reviewer recommended to both parties
	AgreementReached     EventType = "agreement-reached"     // the parties agreed
	Informed             EventType = "informed"              // people were told (the compact champions, of an agreement)
	Escalated            EventType = "escalated"             // the challenger took the case to a national body or to court
	Withdrawn            EventType = "withdrawn"             // a party withdrew the challenge; closes the case
	Closed               EventType = "closed"                // the case closed with an outcome
	Note                 EventType = "note"                  // anything worth keeping on the record; accepted even when closed
)

var eventTypes = []EventType{Raised, EvidenceAdded, Admitted, Redirected, Referred, AdviceSought, AdviceReceived,
	Acknowledged, Responded, Stage2Requested, Stage2Acknowledged, Stage2Responded, ReviewerNominated,
	ReviewerStoodDown, RecommendationIssued, AgreementReached, Informed, Escalated, Withdrawn, Closed, Note}

// EventTypes lists every event type.
func EventTypes() []EventType { return slices.Clone(eventTypes) }

// Values lists the event types.
func (EventType) Values() []string { return docfmt.EnumStrings(eventTypes) }

// Valid reports whether t is an event type.
func (t EventType) Valid() bool { return slices.Contains(eventTypes, t) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (t *EventType) UnmarshalScalar(s docfmt.Scalar) (err error) {
	*t, err = docfmt.ParseEnum(s, eventTypes, "event type")
	return
}

// Outcome is how a case ended. The annual report counts cases by outcome.
type Outcome string

// Outcomes.
const (
	ResolvedByAgreement Outcome = "resolved-by-agreement" // the parties agreed
	Upheld              Outcome = "upheld"                // the challenge was found right
	PartlyUpheld        Outcome = "partly-upheld"         // the challenge was found partly right
	NotUpheld           Outcome = "not-upheld"            // the challenge was found wrong
	OutcomeWithdrawn    Outcome = "withdrawn"             // a party withdrew it
	OutcomeRedirected   Outcome = "redirected"            // it was about a decision, not a process, and went to the normal complaints route
	OutcomeEscalated    Outcome = "escalated"             // it went on to a national body or to court, beyond the local procedure
)

var outcomes = []Outcome{ResolvedByAgreement, Upheld, PartlyUpheld, NotUpheld, OutcomeWithdrawn, OutcomeRedirected, OutcomeEscalated}

// Outcomes lists every outcome.
func Outcomes() []Outcome { return slices.Clone(outcomes) }

// Values lists the outcomes.
func (Outcome) Values() []string { return docfmt.EnumStrings(outcomes) }

// Valid reports whether o is an outcome.
func (o Outcome) Valid() bool { return slices.Contains(outcomes, o) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (o *Outcome) UnmarshalScalar(s docfmt.Scalar) (err error) {
	*o, err = docfmt.ParseEnum(s, outcomes, "outcome")
	return
}

// Timestamp is when an event happened: an RFC 3339 time with its zone
// offset, written 2013-10-01T10:30:00+01:00 (or ...Z for UTC). Deadlines
// count from the day the event happened in England ([Timestamp.Day]).
type Timestamp struct {
	time.Time
}

// At returns the timestamp of t.
func At(t time.Time) Timestamp { return Timestamp{Time: t} }

// MustParseTime parses an RFC 3339 time, panicking on a bad one: for
// literals in tests and examples.
func MustParseTime(s string) Timestamp {
	t, err := parseTimestamp(s)
	if err != nil {
		panic(err)
	}
	return t
}

func parseTimestamp(s string) (Timestamp, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !strings.ContainsAny(s, "Tt") {
		return Timestamp{}, fmt.Errorf("%q is not a time written like 2013-10-01T10:30:00+01:00 (a date, a time and a zone offset)", s)
	}
	return Timestamp{Time: t}, nil
}

// Day returns the calendar day of the timestamp in England (Europe/London),
// whatever offset it was written with: the day deadlines count from.
func (t Timestamp) Day() compact.Date { return compact.DateOf(t.In(london)) }

// String writes the time in RFC 3339, keeping its offset.
func (t Timestamp) String() string { return t.Format(time.RFC3339Nano) }

// MarshalText writes the time in RFC 3339, keeping its offset.
func (t Timestamp) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// MarshalJSON writes the time as a JSON string in RFC 3339.
func (t Timestamp) MarshalJSON() ([]byte, error) { return []byte(`"` + t.String() + `"`), nil }

// UnmarshalText reads an RFC 3339 time.
func (t *Timestamp) UnmarshalText(b []byte) error {
	v, err := parseTimestamp(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// UnmarshalJSON reads an RFC 3339 time from a JSON string.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("a time must be a string written like 2013-10-01T10:30:00+01:00")
	}
	return t.UnmarshalText(b[1 : len(b)-1])
}

// UnmarshalScalar reads a time from a document. It implements
// [docfmt.ScalarUnmarshaler].
func (t *Timestamp) UnmarshalScalar(s docfmt.Scalar) error {
	if s.Kind != docfmt.ScalarString && s.Kind != docfmt.ScalarTimestamp {
		return &docfmt.TypeMismatch{Want: "a time (2013-10-01T10:30:00+01:00)", Got: s}
	}
	return t.UnmarshalText([]byte(s.Text))
}

// Actor is who recorded an event: a person, an organisation, or a person
// acting for an organisation, and the role they acted in.
type Actor struct {
	// Person who acted, by id in the directory.
	Person string `json:"person,omitempty"`
	// Organisation acted for, by id in the directory. For a person it
	// defaults to the organisation the person works for.
	Organisation string `json:"organisation,omitempty"`
	// Role the actor acted in (steering-group-member, compact-officer), by
	// id in the role catalogue. When given, the actor must hold it on the
	// day of the event, and only it counts for the actor's permissions.
	Role string `json:"role,omitempty"`
}

// String describes the actor by ids.
func (a Actor) String() string {
	var parts []string
	if a.Person != "" {
		parts = append(parts, a.Person)
	}
	if a.Organisation != "" {
		parts = append(parts, "for "+a.Organisation)
	}
	if a.Role != "" {
		parts = append(parts, "as "+a.Role)
	}
	return strings.Join(parts, " ")
}

// Decision is the decision whose process is challenged. Its date starts
// the clocks that run from the decision (judicial review).
type Decision struct {
	// Date the decision was made.
	Date compact.Date `json:"date"`
	// Text says what was decided.
	Text string `json:"text"`
	// Record is the id of the funding decision or consultation in the
	// area's records, when there is one.
	Record string `json:"record,omitempty"`
}

// Action is something a party undertakes as a result of the case: the
// annual report lists them.
type Action struct {
	// Text of the action.
	Text string `json:"text"`
	// Owner is the organisation that undertakes it, by id.
	Owner string `json:"owner,omitempty"`
}

// Event is one thing that happened in a case: its type, when, who recorded
// it, and its payload. Which payload fields an event type needs and allows
// is in the package documentation; others are refused.
type Event struct {
	// Type of event.
	Type EventType `json:"type"`
	// At is when it happened.
	At Timestamp `json:"at"`
	// Actor is who recorded it.
	Actor Actor `json:"actor"`

	// Title of the case (raised) or of a piece of evidence (evidence-added).
	Title string `json:"title,omitempty"`
	// Challenger is the organisation that challenges (raised).
	Challenger string `json:"challenger,omitempty"`
	// Respondent is the organisation challenged (raised).
	Respondent string `json:"respondent,omitempty"`
	// Decision whose process is challenged (raised), when there is one.
	Decision *Decision `json:"decision,omitempty"`
	// Aware is the day the challenger became aware of the matter (raised);
	// the decision's date, or else the day raised, when not given. The
	// Ombudsman's twelve months run from it.
	Aware compact.Date `json:"aware,omitzero"`
	// Commitments of the compact the challenge cites, by id (raised,
	// evidence-added).
	Commitments []string `json:"commitments,omitempty"`
	// Text says what happened in words: the challenge, the evidence, the
	// recommendation, the terms agreed, the reasons.
	Text string `json:"text,omitempty"`
	// Stage the case moves to, or the advice stage (admitted, referred,
	// escalated, advice-sought, advice-received), by id in the procedure.
	Stage string `json:"stage,omitempty"`
	// To names who the case goes to: a national body (escalated), an
	// adviser (advice-sought), a complaints route (redirected).
	To string `json:"to,omitempty"`
	// Reference given by the body the case went to, or of a document.
	Reference string `json:"reference,omitempty"`
	// URL of a piece of evidence or of a published response.
	URL string `json:"url,omitempty"`
	// Person nominated as a reviewer, or standing down (reviewer-nominated,
	// reviewer-stood-down), by id.
	Person string `json:"person,omitempty"`
	// People told (informed), by id.
	People []string `json:"people,omitempty"`
	// Final marks a response as the final one of its stage (responded).
	Final bool `json:"final,omitempty"`
	// Outcome of the case (closed).
	Outcome Outcome `json:"outcome,omitempty"`
	// Actions undertaken (recommendation-issued, agreement-reached,
	// redirected, withdrawn, closed).
	Actions []Action `json:"actions,omitempty"`
	// Lessons learned (redirected, withdrawn, closed): reviews aim at
	// learning, not blame.
	Lessons []string `json:"lessons,omitempty"`
}

// Day returns the day the event happened, in England.
func (e *Event) Day() compact.Date { return e.At.Day() }

// Entry is an event as stored in a case file: the event and its hash,
// which chains it to the entry before it.
type Entry struct {
	Event
	// Hash is "sha256:" and the hex SHA-256 of the case id, the previous
	// entry's hash and the event's canonical JSON (see [HashEvent]).
	Hash string `json:"hash"`
	// Key is the id of the key that signed the entry, in the area's keys
	// document ([KeysFile]); empty for an entry written before signing.
	Key string `json:"key,omitempty"`
	// Sealed is the day a legacy entry was signed by compact dispute seal;
	// not set for an entry signed when it was recorded.
	Sealed compact.Date `json:"sealed,omitzero"`
	// Sig is "ed25519:" and the base64 of the Ed25519 signature of
	// [SignatureMessage].
	Sig string `json:"sig,omitempty"`
}

// CaseFile is a document of kind Dispute: one case, as the append-only
// list of its events. Everything about the case (the parties, the
// decision challenged, the title) is in its events, so the hash chain and
// the signatures cover it.
//
//	apiVersion: compactkit/v1
//	kind: Dispute
//	id: transport-grant-2013
//	events:
//	  - type: raised
//	    at: 2013-09-24T09:30:00+01:00
//	    actor: {person: pat-lee}
//	    ...
//	    hash: sha256:...
//	    key: steering-group-2013
//	    sig: ed25519:...
type CaseFile struct {
	compact.TypeMeta
	// ID identifies the case; event files name it in their case field.
	ID string `json:"id"`
	// Events of the case, oldest first.
	Events []Entry `json:"events"`

	// Source is where the document starts.
	Source compact.Position `json:"-"`
}

// EventFile is a document of kind DisputeEvent: one event to apply to a
// case (compact dispute open and apply read them).
//
//	apiVersion: compactkit/v1
//	kind: DisputeEvent
//	case: transport-grant-2013
//	type: reviewer-nominated
//	at: 2013-11-19T14:00:00Z
//	actor: {person: sarah-whitworth, role: steering-group-member}
//	person: ruth-bentley
type EventFile struct {
	compact.TypeMeta
	// Case is the id of the case the event belongs to.
	Case string `json:"case"`
	Event

	// Source is where the document starts.
	Source compact.Position `json:"-"`
}
