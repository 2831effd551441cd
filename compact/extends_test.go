package compact_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// node is a document for the chain tests: an id and the id it extends.
type node struct{ id, base string }

func chainOf(nodes map[string]node, broken string) compact.Extends[node] {
	return compact.Extends[node]{
		Noun: "pack",
		ID:   func(n node) string { return n.id },
		Base: func(n node) string { return n.base },
		Find: func(id string) (node, bool, error) {
			if id == broken {
				return node{}, false, errors.New("it does not decode")
			}
			n, ok := nodes[id]
			return n, ok, nil
		},
		Missing: func(_ node, id string) string { return fmt.Sprintf("base pack %q is not there", id) },
		Errorf: func(at node, class error, format string, args ...any) *compact.Error {
			return &compact.Error{Path: at.id + ".extends", Err: class, Msg: fmt.Sprintf(format, args...)}
		},
	}
}

func TestExtendsChain(t *testing.T) {
	nodes := map[string]node{
		"national": {"national", ""}, "county": {"county", "national"}, "district": {"district", "county"},
		"a": {"a", "b"}, "b": {"b", "a"}, "self": {"self", "self"}, "orphan": {"orphan", "nowhere"}, "bad": {"bad", "broken"},
	}
	for i := range compact.MaxExtendsDepth + 1 {
		nodes[fmt.Sprintf("d%d", i)] = node{fmt.Sprintf("d%d", i), fmt.Sprintf("d%d", i+1)}
	}
	nodes[fmt.Sprintf("d%d", compact.MaxExtendsDepth+1)] = node{fmt.Sprintf("d%d", compact.MaxExtendsDepth+1), ""}
	tests := []struct {
		name    string
		top     string
		want    []string
		class   error
		message string
	}{
		{"a root alone", "national", []string{"national"}, nil, ""},
		{"base first, top last", "district", []string{"national", "county", "district"}, nil, ""},
		{"a loop", "a", nil, compact.ErrCycle, `pack "b" extends itself through a -> b -> a`},
		{"extends itself", "self", nil, compact.ErrCycle, `pack "self" extends itself through self -> self`},
		{"too deep", "d0", nil, compact.ErrLimit, fmt.Sprintf("more than %d packs extend one another", compact.MaxExtendsDepth)},
		{"a base not found", "orphan", nil, compact.ErrReference, `base pack "nowhere" is not there`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := chainOf(nodes, "broken").Chain(nodes[tt.top])
			if tt.class == nil {
				require.NoError(t, err)
				var ids []string
				for _, n := range got {
					ids = append(ids, n.id)
				}
				require.Equal(t, tt.want, ids)
				return
			}
			require.ErrorIs(t, err, tt.class)
			require.Equal(t, tt.message, compact.AsErrors(err)[0].Msg)
		})
	}
	t.Run("a base that does not load: its own error", func(t *testing.T) {
		_, err := chainOf(nodes, "broken").Chain(nodes["bad"])
		require.EqualError(t, err, "it does not decode")
	})
	t.Run("a cycle is a layering error too", func(t *testing.T) {
		require.ErrorIs(t, compact.ErrCycle, compact.ErrLayering)
		require.Equal(t, "cycle", compact.ErrCycle.Error())
	})
}

func TestTop(t *testing.T) {
	id := func(n node) string { return n.id }
	base := func(n node) string { return n.base }
	tests := []struct {
		name string
		docs []node
		tops []string
		loop bool
	}{
		{"one chain", []node{{"county", "national"}, {"district", "county"}}, []string{"district"}, false},
		{"two stand alone", []node{{"x", "national"}, {"y", "national"}}, []string{"x", "y"}, false},
		{"a loop", []node{{"a", "b"}, {"b", "a"}}, nil, true},
		{"none", nil, nil, false},
		{"no id", []node{{"", ""}, {"x", ""}}, []string{"", "x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tops, loop := compact.Top(tt.docs, id, base)
			var ids []string
			for _, n := range tops {
				ids = append(ids, n.id)
			}
			require.Equal(t, tt.tops, ids)
			require.Equal(t, tt.loop, loop)
		})
	}
}
