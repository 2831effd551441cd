package roles

import (
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// ReferenceID is the id of the reference role catalogue shipped with the
// library (examples/national/roles.yaml). An area without a catalogue of its
// own uses it; an area catalogue usually extends it.
const ReferenceID = "reference"

// RoleCatalogue is the document of kind RoleCatalogue as written: its own
// roles, and how it changes the catalogue it extends. [Resolve] turns it into
// a [Catalogue].
//
//	apiVersion: compactkit/v1
//	kind: RoleCatalogue
//	id: kirklees
//	extends: reference
//	alter:
//	  - role: compact-champion
//	    notes: [A Health Compact Champion will be identified when structures are in place.]
type RoleCatalogue struct {
	compact.TypeMeta
	// ID names the catalogue; another catalogue extends it by this id.
	ID string `json:"id"`
	// Title of the catalogue.
	Title string `json:"title,omitempty"`
	// Extends is the id of the catalogue this one builds on (usually
	// "reference"). Its roles and sources apply here, changed by Alter and
	// Remove.
	Extends string `json:"extends,omitempty"`
	// Sources are the documents duties and requirements quote, by id.
	Sources []Source `json:"sources,omitempty"`
	// Roles defined by this catalogue. An id the base catalogue already
	// defines is an error: alter the base role instead.
	Roles []Role `json:"roles,omitempty"`
	// Alter changes roles of the base catalogue.
	Alter []Alteration `json:"alter,omitempty"`
	// Remove drops roles of the base catalogue that the area does not use.
	Remove []string `json:"remove,omitempty"`

	// Source is where the document starts.
	Source compact.Position `json:"-"`

	doc *compact.Document // the document decoded, for positions
}

// Source is a document that duties and requirements quote: a compact, a
// role description, an action plan.
type Source struct {
	// ID is how duties and requirements cite the source.
	ID string `json:"id"`
	// Title of the source document.
	Title string `json:"title"`
	// URL where the source is published, if it is.
	URL string `json:"url,omitempty"`

	// Source is where the entry was written.
	Source compact.Position `json:"-"`

	at origin
}

// Role is a compact role: what it is for, what its holders owe (duties),
// what they must meet (requirements), how they are appointed and which other
// roles holding it brings with it (implies).
type Role struct {
	// ID identifies the role; nominations name it in their role field.
	ID string `json:"id"`
	// Title of the role as the compact writes it ("Compact Champion").
	Title string `json:"title"`
	// Purpose is the main purpose of the role.
	Purpose string `json:"purpose,omitempty"`
	// Holder says who holds the role: a person (the default) or an
	// organisation (Compact Voice, the Office for Civil Society).
	Holder HolderKind `json:"holder,omitempty"`
	// Body is the kind of governance body the role belongs to, when it
	// belongs to one: the steering group for its members, the champions as a
	// group, the compact leads group. Requirements whose numbers the compact
	// sets for a body (minimum term, attendance, meeting cadence) are read
	// from the area's body of this kind.
	Body compact.BodyKind `json:"body,omitempty"`
	// Appointment says how holders are appointed and how many each
	// organisation has.
	Appointment Appointment `json:"appointment,omitzero"`
	// Implies lists roles that holding this one brings with it: a steering
	// group member is automatically a compact champion. Implication is
	// transitive and must not loop.
	Implies []string `json:"implies,omitempty"`
	// Related lists roles this one works alongside (the compact officer and
	// the networks support officer), for the "who is who".
	Related []string `json:"related,omitempty"`
	// Contact says whom holders are a point of contact for on compact
	// issues: their own organisation (a compact champion) or anyone in the
	// area (a compact officer). Empty means the role is not a contact role.
	Contact ContactScope `json:"contact,omitempty"`
	// Duties are what holders undertake, as the sources word them.
	Duties []Duty `json:"duties,omitempty"`
	// Requirements are what holders (or their organisations) must meet.
	// Those with a Kind can be checked from records by the rule named in
	// Rule; the rest are documented text.
	Requirements []Requirement `json:"requirements,omitempty"`
	// ExOfficio lists offices whose holders hold the role by virtue of
	// their position, unless the organisation has nominated someone else
	// ("unless otherwise stated the Compact Champions will be the Chair of
	// the Third Sector Leaders Group ...").
	ExOfficio []Office `json:"exOfficio,omitempty"`
	// Notes are anything else worth saying about the role in this area.
	Notes []string `json:"notes,omitempty"`

	// Source is where the role was first written.
	Source compact.Position `json:"-"`

	at        origin   // where the role was written
	apptAt    origin   // where its appointment was written (an alteration may replace it)
	implyAt   []origin // where each implies entry was written
	relatedAt []origin // where each related entry was written
}

// HeldBy returns who holds the role, with the default filled in.
func (r *Role) HeldBy() HolderKind {
	if r.Holder == "" {
		return HolderPerson
	}
	return r.Holder
}

// Duty returns the duty with the id.
func (r *Role) Duty(id string) (*Duty, bool) {
	i := slices.IndexFunc(r.Duties, func(d Duty) bool { return d.ID == id })
	if i < 0 {
		return nil, false
	}
	return &r.Duties[i], true
}

// Requirement returns the requirement with the id.
func (r *Role) Requirement(id string) (*Requirement, bool) {
	i := slices.IndexFunc(r.Requirements, func(q Requirement) bool { return q.ID == id })
	if i < 0 {
		return nil, false
	}
	return &r.Requirements[i], true
}

// Appointment says how a role's holders are appointed, how many an
// organisation may have at once, and which organisations are expected to
// have one (a missing holder is a vacancy).
type Appointment struct {
	// By says who appoints holders. It decides what the nominatedBy field of
	// a nomination may name; see [Method].
	By Method `json:"by,omitempty"`
	// Text is how the source words the appointment ("Each signatory to the
	// Compact is invited to nominate a Compact Champion(s) ...").
	Text string `json:"text,omitempty"`
	// BodyKind, for By body, is the kind of governance body that appoints;
	// the role's Body when empty.
	BodyKind compact.BodyKind `json:"bodyKind,omitempty"`
	// Each says which organisations are expected to have a holder: every
	// signatory, every organisation of the directory, or every organisation
	// the area's compact lists as represented on the role's body (a seat on
	// the steering group), narrowed by Sectors and Kinds. Empty means none
	// are; the role has no vacancies.
	Each Each `json:"each,omitempty"`
	// Sectors narrows Each to organisations of these sectors.
	Sectors []compact.Sector `json:"sectors,omitempty"`
	// Kinds narrows Each to organisations of these kinds.
	Kinds []compact.OrgKind `json:"kinds,omitempty"`
	// Min is how many holders each expected organisation should have; 1
	// when Each is set and Min is not.
	Min int `json:"min,omitempty"`
	// Max is the most holders an organisation may have nominated at once
	// (deputies and implied holders do not count); 0 means no limit.
	Max int `json:"max,omitempty"`
	// Deputies allows nominated deputies (nominations with deputyFor).
	Deputies bool `json:"deputies,omitempty"`
}

// MinHolders returns how many holders an expected organisation should have:
// Min, or 1 when the role expects holders and Min is not set.
func (a Appointment) MinHolders() int {
	if a.Each == "" {
		return 0
	}
	return max(a.Min, 1)
}

// Duty is one undertaking of a role's holders, quoted from a source.
type Duty struct {
	// ID identifies the duty within its role.
	ID string `json:"id"`
	// Text of the duty as the source words it.
	Text string `json:"text"`
	// Objective is the objective the duty serves, for duties taken from an
	// action plan.
	Objective string `json:"objective,omitempty"`
	// Source is the id of the catalogue source the text is quoted from.
	Source string `json:"source,omitempty"`

	// Pos is where the duty was written.
	Pos compact.Position `json:"-"`

	at origin
}

// Requirement is something a role's holders (or their organisations) must
// meet. A requirement with a Kind can be checked from records; the rule
// named in Rule checks it in the rule pack. One without a Kind is documented
// text.
type Requirement struct {
	// ID identifies the requirement within its role.
	ID string `json:"id"`
	// Text of the requirement as the source words it.
	Text string `json:"text"`
	// Kind is the machine-readable form; empty for text only.
	Kind RequirementKind `json:"kind,omitempty"`
	// Value is the number the requirement sets (3 for a minimum term of 3
	// years). When the area's compact sets the number for the role's body,
	// the compact's number applies instead; see [Register.Requirements].
	Value int `json:"value,omitempty"`
	// Rule is the id of the rule in the rule pack that checks the
	// requirement.
	Rule string `json:"rule,omitempty"`
	// Source is the id of the catalogue source the text is quoted from.
	Source string `json:"source,omitempty"`

	// Pos is where the requirement was written.
	Pos compact.Position `json:"-"`

	at origin
}

// Checkable reports whether the requirement has a machine-readable form.
func (q Requirement) Checkable() bool { return q.Kind != "" }

// Office is a position whose holder holds a role ex officio: the Chair of
// the Third Sector Leaders Group, the Assistant Director for Communities and
// Leisure. For a role held by organisations, an office names just the
// organisation.
type Office struct {
	// Organisation the office belongs to, and that the role is held for.
	Organisation string `json:"organisation"`
	// Position is the office, matched (ignoring case) against the position
	// of the organisation's people in the directory.
	Position string `json:"position,omitempty"`
	// Person names the office holder directly, instead of Position.
	Person string `json:"person,omitempty"`
	// From is the first day the office carries the role, if it is not
	// always.
	From compact.Date `json:"from,omitzero"`
	// To is the last day the office carries the role, if it stops.
	To compact.Date `json:"to,omitzero"`

	// Pos is where the office was written.
	Pos compact.Position `json:"-"`

	at origin
}

// Alteration changes a role of the base catalogue in an area catalogue.
// Fields given replace the base role's; lists named add or remove entries.
type Alteration struct {
	// Role is the id of the base role to change.
	Role string `json:"role"`
	// Title replaces the role's title.
	Title string `json:"title,omitempty"`
	// Purpose replaces the role's purpose.
	Purpose string `json:"purpose,omitempty"`
	// Holder replaces who holds the role.
	Holder HolderKind `json:"holder,omitempty"`
	// Body replaces the role's body.
	Body compact.BodyKind `json:"body,omitempty"`
	// Appointment replaces the role's appointment as a whole.
	Appointment *Appointment `json:"appointment,omitempty"`
	// Implies replaces the roles this one implies (an empty list removes
	// them all).
	Implies *[]string `json:"implies,omitempty"`
	// Related replaces the roles this one works alongside.
	Related *[]string `json:"related,omitempty"`
	// Contact replaces the role's contact scope; "none" removes it.
	Contact ContactScope `json:"contact,omitempty"`
	// AddDuties are duties added after the base role's.
	AddDuties []Duty `json:"addDuties,omitempty"`
	// RemoveDuties are ids of base duties that do not apply here.
	RemoveDuties []string `json:"removeDuties,omitempty"`
	// AddRequirements are requirements added after the base role's.
	AddRequirements []Requirement `json:"addRequirements,omitempty"`
	// RemoveRequirements are ids of base requirements that do not apply here.
	RemoveRequirements []string `json:"removeRequirements,omitempty"`
	// ExOfficio offices are added to the base role's.
	ExOfficio []Office `json:"exOfficio,omitempty"`
	// Notes are added to the base role's.
	Notes []string `json:"notes,omitempty"`

	// Source is where the alteration was written.
	Source compact.Position `json:"-"`

	at origin
}

// HolderKind says whether people or organisations hold a role.
type HolderKind string

// Holder kinds.
const (
	HolderPerson       HolderKind = "person"       // a person nominated for an organisation
	HolderOrganisation HolderKind = "organisation" // an organisation in its own right (Compact Voice)
)

var holderKinds = []HolderKind{HolderPerson, HolderOrganisation}

// Values lists the holder kinds.
func (HolderKind) Values() []string { return docfmt.EnumStrings(holderKinds) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *HolderKind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, holderKinds, "kind of holder")
	return
}

// Method is who appoints a role's holders. It decides what a nomination's
// nominatedBy field may name:
//
//   - signatory: each signatory nominates its own holders. The nominating
//     organisation (nominatedBy, or else the organisation itself) must be a
//     signatory on the nomination's first day. A signatory may nominate on
//     behalf of others: Kirklees Third Sector Leaders nominates a Compact
//     Champion on behalf of the voluntary and community sector, so a
//     nomination for the sector's organisation with nominatedBy naming Third
//     Sector Leaders is valid, and counts as Third Sector Leaders' own
//     nomination when vacancies are counted.
//   - organisation: the organisation the role is held for appoints (an
//     employer appointing its compact officer). It need not be a signatory;
//     nominatedBy may name any organisation or body.
//   - body: a governance body appoints (the steering group). nominatedBy,
//     when given, must name a body of the area's compact, of the
//     appointment's body kind when one is set.
//   - ex-officio: the role comes with an office (see [Office]); nominations
//     may still record holders, and nominatedBy may name anyone.
type Method string

// Appointment methods.
const (
	BySignatory    Method = "signatory"    // nominated by each signatory
	ByOrganisation Method = "organisation" // appointed by the organisation it is held for
	ByBody         Method = "body"         // appointed by a governance body (the steering group)
	ExOfficio      Method = "ex-officio"   // held by virtue of an office
)

var methods = []Method{BySignatory, ByOrganisation, ByBody, ExOfficio}

// Values lists the appointment methods.
func (Method) Values() []string { return docfmt.EnumStrings(methods) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (m *Method) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*m, err = docfmt.ParseEnum(v, methods, "way of appointing")
	return
}

// Each says which organisations are expected to hold a role.
type Each string

// Expected holders.
const (
	EachSignatory    Each = "signatory"    // every signatory on the date asked about
	EachOrganisation Each = "organisation" // every organisation in the directory
	EachRepresented  Each = "represented"  // every organisation the compact says is represented on the role's body
)

var eaches = []Each{EachSignatory, EachOrganisation, EachRepresented}

// Values lists the kinds of expected holder.
func (Each) Values() []string { return docfmt.EnumStrings(eaches) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (e *Each) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*e, err = docfmt.ParseEnum(v, eaches, "kind of expected holder")
	return
}

// ContactScope says whom a role's holders are a point of contact for.
type ContactScope string

// Contact scopes.
const (
	ScopeOrganisation ContactScope = "organisation" // the organisation they hold the role for (a compact champion)
	ScopeArea         ContactScope = "area"         // anyone in the area (a compact officer, signposting)
	ScopeNone         ContactScope = "none"         // not a contact role (in an alteration, removes the scope)
)

var contactScopes = []ContactScope{ScopeOrganisation, ScopeArea, ScopeNone}

// Values lists the contact scopes.
func (ContactScope) Values() []string { return docfmt.EnumStrings(contactScopes) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (s *ContactScope) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*s, err = docfmt.ParseEnum(v, contactScopes, "contact scope")
	return
}

// RequirementKind is the machine-readable form of a requirement.
type RequirementKind string

// Requirement kinds. For the kinds a compact can set for a governance body,
// the area's compact gives the number when it sets one (see
// [Register.Requirements]).
const (
	// MinTermYears: holders serve at least Value years (compact:
	// membership.minTermYears of the role's body).
	MinTermYears RequirementKind = "min-term-years"
	// MinAttendancePerYear: holders (or their deputies) attend at least
	// Value meetings of the role's body a year (membership.minAttendancePerYear).
	MinAttendancePerYear RequirementKind = "min-attendance-per-year"
	// MinMeetingsPerYear: the role's body meets at least Value times a year
	// (minMeetingsPerYear of the body).
	MinMeetingsPerYear RequirementKind = "min-meetings-per-year"
	// WrittenCommitment: the holder's organisation gave its formal written
	// commitment to the compact first (membership.writtenCommitment).
	WrittenCommitment RequirementKind = "written-commitment"
	// Seniority: holders are senior (membership.seniority); records cannot
	// show it, so it is reported, not checked.
	Seniority RequirementKind = "seniority"
	// PerSignatory: every signatory has at least Value holders (1 when
	// Value is not set).
	PerSignatory RequirementKind = "per-signatory"
	// PerOrganisation: every organisation the appointment expects (say,
	// every government department) has at least Value holders.
	PerOrganisation RequirementKind = "per-organisation"
)

var requirementKinds = []RequirementKind{MinTermYears, MinAttendancePerYear, MinMeetingsPerYear, WrittenCommitment,
	Seniority, PerSignatory, PerOrganisation}

// Values lists the requirement kinds.
func (RequirementKind) Values() []string { return docfmt.EnumStrings(requirementKinds) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *RequirementKind) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(v, requirementKinds, "kind of requirement")
	return
}
