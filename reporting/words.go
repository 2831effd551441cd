package reporting

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compactkit/compactkit/compact"
)

// Helpers that turn figures into the plain words of a board report.

// longDate writes a date the way a report to a board does: 2 June 2008.
func longDate(d compact.Date) string {
	if d.IsZero() {
		return "no date"
	}
	return fmt.Sprintf("%d %s %d", d.Day(), d.Month(), d.Year())
}

// count writes a number with its noun: "no meetings", "1 meeting",
// "3 meetings".
func count(n int, singular, plural string) string {
	switch n {
	case 0:
		return "no " + plural
	case 1:
		return "1 " + singular
	}
	return strconv.Itoa(n) + " " + plural
}

// nounFor chooses the singular or plural form for n.
func nounFor(n int, singular, plural string) string {
	if n == 1 {
		return singular
	}
	return plural
}

// times writes how often: "once", "twice", "3 times", "not at all".
func times(n int) string {
	switch n {
	case 0:
		return "not at all"
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return strconv.Itoa(n) + " times"
}

// atLeastTimes writes a minimum cadence: "at least once", "at least twice",
// "at least 3 times".
func atLeastTimes(n int) string { return "at least " + times(n) }

// andList joins items as English does: "a", "a and b", "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// mapped returns f of each item, in order: the rows of a table, the lines
// of a list. It is nil for no items, as the writers skip an empty table or
// list.
func mapped[T, U any](items []T, f func(T) U) []U {
	var out []U
	for _, it := range items {
		out = append(out, f(it))
	}
	return out
}

// refIDs are the ids of refs, and refNames their names.
func refIDs(rs []Ref) []string { return mapped(rs, func(r Ref) string { return r.ID }) }

func refNames(rs []Ref) []string { return mapped(rs, func(r Ref) string { return r.Name }) }

// num writes a number without needless decimals: 10, 2.5.
func num(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// percent writes a share as a whole percentage: 0.666 is "67%".
func percent(share float64) string {
	return strconv.Itoa(int(math.Round(share*100))) + "%"
}

// pounds writes an amount of money: £1,250,000.
func pounds(f float64) string {
	neg := f < 0
	s := strconv.FormatInt(int64(math.Round(math.Abs(f))), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-£" + b.String()
	}
	return "£" + b.String()
}

// sentence makes s start with a capital letter and end with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[size:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// oneLine folds the white space of a text written over several lines.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ofTotal writes "3 of 5".
func ofTotal(n, total int) string { return fmt.Sprintf("%d of %d", n, total) }

// the puts "the" before a name that does not start with it: "the Compact
// Leads Group", "The Compact" as it is.
func the(name string) string {
	if strings.HasPrefix(name, "The ") || strings.HasPrefix(name, "the ") {
		return name
	}
	return "the " + name
}

// rateOf writes n of a total as a whole percentage, or "–" when there was
// nothing to count.
func rateOf(n, of int) string {
	if of <= 0 {
		return "–"
	}
	return percent(float64(n) / float64(of))
}

// derefInt is *p, or 0 for nil.
func derefInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
