package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/internal/synth"
	"github.com/compactkit/compactkit/rules"
)

// TestCheckStream streams a generated JSON Lines area: every finding is a
// JSON line (or CSV row) naming its .jsonl file and line, failures exit 1,
// and a bad line exits 3 with its position.
func TestCheckStream(t *testing.T) {
	dir := t.TempDir()
	_, err := synth.Write(dir, synth.Config{Records: 600, Organisations: 30, RecordsPerFile: 250, Format: synth.FormatJSONL})
	require.NoError(t, err)

	code, out, errs := compactRun("check", "--stream", dir)
	require.Equal(t, exitFindings, code, errs)
	require.Empty(t, errs, "no progress when stderr is not a terminal")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Greater(t, len(lines), 600)
	fails, lastFile, lastLine := 0, "", 0
	for _, l := range lines {
		var f rules.Finding
		require.NoError(t, json.Unmarshal([]byte(l), &f), l)
		require.Equal(t, ".jsonl", filepath.Ext(f.Source.File))
		require.Positive(t, f.Source.Line)
		if f.Source.File == lastFile {
			require.GreaterOrEqual(t, f.Source.Line, lastLine, "file order")
		}
		lastFile, lastLine = f.Source.File, f.Source.Line
		if f.Outcome == rules.Fail {
			fails++
		}
	}
	require.Positive(t, fails)
	require.Equal(t, filepath.Join(dir, "records-0003.jsonl"), lastFile)

	code, out, _ = compactRun("check", "--stream", "--format", "csv", "--fail-on", "none", dir)
	require.Equal(t, exitOK, code)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, rules.CSVHeader, rows[0])
	require.Len(t, rows, len(lines)+1)

	for _, args := range [][]string{{"check", "--stream", "--format", "json", dir}, {"check", "--format", "jsonl", dir}} {
		code, _, _ = compactRun(args...)
		require.Equal(t, exitUsage, code, args)
	}

	bad := filepath.Join(dir, "records-0002.jsonl")
	f, err := os.OpenFile(bad, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"record":"funding","id":"x","colour":"red"}` + "\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	code, _, errs = compactRun("check", "--stream", dir)
	require.Equal(t, exitInvalid, code)
	require.Contains(t, errs, bad+":251:")
	require.Contains(t, errs, "colour")

	code, _, errs = compactRun("check", "--stream", filepath.Join("testdata", "town"))
	require.Equal(t, exitInvalid, code)
	require.Contains(t, errs, "no .jsonl records files")
}
