package roles_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

// TestRoleOrigin: a resolved catalogue says which catalogue of its chain
// wrote each role as it stands, with the provenance type compacts and rule
// packs use.
func TestRoleOrigin(t *testing.T) {
	a, err := parseArea(t, map[string]string{"roles.yaml": `apiVersion: compactkit/v1
kind: RoleCatalogue
id: local
title: Local roles
extends: reference
alter:
  - role: compact-champion
    title: Local Compact Champion
remove: [community-groups-champion]
roles:
  - {id: local-lead, title: Local lead}
`})
	require.NoError(t, err)
	d, ok := a.Find(compact.KindRoleCatalogue, "local")
	require.True(t, ok)
	cat, err := roles.Resolve(d, a.Find)
	require.NoError(t, err)
	tests := []struct {
		role      string
		by        string
		overrides string
		line      int
		found     bool
	}{
		{"steering-group-member", "reference", "", 0, true},
		{"compact-champion", "local", "reference", 7, true},
		{"local-lead", "local", "", 11, true},
		{"community-groups-champion", "", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.role, func(t *testing.T) {
			o, ok := cat.RoleOrigin(tt.role)
			require.Equal(t, tt.found, ok)
			require.Equal(t, tt.by, o.By)
			require.Equal(t, tt.overrides, o.Overrides)
			if tt.line > 0 {
				require.Equal(t, "roles.yaml", o.Pos.File)
				require.Equal(t, tt.line, o.Pos.Line)
			}
		})
	}
}
