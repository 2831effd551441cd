package synth_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/internal/synth"
)

// TestGeneratedAreasValidate: areas of several sizes and shapes load and
// validate with every package, hold the records asked for in the stated
// mix, and break some national commitments (a check with no failures
// would measure nothing).
func TestGeneratedAreasValidate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     synth.Config
		orgs    int
		recFile int
	}{
		{"small", synth.Config{Records: 200}, synth.MinOrganisations, 1},
		{"default directory", synth.Config{Records: 3000}, 60, 1},
		{"wide directory", synth.Config{Records: 1000, Organisations: 400}, 400, 1},
		{"narrow directory", synth.Config{Records: 2000, Organisations: 12}, 12, 1},
		{"split files", synth.Config{Records: 1000, RecordsPerFile: 300}, 20, 4},
		{"another seed", synth.Config{Records: 500, Seed: 7}, synth.MinOrganisations, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files, err := synth.Write(dir, tc.cfg)
			require.NoError(t, err)
			require.Len(t, files, 2+tc.recFile)
			a, err := compactkit.Validate(context.Background(), dir)
			require.NoError(t, err)
			require.Equal(t, tc.cfg.Records, a.RecordCount())
			counts := a.Counts()
			for kind, n := range tc.cfg.Counts() {
				require.Equal(t, n, counts[kind], kind)
			}
			require.Equal(t, tc.orgs, counts["organisations"])
			require.Equal(t, 2*tc.orgs, counts["people"])
			checked, err := a.Check(context.Background())
			require.NoError(t, err)
			sum := checked.Findings.Summary()
			require.Positive(t, sum.Fail, "some records break the compact")
			require.Positive(t, sum.Pass)
			require.Zero(t, sum.Error)
		})
	}
}

// TestCountsMix: the mix per 100 records, reports taking the remainder.
func TestCountsMix(t *testing.T) {
	require.Equal(t, map[string]int{"consultations": 15, "funding": 50, "meetings": 10, "nominations": 12,
		"signatures": 12, "reports": 1}, synth.Config{Records: 100}.Counts())
	require.Equal(t, map[string]int{"consultations": 1, "funding": 5, "meetings": 1, "nominations": 1,
		"signatures": 1, "reports": 1}, synth.Config{Records: 10}.Counts())
}

// TestDeterministic: the same config writes the same bytes; another seed
// writes other records; the split into files does not change a record.
func TestDeterministic(t *testing.T) {
	read := func(cfg synth.Config) map[string]string {
		dir := t.TempDir()
		files, err := synth.Write(dir, cfg)
		require.NoError(t, err)
		out := map[string]string{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			out[filepath.Base(f)] = string(b)
		}
		return out
	}
	a, b := read(synth.Config{Records: 500}), read(synth.Config{Records: 500})
	require.Equal(t, a, b)
	c := read(synth.Config{Records: 500, Seed: 2})
	require.NotEqual(t, a["records-0001.yaml"], c["records-0001.yaml"])

	one, split := compactLoad(t, synth.Config{Records: 500}), compactLoad(t, synth.Config{Records: 500, RecordsPerFile: 70})
	require.Equal(t, one.Records.Funding[123].Funder, split.Records.Funding[123].Funder)
	require.Equal(t, one.Records.Funding[123].Decided, split.Records.Funding[123].Decided)
	require.Equal(t, one.Records.Meetings[9].Attendees, split.Records.Meetings[9].Attendees)
}

func compactLoad(t *testing.T, cfg synth.Config) *compactkit.Area {
	dir := t.TempDir()
	_, err := synth.Write(dir, cfg)
	require.NoError(t, err)
	a, err := compactkit.Load(dir)
	require.NoError(t, err)
	return a
}

// TestWriteRefuses: sizes out of range are errors, and nothing is written.
func TestWriteRefuses(t *testing.T) {
	for _, cfg := range []synth.Config{{Records: -1}, {Records: synth.MaxRecords + 1}, {Records: 10, Organisations: -3}} {
		dir := filepath.Join(t.TempDir(), "area")
		_, err := synth.Write(dir, cfg)
		require.Error(t, err)
		_, statErr := os.Stat(dir)
		require.True(t, os.IsNotExist(statErr))
	}
}
