package compact

import (
	"slices"
	"strings"

	"github.com/compactkit/compactkit/internal/docfmt"
)

// Words follow numbers: a text (a commitment's, a rule's title or message)
// may name a parameter as {fundingNoticeMonths}, and is rendered with the
// value in force and its unit ("6 months"), so a local value reads in local
// words. {NAME:n} gives the number alone ("a {consultationWeeks:n}-week
// consultation"). A placeholder followed by an apostrophe reads as a
// possessive: "{fundingNoticeMonths}' notice" is "6 months' notice", and
// "1 month's notice" for one.

// Quantity is a parameter's value with its unit, as a text names it.
type Quantity struct {
	// Value in force.
	Value Value
	// Unit, plural ("months", "working days"); none for a bare number.
	Unit string
}

// String words the quantity: "6 months", "1 month", "12 weeks", "14 days".
func (q Quantity) String() string {
	n := q.Value.String()
	if q.Unit == "" {
		return n
	}
	if f, ok := q.Value.AsFloat(); ok && f == 1 {
		return n + " " + singular(q.Unit)
	}
	return n + " " + q.Unit
}

// singular is the singular of a plural unit: months, month; working days,
// working day.
func singular(unit string) string {
	switch {
	case strings.HasSuffix(unit, "ies"):
		return strings.TrimSuffix(unit, "ies") + "y"
	case strings.HasSuffix(unit, "s"):
		return strings.TrimSuffix(unit, "s")
	}
	return unit
}

// Words looks up the quantity a placeholder names.
type Words func(name string) (Quantity, bool)

// Render replaces the {NAME} and {NAME:n} placeholders of text with the
// quantities words gives. A placeholder words does not know is left as
// written, so a mistake shows rather than vanishes. Text with no
// placeholder is returned as it is.
func Render(text string, words Words) string {
	if words == nil || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	rest := text
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			b.WriteString(rest)
			break
		}
		name, bare := strings.CutSuffix(rest[i+1:i+j], ":n")
		q, ok := Quantity{}, false
		if docfmt.ValidParameterName(name) {
			q, ok = words(name)
		}
		if !ok {
			b.WriteString(rest[:i+j+1])
			rest = rest[i+j+1:]
			continue
		}
		b.WriteString(rest[:i])
		rest = rest[i+j+1:]
		if bare {
			b.WriteString(q.Value.String())
			continue
		}
		s := q.String()
		b.WriteString(s)
		if strings.HasPrefix(rest, "'") && !strings.HasSuffix(s, "s") {
			b.WriteString("'s") // "1 month's notice"
			rest = rest[1:]
		}
	}
	return b.String()
}

// Placeholders lists the parameter names text's placeholders name, in
// order, once each.
func Placeholders(text string) []string {
	var out []string
	for rest := text; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return out
		}
		name, _ := strings.CutSuffix(rest[i+1:i+j], ":n")
		if docfmt.ValidParameterName(name) && !slices.Contains(out, name) {
			out = append(out, name)
		}
		rest = rest[i+j+1:]
	}
}

// NumberWords is a [Words] that gives the values of parameters with no
// unit, for texts read where no rule pack declares the units.
func NumberWords(values map[string]Value) Words {
	return func(name string) (Quantity, bool) {
		v, ok := values[name]
		return Quantity{Value: v}, ok
	}
}
