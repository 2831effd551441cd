package rules_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// claim is a made-up record a package gives its conditions.
type claim struct {
	Raised  compact.Date         `json:"raised"`
	Decided compact.Date         `json:"decided"`
	By      compact.Organisation `json:"by"`
	Tags    []string             `json:"tags"`
	Count   int                  `json:"count"`
}

var claimVars = []rules.Variable{
	{Name: "claim", Type: reflect.TypeFor[claim](), Doc: "the claim"},
	{Name: "day", Type: reflect.TypeFor[compact.Date](), Doc: "the day"},
	{Name: "names", Type: reflect.TypeFor[[]string](), Doc: "some names"},
}

// condDoc is a document holding conditions in every quoting style.
const condDoc = `apiVersion: compactkit/v1
kind: Compact
plain: claim.count > params.limit
quoted: 'claim.by.name == ''Council'''
folded: >-
  claim.by.kind == 'local-authority' &&
  monthsBetween(claim.decided, claim.raised) < 3
broken: >-
  claim.count > 1 &&
  claim.by.kinnd == 'charity'
`

func condDocument(t *testing.T) *compact.Document {
	t.Helper()
	docs, err := compact.Parse("c.yaml", []byte(condDoc))
	require.NoError(t, err)
	return docs[0]
}

func compileAt(t *testing.T, path string) (*rules.Condition, error) {
	t.Helper()
	doc := condDocument(t)
	text := map[string]string{
		"plain":  "claim.count > params.limit",
		"quoted": "claim.by.name == 'Council'",
		"folded": "claim.by.kind == 'local-authority' && monthsBetween(claim.decided, claim.raised) < 3",
		"broken": "claim.count > 1 && claim.by.kinnd == 'charity'",
	}[path]
	return rules.CompileCondition(doc, path, rules.ExprAt(doc, path, text),
		map[string]compact.Value{"limit": compact.IntValue(2)}, claimVars...)
}

func TestConditions(t *testing.T) {
	c := claim{Raised: compact.MustParseDate("2024-03-01"), Decided: compact.MustParseDate("2024-01-10"),
		By: compact.Organisation{ID: "council", Name: "Council", Kind: compact.OrgLocalAuthority}, Tags: []string{"a"}, Count: 3}
	values := map[string]any{"claim": &c, "day": compact.MustParseDate("2024-03-05"), "names": []string{"x", "y"}}
	for _, path := range []string{"plain", "quoted", "folded"} {
		cond, err := compileAt(t, path)
		require.NoError(t, err, path)
		got, err := cond.Eval(context.Background(), values)
		require.NoError(t, err)
		assert.True(t, got, path)
	}
	c.Count, c.By.Kind = 1, compact.OrgCharity
	for _, path := range []string{"plain", "folded"} {
		cond, _ := compileAt(t, path)
		got, err := cond.Eval(context.Background(), values)
		require.NoError(t, err)
		assert.False(t, got, path)
	}

	// Every kind of variable, and the date functions.
	cond, err := rules.CompileCondition(nil, "x", rules.Expr{Text: "day > claim.raised && daysBetween(claim.raised, day) == 4 && " +
		"'y' in names && claim.tags.exists(t, t == 'a') && !has(claim.by.parent)"}, nil, claimVars...)
	require.NoError(t, err)
	got, err := cond.Eval(context.Background(), values)
	require.NoError(t, err)
	assert.True(t, got)
	assert.Contains(t, cond.String(), "daysBetween")
	c.Tags = nil
	got, err = cond.Eval(context.Background(), values)
	require.NoError(t, err)
	assert.False(t, got)

	_, err = cond.Eval(context.Background(), map[string]any{"claim": &c})
	assert.ErrorContains(t, err, "no value for the variable day")
}

func TestConditionErrors(t *testing.T) {
	_, err := compileAt(t, "broken")
	require.ErrorIs(t, err, rules.ErrCompile)
	errs := compact.AsErrors(err)
	require.Len(t, errs, 1)
	assert.Equal(t, compact.Position{File: "c.yaml", Line: 10, Column: 11}, errs[0].Pos, "at .kinnd on the second line of the block")
	assert.Equal(t, "broken", errs[0].Path)
	assert.Contains(t, errs[0].Msg, `did you mean "kind"?`)
	assert.Equal(t, "  claim.by.kinnd == 'charity'", errs[0].Line)

	doc := condDocument(t)
	tests := []struct {
		text, want string
		class      error
	}{
		{"claim.count", "must give true or false (bool), but this gives int", rules.ErrCompile},
		{"clam.count > 1", "undeclared reference to 'clam' (did you mean 'claim'?); the condition can use params, claim, day, names", rules.ErrCompile},
		{"claim.by.kind == 'council'", `"council" is never a`, rules.ErrCompile},
		{"params.limt > 1", "undefined field 'limt'", rules.ErrCompile},
		{"day > date('2024-02-30')", "is not a day in the calendar", rules.ErrCompile},
		{"names.all(a, names.all(b, names.all(c, names.all(d, a + b + c + d != ''))))", "avoid a loop inside a loop", compact.ErrLimit},
		{strings.Repeat("1 + ", 2000) + "1 > 0", "the limit is 4096", compact.ErrLimit},
	}
	for _, tt := range tests {
		_, err := rules.CompileCondition(doc, "plain", rules.Expr{Text: tt.text}, map[string]compact.Value{"limit": compact.IntValue(2)}, claimVars...)
		require.Error(t, err, tt.text)
		assert.ErrorIs(t, err, tt.class, tt.text)
		assert.Contains(t, err.Error(), tt.want, tt.text)
	}

	_, err = rules.CompileCondition(nil, "x", rules.Expr{Text: "true"}, nil, rules.Variable{Name: "ch", Type: reflect.TypeFor[chan int]()})
	assert.ErrorContains(t, err, "chan int cannot be a variable's type")
}

func TestConditionRuntime(t *testing.T) {
	cond, err := rules.CompileCondition(nil, "x", rules.Expr{Text: "claim.count / (claim.count - 3) > 0"}, nil, claimVars...)
	require.NoError(t, err)
	_, err = cond.Eval(context.Background(), map[string]any{"claim": &claim{Count: 3}, "day": compact.Date{}, "names": []string{}})
	assert.ErrorContains(t, err, "division by zero")

	loop, err := rules.CompileCondition(nil, "x", rules.Expr{Text: "names.exists(n, n == 'z')"}, nil, claimVars...)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	many := make([]string, 10_000)
	_, err = loop.Eval(ctx, map[string]any{"claim": &claim{}, "day": compact.Date{}, "names": many})
	require.Error(t, err, "a cancelled context stops a loop")
	assert.False(t, errors.Is(err, rules.ErrCompile))
}

func TestExprAtFallsBack(t *testing.T) {
	doc := condDocument(t)
	x := rules.ExprAt(doc, "nowhere", "a > 1")
	assert.Equal(t, doc.Pos, x.Pos)
	assert.Equal(t, "a > 1", x.Text)
}

// FuzzCondition compiles any text as a standalone condition and evaluates
// what compiles: compiling and evaluating never panic, compile errors
// carry a position, and an evaluation ends within its cost limit, quickly.
func FuzzCondition(f *testing.F) {
	for _, s := range []string{"claim.count > params.limit", "claim.by.name == 'Council'",
		"monthsBetween(claim.decided, claim.raised) < 3", "addYears(day, 40000) > day", "addDays(day, -1000000000) < day",
		"names.all(a, names.all(b, a != b))", "'%s'.format([claim.by.name]).size() > 0", "claim.tags.exists(t, t.lowerAscii() == 'x')",
		"cel.bind(x, claim.by.name + claim.by.name, x.size() > 2)", "date('2024-02-30') < day", "(((((true)))))"} {
		f.Add(s)
	}
	params := map[string]compact.Value{"limit": compact.IntValue(3)}
	values := map[string]any{
		"claim": claim{Raised: compact.MustParseDate("2024-03-01"), Decided: compact.MustParseDate("2024-01-31"),
			By: compact.Organisation{ID: "council", Name: strings.Repeat("Council ", 100)}, Tags: []string{"a", "b", "c"}, Count: 4},
		"day":   compact.MustParseDate("2024-07-01"),
		"names": []string{"x", "y", "z"},
	}
	f.Fuzz(func(t *testing.T, text string) {
		c, err := rules.CompileCondition(nil, "check", rules.Expr{Text: text}, params, claimVars...)
		if err != nil {
			for _, e := range compact.AsErrors(err) {
				if e.Msg == "" {
					t.Fatalf("an error without a message: %#v", e)
				}
			}
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		start := time.Now()
		_, _ = c.Eval(ctx, values)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("%q took %v", text, d)
		}
	})
}

// TestConditionLimitsAreOptions: a condition's cost limits are options,
// as a pack's are.
func TestConditionLimitsAreOptions(t *testing.T) {
	x := rules.Expr{Text: "names.exists(n, n.lowerAscii() == 'x')"}
	_, err := rules.CompileConditionWith(nil, "check", x, nil, claimVars, rules.WithMaxEstimatedCost(100))
	require.ErrorContains(t, err, "lowerAscii() on n could cost up to 2202 units (with lists of 100 items)")
	require.ErrorContains(t, err, "the limit for one expression is 100")
	c, err := rules.CompileConditionWith(nil, "check", x, nil, claimVars, rules.WithMaxCost(10))
	require.NoError(t, err)
	_, err = c.Eval(context.Background(), map[string]any{"claim": claim{}, "day": compact.MustParseDate("2024-01-01"),
		"names": []string{"a", "b", "c", "d", "e", "f", "g"}})
	require.ErrorContains(t, err, "went over the cost limit of 10 units")
}
