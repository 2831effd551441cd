package rules

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// DateType is the CEL type of a civil date. Dates compare with < <= > >=
// and ==; has(record.field) tells whether an optional date was given.
var DateType = types.NewOpaqueType("date").WithTraits(traits.ComparerType)

// PeriodType is the CEL type of a period: a span of dates with fields from
// and to, both included.
var PeriodType = types.NewObjectType("compact.Period")

// errNotGiven is the message for a date that is not given used where a date
// is needed.
const errNotGiven = "a date that is not given cannot be used here; test it first with has(), for example has(consultation.feedbackPublished)"

// dateVal is a civil date as a CEL value. It points at the date where it is
// stored, a field of a record, so reading a date allocates nothing; dates
// made by functions (addMonths) are new. A nil pointer or a zero date is a
// date that was not given.
type dateVal struct{ p *compact.Date }

var zeroDate compact.Date

func newDateVal(d compact.Date) dateVal { return dateVal{&d} }

func (d dateVal) date() compact.Date {
	if d.p == nil {
		return zeroDate
	}
	return *d.p
}

func (d dateVal) given() bool { return d.p != nil && !d.p.IsZero() }

// ConvertToNative implements ref.Val.
func (d dateVal) ConvertToNative(t reflect.Type) (any, error) {
	switch t {
	case reflect.TypeFor[compact.Date](), reflect.TypeFor[any]():
		return d.date(), nil
	case reflect.TypeFor[*compact.Date]():
		v := d.date()
		return &v, nil
	case reflect.TypeFor[string]():
		return d.String(), nil
	}
	return nil, fmt.Errorf("a date cannot be converted to %s", t)
}

// ConvertToType implements ref.Val.
func (d dateVal) ConvertToType(t ref.Type) ref.Val {
	return convertToType(d, DateType, "a date", d.String(), t)
}

// convertToType converts v, a value of the CEL type own (named noun in
// messages, "a date"), to the type t: to a string, its text; to its own
// type, itself; to type, its type. Other types are errors.
func convertToType(v ref.Val, own *types.Type, noun, text string, t ref.Type) ref.Val {
	switch t.TypeName() {
	case types.StringType.TypeName():
		return types.String(text)
	case own.TypeName():
		return v
	case types.TypeType.TypeName():
		return own
	}
	return types.NewErr("%s cannot be converted to %s", noun, t.TypeName())
}

// Equal implements ref.Val.
func (d dateVal) Equal(other ref.Val) ref.Val {
	o, ok := other.(dateVal)
	return types.Bool(ok && d.date() == o.date())
}

// Compare implements traits.Comparer, so < <= > >= work on dates.
func (d dateVal) Compare(other ref.Val) ref.Val {
	o, ok := other.(dateVal)
	if !ok {
		return types.MaybeNoSuchOverloadErr(other)
	}
	if !d.given() || !o.given() {
		return types.NewErr("%s", errNotGiven)
	}
	return types.Int(d.p.Compare(*o.p))
}

// Type implements ref.Val.
func (d dateVal) Type() ref.Type { return DateType }

// Value implements ref.Val: the compact.Date.
func (d dateVal) Value() any { return d.date() }

// String formats the date as YYYY-MM-DD, or "not given".
func (d dateVal) String() string {
	if !d.given() {
		return "not given"
	}
	return d.p.String()
}

// periodVal is a period as a CEL value; like dateVal it points at where the
// period is stored.
type periodVal struct{ p *compact.Period }

// ConvertToNative implements ref.Val.
func (p periodVal) ConvertToNative(t reflect.Type) (any, error) {
	switch t {
	case reflect.TypeFor[compact.Period](), reflect.TypeFor[any]():
		return *p.p, nil
	case reflect.TypeFor[string]():
		return p.p.String(), nil
	}
	return nil, fmt.Errorf("a period cannot be converted to %s", t)
}

// ConvertToType implements ref.Val.
func (p periodVal) ConvertToType(t ref.Type) ref.Val {
	return convertToType(p, PeriodType, "a period", p.p.String(), t)
}

// Equal implements ref.Val.
func (p periodVal) Equal(other ref.Val) ref.Val {
	o, ok := other.(periodVal)
	return types.Bool(ok && *p.p == *o.p)
}

// Type implements ref.Val.
func (p periodVal) Type() ref.Type { return PeriodType }

// Value implements ref.Val: the *compact.Period, so that field access
// (period.from) reads the date where it is stored.
func (p periodVal) Value() any { return p.p }

// paramsTypeName is the CEL type of the params variable.
const paramsTypeName = "rules.Params"

// params holds the parameter values in force as CEL values, indexed like
// the declarations, so params.NAME is a slice index at run time. It is a
// CEL object whose fields are exactly the pack's parameters: a misspelt
// parameter does not compile.
type params struct {
	names  []string
	values []ref.Val
	units  []string // of each parameter, for texts that name it
	fields map[string]*types.FieldType
}

var paramsType = types.NewObjectType(paramsTypeName)

func newParams(settings []*Setting) *params {
	p := &params{fields: map[string]*types.FieldType{}}
	for i, s := range settings {
		p.names = append(p.names, s.Name)
		p.values = append(p.values, types.DefaultTypeAdapter.NativeToValue(s.Value.Interface()))
		p.units = append(p.units, s.Unit)
		i := i
		p.fields[s.Name] = &types.FieldType{
			Type:  celTypeOf(s.Type),
			IsSet: func(any) bool { return true },
			GetFrom: func(obj any) (any, error) {
				if q, ok := obj.(*params); ok {
					return q.values[i], nil
				}
				return nil, fmt.Errorf("not a params value: %T", obj)
			},
		}
	}
	return p
}

func celTypeOf(t compact.ValueType) *types.Type {
	switch t {
	case compact.TypeInt:
		return types.IntType
	case compact.TypeFloat:
		return types.DoubleType
	case compact.TypeBool:
		return types.BoolType
	}
	return types.StringType
}

// ConvertToNative implements ref.Val: params convert to a map of name to value.
func (p *params) ConvertToNative(t reflect.Type) (any, error) {
	m := make(map[string]any, len(p.names))
	for i, n := range p.names {
		m[n] = p.values[i].Value()
	}
	if t == reflect.TypeFor[map[string]any]() || t == reflect.TypeFor[any]() {
		return m, nil
	}
	return nil, fmt.Errorf("params cannot be converted to %s", t)
}

// ConvertToType implements ref.Val.
func (p *params) ConvertToType(t ref.Type) ref.Val {
	if t.TypeName() == types.TypeType.TypeName() {
		return paramsType
	}
	return types.NewErr("params cannot be converted to %s", t.TypeName())
}

// Equal implements ref.Val.
func (p *params) Equal(other ref.Val) ref.Val { return types.Bool(other == ref.Val(p)) }

// Type implements ref.Val.
func (p *params) Type() ref.Type { return paramsType }

// Value implements ref.Val.
func (p *params) Value() any { return p }

// provider is the type provider of a pack's CEL environment: cel-go's
// native types for the domain records (field names from their json tags,
// Source positions hidden), with civil dates and periods turned into the
// date and period types, and the pack's params type.
type provider struct {
	*types.Registry
	special map[string]map[string]*types.FieldType // struct type -> field -> date or period field
	fields  map[string][]string                    // struct type -> all field names, for suggestions
	enums   map[string]map[string]enumInfo         // struct type -> enumerated field -> its values
	params  *params
	facts   compact.FactDecls // the area's declared facts, per record kind
}

// enumInfo is the allowed values of an enumerated field.
type enumInfo struct {
	values []string
	what   string // "funding kind"
}

var enumType = reflect.TypeFor[docfmt.Enum]()

// exposed are the Go types rules see. Types they contain are exposed too.
var exposed = []reflect.Type{
	reflect.TypeFor[compact.Compact](),
	reflect.TypeFor[compact.Consultation](),
	reflect.TypeFor[compact.FundingDecision](),
	reflect.TypeFor[compact.Meeting](),
	reflect.TypeFor[compact.Nomination](),
	reflect.TypeFor[compact.Signature](),
	reflect.TypeFor[compact.Report](),
	reflect.TypeFor[compact.Organisation](),
	reflect.TypeFor[compact.Person](),
	reflect.TypeFor[compact.Body](),
	reflect.TypeFor[Member](),
}

var (
	dateGoType   = reflect.TypeFor[compact.Date]()
	periodGoType = reflect.TypeFor[compact.Period]()
)

// newProvider returns the provider of the types rules see, and of extra
// struct types (a standalone condition's variables).
func newProvider(settings []*Setting, extra ...reflect.Type) (*provider, error) {
	reg, err := types.NewRegistry()
	if err != nil {
		return nil, err
	}
	p := &provider{Registry: reg, special: map[string]map[string]*types.FieldType{}, fields: map[string][]string{},
		enums: map[string]map[string]enumInfo{}, params: newParams(settings)}
	for _, t := range append(slices.Clone(exposed), extra...) {
		if err := reg.RegisterNativeType(t, types.ParseStructTag("json")); err != nil {
			return nil, fmt.Errorf("rules: exposing %s to CEL: %w", t, err)
		}
		p.walk(t, map[reflect.Type]bool{})
	}
	p.special[PeriodType.TypeName()] = map[string]*types.FieldType{
		"from": dateField(periodGoType, []int{0}),
		"to":   dateField(periodGoType, []int{1}),
	}
	p.fields[PeriodType.TypeName()] = []string{"from", "to"}
	return p, nil
}

// walk finds the date and period fields of t and the struct types it holds.
func (p *provider) walk(t reflect.Type, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] || t == dateGoType || t == periodGoType {
		return
	}
	seen[t] = true
	name := celTypeName(t)
	special := map[string]*types.FieldType{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		tag := docfmt.FieldName(f)
		if tag == "" {
			continue
		}
		p.fields[name] = append(p.fields[name], tag)
		if f.Type.Implements(enumType) {
			if p.enums[name] == nil {
				p.enums[name] = map[string]enumInfo{}
			}
			what := strings.ToLower(strings.Join(splitCamel(f.Type.Name()), " "))
			p.enums[name][tag] = enumInfo{reflect.Zero(f.Type).Interface().(docfmt.Enum).Values(), what}
		}
		switch f.Type {
		case dateGoType:
			special[tag] = dateField(t, f.Index)
		case periodGoType:
			special[tag] = periodField(t, f.Index)
		case factsGoType:
			special[tag] = factsField(t, f.Index, factKinds[name])
		default:
			p.walk(f.Type, seen)
		}
	}
	if len(special) > 0 {
		p.special[name] = special
	}
}

// celTypeName is the name cel-go's native types give a Go struct type.
func celTypeName(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndexByte(pkg, '/'); i >= 0 {
		pkg = pkg[i+1:]
	}
	return pkg + "." + t.Name()
}

// structField locates a field of a struct type, to read it in place.
type structField struct {
	t     reflect.Type
	ptr   reflect.Type // *t, the usual holder: a record in an area
	index []int
}

func newStructField(t reflect.Type, index []int) structField {
	return structField{t: t, ptr: reflect.PointerTo(t), index: index}
}

// addr returns a pointer to the field in obj, a *t (the usual case: a record
// in an area, read in place), or a t, or either held in a ref.Val. It
// returns an invalid value for anything else. It uses only package reflect:
// no assumption about how Go lays out interfaces.
func (f structField) addr(obj any) reflect.Value {
	if v, ok := obj.(ref.Val); ok {
		obj = v.Value()
	}
	v := reflect.ValueOf(obj)
	switch {
	case !v.IsValid():
		return reflect.Value{}
	case v.Type() == f.ptr:
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	case v.Type() != f.t:
		return reflect.Value{}
	}
	fv := v.FieldByIndex(f.index)
	if !fv.CanAddr() { // a struct held by value: copy the field
		c := reflect.New(fv.Type())
		c.Elem().Set(fv)
		return c
	}
	return fv.Addr()
}

func dateField(t reflect.Type, index []int) *types.FieldType {
	f := newStructField(t, index)
	get := func(obj any) *compact.Date {
		if a := f.addr(obj); a.IsValid() {
			return a.Interface().(*compact.Date)
		}
		return nil
	}
	return &types.FieldType{
		Type:  DateType,
		IsSet: func(obj any) bool { d := get(obj); return d != nil && !d.IsZero() },
		GetFrom: func(obj any) (any, error) {
			return dateVal{get(obj)}, nil
		},
	}
}

func periodField(t reflect.Type, index []int) *types.FieldType {
	f := newStructField(t, index)
	get := func(obj any) *compact.Period {
		if a := f.addr(obj); a.IsValid() {
			return a.Interface().(*compact.Period)
		}
		return &compact.Period{}
	}
	return &types.FieldType{
		Type:  PeriodType,
		IsSet: func(obj any) bool { return *get(obj) != compact.Period{} },
		GetFrom: func(obj any) (any, error) {
			return periodVal{get(obj)}, nil
		},
	}
}

// FindStructType implements types.Provider.
func (p *provider) FindStructType(name string) (*types.Type, bool) {
	switch name {
	case paramsTypeName:
		return types.NewTypeTypeWithParam(paramsType), true
	case celTypeName(dateGoType):
		return nil, false // dates are the date type, not an object
	}
	if kind, ok := p.findFactsType(name); ok {
		return types.NewTypeTypeWithParam(factsTypeOf(kind)), true
	}
	return p.Registry.FindStructType(name)
}

// FindStructFieldNames implements types.Provider.
func (p *provider) FindStructFieldNames(name string) ([]string, bool) {
	if name == paramsTypeName {
		return p.params.names, true
	}
	if name == PeriodType.TypeName() {
		return []string{"from", "to"}, true
	}
	if kind, ok := p.findFactsType(name); ok {
		return p.factNames(kind), true
	}
	return p.Registry.FindStructFieldNames(name)
}

// FindStructFieldType implements types.Provider.
func (p *provider) FindStructFieldType(structType, field string) (*types.FieldType, bool) {
	if structType == paramsTypeName {
		ft, ok := p.params.fields[field]
		return ft, ok
	}
	if kind, ok := p.findFactsType(structType); ok {
		d, ok := p.facts.Of(kind)[field]
		if !ok {
			return nil, false
		}
		return factField(kind, field, d), true
	}
	if m, ok := p.special[structType]; ok {
		if ft, ok := m[field]; ok {
			return ft, true
		}
		if structType == PeriodType.TypeName() {
			return nil, false
		}
	}
	return p.Registry.FindStructFieldType(structType, field)
}

// NativeToValue implements types.Adapter.
func (p *provider) NativeToValue(v any) ref.Val {
	switch x := v.(type) {
	case compact.Date:
		return newDateVal(x)
	case *compact.Date:
		return dateVal{x}
	case compact.Period:
		return periodVal{&x}
	case *compact.Period:
		return periodVal{x}
	}
	return p.Registry.NativeToValue(v)
}

// splitCamel splits a Go type name into words: FundingKind is Funding, Kind.
func splitCamel(s string) []string {
	var words []string
	start := 0
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			words = append(words, s[start:i])
			start = i
		}
	}
	return append(words, s[start:])
}
