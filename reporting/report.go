package reporting

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// Defaults of the report's look-ahead windows.
const (
	// DefaultClosingWithin is how many days ahead the consultation watch
	// looks for open consultations closing soon: two weeks, the time a
	// member organisation needs to write a response.
	DefaultClosingWithin = 14
	// DefaultMinComparableChecks is the fewest checks a period before must
	// have for the report to compare its failures with this period's: with
	// fewer, one record moves the failure rate by more than ten points, so
	// a rise or fall says nothing.
	DefaultMinComparableChecks = 10
	// DefaultEndingWithin is how many days ahead the roles section looks
	// for terms ending: a quarter, the notice a steering group needs to
	// find a successor.
	DefaultEndingWithin = 90
)

// National defaults of the numbers the report measures against, used when
// the area's compact does not set the parameter (the national Compact
// sets all three; a public sector compact such as Lincolnshire &
// Rutland's sets none).
const (
	DefaultConsultationWeeks          = 12 // Compact 2010, section 2
	DefaultConsultationFeedbackMonths = 3  // Code of Practice on Consultation, criterion 6
	DefaultFundingNoticeMonths        = 3  // Compact 2010, section 4
)

// Report is the annual compact report for an area and a period: who has
// signed up, who holds the compact's roles, how its bodies met, what the
// compliance checks found, how consultations and funding changes kept the
// compact, the challenges made and the action taken, and the progress of
// the area's plans and priorities. Every section has a summary in plain
// sentences and the figures behind it.
//
// Its JSON form is stable within compactkit/v1: fields may be added, never
// renamed or removed. The schema is schema/report.json.
type Report struct {
	// Area is the name of the area (its folder).
	Area string `json:"area"`
	// Compact is the area's compact, when it has one.
	Compact *Ref `json:"compact,omitempty"`
	// Title of the report.
	Title string `json:"title"`
	// Period the report covers.
	Period compact.Period `json:"period"`
	// AsOf is the date the report was made as of: records dated after it
	// are not counted.
	AsOf compact.Date `json:"asOf"`
	// Through is the last day counted: the end of the period, or the as-of
	// date when that is earlier.
	Through compact.Date `json:"through"`
	// Complete reports whether the period is over on the as-of date.
	Complete bool `json:"complete"`
	// ReportTo is the body the report goes to, where the compact names one
	// (a steering group's reporting line, or the dispute procedure's).
	ReportTo *Ref `json:"reportTo,omitempty"`
	// Summary is the report's headline, in sentences.
	Summary []string `json:"summary"`
	// Signatories: who is signed up, who joined and who left.
	Signatories SignatoriesSection `json:"signatories"`
	// Roles: who holds the compact's roles, vacancies, terms ending.
	Roles RolesSection `json:"roles"`
	// Governance: meetings held against the cadence, attendance, reports.
	Governance GovernanceSection `json:"governance"`
	// Compliance: what the compliance checks found.
	Compliance ComplianceSection `json:"compliance"`
	// Consultations: length, feedback and the consultation watch.
	Consultations ConsultationsSection `json:"consultations"`
	// Funding: reductions and endings, and the notice given.
	Funding FundingSection `json:"funding"`
	// Disputes: challenges made and resultant action taken.
	Disputes DisputesSection `json:"disputes"`
	// Plans: action plans and annual priorities, target against achieved.
	Plans PlansSection `json:"plans"`
	// Notes explain how the figures are counted.
	Notes []string `json:"notes"`
	// RAGRule says how plans and priorities are rated red, amber or green
	// (see [RAGRule]).
	RAGRule []string `json:"ragRule"`
}

// Option configures [Build].
type Option func(*config)

type config struct {
	asOf          compact.Date
	findings      FindingSource
	cases         CaseSource
	closingWithin int
	endingWithin  int
	title         string
	params        []*rules.Setting // the parameters in force; nil when the area has no pack
	coverage      *rules.Coverage
	semantics     bool
	minComparable int
}

// AsOf sets the date the report is made as of: records dated after it are
// not counted, and the consultation watch and terms ending look ahead from
// it. The default is the last day of the period. The library never reads
// the clock.
func AsOf(d compact.Date) Option { return func(c *config) { c.asOf = d } }

// WithFindings makes the compliance section from a source of findings
// (usually the rules engine). Without it the section says that no checks
// were run.
func WithFindings(src FindingSource) Option { return func(c *config) { c.findings = src } }

// WithCoverage states in the compliance section how many of the compact's
// commitments the checks cover (see rules.Engine.Coverage): "18 of the
// compact's 26 commitments are checked; 8 cannot be checked from records".
func WithCoverage(cov *rules.Coverage) Option { return func(c *config) { c.coverage = cov } }

// WithSemantics says with each failed check how its rule reads the records
// (the rule's semantics: how days count, which day a date means), so a
// reader can see why it failed. Off by default.
func WithSemantics() Option { return func(c *config) { c.semantics = true } }

// WithCases makes the disputes section from a source of cases (usually
// the dispute package). Without it the section says that no dispute
// records were given.
func WithCases(src CaseSource) Option { return func(c *config) { c.cases = src } }

// ClosingWithin sets how many days ahead the consultation watch looks
// (default [DefaultClosingWithin]).
func ClosingWithin(days int) Option { return func(c *config) { c.closingWithin = max(days, 0) } }

// EndingWithin sets how many days ahead the roles section looks for terms
// ending (default [DefaultEndingWithin]).
func EndingWithin(days int) Option { return func(c *config) { c.endingWithin = max(days, 0) } }

// MinComparableChecks sets the fewest checks the period before must have
// for its failures to be compared with this period's (default
// [DefaultMinComparableChecks]); 0 compares whatever it has.
func MinComparableChecks(n int) Option { return func(c *config) { c.minComparable = max(n, 0) } }

// Title sets the report's title (default "Annual compact report PERIOD",
// with the compact's title).
func Title(s string) Option { return func(c *config) { c.title = s } }

// Build makes the annual report of an area for a period. It reads the
// area's records, its compact, its roles (see package roles) and its
// ActionPlan and Priorities documents (see [LoadPlans]), and the findings
// and cases of the sources given. Problems in the plan documents or the
// nominations are returned as [compact.Errors]; a source's error is
// returned as it is.
func Build(ctx context.Context, area *compact.Area, period compact.Period, opts ...Option) (*Report, error) {
	cfg := config{closingWithin: DefaultClosingWithin, endingWithin: DefaultEndingWithin, minComparable: DefaultMinComparableChecks}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.asOf.IsZero() {
		cfg.asOf = period.To
	}
	if period.From.IsZero() || period.To.Before(period.From) {
		return nil, fmt.Errorf("reporting: the period %s is not a span of days", period)
	}
	var err error
	if cfg.params, err = paramsOf(area, cfg.findings); err != nil {
		return nil, err
	}
	plans, err := LoadPlans(area)
	if err != nil {
		return nil, err
	}
	tr, err := NewTracker(area, cfg.asOf)
	if err != nil {
		return nil, err
	}
	b := &builder{area: area, period: period, cfg: cfg, tracker: tr}
	b.through = period.To
	if cfg.asOf.Before(b.through) {
		b.through = cfg.asOf
	}
	r := &Report{Area: area.Name, Period: period, AsOf: cfg.asOf, Through: b.through, Complete: !cfg.asOf.Before(period.To)}
	r.Title = cfg.title
	if area.Compact != nil {
		r.Compact = &Ref{ID: area.Compact.ID, Name: area.Compact.Title}
		if r.Title == "" {
			r.Title = fmt.Sprintf("%s: annual report %s", area.Compact.Title, period)
		}
	}
	if r.Title == "" {
		r.Title = fmt.Sprintf("Annual compact report %s: %s", period, area.Name)
	}
	r.ReportTo = b.reportTo()
	r.Signatories = b.signatories()
	r.Roles = b.roles()
	r.Governance = b.governance()
	if r.Compliance, err = b.compliance(ctx); err != nil {
		return nil, err
	}
	r.Consultations = b.consultations()
	r.Funding = b.funding()
	if r.Disputes, err = b.disputes(ctx); err != nil {
		return nil, err
	}
	r.Plans = b.plans(plans)
	r.Summary = b.summary(r)
	r.Notes = b.notes(r)
	r.RAGRule = slices.Clone(RAGRule)
	return r, nil
}

// builder holds what the sections share.
type builder struct {
	area    *compact.Area
	period  compact.Period
	through compact.Date
	cfg     config
	tracker *Tracker
	labels  map[string]string // commitment labels, rendered once per commitment
}

// so returns " so far" while the period is not over.
func (b *builder) so() string {
	if b.through.Before(b.period.To) {
		return " so far"
	}
	return ""
}

// inPeriod reports whether d falls in the period, on or before the as-of
// date.
func (b *builder) inPeriod(d compact.Date) bool {
	return compact.Counts(d, b.period, b.cfg.asOf)
}

// reportTo finds the body the annual report goes to: the reporting line
// of the body the dispute procedure names, or of the first body with one.
func (b *builder) reportTo() *Ref {
	c := b.area.Compact
	if c == nil {
		return nil
	}
	for _, body := range c.Governance {
		if body.Reporting != nil && body.Reporting.EveryMonths >= 12 {
			r := bodyRef(b.area, body.Reporting.To)
			return &r
		}
	}
	if c.DisputeProcedure != nil && c.DisputeProcedure.ReportTo != "" {
		r := bodyRef(b.area, c.DisputeProcedure.ReportTo)
		return &r
	}
	return nil
}

// paramsOf returns the parameters in force: those of the pack the
// findings source checks with, or else of the area's pack as package rules
// works them out ([rules.Parameters]); nil, and no error, when the area has
// no pack.
func paramsOf(area *compact.Area, src FindingSource) ([]*rules.Setting, error) {
	if ps, ok := src.(packSource); ok {
		return ps.Pack().Parameters, nil
	}
	p, err := rules.Parameters(area)
	if errors.Is(err, rules.ErrNoPack) {
		return nil, nil
	}
	return p, err
}

// parameter reads a whole-number parameter in force and says which layer
// set it. The value is the one package rules works out (the pack's
// default, extending packs' overrides, the compact); an area without a rule
// pack reads its compact's value, or else the national default def.
func (b *builder) parameter(name string, def int) (int, string) {
	return parameterOf(b.area, b.cfg.params, name, def)
}

func parameterOf(a *compact.Area, params []*rules.Setting, name string, def int) (int, string) {
	for _, s := range params {
		if s.Name != name {
			continue
		}
		if f, ok := s.Value.AsFloat(); ok {
			return int(f), setBySentence(s)
		}
	}
	if a.Compact != nil {
		if v, ok := a.Compact.Parameter(name); ok {
			if f, ok := v.AsFloat(); ok {
				origin := "the compact"
				if o, ok := a.Compact.ParameterOrigin(name); ok {
					origin = "compact " + o.By
				}
				return int(f), fmt.Sprintf("%s sets %s: %s", origin, name, num(f))
			}
		}
	}
	return def, fmt.Sprintf("the compact does not set %s; the national Compact's %d is used", name, def)
}

// setBySentence says which layer set a parameter in force.
func setBySentence(s *rules.Setting) string {
	last := s.Origins[len(s.Origins)-1]
	f, _ := s.Value.AsFloat()
	switch last.Layer {
	case rules.LayerCompact, rules.LayerBaseCompact:
		return fmt.Sprintf("compact %s sets %s: %s", last.By, s.Name, num(f))
	case rules.LayerOverride:
		return fmt.Sprintf("the compact does not set %s; rule pack %s sets it to %s", s.Name, last.By, num(f))
	}
	return fmt.Sprintf("the compact does not set %s; rule pack %s's default of %s is used", s.Name, last.By, num(f))
}
