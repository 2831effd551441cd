package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	kirklees     = "../../examples/kirklees"
	lincolnshire = "../../examples/lincolnshire-rutland"
	cvocs        = "../../examples/compact-voice-ocs"
)

func TestReportCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"markdown", []string{"report", kirklees}, "kirklees.md"},
		{"json, flags after the path", []string{"report", lincolnshire, "--format", "json"}, "lincolnshire-rutland.json"},
		{"an earlier period", []string{"report", "--period", "2007-08", lincolnshire}, "lincolnshire-rutland-2007-08.md"},
		{"part of a year", []string{"report", "--as-of", "2014-12-31", cvocs}, "compact-voice-ocs-2014-12-31.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := compactRun(tt.args...)
			require.Equal(t, exitOK, code, stderr)
			assert.Empty(t, stderr)
			if strings.HasSuffix(tt.golden, ".json") {
				assert.True(t, json.Valid([]byte(stdout)))
			}
			golden(t, filepath.Join("report", tt.golden), stdout)
		})
	}
}

func TestReportEveryExampleInEveryFormat(t *testing.T) {
	for _, dir := range exampleAreas(t) {
		for _, format := range []string{"md", "html", "json", "csv"} {
			t.Run(filepath.Base(dir)+" "+format, func(t *testing.T) {
				code, stdout, stderr := compactRun("report", "--format", format, dir)
				require.Equal(t, exitOK, code, stderr)
				switch format {
				case "md":
					assert.True(t, strings.HasPrefix(stdout, "# "))
				case "html":
					assert.True(t, strings.HasPrefix(stdout, "<!DOCTYPE html>"))
					assert.Contains(t, stdout, "<svg")
				case "json":
					var v map[string]any
					require.NoError(t, json.Unmarshal([]byte(stdout), &v))
					assert.Equal(t, filepath.Base(dir), v["area"])
				case "csv":
					rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
					require.NoError(t, err)
					assert.Equal(t, "rule", rows[0][0])
				}
			})
		}
	}
}

func TestReportToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.html")
	code, stdout, stderr := compactRun("report", "--format", "html", "-o", out, kirklees)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "<title>The Kirklees Compact: annual report 2013-14</title>")

	code, _, stderr = compactRun("report", "-o", filepath.Join(t.TempDir(), "missing", "x.md"), kirklees)
	assert.Equal(t, exitIO, code, "a file that cannot be written is an I/O failure, not invalid input")
	assert.Contains(t, stderr, "cannot write the output")
}

func TestReportInvalid(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"compact.yaml", "directory.yaml", "records.yaml"} {
		b, err := os.ReadFile(filepath.Join(kirklees, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	plan := "apiVersion: compactkit/v1\nkind: Priorities\nid: p\ntitle: Priorities\nperiod: 2013-14\npriorities:\n  - {id: a, text: A, aims: [z], groups: [steering-grup]}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "priorities.yaml"), []byte(plan), 0o644))
	code, stdout, stderr := compactRun("report", dir)
	assert.Equal(t, exitInvalid, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, `priorities.yaml:7:42: priorities[0].groups[0]: governance body "steering-grup" is not defined; did you mean "steering-group"?`)
	assert.Contains(t, stderr, ": invalid")

	code, stdout, _ = compactRun("report", "--format", "json", dir)
	assert.Equal(t, exitInvalid, code)
	var v struct {
		Valid    bool          `json:"valid"`
		Problems []problemJSON `json:"problems"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &v))
	assert.False(t, v.Valid)
	assert.Len(t, v.Problems, 2)

	code, _, stderr = compactRun("validate", dir)
	assert.Equal(t, exitInvalid, code, "validate checks plans and priorities too")
	assert.Contains(t, stderr, "steering-grup")

	code, _, stderr = compactRun("report", filepath.Join(dir, "nothing-here"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "nothing-here")
}

func TestConsultationsCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"open", []string{"consultations", "--open", "--as-of", "2014-03-20", kirklees}, "consultations-open.txt"},
		{"open json", []string{"consultations", "--open", "--as-of", "2014-09-01", "--format", "json", cvocs}, "consultations-open.json"},
		{"closing within", []string{"consultations", "--open", "--as-of", "2014-08-10", "--closing-within", "7", cvocs}, "consultations-closing.txt"},
		{"none open", []string{"consultations", "--open", kirklees}, "consultations-none.txt"},
		{"a period", []string{"consultations", cvocs}, "consultations-period.txt"},
		{"a period json", []string{"consultations", "--period", "2013-14", "--format", "json", kirklees}, "consultations-period.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := compactRun(tt.args...)
			require.Equal(t, exitOK, code, stderr)
			golden(t, filepath.Join("report", tt.golden), stdout)
		})
	}
}

func TestReportUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"help", []string{"report", "--help"}, exitOK, "Usage: compact report"},
		{"consultations help", []string{"help", "consultations"}, exitOK, "consultation watch"},
		{"no path", []string{"report"}, exitUsage, "give one PATH"},
		{"two paths", []string{"report", kirklees, cvocs}, exitUsage, "give one PATH"},
		{"bad format", []string{"report", "--format", "pdf", kirklees}, exitUsage, `invalid value "pdf" for flag -format`},
		{"bad period", []string{"report", "--period", "2024-26", kirklees}, exitUsage, "is not a period"},
		{"bad date", []string{"report", "--as-of", "31/03/2014", kirklees}, exitUsage, "not a date"},
		{"consultations without path", []string{"consultations", "--open"}, exitUsage, "give one PATH"},
		{"closing within without open", []string{"consultations", "--closing-within", "7", kirklees}, exitUsage, "--closing-within needs --open"},
		{"period with open", []string{"consultations", "--open", "--period", "2013-14", kirklees}, exitUsage, "with --open the list is of those open"},
		{"consultations of a bad area", []string{"consultations", "../../nowhere"}, exitInvalid, "nowhere"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := compactRun(tt.args...)
			assert.Equal(t, tt.code, code)
			if tt.code == exitOK {
				assert.Contains(t, stdout, tt.want)
			} else {
				assert.Contains(t, stderr, tt.want)
			}
		})
	}
}

// TestReportSourcesInvalid: a rule pack that does not compile, or a
// dispute case that does not load, stops the report with exit code 3.
func TestReportSourcesInvalid(t *testing.T) {
	copyArea := func(t *testing.T) string {
		dir := t.TempDir()
		for _, name := range []string{"compact.yaml", "directory.yaml", "records.yaml"} {
			b, err := os.ReadFile(filepath.Join(kirklees, name))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
		}
		return dir
	}
	dir := copyArea(t)
	b, err := os.ReadFile(filepath.Join("testdata", "broken", "rules.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.yaml"), b, 0o644))
	code, _, stderr := compactRun("report", dir)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "noticeGivn")

	dir = copyArea(t)
	bad := "apiVersion: compactkit/v1\nkind: Dispute\nid: case-1\nevents:\n  - {type: nonsense}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "case.yaml"), []byte(bad), 0o644))
	code, _, stderr = compactRun("report", dir)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "case.yaml")
}
