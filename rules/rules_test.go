package rules_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/rules"
)

// library is the national baseline with the test national compact in front.
func library(t testing.TB) *compact.Library {
	t.Helper()
	base, err := examples.Library()
	require.NoError(t, err)
	lib, err := compact.LoadLibrary("testdata/library")
	require.NoError(t, err)
	return lib.With(base)
}

func load(t testing.TB, path string) *compact.Area {
	t.Helper()
	a, err := compact.LoadArea(path, compact.WithLibrary(library(t)))
	require.NoError(t, err)
	return a
}

func TestNationalPackTests(t *testing.T) {
	a := load(t, "testdata/library")
	eng, err := rules.Compile(a)
	require.NoError(t, err)
	res, err := eng.Test(context.Background())
	require.NoError(t, err)
	for _, r := range res {
		require.True(t, r.Passed, "%s: %+v", r.Name, r.Failures)
	}
}
