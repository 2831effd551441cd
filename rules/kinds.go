package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Error classes of this package. Problems with packs are [*compact.Error]
// values wrapping one of these (or one of compact's classes: ErrLayering,
// ErrReference, ErrLimit ...), so errors.Is works on a single problem and on
// a [compact.Errors] list.
var (
	// ErrCompile: an expression does not parse or type-check, or has the
	// wrong result type.
	ErrCompile = compact.NewClass("does-not-compile", "does not compile", nil)
	// ErrNoPack: an area has no rule pack and none was found to fall back on.
	ErrNoPack = compact.NewClass("no-rule-pack", "no rule pack", nil)
	// ErrNoAsOf: an evaluation was asked for without an as-of date.
	ErrNoAsOf = compact.NewClass("no-as-of", "no as-of date", nil)
	// ErrSubject: a value given to Evaluate is not a record rules apply to.
	ErrSubject = compact.NewClass("not-a-subject", "not a subject", nil)
)

// SubjectKind is the kind of thing a rule is about: one record, or one
// collection (a governance body with its meetings, a signatory with its
// nominations).
type SubjectKind string

// The subject kinds, in the order findings are sorted.
const (
	// OnCompact: the area's compact as a whole (one subject).
	OnCompact SubjectKind = "compact"
	// OnBody: a governance body with its meetings and reports in the period.
	OnBody SubjectKind = "body"
	// OnMember: an organisation's membership of a governance body that has
	// membership rules, with the meetings its people attended in the period.
	OnMember SubjectKind = "member"
	// OnSignatory: an organisation signed up to the compact on the as-of
	// date, with its nominations in force.
	OnSignatory SubjectKind = "signatory"
	// OnConsultation: a consultation run by a public body.
	OnConsultation SubjectKind = "consultation"
	// OnFunding: a funding decision (new, renewal, reduction, ending).
	OnFunding SubjectKind = "funding"
	// OnMeeting: a meeting of a governance body.
	OnMeeting SubjectKind = "meeting"
	// OnNomination: a nomination of a person to a compact role.
	OnNomination SubjectKind = "nomination"
	// OnSignature: an organisation's signature (endorsement) of the compact.
	OnSignature SubjectKind = "signature"
	// OnReport: a report a governance body delivered.
	OnReport SubjectKind = "report"
)

var subjectKinds = []SubjectKind{OnCompact, OnBody, OnMember, OnSignatory, OnConsultation, OnFunding, OnMeeting,
	OnNomination, OnSignature, OnReport}

// SubjectKinds lists the subject kinds in sort order.
func SubjectKinds() []SubjectKind { return slices.Clone(subjectKinds) }

// Values lists the subject kinds, for schema generators.
func (SubjectKind) Values() []string { return docfmt.EnumStrings(subjectKinds) }

// numKinds is the number of subject kinds.
const numKinds = 10

// index numbers the kinds in sort order, for tables indexed by kind.
func (k SubjectKind) index() int {
	switch k {
	case OnCompact:
		return 0
	case OnBody:
		return 1
	case OnMember:
		return 2
	case OnSignatory:
		return 3
	case OnConsultation:
		return 4
	case OnFunding:
		return 5
	case OnMeeting:
		return 6
	case OnNomination:
		return 7
	case OnSignature:
		return 8
	}
	return 9 // OnReport; the decoder accepts no other kind
}

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (k *SubjectKind) UnmarshalScalar(s docfmt.Scalar) (err error) {
	*k, err = docfmt.ParseEnum(s, subjectKinds, "subject kind")
	return
}

// Severity says how serious a failure of a rule is.
type Severity string

// Severities, most serious first.
const (
	// Breach: the compact was not kept.
	Breach Severity = "breach"
	// Warning: the compact was probably not kept, or is at risk.
	Warning Severity = "warning"
	// Advice: good practice the compact encourages was not followed.
	Advice Severity = "advice"
)

var severities = []Severity{Breach, Warning, Advice}

// Values lists the severities, most serious first.
func (Severity) Values() []string { return docfmt.EnumStrings(severities) }

// Rank orders severities: breach 3, warning 2, advice 1, anything else 0.
func (s Severity) Rank() int {
	if i := slices.Index(severities, s); i >= 0 {
		return len(severities) - i
	}
	return 0
}

// ParseSeverity reads a severity as written on a command line.
func ParseSeverity(s string) (Severity, error) {
	if v := Severity(s); slices.Contains(severities, v) {
		return v, nil
	}
	return "", fmt.Errorf("%q is not a severity; expected one of %s", s, strings.Join(docfmt.EnumStrings(severities), ", "))
}

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (s *Severity) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*s, err = docfmt.ParseEnum(v, severities, "severity")
	return
}

// Outcome is the result of one rule on one subject.
type Outcome string

// Outcomes.
const (
	// Pass: the rule applies and the check holds.
	Pass Outcome = "pass"
	// Fail: the rule applies and the check does not hold.
	Fail Outcome = "fail"
	// NotApplicable: the rule's when condition is false for the subject.
	NotApplicable Outcome = "not-applicable"
	// Errored: the rule could not be evaluated (a date that is not given was
	// compared, the cost limit was reached ...). The finding says why; other
	// rules and subjects are unaffected.
	Errored Outcome = "error"
)

var outcomes = []Outcome{Pass, Fail, NotApplicable, Errored}

// Values lists the outcomes.
func (Outcome) Values() []string { return docfmt.EnumStrings(outcomes) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (o *Outcome) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*o, err = docfmt.ParseEnum(v, outcomes, "outcome")
	return
}
