package importer

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

func TestCivilDate(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{"2024-03-01", "2024-03-01", false},
		{"2016-10-31T17:00:00+01:00", "2016-10-31", false},     // the stated offset, even where London was on GMT
		{"2016-06-17T23:45:00.000+01:00", "2016-06-17", false}, // fractions
		{"2014-08-07T09:30+01:00", "2014-08-07", false},        // no seconds
		{"2024-08-31T23:30:00Z", "2024-09-01", false},          // UTC in summer: 00:30 in London on the 1st
		{"2025-01-31T23:30:00Z", "2025-01-31", false},          // UTC in winter is London's clock
		{"2026-09-30T23:59:59+01:00", "2026-09-30", false},     // Contracts Finder's end of day
		{"2024-03-31T00:30:00Z", "2024-03-31", false},          // the clocks go forward at 01:00 UTC
		{"2024-10-26T23:30:00Z", "2024-10-27", false},          // still BST
		{"2024-06-01T12:00:00", "2024-06-01", false},           // no offset: as written
		{"24/07/2014", "", true},
		{"2024-02-30", "", true},
		{"13-03-2015", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := civilDate(tt.in)
			if tt.err {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, d.String())
		})
	}
}

func TestOrgIDs(t *testing.T) {
	tests := []struct {
		id     string
		ok     bool
		sector compact.Sector
		kind   compact.OrgKind
	}{
		{"GB-CHC-1234567", true, compact.SectorVoluntaryCommunity, compact.OrgCharity},
		{"GB-SC-SC012345", true, compact.SectorVoluntaryCommunity, compact.OrgCharity},
		{"GB-LAE-TRF", true, compact.SectorPublic, compact.OrgLocalAuthority},
		{"GB-COH-CE008889", true, compact.SectorUnknown, compact.OrgUnknown}, // a company: could be anything
		{"GB-SRS-supplierregistration.cabinetoffice.gov.uk/FsA934sF", true, compact.SectorUnknown, compact.OrgUnknown},
		{"360G-trafford-be_active", true, "", ""},
		{"RUBBISH-COH-RC000000", false, "", ""},
		{"GB-CHC", false, "", ""},
		{"1234567", false, "", ""},
		{"gb-chc-1234567", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			err := checkOrgID(tt.id)
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			if tt.sector != "" {
				s, k := sectorOf(tt.id)
				require.Equal(t, tt.sector, s)
				require.Equal(t, tt.kind, k)
			}
		})
	}
}

func TestIDs(t *testing.T) {
	require.Equal(t, "gb-chc-1234567", idOf("GB-CHC-1234567"))
	require.Equal(t, "st.-john-s-centre-old-trafford-hub", idOf("St. John's Centre (Old Trafford Hub)"))
	require.Equal(t, "x", idOf("—"))
	require.Equal(t, "360G-fundingproviders-000001-X-00-X", recordID("360G-fundingproviders-000001/X/00/X"))
	require.Equal(t, "imported-360giving-trafford-council-vcs-grants.yaml", OutputName(Giving360, "/a/b/trafford-council-vcs-grants.json"))
	require.Equal(t, "st john s centre", normName("St. John's   Centre"))
	require.Equal(t, normName("Friends & Neighbours"), normName("friends and neighbours"))
	// Each keeps its own runes, and makes a run of others one separator,
	// none at either end.
	require.Equal(t, "age uk and friends kirklees", normName("  Age UK & Friends (Kirklees) "))
	require.Equal(t, "", normName("--"))
	require.Equal(t, "a.b_c", idOf("a.b_c"))
	require.Equal(t, "caf-society", idOf("Café Society")) // non-ASCII letters are gaps in an id
	require.Equal(t, "x", idOf("é!"))
	require.Equal(t, "360G-traffordmbc-VSG1342", recordID("360G-traffordmbc-VSG1342"))
	require.Equal(t, "a-b", recordID("--a  b--"))
}

func TestDirectoryResolve(t *testing.T) {
	d := &directory{byOrgID: map[string]string{"GB-LAE-TRF": "trafford"}, byName: map[string]string{"age uk trafford": "age-uk"},
		names: map[string]string{"trafford": "trafford council", "age-uk": "age uk trafford"}, byKey: map[string]int{},
		taken: map[string]bool{"trafford": true, "age-uk": true, "gb-chc-1": true}, seen: map[string]bool{}}
	id, err := d.resolve(orgRef{OrgID: "GB-LAE-TRF", Name: "Trafford MBC"})
	require.NoError(t, err)
	require.Equal(t, "trafford", id)
	id, err = d.resolve(orgRef{Name: "Age UK Trafford"}) // by name only when asked
	require.NoError(t, err)
	require.Equal(t, "age-uk-trafford", id)
	d.matchNames = true
	id, err = d.resolve(orgRef{Name: "AGE UK  Trafford"})
	require.NoError(t, err)
	require.Equal(t, "age-uk", id)
	id, err = d.resolve(orgRef{OrgID: "GB-CHC-1", Name: "A charity"}) // the id is taken by another organisation
	require.NoError(t, err)
	require.Equal(t, "gb-chc-1-2", id)
	again, err := d.resolve(orgRef{OrgID: "GB-CHC-1", Name: "A charity"})
	require.NoError(t, err)
	require.Equal(t, id, again)
	_, err = d.resolve(orgRef{})
	require.ErrorIs(t, err, errNoOrganisation)
	require.Equal(t, 2, d.matched)
	require.Len(t, d.added, 2)
}

// TestMergeReleases: releases are merged in date order, whatever their
// order in the file, awards by id.
func TestMergeReleases(t *testing.T) {
	award := func(date, amount string) map[string]any {
		return map[string]any{"id": "a1", "date": date, "value": map[string]any{"amount": amount}}
	}
	later := ocdsRelease{"/releases/0", "2025-01-23T17:00:00Z", map[string]any{"ocid": "o", "tag": []any{"awardUpdate"},
		"awards": []any{award("2025-01-20T00:00:00Z", "200")}}}
	earlier := ocdsRelease{"/releases/1", "2025-01-23T16:00:00+00:00", map[string]any{"ocid": "o", "tag": []any{"award"},
		"awards": []any{award("2025-01-19T00:00:00Z", "100"), map[string]any{"id": "a2"}}, "buyer": map[string]any{"id": "b"}}}
	rels := []ocdsRelease{later, earlier}
	merged := map[string]any{}
	sortReleases(rels)
	for _, r := range rels {
		mergeRelease(merged, r.rel, r.ptr)
	}
	awards := asList(merged["awards"])
	require.Len(t, awards, 2)
	require.Equal(t, "2025-01-20T00:00:00Z", awards[0]["date"])
	require.Equal(t, "200", asMap(awards[0]["value"])["amount"])
	require.Equal(t, "/releases/0/awards/0", awards[0][ptrKey])
	require.Equal(t, "/releases/1/awards/1", awards[1][ptrKey])
	require.Equal(t, []any{"awardUpdate"}, merged["tag"])
	require.Equal(t, "b", asMap(merged["buyer"])["id"])
}

func TestLimitOptions(t *testing.T) {
	tests := []struct {
		name    string
		opt     Option
		wantErr string
		check   func(t *testing.T, o options)
	}{
		{"json bytes", WithMaxJSONBytes(1 << 20), "", func(t *testing.T, o options) { require.Equal(t, int64(1<<20), o.maxJSONBytes) }},
		{"problems", WithMaxProblems(7), "", func(t *testing.T, o options) { require.Equal(t, 7, o.maxProblems) }},
		{"json bytes zero", WithMaxJSONBytes(0), "importer: WithMaxJSONBytes(0): must be positive", nil},
		{"problems negative", WithMaxProblems(-1), "importer: WithMaxProblems(-1): must be positive", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := defaults()
			err := tc.opt(&o)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				require.Equal(t, defaults(), o, "a refused limit leaves the options as they were")
				return
			}
			require.NoError(t, err)
			tc.check(t, o)
		})
	}
}

func TestReadDirectoryListsDocumentsThatDoNotDecode(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"records.yaml":   "apiVersion: compactkit/v1\nkind: Records\nconsultations: {not: a list}\n",
		"directory.yaml": "apiVersion: compactkit/v1\nkind: Directory\norganisations: 42\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	_, err := readDirectory(dir, nil, false)
	require.Error(t, err)
	files := map[string]bool{}
	for _, e := range compact.AsErrors(err) {
		files[filepath.Base(e.Pos.File)] = true
	}
	require.Equal(t, map[string]bool{"records.yaml": true, "directory.yaml": true}, files)
}

func TestOptionsAndEnumValues(t *testing.T) {
	o := defaults()
	require.NoError(t, MatchNames(true)(&o))
	require.NoError(t, WithSheet("Grants")(&o))
	require.True(t, o.matchNames)
	require.Equal(t, "Grants", o.sheet)
	require.Equal(t, []string{"funding", "consultations"}, MapRecord("").Values())
	require.Equal(t, []string{"YYYY-MM-DD", "DD/MM/YYYY"}, DateFormat("").Values())
	require.Equal(t, "ImportMapping grants-register", (&Mapping{ID: "grants-register"}).String())
}

func TestErrorPositionsAndMessages(t *testing.T) {
	positioned := &compact.Error{Pos: compact.Position{File: "a.json", Line: 3}, Err: compact.ErrValue, Msg: "not a date"}
	plain := errors.New("unexpected end of input")
	require.Equal(t, positioned.Pos, positionOf(positioned, "b.json"))
	require.Equal(t, compact.Position{File: "b.json"}, positionOf(plain, "b.json"))
	require.Equal(t, "not a date", errMessage(positioned))
	require.Equal(t, "unexpected end of input", errMessage(plain))

	syntax := csvError("r.csv", &csv.ParseError{Line: 4, Column: 2, Err: csv.ErrQuote})
	require.ErrorIs(t, syntax, compact.ErrSyntax)
	require.Equal(t, compact.Position{File: "r.csv", Line: 4, Column: 2}, compact.AsErrors(syntax)[0].Pos)
	require.ErrorIs(t, csvError("r.csv", plain), compact.ErrIO)
}
