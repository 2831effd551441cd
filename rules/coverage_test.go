package rules_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/roles"
	"github.com/compactkit/compactkit/rules"
)

// exampleArea loads and compiles an example area with the built-in library.
func exampleArea(t *testing.T, name string) (*compact.Area, *rules.Engine) {
	t.Helper()
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.LoadArea("../examples/"+name, compact.WithLibrary(lib))
	require.NoError(t, err)
	e, err := rules.Compile(a)
	require.NoError(t, err)
	return a, e
}

// TestNationalCoverageHasNoGaps is the promise of the README: the national
// pack checks every commitment of the national Compact that records can
// show, and the others say why they cannot be checked.
func TestNationalCoverageHasNoGaps(t *testing.T) {
	a, e := exampleArea(t, "national")
	cov := e.Coverage()
	require.Equal(t, "national-2010", cov.Compact)
	require.Empty(t, cov.Gapped())
	require.Equal(t, cov.Total, cov.Checked+cov.NotCheckable)
	require.Equal(t, len(a.Compact.Commitments), cov.Total)
	for _, c := range cov.Commitments {
		require.NotEmpty(t, c.Citation, "commitment %s has no source", c.ID)
		if c.Status == rules.NotCheckable {
			require.NotEmpty(t, c.Reason, c.ID)
		}
	}
	byID := map[string]rules.CommitmentCoverage{}
	for _, c := range cov.Commitments {
		byID[c.ID] = c
	}
	// Governance rules enforce real commitments, not placeholders.
	require.Equal(t, rules.Covered, byID["bodies-meet"].Status)
	require.Equal(t, "body-meets", byID["bodies-meet"].Rules[0].ID)
	require.Equal(t, rules.Covered, byID["overheads"].Status)
	require.Equal(t, rules.NotCheckable, byID["free-crb-checks"].Status)
}

func TestCoverageThroughRestatedCommitments(t *testing.T) {
	for _, tc := range []struct {
		area, commitment, rule, via string
	}{
		// The OCS's "at least three meetings" is the national body-meets rule.
		{"compact-voice-ocs", "ocs-meetings", "body-meets", "bodies-meet"},
		{"lincolnshire-rutland", "charter-endorsement", "signature-endorsed", "signing-endorsement"},
		{"lincolnshire-rutland", "steering-group-membership", "member-term", "membership-terms"},
		{"kirklees", "challenge-review", "kirklees-challenge-reviewers", ""},
	} {
		t.Run(tc.area+"/"+tc.commitment, func(t *testing.T) {
			_, e := exampleArea(t, tc.area)
			var found *rules.CommitmentCoverage
			cov := e.Coverage()
			for i := range cov.Commitments {
				if cov.Commitments[i].ID == tc.commitment {
					found = &cov.Commitments[i]
				}
			}
			require.NotNil(t, found)
			require.Equal(t, rules.Covered, found.Status)
			var rule *rules.CoveringRule
			for i := range found.Rules {
				if found.Rules[i].ID == tc.rule {
					rule = &found.Rules[i]
				}
			}
			require.NotNil(t, rule, "%+v", found.Rules)
			require.Equal(t, tc.via, rule.Via)
		})
	}
}

func TestCoverageStatusesAndSummary(t *testing.T) {
	p := &rules.Pack{ID: "p", Rules: []*rules.PackRule{
		{Rule: rules.Rule{ID: "r1", Title: "One", Enforces: []string{"a"}}, Pack: "p"},
		{Rule: rules.Rule{ID: "r2", Title: "Two", Enforces: []string{"c"}}, Pack: "p",
			Disabled: &rules.Disabled{Rule: "r2", Reason: "Not here.", Pack: "p"}},
	}}
	c := &compact.Resolved{Compact: compact.Compact{ID: "x", Commitments: []compact.Commitment{
		{ID: "a", Party: compact.PartyPublic, Text: "A."},
		{ID: "b", Party: compact.PartyPublic, Text: "B.", NotCheckable: "Not recorded."},
		{ID: "c", Party: compact.PartyPublic, Text: "C."},
	}}}
	cov := rules.CoverageOf(p, c)
	require.Equal(t, []rules.CoverageStatus{rules.Covered, rules.NotCheckable, rules.Gap},
		[]rules.CoverageStatus{cov.Commitments[0].Status, cov.Commitments[1].Status, cov.Commitments[2].Status})
	require.Equal(t, "Not here.", cov.Commitments[2].Disabled[0].Reason)
	require.Equal(t, "1 of the compact's 3 commitments is checked; 1 cannot be checked from records; 1 could be checked but no rule does", cov.Summary())

	var text, md bytes.Buffer
	require.NoError(t, cov.WriteText(&text))
	require.Contains(t, text.String(), "c                                  checkable, no rule")
	require.Contains(t, text.String(), "rule r2 disabled by pack p: Not here.")
	require.NoError(t, cov.WriteMarkdown(&md))
	require.Contains(t, md.String(), "| `b` |  | not checkable from records | Not recorded. |")
	out, err := json.Marshal(cov)
	require.NoError(t, err)
	require.Contains(t, string(out), `"status":"gap"`)

	require.Equal(t, 0, rules.CoverageOf(p, nil).Total)
}

// TestMultiYearFundingThreshold: the national value is 24 months ("multi-year
// funding where appropriate"), not the older three-year norm, and its
// description says where it comes from.
func TestMultiYearFundingThreshold(t *testing.T) {
	_, e := exampleArea(t, "national")
	s, ok := e.Pack().Parameter("multiYearFundingMonths")
	require.True(t, ok)
	n, _ := s.On(compact.MustParseDate("2011-04-01")).AsInt()
	require.EqualValues(t, 24, n)
	require.Contains(t, s.Description, "Compact 2010, section 3")
	require.Equal(t, "Compact 2010, section 3: multi-year funding where appropriate", s.From[0].Source)
}

// TestChampionNominatedCountsDefaultChampions: Kirklees Council's default
// (ex officio) champion counts, with the nominations removed, as roles shows.
func TestChampionNominatedCountsDefaultChampions(t *testing.T) {
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.LoadArea("../examples/kirklees", compact.WithLibrary(lib))
	require.NoError(t, err)
	var kept []compact.Nomination
	for _, n := range a.Records.Nominations {
		if n.Organisation != "kirklees-council" {
			kept = append(kept, n)
		}
	}
	a.Records.Nominations = kept
	e, err := rules.Compile(a)
	require.NoError(t, err)
	fs, err := e.Check(ctx, rules.AsOf(compact.MustParseDate("2014-03-31")))
	require.NoError(t, err)
	var got *rules.Finding
	for i := range fs {
		if fs[i].Rule == "champion-nominated" && fs[i].Subject == "kirklees-council" {
			got = &fs[i]
		}
	}
	require.NotNil(t, got)
	require.Equal(t, rules.Pass, got.Outcome, got.Message)
}

// TestSteeringGroupMemberIsChampionOnlyWhereTheCompactSaysSo: Kirklees
// allows one champion per signatory, and its Steering Group members are not
// champions by that alone; Worcestershire's role descriptions make them so.
func TestSteeringGroupMemberIsChampionOnlyWhereTheCompactSaysSo(t *testing.T) {
	for _, tc := range []struct {
		area    string
		implied bool
	}{{"kirklees", false}, {"worcestershire", true}, {"national", false}} {
		t.Run(tc.area, func(t *testing.T) {
			lib, err := examples.Library()
			require.NoError(t, err)
			a, err := compact.LoadArea("../examples/"+tc.area, compact.WithLibrary(lib))
			require.NoError(t, err)
			cat, err := roles.LoadCatalogue(a)
			require.NoError(t, err)
			implied := false
			for _, i := range cat.Implied("steering-group-member") {
				implied = implied || i.Role == "compact-champion"
			}
			require.Equal(t, tc.implied, implied)
		})
	}
}

// TestDanglingRuleReferences: a role catalogue requirement "checked by rule
// meeting-cadence" names a rule no pack has; Compile (and so validate)
// reports it at its line, with the rule it probably means.
func TestDanglingRuleReferences(t *testing.T) {
	lib, err := examples.Library()
	require.NoError(t, err)
	docs, err := compact.Parse("roles.yaml", []byte(`apiVersion: compactkit/v1
kind: RoleCatalogue
id: local
extends: reference
alter:
  - role: compact-champion
    addRequirements:
      - {id: champions-report, text: The champions report once a year., rule: champion-report}
      - {id: cadence, text: The champions meet., kind: min-meetings-per-year, rule: body-meets}
`))
	require.NoError(t, err)
	a, err := compact.NewArea(docs, compact.WithLibrary(lib))
	require.NoError(t, err)
	_, err = rules.Compile(a)
	require.ErrorIs(t, err, compact.ErrReference)
	errs := compact.AsErrors(err)
	require.Len(t, errs, 1)
	require.Equal(t, "roles.yaml", errs[0].Pos.File)
	require.Equal(t, 8, errs[0].Pos.Line)
	require.Contains(t, errs[0].Error(), `requirement champions-report of role compact-champion is checked by rule "champion-report", which rule pack national does not have`)
}

// TestBalanceStaysInLincolnshire: the charter's membership balance rule is
// a requirement of Lincolnshire & Rutland's steering group only.
func TestBalanceStaysInLincolnshire(t *testing.T) {
	for area, want := range map[string]bool{"lincolnshire-rutland": true, "kirklees": false, "worcestershire": false} {
		lib, err := examples.Library()
		require.NoError(t, err)
		a, err := compact.LoadArea("../examples/"+area, compact.WithLibrary(lib))
		require.NoError(t, err)
		cat, err := roles.LoadCatalogue(a)
		require.NoError(t, err)
		r, ok := cat.Role("steering-group-member")
		require.True(t, ok)
		_, has := r.Requirement("balance")
		require.Equal(t, want, has, area)
	}
}

// TestDatedParameters: a record is judged by the value in force on its
// date. The national pack counts 36 months as multi-year before the Compact
// 2010 (20 December 2010) and 24 from it, so a 24-month grant decided in
// 2009 fails and the same grant decided in 2011 passes.
func TestDatedParameters(t *testing.T) {
	a, e := exampleArea(t, "national")
	s, ok := e.Pack().Parameter("multiYearFundingMonths")
	require.True(t, ok)
	for _, tc := range []struct {
		on   string
		want int64
	}{{"2010-12-19", 36}, {"2010-12-20", 24}, {"2024-04-01", 24}} {
		n, _ := s.On(compact.MustParseDate(tc.on)).AsInt()
		require.Equal(t, tc.want, n, tc.on)
	}
	grant := func(decided string) *compact.FundingDecision {
		d := compact.MustParseDate(decided)
		return &compact.FundingDecision{ID: "g", Funder: "cabinet-office", Recipient: "x", Kind: compact.FundingNew,
			Decided: d, Reasons: "Open call.", TermMonths: 24}
	}
	outcome := func(f *compact.FundingDecision) rules.Outcome {
		fs, err := e.Evaluate(ctx, f, rules.AsOf(compact.MustParseDate("2012-03-31")))
		require.NoError(t, err)
		for _, x := range fs {
			if x.Rule == "multi-year-funding" {
				return x.Outcome
			}
		}
		t.Fatal("no multi-year-funding finding")
		return ""
	}
	require.Equal(t, rules.Fail, outcome(grant("2009-06-01")))
	require.Equal(t, rules.Pass, outcome(grant("2011-06-01")))
	require.NotNil(t, a.Compact)

	// A value the compact sets applies on every date.
	lib, err := examples.Library()
	require.NoError(t, err)
	docs, err := compact.Parse("c.yaml", []byte("apiVersion: compactkit/v1\nkind: Compact\nid: old\ntitle: Old\nextends: national-2010\nparameters:\n  multiYearFundingMonths: 36\n"))
	require.NoError(t, err)
	b, err := compact.NewArea(docs, compact.WithLibrary(lib))
	require.NoError(t, err)
	eb, err := rules.Compile(b)
	require.NoError(t, err)
	s, _ = eb.Pack().Parameter("multiYearFundingMonths")
	require.Empty(t, s.From)
	n, _ := s.On(compact.MustParseDate("2024-04-01")).AsInt()
	require.EqualValues(t, 36, n)
}

// TestEveryRuleStatesItsSemantics: each rule of the example packs says in
// a sentence how it reads the records (how days count, which day a date
// means), so a reader can see why it passed or failed.
func TestEveryRuleStatesItsSemantics(t *testing.T) {
	for _, area := range []string{"national", "kent", "kirklees", "compact-voice-ocs", "worcestershire", "lincolnshire-rutland"} {
		_, e := exampleArea(t, area)
		for _, r := range e.Pack().Rules {
			require.NotEmpty(t, r.Semantics, "%s: rule %s", area, r.ID)
		}
	}
}
