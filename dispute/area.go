package dispute

import (
	"context"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Cases loads every case of the procedure's area: its documents of kind
// Dispute, in file order, each replayed faithfully ([Procedure.Decode])
// with the area's guards evaluated under ctx. Every problem in every case
// is reported together as [compact.Errors]; a case id used twice is
// compact.ErrDuplicate. Each case keeps its warnings ([Case.Warnings]).
func (p *Procedure) Cases(ctx context.Context) ([]*Case, error) {
	var out []*Case
	var errs compact.Errors
	seen := map[string]*compact.Document{}
	for _, d := range p.area.DocumentsOf(compact.KindDispute) {
		c, err := p.Decode(ctx, d)
		if err != nil {
			errs = append(errs, compact.AsErrors(err)...)
			continue
		}
		if first, dup := seen[c.ID()]; dup {
			errs = append(errs, d.Errorf("id", compact.ErrDuplicate, "case %q is already in %s", c.ID(), first.Pos))
			continue
		}
		seen[c.ID()] = d
		out = append(out, c)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// FindCase returns the document of the area's case with an id.
func FindCase(area *compact.Area, id string) (*compact.Document, bool) {
	docs := area.DocumentsOf(compact.KindDispute)
	i := slices.IndexFunc(docs, func(d *compact.Document) bool { return d.ID == id })
	if i < 0 {
		return nil, false
	}
	return docs[i], true
}

// ReadEvent decodes a document of kind DisputeEvent strictly.
func ReadEvent(doc *compact.Document) (*EventFile, error) {
	f, err := decodeKind[EventFile](doc, compact.KindDisputeEvent, "an event file")
	if err != nil {
		return nil, err
	}
	if !docfmt.ValidID(f.Case) {
		return nil, doc.Errorf("case", compact.ErrValue, "%q is not a valid case id", f.Case)
	}
	return f, nil
}

// decodeKind decodes a document strictly into a T, when it is of the kind
// T is for; what names such a document in the refusal ("a case file").
func decodeKind[T any](doc *compact.Document, kind compact.Kind, what string) (*T, error) {
	if doc.Kind != kind {
		return nil, doc.Errorf("kind", compact.ErrHeader, "%s is of kind %s, not %s", what, kind, doc.Kind)
	}
	f := new(T)
	if err := doc.Decode(f); err != nil {
		return nil, err
	}
	return f, nil
}

// Check reports what is wrong with an area's disputes, or nil: its
// procedure (see [New]) and keys, every case (each must load, with an
// unbroken hash chain, good signatures and its events in order; see
// [Procedure.Replay]), every case against the checkpoint log beside it
// ([Procedure.Verify]), and every event file. Guards run under ctx. An area
// with no cases and no procedure has nothing to check. Problems are
// reported together as [compact.Errors].
func Check(ctx context.Context, area *compact.Area, opts ...Option) error {
	cases := area.DocumentsOf(compact.KindDispute)
	events := area.DocumentsOf(compact.KindDisputeEvent)
	var errs compact.Errors
	for _, d := range events {
		if _, err := ReadEvent(d); err != nil {
			errs = append(errs, compact.AsErrors(err)...)
		}
	}
	if area.Compact == nil || area.Compact.DisputeProcedure == nil {
		for _, d := range cases {
			errs = append(errs, d.Errorf("kind", ErrNoProcedure, "the area has a case but its compact sets no dispute procedure"))
		}
		return orNil(errs)
	}
	p, err := New(area, opts...)
	if err != nil {
		return append(errs, compact.AsErrors(err)...)
	}
	if _, err := p.Cases(ctx); err != nil {
		errs = append(errs, compact.AsErrors(err)...)
	} else if _, err := p.Verify(ctx); err != nil {
		errs = append(errs, compact.AsErrors(err)...)
	}
	return orNil(errs)
}

// Warnings returns the warnings of every case of the area that loads
// ([Case.Warnings]): stored events that today's data contradicts, and
// events written before signing. Cases that do not load are [Check]'s to
// report; an area without a procedure has no warnings.
func Warnings(ctx context.Context, area *compact.Area, opts ...Option) []Warning {
	p, err := New(area, opts...)
	if err != nil {
		return nil
	}
	var out []Warning
	for _, d := range area.DocumentsOf(compact.KindDispute) {
		if c, err := p.Decode(ctx, d); err == nil {
			out = append(out, c.warnings...)
		}
	}
	return out
}

// orNil returns errs as an error, or nil when it is empty.
func orNil(errs compact.Errors) error {
	if len(errs) == 0 {
		return nil
	}
	return errs
}
