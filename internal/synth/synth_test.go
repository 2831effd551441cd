package synth_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
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

// TestCountsMix: the governance records follow the directory, each kind
// capped at its share of a small area; the rest are consultations (23 in
// 100) and funding decisions.
func TestCountsMix(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  synth.Config
		want map[string]int
	}{
		{"small: the caps", synth.Config{Records: 100}, map[string]int{"consultations": 15, "funding": 53,
			"meetings": 10, "nominations": 10, "signatures": 11, "reports": 1}},
		{"tiny", synth.Config{Records: 10}, map[string]int{"consultations": 1, "funding": 6,
			"meetings": 1, "nominations": 1, "signatures": 1, "reports": 0}},
		{"national: the directory's", synth.Config{Records: 1_000_000}, map[string]int{"consultations": 220334,
			"funding": 737641, "meetings": 24, "nominations": 20000, "signatures": 22000, "reports": 1}},
		{"wide directory", synth.Config{Records: 10_000, Organisations: 5000}, map[string]int{"consultations": 1742,
			"funding": 5833, "meetings": 24, "nominations": 1200, "signatures": 1200, "reports": 1}},
		{"none", synth.Config{}, map[string]int{"consultations": 0, "funding": 0,
			"meetings": 0, "nominations": 0, "signatures": 0, "reports": 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.cfg.Counts()
			require.Equal(t, tc.want, got)
			sum := 0
			for _, n := range got {
				sum += n
			}
			require.Equal(t, tc.cfg.Records, sum)
		})
	}
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

// TestJSONLinesHoldTheSameRecords: an area written as JSON Lines holds
// the records of the YAML area of the same config, in the same order, and
// loads with the same period.
func TestJSONLinesHoldTheSameRecords(t *testing.T) {
	cfg := synth.Config{Records: 700, Organisations: 30, RecordsPerFile: 300}
	ydir, jdir := t.TempDir(), t.TempDir()
	_, err := synth.Write(ydir, cfg)
	require.NoError(t, err)
	cfg.Format = synth.FormatJSONL
	files, err := synth.Write(jdir, cfg)
	require.NoError(t, err)
	require.Len(t, files, 2+1+3)
	ya, err := compactkit.Load(ydir)
	require.NoError(t, err)
	ja, err := compactkit.Load(jdir)
	require.NoError(t, err)
	require.Equal(t, 0, ja.RecordCount())
	require.Equal(t, ya.Records.Period, ja.Records.Period)

	var got []string
	for _, f := range files[3:] {
		require.Equal(t, ".jsonl", filepath.Ext(f))
		in, err := os.Open(f)
		require.NoError(t, err)
		require.NoError(t, compact.ReadRecordsJSONL(in, f, func(rec any) error {
			got = append(got, recordText(t, rec))
			return nil
		}))
		require.NoError(t, in.Close())
	}
	var want []string
	r := &ya.Records
	for i := range r.Consultations {
		want = append(want, recordText(t, &r.Consultations[i]))
	}
	for i := range r.Funding {
		want = append(want, recordText(t, &r.Funding[i]))
	}
	for i := range r.Meetings {
		want = append(want, recordText(t, &r.Meetings[i]))
	}
	for i := range r.Nominations {
		want = append(want, recordText(t, &r.Nominations[i]))
	}
	for i := range r.Signatures {
		want = append(want, recordText(t, &r.Signatures[i]))
	}
	for i := range r.Reports {
		want = append(want, recordText(t, &r.Reports[i]))
	}
	require.Len(t, got, cfg.Records)
	require.Equal(t, want, got)

	_, err = synth.Write(t.TempDir(), synth.Config{Records: 10, Format: "xml"})
	require.ErrorIs(t, err, synth.ErrConfig)
}

// recordText is a record as a JSON line, which leaves out where it was
// written.
func recordText(t *testing.T, rec any) string {
	b, err := compact.AppendRecordLine(nil, rec)
	require.NoError(t, err)
	return string(b)
}
