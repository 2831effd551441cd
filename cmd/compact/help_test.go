package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// helpCommandLines are the command lines whose help comes from a flag set:
// every command, every subcommand, and roles both ways (it has flags of its
// own and a subcommand).
func helpCommandLines() [][]string {
	var lines [][]string
	for _, cmd := range commands() {
		if cmd.subcommands == nil || cmd.name == "roles" {
			lines = append(lines, []string{cmd.name})
		}
		for _, s := range cmd.subcommands {
			lines = append(lines, []string{cmd.name, s.name})
		}
	}
	return lines
}

var (
	usageFlag     = regexp.MustCompile(`(?:^|[\s\[|])(--?[a-z][a-z0-9-]*)`)
	singleDashRun = regexp.MustCompile(`(?m)^  -[a-z][a-z0-9-]+`)
)

func TestHelpAgreesWithUsage(t *testing.T) {
	for _, line := range helpCommandLines() {
		name := strings.Join(line, " ")
		t.Run(name, func(t *testing.T) {
			code, out, stderr := compactRun(append(line, "--help")...)
			require.Equal(t, exitOK, code, stderr)
			usage, _, _ := strings.Cut(out, "\n")
			require.True(t, strings.HasPrefix(usage, "Usage: compact "+name), usage)
			_, flags, ok := strings.Cut(out, "\nFlags:\n")
			require.True(t, ok, "no Flags section in %s", out)
			assert.NotRegexp(t, singleDashRun, flags, "a flag of more than one letter shown with one dash")
			for _, m := range usageFlag.FindAllStringSubmatch(strings.TrimPrefix(usage, "Usage: compact "+name), -1) {
				spelt := m[1]
				assert.Regexp(t, `(?m)^  `+regexp.QuoteMeta(spelt)+`(\s|$)`, flags, "usage line's %s is not in the help's flags as %s", spelt, spelt)
			}
		})
	}
}

func TestPrintFlags(t *testing.T) {
	code, out, _ := compactRun("plan", "--help")
	require.Equal(t, exitOK, code)
	_, flags, _ := strings.Cut(out, "\nFlags:\n")
	for _, want := range []string{
		"  --as-of value\n    \tthe date the plan is made as of (YYYY-MM-DD); default: today\n",
		"  --format value\n    \toutput format: text, json, ics (default text)\n",
		"  --max-errors int\n    \tthe most problems to print; the rest are counted (0 prints all) (default 50)\n",
		"  --allow-empty\n    \taccept an area",
		"  -o string\n",
	} {
		assert.Contains(t, flags, want)
	}
}
