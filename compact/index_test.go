package compact_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// signedUp is the rule of SignatoriesOn written out the slow way: for each
// organisation in the order of its first entry, its latest signature on or
// before the date (the later entry winning a tie), not withdrawn by then.
func signedUp(sigs []compact.Signature, on compact.Date) []string {
	var out []string
	for _, s := range sigs {
		if slices.Contains(out, s.Organisation) {
			continue
		}
		var latest *compact.Signature
		for i := range sigs {
			t := &sigs[i]
			if t.Organisation == s.Organisation && !t.Signed.After(on) && (latest == nil || !t.Signed.Before(latest.Signed)) {
				latest = t
			}
		}
		if latest != nil && (latest.Withdrawn.IsZero() || latest.Withdrawn.After(on)) {
			out = append(out, s.Organisation)
		}
	}
	return out
}

// TestSigningsAnswerAsTheRule: the index of signatures gives the same
// signatories, the same signature in force and the same answer for every
// organisation and date as the rule read linearly, on random signatures
// with ties, withdrawals and re-signings.
func TestSigningsAnswerAsTheRule(t *testing.T) {
	base := compact.MustParseDate("2024-01-01")
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 1))
		n := 1 + r.IntN(40)
		sigs := make([]compact.Signature, n)
		for i := range sigs {
			sigs[i] = compact.Signature{ID: fmt.Sprint(i), Organisation: fmt.Sprintf("org-%d", r.IntN(6)), Signed: base.AddDays(r.IntN(20))}
			if r.IntN(3) == 0 {
				sigs[i].Withdrawn = sigs[i].Signed.AddDays(r.IntN(10))
			}
		}
		x := compact.IndexSignatures(sigs)
		for d := -1; d < 32; d++ {
			on := base.AddDays(d)
			want := signedUp(sigs, on)
			require.Equal(t, want, x.Signatories(on), "seed %d on %s", seed, on)
			require.Equal(t, want, compact.SignatoriesOn(sigs, on))
			for o := range 7 {
				org := fmt.Sprintf("org-%d", o)
				ws, wok := compact.SignatureOn(sigs, org, on)
				gs, gok := x.On(org, on)
				require.Equal(t, wok, gok, "seed %d %s on %s", seed, org, on)
				require.Same(t, ws, gs, "seed %d %s on %s", seed, org, on)
			}
		}
		for o := range 7 {
			of := x.Of(fmt.Sprintf("org-%d", o))
			require.True(t, slices.IsSortedFunc(of, func(a, b *compact.Signature) int { return a.Signed.Compare(b.Signed) }))
		}
	}
}

// TestAttendanceAnswersAsAttended: the attendance index finds, for every
// member, exactly the meetings Member.Attended says it attended, in order;
// TallyAttendance counts as Turnout and Member.Record do, for members with
// open and closed terms, some starting after meetings.
func TestAttendanceAnswersAsAttended(t *testing.T) {
	base := compact.MustParseDate("2024-04-01")
	b := &compact.Body{ID: "sg", Kind: compact.BodySteeringGroup, Represented: []string{"o4", "o9"}}
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 2))
		var people []compact.Person
		for i := range 12 {
			people = append(people, compact.Person{ID: fmt.Sprintf("p%d", i), Organisation: fmt.Sprintf("o%d", i%5)})
		}
		var noms []compact.Nomination
		for i := range 8 {
			noms = append(noms, compact.Nomination{ID: fmt.Sprint(i), Role: "steering-group-member",
				Organisation: fmt.Sprintf("o%d", r.IntN(5)), Person: fmt.Sprintf("p%d", r.IntN(14)), From: base.AddDays(-r.IntN(100))})
		}
		var meetings []*compact.Meeting
		for i := range 15 {
			mt := &compact.Meeting{ID: fmt.Sprint(i), Body: "sg", Date: base.AddDays(i)}
			for range r.IntN(4) {
				mt.Attendees = append(mt.Attendees, fmt.Sprintf("p%d", r.IntN(14)))
			}
			meetings = append(meetings, mt)
		}
		for i := range noms {
			switch r.IntN(6) {
			case 0, 1:
				noms[i].To = noms[i].From.AddDays(r.IntN(120))
			case 2:
				noms[i].To = noms[i].From.AddDays(-1) // out of order: never serving
			}
		}
		x := compact.IndexAttendance(meetings)
		members := compact.Members(b, people, noms, base.AddDays(30))
		require.NotEmpty(t, members)
		values := make([]compact.Meeting, len(meetings))
		for i := range meetings {
			values[len(values)-1-i] = *meetings[i] // any order
		}
		tally := compact.TallyAttendance(members, values)
		for i := range values {
			present, expected := compact.Turnout(members, &values[i])
			require.Equal(t, present, tally.Present[i], "seed %d meeting %d present", seed, i)
			require.Equal(t, expected, tally.Expected[i], "seed %d meeting %d expected", seed, i)
		}
		for k, m := range members {
			attended, held := m.Record(values)
			require.Equal(t, attended, tally.Attended[k], "seed %d member %s attended", seed, m.Organisation)
			require.Equal(t, held, tally.Held[k], "seed %d member %s held", seed, m.Organisation)
		}
		for _, m := range members {
			var want []*compact.Meeting
			for _, mt := range meetings {
				if m.Attended(mt) {
					want = append(want, mt)
				}
			}
			got := x.Of(m)
			require.Len(t, got, len(want), "seed %d %s", seed, m.Organisation)
			for i := range want {
				require.Same(t, want[i], got[i])
			}
			one := compact.MemberOf(b, m.Organisation, people, noms, base.AddDays(30))
			require.Equal(t, m, one, "Members and MemberOf agree")
		}
	}
}
