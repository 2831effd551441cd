package rules

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/interpreter"

	"github.com/compactkit/compactkit/compact"
)

// EvalOption configures Check and Evaluate. Make one with [AsOf], [Period]
// or [Workers]. Options are plain values, so passing them allocates nothing.
type EvalOption struct {
	set    evalSetting
	date   compact.Date
	period compact.Period
	n      int
}

type evalSetting uint8

const (
	setAsOf evalSetting = iota + 1
	setPeriod
	setWorkers
)

type evalConfig struct {
	asOf    compact.Date
	period  compact.Period
	workers int
}

// AsOf sets the date rules are evaluated as of. It is required: the engine
// never reads the clock, so the same records give the same findings on any
// day.
func AsOf(d compact.Date) EvalOption { return EvalOption{set: setAsOf, date: d} }

// Period sets the period checked (the rules' period variable, and which
// records are in scope). By default it is the financial year containing the
// as-of date.
func Period(p compact.Period) EvalOption { return EvalOption{set: setPeriod, period: p} }

// Workers sets how many goroutines Check evaluates subjects on; by default
// one per CPU (GOMAXPROCS).
func Workers(n int) EvalOption { return EvalOption{set: setWorkers, n: n} }

func (e *Engine) config(opts []EvalOption) (evalConfig, error) {
	var c evalConfig
	for _, o := range opts {
		switch o.set {
		case setAsOf:
			c.asOf = o.date
		case setPeriod:
			c.period = o.period
		case setWorkers:
			c.workers = o.n
		}
	}
	if c.asOf.IsZero() {
		return c, errNoAsOf
	}
	return c, nil
}

var errNoAsOf = fmt.Errorf("%w: give the date to evaluate as of with rules.AsOf", ErrNoAsOf)

// Pack returns the resolved pack the engine was compiled from: its rules
// (with the pack that wrote each, severities and disables) and its
// parameters in force (with every layer that set them). It must not be
// changed.
func (e *Engine) Pack() *Pack { return e.pack }

// Check evaluates every rule in force on every subject of the area in scope
// for the as-of date and period (see [AsOf], [Period]), concurrently, and
// returns the findings in check order (see [Findings]). The area is usually
// the one the engine was compiled for, but need not be: an engine compiled
// once can check later records of the same area.
//
// A rule that fails to evaluate on a subject gives a finding with outcome
// error; it never stops the check. Check returns an error only for bad
// options or when ctx ends, with the context's error.
func (e *Engine) Check(ctx context.Context, area *compact.Area, opts ...EvalOption) (Findings, error) {
	c, err := e.config(opts)
	if err != nil {
		return nil, err
	}
	if c.period == (compact.Period{}) {
		c.period = compact.FinancialYearOf(c.asOf)
	}
	if c.workers < 1 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	w := worldOf(area)
	r := &run{asOf: c.asOf, period: c.period, params: e.params, epochs: e.epochs, compact: w.compactVar}
	return e.check(ctx, w, r, c.workers)
}

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
	c, err := e.config(opts)
	if err != nil {
		return dst, err
	}
	// An embedder evaluating records one after another takes the hot spare
	// with one atomic swap; concurrent callers fall back to the pool.
	one := e.hot.Swap(nil)
	if one == nil {
		one = e.spare.Get().(*evaluation)
	}
	one.run.asOf, one.run.period, one.run.compact = c.asOf, c.period, e.world.compactVar
	s, err := e.world.subjectOf(&one.subject, subjectValue, &one.run, e.adapt)
	if err == nil {
		rules := e.byKind[s.ki]
		n := len(dst)
		dst = slices.Grow(dst, len(rules))[:n+len(rules)]
		for i, cr := range rules {
			if err = cr.eval(ctx, s, &dst[n+i]); err != nil {
				dst = dst[:n]
				break
			}
		}
	}
	clear(one.subject.vars[:len(one.subject.names)]) // hold on to no record once back in the pool
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
}

func (e *Engine) newEvaluation() any {
	return &evaluation{run: run{params: e.params, epochs: e.epochs, compact: e.world.compactVar}}
}

// adapt turns a Go slice into a CEL list once per subject, so the rules on
// the subject share it.
func (e *Engine) adapt(v any) any { return e.env.prov.NativeToValue(v) }

// chunkSize is how many subjects a worker takes at a time: large enough that
// handing out work costs nothing, small enough to share the work out evenly.
const chunkSize = 128

// check evaluates the engine's rules on the subjects of a world.
func (e *Engine) check(ctx context.Context, w *world, r *run, workers int) (Findings, error) {
	subjects := w.subjects(e.kinds, r, e.adapt)
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
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks || failed.Load() != nil {
					return
				}
				for i := c * chunkSize; i < min((c+1)*chunkSize, len(subjects)); i++ {
					if err := ctx.Err(); err != nil {
						failed.CompareAndSwap(nil, &err)
						return
					}
					s := &subjects[i]
					for j, cr := range e.byKind[s.ki] {
						if err := cr.eval(ctx, s, &out[at[i]+j]); err != nil {
							failed.CompareAndSwap(nil, &err)
							return
						}
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

// eval evaluates one rule on one subject into f. The error is the
// context's, when it ends; every other problem is an error finding.
func (c *compiled) eval(ctx context.Context, s *subject, f *Finding) error {
	r := c.rule
	*f = Finding{Rule: r.ID, Kind: s.kind, Subject: s.id, Organisation: s.org, Severity: r.Severity,
		Enforces: r.Enforces, Source: s.source}
	if c.when != nil {
		v, err := c.when.eval(ctx, s)
		if err != nil {
			return failed(ctx, f, "when", err)
		}
		if b, ok := v.(types.Bool); !ok {
			return failed(ctx, f, "when", fmt.Errorf("gave %v, not true or false", v))
		} else if !b {
			f.Outcome = NotApplicable
			return nil
		}
	}
	v, err := c.check.eval(ctx, s)
	if err != nil {
		return failed(ctx, f, "check", err)
	}
	b, isBool := v.(types.Bool) // a type switch is cheaper than comparing interfaces
	switch {
	case isBool && bool(b):
		f.Outcome = Pass
	case isBool:
		f.Outcome = Fail
		m, err := c.message.eval(ctx, s)
		if str, ok := m.(types.String); ok && err == nil {
			f.Message = string(str)
		} else {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err == nil {
				err = fmt.Errorf("gave %v, not a string", m)
			}
			f.Message = r.Title
			f.Error = "message: " + err.Error()
		}
	default:
		return failed(ctx, f, "check", fmt.Errorf("gave %v, not true or false", v))
	}
	if len(c.explain) > 0 {
		f.Values = make([]Value, len(c.explain))
		for i, x := range c.explain {
			f.Values[i].Name = x.name
			v, err := x.prg.eval(ctx, s)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				f.Values[i].Value = "error: " + err.Error()
				continue
			}
			f.Values[i].Value = export(v, 0)
		}
	}
	return nil
}

// failed makes f an error finding, unless the context ended.
func failed(ctx context.Context, f *Finding, field string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	f.Outcome = Errored
	f.Error = field + ": " + errorText(err)
	return nil
}

// errorText words an evaluation error for people.
func errorText(err error) string {
	var cancelled interpreter.EvalCancelledError
	if errors.As(err, &cancelled) && cancelled.Cause == interpreter.CostLimitExceeded {
		return fmt.Sprintf("stopped: the rule went over the cost limit of %d units for one evaluation (%s)", MaxCost, err)
	}
	return err.Error()
}

// eval evaluates the program on a subject.
func (p *program) eval(ctx context.Context, s *subject) (ref.Val, error) {
	if p.loops {
		v, _, err := p.prg.ContextEval(ctx, s)
		return v, err
	}
	v, _, err := p.prg.Eval(s)
	return v, err
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
