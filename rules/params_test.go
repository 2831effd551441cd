package rules_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/rules"
)

// TestExampleParametersDeclared: every number an example pack declares has
// a unit, a range and a description giving the reason for it, and its value
// in force lies in the range.
func TestExampleParametersDeclared(t *testing.T) {
	lib, err := examples.Library()
	require.NoError(t, err)
	dirs, err := filepath.Glob("../examples/*/rules.yaml")
	require.NoError(t, err)
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			a, err := compact.LoadArea(dir, compact.WithLibrary(lib))
			require.NoError(t, err)
			e, err := rules.Compile(a)
			require.NoError(t, err)
			for _, s := range e.Pack().Parameters {
				if s.Type != compact.TypeInt && s.Type != compact.TypeFloat {
					continue
				}
				require.NotEmpty(t, s.Unit, s.Name)
				require.NotNil(t, s.Min, s.Name)
				require.NotNil(t, s.Max, s.Name)
				require.NotEmpty(t, s.Description, s.Name)
				v, _ := s.Value.AsFloat()
				require.True(t, *s.Min <= v && v <= *s.Max, "%s = %v", s.Name, v)
			}
		})
	}
}
