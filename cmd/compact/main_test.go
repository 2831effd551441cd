package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

var update = flag.Bool("update", false, "rewrite golden files")

// compactRun runs one command line in-process.
func compactRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}

// exampleAreas lists the example area folders.
func exampleAreas(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("..", "..", "examples", "*"))
	require.NoError(t, err)
	var out []string
	for _, d := range dirs {
		if info, err := os.Stat(d); err == nil && info.IsDir() && filepath.Base(d) != "embed" {
			out = append(out, d)
		}
	}
	require.NotEmpty(t, out)
	return out
}

func TestUsage(t *testing.T) {
	cases := []struct {
		args []string
		code int
		out  string
		err  string
	}{
		{nil, exitUsage, "", "Usage: compact COMMAND"},
		{[]string{"help"}, exitOK, "Commands:", ""},
		{[]string{"--help"}, exitOK, "Exit codes:", ""},
		{[]string{"help", "validate"}, exitOK, "Usage: compact validate", ""},
		{[]string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{[]string{"validate"}, exitUsage, "", "give at least one PATH"},
		{[]string{"validate", "--format", "xml", "x"}, exitUsage, "", `invalid value "xml" for flag -format`},
		{[]string{"validate", "--nope"}, exitUsage, "", "flag provided but not defined: -nope"},
		{[]string{"version", "extra"}, exitUsage, "", "takes no arguments"},
		{[]string{"version"}, exitOK, "documents compactkit/v1", ""},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errb := compactRun(tc.args...)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, out, tc.out)
			assert.Contains(t, errb, tc.err)
		})
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, cmd := range commands() {
		code, out, _ := compactRun(cmd.name, "--help")
		assert.Equal(t, exitOK, code, cmd.name)
		assert.Contains(t, out, "Usage: compact "+cmd.name, cmd.name)
	}
}

func TestValidateExamples(t *testing.T) {
	for _, dir := range exampleAreas(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, out, errb := compactRun("validate", dir)
			assert.Equal(t, exitOK, code, errb)
			assert.Contains(t, out, dir+": valid")
		})
	}
}

func TestValidateMisspeltField(t *testing.T) {
	code, out, errb := compactRun("validate", filepath.Join("testdata", "misspelt", "records.yaml"))
	assert.Equal(t, exitInvalid, code)
	assert.Empty(t, out)
	golden(t, "validate-misspelt.txt", errb)
	assert.Contains(t, errb, filepath.Join("testdata", "misspelt", "records.yaml")+":9:5: consultations[0].formall: unknown field")
}

func TestValidateJSON(t *testing.T) {
	code, out, errb := compactRun("validate", "--format", "json", filepath.Join("testdata", "misspelt"), filepath.Join("..", "..", "examples", "national"))
	assert.Equal(t, exitInvalid, code)
	assert.Empty(t, errb, "JSON output keeps stderr quiet")
	var got struct {
		Areas []compact.AreaValidation `json:"areas"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got.Areas, 2)
	assert.False(t, got.Areas[0].Valid)
	require.NotEmpty(t, got.Areas[0].Problems)
	p := got.Areas[0].Problems[0]
	assert.Equal(t, 9, p.Line)
	assert.Equal(t, 5, p.Column)
	assert.Equal(t, "consultations[0].formall", p.Path)
	assert.Equal(t, "unknown field", p.Class)
	assert.True(t, got.Areas[1].Valid)
	assert.Equal(t, "national-2010", got.Areas[1].Compact)
}

func TestValidateBaseFolder(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "base.yaml"), []byte("apiVersion: compactkit/v1\nkind: Compact\nid: county\ntitle: County Compact\n"), 0o644))
	area := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(area, "compact.yaml"), []byte("apiVersion: compactkit/v1\nkind: Compact\nid: district\ntitle: District\nextends: county\n"), 0o644))
	code, _, errb := compactRun("validate", area)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errb, `base compact "county": not found`)
	code, out, errb := compactRun("validate", "--base", dir, area)
	assert.Equal(t, exitOK, code, errb)
	assert.Contains(t, out, "compact district (extends county)")
	code, _, errb = compactRun("validate", "--base", filepath.Join(dir, "missing"), area)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errb, "missing")
}

func TestParseFlagsAnywhere(t *testing.T) {
	code, out, _ := compactRun("validate", filepath.Join("..", "..", "examples", "national"), "--format", "json")
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(out, "{"))
	code, _, errb := compactRun("validate", "--", "--format")
	assert.Equal(t, exitInvalid, code, "after -- everything is a path")
	assert.Contains(t, errb, "--format")
}
