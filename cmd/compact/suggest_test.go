package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDidYouMean(t *testing.T) {
	cases := []struct {
		name string
		args []string
		hint string // on stderr
	}{
		{"command", []string{"chek"}, `unknown command "chek"; did you mean check?`},
		{"command far off", []string{"frobnicate"}, `unknown command "frobnicate"` + "\n"},
		{"dispute subcommand", []string{"dispute", "aply"}, `unknown subcommand "aply"; did you mean apply?`},
		{"rules subcommand", []string{"rules", "tset"}, `unknown subcommand "tset"; did you mean test?`},
		{"keys subcommand", []string{"keys", "nw"}, `unknown subcommand "nw"; did you mean new?`},
		{"flag", []string{"check", "--as-off", "2014-01-01", "x"}, "Did you mean --as-of?"},
		{"flag of a subcommand", []string{"rules", "test", "--formt", "json", "x"}, "Did you mean --format?"},
		{"schema kind", []string{"schema", "Recrods"}, `unknown kind "Recrods"; did you mean Records?`},
		{"schema kind in lower case", []string{"schema", "rulepak"}, `unknown kind "rulepak"; did you mean RulePack?`},
		{"one-letter flag", []string{"report", "-p", "x.md", "x"}, ""},
		{"long name of a one-letter flag", []string{"plan", "--oo", "x", "a", "b"}, "Did you mean -o?"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := compactRun(tc.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stderr, tc.hint)
			if tc.hint == "" || tc.name == "command far off" {
				assert.NotContains(t, stderr, "id you mean")
			}
		})
	}
}

func TestVersionFlag(t *testing.T) {
	code, want, _ := compactRun("version")
	assert.Equal(t, exitOK, code)
	for _, arg := range []string{"--version", "-version"} {
		code, got, stderr := compactRun(arg)
		assert.Equal(t, exitOK, code, arg)
		assert.Equal(t, want, got, arg)
		assert.Empty(t, stderr, arg)
	}
	code, _, stderr := compactRun("--version", "extra")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "takes no arguments")
}
