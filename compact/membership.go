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
	seen := make(map[string]bool, len(orgs))
	for _, org := range orgs {
		seen[org] = true
	}
	// Index the directory and the nominations by organisation once, so
	// each member reads only its own: time in proportion to the people and
	// nominations, not to their product with the members.
	nomsBy := map[string][]*Nomination{}
	for i := range noms {
		n := &noms[i]
		if !slices.Contains(roles, n.Role) || n.From.After(asOf) {
			continue
		}
		if !seen[n.Organisation] {
			seen[n.Organisation] = true
			orgs = append(orgs, n.Organisation)
		}
		nomsBy[n.Organisation] = append(nomsBy[n.Organisation], n)
	}
	peopleBy := map[string][]string{}
	for i := range people {
		if org := people[i].Organisation; seen[org] {
			peopleBy[org] = append(peopleBy[org], people[i].ID)
		}
	}
	out := make([]*Member, 0, len(orgs))
	for _, org := range orgs {
		out = append(out, newMember(b, org, peopleBy[org], nomsBy[org]))
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
	var staff []string
	for i := range people {
		if people[i].Organisation == org {
			staff = append(staff, people[i].ID)
		}
	}
	var mine []*Nomination
	for i := range noms {
		if n := &noms[i]; n.Organisation == org && slices.Contains(roles, n.Role) && !n.From.After(asOf) {
			mine = append(mine, n)
		}
	}
	return newMember(b, org, staff, mine)
}

// newMember builds a membership from the ids of the people who work for
// the organisation and its nominations to the body's member roles up to
// the as-of date, in the order recorded.
func newMember(b *Body, org string, staff []string, noms []*Nomination) *Member {
	m := &Member{Body: b.ID, Organisation: org, Nominations: []*Nomination{}, people: make(map[string]bool, len(staff)+len(noms))}
	for _, p := range staff {
		m.people[p] = true
	}
	open := false
	for _, n := range noms {
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

// Attendance indexes meetings by the people who attended them, so the
// meetings each member attended are found without reading every meeting
// for every member. It answers as [Member.Attended] does, meeting by
// meeting. An Attendance is read-only once built and safe to share.
type Attendance struct {
	meetings []*Meeting
	byPerson map[string][]int // indexes into meetings, ascending
}

// IndexAttendance indexes meetings (kept in their order) by attendee.
func IndexAttendance(meetings []*Meeting) *Attendance {
	x := &Attendance{meetings: meetings, byPerson: map[string][]int{}}
	for i, mt := range meetings {
		for _, p := range mt.Attendees {
			if l := x.byPerson[p]; len(l) == 0 || l[len(l)-1] != i {
				x.byPerson[p] = append(l, i)
			}
		}
	}
	return x
}

// Of returns the indexed meetings someone from the member's organisation
// attended (see [Member.Attended]), in the order indexed.
func (x *Attendance) Of(m *Member) []*Meeting {
	var idx []int
	for p := range m.people {
		idx = append(idx, x.byPerson[p]...)
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	out := make([]*Meeting, 0, len(idx))
	for _, i := range idx {
		out = append(out, x.meetings[i])
	}
	return out
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

// Tally is the attendance of members at meetings, every member and every
// meeting at once: what [Turnout] says of each meeting and [Member.Record]
// of each member, in time that grows with the members, meetings and
// attendances added up, not multiplied.
type Tally struct {
	// Present and Expected are, per meeting (in the order given), how many
	// members attended and how many were serving (see [Turnout]).
	Present, Expected []int
	// Attended and Held are, per member (in the order given), how many
	// meetings it attended and how many were held while it served (see
	// [Member.Record]).
	Attended, Held []int
}

// TallyAttendance counts the attendance of members at meetings.
func TallyAttendance(members []*Member, meetings []Meeting) Tally {
	t := Tally{Present: make([]int, len(meetings)), Expected: make([]int, len(meetings)),
		Attended: make([]int, len(members)), Held: make([]int, len(members))}
	// Serving is one span of days, Since..Until (either end open when
	// zero): count the members serving on a day from the sorted ends.
	var starts, ends []Date // ends: only of spans that close
	for _, m := range members {
		if !m.Since.IsZero() && !m.Until.IsZero() && m.Until.Before(m.Since) {
			continue // a span that closes before it opens: never serving
		}
		starts = append(starts, m.Since)
		if !m.Until.IsZero() {
			ends = append(ends, m.Until)
		}
	}
	slices.SortFunc(starts, Date.Compare)
	slices.SortFunc(ends, Date.Compare)
	dates := make([]Date, len(meetings))
	for i := range meetings {
		d := meetings[i].Date
		dates[i] = d
		begun, _ := slices.BinarySearchFunc(starts, d.AddDays(1), Date.Compare) // Since <= d (zero sorts first)
		over, _ := slices.BinarySearchFunc(ends, d, Date.Compare)               // Until < d
		t.Expected[i] = begun - over
	}
	slices.SortFunc(dates, Date.Compare)
	for k, m := range members {
		if !m.Since.IsZero() && !m.Until.IsZero() && m.Until.Before(m.Since) {
			continue
		}
		lo := 0
		if !m.Since.IsZero() {
			lo, _ = slices.BinarySearchFunc(dates, m.Since, Date.Compare)
		}
		hi := len(dates)
		if !m.Until.IsZero() {
			hi, _ = slices.BinarySearchFunc(dates, m.Until.AddDays(1), Date.Compare)
		}
		t.Held[k] = hi - lo
	}
	// Who attended: each attendee's members, each member counted once a
	// meeting, and only while serving.
	of := map[string][]int{}
	for k, m := range members {
		for p := range m.people {
			of[p] = append(of[p], k)
		}
	}
	mark := make([]int, len(members)) // meeting index + 1 of the last count
	for i := range meetings {
		mt := &meetings[i]
		for _, p := range mt.Attendees {
			for _, k := range of[p] {
				if mark[k] == i+1 || !members[k].Serving(mt.Date) {
					continue
				}
				mark[k] = i + 1
				t.Present[i]++
				t.Attended[k]++
			}
		}
	}
	return t
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
