package schema

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/atomicfile"
	"github.com/compactkit/compactkit/internal/docfmt"
)

var (
	compactPkg = reflect.TypeFor[compact.Compact]().PkgPath()
	// customTypes are the interfaces of types that read or write themselves
	// in their own way; a schema for them cannot come from their fields.
	customTypes = []reflect.Type{
		reflect.TypeFor[docfmt.ScalarUnmarshaler](),
		reflect.TypeFor[json.Marshaler](),
		reflect.TypeFor[encoding.TextMarshaler](),
	}
)

// Generator generates schemas from the Go types of the kinds. Descriptions
// come from the Go doc comments, so it reads the module's Go source: it is a
// tool for "go generate" and tests, not for programs in production, which
// use the published schemas ([Published]).
type Generator struct {
	comments *comments
}

// NewGenerator returns a generator that reads descriptions from the Go source
// of the module whose root folder (the one holding go.mod) is root.
func NewGenerator(root string) (*Generator, error) {
	c, err := newComments(root)
	if err != nil {
		return nil, err
	}
	return &Generator{comments: c}, nil
}

// Generate returns the schema of a kind as indented JSON ending in a newline.
// The output depends only on the Go types and their comments, so generating
// twice gives the same bytes.
func (g *Generator) Generate(k Kind) ([]byte, error) {
	r := &run{c: g.comments, names: map[string]reflect.Type{}, document: k.Document}
	var s *jsonschema.Schema
	if k.Type == nil {
		s = r.anyDocument()
	} else {
		s = r.reflector(k, true).ReflectFromType(k.Type)
		r.finish(k, s, s.Definitions)
		s.ID = jsonschema.ID(k.ID)
		s.Title = title(k)
		s.Comments = fmt.Sprintf("Generated from the Go type %s by go generate ./schema; do not edit.", k.Type)
	}
	if r.err != nil {
		return nil, fmt.Errorf("schema %s: %w", k.Name, r.err)
	}
	return marshal(s)
}

// WriteFiles writes the schema of every kind into dir, each named by its
// File. It is what "go generate ./schema" runs.
func (g *Generator) WriteFiles(dir string) error {
	for _, k := range Kinds() {
		b, err := g.Generate(k)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteFile(filepath.Join(dir, k.File), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func title(k Kind) string {
	if k.Document {
		return k.Name + " document (compactkit/v1)"
	}
	return k.Name + " output (compactkit/v1)"
}

// run is one generation: it collects the first error the reflector's
// callbacks meet, since they cannot return one.
type run struct {
	c        *comments
	names    map[string]reflect.Type
	document bool // generating a document kind, read strictly
	err      error
}

func (r *run) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *run) reflector(k Kind, expanded bool) *jsonschema.Reflector {
	return &jsonschema.Reflector{
		Anonymous:      true, // the $id is set from the kind
		ExpandedStruct: expanded,
		// Documents are read strictly; outputs may gain fields within v1, so
		// their readers must allow unknown ones.
		AllowAdditionalProperties: !k.Document,
		Mapper:                    r.mapper,
		Namer:                     r.namer,
		LookupComment:             r.lookupComment,
	}
}

// defName names a type in $defs: types of package compact by their Go name,
// types of other packages qualified with the package name (rules.Rule), so
// that names never change when a kind is added. Unnamed types have none.
func defName(t reflect.Type) string {
	if t.Name() == "" || t.PkgPath() == "" || t.PkgPath() == compactPkg {
		return t.Name()
	}
	return path.Base(t.PkgPath()) + "." + t.Name()
}

func (r *run) namer(t reflect.Type) string {
	name := defName(t)
	if name == "" {
		return ""
	}
	if prev, ok := r.names[name]; ok && prev != t {
		r.fail(fmt.Errorf("two types are named %s in $defs: %s and %s", name, prev.PkgPath(), t.PkgPath()))
	}
	r.names[name] = t
	return name
}

// mapper gives the schemas of types the reflector cannot see through:
// scalars that read or write themselves, enumerations, unsigned integers;
// and refuses types the document decoder cannot read.
func (r *run) mapper(t reflect.Type) *jsonschema.Schema {
	if f, ok := scalars[t]; ok {
		return f()
	}
	if e, ok := reflect.New(t).Interface().(docfmt.Enum); ok && t.Kind() == reflect.String {
		values := e.Values()
		docs, err := r.c.valueDocs(t, values)
		if err != nil {
			r.fail(err)
		}
		return enumSchema(values, docs)
	}
	for _, i := range customTypes {
		if reflect.PointerTo(t).Implements(i) {
			r.fail(fmt.Errorf("%s has its own %s method, so its fields do not say its form: add its schema to scalars in schema/types.go", t, i.Method(0).Name))
			return &jsonschema.Schema{}
		}
	}
	switch t.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &jsonschema.Schema{Type: "integer", Minimum: "0"}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			r.fail(fmt.Errorf("%s: documents only have mappings with string keys", t))
		}
	case reflect.Interface:
		if r.document {
			r.fail(fmt.Errorf("%s cannot be read from a document, so it has no schema", t))
		}
		return &jsonschema.Schema{} // in an output, any JSON value
	case reflect.Func, reflect.Chan, reflect.Complex64, reflect.Complex128, reflect.Uintptr, reflect.UnsafePointer:
		r.fail(fmt.Errorf("%s cannot be read from a document or written as JSON, so it has no schema", t))
		return &jsonschema.Schema{}
	}
	return nil
}

// lookupComment gives a type's description (field "") or a field's.
func (r *run) lookupComment(t reflect.Type, field string) string {
	if field == "" {
		text, err := r.c.typeDoc(t)
		if err != nil {
			r.fail(err)
		}
		return text
	}
	key := field
	if sf, ok := t.FieldByName(field); ok {
		if name, _, _ := strings.Cut(sf.Tag.Get("json"), ","); name != "" {
			key = name
		}
	}
	text, err := r.c.fieldDoc(t, field, key)
	if err != nil {
		r.fail(err)
	}
	return text
}

// finish applies the constraints and, for documents, fixes apiVersion and
// kind. s is the schema of the kind's own type; defs holds the other types.
func (r *run) finish(k Kind, s *jsonschema.Schema, defs jsonschema.Definitions) {
	for _, c := range constraints {
		target := defs[defName(c.typ)]
		if c.typ == k.Type {
			target = s
		}
		if target == nil {
			continue // the type is not part of this kind
		}
		if c.field != "" {
			p, ok := target.Properties.Get(c.field)
			if !ok {
				r.fail(fmt.Errorf("a constraint names %s.%s, which has no such field", c.typ, c.field))
				continue
			}
			target = p
		}
		for _, f := range c.apply {
			f(target)
		}
	}
	if !k.Document {
		return
	}
	for name, value := range map[string]string{"apiVersion": compact.APIVersion, "kind": k.Name} {
		p, ok := s.Properties.Get(name)
		if !ok {
			r.fail(fmt.Errorf("%s has no %s field: a document type embeds compact.TypeMeta", k.Type, name))
			continue
		}
		s.Properties.Set(name, &jsonschema.Schema{Const: value, Description: p.Description})
	}
}

// anyDocument builds the schema that accepts a document of any registered
// kind: each kind's schema in $defs, chosen by the value of kind.
func (r *run) anyDocument() *jsonschema.Schema {
	k := anyDocument
	s := &jsonschema.Schema{
		Version:     jsonschema.Version,
		ID:          jsonschema.ID(k.ID),
		Title:       "Any compactkit/v1 document",
		Description: "A compactkit/v1 document of any kind: the schema of its kind applies.",
		Comments:    "Generated from the document kinds registered in package schema by go generate ./schema; do not edit.",
		Type:        "object",
		Required:    []string{"apiVersion", "kind"},
		Properties:  jsonschema.NewProperties(),
		Definitions: jsonschema.Definitions{},
	}
	var names []any
	for _, d := range registry {
		if !d.Document {
			continue
		}
		names = append(names, d.Name)
		one := r.reflector(d, false).ReflectFromType(d.Type)
		name := defName(d.Type)
		r.finish(d, one.Definitions[name], one.Definitions)
		for n, def := range one.Definitions {
			if old, ok := s.Definitions[n]; ok && !sameJSON(old, def) {
				r.fail(fmt.Errorf("$defs/%s differs between document kinds", n))
			}
			s.Definitions[n] = def
		}
		s.AllOf = append(s.AllOf, &jsonschema.Schema{
			If:   property(&jsonschema.Schema{Required: []string{"kind"}}, "kind", &jsonschema.Schema{Const: d.Name}),
			Then: &jsonschema.Schema{Ref: "#/$defs/" + name},
		})
	}
	s.Properties.Set("apiVersion", &jsonschema.Schema{Const: compact.APIVersion,
		Description: "apiVersion is the version of the document format: always compactkit/v1."})
	s.Properties.Set("kind", &jsonschema.Schema{Enum: names,
		Description: "kind says what the document is; the schema of that kind applies."})
	return s
}

func sameJSON(a, b *jsonschema.Schema) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// marshal writes a schema as indented JSON, with &, < and > written as
// themselves rather than escaped.
func marshal(s *jsonschema.Schema) ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, unescapeHTML(b), "", "  "); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// unescapeHTML undoes encoding/json's escaping of &, < and > in strings.
func unescapeHTML(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if b[i+1] == 'u' && i+6 <= len(b) {
			switch string(b[i+2 : i+6]) {
			case "0026":
				out, i = append(out, '&'), i+5
				continue
			case "003c":
				out, i = append(out, '<'), i+5
				continue
			case "003e":
				out, i = append(out, '>'), i+5
				continue
			}
		}
		out, i = append(out, b[i], b[i+1]), i+1 // any other escape, kept whole
	}
	return out
}
