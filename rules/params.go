package rules

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"cel.dev/cel-go/common/types"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// outOfRange says why v is outside the parameter's declared range, or "".
func (s *Setting) outOfRange(v compact.Value) string {
	f, ok := v.AsFloat()
	if !ok {
		return ""
	}
	if (s.Min != nil && f < *s.Min) || (s.Max != nil && f > *s.Max) {
		msg := fmt.Sprintf("parameter %s is %s; %s is out of range", s.Name, s.rangeText(), v)
		if s.Description != "" {
			msg += " (" + s.Description + ")"
		}
		return msg
	}
	return ""
}

// rangeText words the declared range: "from 1 to 24 months".
func (s *Setting) rangeText() string {
	num := func(f *float64) string { return strconv.FormatFloat(*f, 'f', -1, 64) }
	unit := ""
	if s.Unit != "" {
		unit = " " + s.Unit
	}
	switch {
	case s.Min != nil && s.Max != nil:
		return fmt.Sprintf("from %s to %s%s", num(s.Min), num(s.Max), unit)
	case s.Min != nil:
		return fmt.Sprintf("at least %s%s", num(s.Min), unit)
	case s.Max != nil:
		return fmt.Sprintf("at most %s%s", num(s.Max), unit)
	}
	return "unbounded"
}

// checkRange checks a declaration's range is one a number can have.
func (p Parameter) checkRange() string {
	if p.Type != compact.TypeInt && p.Type != compact.TypeFloat {
		if p.Min != nil || p.Max != nil || p.Unit != "" {
			return fmt.Sprintf("only numbers have a unit, min or max; this parameter is %s", describeType(p.Type))
		}
		return ""
	}
	if p.Min != nil && p.Max != nil && *p.Min > *p.Max {
		return "min is greater than max"
	}
	return ""
}

// setCompact records a compact's value. A base compact's value (the
// national compact's, in a local area) sits below the extending packs'
// overrides, since a local pack is more particular than the national
// agreement; the area's own compact has the last word.
func (s *Setting) setCompact(o Origin, base bool) {
	if !base {
		s.set(o)
		return
	}
	o.Layer = LayerBaseCompact
	at := 1 // after the default
	s.Origins = slices.Insert(s.Origins, at, o)
	s.Value = *s.Origins[len(s.Origins)-1].Value
}

// undeclaredInCompact reports parameters the area's own compact sets that no
// pack of the chain declares: a misspelt parameter would otherwise leave
// the default silently in force.
func (p *Pack) undeclaredInCompact(a *compact.Area) compact.Errors {
	var errs compact.Errors
	r := a.Compact
	names := settingNames(p.Parameters)
	for _, name := range slices.Sorted(maps.Keys(r.Parameters)) {
		o, _ := r.ParameterOrigin(name)
		if o.By != r.ID {
			continue // a base compact's, checked with its own area
		}
		if _, ok := p.Parameter(name); ok {
			continue
		}
		msg := fmt.Sprintf("compact %s sets parameter %s, which no rule pack of %s declares", r.ID, name, strings.Join(p.Chain, " > "))
		if near := docfmt.Closest(name, names); near != "" {
			msg += fmt.Sprintf("; did you mean %s?", near)
		} else {
			msg += "; declare it under parameters in the area's rule pack"
		}
		errs = append(errs, a.Errorf(o.Pos, "", compact.ErrReference, "%s", msg))
	}
	return errs
}

// quantity is the value in force of a parameter with its unit, for texts
// that name it ({fundingNoticeMonths}).
func (p *params) quantity(name string) (compact.Quantity, bool) {
	for i, n := range p.names {
		if n != name {
			continue
		}
		q := compact.Quantity{Unit: p.units[i]}
		switch v := p.values[i].(type) {
		case types.Int:
			q.Value = compact.IntValue(int64(v))
		case types.Double:
			q.Value = compact.FloatValue(float64(v))
		case types.String:
			q.Value = compact.StringValue(string(v))
		case types.Bool:
			q.Value = compact.BoolValue(bool(v))
		default:
			return q, false
		}
		return q, true
	}
	return compact.Quantity{}, false
}

// render renders the parameter placeholders of a text with these values.
func (p *params) render(text string) string {
	if p == nil || strings.IndexByte(text, '{') < 0 {
		return text
	}
	return compact.Render(text, p.quantity)
}

// Words gives the value in force of each of the pack's parameters with its
// unit, to render texts that name them ({fundingNoticeMonths} reads
// "6 months").
func (p *Pack) Words() compact.Words {
	return func(name string) (compact.Quantity, bool) {
		s, ok := p.Parameter(name)
		if !ok {
			return compact.Quantity{}, false
		}
		return compact.Quantity{Value: s.Value, Unit: s.Unit}, true
	}
}

// Render renders a text (a commitment's, a rule's title) with the
// parameters in force: {fundingNoticeMonths} reads "6 months" where the
// area's compact sets six.
func (p *Pack) Render(text string) string { return compact.Render(text, p.Words()) }

// Render renders a text with the parameters in force of the engine's pack;
// see [Pack.Render].
func (e *Engine) Render(text string) string { return e.pack.Render(text) }

// checkPlaceholders reports texts that name a parameter no pack of the
// chain declares ({fundingNoticeMonth}): a rule's title or message, or a
// commitment of the area's own compact. It would otherwise be printed as
// written.
func (p *Pack) checkPlaceholders(a *compact.Area) compact.Errors {
	var errs compact.Errors
	names := settingNames(p.Parameters)
	unknown := func(text string) (string, string) {
		for _, name := range compact.Placeholders(text) {
			if _, ok := p.Parameter(name); !ok {
				msg := fmt.Sprintf("the text names {%s}, which no rule pack of %s declares", name, strings.Join(p.Chain, " > "))
				if near := docfmt.Closest(name, names); near != "" {
					msg += fmt.Sprintf("; did you mean {%s}?", near)
				}
				return name, msg
			}
		}
		return "", ""
	}
	for _, r := range p.Rules {
		texts := map[string]string{"title": r.Title, "message": r.Message.Text}
		for step, s := range r.Plan {
			texts["plan."+step+".title"] = s.Title
		}
		for _, field := range slices.Sorted(maps.Keys(texts)) {
			if name, msg := unknown(texts[field]); name != "" {
				errs = append(errs, r.doc.Errorf(r.path+"."+field, compact.ErrReference, "%s", msg))
			}
		}
	}
	if a == nil || a.Compact == nil || p.picked {
		return errs
	}
	for _, c := range a.Compact.Commitments {
		o, ok := a.Compact.CommitmentOrigin(c.ID)
		if !ok || o.By != a.Compact.ID {
			continue
		}
		if name, msg := unknown(c.Text); name != "" {
			errs = append(errs, a.Errorf(o.Pos, "", compact.ErrReference, "commitment %s: %s", c.ID, msg))
		}
	}
	return errs
}

// baseCompactOrigin reads the value the base compact id sets for a
// parameter, where the area's compact replaced it, so that explain shows
// that layer too.
func baseCompactOrigin(a *compact.Area, id string, s *Setting) (Origin, bool) {
	doc, ok := a.Find(compact.KindCompact, id)
	if !ok {
		return Origin{}, false
	}
	var c compact.Compact
	if err := doc.Decode(&c); err != nil {
		return Origin{}, false
	}
	v, ok := convertValue(c.Parameters[s.Name], s.Type)
	if !ok {
		return Origin{}, false
	}
	return Origin{Layer: LayerBaseCompact, By: id, Pos: doc.PositionOf("parameters." + s.Name), Value: &v}, true
}
