package rules

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/cel"
	celast "cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// DefaultPack is the id of the pack an area without a rule pack of its own
// is checked with, when its library has it: the national pack.
const DefaultPack = "national"

// Engine is a rule pack resolved against one area and compiled: every rule
// in force, compiled once and ready to evaluate. An Engine is bound to the
// area it was compiled for: the area's compact sets its parameters, and
// [Engine.Check] and [Engine.Evaluate] read that area's directory and
// records, so neither takes an area. An Engine is immutable and safe for
// concurrent use; compile it once per area and check as often as needed.
type Engine struct {
	pack   *Pack
	env    *environment
	params *params
	epochs []epoch               // parameter values from the dates they change
	rules  []*compiled           // in force, in pack order
	byKind [numKinds][]*compiled // indexed by SubjectKind.index
	kinds  map[SubjectKind]bool
	area   *compact.Area              // the area the engine is bound to
	world  *world                     // the area's look-ups, for Check and Evaluate
	hot    atomic.Pointer[evaluation] // one spare evaluation, the cheapest to take
	spare  sync.Pool                  // of *evaluation, for Evaluate when hot is taken
}

// compiled is one rule, compiled.
type compiled struct {
	rule    *PackRule
	index   int // position in the pack, for sorting findings
	when    *program
	check   *program
	message *program
	unknown *program // nil when the rule has no unknown expression
	explain []namedProgram
	plan    []compiledStep // in the order written
}

type namedProgram struct {
	name string
	prg  *program
}

// program is one compiled expression.
type program struct {
	prg cel.Program
	// tracked is true when the expression runs under the runtime cost
	// tracker: stopped at the cost limit, checking the context as it
	// goes. An expression without a loop whose estimated cost, with lists
	// of any length, is at most MaxUntrackedCost runs untracked: its
	// estimate is a true bound, and tracking would cost more than it does.
	tracked bool
	// bound is the estimated worst-case cost of an untracked expression,
	// charged to a check's budget for each evaluation (but see measured).
	bound uint64
	// measured is set for an untracked expression whose bound is above
	// MaxUntrackedCost but within the cost limit, which therefore can
	// never stop it (a test of free text, a message built from it): the
	// same expression under the tracker. Charging the bound of such an
	// expression would spend a check's budget on the longest text decoding
	// allows, not the text there is, and tracking each evaluation costs
	// five times what the expression does; instead one evaluation in
	// sampleEvery runs measured, and the others are charged the mean of
	// what the measured ones cost (see charge).
	measured cel.Program
	// evals counts the evaluations of an expression with measured; samples
	// and sampled are how many ran measured and what they cost in all.
	evals, samples, sampled atomic.Uint64
	// limit is the cost limit of a tracked expression.
	limit uint64
	// loops is true when the expression has a comprehension (other than
	// cel.bind): the only place cel-go checks the context as it goes, so
	// only such an expression looks at the context: before it starts, and
	// as it goes (watch) when its cost limit is above watchAbove.
	loops, watch bool
}

// watchAbove is the cost limit above which an expression with a loop is
// evaluated with the context, to stop it half-way when the check's time is
// up. An evaluation stopped at MaxCost is a few milliseconds of work, so
// under the default limit the check notices the context between
// evaluations soon enough, and giving cel-go the context costs as much as
// evaluating a small loop (a test of a grant's clauses, most often none).
const watchAbove = MaxCost

// Option configures Compile (and the limits of CompileCondition). Make
// one with [WithPack] or a limit's With function; a limit of 0 keeps its
// default, the named constant.
type Option func(*compileConfig)

type compileConfig struct {
	pack string
	lim  limits
}

// limits are the cost limits of one engine; zero values are the defaults.
type limits struct {
	maxCost, maxEstimated, listSize, textSize uint64
}

// assumed is the estimator of the compile-time check of an expression run
// under the tracker.
func (l limits) assumed() estimator {
	return estimator{lists: or(l.listSize, EstimatedMaxListSize), text: or(l.textSize, EstimatedTextSize)}
}

func (l limits) cost() uint64      { return or(l.maxCost, MaxCost) }
func (l limits) estimated() uint64 { return or(l.maxEstimated, MaxEstimatedCost) }
func (l limits) lists() uint64     { return or(l.listSize, EstimatedMaxListSize) }

func or(n, def uint64) uint64 {
	if n == 0 {
		return def
	}
	return n
}

// compileOptions applies opts to a default configuration.
func compileOptions(opts []Option) compileConfig {
	var cfg compileConfig
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

// WithPack compiles the pack with the id (found in the area, then its
// library) instead of the area's own pack.
func WithPack(id string) Option { return func(c *compileConfig) { c.pack = id } }

// WithMaxCost sets the most one evaluation of an expression may cost
// before it is stopped (default [MaxCost]).
func WithMaxCost(units uint64) Option { return func(c *compileConfig) { c.lim.maxCost = units } }

// WithMaxEstimatedCost sets the highest estimated worst-case cost an
// expression may have to compile (default [MaxEstimatedCost]).
func WithMaxEstimatedCost(units uint64) Option {
	return func(c *compileConfig) { c.lim.maxEstimated = units }
}

// WithEstimatedListSize sets the length assumed for every list when the
// worst-case cost of an expression is estimated (default
// [EstimatedMaxListSize]).
func WithEstimatedListSize(n uint64) Option { return func(c *compileConfig) { c.lim.listSize = n } }

// WithEstimatedTextSize sets the length assumed for free text when the
// worst-case cost of an expression is estimated (default
// [EstimatedTextSize]).
func WithEstimatedTextSize(n uint64) Option { return func(c *compileConfig) { c.lim.textSize = n } }

// Compile resolves an area's rule pack against the packs it extends and the
// area's compact, and compiles every rule in force. The area's pack is the
// RulePack document no other pack in the area extends; an area without one
// is checked with the library's national pack ([DefaultPack]).
//
// Every problem (in the pack, the packs it extends, and the compact's
// parameters) is reported together as [compact.Errors], each with its file,
// line and column; compile errors in expressions point at the exact place in
// the expression, with the line quoted for a caret snippet.
func Compile(area *compact.Area, opts ...Option) (*Engine, error) {
	cfg := compileOptions(opts)
	pack, err := resolvePack(area, cfg)
	if err != nil {
		return nil, err
	}
	if err := pack.checkRuleRefs(area); err != nil {
		return nil, sortErrors(err)
	}
	e, err := compilePack(pack, cfg.lim)
	if err != nil {
		return nil, sortErrors(err)
	}
	e.area, e.world = area, worldOf(area)
	e.world.adapt = e.env.prov.NativeToValue
	e.spare.New = e.newEvaluation
	if errs := e.checkRequiredFacts(context.Background(), area); len(errs) > 0 {
		return nil, sortErrors(errs)
	}
	return e, nil
}

// ResolvePack resolves an area's rule pack (the one [Compile] would
// compile; [WithPack] picks another) against the packs it extends and the
// area's compact, and checks that the commitments its rules enforce are the
// compact's, without compiling its expressions. Its parameters are those
// of [Parameters]. Problems are reported as [Compile] reports them; an
// area with no pack and no national pack in its library gives [ErrNoPack].
func ResolvePack(area *compact.Area, opts ...Option) (*Pack, error) {
	cfg := compileOptions(opts)
	return resolvePack(area, cfg)
}

// Parameters returns the parameters in force for an area: the values of
// its rule pack's parameters (the pack [Compile] would compile; [WithPack]
// picks another) after every layer — the declaring pack's default, the
// overrides of extending packs, the area's compact — each with the layers
// that set it, sorted by name. It is the one place parameter values are
// worked out, read by the engine ([Pack.Parameters]) and the annual report
// alike; unlike [ResolvePack] it does not check the rules against the
// compact, so it answers for an area whose pack does not fit its compact.
// An area with no pack and no national pack in its library gives
// [ErrNoPack].
func Parameters(area *compact.Area, opts ...Option) ([]*Setting, error) {
	cfg := compileOptions(opts)
	pack, err := areaPack(area, cfg)
	if err != nil {
		return nil, err
	}
	if errs := pack.applyParameters(area); len(errs) > 0 {
		return nil, sortErrors(errs)
	}
	return pack.Parameters, nil
}

// areaPack resolves the area's rule pack (cfg's, or the area's own) and the
// packs it extends, before the compact is applied.
func areaPack(area *compact.Area, cfg compileConfig) (*Pack, error) {
	doc, err := packOf(area, cfg.pack)
	if err != nil {
		return nil, err
	}
	pack, err := resolve(doc, func(id string) (*compact.Document, bool) { return area.Find(compact.KindRulePack, id) })
	if err != nil {
		return nil, sortErrors(err)
	}
	return pack, nil
}

func resolvePack(area *compact.Area, cfg compileConfig) (*Pack, error) {
	pack, err := areaPack(area, cfg)
	if err != nil {
		return nil, err
	}
	pack.picked = cfg.pack != ""
	if err := pack.applyCompact(area); err != nil {
		return nil, sortErrors(err)
	}
	if errs := pack.checkPlaceholders(area); len(errs) > 0 {
		return nil, sortErrors(errs)
	}
	for _, r := range pack.Rules {
		r.Title = pack.Render(r.Title) // words follow numbers: the values in force
	}
	return pack, nil
}

// sortErrors puts problems in file order, so people read them top to bottom.
func sortErrors(err error) error {
	list := compact.AsErrors(err)
	list.Sort()
	return list
}

// packOf finds the pack to compile for an area.
func packOf(area *compact.Area, id string) (*compact.Document, error) {
	if id != "" {
		d, ok := area.Find(compact.KindRulePack, id)
		if !ok {
			return nil, fmt.Errorf("%w: no rule pack %q in %s or its library", ErrNoPack, id, area.Name)
		}
		return d, nil
	}
	own := area.DocumentsOf(compact.KindRulePack)
	tops, loop := compact.Top(own, func(d *compact.Document) string { return d.ID }, extendsOf)
	switch {
	case len(tops) == 1:
		return tops[0], nil
	case len(tops) > 1:
		var errs compact.Errors
		for _, d := range tops[1:] {
			errs = append(errs, d.Errorf("id", compact.ErrDuplicate, "an area has one rule pack, but %q and %q both stand alone; make one extend the other, or move base packs to a library", tops[0].ID, d.ID))
		}
		return nil, errs
	case loop:
		return nil, compact.Errors{compact.LoopError(own[0], "rule packs")}
	}
	if d, ok := area.Find(compact.KindRulePack, DefaultPack); ok {
		return d, nil
	}
	return nil, fmt.Errorf("%w: %s has no RulePack document and its library has no %q pack", ErrNoPack, area.Name, DefaultPack)
}

// extendsOf reads the extends field of a pack document without decoding it
// (a broken document is reported when it is decoded).
func extendsOf(d *compact.Document) string {
	var p struct {
		Extends string `json:"extends"`
	}
	_ = d.Decode(&p) // unknown fields are errors here; only extends matters
	return p.Extends
}

// compilePack compiles a resolved pack.
func compilePack(pack *Pack, lim limits) (*Engine, error) {
	env, err := newEnvironment(pack.Parameters, pack.facts)
	if err != nil {
		return nil, err
	}
	env.lim = lim
	e := &Engine{pack: pack, env: env, params: env.prov.params,
		kinds: map[SubjectKind]bool{}}
	e.epochs = epochsOf(pack.Parameters, e.params)
	var errs compact.Errors
	for i, r := range pack.Rules {
		if !r.InForce() {
			r.Uses = paramsNamed(&r.Rule) // not compiled: read from the text
			continue
		}
		c, ruleErrs := e.compileRule(r, i)
		errs = append(errs, ruleErrs...)
		if c != nil {
			e.rules = append(e.rules, c)
			e.byKind[r.On.index()] = append(e.byKind[r.On.index()], c)
			e.kinds[r.On] = true
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return e, nil
}

func (e *Engine) compileRule(r *PackRule, index int) (*compiled, compact.Errors) {
	c := &compiled{rule: r, index: index}
	var errs compact.Errors
	var uses []string
	compile := func(field string, x Expr, want *types.Type) *program {
		if x.IsZero() {
			return nil
		}
		p, used, err := e.env.compile(r, field, x, want)
		errs = append(errs, err...)
		uses = append(uses, used...)
		return p
	}
	c.when = compile("when", r.When, types.BoolType)
	c.check = compile("check", r.Check, types.BoolType)
	c.message = compile("message", r.Message, types.StringType)
	c.unknown = compile("unknown", r.Unknown, types.StringType)
	for _, name := range r.ExplainNames() {
		if p := compile("explain."+name, r.Explain[name], nil); p != nil {
			c.explain = append(c.explain, namedProgram{name, p})
		}
	}
	var planErrs compact.Errors
	c.plan, planErrs = e.compilePlan(r)
	errs = append(errs, planErrs...) // plan steps cite their own parameters (PlannedStep.Parameters)
	slices.Sort(uses)
	r.Uses = slices.Compact(uses)
	if len(errs) > 0 {
		return nil, errs
	}
	return c, nil
}

// exprSite is where expressions are written and what they are compiled
// against: a rule of a pack (its subject kind's environment), or a
// standalone condition.
type exprSite struct {
	doc  *compact.Document // the document the expressions are in; nil when unknown
	path string            // the path of the rule or condition in doc ("rules[3]")
	env  *cel.Env
	hint func(msg, before string) string // adds hints to cel-go's compile messages
}

// errorf reports a problem with the expression x at field of the site, at
// a place in x (line 0 for the whole expression).
func (site exprSite) errorf(field string, x Expr, line, col int, class error, format string, args ...any) *compact.Error {
	path := site.path
	if field != "" && path != "" {
		path += "." + field
	} else if field != "" {
		path = field
	}
	if site.doc == nil {
		return &compact.Error{Pos: x.Pos, Path: path, Msg: fmt.Sprintf(format, args...), Err: class}
	}
	e := site.doc.Errorf(path, class, format, args...)
	if line > 0 {
		e.Pos = x.position(site.doc.Line, line, col)
		e.Line = site.doc.Line(e.Pos.Line)
	}
	return e
}

// compile compiles one expression of a rule, against the rule's subject
// kind.
func (env *environment) compile(r *PackRule, field string, x Expr, want *types.Type) (*program, []string, compact.Errors) {
	site := exprSite{doc: r.doc, path: r.path, env: env.byKind[r.On],
		hint: func(msg, before string) string { return env.hint(r.On, msg, before) }}
	return env.compileAt(site, field, x, want)
}

// compileAt compiles one expression of a site: parse, type-check, check the
// result type, the literals and the estimated cost, and plan the program.
// It returns the parameters the expression reads.
func (env *environment) compileAt(site exprSite, field string, x Expr, want *types.Type) (*program, []string, compact.Errors) {
	celEnv := site.env
	errAt := func(line, col int, class error, format string, args ...any) *compact.Error {
		return site.errorf(field, x, line, col, class, format, args...)
	}
	if len(x.Text) > MaxExpressionLength {
		return nil, nil, compact.Errors{errAt(0, 0, compact.ErrLimit, "the expression is %d bytes long; the limit is %d", len(x.Text), MaxExpressionLength)}
	}
	if strings.TrimSpace(x.Text) == "" {
		return nil, nil, compact.Errors{errAt(0, 0, compact.ErrMissing, "the %s expression is empty", field)}
	}
	ast, iss := celEnv.Compile(x.Text)
	if iss.Err() != nil {
		var errs compact.Errors
		for _, ce := range iss.Errors() {
			l, c := ce.Location.Line(), max(ce.Location.Column(), 0) // -1 when CEL has no place
			if m := undefinedField.FindStringSubmatch(ce.Message); m != nil {
				l, c = fieldPlace(x.Text, l, c, m[1])
			}
			switch {
			case strings.Contains(ce.Message, "recursion limit exceeded"):
				errs = append(errs, errAt(l, c, compact.ErrLimit, "the expression nests more than %d levels deep (brackets, calls, operators); split the rule, or name parts of it with cel.bind", MaxNestingDepth))
			case strings.Contains(ce.Message, "node count exceeds limit"):
				errs = append(errs, errAt(l, c, compact.ErrLimit, "the expression has more than %d parts; split the rule", MaxExpressionNodes))
			default:
				errs = append(errs, errAt(l, c, ErrCompile, "%s", site.hint(ce.Message, textBefore(x.Text, l, c))))
			}
		}
		return nil, nil, errs
	}
	var errs compact.Errors
	native := ast.NativeRep()
	loc := func(id int64) (int, int) {
		l := native.SourceInfo().GetStartLocation(id)
		return l.Line(), l.Column()
	}
	if out := ast.OutputType(); want != nil && !out.IsExactType(want) && out.Kind() != types.DynKind {
		what := map[string]string{"bool": "true or false (bool)", "string": "a string", DateType.String(): "a date"}[want.String()]
		errs = append(errs, errAt(1, 0, ErrCompile, "%s must give %s, but this gives %s", field, what, out))
	}
	loops := false
	var uses []string
	celast.PostOrderVisit(native.Expr(), celast.NewExprVisitor(func(ex celast.Expr) {
		switch ex.Kind() {
		case celast.ComprehensionKind:
			loops = loops || !isBind(ex)
		case celast.SelectKind:
			s := ex.AsSelect()
			if s.Operand().Kind() == celast.IdentKind && s.Operand().AsIdent() == "params" {
				uses = append(uses, s.FieldName())
			}
		case celast.CallKind:
			for _, e := range env.checkLiterals(native, ex) {
				l, c := loc(e.id)
				errs = append(errs, errAt(l, c, ErrCompile, "%s", e.msg))
			}
		}
	}))
	if len(errs) > 0 {
		return nil, nil, errs
	}
	p, err := env.plan(celEnv, ast, loops)
	if err != nil {
		var refusal *costRefusal
		if errors.As(err, &refusal) {
			l, c := loc(refusal.at)
			return nil, nil, compact.Errors{errAt(l, c, compact.ErrLimit, "%s", refusal.msg)}
		}
		return nil, nil, compact.Errors{errAt(0, 0, ErrCompile, "%v", err)}
	}
	return p, uses, nil
}

// isBind reports whether a comprehension is cel.bind, which names a value
// and does not loop: a comprehension over an empty list.
func isBind(ex celast.Expr) bool {
	r := ex.AsComprehension().IterRange()
	return r.Kind() == celast.ListKind && len(r.AsList().Elements()) == 0
}

// plan chooses how an expression runs, from its estimated cost, and makes
// its program. With lists of any length, the estimate of an expression
// without a loop is a true upper bound (every string it reads is a
// document value, at most compact.MaxValueBytes); when that bound is at
// most MaxUntrackedCost, the expression runs untracked. Every other
// expression must have an estimate, with lists of the assumed size,
// within the estimated-cost limit, or it is refused with the part that
// costs. One without a loop whose bound is within the cost limit runs
// untracked too, measured one evaluation in sampleEvery (see
// program.measured); the rest run under the cost tracker, stopped at the
// cost limit.
func (env *environment) plan(celEnv *cel.Env, ast *cel.Ast, loops bool) (*program, error) {
	bound, err := celEnv.EstimateCost(ast, estimator{})
	if err != nil {
		return nil, fmt.Errorf("the cost of the expression cannot be estimated: %v", err)
	}
	run := forEvaluation(celEnv, ast) // estimated as written, run joined
	if !loops && bound.Max <= MaxUntrackedCost {
		prg, err := celEnv.Program(run, cel.EvalOptions(cel.OptOptimize))
		if err != nil {
			return nil, err
		}
		return &program{prg: prg, bound: bound.Max}, nil
	}
	est, err := celEnv.EstimateCost(ast, env.lim.assumed())
	if err != nil {
		return nil, fmt.Errorf("the cost of the expression cannot be estimated: %v", err)
	}
	if est.Max > env.lim.estimated() {
		return nil, env.refuse(celEnv, ast, est.Max)
	}
	tracked, err := celEnv.Program(run, cel.EvalOptions(cel.OptOptimize),
		cel.CostLimit(env.lim.cost()), cel.InterruptCheckFrequency(InterruptCheckFrequency))
	if err != nil {
		return nil, err
	}
	if !loops && bound.Max <= env.lim.cost() {
		// The limit cannot stop it: run it untracked, measured now and then.
		prg, err := celEnv.Program(run, cel.EvalOptions(cel.OptOptimize))
		if err != nil {
			return nil, err
		}
		return &program{prg: prg, bound: bound.Max, measured: tracked}, nil
	}
	return &program{prg: tracked, tracked: true, limit: env.lim.cost(), loops: loops,
		watch: loops && env.lim.cost() > watchAbove}, nil
}

type literalErr struct {
	id  int64
	msg string
}

// checkLiterals checks the string literals a call compares with enumerated
// fields (funding.kind == 'reduciton' can never be true) and the dates
// written with date('...').
func (env *environment) checkLiterals(a *celast.AST, call celast.Expr) []literalErr {
	c := call.AsCall()
	args := c.Args()
	var out []literalErr
	switch c.FunctionName() {
	case "date":
		if len(args) == 1 && args[0].Kind() == celast.LiteralKind {
			if s, ok := args[0].AsLiteral().(types.String); ok {
				if _, err := compact.ParseDate(string(s)); err != nil {
					out = append(out, literalErr{args[0].ID(), err.Error()})
				}
			}
		}
	case operators.Equals, operators.NotEquals, operators.In:
		if len(args) != 2 {
			return nil
		}
		field, lits := args[0], args[1]
		if c.FunctionName() != operators.In && field.Kind() != celast.SelectKind {
			field, lits = lits, field
		}
		if field.Kind() != celast.SelectKind {
			return nil
		}
		s := field.AsSelect()
		t := a.GetType(s.Operand().ID())
		if t == nil {
			return nil
		}
		values, what := env.prov.enumValues(t.TypeName(), s.FieldName())
		if values == nil {
			return nil
		}
		var candidates []celast.Expr
		switch lits.Kind() {
		case celast.LiteralKind:
			candidates = []celast.Expr{lits}
		case celast.ListKind:
			candidates = lits.AsList().Elements()
		}
		for _, l := range candidates {
			if l.Kind() != celast.LiteralKind {
				continue
			}
			str, ok := l.AsLiteral().(types.String)
			if !ok || str == "" || slices.Contains(values, string(str)) { // "" is a value not given
				continue
			}
			msg := fmt.Sprintf("%q is never a %s; expected one of %s", string(str), what, strings.Join(values, ", "))
			if near := docfmt.Closest(string(str), values); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			out = append(out, literalErr{l.ID(), msg})
		}
	}
	return out
}

var paramRef = regexp.MustCompile(`\bparams\.([A-Za-z_][A-Za-z0-9_]*)`)

// paramsNamed lists the parameters a rule's expressions name, from their
// text.
func paramsNamed(r *Rule) []string {
	var out []string
	for _, x := range append([]Expr{r.When, r.Check, r.Message, r.Unknown}, slices.Collect(maps.Values(r.Explain))...) {
		for _, m := range paramRef.FindAllStringSubmatch(x.Text, -1) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var (
	undefinedField = regexp.MustCompile(`^undefined field '([^']+)'`)
	undeclaredRef  = regexp.MustCompile(`^undeclared reference to '([^']+)'`)
)

// fieldPlace moves the place CEL reports an undefined field at to the dot
// before the field's name, when the report is at an enclosing call (inside
// has(...), CEL reports the has).
func fieldPlace(text string, line, col int, field string) (int, int) {
	lines := strings.Split(text, "\n")
	for l := line; l >= 1 && l <= len(lines); l++ {
		runes := []rune(lines[l-1])
		from := 0
		if l == line {
			from = min(col, len(runes))
		}
		for i := from; i < len(runes); i++ {
			if runes[i] != '.' || !strings.HasPrefix(string(runes[i+1:]), field) {
				continue
			}
			if end := i + 1 + len([]rune(field)); end == len(runes) || !isIdentRune(runes[end]) {
				return l, i
			}
		}
	}
	return line, col
}

func isIdentRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// textBefore returns the text of an expression before a place CEL reports.
func textBefore(text string, line, col int) string {
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return ""
		}
		text = text[i+1:]
	}
	return string([]rune(text)[:min(col, len([]rune(text)))])
}

// hint adds a "did you mean" and the variables a rule can use to cel-go's
// compile messages. before is the expression's text before the mistake.
func (env *environment) hint(kind SubjectKind, msg, before string) string {
	if strings.HasPrefix(msg, "Syntax error: mismatched input '<EOF>'") {
		return "Syntax error: the expression ends too soon; something is missing at its end"
	}
	if strings.HasPrefix(msg, "found no matching overload") && strings.Contains(msg, "date") {
		return msg + "; a date compares and counts only with dates: date('2024-04-01'), addMonths(funding.decided, 3), asOf"
	}
	if m := undefinedField.FindStringSubmatch(msg); m != nil {
		if strings.HasSuffix(strings.TrimRight(before, " "), "params.") || strings.HasSuffix(before, "params") {
			names := env.prov.params.names
			if len(names) == 0 {
				return fmt.Sprintf("no parameter %s: the pack declares no parameters; declare it under parameters", m[1])
			}
			msg = fmt.Sprintf("no parameter %s", m[1])
			if near := docfmt.Closest(m[1], names); near != "" {
				msg += fmt.Sprintf("; did you mean %s?", near)
			}
			return msg + "; the pack's parameters are " + strings.Join(names, ", ")
		}
		if kind, ok := factsBefore(before); ok {
			names := env.prov.factNames(kind)
			if len(names) == 0 {
				return fmt.Sprintf("no fact %s: the compact declares no facts for %s records; declare it under facts.%s", m[1], kind, kind)
			}
			msg = fmt.Sprintf("no fact %s", m[1])
			if near := docfmt.Closest(m[1], names); near != "" {
				msg += fmt.Sprintf("; did you mean %s?", near)
			}
			return msg + fmt.Sprintf("; the compact declares for %s records: %s", kind, strings.Join(names, ", "))
		}
		if near := docfmt.Closest(m[1], env.prov.allFields()); near != "" {
			return fmt.Sprintf("%s; did you mean %q?", msg, near)
		}
		return msg
	}
	if m := undeclaredRef.FindStringSubmatch(msg); m != nil {
		var names []string
		for _, v := range kindVars[kind] {
			names = append(names, v.name)
		}
		for _, v := range commonVars {
			names = append(names, v.name)
		}
		msg = strings.TrimSuffix(msg, " (in container '')")
		if near := docfmt.Closest(m[1], names); near != "" {
			msg += fmt.Sprintf("; did you mean %s?", near)
		}
		return fmt.Sprintf("%s; rules on %s can use %s", msg, kind, strings.Join(names, ", "))
	}
	return msg
}

// factsBefore reports whether an expression's text before a mistake ends
// with RECORD.facts., and which record kind's facts those are.
func factsBefore(before string) (string, bool) {
	b := strings.TrimRight(before, " ")
	b = strings.TrimSuffix(b, ".")
	head, ok := strings.CutSuffix(b, ".facts")
	if !ok {
		return "", false
	}
	i := strings.LastIndexFunc(head, func(r rune) bool { return !isIdentRune(r) })
	switch head[i+1:] {
	case "consultation", "funding", "meeting", "nomination", "signature", "report":
		return head[i+1:], true
	}
	return "", false
}

// allFields lists every field name of every type rules see, once.
func (p *provider) allFields() []string {
	var out []string
	for _, list := range p.fields {
		for _, f := range list {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	out = append(out, p.params.names...)
	slices.Sort(out)
	return out
}

// enumValues returns the allowed values of an enumerated field, and what
// the values are, or nil when the field is not enumerated.
func (p *provider) enumValues(structType, field string) ([]string, string) {
	e := p.enums[structType][field]
	return e.values, e.what
}
