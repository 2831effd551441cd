package compactkit

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/plan"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/roles"
	"github.com/compactkit/compactkit/rules"
)

// Option configures [Load] and [Validate].
type Option func(*config)

type config struct {
	bases      []*compact.Library
	noNatl     bool
	rulePck    string
	allowEmpty bool
}

// WithLibrary makes the documents of lib available for the area to extend,
// ahead of the built-in national baseline (a document of lib wins over a
// national one of the same kind and id). It may be given more than once;
// earlier libraries win.
func WithLibrary(lib *compact.Library) Option {
	return func(c *config) { c.bases = append(c.bases, lib) }
}

// WithoutNational leaves the built-in national baseline (examples/national:
// the national Compact, rule pack and role catalogue) out of the library.
func WithoutNational() Option { return func(c *config) { c.noNatl = true } }

// AllowEmpty accepts an area with no documents (see compact.AllowEmpty);
// without it such an area is an error of class compact.ErrEmpty.
func AllowEmpty() Option { return func(c *config) { c.allowEmpty = true } }

// WithPack checks with the rule pack with the id (the area's, then the
// library's) instead of the area's own; see rules.WithPack.
func WithPack(id string) Option { return func(c *config) { c.rulePck = id } }

// Area is an area loaded once: its documents, decoded and cross-checked
// (see compact.LoadArea), with the library it extends. Its rule engine is
// compiled on first use and bound to it. An Area is read-only and safe to
// share between goroutines.
type Area struct {
	// Area is the loaded area.
	*compact.Area

	cfg    config
	engine func() (*rules.Engine, error)
}

// Load loads the area at path (a folder of documents, or one file holding a
// whole area) with the built-in national baseline and any libraries given.
// Problems in its documents are returned as compact.Errors, sorted by file,
// line and column; no area is returned then. Load checks what package
// compact owns (structure, ids, references, layering of the compact);
// [Validate] checks the rest.
func Load(path string, opts ...Option) (*Area, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	lib, err := cfg.library()
	if err != nil {
		return nil, err
	}
	copts := []compact.Option{compact.WithLibrary(lib)}
	if cfg.allowEmpty {
		copts = append(copts, compact.AllowEmpty())
	}
	a, err := compact.LoadArea(path, copts...)
	if err != nil {
		return nil, SortProblems(err)
	}
	return newArea(a, cfg), nil
}

// New wraps an area already loaded, for a program that built it itself
// (compact.NewArea). opts other than [WithPack] are ignored: the area's
// library is fixed when it is loaded.
func New(a *compact.Area, opts ...Option) *Area {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	return newArea(a, cfg)
}

func newArea(a *compact.Area, cfg config) *Area {
	out := &Area{Area: a, cfg: cfg}
	out.engine = sync.OnceValues(func() (*rules.Engine, error) {
		var ro []rules.Option
		if cfg.rulePck != "" {
			ro = append(ro, rules.WithPack(cfg.rulePck))
		}
		e, err := rules.Compile(a, ro...)
		if err != nil {
			return nil, SortProblems(err)
		}
		return e, nil
	})
	return out
}

func (c config) library() (*compact.Library, error) {
	var lib *compact.Library
	for _, l := range c.bases {
		lib = lib.With(l)
	}
	if !c.noNatl {
		natl, err := examples.Library()
		if err != nil {
			return nil, fmt.Errorf("compactkit: the built-in national baseline does not load: %w", err)
		}
		lib = lib.With(natl)
	}
	return lib, nil
}

// Engine returns the area's compiled rule engine, bound to the area (see
// rules.Engine): the area's rule pack, or the national one when it has
// none, or the pack of [WithPack]. It is compiled once, on first use.
func (a *Area) Engine() (*rules.Engine, error) { return a.engine() }

// Validate loads the area at path and checks every document in it, and
// returns every problem found, sorted by file, line and column, as
// compact.Errors: decoding and references (package compact), with, when
// the area does not load, the structure of the documents other packages
// own (rule packs, role catalogues, plans, priorities, dispute events,
// drafts, each decoded on its own); and, once the area loads, its rule packs (resolution and compilation of every
// expression), role catalogues and nominations, action plans and
// priorities, dispute cases and events, and drafts, all of them, not only the
// first package that complains. The area is returned when it loads, even
// with problems in the documents other packages own.
//
// Rule packs are checked when the area has one of its own (an area
// without one is checked with the national pack, which [Area.Check]
// compiles when it is needed).
func Validate(ctx context.Context, path string, opts ...Option) (*Area, error) {
	a, err := Load(path, opts...)
	if err != nil {
		return nil, SortProblems(dedupe(append(compact.AsErrors(err), decodeOthers(path)...)))
	}
	return a, a.Validate(ctx)
}

// decodeOthers decodes, each on its own, the documents at path of the
// kinds other packages own (rule packs, role catalogues, plans and
// priorities, dispute events), for an area that does not load: their
// references need the area, but their structure does not, so a user meets
// those problems in the same run.
func decodeOthers(path string) compact.Errors {
	docs, err := compact.ReadDir(path)
	if err != nil {
		if docs, err = compact.ReadFile(path); err != nil {
			return nil // reported by Load
		}
	}
	var out compact.Errors
	for _, d := range docs {
		var err error
		switch d.Kind {
		case compact.KindRulePack:
			_, err = rules.Decode(d)
		case compact.KindRoleCatalogue:
			_, err = roles.Decode(d)
		case compact.KindActionPlan:
			_, err = reporting.DecodeActionPlan(d)
		case compact.KindPriorities:
			_, err = reporting.DecodePriorities(d)
		case compact.KindDisputeEvent:
			_, err = dispute.ReadEvent(d)
		case compact.KindDraft:
			_, err = plan.DecodeDraft(d, nil) // its structure; what it names is checked when it is planned
		}
		out = append(out, compact.AsErrors(err)...)
	}
	return out
}

// Validate checks the documents of the loaded area that packages other
// than compact own, as the function [Validate] does, and returns every
// problem, sorted, or nil. ctx bounds the CEL conditions it evaluates
// (dispute guards replayed over stored cases).
func (a *Area) Validate(ctx context.Context) error {
	var all compact.Errors
	add := func(err error) { all = append(all, compact.AsErrors(err)...) }
	if len(a.DocumentsOf(compact.KindRulePack)) > 0 {
		_, err := a.Engine()
		add(err)
	}
	add(roles.Check(a.Area))
	add(reporting.Check(a.Area))
	add(dispute.Check(ctx, a.Area))
	add(plan.Check(a.Area))
	if len(all) == 0 {
		return nil
	}
	return SortProblems(dedupe(all))
}

// dedupe drops problems reported twice: a package that builds on another
// (the report on the role register, disputes on roles) reports that
// package's problems again.
func dedupe(list compact.Errors) compact.Errors {
	type key struct {
		pos       compact.Position
		path, msg string
	}
	seen := map[key]bool{}
	out := list[:0]
	for _, e := range list {
		k := key{e.Pos, e.Path, e.Msg}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}

// SortProblems returns the problems of err as compact.Errors in file,
// line and column order (problems without a position first, in the order
// found). It returns nil for a nil err.
func SortProblems(err error) error {
	list := compact.AsErrors(err)
	if list == nil {
		return nil
	}
	slices.SortStableFunc(list, func(x, y *compact.Error) int {
		return cmp.Or(strings.Compare(x.Pos.File, y.Pos.File), cmp.Compare(x.Pos.Line, y.Pos.Line), cmp.Compare(x.Pos.Column, y.Pos.Column))
	})
	return list
}

// Counts are how many of each thing an area holds, by name: documents,
// organisations, people, consultations, funding, meetings, nominations,
// signatures, reports and, with a compact, commitments, principles and
// bodies.
func (a *Area) Counts() map[string]int {
	r := &a.Area.Records
	m := map[string]int{
		"documents":     len(a.Documents),
		"organisations": len(a.Directory.Organisations),
		"people":        len(a.Directory.People),
		"consultations": len(r.Consultations),
		"funding":       len(r.Funding),
		"meetings":      len(r.Meetings),
		"nominations":   len(r.Nominations),
		"signatures":    len(r.Signatures),
		"reports":       len(r.Reports),
	}
	if a.Compact != nil {
		m["commitments"] = len(a.Compact.Commitments)
		m["principles"] = len(a.Compact.Principles)
		m["bodies"] = len(a.Compact.Governance)
	}
	return m
}

// RecordCount is how many records the area holds, of every kind.
func (a *Area) RecordCount() int {
	r := &a.Area.Records
	return len(r.Consultations) + len(r.Funding) + len(r.Meetings) + len(r.Nominations) + len(r.Signatures) + len(r.Reports)
}

// RunOption sets the date and period of [Area.Check] and [Area.Report].
type RunOption func(*run)

type run struct {
	asOf, today compact.Date
	period      compact.Period
	report      []reporting.Option
	eval        []rules.EvalOption
	stream      []rules.StreamOption
}

// AsOf sets the date to check or report as of. The default is the area's
// (compact.Area.DefaultAsOf: the end of its records period, or else the
// date given to [Today]).
func AsOf(d compact.Date) RunOption { return func(r *run) { r.asOf = d } }

// Period sets the period to check or report on. The default is the one
// compact.Area.PeriodFor chooses for the as-of date: the records period
// when it contains the date, else the financial year containing it.
func Period(p compact.Period) RunOption { return func(r *run) { r.period = p } }

// Today gives the current date, used as the as-of date of an area whose
// records have no period. The library never reads the clock; without
// Today and without [AsOf], such an area cannot be checked.
func Today(d compact.Date) RunOption { return func(r *run) { r.today = d } }

// EvalOptions passes options to the rules engine's check (rules.Timeout,
// rules.RunCost, rules.Workers ...); the as-of date and period are the
// run's own.
func EvalOptions(opts ...rules.EvalOption) RunOption {
	return func(r *run) { r.eval = append(r.eval, opts...) }
}

// StreamOptions passes options to the rules engine's streaming check
// ([rules.Progress]); only [Area.CheckStream] reads them.
func StreamOptions(opts ...rules.StreamOption) RunOption {
	return func(r *run) { r.stream = append(r.stream, opts...) }
}

// ReportOptions adds options of reporting.Build to [Area.Report] (a title,
// the look-ahead windows).
func ReportOptions(opts ...reporting.Option) RunOption {
	return func(r *run) { r.report = append(r.report, opts...) }
}

// ErrNoDate: neither an as-of date nor today was given for an area whose
// records have no period.
var ErrNoDate = errors.New("compactkit: no as-of date: the records have no period; give AsOf or Today")

func (a *Area) span(opts []RunOption) (run, error) {
	var r run
	for _, o := range opts {
		o(&r)
	}
	r.asOf, r.period = a.Span(r.asOf, r.period, r.today)
	if r.asOf.IsZero() {
		return r, ErrNoDate
	}
	return r, nil
}

// Checked is the result of [Area.Check]: the findings of every rule in
// force on every subject in scope, with the date and period checked and
// the pack checked with.
type Checked struct {
	// AsOf is the date checked as of.
	AsOf compact.Date
	// Period checked.
	Period compact.Period
	// Pack is the resolved rule pack checked with.
	Pack *rules.Pack
	// Findings, in check order.
	Findings rules.Findings
}

// Check checks the area with its rule engine (see [Area.Engine]) as of a
// date and for a period, chosen as `compact check` and `compact report`
// choose them (see [AsOf], [Period]). A pack that does not compile is
// returned as sorted compact.Errors.
func (a *Area) Check(ctx context.Context, opts ...RunOption) (*Checked, error) {
	r, err := a.span(opts)
	if err != nil {
		return nil, err
	}
	e, err := a.Engine()
	if err != nil {
		return nil, err
	}
	found, err := e.Check(ctx, append(slices.Clone(r.eval), rules.AsOf(r.asOf), rules.Period(r.period))...)
	if err != nil {
		return nil, err
	}
	return &Checked{AsOf: r.asOf, Period: r.period, Pack: e.Pack(), Findings: found}, nil
}

// CheckStream checks the records of a JSON Lines records file (see
// [compact.DecodeRecordLine]), read from r and named file in positions,
// with the area's rule engine, as of the date and for the period
// [Area.Check] would choose, and calls emit with each finding in file
// order (or, with rules.Encoded in StreamOptions, writes them encoded and
// emit may be nil): the record-kind rules in bounded memory, however many records,
// then the rules on collections over the area plus the streamed records
// (see [rules.Engine.CheckStream]; for several files, [Area.CheckCollected]).
// It returns the date and period checked, with the pack, and the
// stream's counts.
func (a *Area) CheckStream(ctx context.Context, r io.Reader, file string, emit func(rules.Finding) error, opts ...RunOption) (*Checked, rules.StreamStats, error) {
	run, err := a.span(opts)
	if err != nil {
		return nil, rules.StreamStats{}, err
	}
	e, err := a.Engine()
	if err != nil {
		return nil, rules.StreamStats{}, err
	}
	checked := &Checked{AsOf: run.asOf, Period: run.period, Pack: e.Pack()}
	st, err := e.CheckStream(ctx, r, file, emit, append(slices.Clone(run.eval), rules.AsOf(run.asOf), rules.Period(run.period)), run.stream...)
	return checked, st, err
}

// Report builds the annual report of the area as of a date and for a
// period, chosen as [Area.Check] chooses them, with the compliance findings
// of the area's rule engine and the cases of its dispute procedure (when
// its compact has one). Problems in the plans, nominations, rule pack or
// cases are returned as sorted compact.Errors.
func (a *Area) Report(ctx context.Context, opts ...RunOption) (*reporting.Report, error) {
	r, err := a.span(opts)
	if err != nil {
		return nil, err
	}
	if err := reporting.Check(a.Area); err != nil {
		return nil, SortProblems(err)
	}
	e, err := a.Engine()
	if err != nil {
		return nil, err
	}
	ro := []reporting.Option{reporting.WithFindings(reporting.RuleFindings(e)), reporting.WithCoverage(e.Coverage()), reporting.AsOf(r.asOf)}
	p, err := dispute.New(a.Area)
	switch {
	case errors.Is(err, dispute.ErrNoProcedure):
	case err != nil:
		return nil, SortProblems(err)
	default:
		ro = append(ro, reporting.WithCases(reporting.DisputeCases(p)))
	}
	rep, err := reporting.Build(ctx, a.Area, r.period, append(ro, r.report...)...)
	if err != nil {
		var list compact.Errors
		if errors.As(err, &list) {
			return nil, SortProblems(err)
		}
		return nil, err
	}
	return rep, nil
}

// Plan makes the plan for a draft decision in the area (see package plan)
// as of a date, with the area's rule engine: the dated checklist its
// compact asks for and what would fail as planned. Read the draft with
// plan.ReadDraft(path, area.Area).
func (a *Area) Plan(ctx context.Context, draft *plan.Draft, asOf compact.Date) (*plan.Plan, error) {
	e, err := a.Engine()
	if err != nil {
		return nil, err
	}
	return plan.Make(ctx, e, draft, asOf)
}
