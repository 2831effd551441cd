package rules

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Declared facts in CEL: a record's facts field (funding.facts) is an object
// whose fields are exactly the facts the area's compact declares for that
// record kind, each of its declared type, so a misspelt fact does not
// compile and has(funding.facts.meetingOffered) tells an absent one.

var factsGoType = reflect.TypeFor[compact.Facts]()

// factKinds maps the CEL type of each record that carries facts to its
// record kind in the compact's declarations.
var factKinds = map[string]string{
	"compact.Consultation":    "consultation",
	"compact.FundingDecision": "funding",
	"compact.Meeting":         "meeting",
	"compact.Nomination":      "nomination",
	"compact.Signature":       "signature",
	"compact.Report":          "report",
}

// isFactKind reports whether kind is a record kind that carries facts.
func isFactKind(kind string) bool {
	for _, k := range factKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// factsTypePrefix starts the CEL type name of a record kind's facts.
const factsTypePrefix = "facts."

// factsVal is a record's facts as a CEL value.
type factsVal struct {
	kind  string
	facts compact.Facts
}

func factsTypeOf(kind string) *types.Type { return types.NewObjectType(factsTypePrefix + kind) }

// ConvertToNative implements ref.Val: facts convert to a map of name to value.
func (f factsVal) ConvertToNative(t reflect.Type) (any, error) {
	if t == reflect.TypeFor[map[string]any]() || t == reflect.TypeFor[any]() {
		m := make(map[string]any, len(f.facts))
		for k, v := range f.facts {
			m[k] = v.Value()
		}
		return m, nil
	}
	return nil, fmt.Errorf("facts cannot be converted to %s", t)
}

// ConvertToType implements ref.Val.
func (f factsVal) ConvertToType(t ref.Type) ref.Val {
	if t.TypeName() == types.TypeType.TypeName() {
		return factsTypeOf(f.kind)
	}
	return types.NewErr("facts cannot be converted to %s", t.TypeName())
}

// Equal implements ref.Val.
func (f factsVal) Equal(other ref.Val) ref.Val {
	o, ok := other.(factsVal)
	return types.Bool(ok && o.kind == f.kind && maps.Equal(o.facts, f.facts))
}

// Type implements ref.Val.
func (f factsVal) Type() ref.Type { return factsTypeOf(f.kind) }

// Value implements ref.Val.
func (f factsVal) Value() any { return f }

// factsField is the facts field of record type t (a record of kind).
func factsField(t reflect.Type, index []int, kind string) *types.FieldType {
	sf := newStructField(t, index)
	get := func(obj any) compact.Facts {
		if a := sf.addr(obj); a.IsValid() {
			return *a.Interface().(*compact.Facts)
		}
		return nil
	}
	return &types.FieldType{
		Type:    factsTypeOf(kind),
		IsSet:   func(obj any) bool { return len(get(obj)) > 0 },
		GetFrom: func(obj any) (any, error) { return factsVal{kind, get(obj)}, nil },
	}
}

// factValueTypes are the parameter value types facts of the other scalar
// types read as in CEL; the rest (text, enum, references) read as strings.
var factValueTypes = map[compact.FactType]compact.ValueType{
	compact.FactBool: compact.TypeBool, compact.FactInt: compact.TypeInt, compact.FactMoney: compact.TypeFloat,
}

// celFactType is the CEL type a declared fact reads as: a date, or the
// type of a parameter of the same kind of value (see [celTypeOf]).
func celFactType(t compact.FactType) *types.Type {
	if t == compact.FactDate {
		return DateType
	}
	return celTypeOf(factValueTypes[t])
}

// factsOfObj returns the facts a field of a facts object is read from.
func factsOfObj(obj any) (compact.Facts, bool) {
	if v, ok := obj.(ref.Val); ok {
		obj = v.Value()
	}
	f, ok := obj.(factsVal)
	return f.facts, ok
}

// factField is the field for one declared fact.
func factField(kind, name string, d compact.FactDecl) *types.FieldType {
	return &types.FieldType{
		Type: celFactType(d.Type),
		IsSet: func(obj any) bool {
			facts, _ := factsOfObj(obj)
			_, ok := facts[name]
			return ok
		},
		GetFrom: func(obj any) (any, error) {
			facts, ok := factsOfObj(obj)
			if !ok {
				return nil, fmt.Errorf("not the facts of a %s record: %T", kind, obj)
			}
			f, given := facts[name]
			if d.Type == compact.FactDate {
				if !given {
					return dateVal{}, nil // not given: compares as an error, has() says false
				}
				date, _ := f.Value().(compact.Date)
				return newDateVal(date), nil
			}
			if !given {
				return nil, fmt.Errorf("fact %s is not given; test it first with has(%s.facts.%s)", name, kind, name)
			}
			if f.Value() == nil {
				return nil, fmt.Errorf("fact %s was not checked against its declaration", name)
			}
			return types.DefaultTypeAdapter.NativeToValue(f.Value()), nil
		},
	}
}

// findFactsType answers the provider's questions about facts types.
func (p *provider) findFactsType(name string) (string, bool) {
	kind, ok := strings.CutPrefix(name, factsTypePrefix)
	if !ok || !isFactKind(kind) {
		return "", false
	}
	return kind, true
}

// factNames lists the facts declared for a record kind.
func (p *provider) factNames(kind string) []string {
	return slices.Sorted(maps.Keys(p.facts.Of(kind)))
}

// withFacts makes the declared facts visible to expressions.
func (p *provider) withFacts(decls compact.FactDecls) {
	p.facts = decls
	for kind := range decls {
		p.fields[factsTypePrefix+kind] = p.factNames(kind)
	}
}

// typeFixtureFacts checks and types the facts of a pack test's records
// against the compact's declarations; path is the test's path in doc. f is
// a copy of the test's fixture: its records and facts are copied before
// they are typed, so the pack's tests stay as written and tests may run
// concurrently.
func typeFixtureFacts(decls compact.FactDecls, f *Fixture, doc *compact.Document, path string) compact.Errors {
	f.Consultations, f.Funding, f.Meetings = slices.Clone(f.Consultations), slices.Clone(f.Funding), slices.Clone(f.Meetings)
	f.Nominations, f.Signatures, f.Reports = slices.Clone(f.Nominations), slices.Clone(f.Signatures), slices.Clone(f.Reports)
	var errs compact.Errors
	check := func(kind, list string, i int, id string, facts compact.Facts) {
		rp := fmt.Sprintf("%s.given.%s[%d]", path, list, i)
		for _, pr := range compact.TypeFacts(decls.Of(kind), kind, id, facts) {
			fp := rp
			if pr.Name != "" && pr.Class != compact.ErrMissing {
				fp += ".facts." + pr.Name
			}
			errs = append(errs, doc.Errorf(fp, pr.Class, "%s", pr.Msg))
		}
	}
	for _, r := range recordsWithFacts(f.Consultations, f.Funding, f.Meetings, f.Nominations, f.Signatures, f.Reports) {
		*r.facts = maps.Clone(*r.facts)
		check(r.kind, r.list, r.index, r.id, *r.facts)
	}
	return errs
}

// factRecord is a record that carries facts: its kind, the list it is in
// (the field of Records or of a pack test's given) and its place there.
type factRecord struct {
	kind, list string
	index      int
	id         string
	src        compact.Position
	facts      *compact.Facts
	rec        any // the *compact.FundingDecision ...
}

// recordsWithFacts lists the records of the lists, kind by kind, each
// pointing at its own facts: the one walk over the record kinds that the
// required-when check and the typing of pack-test facts share.
func recordsWithFacts(c []compact.Consultation, f []compact.FundingDecision, m []compact.Meeting,
	n []compact.Nomination, s []compact.Signature, r []compact.Report) []factRecord {
	var out []factRecord
	out = appendFactRecords(out, "consultation", "consultations", c, func(x *compact.Consultation) (string, compact.Position, *compact.Facts) {
		return x.ID, x.Source, &x.Facts
	})
	out = appendFactRecords(out, "funding", "funding", f, func(x *compact.FundingDecision) (string, compact.Position, *compact.Facts) {
		return x.ID, x.Source, &x.Facts
	})
	out = appendFactRecords(out, "meeting", "meetings", m, func(x *compact.Meeting) (string, compact.Position, *compact.Facts) {
		return x.ID, x.Source, &x.Facts
	})
	out = appendFactRecords(out, "nomination", "nominations", n, func(x *compact.Nomination) (string, compact.Position, *compact.Facts) {
		return x.ID, x.Source, &x.Facts
	})
	out = appendFactRecords(out, "signature", "signatures", s, func(x *compact.Signature) (string, compact.Position, *compact.Facts) {
		return x.ID, x.Source, &x.Facts
	})
	out = appendFactRecords(out, "report", "reports", r, func(x *compact.Report) (string, compact.Position, *compact.Facts) {
		return x.ID, x.Source, &x.Facts
	})
	return out
}

// appendFactRecords appends the fact record of each record of list.
func appendFactRecords[T any](out []factRecord, kind, list string, recs []T, of func(*T) (string, compact.Position, *compact.Facts)) []factRecord {
	for i := range recs {
		id, src, facts := of(&recs[i])
		out = append(out, factRecord{kind: kind, list: list, index: i, id: id, src: src, facts: facts, rec: &recs[i]})
	}
	return out
}

// factRecords lists an area's records of a kind.
func factRecords(a *compact.Area, kind string) []factRecord {
	r := &a.Records
	var out []factRecord
	for _, x := range recordsWithFacts(r.Consultations, r.Funding, r.Meetings, r.Nominations, r.Signatures, r.Reports) {
		if x.kind == kind {
			out = append(out, x)
		}
	}
	return out
}

// docAt returns the area's document that holds a position.
func docAt(a *compact.Area, pos compact.Position) *compact.Document {
	var found *compact.Document
	for _, d := range a.Documents {
		if d.File() == pos.File && d.Pos.Line <= pos.Line && (found == nil || d.Pos.Line > found.Pos.Line) {
			found = d
		}
	}
	return found
}

// checkRequiredFacts compiles each fact's requiredWhen condition against
// its record kind and checks every record of the area: a record for which
// the condition holds must give the fact.
func (e *Engine) checkRequiredFacts(ctx context.Context, a *compact.Area) compact.Errors {
	var errs compact.Errors
	for _, kind := range slices.Sorted(maps.Keys(e.pack.facts)) {
		decls := e.pack.facts[kind]
		for _, name := range slices.Sorted(maps.Keys(decls)) {
			d := decls[name]
			if d.RequiredWhen.IsZero() {
				continue
			}
			var x Expr
			_ = x.UnmarshalScalar(docfmt.Scalar{Kind: docfmt.ScalarString, Text: d.RequiredWhen.Text, Style: d.RequiredWhen.Style, Pos: docfmt.Position(d.RequiredWhen.Pos)})
			sk := SubjectKind(kind)
			site := exprSite{doc: docAt(a, x.Pos), path: "facts." + kind + "." + name, env: e.env.byKind[sk],
				hint: func(msg, before string) string { return e.env.hint(sk, msg, before) }}
			p, _, cerrs := e.env.compileAt(site, "requiredWhen", x, types.BoolType)
			if len(cerrs) > 0 {
				errs = append(errs, cerrs...)
				continue
			}
			for _, r := range factRecords(a, kind) {
				if _, given := (*r.facts)[name]; given {
					continue
				}
				var sub subject
				run := run{asOf: a.Records.Period.To, period: a.Records.Period, params: e.params, compact: e.world.compactVar}
				s, err := e.world.subjectOf(&sub, r.rec, &run, e.adapt)
				var v ref.Val
				if err == nil {
					v, _, err = p.eval(ctx, s)
				}
				switch b, ok := v.(types.Bool); {
				case err != nil:
					errs = append(errs, a.Errorf(r.src, "", compact.ErrValue, "%s record %s: the condition under which fact %s is required could not be evaluated: %v", kind, r.id, name, err))
				case ok && bool(b):
					errs = append(errs, a.Errorf(r.src, "", compact.ErrMissing, "%s record %s does not give fact %s, which the compact requires when %s (%s)", kind, r.id, name, strings.TrimSpace(d.RequiredWhen.Text), d.Description))
				}
			}
		}
	}
	return errs
}
