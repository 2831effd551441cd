package rules

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// Finding is the outcome of one rule on one subject. Findings are plain
// values: compare them, store them, marshal them. The JSON field names are
// fixed (see the package documentation for the shape).
type Finding struct {
	// Rule is the id of the rule.
	Rule string `json:"rule"`
	// Kind of subject.
	Kind SubjectKind `json:"kind"`
	// Subject is the id of the subject: a record's id, a body's id, a
	// signatory organisation's id, "BODY/ORGANISATION" for a member, the
	// compact's id.
	Subject string `json:"subject"`
	// Organisation responsible, where there is one: a consultation's owner,
	// a decision's funder, the organisation that signed or nominated, the
	// signatory, the member. Governance bodies, meetings, reports and the
	// compact have none.
	Organisation string `json:"organisation,omitempty"`
	// Outcome: pass, fail, not-applicable or error.
	Outcome Outcome `json:"outcome"`
	// Severity of the rule in force.
	Severity Severity `json:"severity"`
	// Enforces lists the commitments the rule enforces.
	Enforces []string `json:"enforces"`
	// Message is the sentence the rule's message expression gave, for a
	// failure; for a not-applicable finding, what the rule's unknown
	// expression says the data does not publish ("duration not
	// published"); otherwise it is empty.
	Message string `json:"message,omitempty"`
	// Values are the rule's explain values, in the order written, for a
	// pass or a failure.
	Values []Value `json:"values,omitempty"`
	// Error says why the rule could not be evaluated (outcome error), or why
	// its message could not be made (outcome fail).
	Error string `json:"error,omitempty"`
	// Source is where the subject was written: the record, body, signature
	// or compact.
	Source compact.Position `json:"source"`
	// Provenance is where an imported subject came from (the source file,
	// its row or JSON pointer, the source's id); nil for a subject written by
	// hand.
	Provenance *compact.Provenance `json:"provenance,omitempty"`
}

// Value is a named value that explains an outcome. Value is a JSON-ready Go
// value: a number (int64 or float64), a string, a bool, a date written
// YYYY-MM-DD (nil when not given), a period ("2024-25"), a list of these,
// or a record.
type Value struct {
	// Name given in the rule's explain.
	Name string `json:"name"`
	// Value the expression gave.
	Value any `json:"value"`
}

// String formats the value as name=value.
func (v Value) String() string { return v.Name + "=" + formatValue(v.Value) }

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "not given"
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formatValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case fmt.Stringer:
		return x.String()
	}
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return fmt.Sprint(v)
}

// Findings is a list of findings in check order: by subject kind (compact,
// body, member, signatory, consultation, funding, meeting, nomination,
// signature, report), then by the order the subjects are written in the
// area's files, then by the order the rules are written in the pack (base
// pack first).
type Findings []Finding

// Summary counts findings by outcome, and failures by severity.
type Summary struct {
	// Pass counts findings with outcome pass.
	Pass int `json:"pass"`
	// Fail counts findings with outcome fail.
	Fail int `json:"fail"`
	// NotApplicable counts findings with outcome not-applicable.
	NotApplicable int `json:"notApplicable"`
	// Error counts findings with outcome error.
	Error int `json:"error"`
	// Failed counts failures by severity.
	Failed map[Severity]int `json:"failed"`
}

// Summary counts the findings.
func (fs Findings) Summary() Summary {
	s := Summary{Failed: map[Severity]int{}}
	for _, f := range fs {
		switch f.Outcome {
		case Pass:
			s.Pass++
		case Fail:
			s.Fail++
			s.Failed[f.Severity]++
		case NotApplicable:
			s.NotApplicable++
		case Errored:
			s.Error++
		}
	}
	return s
}

// Fails reports whether any finding failed, or could not be evaluated, at
// the given severity or above. A rule that errors counts: a check that could
// not be made is not a pass.
func (fs Findings) Fails(at Severity) bool {
	for _, f := range fs {
		if (f.Outcome == Fail || f.Outcome == Errored) && f.Severity.Rank() >= at.Rank() {
			return true
		}
	}
	return false
}

// CSVHeader is the header row WriteCSV writes.
var CSVHeader = []string{"rule", "kind", "subject", "organisation", "outcome", "severity", "enforces", "message", "values", "error", "file", "line", "provenance"}

// CSV returns the finding as a CSV row, in the columns of [CSVHeader]:
// commitments joined with ";", values written name=value joined with "; ",
// the provenance of an imported subject as file#pointer or file:row.
func (f Finding) CSV() []string {
	vals := make([]string, len(f.Values))
	for i, v := range f.Values {
		vals[i] = v.String()
	}
	line := ""
	if f.Source.Line > 0 {
		line = strconv.Itoa(f.Source.Line)
	}
	return []string{f.Rule, string(f.Kind), f.Subject, f.Organisation, string(f.Outcome), string(f.Severity),
		strings.Join(f.Enforces, ";"), f.Message, strings.Join(vals, "; "), f.Error, f.Source.File, line, f.Provenance.String()}
}

// WriteCSV writes findings as CSV with a header row (see [CSVHeader] and
// [Finding.CSV]), through a [CSVWriter], so cells that a spreadsheet would
// read as a formula are neutralised.
func WriteCSV(w io.Writer, fs Findings) error {
	cw, err := NewCSVWriter(w, CSVHeader)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if err := cw.Write(f.CSV()...); err != nil {
			return err
		}
	}
	return cw.Flush()
}
