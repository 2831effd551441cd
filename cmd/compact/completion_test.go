package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// completionScript prints the completion script for shell.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	code, out, stderr := compactRun("completion", shell)
	require.Equal(t, exitOK, code, stderr)
	return out
}

func TestCompletionBashIsValidAndComplete(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed here")
	}
	script := completionScript(t, "bash")
	file := filepath.Join(t.TempDir(), "compact.bash")
	require.NoError(t, os.WriteFile(file, []byte(script), 0o644))
	out, err := exec.Command("bash", "-n", file).CombinedOutput()
	require.NoError(t, err, "bash -n: %s", out)
	_, top, _ := strings.Cut(script, "compgen -W '")
	top, _, _ = strings.Cut(top, "'")
	assert.ElementsMatch(t, append(commandNames(), "help", "--help", "--version"), strings.Fields(top))
	for _, cmd := range commands() {
		assert.Contains(t, script, "    "+cmd.name+")\n", "the script has no case for %s", cmd.name)
		for _, s := range cmd.subcommands {
			assert.Contains(t, script, "        "+s.name+") words=", "the script has no case for %s %s", cmd.name, s.name)
		}
	}
}

func TestCompletionBashCompletes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed here")
	}
	file := filepath.Join(t.TempDir(), "compact.bash")
	require.NoError(t, os.WriteFile(file, []byte(completionScript(t, "bash")), 0o644))
	cases := []struct {
		words []string // the command line, the last word the one completed
		want  string   // COMPREPLY, one a line
	}{
		{[]string{"compact", "che"}, "check"},
		{[]string{"compact", "--ver"}, "--version"},
		{[]string{"compact", "help", "dis"}, "dispute"},
		{[]string{"compact", "dispute", "ap"}, "apply"},
		{[]string{"compact", "rules", "t"}, "test"},
		{[]string{"compact", "check", "--as"}, "--as-of"},
		{[]string{"compact", "check", "--f"}, "--fail-on\n--format"},
		{[]string{"compact", "dispute", "apply", "--k"}, "--key"},
		{[]string{"compact", "rules", "test", "--c"}, "--coverage"},
		{[]string{"compact", "roles", "--du"}, "--duties"},
		{[]string{"compact", "roles", "contact", "--du"}, ""},
		{[]string{"compact", "plan", "-"}, "--allow-empty\n--as-of\n--base\n--format\n--max-errors\n-o"},
		{[]string{"compact", "completion", "z"}, "zsh"},
		{[]string{"compact", "check", "examples/"}, ""}, // file names: bash's default
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.words, " "), func(t *testing.T) {
			var quoted []string
			for _, w := range tc.words {
				quoted = append(quoted, "'"+w+"'")
			}
			script := `source "$1"; COMP_WORDS=(` + strings.Join(quoted, " ") + `); COMP_CWORD=` +
				strconv.Itoa(len(tc.words)-1) + `; _compact; printf '%s\n' "${COMPREPLY[@]}"`
			out, err := exec.Command("bash", "-c", script, "bash", file).CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Equal(t, tc.want, strings.TrimSpace(string(out)))
		})
	}
}

func TestCompletionScriptsListEveryFlag(t *testing.T) {
	bash, zsh, fish := completionScript(t, "bash"), completionScript(t, "zsh"), completionScript(t, "fish")
	for _, e := range completionTable() {
		for _, f := range e.flags {
			assert.Contains(t, bash, flagName(f.Name), "bash: %s %s", e.command, f.Name)
			assert.Contains(t, zsh, flagName(f.Name), "zsh: %s %s", e.command, f.Name)
		}
	}
	assert.True(t, strings.HasPrefix(zsh, "#compdef compact\n"))
	assert.Contains(t, zsh, "        case $sub in\n        open) flags=(--allow-empty --base --format --key --max-errors --out) ;;")
	assert.Contains(t, fish, "complete -c compact -n __fish_use_subcommand -f -a check -d 'check an area")
	assert.Contains(t, fish, "complete -c compact -n '__fish_seen_subcommand_from dispute; and __fish_seen_subcommand_from apply' -l key -r -d 'the private key file")
	assert.Contains(t, fish, "complete -c compact -n '__fish_seen_subcommand_from plan' -s o -r -d")
	assert.Contains(t, fish, "complete -c compact -n '__fish_seen_subcommand_from fmt' -l check -d")
	for _, shell := range []string{"zsh", "fish"} {
		if _, err := exec.LookPath(shell); err != nil {
			continue // only bash is certain to be installed; the others are checked where they are
		}
		file := filepath.Join(t.TempDir(), "compact."+shell)
		require.NoError(t, os.WriteFile(file, []byte(completionScript(t, shell)), 0o644))
		out, err := exec.Command(shell, "-n", file).CombinedOutput()
		assert.NoError(t, err, "%s -n: %s", shell, out)
	}
}

func TestCompletionUsage(t *testing.T) {
	cases := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"completion"}, exitUsage, "", "Usage: compact completion bash|zsh|fish"},
		{[]string{"completion", "--help"}, exitOK, "source <(compact completion bash)", ""},
		{[]string{"completion", "bsh"}, exitUsage, "", `unknown shell "bsh"; did you mean bash?`},
		{[]string{"completion", "bash", "extra"}, exitUsage, "", "takes no arguments"},
		{[]string{"completion", "fish", "--help"}, exitOK, "~/.config/fish/completions/compact.fish", ""},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, stderr := compactRun(tc.args...)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, stdout, tc.stdout)
			assert.Contains(t, stderr, tc.stderr)
		})
	}
}

// TestCompletionTableReachesEveryFlagSet: every command and subcommand
// that parses flags gave its flag set to the table (each has
// --max-errors), and the commands that take a subcommand first have none.
func TestCompletionTableReachesEveryFlagSet(t *testing.T) {
	for _, e := range completionTable() {
		name := strings.TrimSpace(e.command + " " + e.subcommand)
		if e.subcommand == "" && e.subcommands != nil && e.command != "roles" {
			assert.Empty(t, e.flags, name)
			continue
		}
		assert.Contains(t, e.flagNames(), "--max-errors", name)
	}
}
