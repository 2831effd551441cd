package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// base is the library the tests use: a national compact with the
// commitment ids the national rule pack enforces.
const base = "--base=testdata/library"

// runCLI runs one command line in-process and returns its exit code and
// output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/compact -update to create the golden file")
	if string(want) != got {
		w, g := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for i := range min(len(w), len(g)) {
			if w[i] != g[i] {
				t.Fatalf("%s differs at line %d (run with -update to accept):\nwant: %s\ngot:  %s", path, i+1, w[i], g[i])
			}
		}
		t.Fatalf("%s: want %d lines, got %d (run with -update to accept)", path, len(w), len(g))
	}
}

func TestCheckOutputs(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
		code   int
	}{
		{"check.txt", []string{"check", base, "testdata/town"}, exitFindings},
		{"check.json", []string{"check", base, "--format", "json", "testdata/town"}, exitFindings},
		{"check.csv", []string{"check", base, "--format=csv", "testdata/town"}, exitFindings},
		{"check-midyear.txt", []string{"check", base, "--as-of", "2024-10-01", "testdata/town"}, exitFindings},
		{"check-national-pack.txt", []string{"check", base, "--pack", "national", "--fail-on", "none", "testdata/town"}, exitOK},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errs := runCLI(t, tc.args...)
			require.Equal(t, tc.code, code, errs)
			require.Empty(t, errs)
			golden(t, tc.golden, out)
		})
	}
}

// TestCheckJSONShape pins the documented JSON field names.
func TestCheckJSONShape(t *testing.T) {
	_, out, _ := runCLI(t, "check", base, "--format", "json", "testdata/town")
	var doc struct {
		Areas []map[string]json.RawMessage `json:"areas"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Areas, 1)
	for _, k := range []string{"path", "area", "compact", "pack", "chain", "asOf", "period", "disabled", "notes", "summary", "findings"} {
		require.Contains(t, doc.Areas[0], k)
	}
	var findings []map[string]any
	require.NoError(t, json.Unmarshal(doc.Areas[0]["findings"], &findings))
	for _, k := range []string{"rule", "kind", "subject", "outcome", "severity", "enforces", "source"} {
		require.Contains(t, findings[0], k)
	}
}

func TestCheckFailOn(t *testing.T) {
	code, _, _ := runCLI(t, "check", base, "--fail-on", "none", "testdata/town")
	require.Equal(t, exitOK, code)
	code, _, _ = runCLI(t, "check", base, "--fail-on", "advice", "testdata/town")
	require.Equal(t, exitFindings, code)
	// The town's failures are breaches and warnings; with the breaches out
	// of scope (the year before has only the renewal), warnings remain.
	code, _, _ = runCLI(t, "check", base, "--fail-on", "breach", "--as-of", "2024-05-01", "testdata/town")
	require.Equal(t, exitOK, code)
	code, _, _ = runCLI(t, "check", base, "--fail-on", "warning", "--as-of", "2024-05-01", "testdata/town")
	require.Equal(t, exitFindings, code)
}

func TestCheckErrors(t *testing.T) {
	code, out, errs := runCLI(t, "check", base, "testdata/broken")
	require.Equal(t, exitInvalid, code)
	require.Empty(t, out)
	golden(t, "check-broken.stderr", errs)

	code, out, _ = runCLI(t, "check", base, "--format", "json", "testdata/broken")
	require.Equal(t, exitInvalid, code)
	require.Contains(t, out, `"problems"`)
	require.Contains(t, out, `"class": "does not compile"`)

	for _, args := range [][]string{
		{"check"},
		{"check", "--fail-on", "fatal", "testdata/town"},
		{"check", "--as-of", "2024-02-30", "testdata/town"},
		{"check", "--period", "next year", "testdata/town"},
		{"check", "--format", "xml", "testdata/town"},
	} {
		code, _, errs := runCLI(t, args...)
		require.Equal(t, exitUsage, code, "%v", args)
		require.NotEmpty(t, errs)
	}
	code, out, _ = runCLI(t, "check", "--help")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "Usage: compact check")
}

func TestRulesTest(t *testing.T) {
	code, out, errs := runCLI(t, "rules", "test", base, "testdata/town", "testdata/library")
	require.Equal(t, exitOK, code, errs)
	golden(t, "rules-test.txt", out)

	code, out, _ = runCLI(t, "rules", "test", base, "testdata/failing")
	require.Equal(t, exitTestsFail, code)
	golden(t, "rules-test-failing.txt", out)

	code, out, _ = runCLI(t, "rules", "test", base, "--format", "json", "testdata/failing")
	require.Equal(t, exitTestsFail, code)
	golden(t, "rules-test-failing.json", out)

	code, _, errs = runCLI(t, "rules", "test", base, "testdata/broken", "testdata/failing")
	require.Equal(t, exitInvalid, code, "does not compile wins over a failing test")
	require.Contains(t, errs, "undefined field 'noticeGivn'")

	code, _, _ = runCLI(t, "rules", "test")
	require.Equal(t, exitUsage, code)
}

func TestRulesExplain(t *testing.T) {
	code, out, errs := runCLI(t, "rules", "explain", base, "funding-notice", "testdata/town")
	require.Equal(t, exitOK, code, errs)
	golden(t, "rules-explain.txt", out)

	code, out, _ = runCLI(t, "rules", "explain", base, "meeting-attendance-recorded", "testdata/town")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "DISABLED by pack town")

	code, out, _ = runCLI(t, "rules", "explain", base, "--format", "json", "multi-year-funding", "testdata/town")
	require.Equal(t, exitOK, code)
	golden(t, "rules-explain.json", out)

	code, _, errs = runCLI(t, "rules", "explain", base, "funding-notise", "testdata/town")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, `did you mean "funding-notice"?`)

	code, _, _ = runCLI(t, "rules", "explain", base, "x", "testdata/broken")
	require.Equal(t, exitInvalid, code)
	code, _, _ = runCLI(t, "rules", "explain", "funding-notice")
	require.Equal(t, exitUsage, code)
}

func TestRulesUsage(t *testing.T) {
	code, _, errs := runCLI(t, "rules")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, "Subcommands:")
	code, out, _ := runCLI(t, "rules", "--help")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "explain")
	code, _, errs = runCLI(t, "rules", "lint")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, `unknown subcommand "lint"`)
	code, out, _ = runCLI(t, "rules", "test", "--help")
	require.Equal(t, exitOK, code)
	require.True(t, strings.HasPrefix(out, "Usage: compact rules test"))
}

// TestValidateCompilesPacks: validate reports rule pack problems too.
func TestValidateCompilesPacks(t *testing.T) {
	code, out, errs := runCLI(t, "validate", base, "testdata/town")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "valid")
	code, _, errs = runCLI(t, "validate", base, "testdata/broken")
	require.Equal(t, exitInvalid, code)
	require.Contains(t, errs, "testdata/broken/rules.yaml:11:23: rules[0].check: undefined field 'noticeGivn'")
}
