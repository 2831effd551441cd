package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// base is the library the tests use: a national compact with the
// commitment ids the national rule pack enforces.
const base = "--base=testdata/library"

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
			code, out, errs := compactRun(tc.args...)
			require.Equal(t, tc.code, code, errs)
			require.Empty(t, errs)
			golden(t, filepath.Join("golden", tc.golden), out)
		})
	}
}

// TestCheckJSONShape pins the documented JSON field names.
func TestCheckJSONShape(t *testing.T) {
	_, out, _ := compactRun("check", base, "--format", "json", "testdata/town")
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
	code, _, _ := compactRun("check", base, "--fail-on", "none", "testdata/town")
	require.Equal(t, exitOK, code)
	code, _, _ = compactRun("check", base, "--fail-on", "advice", "testdata/town")
	require.Equal(t, exitFindings, code)
	// The town's failures are breaches and warnings; with the breaches out
	// of scope (the year before has only the renewal), warnings remain.
	code, _, _ = compactRun("check", base, "--fail-on", "breach", "--as-of", "2024-05-01", "testdata/town")
	require.Equal(t, exitOK, code)
	code, _, _ = compactRun("check", base, "--fail-on", "warning", "--as-of", "2024-05-01", "testdata/town")
	require.Equal(t, exitFindings, code)
}

func TestCheckErrors(t *testing.T) {
	code, out, errs := compactRun("check", base, "testdata/broken")
	require.Equal(t, exitInvalid, code)
	require.Empty(t, out)
	golden(t, filepath.Join("golden", "check-broken.stderr"), errs)

	code, out, _ = compactRun("check", base, "--format", "json", "testdata/broken")
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
		code, _, errs := compactRun(args...)
		require.Equal(t, exitUsage, code, "%v", args)
		require.NotEmpty(t, errs)
	}
	code, out, _ = compactRun("check", "--help")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "Usage: compact check")
}

func TestRulesTest(t *testing.T) {
	code, out, errs := compactRun("rules", "test", base, "testdata/town")
	require.Equal(t, exitOK, code, errs)
	golden(t, filepath.Join("golden", "rules-test.txt"), out)

	code, _, errs = compactRun("rules", "test", base, "testdata/library")
	require.Equal(t, exitInvalid, code, "a folder with no pack of its own has nothing to test")
	require.Contains(t, errs, "testdata/library: no RulePack document here")

	code, out, _ = compactRun("rules", "test", base, "testdata/failing")
	require.Equal(t, exitTestsFail, code)
	golden(t, filepath.Join("golden", "rules-test-failing.txt"), out)

	code, out, _ = compactRun("rules", "test", base, "--format", "json", "testdata/failing")
	require.Equal(t, exitTestsFail, code)
	golden(t, filepath.Join("golden", "rules-test-failing.json"), out)

	code, _, errs = compactRun("rules", "test", base, "testdata/broken", "testdata/failing")
	require.Equal(t, exitInvalid, code, "does not compile wins over a failing test")
	require.Contains(t, errs, "undefined field 'noticeGivn'")

	code, _, _ = compactRun("rules", "test")
	require.Equal(t, exitUsage, code)
}

func TestRulesExplain(t *testing.T) {
	code, out, errs := compactRun("rules", "explain", base, "funding-notice", "testdata/town")
	require.Equal(t, exitOK, code, errs)
	golden(t, filepath.Join("golden", "rules-explain.txt"), out)

	code, out, _ = compactRun("rules", "explain", base, "meeting-attendance-recorded", "testdata/town")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "DISABLED by pack town")

	code, out, _ = compactRun("rules", "explain", base, "--format", "json", "multi-year-funding", "testdata/town")
	require.Equal(t, exitOK, code)
	golden(t, filepath.Join("golden", "rules-explain.json"), out)

	code, _, errs = compactRun("rules", "explain", base, "funding-notise", "testdata/town")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, `did you mean "funding-notice"?`)

	code, _, _ = compactRun("rules", "explain", base, "x", "testdata/broken")
	require.Equal(t, exitInvalid, code)
	code, _, _ = compactRun("rules", "explain", "funding-notice")
	require.Equal(t, exitUsage, code)
}

func TestRulesUsage(t *testing.T) {
	code, _, errs := compactRun("rules")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, "Subcommands:")
	code, out, _ := compactRun("rules", "--help")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "explain")
	code, _, errs = compactRun("rules", "lint")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, `unknown subcommand "lint"`)
	code, out, _ = compactRun("rules", "test", "--help")
	require.Equal(t, exitOK, code)
	require.True(t, strings.HasPrefix(out, "Usage: compact rules test"))
}

// TestValidateCompilesPacks: validate reports rule pack problems too.
func TestValidateCompilesPacks(t *testing.T) {
	code, out, errs := compactRun("validate", base, "testdata/town")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "valid")
	code, _, errs = compactRun("validate", base, "testdata/broken")
	require.Equal(t, exitInvalid, code)
	require.Contains(t, errs, "testdata/broken/rules.yaml:11:23: rules[0].check: undefined field 'noticeGivn'")
}

// TestValidateEveryPackage: validate reports the problems of every package
// at once (a rule that does not compile, a nomination to an unknown role, a
// plan naming an unknown organisation), in file order, not only the first
// package's.
func TestValidateEveryPackage(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "tangled")
	code, out, errs := compactRun("validate", dir)
	require.Equal(t, exitInvalid, code)
	require.Empty(t, out)
	var at []string
	for _, line := range strings.Split(errs, "\n") {
		if strings.HasPrefix(line, dir+string(filepath.Separator)) {
			at = append(at, strings.SplitN(strings.TrimPrefix(line, dir+string(filepath.Separator)), " ", 2)[0])
		}
	}
	require.Equal(t, []string{"plan.yaml:7:46:", "records.yaml:14:28:", "rules.yaml:12:19:"}, at, errs)
	require.Contains(t, errs, dir+": invalid")
	require.Contains(t, errs, "3 problems")
}
