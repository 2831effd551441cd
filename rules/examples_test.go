package rules_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/rules"
)

// TestExamplePacks compiles the rule pack of every example area with the
// built-in national baseline, runs the pack's tests, and checks the area's
// records: every pack compiles, every test passes, and no rule errors.
func TestExamplePacks(t *testing.T) {
	lib, err := examples.Library()
	require.NoError(t, err)
	dirs, err := filepath.Glob("../examples/*/rules.yaml")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(dirs), 6)
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			a, err := compact.LoadArea(dir, compact.WithLibrary(lib))
			require.NoError(t, err)
			if a.Compact != nil && len(a.Compact.Commitments) == 0 {
				t.Skip("the area's compact has no commitments yet (a placeholder)")
			}
			e, err := rules.Compile(a)
			require.NoError(t, err)
			res, err := e.Test(ctx)
			require.NoError(t, err)
			require.NotEmpty(t, res)
			for _, r := range res {
				require.True(t, r.Passed, "%s: %+v", r.Name, r.Failures)
			}
			on := a.Records.Period.To
			if on.IsZero() {
				on = compact.MustParseDate("2025-03-31")
			}
			fs, err := e.Check(ctx, rules.AsOf(on))
			require.NoError(t, err)
			require.Zero(t, fs.Summary().Error, "%v", fs)
		})
	}
}
