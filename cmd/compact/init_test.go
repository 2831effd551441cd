package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/examples"
)

// TestInitValidatesAnywhere creates areas in a temporary folder, far from
// the repository (no ../../schema to lean on), and runs the commands a new
// user would.
func TestInitValidatesAnywhere(t *testing.T) {
	tests := []struct {
		from  string
		valid string // part of validate's line
	}{
		{"", "compact far-away-town (extends national-2010), 36 commitments"},
		{"kirklees", "compact kirklees-2012 (extends national-2010)"},
		{"kent", "compact dover-district-compact (extends national-2010)"},
		{"lincolnshire-rutland", "compact lincolnshire-rutland-psc"},
	}
	for _, tt := range tests {
		t.Run("from "+tt.from, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "far-away-town")
			args := []string{"init", dir}
			if tt.from != "" {
				args = []string{"init", "--from", tt.from, dir}
			}
			code, out, errs := compactRun(args...)
			require.Equal(t, exitOK, code, errs)
			assert.Contains(t, out, "created "+dir)

			code, out, errs = compactRun("validate", dir)
			require.Equal(t, exitOK, code, errs)
			assert.Contains(t, out, tt.valid)

			// Every header names the published $id: annotating with the
			// published URLs changes nothing.
			code, out, errs = compactRun("schema", "--annotate", "--check", dir)
			require.Equal(t, exitOK, code, "%s%s", out, errs)
			b, err := os.ReadFile(filepath.Join(dir, "compact.yaml"))
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(string(b), "# yaml-language-server: $schema=https://compactkit.org/schema/v1/compact.json\n"), "%.80s", b)

			// A local copy of the schemas inside the area is ignored.
			code, _, errs = compactRun("schema", "-o", filepath.Join(dir, "schema"))
			require.Equal(t, exitOK, code, errs)
			code, _, errs = compactRun("validate", dir)
			require.Equal(t, exitOK, code, "the schema folder is in .compactignore: %s", errs)

			code, _, errs = compactRun("rules", "test", dir)
			require.Equal(t, exitOK, code, errs)
		})
	}
}

func TestInitRefuses(t *testing.T) {
	full := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644))
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no DIR", []string{"init"}, "give one DIR"},
		{"two DIRs", []string{"init", "a", "b"}, "give one DIR"},
		{"a folder with files", []string{"init", full}, "is not empty"},
		{"an unknown example", []string{"init", "--from", "kirklee", filepath.Join(t.TempDir(), "x")}, `did you mean "kirklees"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := compactRun(tt.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, tt.stderr)
		})
	}
	b, err := os.ReadFile(filepath.Join(full, "notes.txt"))
	require.NoError(t, err)
	assert.Equal(t, "mine", string(b), "nothing is written into a folder that is not empty")
	entries, err := os.ReadDir(full)
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

func TestInitStrayFilesIgnored(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "town")
	code, _, errs := compactRun("init", dir)
	require.Equal(t, exitOK, code, errs)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "old.draft.yaml"), []byte("not: a document\n"), 0o644))
	code, _, errs = compactRun("validate", dir)
	require.Equal(t, exitInvalid, code, "a stray YAML file is read as a document")
	assert.Contains(t, errs, "old.draft.yaml")

	ignore := filepath.Join(dir, ".compactignore")
	b, err := os.ReadFile(ignore)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(ignore, append(b, "*.draft.yaml\n"...), 0o644))
	code, _, errs = compactRun("validate", dir)
	require.Equal(t, exitOK, code, errs)
}

func TestInitHelpListsExamples(t *testing.T) {
	code, out, _ := compactRun("init", "--help")
	require.Equal(t, exitOK, code)
	for _, name := range examples.Areas() {
		assert.Contains(t, out, name)
	}
}

func TestInitLeavesNoHalfArea(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "nested", "town")
	code, _, errs := compactRun("init", dir)
	require.Equal(t, exitOK, code, errs)
	entries, err := os.ReadDir(filepath.Dir(dir))
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the area: the temporary folder it was written in is renamed")
	assert.Equal(t, "town", entries[0].Name())
	info, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o755), info.Mode().Perm())

	empty := t.TempDir()
	code, _, errs = compactRun("init", empty)
	require.Equal(t, exitOK, code, "an empty folder that exists is written into: %s", errs)
	assert.FileExists(t, filepath.Join(empty, "compact.yaml"))
}
