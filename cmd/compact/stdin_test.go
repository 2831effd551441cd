package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withStdin makes "-" read text for the rest of the test.
func withStdin(t *testing.T, text string) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(text)
	t.Cleanup(func() { stdin = old })
}

func TestFmtStdin(t *testing.T) {
	messy := "apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25   \nmeetings:\n- id: m1   # the first\n  body: steering\n  date: 2024-05-01\n\n\n"
	tidy := "apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\nmeetings:\n  - id: m1   # the first\n    body: steering\n    date: 2024-05-01\n"
	cases := []struct {
		name   string
		args   []string
		in     string
		code   int
		stdout string
		stderr string // contained in stderr
	}{
		{"lays out", []string{"fmt", "-"}, messy, exitOK, tidy, ""},
		{"already laid out", []string{"fmt", "-"}, tidy, exitOK, tidy, ""},
		{"check, not laid out", []string{"fmt", "--check", "-"}, messy, exitFindings, "<stdin>: not formatted\n", ""},
		{"check, laid out", []string{"fmt", "--check", "-"}, tidy, exitOK, "", ""},
		{"does not parse", []string{"fmt", "-"}, "a: [1\n", exitInvalid, "", "<stdin>:"},
		{"with paths", []string{"fmt", "-", "x.yaml"}, tidy, exitUsage, "", "- (standard input) goes alone"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			withStdin(t, tc.in)
			code, stdout, stderr := compactRun(tc.args...)
			assert.Equal(t, tc.code, code, stderr)
			assert.Equal(t, tc.stdout, stdout)
			assert.Contains(t, stderr, tc.stderr)
		})
	}
}

func TestPlanStdin(t *testing.T) {
	_, want, _ := compactRun("plan", "--as-of", "2025-01-06", planKent, kentDraft)
	withStdin(t, mustRead(t, kentDraft))
	code, got, stderr := compactRun("plan", "--as-of", "2025-01-06", planKent, "-")
	assert.Equal(t, exitOK, code, stderr)
	assert.Equal(t, want, got)
	require.Contains(t, got, "2025-04-01  Notice must be given in writing by 2025-04-01\n")

	draft := mustRead(t, kentDraft)
	withStdin(t, draft+"\n---\n"+draft)
	code, _, stderr = compactRun("plan", "--as-of", "2025-01-06", planKent, "-")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "<stdin>: a draft file holds one Draft document; this one holds 2")
	assert.Contains(t, stderr, "<stdin>: invalid")
}

// TestDisputeStdin: a case opened and applied from standard input is the
// case the event files give.
func TestDisputeStdin(t *testing.T) {
	t.Setenv(keyEnv, mustRead(t, exampleKey))
	steps := []string{"transport-1-raised", "transport-2-to-review"}
	fromFiles := copyArea(t, kirkleesArea)
	play(t, fromFiles, "kirklees", steps)

	fromStdin := copyArea(t, kirkleesArea)
	for _, s := range steps {
		sub := "apply"
		if strings.HasSuffix(s, "-raised") {
			sub = "open"
		}
		withStdin(t, mustRead(t, filepath.Join(eventsDir, "kirklees", s+".yaml")))
		code, _, stderr := compactRun("dispute", sub, fromStdin, "-")
		require.Equal(t, exitOK, code, "%s: %s", s, stderr)
	}
	name := filepath.Join("disputes", "community-transport-cut-2013.yaml")
	want, err := os.ReadFile(filepath.Join(fromFiles, name))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(fromStdin, name))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))

	withStdin(t, "")
	code, _, stderr := compactRun("dispute", "apply", fromStdin, "-")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "<stdin>: the file holds no event")
	assert.Contains(t, stderr, "<stdin>: invalid")
}

// TestDisputeKeyStdin: --key - reads the private key from standard input
// (piped from a password manager, say), and signs as --key FILE does.
func TestDisputeKeyStdin(t *testing.T) {
	t.Setenv(keyEnv, "")
	raised := filepath.Join(eventsDir, "kirklees", "transport-1-raised.yaml")
	fromFile := copyArea(t, kirkleesArea)
	code, _, stderr := compactRun("dispute", "open", "--key", exampleKey, fromFile, raised)
	require.Equal(t, exitOK, code, stderr)

	fromStdin := copyArea(t, kirkleesArea)
	withStdin(t, mustRead(t, exampleKey))
	code, _, stderr = compactRun("dispute", "open", "--key", "-", fromStdin, raised)
	require.Equal(t, exitOK, code, stderr)
	name := filepath.Join("disputes", "community-transport-cut-2013.yaml")
	assert.Equal(t, mustRead(t, filepath.Join(fromFile, name)), mustRead(t, filepath.Join(fromStdin, name)))

	for _, sub := range []string{"open", "apply"} {
		withStdin(t, mustRead(t, exampleKey))
		code, _, stderr = compactRun("dispute", sub, "--key", "-", fromStdin, "-")
		assert.Equal(t, exitUsage, code, sub)
		assert.Contains(t, stderr, "--key - and an EVENT_FILE of - both read standard input", sub)
	}
}
