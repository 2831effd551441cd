package compactkit_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/synth"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// what a finding says, whatever file and line it points at.
func what(f rules.Finding) string {
	return string(f.Kind) + " " + f.Subject + " " + f.Rule + " " + string(f.Outcome) + " " + f.Message
}

func whatAll(fs []rules.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = what(f)
	}
	sort.Strings(out)
	return out
}

// TestAreaCheckStream: the facade's streaming checks, of one file
// (CheckStream) and of several sharing a collection (CheckCollected), give
// the findings Check gives on the same records in YAML, as of the date and
// for the period Check chooses, with the facade's options passed through.
func TestAreaCheckStream(t *testing.T) {
	ctx := context.Background()
	yamlDir, jsonlDir := t.TempDir(), t.TempDir()
	cfg := synth.Config{Records: 900, Organisations: 40, RecordsPerFile: 900, Seed: 3}
	_, err := synth.Write(yamlDir, cfg)
	require.NoError(t, err)
	cfg.Format, cfg.RecordsPerFile = synth.FormatJSONL, 400
	files, err := synth.Write(jsonlDir, cfg)
	require.NoError(t, err)
	var lines []string
	for _, f := range files {
		if filepath.Ext(f) == ".jsonl" {
			lines = append(lines, f)
		}
	}
	require.Len(t, lines, 3)

	ya, err := compactkit.Load(yamlDir)
	require.NoError(t, err)
	want, err := ya.Check(ctx)
	require.NoError(t, err)

	ja, err := compactkit.Load(jsonlDir)
	require.NoError(t, err)
	open := func(name string) *os.File {
		f, err := os.Open(name)
		require.NoError(t, err)
		t.Cleanup(func() { f.Close() })
		return f
	}

	t.Run("several files, one collection", func(t *testing.T) {
		var got []rules.Finding
		emit := func(f rules.Finding) error { got = append(got, f); return nil }
		var col rules.Collection
		progress := 0
		opts := []compactkit.RunOption{
			compactkit.EvalOptions(rules.Workers(1)),
			compactkit.StreamOptions(rules.Collect(&col), rules.Progress(100, time.Now, func(rules.StreamStats) { progress++ })),
		}
		var records int64
		for _, name := range lines {
			checked, st, err := ja.CheckStream(ctx, open(name), name, emit, opts...)
			require.NoError(t, err)
			require.Equal(t, want.AsOf, checked.AsOf, "the date Check chose")
			require.Equal(t, want.Period, checked.Period)
			require.Equal(t, want.Pack.ID, checked.Pack.ID)
			records += st.Records
		}
		require.Equal(t, int64(cfg.Records), records)
		require.Positive(t, progress, "progress was reported")
		require.Positive(t, col.Records(), "the meetings, nominations and signatures are kept")
		_, err := ja.CheckCollected(ctx, &col, emit, opts...)
		require.NoError(t, err)
		require.Equal(t, whatAll(want.Findings), whatAll(got))
	})

	t.Run("a date with no period", func(t *testing.T) {
		empty, err := compactkit.Load(t.TempDir(), compactkit.AllowEmpty())
		require.NoError(t, err)
		_, _, err = empty.CheckStream(ctx, open(lines[0]), lines[0], func(rules.Finding) error { return nil })
		require.ErrorIs(t, err, compactkit.ErrNoDate)
		_, err = empty.CheckCollected(ctx, &rules.Collection{}, nil)
		require.ErrorIs(t, err, compactkit.ErrNoDate)
	})
}

// TestOptions: the facade's options reach what they configure.
func TestOptions(t *testing.T) {
	ctx := context.Background()
	_, err := compactkit.Load(t.TempDir())
	require.ErrorIs(t, err, compact.ErrEmpty, "an area with no documents, without AllowEmpty")

	town := filepath.Join("testdata", "town")
	a, err := compactkit.Load(town, compactkit.WithPack("no-such-pack"))
	if err == nil {
		_, err = a.Check(ctx)
	}
	require.Error(t, err, "a pack the area and library do not have")

	a, err = compactkit.Load(town)
	require.NoError(t, err)
	rep, err := a.Report(ctx, compactkit.ReportOptions(reporting.Title("A title of our own")))
	require.NoError(t, err)
	require.Equal(t, "A title of our own", rep.Title)

	checked, err := a.Check(ctx, compactkit.EvalOptions(rules.RunCost(1)))
	require.NoError(t, err)
	require.GreaterOrEqual(t, checked.Findings.Summary().Error, len(checked.Findings)-1, "a budget of one unit runs a rule at most")
	require.Positive(t, checked.Findings.Summary().Error)
}
