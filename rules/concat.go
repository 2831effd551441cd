package rules

import (
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// A message is a chain of string concatenations ('Consultation ' +
// consultation.title + ' ran ' + string(days) + ' days …'), and cel-go's +
// makes a new string at each step, copying the last: a message of ten
// parts built nine strings, the most allocations of a check. So a chain of
// three or more parts is evaluated as one call of concatFunction, which
// builds one string. The rewrite is made on the program only: the
// expression is estimated, and any refusal worded, as written, and a chain
// costs at least what the call does (each + pays for what it copies).

// concatFunction is the function a chain of concatenations becomes. Its
// name is not one the parser reads, so no rule can call it.
const concatFunction = "@concat"

// maxConcatParts is the most parts one call joins; a longer chain is
// joined in calls of at most this many, nested.
const maxConcatParts = 16

// concatOverload is the overload id of concatFunction with n parts.
func concatOverload(n int) string { return fmt.Sprintf("concat_%d_strings", n) }

// concatFunctions declares concatFunction with 2 to maxConcatParts
// strings, each paying, like +, a tenth of a unit per character it copies.
func concatFunctions() []cel.EnvOption {
	var overloads []cel.FunctionOpt
	var models []cost.OverloadModel
	for n := 2; n <= maxConcatParts; n++ {
		args := make([]*cel.Type, n)
		parts := make([]cost.QuantityExpr, n)
		for i := range n {
			args[i], parts[i] = cel.StringType, cost.Arg(i)
		}
		id := concatOverload(n)
		overloads = append(overloads, cel.Overload(id, args, cel.StringType, cel.FunctionBinding(concatStrings)))
		models = append(models, cost.Overload(id, cost.EvalCost(cost.StringScan(cost.Sum(parts...))), cost.ResultSize(cost.Sum(parts...))))
	}
	return []cel.EnvOption{cel.Function(concatFunction, overloads...), cel.CostModel(models...)}
}

// concatStrings joins strings into one, built once.
func concatStrings(args ...ref.Val) ref.Val {
	n := 0
	for _, a := range args {
		s, ok := a.(types.String)
		if !ok {
			return types.MaybeNoSuchOverloadErr(a)
		}
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, a := range args {
		b.WriteString(string(a.(types.String)))
	}
	return types.String(b.String())
}

// concatOptimizer rewrites each chain of three or more string
// concatenations into calls of concatFunction.
type concatOptimizer struct{}

// Optimize implements cel.ASTOptimizer.
func (concatOptimizer) Optimize(ctx *cel.OptimizerContext, a *ast.AST) *ast.AST {
	tops := ast.MatchDescendants(ast.NavigateAST(a), func(e ast.NavigableExpr) bool {
		if !isStringAdd(e) {
			return false
		}
		p, ok := e.Parent()
		return !ok || !isStringAdd(p)
	})
	for _, top := range tops {
		var parts []ast.Expr
		var flatten func(e ast.NavigableExpr) bool
		flatten = func(e ast.NavigableExpr) bool {
			if isStringAdd(e) {
				for _, c := range e.Children() {
					if !flatten(c) {
						return false
					}
				}
				return true
			}
			if e.Type().Kind() != types.StringKind {
				return false // a part of another type: leave the chain as it is
			}
			parts = append(parts, e)
			return true
		}
		if !flatten(top) || len(parts) < 3 {
			continue
		}
		ctx.UpdateExpr(top, concatCall(ctx, parts))
	}
	return a
}

// concatCall is the call joining parts, nested when there are more than
// maxConcatParts.
func concatCall(ctx *cel.OptimizerContext, parts []ast.Expr) ast.Expr {
	for len(parts) > maxConcatParts {
		var joined []ast.Expr
		for len(parts) > 0 {
			n := min(maxConcatParts, len(parts))
			if n == 1 {
				joined = append(joined, parts[0])
			} else {
				joined = append(joined, ctx.NewCall(concatFunction, parts[:n]...))
			}
			parts = parts[n:]
		}
		parts = joined
	}
	return ctx.NewCall(concatFunction, parts...)
}

// concatenations is the optimizer that rewrites chains of concatenations.
var concatenations = func() *cel.StaticOptimizer {
	o, err := cel.NewStaticOptimizer(concatOptimizer{})
	if err != nil {
		panic(err) // only an unknown option fails
	}
	return o
}()

// forEvaluation returns the AST a program is made from: ast with its
// chains of concatenations joined, or ast itself if the rewrite fails
// (it cannot: the calls it makes are declared).
func forEvaluation(env *cel.Env, a *cel.Ast) *cel.Ast {
	out, iss := concatenations.Optimize(env, a)
	if iss.Err() != nil {
		return a
	}
	return out
}

// isStringAdd reports whether e is a + of two strings.
func isStringAdd(e ast.NavigableExpr) bool {
	return e.Kind() == ast.CallKind && e.AsCall().FunctionName() == operators.Add &&
		len(e.AsCall().Args()) == 2 && e.Type().Kind() == types.StringKind
}
