package rules

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Standalone conditions. Packages that let areas add a condition, in CEL, to
// documents of their own (package dispute's guards on dispute stages) compile
// it here, with the date functions, limits and cost checks of rule packs.

// Variable is a variable a standalone condition can read.
type Variable struct {
	// Name as the expression writes it.
	Name string
	// Type is the Go type of its values: a struct, or a pointer to one (its
	// fields named by their json tags, civil dates read as dates, as in rule
	// packs), or string, bool, int, int64, float64, compact.Date,
	// compact.Period, or a slice of one of these.
	Type reflect.Type
	// Doc says what it is; compile errors list the variables with it.
	Doc string
}

// Condition is a CEL expression that gives true or false, compiled on its
// own rather than in a rule pack: against a few variables and the
// parameters (params.NAME) given when it is compiled. A Condition is
// immutable and safe for concurrent use.
type Condition struct {
	prg    *program
	vars   []Variable
	params *params
	text   string
}

// ExprAt returns the expression written at a field path of a document,
// whose text (the field's value) is text: with its place and its quoting,
// so that a compile error points at the exact place in the file. It is for
// expressions kept in fields of type string (a compact's dispute guards);
// rule packs decode theirs as [Expr] directly. When the document does not
// have the path, the expression is placed at the document's start.
func ExprAt(doc *compact.Document, path, text string) Expr {
	pos := doc.PositionOf(path)
	x := Expr{Text: text, Pos: pos}
	line := []rune(doc.Line(pos.Line))
	if pos.Column < 1 || pos.Column > len(line) {
		return x
	}
	x.style = docfmt.StyleOf(line[pos.Column-1])
	return x
}

// CompileCondition compiles x, a condition, with variables vars and the
// parameters params (read as params.NAME). doc and path say where x is
// written (path is the field holding it, "disputeProcedure.stages[2].guards[0].check");
// doc may be nil when it is not written in a document.
//
// The condition is parsed and type-checked as a rule's check is: it must
// give true or false; it is held to MaxExpressionLength,
// MaxExpressionNodes and MaxNestingDepth; its estimated cost must be at
// most MaxEstimatedCost; a string compared with an enumerated field must be
// one of its values. Problems are [compact.Errors] of class ErrCompile (or
// compact.ErrLimit), each pointing at its place in the expression.
func CompileCondition(doc *compact.Document, path string, x Expr, params map[string]compact.Value, vars ...Variable) (*Condition, error) {
	return CompileConditionWith(doc, path, x, params, vars)
}

// CompileConditionWith is CompileCondition with options: the cost limits
// ([WithMaxCost], [WithMaxEstimatedCost], [WithEstimatedListSize],
// [WithEstimatedTextSize]) apply to the condition as they do to a pack's
// rules; [WithPack] means nothing here.
func CompileConditionWith(doc *compact.Document, path string, x Expr, params map[string]compact.Value, vars []Variable, opts ...Option) (*Condition, error) {
	var cfg compileConfig
	for _, o := range opts {
		o(&cfg)
	}
	var settings []*Setting
	for _, name := range slices.Sorted(maps.Keys(params)) {
		v := params[name]
		settings = append(settings, &Setting{Name: name, Type: v.Type(), Value: v})
	}
	var extra []reflect.Type
	for _, v := range vars {
		if t := structOf(v.Type); t != nil {
			extra = append(extra, t)
		}
	}
	prov, err := newProvider(settings, extra...)
	if err != nil {
		return nil, err
	}
	envOpts := envOptions(prov)
	envOpts = append(envOpts, cel.Variable("params", paramsType))
	for _, v := range vars {
		t, err := celTypeFor(v.Type)
		if err != nil {
			return nil, fmt.Errorf("rules: variable %s: %w", v.Name, err)
		}
		envOpts = append(envOpts, cel.Variable(v.Name, t))
	}
	celEnv, err := cel.NewEnv(envOpts...)
	if err != nil {
		return nil, fmt.Errorf("rules: building the CEL environment: %w", err)
	}
	env := &environment{prov: prov, lim: cfg.lim}
	field := ""
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path, field = path[:i], path[i+1:]
	} else {
		path, field = "", path
	}
	site := exprSite{doc: doc, path: path, env: celEnv, hint: func(msg, before string) string { return conditionHint(prov, vars, msg) }}
	prg, _, errs := env.compileAt(site, field, x, types.BoolType)
	if len(errs) > 0 {
		return nil, errs
	}
	return &Condition{prg: prg, vars: slices.Clone(vars), params: prov.params, text: x.Text}, nil
}

// conditionHint adds a "did you mean" and the variables a condition can
// use to cel-go's messages about names it does not know.
func conditionHint(prov *provider, vars []Variable, msg string) string {
	if m := undefinedField.FindStringSubmatch(msg); m != nil {
		if near := docfmt.Closest(m[1], prov.allFields()); near != "" {
			return fmt.Sprintf("%s; did you mean %q?", msg, near)
		}
		return msg
	}
	m := undeclaredRef.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	names := []string{"params"}
	for _, v := range vars {
		names = append(names, v.Name)
	}
	msg = strings.TrimSuffix(msg, " (in container '')")
	if near := docfmt.Closest(m[1], names); near != "" && !strings.Contains(msg, "did you mean") {
		msg += fmt.Sprintf("; did you mean %s?", near)
	}
	return msg + "; the condition can use " + strings.Join(names, ", ")
}

// structOf returns the struct type a variable's type is, points to or is a
// slice of, or nil.
func structOf(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == dateGoType || t == periodGoType {
		return nil
	}
	return t
}

// celTypeFor returns the CEL type of a variable's Go type.
func celTypeFor(t reflect.Type) (*types.Type, error) {
	switch {
	case t == dateGoType:
		return DateType, nil
	case t == periodGoType:
		return PeriodType, nil
	case t.Kind() == reflect.Pointer:
		return celTypeFor(t.Elem())
	case t.Kind() == reflect.Slice:
		elem, err := celTypeFor(t.Elem())
		if err != nil {
			return nil, err
		}
		return types.NewListType(elem), nil
	case t.Kind() == reflect.Struct:
		return types.NewObjectType(celTypeName(t)), nil
	case t.Kind() == reflect.String:
		return types.StringType, nil
	case t.Kind() == reflect.Bool:
		return types.BoolType, nil
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return types.IntType, nil
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return types.DoubleType, nil
	}
	return nil, fmt.Errorf("%s cannot be a variable's type", t)
}

// String returns the condition's text.
func (c *Condition) String() string { return c.text }

// Eval evaluates the condition with the variables' values, by name: every
// variable needs one, of its Go type. Like a rule, it runs untracked when
// its estimate is a true bound, and otherwise under the cost limit of one
// rule's evaluation (MaxCost, or the limit it was compiled with), stopping
// when ctx is done.
func (c *Condition) Eval(ctx context.Context, values map[string]any) (bool, error) {
	act := make(map[string]any, len(c.vars)+1)
	act["params"] = c.params
	for _, v := range c.vars {
		x, ok := values[v.Name]
		if !ok {
			return false, fmt.Errorf("rules: no value for the variable %s", v.Name)
		}
		act[v.Name] = x
	}
	eval := c.prg.prg.Eval
	if c.prg.tracked {
		eval = func(a any) (ref.Val, *cel.EvalDetails, error) { return c.prg.prg.ContextEval(ctx, a) }
	}
	out, _, err := eval(act)
	if err != nil {
		return false, fmt.Errorf("rules: %s", errorText(err, c.prg))
	}
	val := out.Value()
	b, ok := val.(bool)
	if !ok {
		return false, fmt.Errorf("rules: the condition gave %v, not true or false", val)
	}
	return b, nil
}
