package roles

import (
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Finder finds a document of a kind by id. [compact.Area.Find] (the area's
// documents first, then its library) and [compact.Library.Find] are Finders.
type Finder func(kind compact.Kind, id string) (*compact.Document, bool)

// Catalogue is a role catalogue with the catalogues it extends applied: one
// flat list of roles, each with its duties, requirements and implied roles.
// A Catalogue is read-only once resolved and safe to share between
// goroutines.
type Catalogue struct {
	// ID of the catalogue that was resolved.
	ID string `json:"id"`
	// Title of the catalogue (the nearest one in the chain that has one).
	Title string `json:"title,omitempty"`
	// Chain lists the ids of the catalogues applied, base first.
	Chain []string `json:"chain"`
	// Sources that duties and requirements quote.
	Sources []Source `json:"sources,omitempty"`
	// Roles in catalogue order: the base's first, then the local ones.
	Roles []Role `json:"roles"`

	byID    map[string]int
	implied map[string][]Implication
	origins map[string]compact.Origin // by role id: the catalogue that last wrote it
}

// RoleOrigin says which catalogue of the chain wrote a role as it stands:
// the one that defined it, or the last one that altered it (Overrides then
// names the catalogue whose role it changed), and where.
func (c *Catalogue) RoleOrigin(id string) (compact.Origin, bool) {
	o, ok := c.origins[id]
	return o, ok
}

// Implication is a role that holding another brings with it.
type Implication struct {
	// Role is the implied role.
	Role string `json:"role"`
	// Via is the role that implies it directly: the held role itself, or a
	// role it implies in turn.
	Via string `json:"via"`
}

// Role returns the role with the id.
func (c *Catalogue) Role(id string) (*Role, bool) {
	i, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return &c.Roles[i], true
}

// RoleIDs lists the ids of the roles, in catalogue order.
func (c *Catalogue) RoleIDs() []string {
	out := make([]string, len(c.Roles))
	for i := range c.Roles {
		out[i] = c.Roles[i].ID
	}
	return out
}

// Source returns the source with the id.
func (c *Catalogue) Source(id string) (*Source, bool) {
	i := slices.IndexFunc(c.Sources, func(s Source) bool { return s.ID == id })
	if i < 0 {
		return nil, false
	}
	return &c.Sources[i], true
}

// Implied returns every role that holding role id brings with it, directly
// or through other implied roles, nearest first. It is empty for a role that
// implies nothing or that the catalogue does not define.
func (c *Catalogue) Implied(id string) []Implication { return slices.Clone(c.implied[id]) }

// origin is where something was written: a document and a field path in it.
type origin struct {
	doc  *compact.Document
	path string
}

func (o origin) at(field string) origin { return origin{o.doc, join(o.path, field)} }

// errorf builds a positioned error about the value at o. A value that is
// not written (a missing field) is pointed at through the nearest field
// that is, keeping the full path.
func (o origin) errorf(class error, format string, args ...any) *compact.Error {
	if o.doc == nil {
		return &compact.Error{Path: o.path, Msg: fmt.Sprintf(format, args...), Err: class}
	}
	at := o.path
	for at != "" && o.doc.PositionOf(at) == o.doc.Pos {
		i := strings.LastIndexAny(at, ".[")
		if i < 0 {
			at = ""
			break
		}
		at = at[:i]
	}
	e := o.doc.Errorf(at, class, format, args...)
	e.Path = o.path
	return e
}

func join(path, name string) string {
	switch {
	case path == "":
		return name
	case name == "":
		return path
	case strings.HasPrefix(name, "["):
		return path + name
	}
	return path + "." + name
}

// Decode decodes a RoleCatalogue document strictly (unknown fields, wrong
// types and values outside an enumeration are errors) and checks what can
// be checked inside it: ids well-formed and unique, counts not negative,
// offices complete. Every problem is reported, as [compact.Errors] with
// positions. References to other roles are checked by [Resolve], once the
// base catalogue is known.
func Decode(doc *compact.Document) (*RoleCatalogue, error) {
	if doc.Kind != compact.KindRoleCatalogue {
		return nil, compact.Errors{doc.Errorf("kind", compact.ErrHeader, "expected a %s document, found %s", compact.KindRoleCatalogue, doc.Kind)}
	}
	rc := RoleCatalogue{doc: doc}
	if err := doc.Decode(&rc); err != nil {
		return nil, err
	}
	c := &checker{}
	c.id(origin{doc, "id"}, rc.ID, "catalogue", nil)
	if rc.Extends != "" && rc.Extends == rc.ID {
		c.add(origin{doc, "extends"}.errorf(ErrCycle, "catalogue %q cannot extend itself", rc.ID))
	}
	seen := map[string]origin{}
	for i := range rc.Sources {
		s := &rc.Sources[i]
		s.at = origin{doc, fmt.Sprintf("sources[%d]", i)}
		c.id(s.at.at("id"), s.ID, "source", seen)
	}
	seen = map[string]origin{}
	for i := range rc.Roles {
		r := &rc.Roles[i]
		annotate(r, origin{doc, fmt.Sprintf("roles[%d]", i)})
		c.id(r.at.at("id"), r.ID, "role", seen)
		c.role(r)
	}
	for i := range rc.Remove {
		if !docfmt.ValidID(rc.Remove[i]) {
			c.add(origin{doc, fmt.Sprintf("remove[%d]", i)}.errorf(compact.ErrValue, "%q is not a valid role id", rc.Remove[i]))
		}
	}
	for i := range rc.Alter {
		a := &rc.Alter[i]
		at := origin{doc, fmt.Sprintf("alter[%d]", i)}
		c.alteration(a, at)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return &rc, nil
}

// annotate records where a role and its parts were written.
func annotate(r *Role, at origin) {
	r.at = at
	r.implyAt = make([]origin, len(r.Implies))
	for j := range r.Implies {
		r.implyAt[j] = at.at(fmt.Sprintf("implies[%d]", j))
	}
	r.relatedAt = make([]origin, len(r.Related))
	for j := range r.Related {
		r.relatedAt[j] = at.at(fmt.Sprintf("related[%d]", j))
	}
	for j := range r.Duties {
		r.Duties[j].at = at.at(fmt.Sprintf("duties[%d]", j))
	}
	for j := range r.Requirements {
		r.Requirements[j].at = at.at(fmt.Sprintf("requirements[%d]", j))
	}
	for j := range r.ExOfficio {
		r.ExOfficio[j].at = at.at(fmt.Sprintf("exOfficio[%d]", j))
	}
	r.apptAt = at.at("appointment")
}

// checker collects problems.
type checker struct{ list compact.Errors }

func (c *checker) add(e *compact.Error) { c.list = append(c.list, e) }

func (c *checker) err() error {
	if len(c.list) == 0 {
		return nil
	}
	return c.list
}

// id checks an id is well-formed and, when seen is given, not used before.
func (c *checker) id(at origin, id, what string, seen map[string]origin) {
	if id == "" {
		return // a missing required id is reported by the decoder
	}
	if !docfmt.ValidID(id) {
		c.add(at.errorf(compact.ErrValue, "%q is not a valid %s id: use letters, digits, '-', '_' or '.', at most %d characters",
			id, what, docfmt.MaxIDLength))
		return
	}
	if seen == nil {
		return
	}
	if first, dup := seen[id]; dup {
		c.add(at.errorf(compact.ErrDuplicate, "%s id %q is already used at %s", what, id, first.doc.PositionOf(first.path)))
		return
	}
	seen[id] = at
}

// role checks what can be checked in one role as written.
func (c *checker) role(r *Role) {
	c.appointment(r.apptAt, &r.Appointment)
	seen := map[string]origin{}
	for j := range r.Duties {
		c.id(r.Duties[j].at.at("id"), r.Duties[j].ID, "duty", seen)
	}
	seen = map[string]origin{}
	for j := range r.Requirements {
		c.requirement(&r.Requirements[j], seen)
	}
	for j := range r.ExOfficio {
		c.office(&r.ExOfficio[j])
	}
	for j, id := range r.Implies {
		if !docfmt.ValidID(id) {
			c.add(r.implyAt[j].errorf(compact.ErrValue, "%q is not a valid role id", id))
		}
	}
}

func (c *checker) appointment(at origin, a *Appointment) {
	if a.Min < 0 {
		c.add(at.at("min").errorf(compact.ErrValue, "min cannot be negative (%d)", a.Min))
	}
	if a.Max < 0 {
		c.add(at.at("max").errorf(compact.ErrValue, "max cannot be negative (%d); leave it out for no limit", a.Max))
	}
	if a.Max > 0 && a.MinHolders() > a.Max {
		c.add(at.at("max").errorf(compact.ErrValue, "max %d is less than the %d holders each organisation should have (min)", a.Max, a.MinHolders()))
	}
	if a.Each == "" && (len(a.Sectors) > 0 || len(a.Kinds) > 0 || a.Min > 0) {
		c.add(at.at("each").errorf(compact.ErrMissing,
			"sectors, kinds and min say which organisations should hold the role; add each: signatory, organisation or represented"))
	}
	if a.BodyKind != "" && a.By != ByBody {
		c.add(at.at("bodyKind").errorf(compact.ErrValue, "bodyKind is for roles appointed by a body (by: body), not by: %s", a.by()))
	}
}

func (a *Appointment) by() Method {
	if a.By == "" {
		return ByOrganisation
	}
	return a.By
}

func (c *checker) requirement(q *Requirement, seen map[string]origin) {
	c.id(q.at.at("id"), q.ID, "requirement", seen)
	if q.Value < 0 {
		c.add(q.at.at("value").errorf(compact.ErrValue, "value cannot be negative (%d)", q.Value))
	}
	if q.Value != 0 && (q.Kind == "" || q.Kind == WrittenCommitment || q.Kind == Seniority) {
		what := "a requirement without a kind"
		if q.Kind != "" {
			what = "a " + string(q.Kind) + " requirement"
		}
		c.add(q.at.at("value").errorf(compact.ErrValue, "%s has no number; remove value", what))
	}
	if q.Rule != "" && !docfmt.ValidID(q.Rule) {
		c.add(q.at.at("rule").errorf(compact.ErrValue, "%q is not a valid rule id", q.Rule))
	}
}

func (c *checker) office(o *Office) {
	if o.Position != "" && o.Person != "" {
		c.add(o.at.at("person").errorf(compact.ErrValue, "give the office's position or the person who holds it, not both"))
	}
	if !o.From.IsZero() && !o.To.IsZero() && o.To.Before(o.From) {
		c.add(o.at.at("to").errorf(compact.ErrOrder, "to %s is before from %s", o.To, o.From))
	}
}

func (c *checker) alteration(a *Alteration, at origin) {
	a.at = at
	if !docfmt.ValidID(a.Role) && a.Role != "" {
		c.add(at.at("role").errorf(compact.ErrValue, "%q is not a valid role id", a.Role))
	}
	if a.Appointment != nil {
		c.appointment(at.at("appointment"), a.Appointment)
	}
	seen := map[string]origin{}
	for j := range a.AddDuties {
		a.AddDuties[j].at = at.at(fmt.Sprintf("addDuties[%d]", j))
		c.id(a.AddDuties[j].at.at("id"), a.AddDuties[j].ID, "duty", seen)
	}
	seen = map[string]origin{}
	for j := range a.AddRequirements {
		a.AddRequirements[j].at = at.at(fmt.Sprintf("addRequirements[%d]", j))
		c.requirement(&a.AddRequirements[j], seen)
	}
	for j := range a.ExOfficio {
		a.ExOfficio[j].at = at.at(fmt.Sprintf("exOfficio[%d]", j))
		c.office(&a.ExOfficio[j])
	}
}

// Resolve decodes a RoleCatalogue document and applies the chain of
// catalogues it extends, found with find (usually [compact.Area.Find], so
// the area's own catalogues come first, then the library's reference
// catalogue). It checks the result: every implied and related role exists,
// implication does not loop, sources cited exist, offices suit who holds the
// role. All problems are reported together as [compact.Errors]; the
// document itself is not changed.
//
// How a catalogue changes the one it extends:
//   - roles: the base's roles apply, changed by alter, less those in
//     remove; roles listed in roles are added (an id the base defines is an
//     error: alter it instead).
//   - alter: title, purpose, holder, body, contact, appointment, implies
//     and related replace the base role's when given; addDuties,
//     addRequirements, exOfficio and notes are added after the base's;
//     removeDuties and removeRequirements drop base entries by id.
//   - sources: the base's plus the local ones.
//   - title: the local one, or else the base's.
func Resolve(doc *compact.Document, find Finder) (*Catalogue, error) {
	top, err := Decode(doc)
	if err != nil {
		return nil, err
	}
	chain, err := compact.Extends[*RoleCatalogue]{
		Noun: "catalogue",
		ID:   func(rc *RoleCatalogue) string { return rc.ID },
		Base: func(rc *RoleCatalogue) string { return rc.Extends },
		Find: func(id string) (*RoleCatalogue, bool, error) {
			if find == nil {
				return nil, false, nil
			}
			bd, ok := find(compact.KindRoleCatalogue, id)
			if !ok {
				return nil, false, nil
			}
			rc, err := Decode(bd)
			return rc, err == nil, err
		},
		Missing: func(_ *RoleCatalogue, id string) string {
			return fmt.Sprintf("base role catalogue %q is not in the area or its library (the reference catalogue is %q)", id, ReferenceID)
		},
		Errorf: func(at *RoleCatalogue, class error, format string, args ...any) *compact.Error {
			return origin{at.doc, "extends"}.errorf(class, format, args...)
		},
	}.Chain(top)
	if err != nil {
		return nil, err
	}
	cat := &Catalogue{}
	for _, rc := range chain {
		c := &checker{}
		cat = layer(cat, rc, c)
		if c.err() == nil {
			cat.check(c)
		}
		if err := c.err(); err != nil {
			return nil, err
		}
		cat.index()
	}
	return cat, nil
}

// layer applies catalogue rc on the resolved base.
func layer(base *Catalogue, rc *RoleCatalogue, c *checker) *Catalogue {
	cat := &Catalogue{ID: rc.ID, Title: rc.Title, Chain: append(slices.Clone(base.Chain), rc.ID), origins: map[string]compact.Origin{}}
	for id, o := range base.origins {
		cat.origins[id] = o
	}
	if cat.Title == "" {
		cat.Title = base.Title
	}
	cat.Sources = slices.Clone(base.Sources)
	for _, s := range rc.Sources {
		if slices.ContainsFunc(cat.Sources, func(b Source) bool { return b.ID == s.ID }) {
			c.add(s.at.at("id").errorf(compact.ErrDuplicate, "source %q is already defined by catalogue %q", s.ID, base.ID))
			continue
		}
		cat.Sources = append(cat.Sources, s)
	}
	for i := range base.Roles {
		cat.Roles = append(cat.Roles, cloneRole(&base.Roles[i]))
	}
	baseIDs := func() []string {
		ids := make([]string, len(cat.Roles))
		for i := range cat.Roles {
			ids[i] = cat.Roles[i].ID
		}
		return ids
	}
	find := func(id string) int { return slices.IndexFunc(cat.Roles, func(r Role) bool { return r.ID == id }) }

	for i := range rc.Alter {
		a := &rc.Alter[i]
		j := find(a.Role)
		if j < 0 {
			c.add(a.at.at("role").errorf(compact.ErrReference, "%s",
				unknownRole(a.Role, baseIDs(), "to alter in catalogue "+quoteID(base.ID))))
			continue
		}
		alter(&cat.Roles[j], a, c)
		cat.origins[a.Role] = compact.Origin{By: rc.ID, Pos: a.at.doc.PositionOf(a.at.path), Overrides: cat.origins[a.Role].By}
	}
	for i, id := range rc.Remove {
		at := origin{rc.doc, fmt.Sprintf("remove[%d]", i)}
		j := find(id)
		if j < 0 {
			c.add(at.errorf(compact.ErrReference, "%s", unknownRole(id, baseIDs(), "in catalogue "+quoteID(base.ID))))
			continue
		}
		if by := referrers(cat.Roles, id); len(by) > 0 {
			c.add(at.errorf(compact.ErrReference, "cannot remove role %q: %s still %s it (implies or related); alter %s first",
				id, strings.Join(by, ", "), plural(len(by), "names", "name"), plural(len(by), "that role", "those roles")))
			continue
		}
		cat.Roles = slices.Delete(cat.Roles, j, j+1)
		delete(cat.origins, id)
	}
	for _, r := range rc.Roles {
		if j := find(r.ID); j >= 0 {
			c.add(r.at.at("id").errorf(compact.ErrDuplicate,
				"role %q is already defined by catalogue %q; change it under alter instead", r.ID, base.ID))
			continue
		}
		cat.Roles = append(cat.Roles, cloneRole(&r))
		cat.origins[r.ID] = compact.Origin{By: rc.ID, Pos: r.at.doc.PositionOf(r.at.path)}
	}
	for i := range cat.Roles {
		if cat.Roles[i].Contact == ScopeNone {
			cat.Roles[i].Contact = ""
		}
	}
	return cat
}

func quoteID(id string) string {
	if id == "" {
		return "(none)"
	}
	return fmt.Sprintf("%q", id)
}

// referrers lists the roles that imply or relate to id.
func referrers(roles []Role, id string) []string {
	var out []string
	for _, r := range roles {
		if r.ID != id && (slices.Contains(r.Implies, id) || slices.Contains(r.Related, id)) {
			out = append(out, fmt.Sprintf("%q", r.ID))
		}
	}
	return out
}

func unknownRole(id string, known []string, where string) string {
	msg := fmt.Sprintf("unknown role %q %s", id, where)
	if near := docfmt.Closest(id, known); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	} else if len(known) > 0 {
		msg += "; the roles are " + strings.Join(known, ", ")
	}
	return msg
}

func cloneRole(r *Role) Role {
	out := *r
	out.Implies = slices.Clone(r.Implies)
	out.implyAt = slices.Clone(r.implyAt)
	out.Related = slices.Clone(r.Related)
	out.relatedAt = slices.Clone(r.relatedAt)
	out.Duties = slices.Clone(r.Duties)
	out.Requirements = slices.Clone(r.Requirements)
	out.ExOfficio = slices.Clone(r.ExOfficio)
	out.Notes = slices.Clone(r.Notes)
	out.Appointment.Sectors = slices.Clone(r.Appointment.Sectors)
	out.Appointment.Kinds = slices.Clone(r.Appointment.Kinds)
	return out
}

// alter applies one alteration to a (cloned) base role.
func alter(r *Role, a *Alteration, c *checker) {
	if a.Title != "" {
		r.Title = a.Title
	}
	if a.Purpose != "" {
		r.Purpose = a.Purpose
	}
	if a.Holder != "" {
		r.Holder = a.Holder
	}
	if a.Body != "" {
		r.Body = a.Body
	}
	if a.Contact != "" {
		r.Contact = a.Contact
	}
	if a.Appointment != nil {
		r.Appointment = *a.Appointment
		r.apptAt = a.at.at("appointment")
	}
	if a.Implies != nil {
		r.Implies = slices.Clone(*a.Implies)
		r.implyAt = make([]origin, len(r.Implies))
		for j, id := range r.Implies {
			r.implyAt[j] = a.at.at(fmt.Sprintf("implies[%d]", j))
			if !docfmt.ValidID(id) {
				c.add(r.implyAt[j].errorf(compact.ErrValue, "%q is not a valid role id", id))
			}
		}
	}
	if a.Related != nil {
		r.Related = slices.Clone(*a.Related)
		r.relatedAt = make([]origin, len(r.Related))
		for j := range r.Related {
			r.relatedAt[j] = a.at.at(fmt.Sprintf("related[%d]", j))
		}
	}
	r.Duties = alterEntries(c, r, a, r.Duties, a.RemoveDuties, a.AddDuties, "duty", "removeDuties",
		func(d *Duty) (string, origin) { return d.ID, d.at })
	r.Requirements = alterEntries(c, r, a, r.Requirements, a.RemoveRequirements, a.AddRequirements, "requirement", "removeRequirements",
		func(q *Requirement) (string, origin) { return q.ID, q.at })
	r.ExOfficio = append(r.ExOfficio, a.ExOfficio...)
	r.Notes = append(r.Notes, a.Notes...)
}

func hint(id string, known []string) string {
	if near := docfmt.Closest(id, known); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}

// alterEntries removes, then adds, a role's duties or requirements (noun;
// field is the alteration's remove list), reporting a removal of an entry
// the role lacks and an addition of one it has. key gives an entry's id and
// where it was written.
func alterEntries[T any](c *checker, r *Role, a *Alteration, list []T, remove []string, add []T, noun, field string,
	key func(*T) (string, origin)) []T {
	has := func(id string) int {
		return slices.IndexFunc(list, func(x T) bool { k, _ := key(&x); return k == id })
	}
	for j, id := range remove {
		k := has(id)
		if k < 0 {
			ids := make([]string, len(list))
			for i := range list {
				ids[i], _ = key(&list[i])
			}
			c.add(a.at.at(fmt.Sprintf("%s[%d]", field, j)).errorf(compact.ErrReference, "role %q has no %s %q%s",
				r.ID, noun, id, hint(id, ids)))
			continue
		}
		list = slices.Delete(list, k, k+1)
	}
	for i := range add {
		id, at := key(&add[i])
		if has(id) >= 0 {
			c.add(at.at("id").errorf(compact.ErrDuplicate, "role %q already has a %s %q; remove it first with %s", r.ID, noun, id, field))
			continue
		}
		list = append(list, add[i])
	}
	return list
}

// check checks the resolved catalogue: references between roles, loops of
// implication, cited sources and offices.
func (cat *Catalogue) check(c *checker) {
	k := catalogueKeys{ids: cat.RoleIDs(), known: map[string]bool{}, sources: map[string]bool{}}
	for _, id := range k.ids {
		k.known[id] = true
	}
	for _, s := range cat.Sources {
		k.sources[s.ID] = true
		k.sourceIDs = append(k.sourceIDs, s.ID)
	}
	for i := range cat.Roles {
		r := &cat.Roles[i]
		k.checkImplies(c, r)
		k.checkRelated(c, r)
		for _, d := range r.Duties {
			k.cite(c, d.at.at("source"), d.Source)
		}
		for _, q := range r.Requirements {
			k.cite(c, q.at.at("source"), q.Source)
		}
		checkAppointment(c, r)
	}
	cat.checkCycles(c, k.known)
}

// catalogueKeys are the ids a catalogue's roles may refer to.
type catalogueKeys struct {
	ids       []string // the roles', in order
	known     map[string]bool
	sources   map[string]bool
	sourceIDs []string
}

// cite reports a citation of a source the catalogue does not list.
func (k *catalogueKeys) cite(c *checker, at origin, id string) {
	if id == "" || k.sources[id] {
		return
	}
	msg := fmt.Sprintf("unknown source %q", id)
	if len(k.sourceIDs) == 0 {
		msg += "; list it under sources"
	} else {
		msg += hint(id, k.sourceIDs)
	}
	c.add(at.errorf(compact.ErrReference, "%s", msg))
}

// checkImplies reports implied roles that are the role itself, unknown, or
// implied twice.
func (k *catalogueKeys) checkImplies(c *checker, r *Role) {
	for j, id := range r.Implies {
		switch {
		case id == r.ID:
			c.add(r.implyAt[j].errorf(ErrCycle, "role %q cannot imply itself", id))
		case !k.known[id]:
			c.add(r.implyAt[j].errorf(compact.ErrReference, "%s", unknownRole(id, k.ids, "in implies")))
		case slices.Index(r.Implies, id) < j:
			c.add(r.implyAt[j].errorf(compact.ErrDuplicate, "role %q is implied twice", id))
		}
	}
}

// checkRelated reports related roles that are unknown or the role itself.
func (k *catalogueKeys) checkRelated(c *checker, r *Role) {
	for j, id := range r.Related {
		if !k.known[id] || id == r.ID {
			c.add(r.relatedAt[j].errorf(compact.ErrReference, "%s", unknownRole(id, k.ids, "in related")))
		}
	}
}

// checkAppointment reports an appointment or ex officio office that does
// not fit what holds the role.
func checkAppointment(c *checker, r *Role) {
	if r.Appointment.Each == EachRepresented && r.Body == "" {
		c.add(r.apptAt.at("each").errorf(compact.ErrMissing,
			"each: represented means the organisations represented on the role's body; give the role a body (steering-group, say)"))
	}
	for _, o := range r.ExOfficio {
		switch {
		case r.HeldBy() == HolderPerson && o.Position == "" && o.Person == "":
			c.add(o.at.errorf(compact.ErrMissing, "role %q is held by people: give the office's position (or the person)", r.ID))
		case r.HeldBy() == HolderOrganisation && (o.Position != "" || o.Person != ""):
			c.add(o.at.errorf(compact.ErrValue, "role %q is held by organisations: give only the organisation", r.ID))
		}
	}
}

// checkCycles reports each loop of implication once, at the implies entry
// that closes it.
func (cat *Catalogue) checkCycles(c *checker, known map[string]bool) {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(i int)
	visit = func(i int) {
		r := &cat.Roles[i]
		state[r.ID] = active
		stack = append(stack, r.ID)
		for j, id := range r.Implies {
			if !known[id] || id == r.ID {
				continue // reported already
			}
			switch state[id] {
			case active:
				k := slices.Index(stack, id)
				loop := append(slices.Clone(stack[k:]), id)
				c.add(r.implyAt[j].errorf(ErrCycle, "roles imply one another in a loop: %s; implication must not loop",
					strings.Join(loop, " -> ")))
			case unseen:
				visit(slices.IndexFunc(cat.Roles, func(x Role) bool { return x.ID == id }))
			}
		}
		stack = stack[:len(stack)-1]
		state[r.ID] = done
	}
	for i := range cat.Roles {
		if state[cat.Roles[i].ID] == unseen {
			visit(i)
		}
	}
}

// index builds the lookups of a checked catalogue.
func (cat *Catalogue) index() {
	cat.byID = make(map[string]int, len(cat.Roles))
	for i := range cat.Roles {
		cat.byID[cat.Roles[i].ID] = i
	}
	cat.implied = map[string][]Implication{}
	for _, r := range cat.Roles {
		var out []Implication
		seen := map[string]bool{r.ID: true}
		queue := []string{r.ID}
		for len(queue) > 0 {
			via := queue[0]
			queue = queue[1:]
			for _, id := range cat.Roles[cat.byID[via]].Implies {
				if !seen[id] {
					seen[id] = true
					out = append(out, Implication{Role: id, Via: via})
					queue = append(queue, id)
				}
			}
		}
		if len(out) > 0 {
			cat.implied[r.ID] = out
		}
	}
}

// RuleRef is a rule id the catalogue names: the rule that checks a
// requirement of a role. Package rules checks that each resolves in the
// area's rule pack.
type RuleRef struct {
	// Role and Requirement name the requirement.
	Role, Requirement string
	// Rule is the rule id named.
	Rule string

	at origin
}

// Errorf builds an error positioned at the rule id where it is written.
func (r RuleRef) Errorf(class error, format string, args ...any) *compact.Error {
	return r.at.at("rule").errorf(class, format, args...)
}

// RuleRefs lists every rule id the catalogue's requirements name, in
// catalogue order.
func (c *Catalogue) RuleRefs() []RuleRef {
	var out []RuleRef
	for _, role := range c.Roles {
		for _, q := range role.Requirements {
			if q.Rule != "" {
				out = append(out, RuleRef{Role: role.ID, Requirement: q.ID, Rule: q.Rule, at: q.at})
			}
		}
	}
	return out
}

// MemberRoles returns the roles whose nominations make an organisation a
// member of a body of the kind in this catalogue's area: the reference
// roles of the kind (compact.MemberRoles), then every role of the
// catalogue that implies one of them (a steering group member who is a
// compact champion too, where the area's catalogue says so). The rules
// engine and the annual report both count members with it.
func (c *Catalogue) MemberRoles(kind compact.BodyKind) []string {
	base := compact.MemberRoles(kind)
	out := slices.Clone(base)
	if c == nil {
		return out
	}
	for _, id := range c.RoleIDs() {
		for _, imp := range c.Implied(id) {
			if slices.Contains(base, imp.Role) && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}
