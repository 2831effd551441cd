package compact

import "slices"

// memberRoles are the roles (ids of the reference role catalogue) whose
// nominations make an organisation a member of a body of each kind. An
// area's role catalogue may add roles that imply one of them (in
// Worcestershire a steering group member is a compact champion too): see
// roles.Catalogue.MemberRoles and [MembersByRoles].
var memberRoles = map[BodyKind][]string{
	BodySteeringGroup: {"steering-group-member"},
	BodyChampions:     {"compact-champion"},
	BodyLeadsGroup:    {"departmental-compact-lead"},
}

// MemberRoles returns the ids of the reference roles whose nominations make
// an organisation a member of a body of the kind: steering-group-member for
// a steering group; compact-champion for the champions;
// departmental-compact-lead for a leads group. Bodies of other kinds have
// members only by the seats they list (Body.Represented).
func MemberRoles(kind BodyKind) []string { return slices.Clone(memberRoles[kind]) }

// Member is one organisation's membership of a governance body, as
// known on a date. It is the one place membership and attendance are worked
// out: the rules engine's member subjects, the annual report's attendance
// and the role registers all read it.
type Member struct {
	// Body is the id of the governance body.
	Body string
	// Organisation is the id of the member organisation.
	Organisation string
	// Since is the first day of the membership: the earliest nomination of
	// one of the organisation's people to the body's member roles. Zero
	// when the organisation has a seat but nobody was ever nominated.
	Since Date
	// Until is the last day of the membership when every nomination has an
	// end date (a fixed term, even one that ends after the as-of date);
	// zero while a nomination is open-ended.
	Until Date
	// Nominations of the organisation's people to the body's member roles,
	// from the start, up to the as-of date, in the order recorded.
	Nominations []*Nomination

	people map[string]bool // who attends for the organisation
}

// Serving reports whether the organisation was a member on a date: on or
// after Since (when known) and on or before Until (when set).
func (m *Member) Serving(d Date) bool {
	return (m.Since.IsZero() || !d.Before(m.Since)) && (m.Until.IsZero() || !d.After(m.Until))
}

// Attended reports whether someone from the organisation attended a
// meeting: a person who works for it, or one of its nominees (a member, a
// deputy).
func (m *Member) Attended(mt *Meeting) bool {
	return slices.ContainsFunc(mt.Attendees, func(p string) bool { return m.people[p] })
}

// Members returns the member organisations of a body as known on asOf,
// past members included: first the organisations the body says are
// represented, then those whose people were nominated to the body's member
// roles (see [MemberRoles]) by asOf, in the order nominated. people is the
// directory (who works for whom); noms are the nomination records. A body
// outside the compact's structures (External) has no members. Use
// [Member.During] for the members of a period.
func Members(b *Body, people []Person, noms []Nomination, asOf Date) []*Member {
	return MembersByRoles(b, memberRoles[b.Kind], people, noms, asOf)
}

// MembersByRoles is [Members] with the member roles given: the reference
// roles of the body's kind ([MemberRoles]) and any roles an area's
// catalogue says imply them (roles.Catalogue.MemberRoles), so that the
// rules engine and the report count the same members.
func MembersByRoles(b *Body, roles []string, people []Person, noms []Nomination, asOf Date) []*Member {
	if b.External {
		return nil
	}
	orgs := slices.Clone(b.Represented)
	for i := range noms {
		n := &noms[i]
		if slices.Contains(roles, n.Role) && !n.From.After(asOf) && !slices.Contains(orgs, n.Organisation) {
			orgs = append(orgs, n.Organisation)
		}
	}
	out := make([]*Member, 0, len(orgs))
	for _, org := range orgs {
		out = append(out, member(b, org, roles, people, noms, asOf))
	}
	return out
}

// During reports whether the membership shares a day with the period.
func (m *Member) During(p Period) bool {
	return (m.Since.IsZero() || !m.Since.After(p.To)) && (m.Until.IsZero() || !m.Until.Before(p.From))
}

// MemberOf returns one organisation's membership of a body as known on
// asOf, whether or not it is a member in any period (see [Members]).
func MemberOf(b *Body, org string, people []Person, noms []Nomination, asOf Date) *Member {
	return member(b, org, memberRoles[b.Kind], people, noms, asOf)
}

// MemberOfByRoles is [MemberOf] with the member roles given (see
// [MembersByRoles]).
func MemberOfByRoles(b *Body, org string, roles []string, people []Person, noms []Nomination, asOf Date) *Member {
	return member(b, org, roles, people, noms, asOf)
}

func member(b *Body, org string, roles []string, people []Person, noms []Nomination, asOf Date) *Member {
	m := &Member{Body: b.ID, Organisation: org, Nominations: []*Nomination{}, people: map[string]bool{}}
	for i := range people {
		if people[i].Organisation == org {
			m.people[people[i].ID] = true
		}
	}
	open := false
	for i := range noms {
		n := &noms[i]
		if n.Organisation != org || !slices.Contains(roles, n.Role) || n.From.After(asOf) {
			continue
		}
		m.Nominations = append(m.Nominations, n)
		m.people[n.Person] = true
		if m.Since.IsZero() || n.From.Before(m.Since) {
			m.Since = n.From
		}
		if n.To.IsZero() {
			open = true
		} else if n.To.After(m.Until) {
			m.Until = n.To
		}
	}
	if open {
		m.Until = Date{}
	}
	return m
}

// Members returns the member organisations of a body of the area as known
// on asOf (see the function [Members]).
func (a *Area) Members(b *Body, asOf Date) []*Member {
	return Members(b, a.Directory.People, a.Records.Nominations, asOf)
}

// InTerm reports whether d falls in the term from..to, both days included;
// a zero to is open-ended. Who holds a role on a date, and which
// nominations are in force, are read with it.
func InTerm(from, to, d Date) bool { return !from.After(d) && (to.IsZero() || !d.After(to)) }

// InForce reports whether the nomination is in force on a date (see
// [InTerm]).
func (n *Nomination) InForce(d Date) bool { return InTerm(n.From, n.To, d) }

// Turnout returns how many of the members were serving on a meeting's day
// (expected) and how many of those attended it (present).
func Turnout(members []*Member, mt *Meeting) (present, expected int) {
	for _, m := range members {
		if !m.Serving(mt.Date) {
			continue
		}
		expected++
		if m.Attended(mt) {
			present++
		}
	}
	return present, expected
}

// Record returns how many of the meetings were held while the organisation
// was a member (held) and how many of those someone from it attended.
func (m *Member) Record(meetings []Meeting) (attended, held int) {
	for i := range meetings {
		if !m.Serving(meetings[i].Date) {
			continue
		}
		held++
		if m.Attended(&meetings[i]) {
			attended++
		}
	}
	return attended, held
}
