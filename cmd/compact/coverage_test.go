package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRulesCoverage(t *testing.T) {
	// The national baseline (built in): no "checkable, no rule" line, so
	// --fail-on-gap passes.
	code, out, errs := compactRun("rules", "coverage", "--fail-on-gap", "../../examples/national")
	require.Equal(t, exitOK, code, errs)
	require.NotContains(t, out, "checkable, no rule")
	require.Contains(t, out, "consultation-12-weeks")
	require.Regexp(t, `\d+ of the compact's \d+ commitments are checked; \d+ cannot be checked from records\.\n$`, out)

	// A local commitment no rule checks is a gap; --fail-on-gap exits 1.
	code, out, errs = compactRun("rules", "coverage", base, "testdata/gap")
	require.Equal(t, exitOK, code, errs)
	golden(t, filepath.Join("golden", "rules-coverage.txt"), out)
	code, _, _ = compactRun("rules", "coverage", base, "--fail-on-gap", "testdata/gap")
	require.Equal(t, exitFindings, code)

	code, out, _ = compactRun("rules", "coverage", base, "--format", "md", "testdata/gap")
	require.Equal(t, exitOK, code)
	golden(t, filepath.Join("golden", "rules-coverage.md"), out)

	code, out, _ = compactRun("rules", "coverage", base, "--format", "json", "testdata/gap")
	require.Equal(t, exitOK, code)
	var doc struct {
		Pack        string           `json:"pack"`
		Compact     string           `json:"compact"`
		Total       int              `json:"total"`
		Checked     int              `json:"checked"`
		Gaps        int              `json:"gaps"`
		Commitments []map[string]any `json:"commitments"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Equal(t, "national", doc.Pack)
	require.Equal(t, "gap-2014", doc.Compact)
	require.Len(t, doc.Commitments, doc.Total)
	require.Equal(t, 1, doc.Gaps)

	code, _, _ = compactRun("rules", "coverage")
	require.Equal(t, exitUsage, code)
	code, _, _ = compactRun("rules", "coverage", base, "testdata/broken")
	require.Equal(t, exitInvalid, code)
}
