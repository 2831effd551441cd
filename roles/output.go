package roles

import (
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

var contactBases = []ContactBasis{ContactOwn, ContactParent, ContactSector, ContactArea}

// Values lists the contact bases, in order of precedence.
func (ContactBasis) Values() []string { return docfmt.EnumStrings(contactBases) }

// HolderOutput is an assignment with the names a reader needs: who holds
// the role, how to reach them, and the organisation's name.
type HolderOutput struct {
	Assignment
	// PersonName is the name of the person in the directory; left out when
	// the directory does not have them.
	PersonName string `json:"personName,omitempty"`
	// Position is the person's job title.
	Position string `json:"position,omitempty"`
	// Email is the person's email address.
	Email string `json:"email,omitempty"`
	// Phone is the person's telephone number.
	Phone string `json:"phone,omitempty"`
	// OrganisationName is the name of the organisation in the directory.
	OrganisationName string `json:"organisationName,omitempty"`
}

// RoleOutput is one role of a [SnapshotOutput]: the role as the catalogue
// defines it, what it implies, its requirements and its holders.
type RoleOutput struct {
	*Role
	// Implied are the roles holding this one implies.
	Implied []Implication `json:"implied,omitempty"`
	// Requirements as they apply in the area.
	Requirements []Setting `json:"requirements,omitempty"`
	// Holders on the date, implied holders included.
	Holders []HolderOutput `json:"holders"`
}

// SnapshotOutput is the JSON shape of "compact roles --format json": a
// [Snapshot] with the holders' names and contact details.
type SnapshotOutput struct {
	SnapshotOf
	// Roles in catalogue order.
	Roles []RoleOutput `json:"roles"`
	// Vacancies on the date.
	Vacancies []Vacancy `json:"vacancies"`
	// EndingSoon are the holdings whose term ends within Within days.
	EndingSoon []HolderOutput `json:"endingSoon"`
}

// ContactOutput is the JSON shape of "compact roles contact --format
// json": a [Contact] with names. Its fields are in the order they are
// written.
type ContactOutput struct {
	// AsOf is the date asked about.
	AsOf compact.Date `json:"asOf"`
	// Options in order of precedence; empty when no one holds a contact role.
	Options []ContactOptionOutput `json:"options"`
	// Organisation asked about.
	Organisation string `json:"organisation"`
	// OrganisationName is its name in the directory; empty when the
	// directory does not have it.
	OrganisationName string `json:"organisationName"`
}

// ContactOptionOutput is one step of a [ContactOutput] with the people at it.
type ContactOptionOutput struct {
	// Basis of this option.
	Basis ContactBasis `json:"basis"`
	// Why says in words why these are contacts.
	Why string `json:"why"`
	// Holders to contact, in the order of [Register.Held].
	Holders []HolderOutput `json:"holders"`
}

// Holder returns an assignment with the names of its person and
// organisation from the register's area.
func (r *Register) Holder(x Assignment) HolderOutput {
	h := HolderOutput{Assignment: x}
	if p, ok := r.area.Person(x.Person); ok {
		h.PersonName, h.Position, h.Email, h.Phone = p.Name, p.Position, p.Email, p.Phone
	}
	if o, ok := r.area.Organisation(x.Organisation); ok {
		h.OrganisationName = o.Name
	}
	return h
}

func (r *Register) holders(list []Assignment) []HolderOutput {
	out := make([]HolderOutput, 0, len(list))
	for _, x := range list {
		out = append(out, r.Holder(x))
	}
	return out
}

// SnapshotOutput returns a snapshot of the register in its JSON shape.
func (r *Register) SnapshotOutput(s *Snapshot) SnapshotOutput {
	out := SnapshotOutput{SnapshotOf: s.SnapshotOf,
		Vacancies: s.Vacancies, EndingSoon: r.holders(s.EndingSoon), Roles: []RoleOutput{}}
	for _, e := range s.Roles {
		out.Roles = append(out.Roles, RoleOutput{Role: e.Role, Implied: r.Catalogue().Implied(e.Role.ID),
			Requirements: e.Requirements, Holders: r.holders(e.Holders)})
	}
	return out
}

// ContactOutput returns a contact of the register in its JSON shape.
func (r *Register) ContactOutput(c Contact) ContactOutput {
	out := ContactOutput{AsOf: c.AsOf, Organisation: c.Organisation, Options: []ContactOptionOutput{}}
	for _, o := range c.Options {
		out.Options = append(out.Options, ContactOptionOutput{Basis: o.Basis, Why: o.Why, Holders: r.holders(o.Holders)})
	}
	if o, ok := r.area.Organisation(c.Organisation); ok {
		out.OrganisationName = o.Name
	}
	return out
}
