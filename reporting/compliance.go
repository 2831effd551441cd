package reporting

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// ComplianceSection says what the compliance checks found in the period:
// how many passed and failed, the failures by rule, commitment,
// organisation and severity, and the change from the period before where
// that period has findings.
type ComplianceSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// Coverage counts the compact's commitments the checks cover, when the
	// report was given it (WithCoverage).
	Coverage *CoverageCounts `json:"coverage,omitempty"`
	// Assessed reports whether checks were run; the rest of the section is
	// empty when they were not.
	Assessed bool `json:"assessed"`
	// Checks is how many checks applied (passed or failed).
	Checks int `json:"checks"`
	// Passed is how many checks passed.
	Passed int `json:"passed"`
	// Failed is how many checks failed.
	Failed int `json:"failed"`
	// NotApplicable is how many checks did not apply.
	NotApplicable int `json:"notApplicable"`
	// Errors is how many checks could not be made.
	Errors int `json:"errors"`
	// Previous is the totals of the period before, when that period has
	// data: records dated in it, and checks that passed or failed.
	Previous *PeriodTotals `json:"previous,omitempty"`
	// ByRule counts failures by rule.
	ByRule []Tally `json:"byRule"`
	// ByCommitment counts failures by the commitment the rule enforces (a
	// failure of a rule enforcing two commitments counts for each).
	ByCommitment []Tally `json:"byCommitment"`
	// ByOrganisation counts failures by the organisation responsible.
	ByOrganisation []Tally `json:"byOrganisation"`
	// BySeverity counts failures by severity.
	BySeverity []Tally `json:"bySeverity"`
	// Failures are the failed checks and those that could not be made, in
	// the order the source gave them.
	Failures []FailedCheck `json:"failures"`
}

// CoverageCounts says how many of the compact's commitments the rules
// check, how many cannot be checked from records, and how many could be but
// have no rule.
type CoverageCounts struct {
	// Commitments is how many commitments the compact has.
	Commitments int `json:"commitments"`
	// Checked is how many a rule in force enforces.
	Checked int `json:"checked"`
	// NotCheckable is how many cannot be checked from records.
	NotCheckable int `json:"notCheckable"`
	// Gaps is how many are checkable but have no rule.
	Gaps int `json:"gaps"`
}

// FailedCheck is a compliance check that failed or could not be made.
type FailedCheck struct {
	// Rule that failed, with its title.
	Rule Ref `json:"rule"`
	// Subject is the id of what was checked.
	Subject string `json:"subject"`
	// Organisation responsible, where there is one.
	Organisation *Ref `json:"organisation,omitempty"`
	// Outcome: fail, or error when the check could not be made.
	Outcome Outcome `json:"outcome"`
	// Severity of the rule.
	Severity string `json:"severity,omitempty"`
	// Commitments the rule enforces.
	Commitments []Ref `json:"commitments,omitempty"`
	// Message says what failed, in a sentence.
	Message string `json:"message,omitempty"`
	// Source is where an imported subject came from (see [Finding]).
	Source string `json:"source,omitempty"`
	// Semantics says how the rule reads the records, when the report was
	// asked for it (WithSemantics).
	Semantics string `json:"semantics,omitempty"`
}

// PeriodTotals are the totals of checks in a period.
type PeriodTotals struct {
	// Period checked.
	Period compact.Period `json:"period"`
	// Checks that applied.
	Checks int `json:"checks"`
	// Passed checks.
	Passed int `json:"passed"`
	// Failed checks.
	Failed int `json:"failed"`
	// Rate is the share of the checks that failed (0 to 1); 0 when no
	// check applied.
	Rate float64 `json:"rate"`
	// From is the first day the period counts from: the later of its start
	// and the compact's adoption.
	From compact.Date `json:"from"`
	// Comparable is false when the period has too few checks for its
	// failures to be compared with the report's period (see
	// [MinComparableChecks]); Reason then says why in a sentence.
	Comparable bool   `json:"comparable"`
	Reason     string `json:"reason,omitempty"`
}

// Tally is a count under a heading: failures of a rule, challenges at a
// stage.
type Tally struct {
	// Key is the id counted under (a rule, a commitment, an organisation, a
	// severity, a stage, an outcome).
	Key string `json:"key"`
	// Label is the key in words.
	Label string `json:"label"`
	// Count is how many.
	Count int `json:"count"`
	// Of is how many there could have been (the checks that applied), when
	// that is known.
	Of int `json:"of,omitempty"`
	// Previous is the count in the period before, when that period has
	// data.
	Previous *int `json:"previous,omitempty"`
	// Change is Count less Previous, when Previous is known.
	Change *int `json:"change,omitempty"`
	// PreviousOf is how many checks applied in the period before, when
	// Previous is known.
	PreviousOf *int `json:"previousOf,omitempty"`
}

// tallies counts failures (and the checks that applied) under keys.
type tallies struct {
	order  []string
	fail   map[string]int
	of     map[string]int
	labels map[string]string
}

func newTallies() *tallies {
	return &tallies{fail: map[string]int{}, of: map[string]int{}, labels: map[string]string{}}
}

func (t *tallies) add(key, label string, failed bool) {
	if _, ok := t.of[key]; !ok {
		t.order = append(t.order, key)
		t.labels[key] = label
	}
	t.of[key]++
	if failed {
		t.fail[key]++
	}
}

// list returns the keys with failures (or, with previous, failures in
// either period), most failures first, then in first-seen order.
func (t *tallies) list(prev *tallies) []Tally {
	out := []Tally{}
	keys := slices.Clone(t.order)
	if prev != nil {
		for _, k := range prev.order {
			if _, here := t.labels[k]; !here {
				keys = append(keys, k)
				t.labels[k] = prev.labels[k]
			}
		}
	}
	for _, k := range keys {
		x := Tally{Key: k, Label: t.labels[k], Count: t.fail[k], Of: t.of[k]}
		if prev != nil {
			p, po := prev.fail[k], prev.of[k]
			c := x.Count - p
			x.Previous, x.Change, x.PreviousOf = &p, &c, &po
		}
		if x.Count == 0 && (x.Previous == nil || *x.Previous == 0) {
			continue
		}
		out = append(out, x)
	}
	slices.SortStableFunc(out, func(a, b Tally) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

// commitmentLabel names a commitment for a report: its number and text.
func (b *builder) commitmentLabel(id string) string {
	if l, ok := b.labels[id]; ok {
		return l
	}
	l := b.commitmentLabelOnce(id)
	if b.labels == nil {
		b.labels = map[string]string{}
	}
	b.labels[id] = l
	return l
}

// commitmentLabelOnce works out a commitment's label (commitmentLabel
// keeps it: it is asked for once per finding).
func (b *builder) commitmentLabelOnce(id string) string {
	if b.area.Compact != nil {
		if c, ok := b.area.Compact.Commitment(id); ok {
			return b.render(commitmentName(c))
		}
	}
	return id
}

// render renders a text's parameter placeholders with the values in force:
// the finding source's, when it is a [Renderer], else the compact's numbers.
func (b *builder) render(text string) string {
	if r, ok := b.cfg.findings.(Renderer); ok {
		return r.Render(text)
	}
	if b.area.Compact != nil {
		return compact.Render(text, compact.NumberWords(b.area.Compact.Parameters))
	}
	return text
}

// breakdown counts findings by rule, commitment, organisation and severity.
type breakdown struct {
	rule, commitment, organisation, severity *tallies
	pass, fail, na, errs                     int
}

func (b *builder) breakdown(fs []Finding) *breakdown {
	d := &breakdown{rule: newTallies(), commitment: newTallies(), organisation: newTallies(), severity: newTallies()}
	for _, f := range fs {
		switch f.Outcome {
		case Pass:
			d.pass++
		case Fail:
			d.fail++
		case NotApplicable:
			d.na++
			continue
		default:
			d.errs++
			continue
		}
		failed := f.Outcome == Fail
		title := f.RuleTitle
		if title == "" {
			title = f.Rule
		}
		d.rule.add(f.Rule, title, failed)
		for _, c := range f.Commitments {
			d.commitment.add(c, b.commitmentLabel(c), failed)
		}
		if f.Organisation != "" {
			d.organisation.add(f.Organisation, orgRef(b.area, f.Organisation).Name, failed)
		}
		if f.Severity != "" {
			d.severity.add(f.Severity, f.Severity, failed)
		}
	}
	return d
}

// coverage adds the coverage counts and sentence, when the report has them.
func (b *builder) coverage(s *ComplianceSection) {
	cov := b.cfg.coverage
	if cov == nil {
		return
	}
	s.Coverage = &CoverageCounts{Commitments: cov.Total, Checked: cov.Checked, NotCheckable: cov.NotCheckable, Gaps: cov.Gaps}
	s.Summary = append(s.Summary, sentence(cov.Summary()))
}

func (b *builder) compliance(ctx context.Context) (ComplianceSection, error) {
	s := ComplianceSection{ByRule: []Tally{}, ByCommitment: []Tally{}, ByOrganisation: []Tally{}, BySeverity: []Tally{}, Failures: []FailedCheck{}}
	if b.cfg.findings == nil {
		s.Summary = []string{"No compliance checks were run for this report."}
		return s, nil
	}
	b.coverage(&s)
	cur, err := b.cfg.findings.Findings(ctx, b.period, b.cfg.asOf)
	if err != nil {
		return s, err
	}
	prevPeriod := b.period.Previous()
	var prev []Finding
	if hasRecords(b.area, prevPeriod) {
		if prev, err = b.cfg.findings.Findings(ctx, prevPeriod, prevPeriod.To); err != nil {
			return s, err
		}
	}
	s.Assessed = true
	d := b.breakdown(cur)
	s.Checks, s.Passed, s.Failed, s.NotApplicable, s.Errors = d.pass+d.fail, d.pass, d.fail, d.na, d.errs
	var pd *breakdown
	if p := b.breakdown(prev); p.pass+p.fail > 0 {
		pd = p
		s.Previous = b.totals(prevPeriod, p)
	}
	pick := func(f func(*breakdown) *tallies) *tallies {
		if pd == nil {
			return nil
		}
		return f(pd)
	}
	s.ByRule = d.rule.list(pick(func(x *breakdown) *tallies { return x.rule }))
	s.ByCommitment = d.commitment.list(pick(func(x *breakdown) *tallies { return x.commitment }))
	s.ByOrganisation = d.organisation.list(pick(func(x *breakdown) *tallies { return x.organisation }))
	s.BySeverity = d.severity.list(pick(func(x *breakdown) *tallies { return x.severity }))
	for _, f := range cur {
		if f.Outcome == Fail || f.Outcome == Errored {
			s.Failures = append(s.Failures, b.failedCheck(f))
		}
	}

	line := fmt.Sprintf("%s applied in %s%s: %d passed and %d failed", count(s.Checks, "compliance check", "compliance checks"), b.period, b.so(), s.Passed, s.Failed)
	if s.Checks == 0 {
		line = fmt.Sprintf("No compliance check applied in %s%s", b.period, b.so())
	}
	s.Summary = append(s.Summary, sentence(line))
	s.Summary = append(s.Summary, compareWords(&s, prevPeriod))
	if s.Errors > 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s could not be made; see the failures below", count(s.Errors, "check", "checks"))))
	}
	if len(s.ByCommitment) > 0 && s.ByCommitment[0].Count > 0 {
		top := s.ByCommitment[0]
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("The commitment most often not kept was “%s”, with %s", strings.TrimSuffix(top.Label, "."), count(top.Count, "failure", "failures"))))
	}
	if len(s.ByOrganisation) > 0 && s.ByOrganisation[0].Count > 0 {
		top := s.ByOrganisation[0]
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s had the most failures: %d of %d checks", top.Label, top.Count, top.Of)))
	}
	return s, nil
}

func (b *builder) failedCheck(f Finding) FailedCheck {
	title := f.RuleTitle
	if title == "" {
		title = f.Rule
	}
	fc := FailedCheck{Rule: Ref{ID: f.Rule, Name: title}, Subject: f.Subject, Outcome: f.Outcome, Severity: f.Severity, Message: oneLine(f.Message), Source: f.Source}
	if b.cfg.semantics {
		fc.Semantics = oneLine(f.RuleSemantics)
	}
	if f.Organisation != "" {
		r := orgRef(b.area, f.Organisation)
		fc.Organisation = &r
	}
	for _, c := range f.Commitments {
		fc.Commitments = append(fc.Commitments, Ref{ID: c, Name: b.commitmentLabel(c)})
	}
	return fc
}

// hasRecords reports whether the area has records dated in a period. Only
// then does the period before the report's have data to compare with:
// checks of a year with no records would only find that nothing was
// recorded.
func hasRecords(a *compact.Area, p compact.Period) bool { return a.Records.DatedIn(p) }

// totals are a period's checks, counted from the compact's adoption when
// it was adopted during the period, with whether there are enough to
// compare with.
func (b *builder) totals(p compact.Period, d *breakdown) *PeriodTotals {
	t := &PeriodTotals{Period: p, Checks: d.pass + d.fail, Passed: d.pass, Failed: d.fail, From: p.From}
	if t.Checks > 0 {
		t.Rate = float64(t.Failed) / float64(t.Checks)
	}
	var adopted compact.Date
	if b.area.Compact != nil {
		adopted = b.area.Compact.Adopted
	}
	if !adopted.IsZero() && adopted.After(p.From) {
		t.From = adopted
	}
	t.Comparable = t.Checks >= b.cfg.minComparable
	if !t.Comparable {
		why := fmt.Sprintf("only %s applied in %s", count(t.Checks, "check", "checks"), p)
		if t.From != p.From {
			why = fmt.Sprintf("the compact was adopted on %s, %s into %s, and only %s applied in it",
				longDate(t.From), count(compact.MonthsBetween(p.From, t.From), "month", "months"), p, count(t.Checks, "check", "checks"))
		}
		t.Reason = sentence(fmt.Sprintf("%s has too few records to compare with: %s, fewer than the %d a fair comparison needs", p, why, b.cfg.minComparable))
	}
	return t
}

// compareWords compares the period's failures with the period before, in
// counts and in rates: more failures can be a smaller share of more checks.
func compareWords(s *ComplianceSection, prev compact.Period) string {
	p := s.Previous
	if p == nil {
		return sentence(fmt.Sprintf("There are no findings for %s to compare with", prev))
	}
	before := fmt.Sprintf("In %s, %d of %s failed (%s)", prev, p.Failed, count(p.Checks, "check", "checks"), percent(p.Rate))
	if !p.Comparable {
		return sentence(before) + " " + p.Reason
	}
	rate := 0.0
	if s.Checks > 0 {
		rate = float64(s.Failed) / float64(s.Checks)
	}
	var counts string
	switch diff := s.Failed - p.Failed; {
	case diff < 0:
		counts = fmt.Sprintf("That is %d fewer %s than the %d in %s", -diff, nounFor(-diff, "failure", "failures"), p.Failed, prev)
	case diff > 0:
		counts = fmt.Sprintf("That is %d more %s than the %d in %s", diff, nounFor(diff, "failure", "failures"), p.Failed, prev)
	default:
		counts = fmt.Sprintf("That is the same number of failures as in %s", prev)
	}
	now, then := percent(rate), percent(p.Rate)
	var rates string
	switch {
	case now == then:
		rates = fmt.Sprintf("the same share of the checks: %s failed in both", now)
	case rate < p.Rate:
		rates = fmt.Sprintf("a smaller share of the checks: %s failed, against %s of %d", now, then, p.Checks)
	default:
		rates = fmt.Sprintf("a larger share of the checks: %s failed, against %s of %d", now, then, p.Checks)
	}
	join := ", and "
	if (s.Failed > p.Failed) != (rate > p.Rate) && now != then && s.Failed != p.Failed {
		join = ", but "
	}
	return sentence(counts + join + rates)
}
