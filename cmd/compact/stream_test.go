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

// TestCheckStream streams a generated JSON Lines area: every finding on a
// streamed record is a JSON line (or CSV row) naming its .jsonl file and
// line, then come those on collections and the compact's signatories, as
// many as check gives on the same records in YAML; failures exit 1, and a
// bad line or an id used twice exits 3 with its position.
func TestCheckStream(t *testing.T) {
	dir, yamlDir := t.TempDir(), t.TempDir()
	cfg := synth.Config{Records: 600, Organisations: 30, RecordsPerFile: 250, Format: synth.FormatJSONL}
	_, err := synth.Write(dir, cfg)
	require.NoError(t, err)
	cfg.Format = synth.FormatYAML
	_, err = synth.Write(yamlDir, cfg)
	require.NoError(t, err)

	code, out, errs := compactRun("check", "--stream", dir)
	require.Equal(t, exitFindings, code, errs)
	require.Empty(t, errs, "no progress when stderr is not a terminal")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Greater(t, len(lines), 600)
	fails, lastFile, lastLine, end := 0, "", 0, false
	for _, l := range lines {
		var f rules.Finding
		require.NoError(t, json.Unmarshal([]byte(l), &f), l)
		require.Positive(t, f.Source.Line)
		if f.Outcome == rules.Fail {
			fails++
		}
		end = end || filepath.Ext(f.Source.File) != ".jsonl" || f.Kind == rules.OnCompact || f.Kind == rules.OnBody ||
			f.Kind == rules.OnMember || f.Kind == rules.OnSignatory
		if end {
			continue // the rules on collections, and on the compact's signatories
		}
		if f.Source.File == lastFile {
			require.GreaterOrEqual(t, f.Source.Line, lastLine, "file order")
		}
		lastFile, lastLine = f.Source.File, f.Source.Line
	}
	require.True(t, end)
	require.Positive(t, fails)
	require.Equal(t, filepath.Join(dir, "records-0003.jsonl"), lastFile)
	_, yamlOut, _ := compactRun("check", "--format", "json", yamlDir)
	var checked struct {
		Areas []struct{ Findings []rules.Finding }
	}
	require.NoError(t, json.Unmarshal([]byte(yamlOut), &checked))
	require.Len(t, checked.Areas[0].Findings, len(lines), "as many findings as check on the records in YAML")

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
	first, err := os.ReadFile(bad)
	require.NoError(t, err)
	f, err := os.OpenFile(bad, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"record":"funding","id":"x","colour":"red"}` + "\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	code, _, errs = compactRun("check", "--stream", dir)
	require.Equal(t, exitInvalid, code)
	require.Contains(t, errs, bad+":251:")
	require.Contains(t, errs, "colour")

	require.NoError(t, os.WriteFile(bad, first, 0o644))
	again, err := os.ReadFile(filepath.Join(dir, "records-0001.jsonl"))
	require.NoError(t, err)
	f, err = os.OpenFile(filepath.Join(dir, "records-0003.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.Write(again[:strings.IndexByte(string(again), '\n')+1])
	require.NoError(t, err)
	require.NoError(t, f.Close())
	code, _, errs = compactRun("check", "--stream", dir)
	require.Equal(t, exitInvalid, code)
	require.Contains(t, errs, "records-0003.jsonl:101:1: id: ")
	require.Contains(t, errs, "is already used at "+filepath.Join(dir, "records-0001.jsonl")+":1:1")

	code, _, errs = compactRun("check", "--stream", filepath.Join("testdata", "town"))
	require.Equal(t, exitInvalid, code)
	require.Contains(t, errs, "no .jsonl records files")
}

// TestStreamLimit: the memory limit of a stream starts at the live heap
// plus the headroom, stays while the live heap grows by less than half of
// it, and then follows the live heap.
func TestStreamLimit(t *testing.T) {
	const mib = 1 << 20
	h := int64(streamHeadroom)
	for _, tc := range []struct {
		name                string
		live, current, want int64
	}{
		{"start", 40 * mib, 0, 40*mib + h},
		{"grew a little", 40*mib + h/4, 40*mib + h, 40*mib + h},
		{"grew by half the headroom", 40*mib + h/2, 40*mib + h, 40*mib + h},
		{"grew past half", 40*mib + h/2 + 1, 40*mib + h, 40*mib + h/2 + 1 + h*3/4},
		{"live above the limit", 500 * mib, 40*mib + h, 500*mib + h*3/4},
		{"shrank: never lower", 10 * mib, 40*mib + h, 40*mib + h},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, streamLimit(tc.live, tc.current))
		})
	}
}
