package rules

import (
	"fmt"
	"slices"
	"strings"

	"cel.dev/cel-go/cel"
	celast "cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
)

// costRefusal is an expression refused for its estimated cost: the place
// (an expression id) of the part that costs, and the message.
type costRefusal struct {
	at  int64
	msg string
}

func (r *costRefusal) Error() string { return r.msg }

// stringBuilders are the functions that build a string from their inputs,
// by the names people write.
var stringBuilders = map[string]bool{
	operators.Add: true, "format": true, "replace": true, "join": true, "lowerAscii": true, "upperAscii": true,
	"reverse": true, "strings.quote": true, "split": true, "substring": true, "trim": true, "string": true,
}

// refuse explains why an expression's estimate is over the limit: it finds
// the smallest part (a call or a loop) whose own estimate is over it, and
// names the function, the fields it reads and what to do instead.
func (env *environment) refuse(celEnv *cel.Env, ast *cel.Ast, total uint64) error {
	native := ast.NativeRep()
	est := env.lim.assumed()
	limit := env.lim.estimated()
	var culprit celast.Expr
	var cost uint64
	celast.PostOrderVisit(native.Expr(), celast.NewExprVisitor(func(ex celast.Expr) {
		if culprit != nil || ex.Kind() != celast.CallKind && (ex.Kind() != celast.ComprehensionKind || isBind(ex)) {
			return
		}
		pb, err := celast.ToProto(celast.NewCheckedAST(celast.NewAST(ex, native.SourceInfo()), native.TypeMap(), native.ReferenceMap()))
		if err != nil {
			return
		}
		c, err := celEnv.EstimateCost(cel.CheckedExprToAst(pb), est)
		if err == nil && c.Max > limit {
			culprit, cost = ex, c.Max
		}
	}))
	if culprit == nil {
		return &costRefusal{at: native.Expr().ID(), msg: fmt.Sprintf("this expression could cost up to %s units with lists of %d items; the limit is %d: split it into smaller rules",
			units(total), env.lim.lists(), limit)}
	}
	name, fields := describe(native, culprit)
	what := name + "()"
	if name == operators.Add {
		what = "+"
	}
	on := ""
	if len(fields) > 0 {
		on = " on " + strings.Join(fields, ", ")
	}
	var advice string
	switch {
	case culprit.Kind() == celast.ComprehensionKind && (hasLoop(culprit) || insideLoop(native, culprit)):
		advice = "avoid a loop inside a loop (all, exists, map, filter): test each list on its own, or count with size() and filter() in separate rules"
	case culprit.Kind() == celast.ComprehensionKind:
		advice = "the loop's body runs once per item: keep it to comparing fields, and build any text outside the loop"
	case stringBuilders[name] && insideLoop(native, culprit):
		advice = fmt.Sprintf("%s builds a new string for every item of the loop, from text taken to be %d characters: test the field (contains, startsWith, size) instead of building text from it in a loop", what, env.lim.assumed().text)
	case stringBuilders[name]:
		advice = fmt.Sprintf("%s builds a string from text taken to be %d characters each: build it from short fields (names, ids, dates), or test the text (contains, startsWith, size) rather than copying it", what, env.lim.assumed().text)
	default:
		advice = "split the expression, or test fewer items"
	}
	return &costRefusal{at: culprit.ID(), msg: fmt.Sprintf("%s%s could cost up to %s units (with lists of %d items); the limit for one expression is %d: %s",
		what, on, units(cost), env.lim.lists(), limit, advice)}
}

// units writes a cost for people.
func units(n uint64) string {
	if n == ^uint64(0) {
		return "an unbounded number of"
	}
	return fmt.Sprint(n)
}

// describe names a call or loop as written (the macro for a loop) and the
// fields it reads, as written ("funding.reasons").
func describe(a *celast.AST, ex celast.Expr) (string, []string) {
	name := ""
	if m, ok := a.SourceInfo().GetMacroCall(ex.ID()); ok && m.Kind() == celast.CallKind {
		name = m.AsCall().FunctionName()
	} else if ex.Kind() == celast.CallKind {
		name = ex.AsCall().FunctionName()
	}
	var fields, idents []string
	celast.PreOrderVisit(ex, celast.NewExprVisitor(func(e celast.Expr) {
		switch e.Kind() {
		case celast.SelectKind:
			s := e.AsSelect()
			if s.Operand().Kind() == celast.IdentKind {
				f := s.Operand().AsIdent() + "." + s.FieldName()
				if !slices.Contains(fields, f) && len(fields) < 3 {
					fields = append(fields, f)
				}
			}
		case celast.IdentKind:
			// A variable read whole: a loop's item, or a list or text variable.
			if id := e.AsIdent(); !strings.HasPrefix(id, "@") && !slices.Contains(idents, id) {
				idents = append(idents, id)
			}
		}
	}))
	if len(fields) == 0 {
		fields = idents[:min(len(idents), 3)]
	}
	return name, fields
}

// hasLoop reports whether a loop holds another loop.
func hasLoop(ex celast.Expr) bool {
	found := false
	c := ex.AsComprehension()
	for _, part := range []celast.Expr{c.LoopStep(), c.LoopCondition(), c.IterRange()} {
		celast.PreOrderVisit(part, celast.NewExprVisitor(func(e celast.Expr) {
			found = found || e.Kind() == celast.ComprehensionKind && !isBind(e)
		}))
	}
	return found
}

// insideLoop reports whether ex is inside the body of a loop of a.
func insideLoop(a *celast.AST, ex celast.Expr) bool {
	found := false
	celast.PreOrderVisit(a.Expr(), celast.NewExprVisitor(func(e celast.Expr) {
		if found || e.Kind() != celast.ComprehensionKind || isBind(e) {
			return
		}
		c := e.AsComprehension()
		for _, part := range []celast.Expr{c.LoopStep(), c.LoopCondition()} {
			celast.PreOrderVisit(part, celast.NewExprVisitor(func(x celast.Expr) {
				found = found || x.ID() == ex.ID()
			}))
		}
	}))
	return found
}
