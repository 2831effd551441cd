package reporting

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/compactkit/compactkit/rules"
)

// WriteJSON writes the report as indented JSON, in the shape of [Report]
// (published as schema/report.json). Characters such as & and < are
// written as they are, not escaped.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// FindingsCSVHeader is the header row of [Report.WriteFindingsCSV].
var FindingsCSVHeader = []string{"rule", "rule_title", "subject", "organisation", "organisation_name", "outcome", "severity", "commitments", "message", "source"}

// WriteFindingsCSV writes the compliance failures of the report (the
// checks that failed or could not be made) as CSV, one row each, with the
// header [FindingsCSVHeader]. Commitments are joined with ";"; source is
// where an imported subject came from, empty for one written by hand. A report
// made without findings, or with none failed, writes the header alone. A
// cell that a spreadsheet would read as a formula (starting with =, +, -,
// @, a tab or a carriage return) gets a leading apostrophe: the rows go
// through [rules.CSVWriter], the one CSV writer of compactkit.
func (r *Report) WriteFindingsCSV(w io.Writer) error {
	cw, err := rules.NewCSVWriter(w, FindingsCSVHeader)
	if err != nil {
		return err
	}
	for _, f := range r.Compliance.Failures {
		var org, orgName string
		if f.Organisation != nil {
			org, orgName = f.Organisation.ID, f.Organisation.Name
		}
		var commitments []string
		for _, c := range f.Commitments {
			commitments = append(commitments, c.ID)
		}
		if err := cw.Write(f.Rule.ID, f.Rule.Name, f.Subject, org, orgName, string(f.Outcome), f.Severity, strings.Join(commitments, ";"), f.Message, f.Source); err != nil {
			return err
		}
	}
	return cw.Flush()
}
