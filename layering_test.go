package compactkit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
	"github.com/compactkit/compactkit/rules"
)

// TestOneLayering: compacts, rule packs and role catalogues that extend one
// another in a loop, or extend a base that is not there, fail the same way:
// one cycle error (compact.ErrCycle), one missing-base class.
func TestOneLayering(t *testing.T) {
	const head = "apiVersion: compactkit/v1\n"
	tests := []struct {
		name  string
		docs  string
		run   func(*compact.Area) error
		class error
		msg   string
	}{
		{"rule packs in a loop", head + "kind: RulePack\nid: a\ntitle: A\nextends: b\n---\n" + head + "kind: RulePack\nid: b\ntitle: B\nextends: a\n",
			func(a *compact.Area) error { _, err := rules.Compile(a, rules.WithPack("a")); return err }, compact.ErrCycle,
			`pack "b" extends itself through a -> b -> a`},
		{"role catalogues in a loop", head + "kind: RoleCatalogue\nid: a\ntitle: A\nextends: b\n---\n" + head + "kind: RoleCatalogue\nid: b\ntitle: B\nextends: a\n",
			func(a *compact.Area) error {
				d, _ := a.Find(compact.KindRoleCatalogue, "a")
				_, err := roles.Resolve(d, a.Find)
				return err
			}, compact.ErrCycle, `catalogue "b" extends itself through a -> b -> a`},
		{"a rule pack's base is missing", head + "kind: RulePack\nid: a\ntitle: A\nextends: nowhere\n",
			func(a *compact.Area) error { _, err := rules.Compile(a); return err }, compact.ErrReference,
			`base pack "nowhere" is not in the area or its library`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := compact.Parse("area.yaml", []byte(tt.docs))
			require.NoError(t, err)
			a, err := compact.NewArea(docs)
			require.NoError(t, err)
			err = tt.run(a)
			require.ErrorIs(t, err, tt.class)
			require.Equal(t, tt.msg, compact.AsErrors(err)[0].Msg)
		})
	}
	t.Run("compacts in a loop", func(t *testing.T) {
		x := &compact.Compact{ID: "a", Extends: "b"}
		y := &compact.Compact{ID: "b", Extends: "a"}
		_, err := compact.Resolve(x, func(id string) (*compact.Compact, error) { return y, nil })
		require.ErrorIs(t, err, compact.ErrCycle)
		require.ErrorIs(t, err, compact.ErrLayering)
		require.Equal(t, `compact "b" extends itself through a -> b -> a`, compact.AsErrors(err)[0].Msg)
	})
	require.Equal(t, compact.ErrCycle, roles.ErrCycle, "one cycle error")
}
