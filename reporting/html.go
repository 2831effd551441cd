package reporting

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

//go:embed report.html.tmpl
var htmlSource string

// sectionIDs are the element ids of the sections, with their headings.
var sectionIDs = []struct{ ID, Title string }{
	{"summary", headSummary}, {"signatories", headSignatories}, {"roles", headRoles}, {"governance", headGovernance},
	{"compliance", headCompliance}, {"consultations", headConsultations}, {"funding", headFunding},
	{"disputes", headDisputes}, {"plans", headPlans}, {"notes", headNotes},
}

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"heading": func(id string) string {
		if id == "rag" {
			return ragHeading
		}
		for _, s := range sectionIDs {
			if s.ID == id {
				return s.Title
			}
		}
		return id
	},
	"date":       dateCell,
	"yesno":      yesNo,
	"holder":     holderName,
	"basis":      basisWords,
	"cadence":    cadenceCell,
	"attendance": attendanceCell,
	"length":     lengthWords,
	"feedback":   feedbackWords,
	"signed":     signed,
	"measure":    measureWords,
	"failure":    failureWords,
	"rate":       rateOf,
	"cssString":  cssString,
	"add":        func(a, b int) int { return a + b },
	"sub":        func(a, b int) int { return a - b },
	"deref": func(p *int) int {
		if p == nil {
			return 0
		}
		return *p
	},
	"present": func(m MeetingHeld, a *Attendance) string {
		if m.Members == nil || a == nil {
			return "–"
		}
		return ofTotal(*m.Members, a.Members)
	},
	"rag": func(r RAG) template.HTML {
		return template.HTML(`<span class="rag rag-` + template.HTMLEscapeString(string(r)) + `">` + template.HTMLEscapeString(r.Label()) + `</span>`)
	},
	"target": func(mp MeasureProgress) string {
		if mp.Target == nil {
			return "–"
		}
		return num(*mp.Target) + unitSuffix(mp.Unit)
	},
	"aims":        func(rs []Ref) string { return strings.Join(refIDs(rs), ", ") },
	"names":       func(rs []Ref) string { return strings.Join(refNames(rs), "; ") },
	"undertaking": ObjectiveProgress.undertakingText,
	"progress": func(u UndertakingProgress) string {
		words := progressWords(u)
		if len(words) == 0 {
			return "Nothing recorded yet."
		}
		return strings.Join(words, " ")
	},
	"columns": func(p PrioritiesProgress) priorityColumns { return priorityColumnsOf(p.Priorities) },
	"tallies": func(title, what string, rows []Tally, prev *PeriodTotals) tallyTable {
		return tallyTable{Title: title, What: what, Rows: rows, Previous: prev}
	},
}).Parse(htmlSource))

// priorityColumns says which optional columns a table of priorities has.
type priorityColumns struct{ Measures, Groups, Comments, Achievements bool }

// tallyTable is a table of counts for the template.
type tallyTable struct {
	Title, What string
	Rows        []Tally
	Previous    *PeriodTotals
}

// htmlView is what the template renders.
type htmlView struct {
	R                                          *Report
	Intro                                      []string
	Sections                                   []struct{ ID, Title string }
	Findings, Targets, Meetings, Consultations *chart
}

// WriteHTML writes the report as one self-contained HTML page: inline CSS
// with a print style sheet, and charts drawn as inline SVG (failed checks
// by commitment, targets against achievements, meetings against the
// compact's minimum, and the weeks formal consultations were open), each
// with a title and a description for screen readers and its figures in
// words beside the bars, so it reads in black and white. The page loads
// nothing: no scripts, style sheets, images, fonts or links off the page.
// Text from the documents is escaped.
func (r *Report) WriteHTML(w io.Writer) error {
	v := htmlView{R: r, Intro: r.intro(), Sections: sectionIDs,
		Findings: findingsChart(r), Targets: targetsChart(r), Meetings: meetingsChart(r), Consultations: consultationsChart(r)}
	return htmlTemplate.Execute(w, v)
}

// cssString quotes s as a CSS string for a style sheet: every character
// but letters, digits, spaces and plain punctuation is written as a hex
// escape, so no text of a document can end the string or the style sheet.
func cssString(s string) template.CSS {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ', strings.ContainsRune(".,:;-()'&", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "\\%x ", r)
		}
	}
	b.WriteByte('"')
	return template.CSS(b.String())
}
