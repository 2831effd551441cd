package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// riverfordWith copies the fictional Riverford example area into a
// temporary folder, replacing old with new in one of its files.
func riverfordWith(t *testing.T, file, old, new string) string {
	t.Helper()
	src := filepath.Join("..", "..", "examples", "riverford")
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		s := string(b)
		if e.Name() == file {
			require.Contains(t, s, old)
			s = strings.Replace(s, old, new, 1)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), []byte(s), 0o644))
	}
	return dir
}

func TestDeclaredFacts(t *testing.T) {
	cases := []struct {
		name       string
		args       func(dir string) []string
		file       string
		old, new   string
		code       int
		wantStderr []string
		wantStdout []string
	}{
		{name: "the local rules pass their tests",
			args: func(dir string) []string { return []string{"rules", "test", dir} }, code: exitOK,
			wantStdout: []string{"2 passed, 0 failed"}},
		{name: "check reads facts typed",
			args: func(dir string) []string { return []string{"check", dir} }, code: exitFindings,
			wantStdout: []string{"offered Weir Lane Lunch Club a meeting on 2024-09-09, after deciding on 2024-09-02",
				"decided to end the funding of Riverford Advice on 2024-11-18 without offering a meeting"}},
		{name: "a misspelt fact in a record",
			args: func(dir string) []string { return []string{"check", dir} },
			file: "records.yaml", old: "meetingOffered: 2024-05-13", new: "meetingOfered: 2024-05-13", code: exitInvalid,
			wantStderr: []string{"records.yaml:27:22: funding[0].facts.meetingOfered:", `did you mean "meetingOffered"?`}},
		{name: "a fact of the wrong type",
			args: func(dir string) []string { return []string{"validate", dir} },
			file: "records.yaml", old: "meetingOffered: 2024-05-13", new: "meetingOffered: true", code: exitInvalid,
			wantStderr: []string{"records.yaml:27:23: funding[0].facts.meetingOffered: fact meetingOffered (date): expected a date"}},
		{name: "an enum fact out of its values",
			args: func(dir string) []string { return []string{"validate", dir} },
			file: "records.yaml", old: "decidedBy: cabinet", new: "decidedBy: cabnet", code: exitInvalid,
			wantStderr: []string{"records.yaml:45:18:", `did you mean "cabinet"?`}},
		{name: "a missing required fact names the record",
			args: func(dir string) []string { return []string{"validate", dir} },
			file: "compact.yaml", old: "    decidedBy:\n      type: enum", new: "    decidedBy:\n      required: true\n      type: enum", code: exitInvalid,
			wantStderr: []string{"funding record fund-cvs-renewal does not give fact decidedBy, which the compact requires"}},
		{name: "a fact required when a condition holds",
			args: func(dir string) []string { return []string{"validate", dir} },
			file: "records.yaml", old: "      decidedBy: cabinet\n", new: "", code: exitInvalid,
			wantStderr: []string{"records.yaml:29:5:", "funding record fund-weir-lane-ending does not give fact decidedBy, which the compact requires when funding.kind in ['reduction', 'ending']"}},
		{name: "a requiredWhen condition that does not compile",
			args: func(dir string) []string { return []string{"check", dir} },
			file: "compact.yaml", old: "requiredWhen: funding.kind in", new: "requiredWhen: funding.knd in", code: exitInvalid,
			wantStderr: []string{"compact.yaml:", "facts.funding.decidedBy.requiredWhen", "undefined field 'knd'", "^"}},
		{name: "a misspelt fact in a rule is a compile error with a caret",
			args: func(dir string) []string { return []string{"check", dir} },
			file: "rules.yaml", old: "check: funding.facts.meetingOffered <", new: "check: funding.facts.meetingOfered <", code: exitInvalid,
			wantStderr: []string{"rules.yaml:28:25: rules[1].check: no fact meetingOfered; did you mean meetingOffered?", "^"}},
		{name: "a date fact compared with a number does not compile",
			args: func(dir string) []string { return []string{"rules", "test", dir} },
			file: "rules.yaml", old: "check: funding.facts.meetingOffered < funding.decided", new: "check: funding.facts.meetingOffered < 3", code: exitInvalid,
			wantStderr: []string{"rules.yaml:28:", "found no matching overload"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("..", "..", "examples", "riverford")
			if tc.file != "" {
				dir = riverfordWith(t, tc.file, tc.old, tc.new)
			}
			code, out, errb := compactRun(tc.args(dir)...)
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out, errb)
			for _, w := range tc.wantStderr {
				require.Contains(t, errb, w)
			}
			for _, w := range tc.wantStdout {
				require.Contains(t, out, w)
			}
		})
	}
}

func TestSchemaArea(t *testing.T) {
	area := filepath.Join("..", "..", "examples", "riverford")
	out := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"print the records schema", []string{"schema", "--area", area, "records"}, exitOK, `"meetingOffered"`},
		{"print the compact schema", []string{"schema", "--area", area, "compact"}, exitOK, `"fundingNoticeMonths"`},
		{"write them all", []string{"schema", "--area", area, "-o", out}, exitOK, "wrote " + filepath.Join(out, "records.json")},
		{"a kind with no area schema", []string{"schema", "--area", area, "directory"}, exitUsage, ""},
		{"print needs one kind", []string{"schema", "--area", area}, exitUsage, ""},
		{"an area that does not load", []string{"schema", "--area", "testdata/misspelt"}, exitInvalid, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, errb := compactRun(tc.args...)
			require.Equal(t, tc.code, code, errb)
			require.Contains(t, stdout, tc.want)
		})
	}
	for _, f := range []string{"compact.json", "records.json", "rule-pack.json", "document.json"} {
		require.FileExists(t, filepath.Join(out, f))
	}
}
