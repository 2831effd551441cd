package reporting

import (
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/roles"
)

// Plans are the action plans and statements of annual priorities of an
// area, decoded and checked.
type Plans struct {
	// ActionPlans in file order.
	ActionPlans []*ActionPlan
	// Priorities (statements of annual priorities) in file order.
	Priorities []*Priorities
}

// checker collects the problems of one document.
type checker struct {
	doc  *compact.Document
	errs compact.Errors
}

func (c *checker) errorf(path string, class error, format string, args ...any) {
	c.errs = append(c.errs, c.doc.Errorf(path, class, format, args...))
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return c.errs
}

// id checks that an id is well formed and not seen before in its list.
func (c *checker) id(path, id, what string, seen map[string]bool) {
	switch {
	case !docfmt.ValidID(id):
		c.errorf(path, compact.ErrValue, "%q is not a valid %s id: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most %d characters", id, what, docfmt.MaxIDLength)
	case seen[id]:
		c.errorf(path, compact.ErrDuplicate, "%s id %q is given twice", what, id)
	}
	seen[id] = true
}

// DecodeActionPlan decodes an ActionPlan document strictly (unknown fields,
// wrong types, bad dates and statuses are errors) and checks what can be
// checked inside it: ids well formed and unique, each party naming an
// organisation or a role, each undertaking naming a party of the plan and
// having a text or a commitment, each measure counted or recorded, not
// both. Every problem is reported, as [compact.Errors] with positions.
// References to the area (organisations, roles, commitments, sections,
// bodies) are checked by [LoadPlans].
func DecodeActionPlan(doc *compact.Document) (*ActionPlan, error) {
	return decodeChecked(doc, compact.KindActionPlan, func(c *checker, p *ActionPlan) {
		p.Source = doc.Pos
		c.actionPlan(p)
	})
}

// actionPlan checks what can be checked inside an action plan.
func (c *checker) actionPlan(p *ActionPlan) {
	c.id("id", p.ID, "plan", map[string]bool{})
	parties := map[string]bool{}
	for i, party := range p.Parties {
		path := fmt.Sprintf("parties[%d]", i)
		c.id(path+".id", party.ID, "party", parties)
		switch {
		case party.Organisation == "" && party.Role == "":
			c.errorf(path, compact.ErrMissing, "party %q names neither an organisation nor a role; give one", party.ID)
		case party.Organisation != "" && party.Role != "":
			c.errorf(path+".role", compact.ErrValue, "party %q names both an organisation and a role; give one", party.ID)
		}
	}
	if len(p.Parties) == 0 {
		c.errorf("parties", compact.ErrMissing, "a plan needs at least one party")
	}
	objectives := map[string]bool{}
	for i, o := range p.Objectives {
		path := fmt.Sprintf("objectives[%d]", i)
		c.id(path+".id", o.ID, "objective", objectives)
		seenParty := map[string]bool{}
		for j, u := range o.Undertakings {
			upath := fmt.Sprintf("%s.undertakings[%d]", path, j)
			switch {
			case !parties[u.Party]:
				msg := fmt.Sprintf("party %q is not a party of the plan", u.Party)
				if near := closest(u.Party, partyIDs(p.Parties)); near != "" {
					msg += fmt.Sprintf("; did you mean %q?", near)
				}
				c.errorf(upath+".party", compact.ErrReference, "%s", msg)
			case seenParty[u.Party]:
				c.errorf(upath+".party", compact.ErrDuplicate, "party %q has two undertakings for objective %q; put them in one", u.Party, o.ID)
			}
			seenParty[u.Party] = true
			if strings.TrimSpace(u.Text) == "" && u.Commitment == "" {
				c.errorf(upath, compact.ErrMissing, "an undertaking needs its text, or the commitment whose text it is")
			}
			c.measures(upath, u.Measures)
		}
	}
}

// DecodePriorities decodes a Priorities document strictly and checks what
// can be checked inside it: ids well formed and unique, each measure
// counted or recorded, not both. Every problem is reported, as
// [compact.Errors] with positions. References to the area (aims, bodies,
// roles) are checked by [LoadPlans].
func DecodePriorities(doc *compact.Document) (*Priorities, error) {
	return decodeChecked(doc, compact.KindPriorities, func(c *checker, p *Priorities) {
		p.Source = doc.Pos
		c.id("id", p.ID, "statement", map[string]bool{})
		seen := map[string]bool{}
		for i, pr := range p.Priorities {
			path := fmt.Sprintf("priorities[%d]", i)
			c.id(path+".id", pr.ID, "priority", seen)
			c.measures(path, pr.Measures)
		}
	})
}

func (c *checker) measures(path string, ms []Measure) {
	seen := map[string]bool{}
	for k, m := range ms {
		mpath := fmt.Sprintf("%s.measures[%d]", path, k)
		c.id(mpath+".id", m.ID, "measure", seen)
		if m.Count != nil {
			n := 0
			if m.Count.Meetings != "" {
				n++
			}
			if m.Count.NewSignatories {
				n++
			}
			if m.Count.RoleHolders != "" {
				n++
			}
			if n != 1 {
				c.errorf(mpath+".count", compact.ErrValue, "count says how to count in exactly one way: meetings, newSignatories or roleHolders")
			}
			if m.Achieved != nil {
				c.errorf(mpath+".achieved", compact.ErrValue, "measure %q is counted from the records; do not record the achieved value by hand as well", m.ID)
			}
		}
	}
}

func partyIDs(ps []Party) []string { return ids(ps, func(p *Party) string { return p.ID }) }

// LoadPlans decodes the area's ActionPlan and Priorities documents and
// checks their references to the area: party organisations are in the
// directory and party roles in the role catalogue; commitments and
// sections of objectives, and aims of priorities, are in the area's
// compact; groups and counted meetings name governance bodies of the
// compact; counted roles are in the catalogue. Two plans (or two
// statements) with the same id are an error. Every problem in every
// document is reported together, as [compact.Errors]; on error no plans are
// returned.
func LoadPlans(area *compact.Area) (*Plans, error) {
	l := &loader{area: area, first: map[compact.Kind]map[string]*compact.Document{compact.KindActionPlan: {}, compact.KindPriorities: {}}}
	needCatalogue := len(area.DocumentsOf(compact.KindActionPlan))+len(area.DocumentsOf(compact.KindPriorities)) > 0
	if needCatalogue {
		var err error
		if l.cat, err = roles.LoadCatalogue(area); err != nil {
			return nil, err
		}
	}
	out := &Plans{
		ActionPlans: loadAll(l, compact.KindActionPlan, DecodeActionPlan, func(p *ActionPlan) string { return p.ID }, (*refs).plan),
		Priorities:  loadAll(l, compact.KindPriorities, DecodePriorities, func(p *Priorities) string { return p.ID }, (*refs).priorities),
	}
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return out, nil
}

// loader collects the problems of all the plan documents of an area, and
// the first document of each kind and id.
type loader struct {
	area  *compact.Area
	cat   *roles.Catalogue
	first map[compact.Kind]map[string]*compact.Document
	errs  compact.Errors
}

// loadAll decodes the area's documents of a kind, in file order, and checks
// each one's id is not taken by an earlier document of the kind and its
// references to the area; it returns those that decoded.
func loadAll[T any](l *loader, kind compact.Kind, decode func(*compact.Document) (*T, error), id func(*T) string, check func(*refs, *T)) []*T {
	var out []*T
	for _, d := range l.area.DocumentsOf(kind) {
		p, err := decode(d)
		if err != nil {
			l.errs = append(l.errs, compact.AsErrors(err)...)
			continue
		}
		l.unique(d, id(p))
		r := &refs{checker: checker{doc: d}, area: l.area, cat: l.cat}
		check(r, p)
		l.errs = append(l.errs, r.errs...)
		out = append(out, p)
	}
	return out
}

// unique reports a document whose id an earlier document of its kind has.
func (l *loader) unique(d *compact.Document, id string) {
	if first, ok := l.first[d.Kind][id]; ok {
		l.errs = append(l.errs, d.Errorf("id", compact.ErrDuplicate, "%s %q is already defined at %s", d.Kind, id, first.Pos))
		return
	}
	l.first[d.Kind][id] = d
}

// Check reports the problems LoadPlans would report for an area, or nil.
// "compact validate" runs it.
func Check(area *compact.Area) error {
	_, err := LoadPlans(area)
	return err
}

// refs checks a plan document's references to its area.
type refs struct {
	checker
	area *compact.Area
	cat  *roles.Catalogue
}

func (r *refs) plan(p *ActionPlan) {
	for i, party := range p.Parties {
		path := fmt.Sprintf("parties[%d]", i)
		if party.Organisation != "" {
			r.organisation(path+".organisation", party.Organisation)
		}
		if party.Role != "" {
			r.role(path+".role", party.Role)
		}
	}
	for i, o := range p.Objectives {
		path := fmt.Sprintf("objectives[%d]", i)
		if o.Section != "" {
			r.section(path+".section", o.Section)
		}
		for j, u := range o.Undertakings {
			upath := fmt.Sprintf("%s.undertakings[%d]", path, j)
			if u.Commitment != "" {
				r.commitment(upath+".commitment", u.Commitment)
			}
			r.measures(upath, u.Measures)
		}
	}
}

func (r *refs) priorities(p *Priorities) {
	for i, pr := range p.Priorities {
		path := fmt.Sprintf("priorities[%d]", i)
		for k, aim := range pr.Aims {
			r.aim(fmt.Sprintf("%s.aims[%d]", path, k), aim)
		}
		for k, g := range pr.Groups {
			r.body(fmt.Sprintf("%s.groups[%d]", path, k), g)
		}
		r.measures(path, pr.Measures)
	}
}

func (r *refs) measures(path string, ms []Measure) {
	for k, m := range ms {
		if m.Count == nil {
			continue
		}
		cpath := fmt.Sprintf("%s.measures[%d].count", path, k)
		if m.Count.Meetings != "" {
			r.body(cpath+".meetings", m.Count.Meetings)
		}
		if m.Count.RoleHolders != "" {
			r.role(cpath+".roleHolders", m.Count.RoleHolders)
		}
	}
}

// unknown reports a reference to something that does not exist, with a
// suggestion when the id looks misspelt.
func (r *refs) unknown(path, what, id string, have []string) {
	msg := fmt.Sprintf("%s %q is not defined", what, id)
	if near := closest(id, have); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	r.errorf(path, compact.ErrReference, "%s", msg)
}

func (r *refs) noCompact(path, what string) bool {
	if r.area.Compact == nil {
		r.errorf(path, compact.ErrReference, "refers to a %s, but the area has no compact", what)
		return true
	}
	return false
}

// ids lists the ids of a slice of documents' items, for "did you mean".
func ids[T any](list []T, id func(*T) string) []string {
	out := make([]string, len(list))
	for i := range list {
		out[i] = id(&list[i])
	}
	return out
}

// among reports id as unknown unless it is one of have.
func (r *refs) among(path, what, id string, have []string) {
	if !slices.Contains(have, id) {
		r.unknown(path, what, id, have)
	}
}

func (r *refs) organisation(path, id string) {
	r.among(path, "organisation", id, ids(r.area.Directory.Organisations, func(o *compact.Organisation) string { return o.ID }))
}

func (r *refs) role(path, id string) {
	if r.cat == nil {
		r.errorf(path, compact.ErrReference, "role %q: the area has no role catalogue", id)
		return
	}
	r.among(path, "role", id, r.cat.RoleIDs())
}

// inCompact reports id as unknown unless it is among the ids of what that
// list reads from the area's compact; an area without a compact is an error.
func (r *refs) inCompact(path, what, id string, list func(*compact.Resolved) []string) {
	if !r.noCompact(path, what) {
		r.among(path, what, id, list(r.area.Compact))
	}
}

func (r *refs) commitment(path, id string) {
	r.inCompact(path, "commitment", id, func(c *compact.Resolved) []string {
		return ids(c.Commitments, func(c *compact.Commitment) string { return c.ID })
	})
}

func (r *refs) section(path, id string) {
	r.inCompact(path, "section", id, func(c *compact.Resolved) []string {
		return ids(c.Sections, func(s *compact.Section) string { return s.ID })
	})
}

func (r *refs) aim(path, id string) {
	r.inCompact(path, "aim", id, func(c *compact.Resolved) []string { return ids(c.Aims, func(a *compact.Aim) string { return a.ID }) })
}

func (r *refs) body(path, id string) {
	r.inCompact(path, "governance body", id, func(c *compact.Resolved) []string {
		return ids(c.Governance, func(b *compact.Body) string { return b.ID })
	})
}

// decodeChecked decodes doc strictly into a T, after checking it is of
// kind, then runs check over it: it returns the T, or every problem check
// found.
func decodeChecked[T any](doc *compact.Document, kind compact.Kind, check func(*checker, *T)) (*T, error) {
	if doc.Kind != kind {
		return nil, compact.Errors{doc.Errorf("kind", compact.ErrHeader, "expected a document of kind %s, found %s", kind, doc.Kind)}
	}
	var v T
	if err := doc.Decode(&v); err != nil {
		return nil, err
	}
	c := &checker{doc: doc}
	check(c, &v)
	if err := c.err(); err != nil {
		return nil, err
	}
	return &v, nil
}
