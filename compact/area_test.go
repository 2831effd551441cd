package compact_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

func loadTown(t testing.TB) *compact.Area {
	t.Helper()
	lib, err := compact.LoadLibrary(filepath.Join("testdata", "base"))
	require.NoError(t, err)
	a, err := compact.LoadArea(filepath.Join("testdata", "area"), compact.WithLibrary(lib))
	require.NoError(t, err)
	return a
}

func TestLoadArea(t *testing.T) {
	a := loadTown(t)
	assert.Equal(t, "area", a.Name)
	assert.Len(t, a.Documents, 3)
	require.NotNil(t, a.Compact)
	assert.Equal(t, []string{"base-2010", "town"}, a.Compact.Chain)
	assert.Equal(t, "The Town Compact", a.Compact.Title)
	assert.Equal(t, "England", a.Compact.Area, "inherited from the base where not given")

	ids := func() []string {
		var out []string
		for _, c := range a.Compact.Commitments {
			out = append(out, c.ID)
		}
		return out
	}()
	assert.Equal(t, []string{"consultation-12-weeks", "funding-notice", "cso-evidence", "notice-early", "cv-info"}, ids,
		"base commitments less the excluded one, then local ones")

	// Records, directory and the index.
	assert.Equal(t, compact.FinancialYear(2013), a.Records.Period)
	assert.Len(t, a.Directory.Organisations, 5)
	o, ok := a.Organisation("cvs")
	require.True(t, ok)
	assert.Equal(t, compact.SectorVoluntaryCommunity, o.Sector)
	p, ok := a.Person("ann")
	require.True(t, ok)
	assert.Equal(t, "council", p.Organisation)
	b, ok := a.Body("steering")
	require.True(t, ok)
	assert.Equal(t, 2, b.MinMeetingsPerYear)
	_, ok = a.Body("nowhere")
	assert.False(t, ok)

	f := a.Records.Funding[0]
	assert.Equal(t, compact.FundingReduction, f.Kind)
	assert.Equal(t, 2, compact.MonthsBetween(f.NoticeGiven, f.Effective), "notice 3 June to 1 September is two whole months and 29 days")
	assert.Equal(t, compact.Position{File: filepath.Join("testdata", "area", "records.yaml"), Line: 7, Column: 5}, f.Source)
}

func TestSignatories(t *testing.T) {
	a := loadTown(t)
	cases := []struct {
		on   string
		want []string
	}{
		{"2012-09-30", nil},
		{"2012-10-01", []string{"council", "cvs"}},
		{"2013-07-01", []string{"council", "cvs", "nhs"}},
		{"2014-01-30", []string{"council", "cvs", "nhs"}},
		{"2014-01-31", []string{"council", "nhs"}}, // withdrawn on that day
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, a.Signatories(d(tc.on)), tc.on)
	}
	assert.True(t, a.IsSignatory("nhs", d("2013-07-01")))
	assert.False(t, a.IsSignatory("nhs", d("2013-06-30")))
	assert.Len(t, a.Signatures(), 4)
}

func TestResolvedOrigins(t *testing.T) {
	a := loadTown(t)
	r := a.Compact
	o, ok := r.CommitmentOrigin("funding-notice")
	require.True(t, ok)
	assert.Equal(t, "base-2010", o.By)
	assert.Equal(t, filepath.Join("testdata", "base", "compact.yaml"), o.Pos.File)
	assert.Equal(t, 21, o.Pos.Line)
	o, ok = r.CommitmentOrigin("notice-early")
	require.True(t, ok)
	assert.Equal(t, "town", o.By)
	_, ok = r.CommitmentOrigin("free-crb")
	assert.False(t, ok, "excluded commitments are gone")

	cases := []struct {
		name      string
		value     compact.Value
		from      string
		overrides string
		line      int
	}{
		{"fundingNoticeMonths", compact.IntValue(6), "town", "base-2010", 34},
		{"consultationWeeks", compact.IntValue(12), "base-2010", "", 38},
		{"feedbackMonths", compact.FloatValue(2), "town", "base-2010", 35}, // an int may replace a double
		{"appealDays", compact.IntValue(14), "town", "", 36},
	}
	for _, tc := range cases {
		v, ok := r.Parameter(tc.name)
		require.True(t, ok, tc.name)
		assert.Equal(t, tc.value, v, tc.name)
		o, ok := r.ParameterOrigin(tc.name)
		require.True(t, ok)
		assert.Equal(t, tc.from, o.By, tc.name)
		assert.Equal(t, tc.overrides, o.Overrides, tc.name)
		assert.Equal(t, tc.line, o.Pos.Line, tc.name)
	}
	po, ok := r.PrincipleOrigin("independence")
	require.True(t, ok)
	assert.Equal(t, "base-2010", po.By)
	c, ok := r.Commitment("cv-info")
	require.True(t, ok)
	assert.Equal(t, []string{"cvs"}, c.Organisations)
	_, ok = r.Principle("openness")
	assert.True(t, ok)
	require.NotNil(t, r.DisputeProcedure, "the base procedure applies when the local compact has none")
	assert.Equal(t, "informal", r.DisputeProcedure.Stages[0].ID)
	assert.Equal(t, "A strong civil society.", r.Aims[0].Text)
}

func TestResolveDoesNotModifyInputs(t *testing.T) {
	base := &compact.Compact{ID: "b", Title: "B", Commitments: []compact.Commitment{{ID: "x"}, {ID: "y"}},
		Parameters: map[string]compact.Value{"n": compact.IntValue(1)}}
	local := &compact.Compact{ID: "l", Extends: "b", Tailoring: &compact.Tailoring{Include: []string{"y"}},
		Commitments: []compact.Commitment{{ID: "z"}}, Parameters: map[string]compact.Value{"n": compact.IntValue(2)}}
	r, err := compact.Resolve(local, func(id string) (*compact.Compact, error) { return base, nil })
	require.NoError(t, err)
	assert.Len(t, r.Commitments, 2)
	assert.Equal(t, "y", r.Commitments[0].ID)
	assert.Len(t, base.Commitments, 2)
	assert.Len(t, local.Commitments, 1)
	assert.Equal(t, compact.IntValue(1), base.Parameters["n"])
	r.Parameters["n"] = compact.IntValue(9)
	assert.Equal(t, compact.IntValue(2), local.Parameters["n"])
}

func TestResolveChainDepth(t *testing.T) {
	lookup := func(id string) (*compact.Compact, error) {
		n := len(id)
		return &compact.Compact{ID: id, Extends: strings.Repeat("x", n+1)}, nil
	}
	_, err := compact.Resolve(&compact.Compact{ID: "x", Extends: "xx"}, lookup)
	require.ErrorIs(t, err, compact.ErrLimit)
}

func TestAreaErrorfPointsAtField(t *testing.T) {
	a := loadTown(t)
	n := a.Records.Nominations[0]
	e := a.Errorf(n.Source, "role", compact.ErrReference, "unknown role %q", n.Role)
	assert.Equal(t, "nominations[0].role", e.Path)
	assert.Equal(t, 22, e.Pos.Line)
	assert.Equal(t, 20, e.Pos.Column)
	assert.Contains(t, e.Snippet(), "role: compact-champion")
	assert.ErrorIs(t, e, compact.ErrReference)

	e = a.Errorf(n.Source, "", compact.ErrValue, "whole record")
	assert.Equal(t, "nominations[0]", e.Path)
	e = a.Errorf(compact.Position{File: "elsewhere.yaml", Line: 3}, "x", compact.ErrValue, "no document")
	assert.Equal(t, "elsewhere.yaml:3: x: no document", e.Error())
}

func TestFindAndDocumentsOf(t *testing.T) {
	a := loadTown(t)
	d, ok := a.Find(compact.KindCompact, "base-2010")
	require.True(t, ok, "found in the library")
	assert.Equal(t, filepath.Join("testdata", "base", "compact.yaml"), d.File())
	d, ok = a.Find(compact.KindCompact, "town")
	require.True(t, ok)
	assert.Contains(t, d.String(), `Compact "town"`)
	_, ok = a.Find(compact.KindRulePack, "town")
	assert.False(t, ok)
	assert.Len(t, a.DocumentsOf(compact.KindRecords), 1)
	assert.Len(t, a.Library.Documents(compact.KindCompact), 1)
	var nilLib *compact.Library
	_, ok = nilLib.Find(compact.KindCompact, "x")
	assert.False(t, ok)
	assert.Nil(t, nilLib.Documents(compact.KindCompact))
}

func TestLibrary(t *testing.T) {
	fsys := fstest.MapFS{
		"lib/a.yaml":          {Data: []byte("apiVersion: compactkit/v1\nkind: Compact\nid: a\ntitle: A\n")},
		"lib/.hidden/b.yaml":  {Data: []byte("not: valid")},
		"lib/testdata/c.yaml": {Data: []byte("not: valid")},
		"lib/notes.txt":       {Data: []byte("ignored")},
	}
	lib, err := compact.LibraryFS(fsys, "lib", "lib")
	require.NoError(t, err)
	d, ok := lib.Find(compact.KindCompact, "a")
	require.True(t, ok)
	assert.Equal(t, filepath.Join("lib", "a.yaml"), d.File())

	docs, err := compact.Parse("dup.yaml", []byte("apiVersion: compactkit/v1\nkind: Compact\nid: a\ntitle: A2\n"))
	require.NoError(t, err)
	other, err := compact.NewLibrary(docs...)
	require.NoError(t, err)
	merged := lib.With(other)
	d, _ = merged.Find(compact.KindCompact, "a")
	assert.Equal(t, filepath.Join("lib", "a.yaml"), d.File(), "the first library wins")

	both := append(docs, docs[0])
	_, err = compact.NewLibrary(both...)
	require.NoError(t, err, "the same document twice is not a duplicate")
	docs2, _ := compact.Parse("dup2.yaml", []byte("apiVersion: compactkit/v1\nkind: Compact\nid: a\ntitle: A3\n"))
	_, err = compact.NewLibrary(append(docs, docs2...)...)
	require.ErrorIs(t, err, compact.ErrDuplicate)

	_, err = compact.LoadLibrary(filepath.Join("testdata", "no-such-folder"))
	require.ErrorIs(t, err, compact.ErrIO)
	_, err = compact.LibraryFS(fsys, "missing", "x")
	require.ErrorIs(t, err, compact.ErrIO)
}

func TestLoadAreaIOErrors(t *testing.T) {
	_, err := compact.LoadArea(filepath.Join("testdata", "no-such-area"))
	require.ErrorIs(t, err, compact.ErrIO)

	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(compact.MaxFileBytes+1))
	require.NoError(t, f.Close())
	_, err = compact.LoadArea(dir)
	require.ErrorIs(t, err, compact.ErrLimit)
	_, err = compact.ReadFile(big)
	require.ErrorIs(t, err, compact.ErrLimit)
	_, err = compact.Parse("big.yaml", make([]byte, compact.MaxFileBytes+1))
	require.ErrorIs(t, err, compact.ErrLimit)
}

func TestAreaIsSafeToShare(t *testing.T) {
	// Loading several areas at once shares the library's documents; the race
	// detector checks that nothing is written to them.
	lib, err := compact.LoadLibrary(filepath.Join("testdata", "base"))
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			a, err := compact.LoadArea(filepath.Join("testdata", "area"), compact.WithLibrary(lib))
			if assert.NoError(t, err) {
				_ = a.Errorf(a.Records.Meetings[0].Source, "body", compact.ErrReference, "x")
			}
		})
	}
	wg.Wait()
}

func TestJSONAreaEquivalent(t *testing.T) {
	src := `{
	"apiVersion": "compactkit/v1", "kind": "Directory",
	"organisations": [{"id": "x", "name": "X", "sector": "public", "kind": "police"}]
}`
	docs, err := compact.Parse("d.json", []byte(src))
	require.NoError(t, err)
	var dir compact.Directory
	require.NoError(t, docs[0].Decode(&dir))
	assert.Equal(t, compact.OrgPolice, dir.Organisations[0].Kind)
	assert.Equal(t, 3, dir.Organisations[0].Source.Line)
}
