package dispute

import (
	"fmt"

	"github.com/compactkit/compactkit/compact"
)

// Error classes, for [errors.Is]. A refused event is a [*Refusal], which
// matches ErrRefused and one of ErrTransition, ErrGuard, ErrPermission and
// ErrInvalidEvent; a broken hash chain is a [*ChainError], which matches
// ErrTampered.
var (
	// ErrRefused: an event was refused; the case is unchanged.
	ErrRefused = compact.NewClass("event-refused", "event refused", nil)
	// ErrTransition: the event does not apply in the case's current state
	// (a recommendation before the case reached review, say).
	ErrTransition = compact.NewClass("not-allowed-in-state", "not allowed in this state", nil)
	// ErrGuard: the event applies in this state, but a condition of the
	// procedure is not met (too few independent reviewers, say).
	ErrGuard = compact.NewClass("condition-not-met", "condition not met", nil)
	// ErrPermission: the actor may not record this event.
	ErrPermission = compact.NewClass("not-permitted", "not permitted", nil)
	// ErrInvalidEvent: the event itself is malformed: a missing or unknown
	// payload field, an unknown organisation or person, a time before the
	// event before it.
	ErrInvalidEvent = compact.NewClass("invalid-event", "invalid event", nil)
	// ErrTampered: a case file's hash chain is broken: an event was changed,
	// removed or reordered after it was written.
	ErrTampered = compact.NewClass("tampered", "hash chain broken", nil)
	// ErrSignature: an event's signature is missing where the area asks
	// for one, names an unknown key or a key not valid on its day, or does
	// not verify: the event, or one before it, was changed after it was
	// signed.
	ErrSignature = compact.NewClass("bad-signature", "bad signature", nil)
	// ErrCheckpoint: a case does not match the area's checkpoint log: its
	// last events were removed, it was emptied or rolled back to an older
	// copy, or the log itself was changed.
	ErrCheckpoint = compact.NewClass("checkpoint-mismatch", "checkpoint mismatch", nil)
	// ErrNoProcedure: the area's compact has no dispute procedure.
	ErrNoProcedure = compact.NewClass("no-dispute-procedure", "no dispute procedure", nil)
	// ErrLocked: another apply holds the case file's lock.
	ErrLocked = compact.NewClass("case-locked", "case file locked", nil)
	// ErrExists: a case file (or a case with the id) already exists.
	ErrExists = compact.NewClass("case-exists", "case already exists", nil)
)

// Refusal says why an event was refused. A refused event changes nothing.
type Refusal struct {
	// Index is the position the event has, or would have had, in the
	// case's list of events (0 for raised).
	Index int
	// Event is the type of the event refused.
	Event EventType
	// State is the state the case was in ("new", a stage kind such as
	// "review", "agreed" or "closed").
	State string
	// Field is the payload field at fault ("person", "actor.role"), when
	// there is one.
	Field string
	// Class is ErrTransition, ErrGuard, ErrPermission or ErrInvalidEvent.
	Class error
	// Reason says why, in words.
	Reason string
}

// Error says which event was refused and why.
func (r *Refusal) Error() string {
	return fmt.Sprintf("%s refused (event %d, case %s): %s", r.Event, r.Index+1, r.State, r.Reason)
}

// Unwrap returns ErrRefused and the refusal's class.
func (r *Refusal) Unwrap() []error { return []error{ErrRefused, r.Class} }

// Code returns the machine code of the refusal's class
// ("not-allowed-in-state", "condition-not-met", ...); see [compact.Code].
func (r *Refusal) Code() string { return compact.Code(r.Class) }

// ChainError reports the first entry of a case file whose hash does not
// match: that entry, or the one before it, was changed after it was
// written, or entries were removed or reordered.
type ChainError struct {
	// Case is the id of the case.
	Case string
	// Index is the position of the first entry whose hash does not match.
	Index int
	// Event is that entry's type.
	Event EventType
	// Want is the hash the entry's content and position give; Got is the
	// hash stored.
	Want, Got string
}

// Error names the first broken entry.
func (e *ChainError) Error() string {
	return fmt.Sprintf("case %s: the hash of event %d (%s) does not match: the event, or one before it, was changed, "+
		"removed or reordered after it was written", e.Case, e.Index+1, e.Event)
}

// Unwrap returns ErrTampered.
func (e *ChainError) Unwrap() error { return ErrTampered }

// SignatureError reports the first entry of a case whose signature is
// missing or bad.
type SignatureError struct {
	// Case is the id of the case.
	Case string
	// Index is the position of the entry.
	Index int
	// Event is that entry's type.
	Event EventType
	// Reason says what is wrong, in words.
	Reason string
}

// Error names the entry and says what is wrong with its signature.
func (e *SignatureError) Error() string {
	return fmt.Sprintf("case %s: event %d (%s): %s", e.Case, e.Index+1, e.Event, e.Reason)
}

// Unwrap returns ErrSignature.
func (e *SignatureError) Unwrap() error { return ErrSignature }

// Warning is something a stored case says that today's data contradicts
// (a permission, a guard, a person no longer in the directory), or an
// entry written before signing. A warning never stops a case loading:
// the event was checked when it was recorded.
type Warning struct {
	// Pos is where the event is written, when the case came from a file.
	Pos compact.Position `json:"pos"`
	// Index is the event's position in the case (0 for raised); -1 for
	// the case as a whole.
	Index int `json:"index"`
	// Event is the event's type.
	Event EventType `json:"event,omitempty"`
	// Message says what is contradicted, in words.
	Message string `json:"message"`
}

// String writes the warning with its position and event number.
func (w Warning) String() string {
	s := ""
	if w.Pos.File != "" {
		s = w.Pos.String() + ": "
	}
	if w.Index >= 0 {
		s += fmt.Sprintf("event %d (%s): ", w.Index+1, w.Event)
	}
	return s + w.Message
}
