package roles_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

// holding is the part of an assignment the tests compare.
type holding struct {
	Role, Org, Person string
	Basis             roles.Basis
	Extra             string // deputyFor or impliedBy
}

func holdings(list []roles.Assignment) []holding {
	out := []holding{}
	for _, a := range list {
		h := holding{a.Role, a.Organisation, a.Person, a.Basis, a.DeputyFor}
		if a.Basis == roles.BasisImplied {
			h.Extra = a.ImpliedBy
		}
		out = append(out, h)
	}
	return out
}

func TestHoldersAtBoundaries(t *testing.T) {
	reg := riverside(t)
	const champion, member = "compact-champion", "steering-group-member"
	tests := []struct {
		name      string
		role, org string
		on        string
		want      []holding
	}{
		{"first day of a nomination", champion, "river-council", "2020-04-01", []holding{
			{champion, "river-council", "ann", roles.BasisNominated, ""}}},
		{"last day of a nomination; deputy from before", champion, "river-council", "2022-03-31", []holding{
			{champion, "river-council", "ann", roles.BasisNominated, ""},
			{champion, "river-council", "hal", roles.BasisNominated, "ann"}}},
		{"office takes over the day after; implied member from his first day", champion, "river-council", "2022-04-01", []holding{
			{champion, "river-council", "ann", roles.BasisExOfficio, ""},
			{champion, "river-council", "hal", roles.BasisNominated, "ann"},
			{champion, "river-council", "bob", roles.BasisImplied, member}}},
		{"term ending exactly on the date is held", member, "river-council", "2025-03-31", []holding{
			{member, "river-council", "bob", roles.BasisNominated, ""}}},
		{"and not the day after", member, "river-council", "2025-04-01", []holding{}},
		{"the day before the first day", member, "river-council", "2022-03-31", []holding{}},
		{"implied champion is not counted twice when also nominated", champion, "river-cvs", "2025-03-31", []holding{
			{champion, "river-cvs", "dan", roles.BasisImplied, member}}},
		{"every organisation", "compact-officer", "", "2025-03-31", []holding{
			{"compact-officer", "river-cvs", "dan", roles.BasisNominated, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, holdings(reg.Holders(tt.role, tt.org, day(tt.on))))
		})
	}
}

func TestImpliedHolderKeepsTheTerm(t *testing.T) {
	reg := riverside(t)
	got := reg.Holders("compact-champion", "river-council", day("2025-03-31"))
	require.Len(t, got, 3)
	bob := got[2]
	assert.Equal(t, roles.BasisImplied, bob.Basis)
	assert.Equal(t, "steering-group-member", bob.ImpliedBy)
	assert.Empty(t, bob.Via)
	assert.Equal(t, "n-sg-council", bob.Nomination)
	assert.Equal(t, day("2022-04-01"), bob.From)
	assert.Equal(t, day("2025-03-31"), bob.To)
}

func TestRolesOf(t *testing.T) {
	reg := riverside(t)
	assert.Equal(t, []holding{
		{"steering-group-member", "river-cvs", "dan", roles.BasisNominated, ""},
		{"compact-champion", "river-cvs", "dan", roles.BasisImplied, "steering-group-member"},
		{"compact-officer", "river-cvs", "dan", roles.BasisNominated, ""},
	}, holdings(reg.RolesOf("dan", day("2025-03-31"))))
	assert.Empty(t, reg.RolesOf("cat", day("2023-04-01")), "Cat's term ended the day before")
	assert.Len(t, reg.RolesOf("cat", day("2023-03-31")), 1)
	assert.Empty(t, reg.RolesOf("nobody", day("2023-03-31")))
}

func TestVacancies(t *testing.T) {
	reg := riverside(t)
	type vac struct{ Role, Org string }
	list := func(on string) []vac {
		out := []vac{}
		for _, v := range reg.Vacancies(day(on)) {
			out = append(out, vac{v.Role, v.Organisation})
		}
		return out
	}
	tests := []struct {
		on   string
		want []vac
	}{
		// Police signs on 2021-06-01; from then it should have a champion.
		{"2021-05-31", []vac{{"steering-group-member", "river-council"}, {"steering-group-member", "river-nhs"}}},
		{"2021-06-01", []vac{{"steering-group-member", "river-council"}, {"steering-group-member", "river-nhs"}, {"compact-champion", "river-police"}}},
		// NHS withdraws on 2023-03-31, the last day of Cat's term: no champion vacancy either side,
		// and its seat on the steering group is no longer one to fill.
		{"2023-03-30", []vac{{"steering-group-member", "river-nhs"}, {"compact-champion", "river-police"}}},
		{"2023-03-31", []vac{{"compact-champion", "river-police"}}},
		{"2025-03-31", []vac{{"compact-champion", "river-police"}}},
		// Bob's term ended the day before: the council's seat is vacant again.
		{"2025-04-01", []vac{{"steering-group-member", "river-council"}, {"compact-champion", "river-police"}}},
	}
	for _, tt := range tests {
		t.Run(tt.on, func(t *testing.T) { assert.Equal(t, tt.want, list(tt.on)) })
	}

	v := reg.Vacancies(day("2025-04-01"))[0]
	require.NotNil(t, v.Last)
	assert.Equal(t, "bob", v.Last.Person)
	assert.Equal(t, 0, v.Have)
	assert.Equal(t, 1, v.Want)
	assert.Equal(t, `Riverside Council (river-council) has no Compact Steering Group Member since Bob Baker (bob)'s term ended on 2025-03-31 (nomination "n-sg-council")`, v.Reason)
}

func TestVacancyForAnUnfilledOffice(t *testing.T) {
	area, err := parseArea(t, map[string]string{
		"compact.yaml": `apiVersion: compactkit/v1
kind: Compact
id: c
title: C
signatories: [{organisation: council, signed: 2020-01-01}, {organisation: forum, signed: 2020-01-01}]`,
		"directory.yaml": `apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Council, sector: public, kind: local-authority}
  - {id: forum, name: Forum, sector: voluntary-community, kind: network}
people:
  - {id: x, name: X, organisation: forum, position: chair}`,
		"roles.yaml": `apiVersion: compactkit/v1
kind: RoleCatalogue
id: local
extends: reference
alter:
  - role: compact-champion
    exOfficio:
      - {organisation: council, position: Assistant Director}
      - {organisation: forum, position: Chair}`,
	})
	require.NoError(t, err)
	reg, err := roles.New(area)
	require.NoError(t, err)
	on := day("2024-01-01")
	assert.Equal(t, []holding{{"compact-champion", "forum", "x", roles.BasisExOfficio, ""}},
		holdings(reg.Holders("compact-champion", "", on)), "the position matches ignoring case")
	vs := reg.Vacancies(on)
	require.Len(t, vs, 1)
	assert.Equal(t, "Assistant Director", vs[0].Office)
	assert.Contains(t, vs[0].Reason, "the Assistant Director holds the role ex officio, but no one in the directory has that position")
}

func TestEndingWithin(t *testing.T) {
	reg := riverside(t)
	ids := func(list []roles.Assignment) []string {
		out := []string{}
		for _, a := range list {
			out = append(out, a.Nomination)
		}
		return out
	}
	tests := []struct {
		on   string
		days int
		want []string
	}{
		{"2025-03-31", 90, []string{"n-sg-council", "n-champ-forum"}},
		{"2025-03-31", 0, []string{"n-sg-council"}},  // ends on the date itself
		{"2025-03-31", 29, []string{"n-sg-council"}}, // Eve's ends 30 days later
		{"2025-03-31", 30, []string{"n-sg-council", "n-champ-forum"}},
		{"2025-03-31", -5, []string{"n-sg-council"}},  // negative counts as 0
		{"2025-04-01", 90, []string{"n-champ-forum"}}, // Bob's ended the day before
		{"2025-05-01", 365, []string{}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ids(reg.EndingWithin(day(tt.on), tt.days)), "%s +%d", tt.on, tt.days)
	}
}

func TestContact(t *testing.T) {
	reg := riverside(t)
	type option struct {
		Basis  roles.ContactBasis
		People []string
	}
	tests := []struct {
		org  string
		on   string
		want []option
	}{
		{"river-council", "2025-03-31", []option{{roles.ContactOwn, []string{"ann", "bob", "hal"}}, {roles.ContactArea, []string{"dan"}}}},
		{"river-housing", "2025-03-31", []option{{roles.ContactParent, []string{"ann", "bob", "hal"}}, {roles.ContactArea, []string{"dan"}}}},
		{"small-charity", "2025-03-31", []option{{roles.ContactSector, []string{"dan", "eve", "fay"}}, {roles.ContactArea, []string{"dan"}}}},
		{"small-charity", "2021-12-31", []option{{roles.ContactSector, []string{"dan", "eve"}}, {roles.ContactArea, []string{"dan"}}}},
		{"river-vcs-forum", "2025-03-31", []option{{roles.ContactOwn, []string{"eve"}}, {roles.ContactSector, []string{"dan", "fay"}}, {roles.ContactArea, []string{"dan"}}}},
		{"river-police", "2025-03-31", []option{{roles.ContactArea, []string{"dan"}}}},
		{"river-police", "2020-01-01", []option{}},
	}
	for _, tt := range tests {
		t.Run(tt.org+"@"+tt.on, func(t *testing.T) {
			c, err := reg.Contact(tt.org, day(tt.on))
			require.NoError(t, err)
			got := []option{}
			for _, o := range c.Options {
				var people []string
				for _, h := range o.Holders {
					people = append(people, h.Person)
				}
				got = append(got, option{o.Basis, people})
				assert.NotEmpty(t, o.Why)
			}
			assert.Equal(t, tt.want, got)
			first, ok := c.Initial()
			assert.Equal(t, len(tt.want) > 0, ok)
			if ok {
				assert.Equal(t, tt.want[0].Basis, first.Basis)
			}
		})
	}

	c, _ := reg.Contact("small-charity", day("2025-03-31"))
	assert.Equal(t, "the Compact Champion who speaks for the voluntary and community sector", c.Options[0].Why)
	c, _ = reg.Contact("river-housing", day("2025-03-31"))
	assert.Equal(t, "Riverside Council Housing Service is part of Riverside Council, whose Compact Champion covers it", c.Options[0].Why)

	_, err := reg.Contact("river-polise", day("2025-03-31"))
	require.ErrorIs(t, err, roles.ErrUnknownOrganisation)
	assert.Contains(t, err.Error(), `did you mean "river-police"?`)
}

func TestRequirements(t *testing.T) {
	reg := riverside(t)
	type setting struct {
		ID      string
		InForce bool
		Value   int
		Text    string
	}
	list := func(role string) []setting {
		out := []setting{}
		for _, s := range reg.Requirements(role) {
			out = append(out, setting{s.Requirement.ID, s.InForce, s.Value, s.Text})
			assert.NotEmpty(t, s.SetBy)
		}
		return out
	}
	assert.Equal(t, []setting{
		{"written-commitment", true, 0, ""},
		{"seniority", true, 0, "Senior Executive Team or their nominated deputies"},
		{"minimum-term", true, 3, ""},
		{"attendance", true, 2, ""},
		{"meeting-cadence", true, 2, ""},
	}, list("steering-group-member"))
	assert.Equal(t, []setting{{"champion-per-signatory", true, 1, ""}, {"champions-meet", true, 1, ""}}, list("compact-champion"))
	assert.Equal(t, []setting{{"champion-per-signatory", false, 0, ""}}, list("community-groups-champion"),
		"the reference catalogue does not expect community groups champions")
	assert.Equal(t, []setting{{"leads-group-meetings", true, 3, ""}}, list("office-for-civil-society"),
		"a number in the catalogue applies when the compact has no leads group")
	assert.Nil(t, reg.Requirements("no-such-role"))

	s := reg.Requirements("steering-group-member")[2]
	assert.Equal(t, "compact riverside-2020, body steering-group (membership.minTermYears)", s.SetBy)
	assert.Equal(t, "member-term", s.Requirement.Rule)
}

func TestRequirementsNotSetByTheCompact(t *testing.T) {
	area, err := parseArea(t, map[string]string{"c.yaml": "apiVersion: compactkit/v1\nkind: Compact\nid: c\ntitle: C\n"})
	require.NoError(t, err)
	reg, err := roles.New(area)
	require.NoError(t, err)
	for _, s := range reg.Requirements("steering-group-member") {
		if s.Requirement.Kind == "" {
			assert.True(t, s.InForce)
			continue
		}
		assert.False(t, s.InForce, s.Requirement.ID)
		assert.Contains(t, s.SetBy, "not in force")
	}
}

func TestSnapshot(t *testing.T) {
	reg := riverside(t)
	s := reg.Snapshot(day("2025-03-31"), 90)
	assert.Equal(t, "riverside", s.Area)
	assert.Equal(t, []string{"reference", "riverside"}, s.Chain)
	assert.Len(t, s.Roles, len(reg.Catalogue().Roles))
	assert.Equal(t, "steering-group-member", s.Roles[0].Role.ID)
	assert.Len(t, s.Roles[0].Holders, 2)
	assert.Len(t, s.Vacancies, 1)
	assert.Len(t, s.EndingSoon, 2)
	assert.NotNil(t, reg.Snapshot(day("2019-01-01"), -1).EndingSoon, "empty lists are not nil, for JSON")
	assert.Same(t, reg.Area(), reg.Area())
	assert.Len(t, reg.Nominated(), 8)
}

func TestNominationErrors(t *testing.T) {
	area := loadArea(t, "invalid")
	_, err := roles.New(area)
	require.Error(t, err)
	golden(t, "invalid/errors.golden", describe(err))
	for _, class := range []error{compact.ErrReference, roles.ErrNotSignatory, roles.ErrAppointment, roles.ErrTooManyHolders, compact.ErrDuplicate} {
		assert.ErrorIs(t, err, class)
	}
	for _, e := range compact.AsErrors(err) {
		assert.True(t, e.Pos.IsValid(), "every problem has a position: %v", e)
		assert.NotEmpty(t, e.Path, "every problem names its field: %v", e)
	}
	assert.Equal(t, err.Error(), roles.Check(area).Error())
}

func TestNoCatalogue(t *testing.T) {
	files := map[string]string{
		"d.yaml": `apiVersion: compactkit/v1
kind: Directory
organisations: [{id: o, name: O, sector: public, kind: police}]
people: [{id: p, name: P, organisation: o}]`,
	}
	var docs []*compact.Document
	for name, text := range files {
		d, err := compact.Parse(name, []byte(text))
		require.NoError(t, err)
		docs = append(docs, d...)
	}
	area, err := compact.NewArea(docs) // no library: no reference catalogue
	require.NoError(t, err)
	reg, err := roles.New(area)
	require.NoError(t, err, "nothing to check")
	assert.Empty(t, reg.Catalogue().Roles)
	assert.Empty(t, reg.Held(day("2024-01-01")))

	rec, err := compact.Parse("r.yaml", []byte(`apiVersion: compactkit/v1
kind: Records
nominations: [{id: n, role: compact-champion, organisation: o, person: p, from: 2024-01-01}]`))
	require.NoError(t, err)
	area, err = compact.NewArea(append(docs, rec...))
	require.NoError(t, err)
	_, err = roles.New(area)
	require.ErrorIs(t, err, roles.ErrNoCatalogue)
	assert.Contains(t, err.Error(), "r.yaml:3:")
}

func TestWithCatalogue(t *testing.T) {
	area := loadArea(t, "riverside")
	d, ok := area.Find(compact.KindRoleCatalogue, roles.ReferenceID)
	require.True(t, ok)
	cat, err := roles.Resolve(d, area.Find)
	require.NoError(t, err)
	reg, err := roles.New(area, roles.WithCatalogue(cat))
	require.NoError(t, err)
	assert.Equal(t, "reference", reg.Catalogue().ID)
	// Without the area's alterations there is no office and no implied
	// champion: the council has no champion of its own after Ann's
	// nomination ends, only Hal (deputy).
	assert.Equal(t, []string{"hal"}, persons(reg.Holders("compact-champion", "river-council", day("2023-01-01"))))
}

func persons(list []roles.Assignment) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Person)
	}
	return out
}

func TestAreaWithTwoCatalogues(t *testing.T) {
	cat := func(id, extends string) string {
		s := "apiVersion: compactkit/v1\nkind: RoleCatalogue\nid: " + id + "\n"
		if extends != "" {
			s += "extends: " + extends + "\n"
		}
		return s
	}
	area, err := parseArea(t, map[string]string{"a.yaml": cat("a", "reference"), "b.yaml": cat("b", "a")})
	require.NoError(t, err)
	c, err := roles.LoadCatalogue(area)
	require.NoError(t, err)
	assert.Equal(t, []string{"reference", "a", "b"}, c.Chain, "the catalogue no other extends is the area's")

	area, err = parseArea(t, map[string]string{"a.yaml": cat("a", "reference"), "b.yaml": cat("b", "reference")})
	require.NoError(t, err)
	_, err = roles.LoadCatalogue(area)
	require.ErrorIs(t, err, compact.ErrDuplicate)
	assert.Contains(t, err.Error(), "an area has one role catalogue")

	area, err = parseArea(t, map[string]string{"a.yaml": cat("a", "b"), "b.yaml": cat("b", "a")})
	require.NoError(t, err)
	_, err = roles.New(area)
	require.True(t, errors.Is(err, roles.ErrCycle), "%v", err)
}
