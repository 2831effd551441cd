package rules

import (
	"fmt"
	"strings"
	"testing"

	"cel.dev/cel-go/cel"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcatenations: a chain of concatenations evaluates, as one call of
// concatFunction, to what the chain gives: the same string, the same
// error, under the cost tracker no dearer than the chain; chains of other
// types, and chains of two, are left as written; no rule can call the
// function.
func TestConcatenations(t *testing.T) {
	prov, err := newProvider(nil)
	require.NoError(t, err)
	env, err := cel.NewEnv(append(envOptions(prov),
		cel.Variable("s", cel.StringType), cel.Variable("n", cel.IntType), cel.Variable("l", cel.ListType(cel.StringType)))...)
	require.NoError(t, err)
	long := make([]string, 40)
	for i := range long {
		long[i] = fmt.Sprintf("'p%d'", i)
	}
	tests := []struct {
		name, expr string
		joined     bool // the program calls concatFunction
	}{
		{"three", "'a' + s + 'c'", true},
		{"conversions", "'took ' + string(n) + ' days (' + string(n / 7) + ' weeks)'", true},
		{"conditional parts", "'a' + (n > 1 ? 'many ' + s + '!' : 'one') + 'z'", true},
		{"bind", "cel.bind(d, n * 2, 'd=' + string(d) + ';' + s)", true},
		{"inside a call", "('x' + s + 'y').size() > 0 ? 'yes' : 'no'", true},
		{"sixteen", strings.Join(long[:16], " + "), true},
		{"seventeen", strings.Join(long[:17], " + "), true},
		{"twenty-three, nested", strings.Join(long[:22], " + ") + " + s", true},
		{"an error in a part", "'a' + string(1 / (n - n)) + s", true},
		{"two", "'a' + s", false},
		{"numbers", "n + n + n > 3 ? 'big' : 'small'", false},
		{"lists", "(l + l + l).join(',')", false},
	}
	vars := map[string]any{"s": "mid", "n": int64(9), "l": []string{"x", "y"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checked, iss := env.Compile(tt.expr)
			require.NoError(t, iss.Err())
			joined := forEvaluation(env, checked)
			text, err := cel.AstToString(joined)
			require.NoError(t, err)
			assert.Equal(t, tt.joined, strings.Contains(text, concatFunction), text)
			var results [2]string
			var costs [2]uint64
			for i, a := range []*cel.Ast{checked, joined} {
				prg, err := env.Program(a, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(MaxCost))
				require.NoError(t, err)
				v, det, err := prg.Eval(vars)
				results[i] = fmt.Sprint(v, err)
				if det != nil && det.ActualCost() != nil {
					costs[i] = *det.ActualCost()
				}
			}
			assert.Equal(t, results[0], results[1])
			assert.LessOrEqual(t, costs[1], costs[0], "joined costs no more than the chain")
		})
	}
	_, iss := env.Compile("@concat('a', 'b', 'c')")
	require.Error(t, iss.Err(), "no rule can call it")
}
