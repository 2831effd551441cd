package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path string, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./rules -update to create the golden file")
	if string(want) != got {
		w, g := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for i := range min(len(w), len(g)) {
			if w[i] != g[i] {
				t.Fatalf("%s differs at line %d (run with -update to accept):\nwant: %s\ngot:  %s", path, i+1, w[i], g[i])
			}
		}
		t.Fatalf("%s: want %d lines, got %d (run with -update to accept)", path, len(w), len(g))
	}
}

// formatErrors writes problems as the CLI does: one per line, with the
// source line and a caret under the column.
func formatErrors(err error) string {
	var b strings.Builder
	for _, e := range compact.AsErrors(err) {
		b.WriteString(e.Error())
		b.WriteByte('\n')
		if s := e.Snippet(); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestCompileErrorsGolden compiles broken packs and compares every problem,
// with its file, line, column and caret snippet, with a golden file.
func TestCompileErrorsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	lib := library(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			a, err := compact.LoadArea(f, compact.WithLibrary(lib))
			if err == nil {
				_, err = rules.Compile(a)
			}
			require.Error(t, err)
			golden(t, strings.TrimSuffix(f, ".yaml")+".golden", formatErrors(err))
		})
	}
}
