package compact

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/compactkit/compactkit/internal/docfmt"
	yaml "go.yaml.in/yaml/v3"
)

// decoder maps YAML nodes onto Go values by reflection, collecting every
// problem rather than stopping at the first.
type decoder struct {
	p      *problems
	file   string
	fields map[reflect.Type]*fieldSet
}

// fieldSet is the document fields of a struct type, looked up by name:
// worked out once per type and decoder, not once per value decoded.
type fieldSet struct {
	all       []field
	positions []int             // indexes in all of the Position fields
	byName    map[string]*field // the named fields
	names     []string          // their names in field order, for messages
}

type field struct {
	name     string
	index    []int
	required bool
}

var (
	scalarUnmarshalerType = reflect.TypeFor[docfmt.ScalarUnmarshaler]()
	positionType          = reflect.TypeFor[Position]()
)

func newDecoder(src *source) *decoder {
	return &decoder{p: newProblems(src), file: src.name, fields: map[reflect.Type]*fieldSet{}}
}

func (d *decoder) decodeInto(n *yaml.Node, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("compact: Decode needs a non-nil pointer, got %T", v))
	}
	d.value(n, rv.Elem(), "")
}

func (d *decoder) pos(n *yaml.Node) Position {
	return Position{File: d.file, Line: n.Line, Column: n.Column}
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		s := scalarOf(n, "")
		if s.Kind == docfmt.ScalarNull {
			return s.Kind.String()
		}
		return fmt.Sprintf("%s %q", s.Kind, s.Text)
	}
	return "nothing"
}

// tagKinds maps the YAML tags of scalars to their kinds.
var tagKinds = map[string]docfmt.ScalarKind{
	"!!str": docfmt.ScalarString, "!!int": docfmt.ScalarInt, "!!float": docfmt.ScalarFloat,
	"!!bool": docfmt.ScalarBool, "!!timestamp": docfmt.ScalarTimestamp, "!!null": docfmt.ScalarNull,
}

// nodeStyles maps YAML node styles to scalar styles, in the order they are
// tested.
var nodeStyles = []struct {
	yaml  yaml.Style
	style docfmt.ScalarStyle
}{
	{yaml.LiteralStyle, docfmt.StyleLiteral}, {yaml.FoldedStyle, docfmt.StyleFolded},
	{yaml.DoubleQuotedStyle, docfmt.StyleDoubleQuoted}, {yaml.SingleQuotedStyle, docfmt.StyleSingleQuoted},
}

func scalarOf(n *yaml.Node, file string) docfmt.Scalar {
	s := docfmt.Scalar{Text: n.Value, Pos: docfmt.Position{File: file, Line: n.Line, Column: n.Column}}
	s.Kind = tagKinds[n.ShortTag()]
	for _, ns := range nodeStyles {
		if n.Style&ns.yaml != 0 {
			s.Style = ns.style
			break
		}
	}
	return s
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		d.p.add(d.pos(n), path, ErrValue, "YAML aliases (*%s) are not supported; write the value out in full", n.Value)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag != "" && n.Tag[0] == '!' && !strings.HasPrefix(n.Tag, "!!") {
		d.p.add(d.pos(n), path, ErrValue, "custom YAML tag %s is not supported", n.Tag)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(scalarUnmarshalerType) {
		d.scalarUnmarshal(n, v.Addr().Interface().(docfmt.ScalarUnmarshaler), path)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.value(n, elem.Elem(), path)
		v.Set(elem)
	case reflect.Struct:
		d.structValue(n, v, path)
	case reflect.Slice:
		d.sliceValue(n, v, path)
	case reflect.Map:
		d.mapValue(n, v, path)
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		d.basic(n, v, path)
	default:
		panic(fmt.Sprintf("compact: cannot decode into %s", v.Type()))
	}
}

func (d *decoder) scalarUnmarshal(n *yaml.Node, u docfmt.ScalarUnmarshaler, path string) {
	var s docfmt.Scalar
	switch n.Kind {
	case yaml.ScalarNode:
		s = scalarOf(n, d.file)
	case yaml.SequenceNode:
		s = docfmt.Scalar{Kind: docfmt.ScalarList, Pos: docfmt.Position(d.pos(n))}
	default:
		s = docfmt.Scalar{Kind: docfmt.ScalarMap, Pos: docfmt.Position(d.pos(n))}
	}
	if err := u.UnmarshalScalar(s); err != nil {
		class := classify(err, ErrValue)
		if _, ok := err.(*docfmt.TypeMismatch); ok {
			class = ErrType
		}
		d.p.addCause(d.pos(n), path, class, err, "%s", err.Error())
	}
}

func (d *decoder) wrongType(n *yaml.Node, path, want string) {
	msg := fmt.Sprintf("expected %s, found %s", want, describeNode(n))
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		msg = fmt.Sprintf("expected %s, found nothing; give a value or remove the field", want)
	} else if want == "a string" && n.Kind == yaml.ScalarNode {
		msg += fmt.Sprintf("; put it in quotes: %q", n.Value)
	}
	d.p.add(d.pos(n), path, ErrType, "%s", msg)
}

func (d *decoder) basic(n *yaml.Node, v reflect.Value, path string) {
	want := map[reflect.Kind]string{reflect.String: "a string", reflect.Bool: "true or false",
		reflect.Float32: "a number", reflect.Float64: "a number"}[v.Kind()]
	if want == "" {
		want = "an integer"
	}
	if n.Kind != yaml.ScalarNode {
		d.wrongType(n, path, want)
		return
	}
	tag := n.ShortTag()
	switch v.Kind() {
	case reflect.String:
		if tag != "!!str" {
			d.wrongType(n, path, want)
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if tag != "!!bool" || err != nil {
			d.wrongType(n, path, want)
			return
		}
		v.SetBool(b)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if (tag != "!!int" && tag != "!!float") || err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			d.wrongType(n, path, want)
			return
		}
		v.SetFloat(f)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		integer(d, n, v, path, signed)
	default: // unsigned
		integer(d, n, v, path, unsigned)
	}
}

// integerKind is how basic reads one of the two kinds of integer field,
// signed (T int64) or unsigned (T uint64).
type integerKind[T int64 | uint64] struct {
	parse     func(s string, base, bits int) (T, error)
	overflows func(reflect.Value, T) bool
	set       func(reflect.Value, T)
	// want is what a value of another tag is told it should be;
	// outOfRange formats the message for a value that does not fit.
	want, outOfRange string
}

// The two kinds of integer field.
var (
	signed = integerKind[int64]{strconv.ParseInt, reflect.Value.OverflowInt, reflect.Value.SetInt,
		"an integer", "integer %s is out of range"}
	unsigned = integerKind[uint64]{strconv.ParseUint, reflect.Value.OverflowUint, reflect.Value.SetUint,
		"a whole number of zero or more", "%s is not a whole number of zero or more in range"}
)

// integer reads an integer scalar into v, a field of kind k: it must be
// tagged !!int, parse, and fit the field.
func integer[T int64 | uint64](d *decoder, n *yaml.Node, v reflect.Value, path string, k integerKind[T]) {
	if n.ShortTag() != "!!int" {
		d.wrongType(n, path, k.want)
		return
	}
	i, err := k.parse(n.Value, 0, 64)
	if err != nil || k.overflows(v, i) {
		d.p.add(d.pos(n), path, ErrValue, k.outOfRange, n.Value)
		return
	}
	k.set(v, i)
}

func (d *decoder) sliceValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.wrongType(n, path, "a list")
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, out.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(out)
}

func (d *decoder) mapValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.wrongType(n, path, "a mapping")
		return
	}
	if v.Type().Key().Kind() != reflect.String {
		panic(fmt.Sprintf("compact: map keys must be strings, not %s", v.Type().Key()))
	}
	out := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !d.key(k, path, seen) {
			continue
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(val, elem, join(path, k.Value))
		out.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), elem)
	}
	v.Set(out)
}

// key checks a mapping key: a plain string, not seen before.
func (d *decoder) key(k *yaml.Node, path string, seen map[string]bool) bool {
	if k.Kind != yaml.ScalarNode || (k.ShortTag() != "!!str" && k.ShortTag() != "!!int") {
		d.p.add(d.pos(k), path, ErrType, "a key must be a name, found %s", describeNode(k))
		return false
	}
	if seen[k.Value] {
		d.p.add(d.pos(k), join(path, k.Value), ErrDuplicate, "%q is given twice", k.Value)
		return false
	}
	seen[k.Value] = true
	return true
}

func (d *decoder) structValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.wrongType(n, path, "a mapping of fields")
		return
	}
	set := d.fieldsOf(v.Type())
	for _, i := range set.positions {
		v.FieldByIndex(set.all[i].index).Set(reflect.ValueOf(d.pos(n)))
	}
	byName, names := set.byName, set.names
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !d.key(k, path, seen) {
			continue
		}
		f, ok := byName[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown field %q", k.Value)
			if near := docfmt.Closest(k.Value, names); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else {
				msg += "; expected one of " + strings.Join(names, ", ")
			}
			d.p.add(d.pos(k), join(path, k.Value), ErrUnknownField, "%s", msg)
			continue
		}
		d.value(val, fieldByIndexAlloc(v, f.index), join(path, f.name))
	}
	for _, name := range names {
		if f := byName[name]; f.required && !seen[name] {
			d.p.add(d.pos(n), join(path, name), ErrMissing, "missing required field %q", name)
		}
	}
}

func fieldByIndexAlloc(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// fieldsOf lists the document fields of a struct type, following the json
// tags: embedded structs without a name are inlined; a field without
// omitempty is required; a Position field tagged "-" gets the node position
// and has no name.
func (d *decoder) fieldsOf(t reflect.Type) *fieldSet {
	if fs, ok := d.fields[t]; ok {
		return fs
	}
	fs := &fieldSet{all: structFields(t)}
	fs.byName = make(map[string]*field, len(fs.all))
	for i := range fs.all {
		f := &fs.all[i]
		if f.name == "" { // a Position field
			fs.positions = append(fs.positions, i)
			continue
		}
		fs.byName[f.name] = f
		fs.names = append(fs.names, f.name)
	}
	d.fields[t] = fs
	return fs
}

// structFields lists the document fields of a struct type in declaration
// order. A Position field tagged json:"-" is listed with an empty name.
func structFields(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if tag == "-" {
			if sf.Type == positionType {
				out = append(out, field{index: sf.Index})
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			for _, inner := range structFields(sf.Type) {
				inner.index = append([]int{i}, inner.index...)
				out = append(out, inner)
			}
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, field{name: name, index: sf.Index, required: !hasOption(opts, "omitempty") && !hasOption(opts, "omitzero")})
	}
	return out
}

func hasOption(opts, name string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == name {
			return true
		}
	}
	return false
}
