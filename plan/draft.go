package plan

import (
	"fmt"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/rules"
)

// Draft is a Draft document: one record not yet made — a proposed funding
// change with its intended effective date, or a consultation with its
// intended opening — written as in a Records document, with the dates the
// officer intends: when the decision is to be taken and when it takes
// effect, when a consultation is to open and close. The dates of the steps
// before and after (an impact assessment, notice, a summary of responses)
// are the plan's to give, and a draft leaves them out, or gives them to
// have them checked.
//
//	apiVersion: compactkit/v1
//	kind: Draft
//	id: advice-cut-2025
//	title: Reduce the advice services grant
//	funding:
//	  id: advice-cut-2025
//	  funder: dover-dc
//	  recipient: hub
//	  kind: reduction
//	  decided: 2025-03-03
//	  reasons: The council's budget for 2025-26 is cut by a tenth.
//	  noticeForm: written
//	  effective: 2025-10-01
type Draft struct {
	compact.TypeMeta
	// ID names the draft; the plan and its calendar events are named after it.
	ID string `json:"id"`
	// Title of the proposal, for people ("Reduce the advice services grant").
	Title string `json:"title,omitempty"`
	// Funding is a draft funding decision. A draft gives Funding or
	// Consultation, not both.
	Funding *compact.FundingDecision `json:"funding,omitempty"`
	// Consultation is a draft consultation.
	Consultation *compact.Consultation `json:"consultation,omitempty"`

	// Source is where the document was read from.
	Source compact.Position `json:"-"`
}

// Record returns the draft's record: a *compact.FundingDecision or a
// *compact.Consultation.
func (d *Draft) Record() any {
	if d.Funding != nil {
		return d.Funding
	}
	return d.Consultation
}

// ReadDraft reads a Draft document from a file and checks it against the
// area it is planned in (see [DecodeDraft]).
func ReadDraft(path string, area *compact.Area) (*Draft, error) {
	docs, err := compact.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, compact.Errors{{Pos: compact.Position{File: path}, Err: compact.ErrValue,
			Msg: fmt.Sprintf("a draft file holds one Draft document; this one holds %d", len(docs))}}
	}
	return DecodeDraft(docs[0], area)
}

// DecodeDraft reads a Draft document strictly and checks it against the
// area it is planned in: one record, with an id; the organisations it names
// are the area's; its facts are the ones the area's compact declares, of
// their types. Every problem is reported together as [compact.Errors], each
// with its file, line, column and field.
func DecodeDraft(doc *compact.Document, area *compact.Area) (*Draft, error) {
	if doc.Kind != compact.KindDraft {
		return nil, compact.Errors{doc.Errorf("kind", compact.ErrHeader, "expected a Draft document, found %s", doc.Kind)}
	}
	var d Draft
	if err := doc.Decode(&d); err != nil {
		return nil, err
	}
	d.Source = doc.Pos
	var errs compact.Errors
	errf := func(path string, class error, format string, args ...any) {
		errs = append(errs, doc.Errorf(path, class, format, args...))
	}
	if !docfmt.ValidID(d.ID) {
		errf("id", compact.ErrValue, "%q is not a valid draft id: use letters, digits, '-', '_' or '.'", d.ID)
	}
	switch {
	case d.Funding == nil && d.Consultation == nil:
		errf("funding", compact.ErrMissing, "a draft gives one record: a funding decision (funding) or a consultation (consultation)")
	case d.Funding != nil && d.Consultation != nil:
		errf("consultation", compact.ErrValue, "a draft gives one record, funding or consultation, not both: plan them as two drafts")
	case d.Funding != nil:
		f := d.Funding
		org(area, doc, &errs, "funding.funder", f.Funder)
		org(area, doc, &errs, "funding.recipient", f.Recipient)
		if f.Kind == "" {
			errf("funding.kind", compact.ErrMissing, "say what the draft does to the funding: new, renewal, reduction or ending")
		}
		errs = append(errs, facts(area, doc, "funding", f.ID, f.Facts)...)
	default:
		c := d.Consultation
		org(area, doc, &errs, "consultation.owner", c.Owner)
		if c.Closes.Before(c.Opens) {
			errf("consultation.closes", compact.ErrValue, "the consultation closes on %s, before it opens on %s", c.Closes, c.Opens)
		}
		errs = append(errs, facts(area, doc, "consultation", c.ID, c.Facts)...)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return &d, nil
}

// org checks that a draft names an organisation of the area.
func org(area *compact.Area, doc *compact.Document, errs *compact.Errors, path, id string) {
	if id == "" {
		*errs = append(*errs, doc.Errorf(path, compact.ErrMissing, "name the organisation by its id in the area's directory"))
		return
	}
	if area == nil {
		return
	}
	if _, ok := area.Organisation(id); !ok {
		*errs = append(*errs, doc.Errorf(path, compact.ErrReference, "no organisation %q in the directory of %s", id, area.Name))
	}
}

// facts types a draft record's facts against the area's declarations.
func facts(area *compact.Area, doc *compact.Document, kind, id string, fs compact.Facts) compact.Errors {
	var decls map[string]compact.FactDecl
	if area != nil && area.Compact != nil {
		decls = area.Compact.Facts.Of(kind)
	}
	var errs compact.Errors
	for _, p := range compact.TypeFacts(decls, kind, id, fs) {
		if p.Class == compact.ErrMissing {
			continue // a draft may not know every required fact yet; the plan's findings say so
		}
		errs = append(errs, doc.Errorf(kind+".facts."+p.Name, p.Class, "%s", p.Msg))
	}
	return errs
}

// kindOf is the subject kind of a draft's record.
func (d *Draft) kindOf() rules.SubjectKind {
	if d.Funding != nil {
		return rules.OnFunding
	}
	return rules.OnConsultation
}

// Check decodes every Draft document kept with an area (a draft saved in
// the area's folder), each checked against the area as [DecodeDraft]
// checks it, and returns every problem, or nil.
func Check(area *compact.Area) error {
	var errs compact.Errors
	for _, doc := range area.DocumentsOf(compact.KindDraft) {
		if _, err := DecodeDraft(doc, area); err != nil {
			errs = append(errs, compact.AsErrors(err)...)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
