package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/interpreter"

	"github.com/compactkit/compactkit/compact"
)

// EvalOption configures Check and Evaluate. Make one with [AsOf], [Period],
// [Workers], [RunCost] or [Timeout].
type EvalOption func(*evalConfig)

type evalConfig struct {
	asOf    compact.Date
	period  compact.Period
	workers int
	runCost uint64
	timeout time.Duration
}

// AsOf sets the date rules are evaluated as of. It is required: the engine
// never reads the clock, so the same records give the same findings on any
// day.
func AsOf(d compact.Date) EvalOption { return func(c *evalConfig) { c.asOf = d } }

// Period sets the period checked (the rules' period variable, and which
// records are in scope). By default it is the financial year containing the
// as-of date.
func Period(p compact.Period) EvalOption { return func(c *evalConfig) { c.period = p } }

// Workers sets how many goroutines Check evaluates subjects on; by default
// one per CPU (GOMAXPROCS).
func Workers(n int) EvalOption { return func(c *evalConfig) { c.workers = n } }

// RunCost sets the budget of a whole Check in cost units (default
// [MaxRunCost]; 0 keeps it). Once the evaluations have cost that much,
// the rest are not run: each gives an error finding that says so.
// Evaluate, which runs one subject, is bounded by each expression's limit.
func RunCost(units uint64) EvalOption { return func(c *evalConfig) { c.runCost = units } }

// Timeout sets how long a whole Check may run (by default there is no
// limit but the context's). Evaluations not finished when it passes give
// error findings saying so; the others keep their findings.
func Timeout(d time.Duration) EvalOption { return func(c *evalConfig) { c.timeout = d } }

// config applies opts to c, from zero. c is the caller's: the options are
// functions, so the config they set escapes, and Evaluate keeps it in its
// pooled state to allocate nothing.
func config(c *evalConfig, opts []EvalOption) error {
	*c = evalConfig{}
	for _, o := range opts {
		o(c)
	}
	if c.asOf.IsZero() {
		return errNoAsOf
	}
	return nil
}

var errNoAsOf = fmt.Errorf("%w: give the date to evaluate as of with rules.AsOf", ErrNoAsOf)

// Pack returns the resolved pack the engine was compiled from: its rules
// (with the pack that wrote each, severities and disables) and its
// parameters in force (with every layer that set them). It must not be
// changed.
func (e *Engine) Pack() *Pack { return e.pack }

// Check evaluates every rule in force on every subject in scope of the area
// the engine is bound to (the one given to [Compile]) for the as-of date and
// period (see [AsOf], [Period]), concurrently, and returns the findings in
// check order (see [Findings]). Without [Period] the period is the one
// [compact.Area.PeriodFor] chooses for the as-of date (the records' period
// when it contains the date, else its financial year), the same period
// `compact check` and `compact report` choose. To check other records,
// compile an engine for their area.
//
// A rule that fails to evaluate on a subject gives a finding with outcome
// error; it never stops the check. So does a rule stopped by its cost limit,
// and every rule not run because the check's budget ([RunCost]) or time
// ([Timeout]) was spent: each such finding names the limit. Check returns an error only for bad
// options or when ctx ends, with the context's error.
func (e *Engine) Check(ctx context.Context, opts ...EvalOption) (Findings, error) {
	c := new(evalConfig)
	if err := config(c, opts); err != nil {
		return nil, err
	}
	ctx, r, b, cancel := e.prepare(ctx, c)
	defer cancel()
	return e.check(ctx, e.world, r, c.workers, b)
}

// errTimeout is the cause of a check's context when its Timeout passes.
var errTimeout = errors.New("the check's time limit passed")

// budget is what a whole check may spend: cost units, and time.
type budget struct {
	limit   uint64
	spent   atomic.Uint64
	timeout time.Duration
	parent  context.Context // the caller's context, to tell its end from the timeout
}

// stopped says why an evaluation is not run, or "" when it may run.
func (b *budget) stopped(ctx context.Context) string {
	switch {
	case b.spent.Load() > b.limit:
		return fmt.Sprintf("not run: the check's budget of %d cost units (rules.MaxRunCost, --max-run-cost) was spent before this rule ran", b.limit)
	case b.timeout > 0 && ctx.Err() != nil && b.parent.Err() == nil:
		return fmt.Sprintf("not run: the check went past its time limit of %s (--timeout)", b.timeout)
	}
	return ""
}

// Area returns the area the engine is bound to: the one it was compiled
// for, whose compact's parameters it applied and whose records Check reads.
func (e *Engine) Area() *compact.Area { return e.area }

// Evaluate evaluates the rules in force on one subject and returns their
// findings in pack order. The subject is a record (*compact.Consultation,
// *compact.FundingDecision, *compact.Meeting, *compact.Nomination,
// *compact.Signature, *compact.Report), a governance *compact.Body, a
// *Member (Body and Organisation set), a signatory's *compact.Organisation,
// or a *compact.Resolved compact. Organisations, people, bodies and the
// records of collections are looked up in the area the engine was compiled
// for. The subject is evaluated whatever its dates; Check is what selects
// the records in scope.
//
// Like Check, Evaluate returns an error only for bad options, a value that
// is not a subject, or when ctx ends.
func (e *Engine) Evaluate(ctx context.Context, subjectValue any, opts ...EvalOption) ([]Finding, error) {
	return e.AppendEvaluate(ctx, nil, subjectValue, opts...)
}

// AppendEvaluate is Evaluate appending the findings to dst, for callers that
// evaluate a stream of records and reuse one slice: it then allocates
// nothing for rules that pass without explain values.
func (e *Engine) AppendEvaluate(ctx context.Context, dst []Finding, subjectValue any, opts ...EvalOption) ([]Finding, error) {
	// An embedder evaluating records one after another takes the hot spare
	// with one atomic swap; concurrent callers fall back to the pool.
	one := e.hot.Swap(nil)
	if one == nil {
		one = e.spare.Get().(*evaluation)
	}
	c := &one.cfg
	err := config(c, opts)
	if err != nil {
		if !e.hot.CompareAndSwap(nil, one) {
			e.spare.Put(one)
		}
		return dst, err
	}
	one.run.asOf, one.run.period, one.run.compact = c.asOf, c.period, e.world.compactVar
	s, err := e.world.subjectOf(&one.subject, subjectValue, &one.run, e.adapt)
	if err == nil {
		bindFrame(one.frame, s)
		rules := e.byKind[s.ki]
		n := len(dst)
		dst = slices.Grow(dst, len(rules))[:n+len(rules)]
		for i, cr := range rules {
			if _, err = cr.eval(ctx, s, &dst[n+i]); err != nil {
				dst = dst[:n]
				break
			}
		}
	}
	clear(one.subject.vars[:len(one.subject.names)]) // hold on to no record once back in the pool
	clear(one.subject.vals[:])
	if s != nil {
		s.frame = nil
	}
	if !e.hot.CompareAndSwap(nil, one) {
		e.spare.Put(one)
	}
	return dst, err
}

// evaluation is the state of one Evaluate call, pooled by the engine:
// Evaluate is the call embedders make once per record, and should cost
// little more than the rules themselves.
type evaluation struct {
	run     run
	subject subject
	cfg     evalConfig
	frame   *interpreter.ExecutionFrame // see bindFrame
}

func (e *Engine) newEvaluation() any {
	ev := &evaluation{run: run{params: e.params, epochs: e.epochs, compact: e.world.compactVar}}
	ev.frame = newFrame(&ev.subject)
	return ev
}

// adapt turns a Go slice into a CEL list once per subject, so the rules on
// the subject share it.
func (e *Engine) adapt(v any) any { return e.env.prov.NativeToValue(v) }

// chunkSize is how many subjects a worker takes at a time: large enough that
// handing out work costs nothing, small enough to share the work out evenly.
const chunkSize = 128

// check evaluates the engine's rules on the subjects of a world, within
// the budget.
func (e *Engine) check(ctx context.Context, w *world, r *run, workers int, b *budget) (Findings, error) {
	return e.checkSubjects(ctx, w.subjects(e.kinds, r, e.adapt), workers, b)
}

// checkSubjects evaluates the engine's rules on subjects, concurrently,
// within the budget, and returns the findings in the subjects' order.
func (e *Engine) checkSubjects(ctx context.Context, subjects []subject, workers int, b *budget) (Findings, error) {
	// Every subject gives one finding per rule of its kind, so where each
	// subject's findings go is known before any rule runs: the workers
	// write into one slice, in check order, with nothing to merge.
	at := make([]int, len(subjects)+1)
	for i := range subjects {
		at[i+1] = at[i] + len(e.byKind[subjects[i].ki])
	}
	out := make(Findings, at[len(subjects)])
	chunks := (len(subjects) + chunkSize - 1) / chunkSize
	var next atomic.Int64
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	for range min(workers, max(chunks, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var frame *interpreter.ExecutionFrame // one for every subject this goroutine checks
			defer func() {
				if frame != nil {
					frame.Close()
				}
			}()
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks || failed.Load() != nil {
					return
				}
				for i := c * chunkSize; i < min((c+1)*chunkSize, len(subjects)); i++ {
					s := &subjects[i]
					if frame == nil {
						frame = newFrame(s)
					}
					bindFrame(frame, s)
					err := e.checkSubject(ctx, s, out[at[i]:at[i+1]], b)
					s.frame = nil
					if err != nil {
						failed.CompareAndSwap(nil, &err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		return nil, *err
	}
	return out, nil
}

// checkSubject evaluates the rules on one subject into out, charging the
// budget. An evaluation the budget does not allow gives an error finding
// that says why; the error is the caller's context's, when it ends.
func (e *Engine) checkSubject(ctx context.Context, s *subject, out []Finding, b *budget) error {
	if err := b.parent.Err(); err != nil {
		return err
	}
	var spent uint64
	defer func() { b.spent.Add(spent) }()
	for j, cr := range e.byKind[s.ki] {
		if why := b.stopped(ctx); why != "" {
			cr.notRun(s, &out[j], why)
			continue
		}
		cost, err := cr.eval(ctx, s, &out[j])
		spent += cost
		if err != nil {
			if why := b.stopped(ctx); why != "" {
				cr.notRun(s, &out[j], strings.Replace(why, "not run:", "stopped:", 1))
				continue
			}
			return err
		}
	}
	return nil
}

// notRun makes f the error finding of a rule not run on s, saying why.
func (c *compiled) notRun(s *subject, f *Finding, why string) {
	r := c.rule
	*f = Finding{Rule: r.ID, Kind: s.kind, Subject: s.id, Organisation: s.org, Severity: r.Severity,
		Enforces: r.Enforces, Source: s.source, Outcome: Errored, Error: why}
}

// eval evaluates one rule on one subject into f, and returns what it cost
// (measured, or the bound of an expression run untracked). The error is
// the context's, when it ends; every other problem is an error finding.
func (c *compiled) eval(ctx context.Context, s *subject, f *Finding) (uint64, error) {
	r := c.rule
	*f = Finding{Rule: r.ID, Kind: s.kind, Subject: s.id, Organisation: s.org, Severity: r.Severity,
		Enforces: r.Enforces, Source: s.source, Provenance: s.prov}
	var spent uint64
	if c.when != nil {
		v, cost, err := c.when.eval(ctx, s)
		spent += cost
		if err != nil {
			return spent, failed(ctx, f, "when", err, c.when)
		}
		if b, ok := v.(types.Bool); !ok {
			return spent, failed(ctx, f, "when", fmt.Errorf("gave %v, not true or false", v), c.when)
		} else if !b {
			f.Outcome = NotApplicable
			return spent, c.evalUnknown(ctx, s, f)
		}
	}
	v, cost, err := c.check.eval(ctx, s)
	spent += cost
	if err != nil {
		return spent, failed(ctx, f, "check", err, c.check)
	}
	b, isBool := v.(types.Bool) // a type switch is cheaper than comparing interfaces
	switch {
	case isBool && bool(b):
		f.Outcome = Pass
	case isBool:
		f.Outcome = Fail
		m, cost, err := c.message.eval(ctx, s)
		spent += cost
		if str, ok := m.(types.String); ok && err == nil {
			f.Message = capMessage(s.run.params.render(string(str)))
		} else {
			if ctx.Err() != nil {
				return spent, ctx.Err()
			}
			if err == nil {
				err = fmt.Errorf("gave %v, not a string", m)
			}
			f.Message = s.run.params.render(r.Title)
			f.Error = "message: " + errorText(err, c.message)
		}
	default:
		return spent, failed(ctx, f, "check", fmt.Errorf("gave %v, not true or false", v), c.check)
	}
	if len(c.explain) > 0 {
		f.Values = make([]Value, len(c.explain))
		for i, x := range c.explain {
			f.Values[i].Name = x.name
			v, cost, err := x.prg.eval(ctx, s)
			spent += cost
			if err != nil {
				if ctx.Err() != nil {
					return spent, ctx.Err()
				}
				f.Values[i].Value = "error: " + errorText(err, x.prg)
				continue
			}
			f.Values[i].Value = export(v, 0)
		}
	}
	return spent, nil
}

// capMessage cuts a message longer than MaxMessageBytes, at a character.
func capMessage(m string) string {
	if len(m) <= MaxMessageBytes {
		return m
	}
	cut := MaxMessageBytes
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return m[:cut] + "…"
}

// failed makes f an error finding, unless the context ended.
func failed(ctx context.Context, f *Finding, field string, err error, p *program) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	f.Outcome = Errored
	f.Error = field + ": " + errorText(err, p)
	return nil
}

// errorText words an evaluation error for people, naming the limit that
// stopped it.
func errorText(err error, p *program) string {
	var cancelled interpreter.EvalCancelledError
	if errors.As(err, &cancelled) && cancelled.Cause == interpreter.CostLimitExceeded {
		return fmt.Sprintf("stopped: the rule went over the cost limit of %d units for one evaluation (rules.MaxCost) (%s)", p.limit, err)
	}
	return err.Error()
}

// eval evaluates the program on a subject, and returns what it cost:
// measured by the tracker, or its bound when it runs untracked. Only an
// expression with a loop looks at the context, before it starts, and it is
// given the context (cel-go checks it in loops alone, and setting it up
// costs as much as a small expression) when its cost limit is raised above
// watchAbove: under the default, an evaluation ends within milliseconds.
func (p *program) eval(ctx context.Context, s *subject) (ref.Val, uint64, error) {
	if !p.tracked {
		if p.measured != nil && p.evals.Add(1)%sampleEvery == 1 {
			return p.measure(s)
		}
		var in any = s
		if s.frame != nil {
			in = s.frame
		}
		v, _, err := p.prg.Eval(in)
		return v, p.charge(), err
	}
	var v ref.Val
	var det *cel.EvalDetails
	var err error
	switch {
	case p.watch:
		v, det, err = p.prg.ContextEval(ctx, s)
	case p.loops && ctx.Err() != nil:
		return nil, 0, ctx.Err()
	default:
		v, det, err = p.prg.Eval(s)
	}
	var cost uint64
	if det != nil && det.ActualCost() != nil {
		cost = *det.ActualCost()
	}
	if err != nil && cost == 0 {
		cost = p.limit // stopped at the limit, or failed: count the worst
	}
	return v, cost, err
}

// sampleEvery is how often an untracked expression with a measured program
// runs measured: the first evaluation and one in 32 after it. Its other
// evaluations cost a fifth of a measured one, so measuring adds an eighth
// to an evaluation on average; and the cost of such an expression depends
// on the length of the text it reads, which a sample of one record in 32
// follows well enough for a budget. It can never be stopped by the cost
// limit, measured or not: its bound is within it.
const sampleEvery = 32

// measure evaluates an untracked expression under the tracker, and notes
// what it cost for charge.
func (p *program) measure(s *subject) (ref.Val, uint64, error) {
	v, det, err := p.measured.Eval(s)
	cost := p.bound // what a failed evaluation is charged, as for a tracked one
	if det != nil && det.ActualCost() != nil && (err == nil || *det.ActualCost() > 0) {
		cost = *det.ActualCost()
	}
	p.sampled.Add(cost)
	p.samples.Add(1)
	return v, cost, err
}

// charge is what an evaluation of an untracked expression is charged: its
// bound, or, for one measured now and then, the mean of what the measured
// evaluations cost, rounded up.
func (p *program) charge() uint64 {
	if p.measured == nil {
		return p.bound
	}
	n := p.samples.Load()
	if n == 0 {
		return p.bound // the first measurement is still running
	}
	return min((p.sampled.Load()+n-1)/n, p.bound)
}

// maxExportedItems is the most items of a list an explain value reports.
const maxExportedItems = 100

// export turns a CEL value into a JSON-ready Go value.
func export(v ref.Val, depth int) any {
	switch x := v.(type) {
	case types.Int:
		return int64(x)
	case types.Uint:
		return uint64(x)
	case types.Double:
		return float64(x)
	case types.String:
		return string(x)
	case types.Bool:
		return bool(x)
	case types.Null:
		return nil
	case dateVal:
		if !x.given() {
			return nil
		}
		return x.p.String()
	case periodVal:
		return x.p.String()
	case traits.Lister:
		if depth > 2 {
			break
		}
		var out []any
		for it := x.Iterator(); it.HasNext() == types.True && len(out) < maxExportedItems; {
			out = append(out, export(it.Next(), depth+1))
		}
		if out == nil {
			out = []any{}
		}
		return out
	}
	return v.Value()
}

// evalUnknown gives a not-applicable finding the rule's unknown message,
// when it has one and it is not empty. The error is the context's, when it
// ends; any other problem is reported in the finding's Error.
func (c *compiled) evalUnknown(ctx context.Context, s *subject, f *Finding) error {
	if c.unknown == nil {
		return nil
	}
	m, _, err := c.unknown.eval(ctx, s)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		f.Error = "unknown: " + errorText(err, c.unknown)
		return nil
	}
	if str, ok := m.(types.String); ok {
		f.Message = capMessage(string(str))
	}
	return nil
}
