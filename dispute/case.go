package dispute

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Case is one dispute: its events, and the state they add up to. Open a
// case with [Procedure.Open], rebuild one from its events with
// [Procedure.Replay] or [Procedure.Load], and record what happens next
// with [Case.Apply].
//
// A Case is a value in memory; [Procedure.ApplyFile] is the safe way to
// change a case kept in a file. A Case is not safe for concurrent Apply;
// reading it from several goroutines is.
type Case struct {
	proc     *Procedure
	id       string
	entries  []Entry
	st       State
	warnings []Warning
}

// ID returns the case id.
func (c *Case) ID() string { return c.id }

// Procedure returns the procedure the case runs under.
func (c *Case) Procedure() *Procedure { return c.proc }

// State returns what the events add up to. It is a copy: changing it does
// not change the case.
func (c *Case) State() State { return c.st.clone() }

// Phase returns the state the case is in.
func (c *Case) Phase() Phase { return c.st.Phase }

// Closed reports whether the case is closed.
func (c *Case) Closed() bool { return c.st.Phase == PhaseClosed }

// Entries returns the case's events with their hashes, oldest first. The
// slice is a copy.
func (c *Case) Entries() []Entry {
	out := slices.Clone(c.entries)
	for i := range out {
		out[i].Event = out[i].Event.clone()
	}
	return out
}

// Len returns the number of events.
func (c *Case) Len() int { return len(c.entries) }

// Head returns the hash of the last event. Every write appends it to the
// checkpoint log ([CheckpointFile]), and [Procedure.Verify] checks the
// case against it; record it elsewhere too (in the minutes of the meeting
// that closed the case, say), for a log rewritten with its case.
func (c *Case) Head() string {
	if len(c.entries) == 0 {
		return ""
	}
	return c.entries[len(c.entries)-1].Hash
}

// File returns the case as a document of kind Dispute, ready to write.
func (c *Case) File() *CaseFile {
	return &CaseFile{TypeMeta: compact.TypeMeta{APIVersion: compact.APIVersion, Kind: compact.KindDispute}, ID: c.id, Events: c.Entries()}
}

// clone returns a deep copy sharing the procedure.
func (c *Case) clone() *Case {
	return &Case{proc: c.proc, id: c.id, entries: slices.Clone(c.entries), st: c.st.clone(), warnings: slices.Clone(c.warnings)}
}

// ApplyOption configures [Case.Apply], [Procedure.Open] and
// [Procedure.ApplyFile].
type ApplyOption func(*applyOptions)

type applyOptions struct {
	signer *Signer
}

// SignWith signs the events recorded with s, a key the area's keys
// document lists. An area that signs its events refuses an unsigned one.
func SignWith(s *Signer) ApplyOption { return func(o *applyOptions) { o.signer = s } }

func applyOpts(opts []ApplyOption) applyOptions {
	var o applyOptions
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// Apply records an event: it checks that the event applies in the case's
// phase, that its payload is complete and refers to things that exist,
// that its actor may record it, and every guard of the procedure (the
// area's conditions included, evaluated under ctx); then it appends the
// event with its hash, signed when [SignWith] gives a key. A refused event
// is a [*Refusal] saying why, and changes nothing; so is an unsigned event
// where the area signs its events, or one signed with a key that is not
// the recorder's (or a body's, as the area chooses) on the day. When ctx
// ends during a guard, Apply returns its error and changes nothing.
func (c *Case) Apply(ctx context.Context, e Event, opts ...ApplyOption) error {
	next := c.clone()
	if err := next.push(ctx, e, applyOpts(opts).signer); err != nil {
		return err
	}
	*c = *next
	return nil
}

// push steps the state and appends the entry, signed when s is given.
func (c *Case) push(ctx context.Context, e Event, s *Signer) error {
	e = e.clone()
	if err := c.step(ctx, &e, strict); err != nil {
		return err
	}
	h, err := HashEvent(c.id, c.Head(), &e)
	if err != nil {
		return err
	}
	en := Entry{Event: e, Hash: h}
	if r := c.proc.checkSigner(c, &en, s, e.Day()); r != nil {
		return r
	}
	if s != nil {
		s.sign(c.id, &en, compact.Date{})
	}
	c.entries = append(c.entries, en)
	return nil
}

// checkSigner checks, on writing, that an entry about to be signed by s
// (or left unsigned when s is nil) on a day is what the area asks for.
func (p *Procedure) checkSigner(c *Case, en *Entry, s *Signer, day compact.Date) *Refusal {
	refuse := func(format string, args ...any) *Refusal {
		return &Refusal{Index: len(c.entries), Event: en.Type, State: string(c.st.Phase), Field: "key", Class: ErrSignature,
			Reason: fmt.Sprintf(format, args...)}
	}
	if s == nil {
		if p.keys.required(day) {
			return refuse("the area signs its dispute events from %s: sign this one with a key its keys document lists (compact keys new makes one)",
				p.keys.file.SigningFrom)
		}
		return nil
	}
	k, pub, ok := p.keys.key(s.id)
	switch {
	case p.keys == nil:
		return refuse("the area has no keys document (kind %s), so there is no public key to check a signature with", compact.KindDisputeKeys)
	case !ok:
		return refuse("the area's keys document has no key %q", s.id)
	case s.Public() != EncodePublicKey(pub):
		return refuse("the private key given is not the one whose public half the area lists as %s", s.id)
	case !k.validOn(day):
		return refuse("key %s is valid %s, not on %s", k.ID, validity(k), day)
	}
	if why := p.holderMismatch(k, &en.Event); why != "" {
		return refuse("%s", why)
	}
	return nil
}

// holderMismatch says why a key may not sign an event under the area's
// signing policy, or "".
func (p *Procedure) holderMismatch(k *PublicKey, e *Event) string {
	switch p.keys.file.SignedBy {
	case SignedByRecorder:
		if k.Person == "" || k.Person != e.Actor.Person {
			return fmt.Sprintf("the area's events are signed by whoever records them, and key %s is not %s's", k.ID, p.actorName(e.Actor))
		}
	case SignedByBody:
		if k.Body == "" {
			return fmt.Sprintf("the area's events are signed by a key of one of its bodies, and key %s is %s's", k.ID, p.personName(k.Person))
		}
	}
	return ""
}

// validity says the days a key is valid for.
func validity(k *PublicKey) string {
	if k.To.IsZero() {
		return "from " + k.From.String()
	}
	return "from " + k.From.String() + " to " + k.To.String()
}

// Warnings returns what the case's stored events say that today's data
// contradicts, and the events written before signing: see [Warning].
func (c *Case) Warnings() []Warning { return slices.Clone(c.warnings) }

// Open starts a case with an id and its raised event.
func (p *Procedure) Open(ctx context.Context, id string, raised Event, opts ...ApplyOption) (*Case, error) {
	if !docfmt.ValidID(id) {
		return nil, fmt.Errorf("%q is not a valid case id: use letters, digits, '-', '_' or '.', at most %d characters", id, docfmt.MaxIDLength)
	}
	c := &Case{proc: p, id: id, st: State{ID: id, Phase: PhaseNew}}
	if err := c.Apply(ctx, raised, opts...); err != nil {
		return nil, err
	}
	return c, nil
}

// Replay rebuilds a stored case from its entries, faithfully: it checks
// the hash chain (a broken one is a [*ChainError] naming the first entry
// that does not match), every signature (a [*SignatureError] naming the
// first bad or missing one), and the state machine's order (a [*Refusal]
// with its position). What depends on the directory, roles and records
// (who may record an event, the guards) is judged as they stood on each
// event's day, and where today's data contradicts an event that was
// accepted when it was recorded, the case still loads, with a [Warning]
// naming the event ([Case.Warnings]). Entries written before the area
// signed its events load with a warning too.
func (p *Procedure) Replay(ctx context.Context, id string, entries []Entry) (*Case, error) {
	if !docfmt.ValidID(id) {
		return nil, fmt.Errorf("%q is not a valid case id", id)
	}
	if err := verifyChain(id, entries); err != nil {
		return nil, err
	}
	c := &Case{proc: p, id: id, st: State{ID: id, Phase: PhaseNew}}
	if err := p.verifySignatures(c, entries); err != nil {
		return nil, err
	}
	for i := range entries {
		en := entries[i]
		en.Event = en.Event.clone()
		if err := c.step(ctx, &en.Event, faithful); err != nil {
			return nil, err
		}
		c.entries = append(c.entries, en)
	}
	return c, nil
}

// verifySignatures checks the signature of every entry; the unsigned
// entries a case may keep from before signing are warnings on c.
func (p *Procedure) verifySignatures(c *Case, entries []Entry) error {
	unsigned, signed := 0, false
	for i := range entries {
		en := &entries[i]
		bad := func(format string, args ...any) error {
			return &SignatureError{Case: c.id, Index: i, Event: en.Type, Reason: fmt.Sprintf(format, args...)}
		}
		day := en.Day()
		if en.Sig == "" && en.Key == "" {
			switch {
			case signed:
				return bad("the event is not signed, though an event before it is: events cannot lose their signatures")
			case p.keys.required(day):
				return bad("the event is not signed, and the area signs its events from %s", p.keys.file.SigningFrom)
			}
			unsigned++
			continue
		}
		signed = true
		k, pub, ok := p.keys.key(en.Key)
		if !ok {
			return bad("signed with key %q, which the area's keys document does not list", en.Key)
		}
		if !verifySig(pub, SignatureMessage(c.id, en.Key, en.Sealed, en.Hash), en.Sig) {
			return bad("the signature does not verify with key %s: the event, or one before it, was changed after it was signed", en.Key)
		}
		on := day
		if !en.Sealed.IsZero() {
			on = en.Sealed
		}
		if !k.validOn(on) {
			return bad("key %s is valid %s, not on %s, when the event was signed", k.ID, validity(k), on)
		}
		if why := p.holderMismatch(k, &en.Event); why != "" {
			c.warnings = append(c.warnings, Warning{Index: i, Event: en.Type, Message: "today's keys contradict this signature: " + why})
		}
	}
	if unsigned > 0 && p.keys != nil {
		c.warnings = append(c.warnings, Warning{Index: -1, Message: fmt.Sprintf(
			"%d of the case's %d events were written before signing and are not signed: their hash chain shows changes "+
				"within the file, but not a file rewritten whole; compact dispute seal signs them", unsigned, len(entries))})
	}
	return nil
}

// Decode decodes a document of kind Dispute strictly and replays it
// faithfully (see [Procedure.Replay]). Problems are [compact.Errors]
// pointing at the document: structure, then a broken hash chain (at the
// first entry that does not match), a bad or missing signature, or an
// event out of order (at the event, or at its field at fault). The errors
// wrap ErrTampered, ErrSignature or the refusal's classes, for
// [errors.Is]. The case's warnings carry their place in the document.
func (p *Procedure) Decode(ctx context.Context, doc *compact.Document) (*Case, error) {
	f, err := decodeKind[CaseFile](doc, compact.KindDispute, "a case file")
	if err != nil {
		return nil, err
	}
	if !docfmt.ValidID(f.ID) {
		return nil, doc.Errorf("id", compact.ErrValue, "%q is not a valid case id: use letters, digits, '-', '_' or '.', at most %d characters", f.ID, docfmt.MaxIDLength)
	}
	if len(f.Events) == 0 {
		return nil, doc.Errorf("events", compact.ErrMissing, "a case starts with its raised event; this one has no events")
	}
	c, err := p.Replay(ctx, f.ID, f.Events)
	if err != nil {
		return nil, positioned(doc, err)
	}
	for i := range c.warnings {
		w := &c.warnings[i]
		w.Pos = doc.Pos
		if w.Index >= 0 {
			w.Pos = doc.PositionOf(fmt.Sprintf("events[%d]", w.Index))
		}
	}
	return c, nil
}

// positioned points a replay error at its place in the document. The
// returned error matches the original's classes.
func positioned(doc *compact.Document, err error) error {
	var chain *ChainError
	var ref *Refusal
	var sig *SignatureError
	switch {
	case errors.As(err, &chain):
		e := doc.Errorf(fmt.Sprintf("events[%d].hash", chain.Index), ErrTampered, "%s", chain.Error())
		return compact.Errors{e}
	case errors.As(err, &sig):
		e := doc.Errorf(fmt.Sprintf("events[%d]", sig.Index), ErrSignature, "%s", sig.Error())
		return compact.Errors{e}
	case errors.As(err, &ref):
		path := fmt.Sprintf("events[%d]", ref.Index)
		// Point at the field at fault when the file has it, else at the event.
		if at := path + "." + ref.Field; ref.Field != "" && doc.PositionOf(at) != doc.PositionOf(path+".nowhere") {
			path = at
		}
		e := doc.Errorf(path, ref, "%s", ref.Error())
		return compact.Errors{e}
	}
	return err
}

// clone returns a copy of the decision, or nil for none.
func (d *Decision) clone() *Decision {
	if d == nil {
		return nil
	}
	c := *d
	return &c
}

// clone returns a deep copy of the event.
func (e Event) clone() Event {
	e.Decision = e.Decision.clone()
	e.Commitments = slices.Clone(e.Commitments)
	e.People = slices.Clone(e.People)
	e.Actions = slices.Clone(e.Actions)
	e.Lessons = slices.Clone(e.Lessons)
	return e
}
