package reporting

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMappedRefs(t *testing.T) {
	for _, tc := range []struct {
		name         string
		refs         []Ref
		ids, names   []string
		wantNilLists bool
	}{
		{name: "none", refs: nil, wantNilLists: true},
		{name: "empty", refs: []Ref{}, wantNilLists: true},
		{name: "in order", refs: []Ref{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}, ids: []string{"a", "b"}, names: []string{"A", "B"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids, names := refIDs(tc.refs), refNames(tc.refs)
			if tc.wantNilLists {
				// The Markdown writer skips a nil table or list.
				require.Nil(t, ids)
				require.Nil(t, names)
				return
			}
			require.Equal(t, tc.ids, ids)
			require.Equal(t, tc.names, names)
		})
	}
}
