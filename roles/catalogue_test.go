package roles_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

// reference resolves the reference catalogue shipped with the library.
func reference(t testing.TB) *roles.Catalogue {
	t.Helper()
	lib := library(t)
	d, ok := lib.Find(compact.KindRoleCatalogue, roles.ReferenceID)
	require.True(t, ok, "the library has the reference catalogue")
	cat, err := roles.Resolve(d, lib.Find)
	require.NoError(t, err)
	return cat
}

func TestReferenceCatalogue(t *testing.T) {
	cat := reference(t)
	assert.Equal(t, []string{"steering-group-member", "compact-champion", "community-groups-champion", "compact-officer",
		"networks-support-officer", "departmental-compact-lead", "compact-voice", "office-for-civil-society"}, cat.RoleIDs())
	// Only an area whose compact says so makes its Steering Group members
	// champions too (Worcestershire's catalogue sets implies).
	assert.Empty(t, cat.Implied("steering-group-member"))
	assert.Empty(t, cat.Implied("compact-champion"))

	champion, ok := cat.Role("compact-champion")
	require.True(t, ok)
	assert.Equal(t, roles.ScopeOrganisation, champion.Contact)
	assert.Equal(t, roles.BySignatory, champion.Appointment.By)
	assert.Equal(t, roles.EachSignatory, champion.Appointment.Each)
	assert.Zero(t, champion.Appointment.Max, `"Compact Champion(s)": no limit`)
	d, ok := champion.Duty("initial-contact")
	require.True(t, ok)
	assert.Equal(t, "Be the initial point of contact for issues relating to the Compact", d.Text)
	_, ok = champion.Duty("nope")
	assert.False(t, ok)
	q, ok := champion.Requirement("champion-per-signatory")
	require.True(t, ok)
	assert.Equal(t, "champion-nominated", q.Rule)
	assert.True(t, q.Checkable())
	_, ok = champion.Requirement("nope")
	assert.False(t, ok)

	officer, _ := cat.Role("compact-officer")
	assert.Equal(t, roles.ScopeArea, officer.Contact)
	assert.Equal(t, []string{"networks-support-officer"}, officer.Related)

	for _, id := range []string{"compact-voice", "office-for-civil-society"} {
		r, _ := cat.Role(id)
		assert.Equal(t, roles.HolderOrganisation, r.HeldBy(), id)
		assert.Equal(t, roles.ExOfficio, r.Appointment.By, id)
		assert.Len(t, r.Duties, 9, "%s: one undertaking for each of the plan's objectives (one has two)", id)
	}
	lead, _ := cat.Role("departmental-compact-lead")
	assert.Equal(t, roles.HolderPerson, lead.HeldBy())
	assert.Equal(t, []compact.OrgKind{compact.OrgGovernmentDepartment}, lead.Appointment.Kinds)
	assert.Equal(t, 1, lead.Appointment.Max)

	member, _ := cat.Role("steering-group-member")
	var kinds []roles.RequirementKind
	for _, q := range member.Requirements {
		kinds = append(kinds, q.Kind)
	}
	assert.Equal(t, []roles.RequirementKind{roles.WrittenCommitment, roles.Seniority, roles.MinTermYears,
		roles.MinAttendancePerYear, roles.MinMeetingsPerYear}, kinds)
	_, ok = member.Requirement("balance")
	assert.False(t, ok, "the balance rule is Lincolnshire & Rutland's, not every area's")

	_, ok = cat.Source("kirklees-compact-2012")
	assert.True(t, ok)
	_, ok = cat.Source("nope")
	assert.False(t, ok)
}

// sourceFiles maps the reference catalogue's sources to the source documents
// copied under testdata/sources.
var sourceFiles = map[string]string{
	"kent-compact-officer":         "000-kent-compact-officer.txt",
	"worcestershire-roles-2009":    "001-worcestershire-roles.txt",
	"joint-action-plan-2014-15":    "002-joint-action-plan.txt",
	"kirklees-compact-2012":        "003-kirklees-compact.txt",
	"lincolnshire-rutland-charter": "004-lincolnshire-rutland-charter.txt",
}

var spaces = regexp.MustCompile(`\s+`)

func normalise(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// TestReferenceQuotesTheSources checks that every duty, requirement and
// objective of the reference catalogue that cites a source is quoted from it
// word for word (only line breaks and runs of spaces may differ).
func TestReferenceQuotesTheSources(t *testing.T) {
	cat := reference(t)
	texts := map[string]string{}
	for id, file := range sourceFiles {
		b, err := os.ReadFile(filepath.Join("testdata", "sources", file))
		require.NoError(t, err)
		texts[id] = normalise(string(b))
	}
	for _, s := range cat.Sources {
		require.Contains(t, texts, s.ID, "every source has its text under testdata/sources")
	}
	quoted := 0
	check := func(where, source, text string) {
		t.Helper()
		require.NotEmpty(t, source, "%s cites its source", where)
		assert.Contains(t, texts[source], normalise(text), "%s is not quoted word for word from %s", where, source)
		quoted++
	}
	for _, r := range cat.Roles {
		if r.HeldBy() == roles.HolderPerson || len(r.Duties) > 0 {
			assert.NotEmpty(t, r.Duties, "%s has duties", r.ID)
		}
		for _, d := range r.Duties {
			check(r.ID+" duty "+d.ID, d.Source, d.Text)
			if d.Objective != "" {
				check(r.ID+" duty "+d.ID+" objective", d.Source, d.Objective)
			}
		}
		for _, q := range r.Requirements {
			check(r.ID+" requirement "+q.ID, q.Source, q.Text)
		}
	}
	assert.Greater(t, quoted, 70)

	// The sources' numbers are in the requirement texts.
	member, _ := cat.Role("steering-group-member")
	term, _ := member.Requirement("minimum-term")
	assert.Contains(t, term.Text, "minimum period of 3 years")
	att, _ := member.Requirement("attendance")
	assert.Contains(t, att.Text, "minimum of 2 meetings per year")
	meet, _ := member.Requirement("meeting-cadence")
	assert.Contains(t, meet.Text, "at least twice a year")
	champion, _ := cat.Role("compact-champion")
	cm, _ := champion.Requirement("champions-meet")
	assert.Contains(t, cm.Text, "at least once a year")
}

// catalogueCase resolves a catalogue written inline, extending the reference
// or the other documents given.
func resolveInline(t *testing.T, text string, others ...string) (*roles.Catalogue, error) {
	t.Helper()
	lib := library(t)
	docs, err := compact.Parse("catalogue.yaml", []byte(text))
	require.NoError(t, err)
	for i, o := range others {
		d, err := compact.Parse("base"+string(rune('0'+i))+".yaml", []byte(o))
		require.NoError(t, err)
		docs = append(docs, d...)
	}
	find := func(kind compact.Kind, id string) (*compact.Document, bool) {
		for _, d := range docs {
			if d.Kind == kind && d.ID == id {
				return d, true
			}
		}
		return lib.Find(kind, id)
	}
	return roles.Resolve(docs[0], find)
}

const head = "apiVersion: compactkit/v1\nkind: RoleCatalogue\n"

func TestCatalogueErrors(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		class error
	}{
		{"cycle", head + `id: loop
roles:
  - {id: a, title: A, implies: [b]}
  - {id: b, title: B, implies: [c]}
  - {id: c, title: C, implies: [a]}
`, roles.ErrCycle},
		{"self-implication", head + "id: self\nroles:\n  - {id: a, title: A, implies: [a]}\n", roles.ErrCycle},
		{"cycle-through-alteration", head + `id: local
extends: reference
alter:
  - role: steering-group-member
    implies: [compact-champion]
  - role: compact-champion
    implies: [steering-group-member]
`, roles.ErrCycle},
		{"unknown-implied-role", head + "id: x\nroles:\n  - {id: a, title: A, implies: [compact-champoin]}\n  - {id: compact-champion, title: C}\n", compact.ErrReference},
		{"unknown-base", head + "id: x\nextends: refrence\n", compact.ErrReference},
		{"extends-itself", head + "id: x\nextends: x\n", roles.ErrCycle},
		{"duplicate-role", head + "id: x\nextends: reference\nroles:\n  - {id: compact-champion, title: Champion}\n", compact.ErrDuplicate},
		{"duplicate-role-in-one-document", head + "id: x\nroles:\n  - {id: a, title: A}\n  - {id: a, title: A again}\n", compact.ErrDuplicate},
		{"alter-unknown-role", head + "id: x\nextends: reference\nalter:\n  - {role: compact-champoin, title: X}\n", compact.ErrReference},
		{"remove-implied-role", head + "id: x\nextends: reference\nalter:\n  - {role: steering-group-member, implies: [compact-champion]}\nremove: [compact-champion]\n", compact.ErrReference},
		{"remove-unknown-duty", head + "id: x\nextends: reference\nalter:\n  - {role: compact-champion, removeDuties: [promot]}\n", compact.ErrReference},
		{"duplicate-added-duty", head + "id: x\nextends: reference\nalter:\n  - role: compact-champion\n    addDuties: [{id: promote, text: Promote.}]\n", compact.ErrDuplicate},
		{"unknown-field", head + "id: x\nroles:\n  - {id: a, title: A, dutys: []}\n", compact.ErrUnknownField},
		{"bad-enum", head + "id: x\nroles:\n  - {id: a, title: A, appointment: {by: signatories}}\n", compact.ErrValue},
		{"missing-title", head + "id: x\nroles:\n  - {id: a}\n", compact.ErrMissing},
		{"bad-counts", head + "id: x\nroles:\n  - {id: a, title: A, appointment: {each: signatory, min: 2, max: 1}}\n  - {id: b, title: B, appointment: {max: -1, kinds: [police]}}\n", compact.ErrValue},
		{"represented-without-body", head + "id: x\nroles:\n  - {id: a, title: A, appointment: {each: represented}}\n", compact.ErrMissing},
		{"office-without-position", head + "id: x\nroles:\n  - {id: a, title: A, exOfficio: [{organisation: council}]}\n  - {id: b, title: B, holder: organisation, exOfficio: [{organisation: council, position: Chair}]}\n", compact.ErrMissing},
		{"unknown-source", head + "id: x\nsources: [{id: seed, title: Seed}]\nroles:\n  - {id: a, title: A, duties: [{id: d, text: Do., source: sed}]}\n", compact.ErrReference},
		{"bad-requirement", head + "id: x\nroles:\n  - id: a\n    title: A\n    requirements:\n      - {id: r, text: Senior., kind: seniority, value: 3, rule: 'not a rule'}\n      - {id: r, text: Again.}\n", compact.ErrValue},
		{"not-a-catalogue", "apiVersion: compactkit/v1\nkind: Directory\n", compact.ErrHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := resolveInline(t, tt.text)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.class)
			for _, e := range compact.AsErrors(err) {
				assert.True(t, e.Pos.IsValid(), "%v has a position", e)
			}
			golden(t, "catalogue-errors/"+tt.name+".golden", describe(err))
		})
	}
}

func TestExtendsChain(t *testing.T) {
	_, err := resolveInline(t, head+"id: a\nextends: b\n", head+"id: b\nextends: a\n")
	require.ErrorIs(t, err, roles.ErrCycle)
	assert.Contains(t, err.Error(), "a -> b -> a")

	var chain []string
	for i := range compact.MaxExtendsDepth + 1 {
		chain = append(chain, head+"id: c"+string(rune('a'+i))+"\nextends: c"+string(rune('a'+i+1))+"\n")
	}
	_, err = resolveInline(t, chain[0], chain[1:]...)
	require.ErrorIs(t, err, compact.ErrLimit)
}

func TestImplicationIsTransitive(t *testing.T) {
	cat, err := resolveInline(t, head+`id: x
roles:
  - {id: a, title: A, implies: [b, d]}
  - {id: b, title: B, implies: [c]}
  - {id: c, title: C}
  - {id: d, title: D, implies: [c]}
`)
	require.NoError(t, err)
	assert.Equal(t, []roles.Implication{{Role: "b", Via: "a"}, {Role: "d", Via: "a"}, {Role: "c", Via: "b"}}, cat.Implied("a"))
	assert.Equal(t, []roles.Implication{{Role: "c", Via: "d"}}, cat.Implied("d"))
	assert.Nil(t, cat.Implied("nope"))
}

func TestAlter(t *testing.T) {
	cat, err := resolveInline(t, head+`id: local
title: Local roles
extends: reference
sources: [{id: local-compact, title: Our compact}]
remove: [networks-support-officer]
alter:
  - role: compact-officer
    related: []
    contact: none
  - role: steering-group-member
    title: Compact Board Member
    purpose: To run the compact.
    implies: []
    body: board
    removeDuties: [be-champion]
    addDuties: [{id: chair, text: Chair the board in turn., source: local-compact}]
    removeRequirements: [seniority]
    addRequirements: [{id: quorum, text: Three members make a quorum.}]
    notes: [Board members serve two years.]
  - role: compact-champion
    holder: person
    appointment: {by: signatory, each: signatory, sectors: [public], max: 1}
roles:
  - {id: health-champion, title: Health Compact Champion, implies: [compact-champion]}
`)
	require.NoError(t, err)
	assert.Equal(t, "Local roles", cat.Title)
	assert.Equal(t, []string{"reference", "local"}, cat.Chain)
	_, ok := cat.Role("networks-support-officer")
	assert.False(t, ok)
	officer, _ := cat.Role("compact-officer")
	assert.Empty(t, officer.Contact, "contact: none removes the scope")
	assert.Empty(t, officer.Related)
	m, _ := cat.Role("steering-group-member")
	assert.Equal(t, "Compact Board Member", m.Title)
	assert.Equal(t, "To run the compact.", m.Purpose)
	assert.Equal(t, compact.BodyBoard, m.Body)
	assert.Empty(t, cat.Implied("steering-group-member"))
	_, ok = m.Duty("be-champion")
	assert.False(t, ok)
	chair, ok := m.Duty("chair")
	require.True(t, ok)
	assert.Equal(t, "local-compact", chair.Source)
	_, ok = m.Requirement("seniority")
	assert.False(t, ok)
	_, ok = m.Requirement("quorum")
	assert.True(t, ok)
	assert.Equal(t, []string{"Board members serve two years."}, m.Notes)
	c, _ := cat.Role("compact-champion")
	assert.Equal(t, []compact.Sector{compact.SectorPublic}, c.Appointment.Sectors)
	assert.Equal(t, 1, c.Appointment.Max)
	assert.Equal(t, []roles.Implication{{Role: "compact-champion", Via: "health-champion"}}, cat.Implied("health-champion"))

	// The base is not changed by the alteration.
	ref := reference(t)
	rm, _ := ref.Role("steering-group-member")
	assert.Equal(t, "Compact Steering Group Member", rm.Title)
	_, ok = rm.Duty("be-champion")
	assert.True(t, ok)
}

func TestDecodeKeepsPositions(t *testing.T) {
	docs, err := compact.Parse("c.yaml", []byte(head+"id: x\nroles:\n  - id: a\n    title: A\n    duties:\n      - {id: d, text: Do.}\n"))
	require.NoError(t, err)
	rc, err := roles.Decode(docs[0])
	require.NoError(t, err)
	assert.Equal(t, 5, rc.Roles[0].Source.Line)
	assert.Equal(t, 8, rc.Roles[0].Duties[0].Pos.Line)
}

func TestEnumValues(t *testing.T) {
	assert.Equal(t, []string{"person", "organisation"}, roles.HolderKind("").Values())
	assert.Equal(t, []string{"signatory", "organisation", "body", "ex-officio"}, roles.Method("").Values())
	assert.Equal(t, []string{"signatory", "organisation", "represented"}, roles.Each("").Values())
	assert.Equal(t, []string{"organisation", "area", "none"}, roles.ContactScope("").Values())
	assert.Len(t, roles.RequirementKind("").Values(), 7)
}

// FuzzDecode feeds arbitrary documents to the catalogue decoder and
// resolver: they must never panic, and must either fail with positioned
// problems or produce a catalogue whose implication has no loops.
func FuzzDecode(f *testing.F) {
	lib, err := examplesLibrary()
	if err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("..", "examples", "national", "roles.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add(head + "id: x\nextends: reference\nalter: [{role: compact-champion, implies: [steering-group-member]}]\n")
	f.Add(head + "id: x\nroles:\n  - {id: a, title: A, implies: [b]}\n  - {id: b, title: B, implies: [a]}\n")
	f.Add(head + "id: x\nremove: [compact-officer]\nextends: reference\n")
	f.Add("apiVersion: compactkit/v1\nkind: RoleCatalogue\nid: &a x\nroles: *a\n")
	f.Fuzz(func(t *testing.T, text string) {
		docs, err := compact.Parse("fuzz.yaml", []byte(text))
		if err != nil {
			return
		}
		for _, d := range docs {
			if d.Kind != compact.KindRoleCatalogue {
				continue
			}
			cat, err := roles.Resolve(d, lib.Find)
			if err != nil {
				for _, e := range compact.AsErrors(err) {
					if e.Err == nil || e.Msg == "" {
						t.Fatalf("problem without a class or message: %#v", e)
					}
				}
				continue
			}
			for _, id := range cat.RoleIDs() {
				for _, imp := range cat.Implied(id) {
					if imp.Role == id {
						t.Fatalf("role %s implies itself through a loop", id)
					}
				}
			}
		}
	})
}
