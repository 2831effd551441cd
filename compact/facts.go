package compact

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/internal/docfmt"
)

// FactType is the type of a declared fact.
type FactType string

// Fact types.
const (
	FactDate         FactType = "date"         // a civil date, YYYY-MM-DD
	FactBool         FactType = "bool"         // true or false
	FactInt          FactType = "int"          // a whole number
	FactMoney        FactType = "money"        // an amount in pounds, not negative
	FactText         FactType = "text"         // free text
	FactEnum         FactType = "enum"         // one of the declaration's values
	FactOrganisation FactType = "organisation" // the id of an organisation of the directory
	FactPerson       FactType = "person"       // the id of a person of the directory
	FactBody         FactType = "body"         // the id of a governance body of the compact
)

var factTypes = []FactType{FactDate, FactBool, FactInt, FactMoney, FactText, FactEnum, FactOrganisation, FactPerson, FactBody}

// Values lists the fact types.
func (FactType) Values() []string { return docfmt.EnumStrings(factTypes) }

// UnmarshalScalar reads a fact type. It implements [docfmt.ScalarUnmarshaler].
func (t *FactType) UnmarshalScalar(s docfmt.Scalar) (err error) {
	*t, err = docfmt.ParseEnum(s, factTypes, "fact type")
	return err
}

// factKinds are the record kinds that carry facts.
var factKinds = []string{"consultation", "funding", "meeting", "nomination", "signature", "report"}

// FactKinds returns the record kinds that carry facts, as a compact's facts
// declarations name them (funding, consultation ...).
func FactKinds() []string { return slices.Clone(factKinds) }

// FactDecl declares a local fact: something an area's own commitments need
// recorded that the record types do not have ("the date a meeting was
// offered before a funding cut"). Records carry the values in their facts
// map; rules read them typed (funding.facts.meetingOffered).
type FactDecl struct {
	// Type of the value.
	Type FactType `json:"type"`
	// Values are the allowed values of an enum fact.
	Values []string `json:"values,omitempty"`
	// Description says what the fact records and which commitment needs it.
	Description string `json:"description"`
	// Required: every record of the kind must give the fact.
	Required bool `json:"required,omitempty"`
	// RequiredWhen is a CEL condition on the record (with the variables a
	// rule on the record kind has: funding.kind in ['reduction', 'ending']):
	// a record for which it holds must give the fact. Package rules checks
	// it when it compiles the area's pack.
	RequiredWhen Condition `json:"requiredWhen,omitzero"`

	// Source is where the fact was declared.
	Source Position `json:"-"`
}

// Condition is a CEL condition written in a document, kept with where it
// was written so that package rules can compile it and point at a mistake.
type Condition struct {
	// Text of the condition.
	Text string
	// Pos is where it was written.
	Pos Position
	// Style of the scalar it was written as (a block's text starts on the
	// next line).
	Style docfmt.ScalarStyle
}

// IsZero reports whether no condition was given.
func (c Condition) IsZero() bool { return c.Text == "" }

// UnmarshalScalar reads a condition. It implements [docfmt.ScalarUnmarshaler].
func (c *Condition) UnmarshalScalar(s docfmt.Scalar) error {
	if s.Kind != docfmt.ScalarString {
		return &docfmt.TypeMismatch{Want: "a CEL condition", Got: s}
	}
	*c = Condition{Text: s.Text, Pos: Position(s.Pos), Style: s.Style}
	return nil
}

// UnmarshalJSON reads a condition from a JSON string.
func (c *Condition) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &c.Text) }

// MarshalJSON writes the condition's text.
func (c Condition) MarshalJSON() ([]byte, error) { return json.Marshal(c.Text) }

// FactDecls are the facts declared for each record kind (funding,
// consultation ...), by name.
type FactDecls map[string]map[string]FactDecl

// Of returns the declarations of a record kind; nil when there are none.
func (d FactDecls) Of(kind string) map[string]FactDecl { return d[kind] }

// Fact is the value of a declared fact on a record. It is read as written
// and typed against its declaration when the area loads; [Fact.Value] is
// then a [Date], bool, int64, float64 (money) or string (text, enum and ids).
type Fact struct {
	raw Value
	val any
	pos Position
}

// Facts are a record's declared facts, by name.
type Facts map[string]Fact

// NewFact returns a fact holding v, typed already: a Date, bool, int64,
// float64 or string.
func NewFact(v any) Fact { return Fact{val: v} }

// Value is the typed value; nil until the fact is checked against its
// declaration.
func (f Fact) Value() any { return f.val }

// Pos is where the fact's value was written.
func (f Fact) Pos() Position { return f.pos }

// UnmarshalScalar reads a fact's value as written. It implements
// [docfmt.ScalarUnmarshaler].
func (f *Fact) UnmarshalScalar(s docfmt.Scalar) error {
	f.pos = Position(s.Pos)
	if s.Kind == docfmt.ScalarList || s.Kind == docfmt.ScalarMap {
		return &docfmt.TypeMismatch{Want: "a single value (a date, number, true/false or text)", Got: s}
	}
	return f.raw.UnmarshalScalar(s)
}

// UnmarshalJSON reads a fact's value as written.
func (f *Fact) UnmarshalJSON(b []byte) error { return f.raw.UnmarshalJSON(b) }

// MarshalJSON writes the typed value (a date as "YYYY-MM-DD").
func (f Fact) MarshalJSON() ([]byte, error) {
	switch v := f.val.(type) {
	case nil:
		return json.Marshal(f.raw)
	case Date:
		return json.Marshal(v.String())
	default:
		return json.Marshal(v)
	}
}

// String formats the value for people.
func (f Fact) String() string {
	if f.val == nil {
		return f.raw.String()
	}
	return fmt.Sprint(f.val)
}

// typed converts a fact as written to its declared type.
func (d FactDecl) typed(raw Value) (any, error) {
	switch d.Type {
	case FactDate:
		s, ok := raw.AsString()
		if !ok {
			return nil, fmt.Errorf("expected a date (YYYY-MM-DD), found %s", describeValue(raw))
		}
		return ParseDate(s)
	case FactBool:
		if b, ok := raw.AsBool(); ok {
			return b, nil
		}
		return nil, fmt.Errorf("expected true or false, found %s", describeValue(raw))
	case FactInt:
		if i, ok := raw.AsInt(); ok {
			return i, nil
		}
		return nil, fmt.Errorf("expected a whole number, found %s", describeValue(raw))
	case FactMoney:
		f, ok := raw.AsFloat()
		if !ok {
			return nil, fmt.Errorf("expected an amount in pounds, found %s", describeValue(raw))
		}
		if f < 0 {
			return nil, fmt.Errorf("an amount cannot be negative")
		}
		return f, nil
	}
	s, ok := raw.AsString()
	if !ok {
		return nil, fmt.Errorf("expected text, found %s; put it in quotes", describeValue(raw))
	}
	if d.Type == FactEnum && !slices.Contains(d.Values, s) {
		msg := fmt.Sprintf("%q is not one of %s", s, strings.Join(d.Values, ", "))
		if near := docfmt.Closest(s, d.Values); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return nil, fmt.Errorf("%s", msg)
	}
	return s, nil
}

func describeValue(v Value) string {
	if v.IsZero() {
		return "nothing"
	}
	return fmt.Sprintf("%s %s", v.Type(), v)
}

// FactProblem is a problem with one fact of a record.
type FactProblem struct {
	// Name of the fact ("" for a problem with the record as a whole).
	Name string
	// Pos is where the fact was written (zero for a missing one).
	Pos Position
	// Class of the problem: ErrUnknownField, ErrType, ErrValue or ErrMissing.
	Class error
	// Msg says what is wrong.
	Msg string
}

// TypeFacts checks a record's facts against the declarations of its kind
// and types them in place: an undeclared fact (with a "did you mean"), a
// value of the wrong type and a missing required fact are problems. record
// names the record in messages ("funding decision fund-3").
func TypeFacts(decls map[string]FactDecl, kind, record string, facts Facts) []FactProblem {
	if len(facts) == 0 && !anyRequired(decls) {
		return nil // the common case, once per record: nothing to sort
	}
	var out []FactProblem
	names := slices.Sorted(maps.Keys(decls))
	for _, name := range slices.Sorted(maps.Keys(facts)) {
		f := facts[name]
		d, ok := decls[name]
		if !ok {
			msg := fmt.Sprintf("%s record %s has fact %q, which the compact does not declare for %s records", kind, record, name, kind)
			if near := docfmt.Closest(name, names); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else if len(names) == 0 {
				msg += "; declare it under facts." + kind + " in the compact"
			} else {
				msg += "; declared: " + strings.Join(names, ", ")
			}
			out = append(out, FactProblem{Name: name, Pos: f.pos, Class: ErrUnknownField, Msg: msg})
			continue
		}
		if f.val != nil {
			continue // typed already
		}
		v, err := d.typed(f.raw)
		if err != nil {
			class := ErrType
			if d.Type == FactEnum || d.Type == FactMoney || (d.Type == FactDate && f.raw.Type() == TypeString) {
				class = ErrValue
			}
			out = append(out, FactProblem{Name: name, Pos: f.pos, Class: class, Msg: fmt.Sprintf("fact %s (%s): %s", name, d.Type, err)})
			continue
		}
		f.val = v
		facts[name] = f
	}
	for _, name := range names {
		if _, ok := facts[name]; !ok && decls[name].Required {
			out = append(out, FactProblem{Name: name, Class: ErrMissing,
				Msg: fmt.Sprintf("%s record %s does not give fact %s, which the compact requires (%s)", kind, record, name, decls[name].Description)})
		}
	}
	return out
}

// anyRequired reports whether a declaration is required always.
func anyRequired(decls map[string]FactDecl) bool {
	for _, d := range decls {
		if d.Required {
			return true
		}
	}
	return false
}

// checkFactDecls checks a compact's fact declarations.
func (c *check) checkFactDecls(x *Compact) {
	for _, kind := range slices.Sorted(maps.Keys(x.Facts)) {
		if !slices.Contains(factKinds, kind) {
			msg := fmt.Sprintf("records of kind %q cannot carry facts; expected one of %s", kind, strings.Join(factKinds, ", "))
			if near := docfmt.Closest(kind, factKinds); near != "" {
				msg = fmt.Sprintf("records of kind %q cannot carry facts; did you mean %q?", kind, near)
			}
			c.errf("facts."+kind, x.Source, ErrValue, "%s", msg)
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(x.Facts[kind])) {
			d := x.Facts[kind][name]
			path := "facts." + kind + "." + name
			if !docfmt.ValidParameterName(name) {
				c.errf(path, d.Source, ErrValue, "%q is not a valid fact name: use letters, digits and _, starting with a letter", name)
			}
			if d.Type == FactEnum && len(d.Values) == 0 {
				c.errf(path+".values", d.Source, ErrMissing, "enum fact %s lists no values", name)
			}
			if d.Required && !d.RequiredWhen.IsZero() {
				c.errf(path+".requiredWhen", d.Source, ErrValue, "fact %s is required always; give required or requiredWhen, not both", name)
			}
			if d.Type != FactEnum && len(d.Values) > 0 {
				c.errf(path+".values", d.Source, ErrValue, "only enum facts list values; %s is a %s", name, d.Type)
			}
		}
	}
}

// layerFacts adds local declarations to the base's; a local compact cannot
// redeclare an inherited fact.
func layerFacts(base FactDecls, c *Compact, p *problems) FactDecls {
	if len(base) == 0 {
		return c.Facts
	}
	out := FactDecls{}
	for kind, m := range base {
		out[kind] = make(map[string]FactDecl, len(m))
		for name, d := range m {
			out[kind][name] = d
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(c.Facts)) {
		if out[kind] == nil {
			out[kind] = map[string]FactDecl{}
		}
		for _, name := range slices.Sorted(maps.Keys(c.Facts[kind])) {
			d := c.Facts[kind][name]
			if _, dup := out[kind][name]; dup {
				p.add(d.Source, "facts."+kind+"."+name, ErrLayering, "fact %s of %s records is already declared by the base compact; records fill it in, a local compact cannot redeclare it", name, kind)
				continue
			}
			out[kind][name] = d
		}
	}
	return out
}
