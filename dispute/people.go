package dispute

import (
	"fmt"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

// ancestors returns the organisations org is part of, nearest first.
func (p *Procedure) ancestors(org string) []string {
	var out []string
	o, ok := p.area.Organisation(org)
	for depth := 0; ok && o.Parent != "" && depth < maxParentDepth && !slices.Contains(out, o.Parent); depth++ {
		out = append(out, o.Parent)
		o, ok = p.area.Organisation(o.Parent)
	}
	return out
}

// related reports whether two organisations are the same, or one is part
// of the other (a council and its service).
func (p *Procedure) related(a, b string) bool {
	return a != "" && b != "" && (a == b || slices.Contains(p.ancestors(a), b) || slices.Contains(p.ancestors(b), a))
}

// relation says how org relates to a party, for messages: "is the
// respondent", "is part of ...".
func (p *Procedure) relation(org, party string) string {
	switch {
	case org == party:
		return "is a party"
	case slices.Contains(p.ancestors(org), party):
		return "is part of " + p.orgName(party) + ", a party"
	default:
		return "includes " + p.orgName(party) + ", a party"
	}
}

// knownOrg reports whether an organisation is in the directory.
func (p *Procedure) knownOrg(id string) bool { _, ok := p.area.Organisation(id); return ok }

// orgName returns an organisation's name, or its id when unknown.
func (p *Procedure) orgName(id string) string {
	if o, ok := p.area.Organisation(id); ok && o.Name != "" {
		return o.Name
	}
	return id
}

// personName returns a person's name, or the id when unknown.
func (p *Procedure) personName(id string) string {
	if x, ok := p.area.Person(id); ok && x.Name != "" {
		return x.Name
	}
	return id
}

func (p *Procedure) personNames(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = p.personName(id)
	}
	return out
}

// actorName names an actor for messages.
func (p *Procedure) actorName(a Actor) string {
	if a.Person != "" {
		return p.personName(a.Person)
	}
	return p.orgName(a.Organisation)
}

// actorDescription names an actor and the organisation acted for.
func (p *Procedure) actorDescription(a Actor, org string) string {
	if a.Person != "" && org != "" {
		return fmt.Sprintf("%s (%s)", p.personName(a.Person), p.orgName(org))
	}
	return p.actorName(a)
}

// stageName names a stage for messages: its name, or its id.
func (p *Procedure) stageName(id string) string {
	if s, ok := p.Stage(id); ok && s.Name != "" {
		return s.Name
	}
	return id
}

// bodyKind is the kind of body whose members act for a stage: its body's,
// or the steering group's when it names none.
func (p *Procedure) bodyKind(s *compact.Stage) compact.BodyKind {
	if s != nil && s.Body != "" {
		if b, ok := p.area.Body(s.Body); ok {
			return b.Kind
		}
	}
	return compact.BodySteeringGroup
}

// bodyName names a stage's body for messages: its own, or else the area's
// steering group.
func (p *Procedure) bodyName(s *compact.Stage) string {
	if s != nil && s.Body != "" {
		if b, ok := p.area.Body(s.Body); ok {
			return b.Name
		}
	}
	for _, b := range p.area.Compact.Governance {
		if b.Kind == compact.BodySteeringGroup {
			return b.Name
		}
	}
	return "the steering group"
}

// heldByOrganisation reports whether organisations (not people) hold a role.
func (p *Procedure) heldByOrganisation(role string) bool {
	r, ok := p.reg.Catalogue().Role(role)
	return ok && r.HeldBy() == roles.HolderOrganisation
}

// isRecord reports whether id names a funding decision, consultation or
// meeting in the area's records.
func (p *Procedure) isRecord(id string) bool {
	r := &p.area.Records
	return slices.ContainsFunc(r.Funding, func(x compact.FundingDecision) bool { return x.ID == id }) ||
		slices.ContainsFunc(r.Consultations, func(x compact.Consultation) bool { return x.ID == id }) ||
		slices.ContainsFunc(r.Meetings, func(x compact.Meeting) bool { return x.ID == id })
}

// informTargets says who must be told of an agreement reached at a stage:
// for each party and each role the stage's inform lists, the party's own
// holders of the role (not deputies), or else the holders at the first
// step of the party's contact precedence that has any (a parent
// organisation's champion, the champion who speaks for its sector).
func (p *Procedure) informTargets(s *compact.Stage, challenger, respondent string, day compact.Date) []InformTarget {
	var out []InformTarget
	for _, role := range s.Inform {
		for _, org := range []string{challenger, respondent} {
			out = append(out, InformTarget{Organisation: org, Role: role, People: p.holdersFor(role, org, day)})
		}
	}
	return out
}

// holdersFor returns who holds a role for an organisation on a day, as
// informTargets describes.
func (p *Procedure) holdersFor(role, org string, day compact.Date) []string {
	people := func(list []roles.Assignment) []string {
		var out []string
		for _, a := range list {
			if a.Role == role && !a.IsDeputy() && a.Person != "" && !slices.Contains(out, a.Person) {
				out = append(out, a.Person)
			}
		}
		return out
	}
	if own := people(p.reg.Holders(role, org, day)); len(own) > 0 {
		return own
	}
	contact, err := p.reg.Contact(org, day)
	if err != nil {
		return nil
	}
	for _, o := range contact.Options {
		if found := people(o.Holders); len(found) > 0 {
			return found
		}
	}
	return nil
}
