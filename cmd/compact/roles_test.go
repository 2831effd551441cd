package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	riverside = "../../roles/testdata/riverside"
	invalid   = "../../roles/testdata/invalid"
)

func TestRolesCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // of stdout, or of stderr when the code is not 0
	}{
		{"directory", []string{"roles", riverside}, exitOK, "directory.txt"},
		{"directory json", []string{"roles", "--format", "json", riverside}, exitOK, "directory.json"},
		{"duties, later date, shorter horizon", []string{"roles", "--duties", "--as-of", "2025-04-01", "--within", "30", riverside}, exitOK, "directory-duties.txt"},
		{"contact", []string{"roles", "contact", "small-charity", riverside}, exitOK, "contact.txt"},
		{"contact by name, flags after", []string{"roles", "contact", "riverside council housing service", riverside, "--as-of", "2025-03-31"}, exitOK, "contact-parent.txt"},
		{"contact json", []string{"roles", "contact", "--format", "json", "river-council", riverside}, exitOK, "contact.json"},
		{"no one to contact", []string{"roles", "contact", "--as-of", "2020-01-01", "river-police", riverside}, exitFindings, "contact-none.txt"},
		{"invalid nominations", []string{"roles", invalid}, exitInvalid, "invalid.txt"},
		{"invalid nominations json", []string{"roles", "--format", "json", invalid}, exitInvalid, "invalid.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := compactRun(tt.args...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			out := stdout
			if tt.code == exitInvalid && filepath.Ext(tt.golden) == ".txt" {
				out = stderr
			}
			if filepath.Ext(tt.golden) == ".json" {
				assert.True(t, json.Valid([]byte(stdout)), "valid JSON")
			}
			golden(t, filepath.Join("roles", tt.golden), out)
		})
	}
}

func TestRolesUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr, or in stdout for --help
	}{
		{"help", []string{"roles", "--help"}, exitOK, "Usage: compact roles"},
		{"contact help", []string{"roles", "contact", "--help"}, exitOK, "The initial point of contact is"},
		{"help via help", []string{"help", "roles"}, exitOK, "terms ending soon"},
		{"no path", []string{"roles"}, exitUsage, "give one PATH"},
		{"two paths", []string{"roles", riverside, riverside}, exitUsage, "give one PATH"},
		{"bad date", []string{"roles", "--as-of", "31/03/2025", riverside}, exitUsage, "not a date written YYYY-MM-DD"},
		{"negative within", []string{"roles", "--within", "-1", riverside}, exitUsage, "--within must be 0 or more"},
		{"bad format", []string{"roles", "--format", "xml", riverside}, exitUsage, "must be one of text, json"},
		{"contact without path", []string{"roles", "contact", "river-council"}, exitUsage, "give ORG"},
		{"unknown organisation", []string{"roles", "contact", "river-polise", riverside}, exitUsage, `did you mean "river-police"?`},
		{"missing area", []string{"roles", "no/such/area"}, exitInvalid, "no/such/area: invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := compactRun(tt.args...)
			assert.Equal(t, tt.code, code)
			if code == exitOK {
				assert.Contains(t, stdout, tt.want)
			} else {
				assert.Contains(t, stderr, tt.want)
			}
		})
	}
}

func TestValidateChecksRoles(t *testing.T) {
	code, stdout, _ := compactRun("validate", riverside)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "valid")
	code, _, stderr := compactRun("validate", invalid)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, `unknown role "compact-champoin"`)
}

func TestAsOfDefaultsToTheRecordsPeriod(t *testing.T) {
	_, stdout, _ := compactRun("roles", riverside)
	assert.Contains(t, stdout, "on 2025-03-31")
	file := filepath.Join(t.TempDir(), "roles.yaml")
	require.NoError(t, os.WriteFile(file, []byte("apiVersion: compactkit/v1\nkind: RoleCatalogue\nid: x\nextends: reference\n"), 0o644))
	code, stdout, stderr := compactRun("roles", file)
	assert.Equal(t, exitOK, code, "a lone catalogue file loads as an area: %s", stderr)
	assert.Contains(t, stdout, "Compact roles in roles.yaml on ", "no records: today")
}

func TestLabel(t *testing.T) {
	type thing struct{ name string }
	things := map[string]*thing{"named": {"The Named One"}, "blank": {""}}
	find := func(id string) (*thing, bool) { v, ok := things[id]; return v, ok }
	name := func(v *thing) string { return v.name }
	tests := []struct{ id, want string }{
		{"named", "The Named One"},
		{"blank", "blank"},     // found, but with no name: the id
		{"missing", "missing"}, // not found: the id
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, label(tc.id, find, name), tc.id)
	}
}
