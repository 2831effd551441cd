package plan

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/compactkit/compactkit/rules"
)

// Sentence words a step with its date: "Notice must be given in writing by
// 2025-04-01", "A formal consultation may close ... on or after
// 2025-03-31".
func Sentence(s rules.PlannedStep) string {
	title := strings.TrimRight(s.Title, " ")
	if s.Date.IsZero() {
		return title + ": no date (" + s.Error + ")"
	}
	if s.Bound == rules.From {
		return title + " on or after " + s.Date.String()
	}
	return title + " by " + s.Date.String()
}

// Cites words what a step cites: its commitment and rule, the parameters in
// force with the layers that set them, and how its days are counted.
func Cites(s rules.PlannedStep) string {
	parts := []string{fmt.Sprintf("commitment %s (rule %s, pack %s)", s.Commitment, s.Rule, s.Pack)}
	for _, p := range s.Parameters {
		by := p.SetBy.By
		if p.SetBy.Layer != "" {
			by += " (" + p.SetBy.Layer
			if p.SetBy.Pos.IsValid() {
				by += ", " + p.SetBy.Pos.String()
			}
			by += ")"
		}
		parts = append(parts, fmt.Sprintf("%s = %s, set by %s", p.Name, p.Words, by))
	}
	days := "calendar days"
	if s.Days == rules.WorkingDays {
		days = "working days (England and Wales)"
	}
	return strings.Join(append(parts, days), "; ")
}

// planned words how the draft's own date for a step stands, or "".
func planned(s rules.PlannedStep) string {
	switch {
	case s.Planned.IsZero():
		return ""
	case s.Missed && s.Bound == rules.From:
		return fmt.Sprintf("the draft plans %s for %s: too early", s.Field, s.Planned)
	case s.Missed:
		return fmt.Sprintf("the draft plans %s for %s: too late", s.Field, s.Planned)
	}
	return fmt.Sprintf("the draft plans %s for %s: in time", s.Field, s.Planned)
}

// WriteText writes the plan for people: the checklist in date order, each
// step with what it cites, then what would fail as planned.
func WriteText(w io.Writer, p *Plan) error {
	bw := bufio.NewWriter(w)
	name := p.Draft
	if p.Title != "" {
		name += ": " + p.Title
	}
	fmt.Fprintf(bw, "Plan for %s\n%s\n", name, p.Summary)
	fmt.Fprintf(bw, "Area %s, compact %s, pack %s, as of %s\n\n", p.Area, p.Compact, p.Pack, p.AsOf)
	if len(p.Steps) == 0 {
		fmt.Fprintln(bw, "No rule in force has plan steps for this draft.")
	}
	for _, s := range p.Steps {
		date := s.Date.String()
		if s.Date.IsZero() {
			date = "----------"
		}
		fmt.Fprintf(bw, "[ ] %s  %s\n", date, Sentence(s))
		fmt.Fprintf(bw, "                %s\n", Cites(s))
		if line := planned(s); line != "" {
			fmt.Fprintf(bw, "                %s\n", line)
		}
	}
	if len(p.Findings) == 0 {
		fmt.Fprintln(bw, "\nAs planned, the draft keeps every rule in force.")
	} else {
		fmt.Fprintf(bw, "\nWhat would fail as planned (%d):\n", len(p.Findings))
		for _, f := range p.Findings {
			msg := f.Message
			if f.Outcome == rules.Errored {
				msg = "cannot be checked: " + f.Error
			}
			fmt.Fprintf(bw, "  %s %s (%s): %s\n", f.Severity, f.Rule, strings.Join(f.Enforces, ", "), msg)
		}
	}
	return bw.Flush()
}

// WriteJSON writes the plan as indented JSON (schema/plan.json).
func WriteJSON(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

// icsLineOctets is the longest line of an iCalendar file, in octets, not
// counting the CRLF: RFC 5545, section 3.1, folds longer ones.
const icsLineOctets = 75

// WriteICS writes the plan's dated steps as an iCalendar file (RFC 5545):
// one all-day event (VALUE=DATE) per step on its date, with a UID stable
// across runs (the draft, rule and step), DTSTAMP the plan's as-of date (not
// the clock, so the same plan gives the same file), CRLF line endings, and
// lines folded at 75 octets without splitting a character. Steps without a
// date are left out.
func WriteICS(w io.Writer, p *Plan) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { writeFolded(bw, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//compactkit//compact plan//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + icsText("Compact plan: "+p.Draft))
	stamp := p.AsOf.Time().Format("20060102") + "T000000Z"
	for _, s := range p.Steps {
		if s.Date.IsZero() {
			continue
		}
		line("BEGIN:VEVENT")
		line("UID:" + icsText(fmt.Sprintf("%s.%s.%s@%s.compactkit", p.Draft, s.Rule, s.Step, p.Area)))
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + s.Date.Time().Format("20060102"))
		line("DTEND;VALUE=DATE:" + s.Date.AddDays(1).Time().Format("20060102"))
		line("SUMMARY:" + icsText(Sentence(s)))
		desc := p.Summary + ".\n" + Cites(s) + "."
		if pl := planned(s); pl != "" {
			desc += "\n" + pl + "."
		}
		line("DESCRIPTION:" + icsText(desc))
		line("CATEGORIES:" + icsText(s.Commitment))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return bw.Flush()
}

// icsText escapes a TEXT value (RFC 5545, section 3.3.11).
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// writeFolded writes a content line, folded at icsLineOctets octets: each
// continuation line starts with a space, which counts towards its length.
func writeFolded(w *bufio.Writer, s string) {
	limit := icsLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = icsLineOctets - 1
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
