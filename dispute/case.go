package dispute

import (
	"errors"
	"fmt"
	"slices"

	"github.com/compactkit/compactkit/compact"
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
	proc    *Procedure
	id      string
	entries []Entry
	st      State
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

// Head returns the hash of the last event: record it elsewhere (in the
// minutes of the meeting that closed the case, say) and a later check can
// tell that no event was removed from the end.
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
	return &Case{proc: c.proc, id: c.id, entries: slices.Clone(c.entries), st: c.st.clone()}
}

// Apply records an event: it checks that the event applies in the case's
// phase, that its payload is complete and refers to things that exist,
// that its actor may record it, and every guard of the procedure (the
// area's conditions included); then it appends the event with its hash.
// A refused event is a [*Refusal] saying why, and changes nothing.
func (c *Case) Apply(e Event) error {
	next := c.clone()
	if err := next.push(e); err != nil {
		return err
	}
	*c = *next
	return nil
}

// push steps the state and appends the entry.
func (c *Case) push(e Event) error {
	e = e.clone()
	if r := c.step(&e); r != nil {
		return r
	}
	h, err := HashEvent(c.id, c.Head(), &e)
	if err != nil {
		return err
	}
	c.entries = append(c.entries, Entry{Event: e, Hash: h})
	return nil
}

// Open starts a case with an id and its raised event.
func (p *Procedure) Open(id string, raised Event) (*Case, error) {
	if !compact.ValidID(id) {
		return nil, fmt.Errorf("%q is not a valid case id: use letters, digits, '-', '_' or '.', at most %d characters", id, compact.MaxIDLength)
	}
	c := &Case{proc: p, id: id, st: State{ID: id, Phase: PhaseNew}}
	if err := c.Apply(raised); err != nil {
		return nil, err
	}
	return c, nil
}

// Replay rebuilds a case from its entries: it checks the hash chain (a
// broken one is a [*ChainError] naming the first entry that does not
// match) and then applies every event as [Case.Apply] would (a refused one
// is a [*Refusal] with its position). The result is the same case, in the
// same state, as applying the events one by one.
func (p *Procedure) Replay(id string, entries []Entry) (*Case, error) {
	if !compact.ValidID(id) {
		return nil, fmt.Errorf("%q is not a valid case id", id)
	}
	if err := verifyChain(id, entries); err != nil {
		return nil, err
	}
	c := &Case{proc: p, id: id, st: State{ID: id, Phase: PhaseNew}}
	for i := range entries {
		e := entries[i].Event.clone()
		if r := c.step(&e); r != nil {
			return nil, r
		}
		c.entries = append(c.entries, Entry{Event: e, Hash: entries[i].Hash})
	}
	return c, nil
}

// Decode decodes a document of kind Dispute strictly and replays it.
// Problems are [compact.Errors] pointing at the document: structure, then
// a broken hash chain (at the first entry that does not match) or a
// refused event (at the event, or at its field at fault). The errors wrap
// ErrTampered or the refusal's classes, for [errors.Is].
func (p *Procedure) Decode(doc *compact.Document) (*Case, error) {
	if doc.Kind != compact.KindDispute {
		return nil, doc.Errorf("kind", compact.ErrHeader, "a case file is of kind %s, not %s", compact.KindDispute, doc.Kind)
	}
	var f CaseFile
	if err := doc.Decode(&f); err != nil {
		return nil, err
	}
	if !compact.ValidID(f.ID) {
		return nil, doc.Errorf("id", compact.ErrValue, "%q is not a valid case id: use letters, digits, '-', '_' or '.', at most %d characters", f.ID, compact.MaxIDLength)
	}
	if len(f.Events) == 0 {
		return nil, doc.Errorf("events", compact.ErrMissing, "a case starts with its raised event; this one has no events")
	}
	c, err := p.Replay(f.ID, f.Events)
	if err != nil {
		return nil, positioned(doc, err)
	}
	return c, nil
}

// positioned points a replay error at its place in the document. The
// returned error matches the original's classes.
func positioned(doc *compact.Document, err error) error {
	var chain *ChainError
	var ref *Refusal
	switch {
	case errors.As(err, &chain):
		e := doc.Errorf(fmt.Sprintf("events[%d].hash", chain.Index), ErrTampered, "%s", chain.Error())
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

// clone returns a deep copy of the event.
func (e Event) clone() Event {
	if e.Decision != nil {
		d := *e.Decision
		e.Decision = &d
	}
	e.Commitments = slices.Clone(e.Commitments)
	e.People = slices.Clone(e.People)
	e.Actions = slices.Clone(e.Actions)
	e.Lessons = slices.Clone(e.Lessons)
	return e
}
