package roles

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// Held returns every role held on date on: nominated holders whose term
// includes the date, office holders of organisations that have nominated
// no one to the role, and the roles those bring with them (implied). They
// are in catalogue order of role, then directory order of organisation,
// with nominated holders first, then office holders, deputies, and implied
// holders.
func (r *Register) Held(on compact.Date) []Assignment {
	var direct []Assignment
	for _, a := range r.nominated {
		if _, ok := r.cat.Role(a.Role); ok && a.ActiveOn(on) {
			direct = append(direct, a)
		}
	}
	for _, o := range r.offices {
		a := o.assignment()
		if !o.filled || !a.ActiveOn(on) {
			continue
		}
		if slices.ContainsFunc(direct, func(d Assignment) bool {
			return d.Basis == BasisNominated && d.Role == a.Role && d.Organisation == a.Organisation && !d.IsDeputy()
		}) {
			continue // "unless otherwise stated": a nomination displaces the office
		}
		direct = append(direct, a)
	}
	out := slices.Clone(direct)
	for _, a := range direct {
		for _, imp := range r.cat.Implied(a.Role) {
			if slices.ContainsFunc(out, func(b Assignment) bool {
				return b.Role == imp.Role && b.Organisation == a.Organisation && b.Person == a.Person && b.DeputyFor == a.DeputyFor
			}) {
				continue // already held in its own right, or implied another way
			}
			b := a
			b.Role, b.Basis, b.ImpliedBy, b.Via = imp.Role, BasisImplied, a.Role, ""
			if imp.Via != a.Role {
				b.Via = imp.Via
			}
			out = append(out, b)
		}
	}
	r.sort(out)
	return out
}

func (o office) assignment() Assignment {
	return Assignment{Role: o.role, Organisation: o.office.Organisation, Person: o.person, From: o.office.From,
		To: o.office.To, Basis: BasisExOfficio, Office: o.office.Position, Source: o.office.Pos}
}

var basisOrder = map[Basis]int{BasisNominated: 0, BasisExOfficio: 1, BasisImplied: 3}

func (r *Register) sort(list []Assignment) {
	rank := func(a Assignment) int {
		n := basisOrder[a.Basis]
		if a.IsDeputy() && a.Basis != BasisImplied {
			n = 2
		}
		return n
	}
	slices.SortStableFunc(list, func(a, b Assignment) int {
		return cmp.Or(
			cmp.Compare(r.roleIndex(a.Role), r.roleIndex(b.Role)),
			cmp.Compare(r.orgIndex(a.Organisation), r.orgIndex(b.Organisation)),
			cmp.Compare(a.Organisation, b.Organisation),
			cmp.Compare(rank(a), rank(b)),
			a.From.Compare(b.From),
			cmp.Compare(a.Person, b.Person))
	})
}

func (r *Register) roleIndex(id string) int {
	if i, ok := r.cat.byID[id]; ok {
		return i
	}
	return len(r.cat.Roles)
}

func (r *Register) orgIndex(id string) int {
	if i, ok := r.orgOrder[id]; ok {
		return i
	}
	return len(r.orgOrder)
}

// Holders returns who holds a role for an organisation on a date, implied
// holders included, in the order of [Register.Held]. An empty org means
// every organisation.
func (r *Register) Holders(role, org string, on compact.Date) []Assignment {
	var out []Assignment
	for _, a := range r.Held(on) {
		if a.Role == role && (org == "" || a.Organisation == org) {
			out = append(out, a)
		}
	}
	return out
}

// RolesOf returns the roles a person holds on a date, for any
// organisation, implied roles included.
func (r *Register) RolesOf(person string, on compact.Date) []Assignment {
	var out []Assignment
	for _, a := range r.Held(on) {
		if a.Person == person {
			out = append(out, a)
		}
	}
	return out
}

// EndingWithin returns the nominated and ex officio holdings held on date
// on whose last day is no more than days days later: a term that ends on
// the date itself is included, one that ended the day before is not. They
// are sorted by last day, then as [Register.Held]. Negative days count as 0.
// The roles each implies end with it (see [Catalogue.Implied]).
func (r *Register) EndingWithin(on compact.Date, days int) []Assignment {
	limit := on.AddDays(max(days, 0))
	var out []Assignment
	for _, a := range r.Held(on) {
		if a.Basis != BasisImplied && !a.To.IsZero() && !a.To.After(limit) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b Assignment) int { return a.To.Compare(b.To) })
	return out
}

// Vacancy is an organisation that should hold a role and, on the date
// asked about, has fewer holders than it should.
type Vacancy struct {
	// Role that is vacant.
	Role string `json:"role"`
	// Organisation that should hold it.
	Organisation string `json:"organisation"`
	// Have is how many holders the organisation has (deputies not counted).
	Have int `json:"have"`
	// Want is how many it should have.
	Want int `json:"want"`
	// Last is the most recent holding that has ended, if any.
	Last *Assignment `json:"last,omitempty"`
	// Office is the position that would hold the role ex officio but that
	// no one in the directory holds.
	Office string `json:"office,omitempty"`
	// Reason says in words why the role is vacant.
	Reason string `json:"reason"`
}

// Vacancies returns, for every role whose appointment expects holders
// (each signatory, or each organisation of some sectors and kinds), the
// expected organisations that have fewer holders on date on than the role's
// minimum. Nominated, ex officio and implied holders count; deputies do not.
// An organisation that has nominated a holder on behalf of others
// (nominatedBy) has filled its place. They
// are in catalogue order of role, then signature or directory order.
func (r *Register) Vacancies(on compact.Date) []Vacancy {
	held := r.Held(on)
	var out []Vacancy
	for i := range r.cat.Roles {
		role := &r.cat.Roles[i]
		want := role.Appointment.MinHolders()
		if want == 0 {
			continue
		}
		// The holders that fill each organisation's place, worked out once
		// per role: its own, and those it nominated on behalf of others.
		filling := map[string]map[string]bool{}
		fill := func(org, holder string) {
			if filling[org] == nil {
				filling[org] = map[string]bool{}
			}
			filling[org][holder] = true
		}
		for _, a := range held {
			if a.Role != role.ID || a.IsDeputy() {
				continue
			}
			fill(a.Organisation, a.Organisation+"/"+a.Person)
			if a.NominatedBy != "" && a.NominatedBy != a.Organisation {
				fill(a.NominatedBy, a.Organisation+"/"+a.Person)
			}
		}
		for _, org := range r.expected(role, on) {
			holders := filling[org]
			if len(holders) >= want {
				continue
			}
			v := Vacancy{Role: role.ID, Organisation: org, Have: len(holders), Want: want}
			v.Last = r.lastHolding(role.ID, org, on)
			for _, o := range r.offices {
				if o.role == role.ID && o.office.Organisation == org && !o.filled {
					if a := o.assignment(); a.ActiveOn(on) {
						v.Office = o.office.Position
					}
				}
			}
			v.Reason = r.vacancyReason(role, v)
			out = append(out, v)
		}
	}
	return out
}

// expected lists the organisations that should hold a role on a date.
func (r *Register) expected(role *Role, on compact.Date) []string {
	var ids []string
	switch role.Appointment.Each {
	case EachSignatory:
		ids = r.area.Signatories(on)
	case EachOrganisation:
		ids = r.orgIDs()
	case EachRepresented:
		if r.area.Compact != nil {
			for _, b := range r.area.Compact.Governance {
				if b.Kind == role.Body {
					for _, id := range b.Represented {
						// An organisation that signed and has since withdrawn (or
						// closed) no longer has a seat to fill; one that never
						// signed (a council's service, say) keeps its seat.
						if sig, in := r.area.SignatureOn(id, on); sig != nil && !in {
							continue
						}
						if !slices.Contains(ids, id) {
							ids = append(ids, id)
						}
					}
				}
			}
		}
	}
	var out []string
	for _, id := range ids {
		org, ok := r.area.Organisation(id)
		if !ok {
			continue
		}
		if len(role.Appointment.Sectors) > 0 && !slices.Contains(role.Appointment.Sectors, org.Sector) {
			continue
		}
		if len(role.Appointment.Kinds) > 0 && !slices.Contains(role.Appointment.Kinds, org.Kind) {
			continue
		}
		out = append(out, id)
	}
	return out
}

// lastHolding returns the nominated holding of a role for an organisation
// that ended most recently before a date.
func (r *Register) lastHolding(role, org string, on compact.Date) *Assignment {
	var last *Assignment
	for i := range r.nominated {
		a := &r.nominated[i]
		if a.Role == role && a.Organisation == org && !a.IsDeputy() && !a.To.IsZero() && a.To.Before(on) &&
			(last == nil || a.To.After(last.To)) {
			last = a
		}
	}
	if last == nil {
		return nil
	}
	c := *last
	return &c
}

func (r *Register) vacancyReason(role *Role, v Vacancy) string {
	var b strings.Builder
	if v.Have == 0 {
		fmt.Fprintf(&b, "%s has no %s", r.orgName(v.Organisation), role.Title)
	} else {
		fmt.Fprintf(&b, "%s has %d %s and should have %d", r.orgName(v.Organisation), v.Have, role.Title, v.Want)
	}
	switch {
	case v.Office != "":
		fmt.Fprintf(&b, ": the %s holds the role ex officio, but no one in the directory has that position", v.Office)
	case v.Last != nil:
		fmt.Fprintf(&b, " since %s's term ended on %s (nomination %q)", r.personName(v.Last.Person), v.Last.To, v.Last.Nomination)
	case v.Have == 0:
		b.WriteString(": no one has been nominated")
	}
	return b.String()
}

// ContactBasis says why someone is a point of contact for an organisation.
type ContactBasis string

// Contact bases, in order of precedence.
const (
	// ContactOwn: a holder of a contact role (a compact champion) for the
	// organisation itself, nominated, ex officio or implied.
	ContactOwn ContactBasis = "own"
	// ContactParent: a holder for the organisation it is part of (a
	// council's champion, for a council service).
	ContactParent ContactBasis = "parent"
	// ContactSector: a holder who speaks for the organisation's sector: one
	// nominated on behalf of others (nominatedBy names another
	// organisation), or one held for a network or infrastructure body of the
	// same sector (the VCS champion nominated by Third Sector Leaders).
	ContactSector ContactBasis = "sector"
	// ContactArea: a holder of a role that is a point of contact for anyone
	// in the area (the local compact officer, who signposts).
	ContactArea ContactBasis = "area"
)

// Contact is who to contact about an organisation's compact issues: the
// options in order of precedence. The first is the initial point of
// contact; the others are where to go next.
type Contact struct {
	// Organisation asked about.
	Organisation string `json:"organisation"`
	// AsOf is the date asked about.
	AsOf compact.Date `json:"asOf"`
	// Options in order of precedence; empty when no one holds a contact role.
	Options []ContactOption `json:"options"`
}

// ContactOption is one step of the precedence with the people at it.
type ContactOption struct {
	// Basis of this option.
	Basis ContactBasis `json:"basis"`
	// Holders to contact, in the order of [Register.Held].
	Holders []Assignment `json:"holders"`
	// Why says in words why these are contacts.
	Why string `json:"why"`
}

// Initial returns the initial point of contact: the first option.
func (c Contact) Initial() (ContactOption, bool) {
	if len(c.Options) == 0 {
		return ContactOption{}, false
	}
	return c.Options[0], true
}

// maxParentDepth bounds the walk up an organisation's parents; real
// hierarchies are a level or two (a service of a council).
const maxParentDepth = 8

// Contact answers "who is the initial point of contact for this
// organisation's compact issues" on a date. Contact roles are those the
// catalogue marks contact: organisation (the compact champion: "the initial
// point of contact for issues relating to the Compact") or contact: area
// (the compact officer). The precedence is:
//
//  1. own: holders of an organisation contact role for the organisation
//     itself (nominated, ex officio, or implied, as a steering group member
//     is a champion); deputies come after the holders they stand in for;
//  2. parent: the same for the organisation it is part of, and so on up;
//  3. sector: holders of an organisation contact role who speak for the
//     organisation's sector: nominated on behalf of others (nominatedBy),
//     or held for a network or infrastructure body of the same sector;
//  4. area: holders of an area contact role (the local compact officer).
//
// Every step with holders is returned, in that order. An organisation not
// in the directory is an error of class ErrUnknownOrganisation.
func (r *Register) Contact(org string, on compact.Date) (Contact, error) {
	target, ok := r.area.Organisation(org)
	if !ok {
		return Contact{}, &compact.Error{Msg: unknownIn("organisation", org, r.orgIDs(), "the area's directory"), Err: ErrUnknownOrganisation}
	}
	c := Contact{Organisation: org, AsOf: on}
	held := r.Held(on)
	scope := func(a Assignment) ContactScope {
		if role, ok := r.cat.Role(a.Role); ok {
			return role.Contact
		}
		return ""
	}
	pick := func(keep func(Assignment) bool) []Assignment {
		var out []Assignment
		for _, a := range held {
			if keep(a) && !slices.ContainsFunc(out, func(b Assignment) bool { return sameHolder(a, b) }) {
				out = append(out, a)
			}
		}
		slices.SortStableFunc(out, func(a, b Assignment) int { return cmp.Compare(b2i(a.IsDeputy()), b2i(b.IsDeputy())) })
		return out
	}
	add := func(basis ContactBasis, holders []Assignment, why func(titles string) string) {
		if len(holders) > 0 {
			c.Options = append(c.Options, ContactOption{Basis: basis, Holders: holders, Why: why(r.titlesOf(holders))})
		}
	}
	add(ContactOwn, pick(func(a Assignment) bool { return scope(a) == ScopeOrganisation && a.Organisation == org }),
		func(t string) string { return fmt.Sprintf("%s's own %s", r.plainName(org), t) })
	seen := map[string]bool{org: true}
	for p, depth := target.Parent, 0; p != "" && !seen[p] && depth < maxParentDepth; depth++ {
		seen[p] = true
		add(ContactParent, pick(func(a Assignment) bool { return scope(a) == ScopeOrganisation && a.Organisation == p }),
			func(t string) string {
				return fmt.Sprintf("%s is part of %s, whose %s covers it", r.plainName(org), r.plainName(p), t)
			})
		parent, ok := r.area.Organisation(p)
		if !ok {
			break
		}
		p = parent.Parent
	}
	add(ContactSector, pick(func(a Assignment) bool {
		return scope(a) == ScopeOrganisation && !seen[a.Organisation] && r.speaksFor(a, target.Sector)
	}), func(t string) string {
		return fmt.Sprintf("the %s who speaks for the %s", t, sectorName(target.Sector))
	})
	add(ContactArea, pick(func(a Assignment) bool { return scope(a) == ScopeArea }),
		func(t string) string { return fmt.Sprintf("the area's %s, who signposts anyone", t) })
	return c, nil
}

// speaksFor reports whether a holding speaks for a sector: nominated on
// behalf of others by an organisation of the sector, or held for a network
// or infrastructure body of the sector.
func (r *Register) speaksFor(a Assignment, sector compact.Sector) bool {
	holder, ok := r.area.Organisation(a.Organisation)
	if !ok || holder.Sector != sector {
		return false
	}
	if a.NominatedBy != "" {
		if by, ok := r.area.Organisation(a.NominatedBy); ok && by.Sector == sector {
			return true
		}
	}
	return holder.Kind == compact.OrgNetwork || holder.Kind == compact.OrgInfrastructureBody
}

// titlesOf names the roles of some holdings ("Compact Champion"), once
// each, in order.
func (r *Register) titlesOf(list []Assignment) string {
	var titles []string
	for _, a := range list {
		t := a.Role
		if role, ok := r.cat.Role(a.Role); ok && role.Title != "" {
			t = role.Title
		}
		if !slices.Contains(titles, t) {
			titles = append(titles, t)
		}
	}
	return strings.Join(titles, " or ")
}

// plainName is an organisation's name, or its id.
func (r *Register) plainName(id string) string {
	if o, ok := r.area.Organisation(id); ok && o.Name != "" {
		return o.Name
	}
	return id
}

func sectorName(s compact.Sector) string {
	switch s {
	case compact.SectorVoluntaryCommunity:
		return "voluntary and community sector"
	case compact.SectorPublic:
		return "public sector"
	case compact.SectorPrivate:
		return "private sector"
	}
	return string(s) + " sector"
}

func sameHolder(a, b Assignment) bool {
	return a.Organisation == b.Organisation && a.Person == b.Person
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Setting is a requirement of a role as it applies in the area: in force or
// not, with the number in force and where it comes from.
type Setting struct {
	// Role the requirement belongs to.
	Role string `json:"role"`
	// Requirement as the catalogue writes it.
	Requirement Requirement `json:"requirement"`
	// InForce reports whether the requirement applies in the area.
	InForce bool `json:"inForce"`
	// Value is the number in force, for requirements with a number.
	Value int `json:"value,omitempty"`
	// Text is the compact's wording, for a seniority requirement.
	Text string `json:"text,omitempty"`
	// SetBy says where the value comes from: the area's compact (and which
	// body and field), or the catalogue.
	SetBy string `json:"setBy"`
}

// Requirements returns the requirements of a role as they apply in the
// area. For the kinds a compact sets for a governance body (minimum term,
// attendance and meetings a year, written commitment, seniority), the
// area's compact wins: the first body of the role's body kind with the
// setting gives it. Otherwise a number in the catalogue applies, and a
// requirement with neither is not in force here (its text is still
// reported). A per-signatory or per-organisation requirement is in force
// when the role's appointment expects holders. A requirement without a kind
// is documented text, always in force.
func (r *Register) Requirements(roleID string) []Setting {
	role, ok := r.cat.Role(roleID)
	if !ok {
		return nil
	}
	var body *compact.Body
	if r.area.Compact != nil && role.Body != "" {
		for i := range r.area.Compact.Governance {
			if b := &r.area.Compact.Governance[i]; b.Kind == role.Body {
				body = b
				break
			}
		}
	}
	var out []Setting
	for _, q := range role.Requirements {
		out = append(out, r.requirement(role, body, q))
	}
	return out
}

// requirement is one requirement of a role as it applies in the area; body
// is the governance body of the role's kind in the area's compact, or nil.
func (r *Register) requirement(role *Role, body *compact.Body, q Requirement) Setting {
	s := Setting{Role: role.ID, Requirement: q}
	switch q.Kind {
	case "":
		s.InForce, s.SetBy = true, "catalogue "+r.cat.ID
	case MinTermYears, MinAttendancePerYear, MinMeetingsPerYear:
		field, n, _ := bodySetting(body, q.Kind)
		_ = r.fromCompact(&s, body, field, n) || s.fromCatalogue(r.cat.ID)
	case WrittenCommitment, Seniority:
		field, n, text := bodySetting(body, q.Kind)
		if r.fromCompact(&s, body, field, n) {
			s.Value, s.Text = 0, text
		} else {
			s.SetBy = r.notSet(role)
		}
	case PerSignatory, PerOrganisation:
		s.Value = cmp.Or(q.Value, role.Appointment.MinHolders())
		s.InForce = role.Appointment.Each != "" && s.Value > 0
		if s.InForce {
			s.SetBy = fmt.Sprintf("catalogue %s (appointment: each %s)", r.cat.ID, role.Appointment.Each)
		} else {
			s.SetBy = fmt.Sprintf("catalogue %s: the role's appointment expects no holders (each)", r.cat.ID)
		}
	}
	if !s.InForce && s.SetBy == "" {
		s.SetBy = r.notSet(role)
	}
	return s
}

// bodySetting is what a governance body of the compact sets for a kind of
// requirement: the field that sets it, its number (1 for a flag that is
// set, 0 when not set) and, for seniority, its text.
func bodySetting(body *compact.Body, kind RequirementKind) (field string, n int, text string) {
	var m compact.Membership
	if body != nil && body.Membership != nil {
		m = *body.Membership
	}
	switch kind {
	case MinTermYears:
		return "membership.minTermYears", m.MinTermYears, ""
	case MinAttendancePerYear:
		return "membership.minAttendancePerYear", m.MinAttendancePerYear, ""
	case MinMeetingsPerYear:
		if body != nil {
			n = body.MinMeetingsPerYear
		}
		return "minMeetingsPerYear", n, ""
	case WrittenCommitment:
		return "membership.writtenCommitment", b2i(m.WrittenCommitment), ""
	case Seniority:
		return "membership.seniority", b2i(m.Seniority != ""), m.Seniority
	}
	return "", 0, ""
}

// fromCompact sets s from the compact's body when it sets a number.
func (r *Register) fromCompact(s *Setting, body *compact.Body, field string, n int) bool {
	if body == nil || n <= 0 {
		return false
	}
	s.Value, s.InForce = n, true
	s.SetBy = fmt.Sprintf("compact %s, body %s (%s)", r.area.Compact.ID, body.ID, field)
	return true
}

func (s *Setting) fromCatalogue(cat string) bool {
	if s.Requirement.Value <= 0 {
		return false
	}
	s.Value, s.InForce, s.SetBy = s.Requirement.Value, true, "catalogue "+cat
	return true
}

func (r *Register) notSet(role *Role) string {
	if role.Body == "" {
		return "not in force: the catalogue gives no number"
	}
	return fmt.Sprintf("not in force: the area's compact does not set it for a %s body", role.Body)
}

// SnapshotOf says what a snapshot is of: the area, the date, how far
// "ending soon" looks, and the role catalogue. A [Snapshot] and its JSON
// shape, [SnapshotOutput], start with it.
type SnapshotOf struct {
	// Area name.
	Area string `json:"area"`
	// AsOf is the date of the snapshot.
	AsOf compact.Date `json:"asOf"`
	// Within is the number of days "ending soon" looks ahead.
	Within int `json:"within"`
	// Catalogue is the id of the role catalogue.
	Catalogue string `json:"catalogue"`
	// Chain lists the catalogues applied, base first.
	Chain []string `json:"chain"`
}

// Snapshot is the directory of roles on a date: every role with its
// holders and requirements, the vacancies, and the terms ending soon.
type Snapshot struct {
	SnapshotOf
	// Roles in catalogue order.
	Roles []RoleEntry `json:"roles"`
	// Vacancies on the date.
	Vacancies []Vacancy `json:"vacancies"`
	// EndingSoon are the holdings whose term ends within Within days.
	EndingSoon []Assignment `json:"endingSoon"`
}

// RoleEntry is one role in a snapshot.
type RoleEntry struct {
	// Role as the catalogue defines it.
	Role *Role `json:"role"`
	// Holders on the date, implied holders included.
	Holders []Assignment `json:"holders"`
	// Requirements as they apply in the area.
	Requirements []Setting `json:"requirements,omitempty"`
}

// Snapshot returns the directory of roles on a date, with terms ending
// within the given number of days.
func (r *Register) Snapshot(on compact.Date, within int) *Snapshot {
	s := &Snapshot{SnapshotOf: SnapshotOf{Area: r.area.Name, AsOf: on, Within: max(within, 0), Catalogue: r.cat.ID, Chain: r.cat.Chain},
		Vacancies: r.Vacancies(on), EndingSoon: r.EndingWithin(on, within)}
	held := r.Held(on)
	for i := range r.cat.Roles {
		role := &r.cat.Roles[i]
		e := RoleEntry{Role: role, Holders: []Assignment{}, Requirements: r.Requirements(role.ID)}
		for _, a := range held {
			if a.Role == role.ID {
				e.Holders = append(e.Holders, a)
			}
		}
		s.Roles = append(s.Roles, e)
	}
	if s.Vacancies == nil {
		s.Vacancies = []Vacancy{}
	}
	if s.EndingSoon == nil {
		s.EndingSoon = []Assignment{}
	}
	return s
}
