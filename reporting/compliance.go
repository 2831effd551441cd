package reporting

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// ComplianceSection says what the compliance checks found in the period:
// how many passed and failed, the failures by rule, commitment,
// organisation and severity, and the change from the period before where
// that period has findings.
type ComplianceSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
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
			p := prev.fail[k]
			c := x.Count - p
			x.Previous, x.Change = &p, &c
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
	switch id {
	case rules.EnforcesGovernance:
		return "How the compact is run (governance)"
	case rules.EnforcesSigning:
		return "How organisations sign up to the compact (signing)"
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

func (b *builder) compliance(ctx context.Context) (ComplianceSection, error) {
	s := ComplianceSection{ByRule: []Tally{}, ByCommitment: []Tally{}, ByOrganisation: []Tally{}, BySeverity: []Tally{}, Failures: []FailedCheck{}}
	if b.cfg.findings == nil {
		s.Summary = []string{"No compliance checks were run for this report."}
		return s, nil
	}
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
		s.Previous = &PeriodTotals{Period: prevPeriod, Checks: p.pass + p.fail, Passed: p.pass, Failed: p.fail}
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
	if s.Previous != nil {
		switch diff := s.Failed - s.Previous.Failed; {
		case diff < 0:
			s.Summary = append(s.Summary, sentence(fmt.Sprintf("That is %d fewer %s than the %d in %s", -diff, nounFor(-diff, "failure", "failures"), s.Previous.Failed, prevPeriod)))
		case diff > 0:
			s.Summary = append(s.Summary, sentence(fmt.Sprintf("That is %d more %s than the %d in %s", diff, nounFor(diff, "failure", "failures"), s.Previous.Failed, prevPeriod)))
		default:
			s.Summary = append(s.Summary, sentence(fmt.Sprintf("That is the same number of failures as in %s", prevPeriod)))
		}
	} else {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("There are no findings for %s to compare with", prevPeriod)))
	}
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
	fc := FailedCheck{Rule: Ref{ID: f.Rule, Name: title}, Subject: f.Subject, Outcome: f.Outcome, Severity: f.Severity, Message: oneLine(f.Message)}
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
func hasRecords(a *compact.Area, p compact.Period) bool {
	r := &a.Records
	return slices.ContainsFunc(r.Consultations, func(c compact.Consultation) bool { return p.Contains(c.Opens) || p.Contains(c.Closes) }) ||
		slices.ContainsFunc(r.Funding, func(f compact.FundingDecision) bool { return p.Contains(f.Decided) }) ||
		slices.ContainsFunc(r.Meetings, func(m compact.Meeting) bool { return p.Contains(m.Date) }) ||
		slices.ContainsFunc(r.Nominations, func(n compact.Nomination) bool { return p.Contains(n.From) }) ||
		slices.ContainsFunc(r.Signatures, func(sg compact.Signature) bool { return p.Contains(sg.Signed) || p.Contains(sg.Withdrawn) }) ||
		slices.ContainsFunc(r.Reports, func(rep compact.Report) bool { return p.Contains(rep.Delivered) })
}
