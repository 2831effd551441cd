package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOutputFormatFromExtension(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		format string // --format, when given
		code   int
		starts string // what the file starts with
		stderr string // part of the error, on exit 2
	}{
		{name: "html by extension", file: "r.html", code: exitOK, starts: "<!DOCTYPE html>"},
		{name: "htm too", file: "r.HTM", code: exitOK, starts: "<!DOCTYPE html>"},
		{name: "json by extension", file: "r.json", code: exitOK, starts: "{"},
		{name: "markdown by extension", file: "r.md", code: exitOK, starts: "# The Kirklees Compact"},
		{name: "csv by extension", file: "r.csv", code: exitOK, starts: "rule,"},
		{name: "format agrees", file: "r.json", format: "json", code: exitOK, starts: "{"},
		{name: "unknown extension keeps --format", file: "r.out", format: "html", code: exitOK, starts: "<!DOCTYPE html>"},
		{name: "unknown extension keeps the default", file: "report", code: exitOK, starts: "# The Kirklees Compact"},
		{name: "format contradicts", file: "r.html", format: "json", code: exitUsage, stderr: "-o r.html is a html file by its extension, but --format is json"},
		{name: "an extension the command has no format for", file: "r.sarif", code: exitOK, starts: "# The Kirklees Compact"},
		{name: "kubectl habit", file: "json", code: exitUsage, stderr: `names a file called "json"; to choose the format use --format json`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tt.file)
			if tt.code == exitUsage {
				out = tt.file // the message names the file as given
				t.Chdir(dir)
			}
			args := []string{"report", "-o", out}
			if tt.format != "" {
				args = append(args, "--format", tt.format)
			}
			abs, err := filepath.Abs(kirklees)
			require.NoError(t, err)
			code, stdout, stderr := compactRun(append(args, abs)...)
			require.Equal(t, tt.code, code, stderr)
			assert.Empty(t, stdout)
			if tt.code == exitUsage {
				assert.Contains(t, stderr, tt.stderr)
				assert.NoFileExists(t, filepath.Join(dir, tt.file), "nothing is written on a usage error")
				return
			}
			b, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(string(b), tt.starts), "%.60s", b)
			if strings.HasSuffix(tt.file, ".json") {
				assert.True(t, json.Valid(b))
			}
		})
	}
}

func TestOutputHelpListsFormats(t *testing.T) {
	code, stdout, _ := compactRun("report", "--help")
	require.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "its extension chooses the format: .markdown (md), .md (md), .htm (html), .html (html), .json (json), .csv (csv)")
}
