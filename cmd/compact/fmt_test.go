package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFmt(t *testing.T) {
	dir := t.TempDir()
	messy := "# yaml-language-server: $schema=https://compactkit.org/schema/v1/records.json\n" +
		"apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25   \nmeetings:\n- id: m1   # the first\n  body: steering\n  date: 2024-05-01\n\n\n\n" +
		"consultations:\n    # a comment about the consultation\n    - id: c1\n      title: >-\n        Library\n        review\n"
	tidy := "# yaml-language-server: $schema=https://compactkit.org/schema/v1/records.json\n" +
		"apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\nmeetings:\n  - id: m1   # the first\n    body: steering\n    date: 2024-05-01\n\n" +
		"consultations:\n  # a comment about the consultation\n  - id: c1\n    title: >-\n      Library\n      review\n"
	file := filepath.Join(dir, "records.yaml")
	require.NoError(t, os.WriteFile(file, []byte(messy), 0o640))
	literal := filepath.Join(dir, "sub", "literal.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(literal), 0o755))
	require.NoError(t, os.WriteFile(literal, []byte("text: |\n  keep   \n  this\n"), 0o644))

	code, out, _ := compactRun("fmt", "--check", file)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, file+": not formatted")
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, messy, string(b), "--check changes nothing")

	code, out, errs := compactRun("fmt", dir)
	assert.Equal(t, exitInvalid, code, "the literal file cannot be formatted faithfully")
	assert.Contains(t, out, "formatted "+file)
	assert.Contains(t, out, "1 file formatted, 0 already formatted, 1 could not be formatted")
	assert.Contains(t, errs, "literal.yaml: cannot be formatted faithfully: its values would change")
	b, err = os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, tidy, string(b))
	info, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm(), "the file keeps its mode")
	lit, err := os.ReadFile(literal)
	require.NoError(t, err)
	assert.Equal(t, "text: |\n  keep   \n  this\n", string(lit), "a file that cannot be formatted is left as it is")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file is left behind")

	code, out, _ = compactRun("fmt", "--check", file)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "0 files to format, 1 already formatted")

	code, _, _ = compactRun("fmt")
	assert.Equal(t, exitUsage, code)
}

func TestFmtExamplesAreFormatted(t *testing.T) {
	code, out, errs := compactRun("fmt", "--check", "../../examples")
	require.Equal(t, exitOK, code, "%s%s", out, errs)
}

func TestFileTallyFinish(t *testing.T) {
	tests := []struct {
		name, line string // line: the summary
		tally      fileTally
		check      bool // --check
		code       int
	}{
		{"all current", "0 files formatted, 2 already formatted\n", fileTally{current: 2}, false, exitOK},
		{"one rewritten", "1 file formatted, 1 already formatted\n", fileTally{changed: 1, current: 1}, false, exitOK},
		{"check finds some", "2 files to format, 0 already formatted\n", fileTally{changed: 2}, true, exitFindings},
		{"check finds none", "0 files to format, 3 already formatted\n", fileTally{current: 3}, true, exitOK},
		{"one failed", "1 file formatted, 0 already formatted, 1 could not be formatted\n", fileTally{changed: 1, failed: 1}, false, exitInvalid},
		{"failed wins over check", "1 file to format, 0 already formatted, 1 could not be formatted\n", fileTally{changed: 1, failed: 1}, true, exitInvalid},
		{"a write failed", "0 files formatted, 0 already formatted, 2 could not be formatted\n", fileTally{failed: 2, writeFailed: 1}, false, exitIO},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			assert.Equal(t, tc.code, tc.tally.finish(&out, tc.check, "formatted", "to format", "formatted"))
			assert.Equal(t, tc.line, out.String())
		})
	}
}
