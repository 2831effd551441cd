package compact_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

func TestMembers(t *testing.T) {
	d := compact.MustParseDate
	sg := &compact.Body{ID: "sg", Kind: compact.BodySteeringGroup, Represented: []string{"council"}}
	champions := &compact.Body{ID: "ch", Kind: compact.BodyChampions}
	people := []compact.Person{{ID: "ann", Organisation: "council"}, {ID: "bob", Organisation: "cvs"}, {ID: "cat", Organisation: "fire"}}
	noms := []compact.Nomination{
		{ID: "n1", Role: "steering-group-member", Organisation: "cvs", Person: "bob", From: d("2023-04-01")},
		{ID: "n2", Role: "steering-group-member", Organisation: "fire", Person: "cat", From: d("2020-04-01"), To: d("2023-03-31")},
		{ID: "n3", Role: "compact-champion", Organisation: "police", Person: "dan", From: d("2024-01-01"), To: d("2024-12-31")},
		{ID: "n4", Role: "steering-group-member", Organisation: "college", Person: "eve", From: d("2026-01-01")},
	}
	type want struct {
		org          string
		since, until string
		noms         int
	}
	tests := []struct {
		name  string
		body  *compact.Body
		roles []string // nil: the reference roles of the body's kind
		asOf  string
		want  []want
	}{
		{"steering group: seats, then nominees by as-of, past members kept", sg, nil, "2025-03-31", []want{
			{"council", "", "", 0}, {"cvs", "2023-04-01", "", 1}, {"fire", "2020-04-01", "2023-03-31", 1}}},
		{"a nomination after the as-of date does not count", sg, nil, "2022-01-01", []want{
			{"council", "", "", 0}, {"fire", "2020-04-01", "2023-03-31", 1}}},
		{"champions: only the champions, by the reference roles", champions, nil, "2025-03-31", []want{
			{"police", "2024-01-01", "2024-12-31", 1}}},
		{"steering group members are champions too where the catalogue says so", champions,
			[]string{"compact-champion", "steering-group-member"}, "2025-03-31", []want{
				{"cvs", "2023-04-01", "", 1}, {"fire", "2020-04-01", "2023-03-31", 1}, {"police", "2024-01-01", "2024-12-31", 1}}},
		{"an external body has no members", &compact.Body{ID: "x", Kind: compact.BodySteeringGroup, External: true}, nil, "2025-03-31", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []want
			members := compact.Members(tt.body, people, noms, d(tt.asOf))
			if tt.roles != nil {
				members = compact.MembersByRoles(tt.body, tt.roles, people, noms, d(tt.asOf))
			}
			for _, m := range members {
				w := want{org: m.Organisation, noms: len(m.Nominations)}
				if !m.Since.IsZero() {
					w.since = m.Since.String()
				}
				if !m.Until.IsZero() {
					w.until = m.Until.String()
				}
				got = append(got, w)
			}
			require.Equal(t, tt.want, got)
		})
	}
}

func TestMemberServingAndAttendance(t *testing.T) {
	d := compact.MustParseDate
	sg := &compact.Body{ID: "sg", Kind: compact.BodySteeringGroup}
	people := []compact.Person{{ID: "ann", Organisation: "cvs"}}
	noms := []compact.Nomination{{ID: "n1", Role: "steering-group-member", Organisation: "cvs", Person: "bob", From: d("2024-06-01"), To: d("2025-01-31")}}
	m := compact.MemberOf(sg, "cvs", people, noms, d("2025-03-31"))
	tests := []struct {
		name     string
		meeting  compact.Meeting
		serving  bool
		attended bool
		inPeriod compact.Period
		during   bool
	}{
		{"before the term", compact.Meeting{Date: d("2024-05-01"), Attendees: []string{"ann"}}, false, true, compact.FinancialYear(2023), false},
		{"in the term, by the nominee", compact.Meeting{Date: d("2024-07-01"), Attendees: []string{"bob"}}, true, true, compact.FinancialYear(2024), true},
		{"in the term, nobody from it", compact.Meeting{Date: d("2024-09-01"), Attendees: []string{"zed"}}, true, false, compact.FinancialYear(2024), true},
		{"after the term", compact.Meeting{Date: d("2025-02-01")}, false, false, compact.FinancialYear(2025), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.serving, m.Serving(tt.meeting.Date))
			require.Equal(t, tt.attended, m.Attended(&tt.meeting))
			require.Equal(t, tt.during, m.During(tt.inPeriod))
		})
	}
}

func TestSpan(t *testing.T) {
	d := compact.MustParseDate
	withRecords := &compact.Area{Records: compact.Records{Period: compact.FinancialYear(2013)}}
	calendar := &compact.Area{Records: compact.Records{Period: compact.Period{From: d("2024-01-01"), To: d("2024-12-31")}}}
	none := &compact.Area{}
	today := d("2026-12-02")
	tests := []struct {
		name       string
		area       *compact.Area
		asOf       string
		period     compact.Period
		wantAsOf   string
		wantPeriod string
	}{
		{"nothing given: the end of the records period, that period", withRecords, "", compact.Period{}, "2014-03-31", "2013-14"},
		{"as-of inside the records period: that period", withRecords, "2013-10-01", compact.Period{}, "2013-10-01", "2013-14"},
		{"as-of after the records period: its financial year", withRecords, "2014-06-01", compact.Period{}, "2014-06-01", "2014-15"},
		{"a calendar-year records period containing the date", calendar, "2024-02-01", compact.Period{}, "2024-02-01", "2024"},
		{"a period given wins", withRecords, "2014-06-01", compact.FinancialYear(2013), "2014-06-01", "2013-14"},
		{"no records: today and its financial year", none, "", compact.Period{}, "2026-12-02", "2026-27"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var on compact.Date
			if tt.asOf != "" {
				on = d(tt.asOf)
			}
			gotOn, gotPeriod := tt.area.Span(on, tt.period, today)
			require.Equal(t, tt.wantAsOf, gotOn.String())
			require.Equal(t, tt.wantPeriod, gotPeriod.String())
		})
	}
}

func TestInTerm(t *testing.T) {
	d := compact.MustParseDate
	tests := []struct {
		name     string
		from, to string
		on       string
		want     bool
	}{
		{"the first day", "2024-04-01", "2025-03-31", "2024-04-01", true},
		{"the last day", "2024-04-01", "2025-03-31", "2025-03-31", true},
		{"the day before", "2024-04-01", "2025-03-31", "2024-03-31", false},
		{"the day after", "2024-04-01", "2025-03-31", "2025-04-01", false},
		{"open-ended", "2024-04-01", "", "2030-01-01", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var to compact.Date
			if tt.to != "" {
				to = d(tt.to)
			}
			require.Equal(t, tt.want, compact.InTerm(d(tt.from), to, d(tt.on)))
			n := compact.Nomination{From: d(tt.from), To: to}
			require.Equal(t, tt.want, n.InForce(d(tt.on)))
		})
	}
}

func TestTurnoutAndRecord(t *testing.T) {
	d := compact.MustParseDate
	sg := &compact.Body{ID: "sg", Kind: compact.BodySteeringGroup, Represented: []string{"council"}}
	people := []compact.Person{{ID: "ann", Organisation: "council"}, {ID: "bob", Organisation: "cvs"}}
	noms := []compact.Nomination{{ID: "n1", Role: "steering-group-member", Organisation: "cvs", Person: "bob", From: d("2024-06-01")}}
	members := compact.Members(sg, people, noms, d("2025-03-31"))
	meetings := []compact.Meeting{
		{ID: "m1", Date: d("2024-05-01"), Attendees: []string{"ann", "bob"}}, // cvs not yet a member
		{ID: "m2", Date: d("2024-07-01"), Attendees: []string{"bob"}},
		{ID: "m3", Date: d("2024-09-01")},
	}
	tests := []struct {
		meeting           int
		present, expected int
	}{{0, 1, 1}, {1, 1, 2}, {2, 0, 2}}
	for _, tt := range tests {
		present, expected := compact.Turnout(members, &meetings[tt.meeting])
		require.Equal(t, []int{tt.present, tt.expected}, []int{present, expected}, meetings[tt.meeting].ID)
	}
	records := map[string][2]int{}
	for _, m := range members {
		attended, held := m.Record(meetings)
		records[m.Organisation] = [2]int{attended, held}
	}
	require.Equal(t, map[string][2]int{"council": {1, 3}, "cvs": {1, 2}}, records)
}

func TestJoinedAndLeft(t *testing.T) {
	d := compact.MustParseDate
	a := &compact.Area{Records: compact.Records{Signatures: []compact.Signature{
		{Organisation: "council", Signed: d("2020-01-01")},
		{Organisation: "cvs", Signed: d("2024-06-01")},
		{Organisation: "nhs", Signed: d("2020-01-01"), Withdrawn: d("2024-09-30")},
		{Organisation: "college", Signed: d("2025-06-01")},
	}}}
	tests := []struct {
		name         string
		from, end    string
		joined, left []string
	}{
		{"a year", "2024-04-01", "2025-03-31", []string{"cvs"}, []string{"nhs"}},
		{"part of it", "2024-04-01", "2024-07-01", []string{"cvs"}, nil},
		{"the next year", "2025-04-01", "2026-03-31", []string{"college"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.joined, a.Joined(d(tt.from), d(tt.end)))
			require.Equal(t, tt.left, a.Left(d(tt.from), d(tt.end)))
		})
	}
}

func TestOrganisationNamed(t *testing.T) {
	docs, err := compact.Parse("d.yaml", []byte("apiVersion: compactkit/v1\nkind: Directory\norganisations:\n  - {id: council, name: Town Council, sector: public, kind: local-authority}\n"))
	require.NoError(t, err)
	a, err := compact.NewArea(docs)
	require.NoError(t, err)
	tests := []struct {
		arg  string
		want string
	}{{"council", "council"}, {"Town Council", "council"}, {"  town council ", "council"}, {"Town", ""}}
	for _, tt := range tests {
		o, ok := a.OrganisationNamed(tt.arg)
		require.Equal(t, tt.want != "", ok, tt.arg)
		if ok {
			require.Equal(t, tt.want, o.ID)
		}
	}
}

func TestCounts(t *testing.T) {
	d := compact.MustParseDate
	p := compact.FinancialYear(2024)
	tests := []struct {
		name, date, asOf string
		want             bool
	}{
		{"in the period, before as-of", "2024-06-01", "2025-03-31", true},
		{"on the as-of date", "2024-06-01", "2024-06-01", true},
		{"after the as-of date", "2024-06-02", "2024-06-01", false},
		{"before the period", "2024-03-31", "2025-03-31", false},
		{"after the period", "2025-04-01", "2025-06-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, compact.Counts(d(tt.date), p, d(tt.asOf)))
		})
	}
}
