package rules

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/roles"
)

// TestResult is the result of one test case of a pack.
type TestResult struct {
	// Pack is the id of the pack the test belongs to.
	Pack string `json:"pack"`
	// Name of the test.
	Name string `json:"name"`
	// Source is where the test was written.
	Source compact.Position `json:"source"`
	// Passed is true when every expectation held and no rule errored.
	Passed bool `json:"passed"`
	// Failures list what did not hold.
	Failures []TestFailure `json:"failures,omitempty"`
	// Outcomes counts the outcomes each rule gave on the test's records,
	// by rule id, for [TestCoverage].
	Outcomes map[string]map[Outcome]int `json:"-"`
}

// TestFailure is one expectation that did not hold, or a rule that errored
// on a test's records.
type TestFailure struct {
	// Rule id.
	Rule string `json:"rule"`
	// Subject id.
	Subject string `json:"subject"`
	// Want is the outcome expected; empty for an unexpected error.
	Want Outcome `json:"want,omitempty"`
	// Got is the outcome the rule gave; empty when it gave none.
	Got Outcome `json:"got,omitempty"`
	// Message explains the failure.
	Message string `json:"message"`
	// Source is where the expectation was written.
	Source compact.Position `json:"source"`
}

// Test runs the tests of the engine's pack (the area's own pack, not the
// packs it extends): for each, the rules in force are evaluated on the
// test's records as of its date, with the parameters in force and the
// test's own, and the outcomes compared with those expected. The compact's
// governance bodies and signatories are used unless the test gives its own.
//
// A test that names a rule or parameter the pack does not have is a mistake
// in the pack, reported as [compact.Errors]; outcomes that differ are test
// failures, in the results. With [TestsMatching] only the tests whose
// names match run, but every test is still checked for such mistakes.
func (e *Engine) Test(ctx context.Context, opts ...TestOption) ([]TestResult, error) {
	var tc testConfig
	for _, o := range opts {
		o(&tc)
	}
	doc := e.pack.doc
	var errs compact.Errors
	var results []TestResult
	for i, t := range e.pack.Tests {
		path := fmt.Sprintf("tests[%d]", i)
		p, err := e.params.with(e.pack, t.Parameters, func(name string, format string, args ...any) {
			errs = append(errs, doc.Errorf(path+".parameters."+name, compact.ErrReference, format, args...))
		})
		for j, x := range t.Expect {
			if r, ok := e.pack.Rule(x.Rule); !ok {
				msg := fmt.Sprintf("no rule %q in pack %s", x.Rule, e.pack.ID)
				if near := docfmt.Closest(x.Rule, ruleIDs(e.pack.Rules)); near != "" {
					msg += fmt.Sprintf("; did you mean %q?", near)
				}
				errs = append(errs, doc.Errorf(fmt.Sprintf("%s.expect[%d].rule", path, j), compact.ErrReference, "%s", msg))
			} else if !r.InForce() {
				errs = append(errs, doc.Errorf(fmt.Sprintf("%s.expect[%d].rule", path, j), compact.ErrReference,
					"rule %q is disabled by %s, so it gives no outcome to test", x.Rule, r.Disabled.Pack))
			}
		}
		errs = append(errs, typeFixtureFacts(e.pack.facts, &t.Given, doc, path)...)
		errs = append(errs, e.checkPlanExpectations(&t, path)...)
		if err != nil || len(errs) > 0 || (tc.match != nil && !tc.match.MatchString(t.Name)) {
			continue
		}
		period := t.Period
		if period == (compact.Period{}) {
			period = compact.FinancialYearOf(t.AsOf)
		}
		var c *compact.Resolved
		var cat *roles.Catalogue
		if e.world != nil {
			c, cat = e.world.compact, e.world.catalogue
		}
		w := worldOfFixture(&t.Given, c, cat)
		w.adapt = e.env.prov.NativeToValue
		// A test's own values apply on every date, as an override does.
		epochs := e.epochs
		if len(t.Parameters) > 0 {
			epochs = nil
		}
		r := &run{asOf: t.AsOf, period: period, params: p, epochs: epochs, compact: w.compactOf()}
		found, err := e.check(ctx, w, r, 1, &budget{limit: MaxRunCost, parent: ctx})
		if err != nil {
			return nil, err
		}
		res := judge(e.pack.ID, t, found)
		if err := e.judgePlan(ctx, w, r, &t, &res); err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return results, nil
}

// judge compares a test's findings with its expectations.
func judge(pack string, t Test, found Findings) TestResult {
	res := TestResult{Pack: pack, Name: t.Name, Source: t.Source, Passed: true, Outcomes: map[string]map[Outcome]int{}}
	byKey := map[[2]string]Finding{}
	for _, f := range found {
		byKey[[2]string{f.Rule, f.Subject}] = f
		if res.Outcomes[f.Rule] == nil {
			res.Outcomes[f.Rule] = map[Outcome]int{}
		}
		res.Outcomes[f.Rule][f.Outcome]++
	}
	expected := map[[2]string]bool{}
	for _, x := range t.Expect {
		key := [2]string{x.Rule, x.Subject}
		expected[key] = true
		f, ok := byKey[key]
		fail := TestFailure{Rule: x.Rule, Subject: x.Subject, Want: x.Outcome, Source: x.Source}
		switch {
		case !ok:
			fail.Message = fmt.Sprintf("rule %s gave no outcome for subject %q: check the subject's id and kind, and that its dates are in scope as of %s", x.Rule, x.Subject, t.AsOf)
		case f.Outcome != x.Outcome:
			fail.Got = f.Outcome
			fail.Message = fmt.Sprintf("expected %s, got %s", x.Outcome, f.Outcome)
			if d := describeFinding(f); d != "" {
				fail.Message += ": " + d
			}
		case x.MessageContains != "" && !strings.Contains(f.Message, x.MessageContains):
			fail.Got = f.Outcome
			fail.Message = fmt.Sprintf("the message %q does not contain %q", f.Message, x.MessageContains)
		default:
			continue
		}
		res.Passed = false
		res.Failures = append(res.Failures, fail)
	}
	for _, f := range found {
		if f.Outcome == Errored && !expected[[2]string{f.Rule, f.Subject}] {
			res.Passed = false
			res.Failures = append(res.Failures, TestFailure{Rule: f.Rule, Subject: f.Subject, Got: Errored, Source: t.Source,
				Message: "the rule could not be evaluated: " + f.Error})
		}
	}
	return res
}

func describeFinding(f Finding) string {
	var parts []string
	if f.Message != "" {
		parts = append(parts, f.Message)
	}
	if f.Error != "" {
		parts = append(parts, f.Error)
	}
	for _, v := range f.Values {
		parts = append(parts, v.String())
	}
	return strings.Join(parts, "; ")
}

// with returns the parameter values with a test's values set over them.
func (p *params) with(pack *Pack, over map[string]compact.Value, bad func(name, format string, args ...any)) (*params, error) {
	if len(over) == 0 {
		return p, nil
	}
	q := *p
	q.values = append([]ref.Val(nil), p.values...)
	var err error
	for _, name := range slices.Sorted(maps.Keys(over)) {
		s, ok := pack.Parameter(name)
		if !ok {
			msg := fmt.Sprintf("no parameter %s in pack %s", name, pack.ID)
			if near := docfmt.Closest(name, settingNames(pack.Parameters)); near != "" {
				msg += fmt.Sprintf("; did you mean %s?", near)
			}
			bad(name, "%s", msg)
			err = compact.ErrReference
			continue
		}
		v, ok := convertValue(over[name], s.Type)
		if !ok {
			bad(name, "parameter %s is %s; found %s", name, describeType(s.Type), describeValue(over[name]))
			err = compact.ErrType
			continue
		}
		if msg := s.outOfRange(v); msg != "" {
			bad(name, "%s", msg)
			err = compact.ErrValue
			continue
		}
		for i, n := range p.names {
			if n == name {
				q.values[i] = types.DefaultTypeAdapter.NativeToValue(v.Interface())
			}
		}
	}
	return &q, err
}
