package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGenerate: generate writes an area that validates and checks with
// failures, and refuses a bad size or a missing DIR.
func TestGenerate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "area")
	code, out, errs := compactRun("generate", "--records", "600", "--organisations", "25", "--per-file", "250", dir)
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, "wrote 600 records in 5 files to "+dir+"\n", out)

	code, out, errs = compactRun("validate", dir)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "25 organisations, 50 people, 600 records")
	code, _, errs = compactRun("check", dir)
	require.Equal(t, exitFindings, code, errs)

	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"generate"}, exitUsage, "give one DIR"},
		{[]string{"generate", "--records", "-5", dir}, exitUsage, "records: -5 is outside"},
		{[]string{"generate", "--records", "many", dir}, exitUsage, "invalid value"},
	} {
		code, _, errs := compactRun(tc.args...)
		require.Equal(t, tc.code, code, errs)
		require.Contains(t, errs, tc.err)
	}
}
