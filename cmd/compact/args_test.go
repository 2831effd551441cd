package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoSilentPasses: wrong input gets a sentence and a non-zero exit,
// not a plausible answer.
func TestNoSilentPasses(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"a report of a period with no records", []string{"report", "--period", "2030-31", kirklees}, exitUsage,
			"kirklees has no records dated in 2030-31 and no plans for it, so its report would be empty; its records are for 2013-14: give --period 2013-14"},
		{"a folder of areas checked as one", []string{"check", "../../examples"}, exitInvalid,
			"../../examples: a folder of areas, not an area: it holds no documents of its own, but its folders compact-voice-ocs, kent, kirklees, lincolnshire-rutland, national, riverford, worcestershire do"},
		{"a folder of areas validated as one", []string{"validate", "../../examples"}, exitInvalid, "a folder of areas, not an area"},
		{"a path that is not there", []string{"check", "no-such-area"}, exitInvalid, "no-such-area: no such file or folder"},
		{"rules explain, swapped", []string{"rules", "explain", kirklees, "funding-notice"}, exitUsage,
			`"funding-notice" is not a file or folder, but "../../examples/kirklees" is: the arguments go RULE PATH; did you swap them?`},
		{"roles contact, swapped", []string{"roles", "contact", kirklees, "kirklees-council"}, exitUsage, "the arguments go ORG PATH; did you swap them?"},
		{"dispute show, swapped", []string{"dispute", "show", "transport", kirklees}, exitUsage, "the arguments go AREA CASE; did you swap them?"},
		{"dispute apply, swapped", []string{"dispute", "apply", "testdata/dispute/kirklees/transport-2-to-review.yaml", kirklees}, exitUsage,
			"is a file and \"../../examples/kirklees\" a folder: the arguments go AREA EVENT_FILE; did you swap them?"},
		{"rules test with no pack", []string{"rules", "test", base, "testdata/library"}, exitInvalid, "no RulePack document here"},
		{"report with no PATH", []string{"report"}, exitUsage, "give one PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := compactRun(tt.args...)
			assert.Equal(t, tt.code, code, errs)
			assert.Contains(t, errs, tt.stderr)
		})
	}
}

func TestFolderOfAreasRespectsIgnore(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "old")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "x.yaml"), []byte("not: a document\n"), 0o644))
	code, _, errs := compactRun("validate", dir)
	require.Equal(t, exitInvalid, code)
	assert.Contains(t, errs, "a folder of areas, not an area")

	require.NoError(t, os.WriteFile(filepath.Join(dir, ".compactignore"), []byte("old/\n"), 0o644))
	code, _, errs = compactRun("validate", dir)
	assert.NotContains(t, errs, "a folder of areas", "an ignored folder is no area")
	_ = code
}
