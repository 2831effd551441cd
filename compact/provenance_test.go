package compact

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestProvenanceString(t *testing.T) {
	tests := []struct {
		name string
		p    *Provenance
		want string
	}{
		{"nil", nil, ""},
		{"json", &Provenance{Source: "360giving", File: "grants.json", Pointer: "/grants/3", ID: "360G-x-1"}, "grants.json#/grants/3 [360G-x-1]"},
		{"csv", &Provenance{Source: "360giving", File: "grants.csv", Row: 5, ID: "360G-x-1"}, "grants.csv:5 [360G-x-1]"},
		{"xlsx", &Provenance{Source: "table", File: "register.xlsx", Sheet: "Grants", Row: 2}, "register.xlsx:Grants!2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.p.String())
		})
	}
}
