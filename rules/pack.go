package rules

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// RulePack is a rule pack document: compliance checks written in CEL, with
// the numbers they use as typed parameters, and tests that show the rules
// work. A pack may extend another (an area's pack extends the national one)
// to change parameter values and severities, disable rules with a reason,
// and add rules of its own; it never edits an inherited rule's text.
type RulePack struct {
	compact.TypeMeta
	// ID names the pack; an extending pack refers to it in extends.
	ID string `json:"id"`
	// Title of the pack, for people.
	Title string `json:"title"`
	// Description says what the pack checks and for whom.
	Description string `json:"description,omitempty"`
	// Extends is the id of the pack this one builds on, found in the same
	// area or in the library (the national pack is "national").
	Extends string `json:"extends,omitempty"`
	// Parameters declares the numbers and settings the rules use, with their
	// types and defaults. A pack declares only new parameters; it changes an
	// inherited one in overrides.
	Parameters map[string]Parameter `json:"parameters,omitempty"`
	// Overrides sets new values for parameters declared by the packs this one
	// extends (fundingNoticeMonths: 6). The area's compact may set them too,
	// and the compact wins: the compact is the agreement.
	Overrides map[string]compact.Value `json:"overrides,omitempty"`
	// Severity changes the severity of inherited rules, by rule id.
	Severity map[string]Severity `json:"severity,omitempty"`
	// Disable turns inherited rules off, each with the reason, which every
	// check reports.
	Disable []Disable `json:"disable,omitempty"`
	// Rules are the pack's own rules.
	Rules []Rule `json:"rules,omitempty"`
	// Tests show that the rules give the expected outcomes on example records.
	Tests []Test `json:"tests,omitempty"`

	// Source is where the document was read from.
	Source compact.Position `json:"-"`
}

// Parameter declares a parameter: a number or setting rules read as
// params.NAME, so that an area changes the number and never the rule.
type Parameter struct {
	// Type of the value: int, double, string or bool.
	Type compact.ValueType `json:"type"`
	// Default value, used unless an extending pack or the compact sets one.
	Default compact.Value `json:"default"`
	// Description says what the parameter means, and the reason for its
	// range ("Shortest notice in writing before funding is cut; at most
	// two years, which no compact exceeds").
	Description string `json:"description,omitempty"`
	// Unit of a number, plural ("months", "weeks", "days", "working days",
	// "meetings"): texts that name the parameter as {NAME} render its value
	// with it ("6 months", "1 month").
	Unit string `json:"unit,omitempty"`
	// Min is the smallest value a number may take; no lower bound when not
	// given.
	Min *float64 `json:"min,omitempty"`
	// Max is the largest value a number may take; no upper bound when not
	// given.
	Max *float64 `json:"max,omitempty"`
	// From lists the values the parameter takes from a date on, in date
	// order, when the number changed (a new code of practice): a record is
	// judged by the value in force on its date, and the default applies
	// before the first. A value set by an extending pack's overrides or by
	// the area's compact applies on every date instead.
	From []DatedValue `json:"from,omitempty"`

	// Source is where the parameter was declared.
	Source compact.Position `json:"-"`
}

// DatedValue is a value a parameter takes from a date on.
type DatedValue struct {
	// Date is the first day the value applies.
	Date compact.Date `json:"date"`
	// Value from that day.
	Value compact.Value `json:"value"`
	// Source says what brought the value in ("Compact 2010, section 3").
	Source string `json:"source,omitempty"`
}

// Rule is one compliance check.
type Rule struct {
	// ID identifies the rule in findings, in tests and when an extending
	// pack changes or disables it.
	ID string `json:"id"`
	// Title says what the rule checks, as a sentence
	// ("Formal consultations last at least 12 weeks or give a reason").
	Title string `json:"title"`
	// Enforces lists the ids of the compact commitments the rule checks.
	Enforces []string `json:"enforces"`
	// On is the kind of subject the rule is about; it decides the variables
	// the expressions can use.
	On SubjectKind `json:"on"`
	// Severity of a failure: breach, warning or advice.
	Severity Severity `json:"severity"`
	// When is an optional CEL condition (true or false): the rule applies to
	// a subject only when it holds; otherwise the outcome is not-applicable.
	When Expr `json:"when,omitzero"`
	// Check is the CEL condition (true or false) that holds when the subject
	// keeps the compact.
	Check Expr `json:"check"`
	// Message is a CEL expression giving the sentence a failure reports,
	// with the real numbers in it.
	Message Expr `json:"message"`
	// Unknown is an optional CEL expression giving a string, evaluated when
	// When does not hold: a non-empty result says what the data does not
	// publish that the check needs ("duration not published"), and the
	// not-applicable finding carries it as its message. What is not known is
	// reported, never guessed as a pass or a failure.
	Unknown Expr `json:"unknown,omitzero"`
	// Explain names CEL expressions whose values are reported with the
	// outcome ("weeks: weeksBetween(consultation.opens, consultation.closes)").
	Explain map[string]Expr `json:"explain,omitempty"`
	// Notes for people reading the pack: the source of the commitment, how
	// the rule reads it.
	Notes string `json:"notes,omitempty"`
	// Semantics states the rule's choices in a sentence or two, so a reader
	// can see why a record passed or failed: how days and weeks are
	// counted, which day a date field means, what counts as before.
	Semantics string `json:"semantics,omitempty"`
	// Plan declares, by step name (noticeBy, decideBy), the dates a record
	// not yet made must keep to meet the rule: see [PlanStep] and
	// [Engine.Plan].
	Plan map[string]PlanStep `json:"plan,omitempty"`

	// Source is where the rule was written.
	Source compact.Position `json:"-"`
}

// Disable turns off an inherited rule in an extending pack.
type Disable struct {
	// Rule is the id of the rule.
	Rule string `json:"rule"`
	// Reason the rule does not apply in this area; it is reported with every
	// check.
	Reason string `json:"reason"`

	// Source is where the rule was disabled.
	Source compact.Position `json:"-"`
}

// Test is one test case of a pack: example records, an as-of date, and the
// outcome expected of rules on those records.
type Test struct {
	// Name says what the test shows ("an 8-week consultation without a reason fails").
	Name string `json:"name"`
	// AsOf is the date the rules are evaluated as of.
	AsOf compact.Date `json:"asOf"`
	// Period the records are checked for; the financial year containing
	// asOf when not given.
	Period compact.Period `json:"period,omitzero"`
	// Parameters set values for this test only, over every other layer.
	Parameters map[string]compact.Value `json:"parameters,omitempty"`
	// Given are the example records, written as in Records, Directory and
	// Compact documents.
	Given Fixture `json:"given"`
	// Expect lists the outcomes expected.
	Expect []Expectation `json:"expect,omitempty"`
	// ExpectPlan lists the plan dates expected for the test's records,
	// taken as drafts (see [Engine.Plan]).
	ExpectPlan []PlanExpectation `json:"expectPlan,omitempty"`

	// Source is where the test was written.
	Source compact.Position `json:"-"`
}

// Fixture holds the records a test evaluates rules on. Organisations and
// people a record refers to need not be listed; unlisted ones are known by
// their id alone.
type Fixture struct {
	// Compact holds the parts of a compact the test needs (governance
	// bodies, signing rules, signatories ...). When given it stands in for
	// the area's compact; otherwise the area's compact is used, if any.
	Compact *FixtureCompact `json:"compact,omitempty"`
	// Organisations, as in a Directory document.
	Organisations []compact.Organisation `json:"organisations,omitempty"`
	// People, as in a Directory document.
	People []compact.Person `json:"people,omitempty"`
	// Consultations, as in a Records document.
	Consultations []compact.Consultation `json:"consultations,omitempty"`
	// Funding decisions, as in a Records document.
	Funding []compact.FundingDecision `json:"funding,omitempty"`
	// Meetings, as in a Records document.
	Meetings []compact.Meeting `json:"meetings,omitempty"`
	// Nominations, as in a Records document.
	Nominations []compact.Nomination `json:"nominations,omitempty"`
	// Signatures, as in a Records document.
	Signatures []compact.Signature `json:"signatures,omitempty"`
	// Reports, as in a Records document.
	Reports []compact.Report `json:"reports,omitempty"`
}

// FixtureCompact is the part of a compact a pack test can give, written as
// in a Compact document.
type FixtureCompact struct {
	// ID of the compact.
	ID string `json:"id,omitempty"`
	// Title of the compact.
	Title string `json:"title,omitempty"`
	// Scope of the compact.
	Scope compact.Scope `json:"scope,omitempty"`
	// Commitments of the compact.
	Commitments []compact.Commitment `json:"commitments,omitempty"`
	// Governance bodies.
	Governance []compact.Body `json:"governance,omitempty"`
	// Signing rules.
	Signing *compact.SigningRules `json:"signing,omitempty"`
	// Signatories at adoption.
	Signatories []compact.Signature `json:"signatories,omitempty"`
	// DisputeProcedure of the compact.
	DisputeProcedure *compact.DisputeProcedure `json:"disputeProcedure,omitempty"`
	// Review arrangements.
	Review *compact.Review `json:"review,omitempty"`
}

// Expectation is the outcome a test expects of one rule on one subject.
type Expectation struct {
	// Rule id.
	Rule string `json:"rule"`
	// Subject is the id of the subject: the record's id, the body's id, the
	// signatory organisation's id, "BODY/ORGANISATION" for a member, the
	// compact's id.
	Subject string `json:"subject"`
	// Outcome expected: pass, fail, not-applicable or error.
	Outcome Outcome `json:"outcome"`
	// MessageContains, when given, is text the finding's message must contain.
	MessageContains string `json:"messageContains,omitempty"`

	// Source is where the expectation was written.
	Source compact.Position `json:"-"`
}

// Decode reads a RulePack document strictly and checks what can be checked
// in the document alone: ids, names, types of parameter defaults, limits.
// Every problem is reported together as [compact.Errors], each with its
// file, line and column.
func Decode(doc *compact.Document) (*RulePack, error) {
	if doc.Kind != compact.KindRulePack {
		return nil, compact.Errors{doc.Errorf("kind", compact.ErrHeader, "expected a RulePack document, found %s", doc.Kind)}
	}
	p, errs := decode(doc)
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// decode decodes a pack and checks it. The pack is nil when the document
// does not decode; when it decodes but has other problems, both are
// returned, so that layering can go on and report its own problems too.
func decode(doc *compact.Document) (*RulePack, compact.Errors) {
	var p RulePack
	if err := doc.Decode(&p); err != nil {
		return nil, compact.AsErrors(err)
	}
	v := packCheck{doc: doc}
	v.pack(&p)
	return &p, v.errs
}

var identPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// packCheck collects the problems of one pack document.
type packCheck struct {
	doc  *compact.Document
	errs compact.Errors
}

func (c *packCheck) errf(path string, class error, format string, args ...any) {
	c.errs = append(c.errs, c.doc.Errorf(path, class, format, args...))
}

func (c *packCheck) pack(p *RulePack) {
	if !docfmt.ValidID(p.ID) {
		c.errf("id", compact.ErrValue, "%q is not a valid pack id: use letters, digits, '-', '_' or '.'", p.ID)
	}
	if p.Extends != "" && p.Extends == p.ID {
		c.errf("extends", compact.ErrCycle, "pack %q cannot extend itself", p.ID)
	}
	if p.Extends == "" {
		for _, f := range []struct {
			name string
			n    int
		}{{"overrides", len(p.Overrides)}, {"severity", len(p.Severity)}, {"disable", len(p.Disable)}} {
			if f.n > 0 {
				c.errf(f.name, compact.ErrLayering, "%s changes inherited rules and parameters; it needs extends (extends: national)", f.name)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(p.Parameters)) {
		c.parameter(name, p.Parameters[name])
	}
	for _, name := range slices.Sorted(maps.Keys(p.Overrides)) {
		if !docfmt.ValidParameterName(name) {
			c.errf("overrides."+name, compact.ErrValue, "%q is not a valid parameter name", name)
		}
	}
	for i, d := range p.Disable {
		if d.Reason == "" {
			c.errf(fmt.Sprintf("disable[%d].reason", i), compact.ErrMissing, "say why rule %q does not apply here; the reason is reported with every check", d.Rule)
		}
	}
	if len(p.Rules) > MaxRulesPerPack {
		c.errf("rules", compact.ErrLimit, "the pack has %d rules; the limit is %d: split it into packs that extend one another", len(p.Rules), MaxRulesPerPack)
	}
	seen := map[string]string{}
	for i, r := range p.Rules {
		c.rule(fmt.Sprintf("rules[%d]", i), &r, seen)
	}
	names := map[string]bool{}
	for i, t := range p.Tests {
		path := fmt.Sprintf("tests[%d]", i)
		if t.Name == "" {
			c.errf(path+".name", compact.ErrMissing, "give the test a name that says what it shows")
		} else if names[t.Name] {
			c.errf(path+".name", compact.ErrDuplicate, "test %q is already defined", t.Name)
		}
		names[t.Name] = true
		if len(t.Expect) == 0 && len(t.ExpectPlan) == 0 {
			c.errf(path+".expect", compact.ErrMissing, "a test expects at least one outcome")
		}
	}
}

func (c *packCheck) parameter(name string, p Parameter) {
	path := "parameters." + name
	if !docfmt.ValidParameterName(name) {
		c.errf(path, compact.ErrValue, "%q is not a valid parameter name: use letters, digits and _, starting with a letter", name)
	}
	switch p.Type {
	case compact.TypeInt, compact.TypeFloat, compact.TypeString, compact.TypeBool:
	default:
		c.errf(path+".type", compact.ErrValue, "%q is not a parameter type; expected int, double, string or bool", p.Type)
		return
	}
	if _, ok := convertValue(p.Default, p.Type); !ok {
		c.errf(path+".default", compact.ErrType, "the default of %s must be %s, found %s", name, describeType(p.Type), describeValue(p.Default))
	}
	for i, d := range p.From {
		at := fmt.Sprintf("%s.from[%d]", path, i)
		switch {
		case d.Date.IsZero():
			c.errf(at+".date", compact.ErrMissing, "give the date the value applies from")
		case i > 0 && !p.From[i-1].Date.Before(d.Date):
			c.errf(at+".date", compact.ErrValue, "dates in from must be in order, each after the one before; %s is not after %s", d.Date, p.From[i-1].Date)
		}
		if _, ok := convertValue(d.Value, p.Type); !ok {
			c.errf(at+".value", compact.ErrType, "the value of %s must be %s, found %s", name, describeType(p.Type), describeValue(d.Value))
		}
	}
}

func (c *packCheck) rule(path string, r *Rule, seen map[string]string) {
	if !docfmt.ValidID(r.ID) {
		c.errf(path+".id", compact.ErrValue, "%q is not a valid rule id: use letters, digits, '-', '_' or '.'", r.ID)
	} else if first, dup := seen[r.ID]; dup {
		c.errf(path+".id", compact.ErrDuplicate, "rule %q is already defined at %s", r.ID, first)
	} else {
		seen[r.ID] = r.Source.String()
	}
	if len(r.Enforces) == 0 {
		c.errf(path+".enforces", compact.ErrMissing, "say which commitment(s) rule %q enforces", r.ID)
	}
	for i, id := range r.Enforces {
		if !docfmt.ValidID(id) {
			c.errf(fmt.Sprintf("%s.enforces[%d]", path, i), compact.ErrValue, "%q is not a valid commitment id", id)
		}
	}
	exprs := map[string]Expr{"when": r.When, "check": r.Check, "message": r.Message}
	for name, e := range r.Explain {
		exprs["explain."+name] = e
		if !identPattern.MatchString(name) || len(name) > docfmt.MaxIDLength {
			c.errf(path+".explain."+name, compact.ErrValue, "%q is not a valid name for a value: use letters, digits and _", name)
		}
	}
	if len(r.Explain) > MaxExplainValues {
		c.errf(path+".explain", compact.ErrLimit, "rule %q explains %d values; the limit is %d", r.ID, len(r.Explain), MaxExplainValues)
	}
	c.checkPlan(path, r)
	for _, field := range slices.Sorted(maps.Keys(exprs)) {
		e := exprs[field]
		if field != "when" && e.Text == "" && e.Pos.IsValid() {
			c.errf(path+"."+field, compact.ErrMissing, "the %s expression is empty", field)
		}
		if len(e.Text) > MaxExpressionLength {
			c.errf(path+"."+field, compact.ErrLimit, "the expression is %d bytes long; the limit is %d: split the rule, or name parts of it in explain", len(e.Text), MaxExpressionLength)
		}
	}
}

// ExplainNames returns the names of the rule's explain values in the order
// they were written.
func (r *Rule) ExplainNames() []string {
	names := slices.Sorted(maps.Keys(r.Explain))
	sort.SliceStable(names, func(i, j int) bool {
		a, b := r.Explain[names[i]].Pos, r.Explain[names[j]].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return names
}

// convertValue returns v as a value of type t: the same type, or an integer
// where a double is declared.
func convertValue(v compact.Value, t compact.ValueType) (compact.Value, bool) {
	switch {
	case v.Type() == t:
		return v, true
	case t == compact.TypeFloat && v.Type() == compact.TypeInt:
		f, _ := v.AsFloat()
		return compact.FloatValue(f), true
	}
	return compact.Value{}, false
}

// describeValue words a value with its type for messages: the string
// "three months", the number 3.5.
func describeValue(v compact.Value) string {
	switch v.Type() {
	case compact.TypeString:
		return fmt.Sprintf("the string %q", v.String())
	case compact.TypeBool:
		return v.String()
	}
	return "the number " + v.String()
}

func describeType(t compact.ValueType) string {
	switch t {
	case compact.TypeInt:
		return "a whole number (int)"
	case compact.TypeFloat:
		return "a number (double)"
	case compact.TypeString:
		return "a string"
	case compact.TypeBool:
		return "true or false (bool)"
	}
	return string(t)
}
