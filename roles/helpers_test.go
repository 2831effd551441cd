package roles_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/roles"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func day(s string) compact.Date { return compact.MustParseDate(s) }

func examplesLibrary() (*compact.Library, error) { return examples.Library() }

func library(t testing.TB) *compact.Library {
	t.Helper()
	lib, err := examples.Library()
	require.NoError(t, err)
	return lib
}

// loadArea loads a folder under testdata with the built-in library.
func loadArea(t testing.TB, dir string) *compact.Area {
	t.Helper()
	a, err := compact.LoadArea(filepath.Join("testdata", dir), compact.WithLibrary(library(t)))
	require.NoError(t, err)
	return a
}

func riverside(t testing.TB) *roles.Register {
	t.Helper()
	reg, err := roles.New(loadArea(t, "riverside"))
	require.NoError(t, err)
	return reg
}

// parseArea builds an area from files given as name -> YAML text.
func parseArea(t testing.TB, files map[string]string) (*compact.Area, error) {
	t.Helper()
	var docs []*compact.Document
	for name, text := range files {
		d, err := compact.Parse(name, []byte(text))
		require.NoError(t, err, "parse %s", name)
		docs = append(docs, d...)
	}
	return compact.NewArea(docs, compact.WithLibrary(library(t)))
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test -update")
	require.Equal(t, string(want), got, "output differs from %s; run go test -update if the change is right", path)
}

// describe formats problems as the CLI does, with caret snippets.
func describe(err error) string {
	var b strings.Builder
	for _, e := range compact.AsErrors(err) {
		b.WriteString(filepath.ToSlash(e.Error()))
		b.WriteByte('\n')
		if s := e.Snippet(); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
