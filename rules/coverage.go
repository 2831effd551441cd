package rules

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// CoverageStatus says whether a commitment is checked by a rule.
type CoverageStatus string

// The statuses of a commitment in a [Coverage].
const (
	// Covered: at least one rule in force enforces the commitment.
	Covered CoverageStatus = "checked"
	// NotCheckable: the compact says why records cannot show whether the
	// commitment is kept (its notCheckable field), and no rule checks it.
	NotCheckable CoverageStatus = "not-checkable"
	// Gap: no rule in force enforces the commitment and the compact gives no
	// reason it cannot be checked: "checkable, no rule".
	Gap CoverageStatus = "gap"
)

// Coverage lists every commitment of an area's resolved compact with the
// rules that enforce it, and counts the commitments checked, those that
// cannot be checked from records, and the gaps.
type Coverage struct {
	// Pack is the id of the rule pack in force.
	Pack string `json:"pack"`
	// Compact is the id of the area's compact.
	Compact string `json:"compact"`
	// Commitments in the compact's order.
	Commitments []CommitmentCoverage `json:"commitments"`
	// Total is the number of commitments.
	Total int `json:"total"`
	// Checked is how many commitments a rule in force enforces.
	Checked int `json:"checked"`
	// NotCheckable is how many cannot be checked from records.
	NotCheckable int `json:"notCheckable"`
	// Gaps is how many are checkable but have no rule.
	Gaps int `json:"gaps"`
}

// CommitmentCoverage is one commitment and the rules that enforce it.
type CommitmentCoverage struct {
	// ID of the commitment.
	ID string `json:"id"`
	// Number as printed in the compact, where it has one.
	Number string `json:"number,omitempty"`
	// Section the commitment belongs to.
	Section string `json:"section,omitempty"`
	// Party bound by the commitment.
	Party compact.Party `json:"party"`
	// Text of the commitment.
	Text string `json:"text"`
	// Citation is the commitment's source (its source field).
	Citation string `json:"source,omitempty"`
	// Compact is the id of the compact that wrote the commitment.
	Compact string `json:"compact,omitempty"`
	// Status: checked, not-checkable or gap.
	Status CoverageStatus `json:"status"`
	// Reason the commitment cannot be checked from records, for status
	// not-checkable (and given but overtaken by a rule, for checked).
	Reason string `json:"reason,omitempty"`
	// Rules in force that enforce the commitment, in pack order.
	Rules []CoveringRule `json:"rules,omitempty"`
	// Disabled lists rules that would enforce the commitment but are
	// disabled here, with the reasons.
	Disabled []Disabled `json:"disabled,omitempty"`
}

// CoveringRule is a rule that enforces a commitment.
type CoveringRule struct {
	// ID of the rule.
	ID string `json:"id"`
	// Title of the rule.
	Title string `json:"title"`
	// Pack that wrote the rule.
	Pack string `json:"pack"`
	// Via is the general commitment id the rule enforces, when the
	// commitment restates it (see compact.Commitment.Restates).
	Via string `json:"via,omitempty"`
}

// CoverageOf says, for every commitment of the compact c, which rules of the
// resolved pack p enforce it. A nil compact has no commitments.
func CoverageOf(p *Pack, c *compact.Resolved) *Coverage {
	out := &Coverage{Pack: p.ID, Commitments: []CommitmentCoverage{}}
	if c == nil {
		return out
	}
	out.Compact = c.ID
	for i := range c.Commitments {
		m := &c.Commitments[i]
		cc := CommitmentCoverage{ID: m.ID, Number: m.Number, Section: m.Section, Party: m.Party,
			Text: m.Text, Citation: m.Citation, Reason: m.NotCheckable}
		if o, ok := c.CommitmentOrigin(m.ID); ok {
			cc.Compact = o.By
		}
		ids := append([]string{m.ID}, m.Restates...)
		for _, r := range p.Rules {
			via, ok := enforcesAny(r, ids)
			if !ok {
				continue
			}
			if via == m.ID {
				via = ""
			}
			if r.Disabled != nil {
				cc.Disabled = append(cc.Disabled, *r.Disabled)
				continue
			}
			cc.Rules = append(cc.Rules, CoveringRule{ID: r.ID, Title: r.Title, Pack: r.Pack, Via: via})
		}
		switch {
		case len(cc.Rules) > 0:
			cc.Status = Covered
			out.Checked++
		case m.NotCheckable != "":
			cc.Status = NotCheckable
			out.NotCheckable++
		default:
			cc.Status = Gap
			out.Gaps++
		}
		out.Commitments = append(out.Commitments, cc)
	}
	out.Total = len(out.Commitments)
	return out
}

// enforcesAny returns the first of ids the rule enforces.
func enforcesAny(r *PackRule, ids []string) (string, bool) {
	for _, id := range ids {
		if slices.Contains(r.Enforces, id) {
			return id, true
		}
	}
	return "", false
}

// Coverage says which rules of the engine's pack enforce each commitment of
// the compact of the area the engine is bound to; see [CoverageOf].
func (e *Engine) Coverage() *Coverage {
	var c *compact.Resolved
	if e.area != nil {
		c = e.area.Compact
	}
	return CoverageOf(e.pack, c)
}

// Summary states the coverage in a sentence: "18 of the compact's 26
// commitments are checked; 8 cannot be checked from records".
func (c *Coverage) Summary() string {
	s := fmt.Sprintf("%d of the compact's %d %s %s checked", c.Checked, c.Total,
		plural(c.Total, "commitment", "commitments"), plural(c.Checked, "is", "are"))
	if c.NotCheckable > 0 {
		s += fmt.Sprintf("; %d cannot be checked from records", c.NotCheckable)
	}
	if c.Gaps > 0 {
		s += fmt.Sprintf("; %d could be checked but no rule does", c.Gaps)
	}
	return s
}

// Gapped returns the commitments that are checkable but have no rule.
func (c *Coverage) Gapped() []CommitmentCoverage {
	var out []CommitmentCoverage
	for _, x := range c.Commitments {
		if x.Status == Gap {
			out = append(out, x)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// coverageLabel is how text and Markdown output name a status.
var coverageLabel = map[CoverageStatus]string{
	Covered:      "checked",
	NotCheckable: "not checkable from records",
	Gap:          "checkable, no rule",
}

// WriteText writes the coverage for people: one line a commitment with its
// status, then the rules enforcing it or the reason it cannot be checked,
// and the summary sentence.
func (c *Coverage) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("Coverage of compact %s by rule pack %s\n", c.Compact, c.Pack)
	for _, x := range c.Commitments {
		ew.printf("  %-34s %s\n", x.ID, coverageLabel[x.Status])
		if x.Citation != "" {
			ew.printf("      source: %s\n", x.Citation)
		}
		for _, r := range x.Rules {
			via := ""
			if r.Via != "" {
				via = " (restating " + r.Via + ")"
			}
			ew.printf("      rule %s%s: %s\n", r.ID, via, r.Title)
		}
		if x.Status == NotCheckable {
			ew.printf("      why: %s\n", x.Reason)
		}
		for _, d := range x.Disabled {
			ew.printf("      rule %s disabled by pack %s: %s\n", d.Rule, d.Pack, d.Reason)
		}
	}
	ew.printf("%s.\n", c.Summary())
	return ew.err
}

// WriteMarkdown writes the coverage as a Markdown table, with the summary
// sentence before it.
func (c *Coverage) WriteMarkdown(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("# Coverage of compact %s by rule pack %s\n\n%s.\n\n", c.Compact, c.Pack, c.Summary())
	ew.printf("| commitment | source | status | rules, or why it cannot be checked |\n|---|---|---|---|\n")
	for _, x := range c.Commitments {
		var how []string
		for _, r := range x.Rules {
			how = append(how, "`"+r.ID+"`")
		}
		if x.Status == NotCheckable {
			how = append(how, x.Reason)
		}
		id := "`" + x.ID + "`"
		if x.Number != "" {
			id = x.Number + " " + id
		}
		ew.printf("| %s | %s | %s | %s |\n", id, mdCell(x.Citation), coverageLabel[x.Status], mdCell(strings.Join(how, ", ")))
	}
	return ew.err
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// errWriter keeps the first write error, so a renderer checks once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
