package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// TestExprPosition maps places in expressions written in every YAML style
// to file lines and columns: the place of the word "target" in the text
// must land on "target" in the file.
func TestExprPosition(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		want compact.Position // of "target"
	}{
		{"plain", "check: a && target\n", compact.Position{Line: 1, Column: 13}},
		{"plain on two lines", "check: a &&\n  b || target\n", compact.Position{Line: 2, Column: 8}},
		{"single quoted", "check: 'x == ''y'' && target'\n", compact.Position{Line: 1, Column: 23}},
		{"double quoted", "check: \"x == \\\"y\\\" && target\"\n", compact.Position{Line: 1, Column: 23}},
		{"double quoted escaped break", "check: \"a && \\\n  target\"\n", compact.Position{Line: 2, Column: 3}},
		{"literal", "check: |\n  a\n    && b\n    && target\n", compact.Position{Line: 4, Column: 8}},
		{"folded", "check: >-\n  a &&\n  b &&   target\n", compact.Position{Line: 3, Column: 10}},
		{"folded with a blank line", "check: >\n  a\n\n  target\n", compact.Position{Line: 4, Column: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "apiVersion: compactkit/v1\nkind: RulePack\n" + tc.yaml
			docs, err := compact.Parse("p.yaml", []byte(src))
			require.NoError(t, err)
			var v struct {
				compact.TypeMeta
				Check Expr `json:"check"`
			}
			require.NoError(t, docs[0].Decode(&v))
			e := v.Check
			// Where "target" is in the expression text, as CEL counts it.
			before, _, ok := strings.Cut(e.Text, "target")
			require.True(t, ok, e.Text)
			line := strings.Count(before, "\n") + 1
			col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
			got := e.position(docs[0].Line, line, col)
			want := tc.want
			want.File, want.Line = "p.yaml", want.Line+2
			require.Equal(t, want, got)
			require.True(t, strings.HasPrefix(string([]rune(docs[0].Line(got.Line))[got.Column-1:]), "target"))
		})
	}
}

// TestExprPositionFallsBack returns the start of the expression when the
// file does not match the text (a file changed since it was read).
func TestExprPositionFallsBack(t *testing.T) {
	e := Expr{Text: "a && target", Pos: compact.Position{File: "p.yaml", Line: 1, Column: 8}}
	got := e.position(func(n int) string {
		if n == 1 {
			return "check: something else"
		}
		return ""
	}, 1, 5)
	require.Equal(t, e.Pos, got)
}
