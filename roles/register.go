package roles

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// Register is who holds which role in one area: the area's role catalogue
// and the assignments made by its nomination records and by the offices of
// the catalogue. Build it with [New]; ask it questions with an explicit "as
// of" date (the package never reads the clock).
//
// A Register is read-only once built and safe to share between goroutines.
type Register struct {
	area *compact.Area
	cat  *Catalogue

	nominated []Assignment // one per nomination, in record order
	offices   []office     // ex officio holdings, in catalogue order
	orgOrder  map[string]int
}

// office is one ex officio holding: an office of a role, and the person (or
// organisation) that fills it; person is empty for an office nobody in the
// directory fills.
type office struct {
	role   string
	office Office
	person string
	filled bool
}

// Basis says why someone holds a role.
type Basis string

// Bases of an assignment.
const (
	BasisNominated Basis = "nominated"  // a nomination record
	BasisExOfficio Basis = "ex-officio" // an office of the catalogue, while the organisation has nominated no one
	BasisImplied   Basis = "implied"    // another role the holder holds brings it with it
)

// Assignment is one holding of a role: a person (or, for roles held by
// organisations, an organisation) holding a role for an organisation from a
// date, and until one.
type Assignment struct {
	// Role held.
	Role string `json:"role"`
	// Organisation the role is held for.
	Organisation string `json:"organisation"`
	// Person who holds it; for a role held by an organisation, the contact
	// person the nomination names (empty for an office).
	Person string `json:"person,omitempty"`
	// From is the first day in the role; zero for an office held always.
	From compact.Date `json:"from,omitzero"`
	// To is the last day in the role; zero when open-ended.
	To compact.Date `json:"to,omitzero"`
	// Basis says why the role is held.
	Basis Basis `json:"basis"`
	// Nomination is the id of the nomination record (for an implied role,
	// of the nomination of the role that implies it).
	Nomination string `json:"nomination,omitempty"`
	// NominatedBy is the organisation or body that nominated the holder,
	// when it is not the organisation itself.
	NominatedBy string `json:"nominatedBy,omitempty"`
	// DeputyFor is the holder this one deputises for.
	DeputyFor string `json:"deputyFor,omitempty"`
	// Office is the position that carries the role, for an ex officio holding.
	Office string `json:"office,omitempty"`
	// ImpliedBy is, for an implied role, the role the holder holds that
	// brings it with it (steering-group-member for an implied champion).
	ImpliedBy string `json:"impliedBy,omitempty"`
	// Via is, for an implied role, the role that implies it directly, when
	// that is not ImpliedBy itself (implication is transitive).
	Via string `json:"via,omitempty"`

	// Source is where the nomination or office was written.
	Source compact.Position `json:"-"`
}

// ActiveOn reports whether the role is held on date d: from the first day
// to the last day of the term, both included.
func (a Assignment) ActiveOn(d compact.Date) bool {
	return compact.InTerm(a.From, a.To, d)
}

// IsDeputy reports whether the holder deputises for another.
func (a Assignment) IsDeputy() bool { return a.DeputyFor != "" }

// Option configures [New].
type Option func(*options)

type options struct {
	catalogue *Catalogue
}

// WithCatalogue makes New use cat instead of the area's own role catalogue
// (or the reference catalogue of its library).
func WithCatalogue(cat *Catalogue) Option { return func(o *options) { o.catalogue = cat } }

// LoadCatalogue resolves the area's role catalogue: the RoleCatalogue
// document of the area that no other area catalogue extends, with the
// catalogues it extends applied. An area with no catalogue of its own uses
// the reference catalogue of its library ([ReferenceID]). It returns nil
// and no error when there is neither.
func LoadCatalogue(area *compact.Area) (*Catalogue, error) {
	docs := area.DocumentsOf(compact.KindRoleCatalogue)
	if len(docs) == 0 {
		d, ok := area.Find(compact.KindRoleCatalogue, ReferenceID)
		if !ok {
			return nil, nil
		}
		return Resolve(d, area.Find)
	}
	tops, _ := compact.Top(docs, func(d *compact.Document) string { return d.ID }, extendsOf)
	switch len(tops) {
	case 0:
		return nil, compact.Errors{compact.LoopError(docs[0], "role catalogues")}
	case 1:
		return Resolve(tops[0], area.Find)
	}
	var errs compact.Errors
	for _, d := range tops[1:] {
		errs = append(errs, d.Errorf("id", compact.ErrDuplicate,
			"an area has one role catalogue, but %q (%s) and %q both stand alone; make one extend the other, or put base catalogues in a library",
			tops[0].ID, tops[0].Pos, d.ID))
	}
	return nil, errs
}

// extendsOf reads the extends field of a catalogue document without
// checking the rest.
func extendsOf(d *compact.Document) string {
	// Decoding goes on past problems, which are reported when the chosen
	// catalogue is resolved; only extends matters here.
	var rc RoleCatalogue
	_ = d.Decode(&rc)
	return rc.Extends
}

// New builds the register of an area: it resolves the area's role
// catalogue (see [LoadCatalogue]), fills the catalogue's offices from the
// directory, and checks every nomination against the catalogue. Problems are
// reported together as [compact.Errors], each at the field of the record or
// catalogue entry it is about:
//
//   - a nomination naming a role the catalogue does not define
//     (compact.ErrReference);
//   - a role nominated by each signatory, nominated by an organisation that
//     was not a signatory on the nomination's first day (ErrNotSignatory),
//     or by a body (ErrAppointment);
//   - a role appointed by a body, with nominatedBy naming an organisation,
//     or a body of another kind (ErrAppointment);
//   - a deputy for a role without deputies, or for someone who does not
//     hold the role (ErrAppointment);
//   - the same person nominated twice to one role for one organisation with
//     overlapping terms (compact.ErrDuplicate);
//   - more people nominated to a role for one organisation at once than its
//     appointment allows (ErrTooManyHolders), reported at the nomination
//     whose term starts last;
//   - an office naming an organisation or person not in the directory
//     (compact.ErrReference).
//
// An area with nominations but no catalogue at all is ErrNoCatalogue.
func New(area *compact.Area, opts ...Option) (*Register, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	cat := o.catalogue
	if cat == nil {
		var err error
		if cat, err = LoadCatalogue(area); err != nil {
			return nil, err
		}
	}
	if cat == nil {
		if len(area.Records.Nominations) > 0 {
			n := area.Records.Nominations[0]
			return nil, compact.Errors{area.Errorf(n.Source, "role", ErrNoCatalogue,
				"the area has nominations but no role catalogue, and its library has no %q catalogue; add a RoleCatalogue document", ReferenceID)}
		}
		cat = &Catalogue{}
		cat.index()
	}
	r := &Register{area: area, cat: cat, orgOrder: map[string]int{}}
	for i, org := range area.Directory.Organisations {
		if _, ok := r.orgOrder[org.ID]; !ok {
			r.orgOrder[org.ID] = i
		}
	}
	var errs compact.Errors
	errs = append(errs, r.fillOffices()...)
	errs = append(errs, r.checkNominations()...)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return r, nil
}

// Check reports the problems New would report for an area, or nil. An area
// with no role catalogue and no nominations has nothing to check.
func Check(area *compact.Area) error {
	_, err := New(area)
	return err
}

// Catalogue returns the resolved role catalogue the register uses.
func (r *Register) Catalogue() *Catalogue { return r.cat }

// Area returns the area the register was built from.
func (r *Register) Area() *compact.Area { return r.area }

// Nominated returns one assignment per nomination record, in record order,
// whatever its dates.
func (r *Register) Nominated() []Assignment { return slices.Clone(r.nominated) }

// fillOffices finds the holders of the catalogue's offices in the directory.
func (r *Register) fillOffices() compact.Errors {
	var errs compact.Errors
	for _, role := range r.cat.Roles {
		for _, o := range role.ExOfficio {
			org, ok := r.area.Organisation(o.Organisation)
			if !ok {
				errs = append(errs, o.at.at("organisation").errorf(compact.ErrReference, "%s",
					unknownIn("organisation", o.Organisation, r.orgIDs(), "the area's directory")))
				continue
			}
			switch {
			case role.HeldBy() == HolderOrganisation:
				r.offices = append(r.offices, office{role: role.ID, office: o, filled: true})
			case o.Person != "":
				if _, ok := r.area.Person(o.Person); !ok {
					errs = append(errs, o.at.at("person").errorf(compact.ErrReference, "%s",
						unknownIn("person", o.Person, r.personIDs(), "the area's directory")))
					continue
				}
				r.offices = append(r.offices, office{role: role.ID, office: o, person: o.Person, filled: true})
			default:
				filled := false
				for _, p := range r.area.Directory.People {
					if p.Organisation == org.ID && strings.EqualFold(strings.TrimSpace(p.Position), strings.TrimSpace(o.Position)) {
						r.offices = append(r.offices, office{role: role.ID, office: o, person: p.ID, filled: true})
						filled = true
					}
				}
				if !filled {
					r.offices = append(r.offices, office{role: role.ID, office: o})
				}
			}
		}
	}
	return errs
}

func (r *Register) orgIDs() []string {
	out := make([]string, 0, len(r.area.Directory.Organisations))
	for _, o := range r.area.Directory.Organisations {
		out = append(out, o.ID)
	}
	return out
}

func (r *Register) personIDs() []string {
	out := make([]string, 0, len(r.area.Directory.People))
	for _, p := range r.area.Directory.People {
		out = append(out, p.ID)
	}
	return out
}

func unknownIn(what, id string, known []string, where string) string {
	return fmt.Sprintf("unknown %s %q: it is not in %s%s", what, id, where, hint(id, known))
}

// checkNominations turns nominations into assignments and checks them
// against the catalogue.
func (r *Register) checkNominations() compact.Errors {
	var errs compact.Errors
	noms := r.area.Records.Nominations
	valid := make([]bool, len(noms))
	for i, n := range noms {
		a := Assignment{Role: n.Role, Organisation: n.Organisation, Person: n.Person, From: n.From, To: n.To,
			Basis: BasisNominated, Nomination: n.ID, DeputyFor: n.DeputyFor, Source: n.Source}
		if n.NominatedBy != n.Organisation {
			a.NominatedBy = n.NominatedBy
		}
		r.nominated = append(r.nominated, a)
		role, ok := r.cat.Role(n.Role)
		if !ok {
			errs = append(errs, r.area.Errorf(n.Source, "role", compact.ErrReference, "%s",
				unknownRole(n.Role, r.cat.RoleIDs(), "in role catalogue "+quoteID(r.cat.ID))))
			continue
		}
		valid[i] = true
		if e := r.checkAppointment(role, n); e != nil {
			errs = append(errs, e)
		}
	}
	// Deputies, duplicates and counts: per role and organisation, in order
	// of first day (record order breaks ties).
	order := make([]int, 0, len(noms))
	for i := range noms {
		if valid[i] {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := noms[i], noms[j]
		return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(a.Organisation, b.Organisation), a.From.Compare(b.From))
	})
	group := 0 // where the run of n's role and organisation starts in order
	for k, i := range order {
		n := noms[i]
		if k > 0 {
			if p := noms[order[k-1]]; p.Role != n.Role || p.Organisation != n.Organisation {
				group = k
			}
		}
		role, _ := r.cat.Role(n.Role)
		var earlier []int // same role and organisation, starting no later, still held on n's first day
		for _, j := range order[group:k] {
			if r.nominated[j].ActiveOn(n.From) {
				earlier = append(earlier, j)
			}
		}
		if n.DeputyFor != "" {
			if e := r.checkDeputy(role, i, earlier); e != nil {
				errs = append(errs, e)
			}
			continue
		}
		if j := slices.IndexFunc(earlier, func(j int) bool { return noms[j].Person == n.Person && noms[j].DeputyFor == "" }); j >= 0 {
			m := noms[earlier[j]]
			errs = append(errs, r.area.Errorf(n.Source, "from", compact.ErrDuplicate,
				"%s is already %s for %s from %s (nomination %q at %s); end that term (to) before this one starts",
				r.personName(n.Person), roleName(role), r.orgName(n.Organisation), termText(m.From, m.To), m.ID, m.Source))
			continue
		}
		if limit := role.Appointment.Max; limit > 0 {
			var holders []string
			for _, j := range earlier {
				if noms[j].DeputyFor == "" {
					holders = append(holders, fmt.Sprintf("%s %s (nomination %q at %s)",
						r.personName(noms[j].Person), termText(noms[j].From, noms[j].To), noms[j].ID, noms[j].Source))
				}
			}
			if len(holders)+1 > limit {
				errs = append(errs, r.area.Errorf(n.Source, "from", ErrTooManyHolders,
					"%s allows at most %d %s for %s at a time, but from %s %s would be one more: %s; end an earlier term (to) first, or raise appointment.max in the role catalogue",
					roleTitle(role), limit, plural(limit, "holder", "holders"), r.orgName(n.Organisation), n.From,
					r.personName(n.Person), strings.Join(holders, "; ")))
			}
		}
	}
	return errs
}

// checkAppointment checks who nominated, against the role's appointment.
func (r *Register) checkAppointment(role *Role, n compact.Nomination) *compact.Error {
	appt := role.Appointment
	switch appt.by() {
	case BySignatory:
		nominator, field := n.Organisation, "organisation"
		if n.NominatedBy != "" {
			nominator, field = n.NominatedBy, "nominatedBy"
		}
		if _, isOrg := r.area.Organisation(nominator); !isOrg {
			if _, isBody := r.area.Body(nominator); isBody {
				return r.area.Errorf(n.Source, "nominatedBy", ErrAppointment,
					"%s is nominated by each signatory, not by a body: name the signatory that nominates (or leave nominatedBy out when %s nominates for itself)",
					roleTitle(role), r.orgName(n.Organisation))
			}
			return nil // an unknown organisation is reported when the area loads
		}
		if r.area.IsSignatory(nominator, n.From) {
			return nil
		}
		return r.area.Errorf(n.Source, field, ErrNotSignatory, "%s is not a signatory of the compact on %s%s, but %s is nominated by each signatory; %s",
			r.orgName(nominator), n.From, r.signatureNote(nominator, n.From), roleTitle(role), notSignatoryAdvice(field))
	case ByBody:
		if n.NominatedBy == "" {
			return nil
		}
		kind := cmp.Or(appt.BodyKind, role.Body)
		body, isBody := r.area.Body(n.NominatedBy)
		if !isBody {
			what := "a governance body"
			if kind != "" {
				what = "a body of kind " + string(kind)
			}
			return r.area.Errorf(n.Source, "nominatedBy", ErrAppointment,
				"%s is appointed by %s, but nominatedBy names the organisation %s; name the body (%s)",
				roleTitle(role), what, r.orgName(n.NominatedBy), strings.Join(r.bodyIDs(kind), ", "))
		}
		if kind != "" && body.Kind != kind {
			return r.area.Errorf(n.Source, "nominatedBy", ErrAppointment,
				"%s is appointed by a body of kind %s, but %q is a %s", roleTitle(role), kind, body.ID, body.Kind)
		}
	}
	return nil
}

func notSignatoryAdvice(field string) string {
	if field == "nominatedBy" {
		return "record the signature in the records (signatures), or name a signatory in nominatedBy"
	}
	return "record the signature in the records (signatures), or name the signatory that nominates on the organisation's behalf in nominatedBy"
}

// signatureNote says when an organisation signed or withdrew, relative to d.
func (r *Register) signatureNote(org string, d compact.Date) string {
	var notes []string
	for _, s := range r.area.Signatures() {
		if s.Organisation != org {
			continue
		}
		switch {
		case s.Signed.After(d):
			notes = append(notes, "it signs on "+s.Signed.String())
		case !s.Withdrawn.IsZero() && !s.Withdrawn.After(d):
			notes = append(notes, "it withdrew on "+s.Withdrawn.String())
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, "; ") + ")"
}

func (r *Register) bodyIDs(kind compact.BodyKind) []string {
	var out []string
	if r.area.Compact != nil {
		for _, b := range r.area.Compact.Governance {
			if kind == "" || b.Kind == kind {
				out = append(out, b.ID)
			}
		}
	}
	if len(out) == 0 {
		return []string{"the area's compact has none"}
	}
	return out
}

// checkDeputy checks a deputy's nomination: the role allows deputies and
// the person deputised for holds the role for the organisation on the
// deputy's first day.
func (r *Register) checkDeputy(role *Role, i int, earlier []int) *compact.Error {
	noms := r.area.Records.Nominations
	n := noms[i]
	switch {
	case !role.Appointment.Deputies:
		return r.area.Errorf(n.Source, "deputyFor", ErrAppointment,
			"%s has no deputies; remove deputyFor, or set appointment.deputies in the role catalogue", roleTitle(role))
	case n.DeputyFor == n.Person:
		return r.area.Errorf(n.Source, "deputyFor", ErrAppointment, "a person cannot deputise for themselves")
	}
	if slices.ContainsFunc(earlier, func(j int) bool { return noms[j].Person == n.DeputyFor && noms[j].DeputyFor == "" }) {
		return nil
	}
	return r.area.Errorf(n.Source, "deputyFor", ErrAppointment,
		"%s is not %s for %s on %s, so no one can deputise for them then; nominate them first",
		r.personName(n.DeputyFor), roleName(role), r.orgName(n.Organisation), n.From)
}

// personName is a person's name and id for messages, or the id alone.
func (r *Register) personName(id string) string {
	if p, ok := r.area.Person(id); ok && p.Name != "" {
		return fmt.Sprintf("%s (%s)", p.Name, id)
	}
	return id
}

// orgName is an organisation's name and id for messages, or the id alone.
func (r *Register) orgName(id string) string {
	if o, ok := r.area.Organisation(id); ok && o.Name != "" {
		return fmt.Sprintf("%s (%s)", o.Name, id)
	}
	return id
}

func roleTitle(r *Role) string {
	if r.Title != "" {
		return "the " + r.Title + " role"
	}
	return "role " + r.ID
}

// roleName is a role's title, or its id.
func roleName(r *Role) string {
	if r.Title != "" {
		return r.Title
	}
	return r.ID
}

func termText(from, to compact.Date) string {
	if to.IsZero() {
		return from.String() + " with no end date"
	}
	return from.String() + " to " + to.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
