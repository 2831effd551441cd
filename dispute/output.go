package dispute

import (
	"errors"

	"github.com/compactkit/compactkit/compact"
)

// CaseOutput is the JSON shape of "compact dispute show --format json": a
// case as it stood on a date.
type CaseOutput struct {
	// Case is the id of the case.
	Case string `json:"case"`
	// File is the case file.
	File string `json:"file"`
	// AsOf is the date the case is shown as of.
	AsOf compact.Date `json:"asOf"`
	// Events is the number of events on or before AsOf.
	Events int `json:"events"`
	// Later is the number of events after AsOf, left out of the rest.
	Later int `json:"later"`
	// State is the case's state on AsOf.
	State State `json:"state"`
	// Timeline lists the events on or before AsOf, in order.
	Timeline []Step `json:"timeline"`
	// Deadlines are the case's deadlines on AsOf.
	Deadlines []Deadline `json:"deadlines"`
	// Head is the hash of the case's last event on AsOf.
	Head string `json:"head"`
	// Warnings are sentences about the case that do not stop it loading.
	Warnings []string `json:"warnings,omitempty"`
}

// DueOutput is the JSON shape of "compact dispute due --format json": the
// deadlines of an area's cases due or passed on a date. Its fields are in
// the order they are written.
type DueOutput struct {
	// Area name.
	Area string `json:"area"`
	// AsOf is the date looked from.
	AsOf compact.Date `json:"asOf"`
	// Cases is the number of cases raised on or before AsOf.
	Cases int `json:"cases"`
	// Due are the deadlines due or passed on AsOf, in the order of [DueOn].
	Due []Deadline `json:"due"`
}

// VerifyOutput is the JSON shape of "compact dispute verify --format json"
// when every case matches the checkpoint log (a case that does not is a
// problem, printed in the shape of [compact.Invalid]). Its fields are in
// the order they are written.
type VerifyOutput struct {
	// Area name.
	Area string `json:"area"`
	// Cases are the head of every case, as the log has it.
	Cases []CaseHead `json:"cases"`
	// Verified is always true.
	Verified bool `json:"verified"`
}

// AppliedOutput is the JSON shape of "compact dispute open|apply --format
// json": the events just written and where the case now stands. Its fields
// are in the order they are written.
type AppliedOutput struct {
	// Applied are the events written, in order.
	Applied []Step `json:"applied"`
	// Case is the id of the case.
	Case string `json:"case"`
	// File is the case file.
	File string `json:"file"`
	// Head is the hash of the case's last event.
	Head string `json:"head"`
	// Phase is the state the case is now in.
	Phase Phase `json:"phase"`
	// Stage is the id of the stage the case is now at; empty when it is at
	// none.
	Stage string `json:"stage"`
}

// RefusedOutput is the JSON shape of "compact dispute open|apply --format
// json" when an event is refused, or the case is locked or already exists;
// the case file is unchanged. The fields from Class to State (but Code and
// Reason) are there only for a refused event (a [Refusal]). Its fields are
// in the order they are written.
type RefusedOutput struct {
	// Class is the class of the refusal: the text of ErrTransition,
	// ErrGuard, ErrPermission or ErrInvalidEvent.
	Class *string `json:"class,omitempty"`
	// Code is the stable machine code of the refusal's class.
	Code string `json:"code"`
	// Event is the type of the event refused.
	Event *EventType `json:"event,omitempty"`
	// Field is the payload field at fault; empty when there is none.
	Field *string `json:"field,omitempty"`
	// Index is the position the event would have had in the case's list of
	// events (0 for raised).
	Index *int `json:"index,omitempty"`
	// Reason says why, in words.
	Reason string `json:"reason"`
	// Refused is always true.
	Refused bool `json:"refused"`
	// State is the state the case was in ("new", a stage kind such as
	// "review", "agreed" or "closed").
	State *string `json:"state,omitempty"`
}

// NewRefusedOutput returns err, a refusal, in its JSON shape; code is its
// stable machine code.
func NewRefusedOutput(err error, code string) RefusedOutput {
	out := RefusedOutput{Code: code, Reason: err.Error(), Refused: true}
	var r *Refusal
	if errors.As(err, &r) {
		class := r.Class.Error()
		out.Class, out.Event, out.Field, out.Index, out.State = &class, &r.Event, &r.Field, &r.Index, &r.State
		out.Reason, out.Code = r.Reason, r.Code()
	}
	return out
}
