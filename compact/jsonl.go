package compact

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/compactkit/compactkit/internal/docfmt"
	yaml "go.yaml.in/yaml/v3"
)

// Bulk records stream as JSON Lines (a file ending .jsonl): one record per
// line, a JSON object whose "record" member names its kind and whose other
// members are the fields of that kind, exactly as in a Records document's
// lists, decoded as strictly:
//
//	{"record":"funding","id":"fund-1","funder":"kirklees-council","recipient":"advice-kirklees","kind":"ending","decided":"2024-05-01"}
//
// JSON Lines, rather than a stream of YAML documents, because a line is a
// record: a reader splits the input at newlines without parsing it, so
// decoding spreads over every core and memory holds one batch of lines,
// whatever the size of the file; every tool that writes JSON writes it
// (jq -c, a database export, 360Giving's JSON converted by line); and a
// record's file:line is its line number, so a finding points at it. The
// discriminator is "record", not "kind", because a funding decision has a
// kind of its own.
//
// A JSON Lines file is read by [ReadRecordsJSONL] (the streaming check), not
// by [LoadArea]: an area's YAML documents say what the records are checked
// against, and the bulk records beside them are streamed past the rules,
// never held.

// MaxRecordLineBytes is the longest line of a JSON Lines records file: a
// record with long texts and many facts is a few kilobytes, so a megabyte
// is a file that is not JSON Lines (a pretty-printed JSON document, say),
// not a big record.
const MaxRecordLineBytes = 1 << 20

// recordKinds maps the "record" member of a JSON Lines record to the type
// of the record.
var recordKinds = map[string]reflect.Type{
	"consultation": reflect.TypeFor[Consultation](),
	"funding":      reflect.TypeFor[FundingDecision](),
	"meeting":      reflect.TypeFor[Meeting](),
	"nomination":   reflect.TypeFor[Nomination](),
	"signature":    reflect.TypeFor[Signature](),
	"report":       reflect.TypeFor[Report](),
}

// RecordKinds lists the values of the "record" member of a JSON Lines
// record, in Records document order.
func RecordKinds() []string {
	return []string{"consultation", "funding", "meeting", "nomination", "signature", "report"}
}

// DecodeRecordLine decodes one line of a JSON Lines records file, line
// number line of file, into a new record: a *Consultation,
// *FundingDecision, *Meeting, *Nomination, *Signature or *Report whose
// Source is file:line:column. Unknown fields, wrong types, bad values and
// missing required fields are errors with their positions, as in a Records
// document ([Errors], every problem of the line). A blank line gives nil and
// no error. Facts are left untyped; a [RecordDecoder] with the compact's
// declarations types them.
func DecodeRecordLine(file string, line int, text []byte) (any, error) {
	return NewRecordDecoder(file, nil).Decode(line, text)
}

// RecordDecoder decodes the lines of one JSON Lines records file, reusing
// its buffers from line to line: what a reader of millions of lines uses.
// One decoder is for one goroutine.
type RecordDecoder struct {
	d     decoder
	fast  fastDecoder
	nodes jsonNodes
	facts FactDecls
}

// NewRecordDecoder returns a decoder of lines of file. facts are the
// compact's fact declarations (nil when it declares none): each record's
// facts are checked and typed against them, as LoadArea does.
func NewRecordDecoder(file string, facts FactDecls) *RecordDecoder {
	return &RecordDecoder{d: decoder{file: file, fields: map[reflect.Type]*fieldSet{}}, facts: facts,
		fast: fastDecoder{plans: map[reflect.Type]*fastPlan{}}}
}

// Decode decodes line number line, as [DecodeRecordLine] does. The record
// holds nothing of text.
func (rd *RecordDecoder) Decode(line int, text []byte) (any, error) {
	file := rd.d.file
	lead := len(text) - len(bytes.TrimLeft(text, " \t"))
	text = bytes.TrimSpace(text)
	if len(text) == 0 {
		return nil, nil
	}
	at := Position{File: file, Line: line, Column: lead + 1}
	if text[0] != '{' {
		return nil, Errors{{Pos: at, Err: ErrSyntax, Msg: "expected a JSON object, one record per line"}}
	}
	root, err := rd.nodes.parse(text, line)
	if err != nil {
		se := err.(*jsonSyntaxError)
		return nil, Errors{{Pos: Position{File: file, Line: line, Column: lead + se.at + 1}, Err: ErrSyntax, Msg: "not a JSON object: " + se.msg}}
	}
	if lead > 0 {
		shiftColumns(root, lead)
	}
	kind, kindAt := "", -1
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "record" {
			kind, kindAt = root.Content[i+1].Value, i
			break
		}
	}
	if kindAt < 0 {
		return nil, Errors{{Pos: at, Path: "record", Err: ErrMissing,
			Msg: fmt.Sprintf("missing the record member that names the kind of record (one of %s)", strings.Join(RecordKinds(), ", "))}}
	}
	t, ok := recordKinds[kind]
	if !ok {
		v := root.Content[kindAt+1]
		return nil, Errors{{Pos: Position{File: file, Line: v.Line, Column: v.Column}, Path: "record", Err: ErrValue,
			Msg: fmt.Sprintf("unknown kind of record %q; expected one of %s", kind, strings.Join(RecordKinds(), ", "))}}
	}
	root.Content = append(root.Content[:kindAt], root.Content[kindAt+2:]...)
	rec := reflect.New(t)
	p := problems{}
	rd.d.p = &p
	if rd.fast.off || !rd.fast.value(&rd.d, root, rec.Elem()) {
		rec = reflect.New(t) // the document decoder says what is wrong, from the start
		rd.d.value(root, rec.Elem(), "")
	}
	if len(p.list) == 0 {
		rd.typeFacts(&p, kind, rec.Interface())
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return rec.Interface(), nil
}

// typeFacts checks and types a record's facts against the declarations.
func (rd *RecordDecoder) typeFacts(p *problems, kind string, rec any) {
	var id string
	var facts Facts
	var src Position
	switch x := rec.(type) {
	case *Consultation:
		id, facts, src = x.ID, x.Facts, x.Source
	case *FundingDecision:
		id, facts, src = x.ID, x.Facts, x.Source
	case *Meeting:
		id, facts, src = x.ID, x.Facts, x.Source
	case *Nomination:
		id, facts, src = x.ID, x.Facts, x.Source
	case *Signature:
		id, facts, src = x.ID, x.Facts, x.Source
	case *Report:
		id, facts, src = x.ID, x.Facts, x.Source
	}
	if len(facts) == 0 && len(rd.facts.Of(kind)) == 0 {
		return
	}
	for _, pr := range TypeFacts(rd.facts.Of(kind), kind, id, facts) {
		pos, path := pr.Pos, "facts"
		if !pos.IsValid() {
			pos = src
		}
		if pr.Name != "" {
			path += "." + pr.Name
		}
		p.add(pos, path, pr.Class, "%s", pr.Msg)
	}
}

// shiftColumns adds by to the column of every node under n.
func shiftColumns(n *yaml.Node, by int) {
	n.Column += by
	for _, c := range n.Content {
		shiftColumns(c, by)
	}
}

// ReadRecordsJSONL reads the JSON Lines records of r, named file in
// positions, and calls fn with each record in file order (see
// [DecodeRecordLine]). It stops at the first line that does not decode,
// returning its errors, at the first error fn returns, or at a line longer
// than [MaxRecordLineBytes].
//
// It decodes on the calling goroutine; the streaming check in package rules
// splits lines here and decodes them on its workers.
func ReadRecordsJSONL(r io.Reader, file string, fn func(rec any) error) error {
	return ScanRecordLines(r, file, func(line int, text []byte) error {
		rec, err := DecodeRecordLine(file, line, text)
		if err != nil || rec == nil {
			return err
		}
		return fn(rec)
	})
}

// ScanRecordLines calls fn with each line of r and its 1-based number,
// without decoding it; the bytes are fn's only until it returns. It is the
// split that lets a caller decode lines concurrently with
// [DecodeRecordLine].
func ScanRecordLines(r io.Reader, file string, fn func(line int, text []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxRecordLineBytes)
	line := 0
	for sc.Scan() {
		line++
		if err := fn(line, sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return Errors{{Pos: Position{File: file, Line: line + 1, Column: 1}, Err: ErrSyntax,
				Msg: fmt.Sprintf("line longer than %d bytes (compact.MaxRecordLineBytes); one record per line", MaxRecordLineBytes)}}
		}
		return fmt.Errorf("reading %s: %w", file, err)
	}
	return nil
}

// AppendRecordLine appends rec (a *Consultation, *FundingDecision,
// *Meeting, *Nomination, *Signature or *Report) to dst as one line of a
// JSON Lines records file, newline included: what [DecodeRecordLine] reads
// back.
func AppendRecordLine(dst []byte, rec any) ([]byte, error) {
	var kind string
	switch rec.(type) {
	case *Consultation:
		kind = "consultation"
	case *FundingDecision:
		kind = "funding"
	case *Meeting:
		kind = "meeting"
	case *Nomination:
		kind = "nomination"
	case *Signature:
		kind = "signature"
	case *Report:
		kind = "report"
	default:
		return dst, fmt.Errorf("compact: %T is not a record", rec)
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return dst, err
	}
	dst = append(dst, `{"record":"`...)
	dst = append(dst, kind...)
	dst = append(dst, '"')
	if len(b) > 2 {
		dst = append(dst, ',')
	}
	dst = append(dst, b[1:]...)
	return append(dst, '\n'), nil
}

// fastDecoder decodes a record line's node tree as the document decoder
// does, when the line has no problem, without what it does to report
// problems (a field path for every value, a map of the fields seen in
// every mapping): a stream decodes millions of lines, nearly all of them
// good. It gives up (false) on the first thing that is not plainly right,
// or that it does not decode itself (unsigned numbers, maps), and the
// document decoder decodes the line again from the start and says what is
// wrong; so the two agree on every good line and the errors are the
// document decoder's.
type fastDecoder struct {
	off   bool // the document decoder only: for tests that compare the two
	plans map[reflect.Type]*fastPlan
}

// fastPlan is how the fast path decodes a value of one type, worked out
// once per type and decoder, so that decoding a value looks nothing up
// but a struct's field by name.
type fastPlan struct {
	unmarshal bool                  // *T is a docfmt.ScalarUnmarshaler
	elem      *fastPlan             // a pointer's or a slice's element
	fields    map[string]*fastField // a struct's named fields
	// seen is the field of each place in the last mapping decoded, by
	// place: records of a kind written by one program give their fields
	// in one order, so a place's name is checked against the field last
	// there before the map is looked up.
	seen      []*fastField
	positions [][]int // a struct's Position fields
	required  uint64  // the bits of a struct's required fields
	tooMany   bool    // more fields than bits
}

// fastField is a named field of a struct: where it is, its bit in the set
// of fields a mapping gives, and its plan.
type fastField struct {
	name  string
	index []int
	bit   uint64
	plan  *fastPlan
}

// plan returns the plan of type t.
func (f *fastDecoder) plan(d *decoder, t reflect.Type) *fastPlan {
	if p, ok := f.plans[t]; ok {
		return p
	}
	p := &fastPlan{unmarshal: reflect.PointerTo(t).Implements(scalarUnmarshalerType)}
	f.plans[t] = p // before the fields: a type may hold itself
	if p.unmarshal {
		return p
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		p.elem = f.plan(d, t.Elem())
	case reflect.Struct:
		set := d.fieldsOf(t)
		p.tooMany = len(set.names) > 64
		p.fields = make(map[string]*fastField, len(set.names))
		for _, i := range set.positions {
			p.positions = append(p.positions, set.all[i].index)
		}
		for i, name := range set.names {
			fd := set.byName[name]
			ff := &fastField{name: name, index: fd.index, bit: 1 << i}
			if fd.required {
				p.required |= ff.bit
			}
			p.fields[name] = ff
		}
		for _, ff := range p.fields {
			ff.plan = f.plan(d, t.FieldByIndex(ff.index).Type)
		}
	}
	return p
}

func (f *fastDecoder) value(d *decoder, n *yaml.Node, v reflect.Value) bool {
	return f.decode(d, n, v, f.plan(d, v.Type()))
}

func (f *fastDecoder) decode(d *decoder, n *yaml.Node, v reflect.Value, p *fastPlan) bool {
	if n.Kind == yaml.AliasNode || (n.Tag != "" && n.Tag[0] == '!' && !strings.HasPrefix(n.Tag, "!!")) {
		return false
	}
	if p.unmarshal {
		return n.Kind == yaml.ScalarNode && v.CanAddr() &&
			v.Addr().Interface().(docfmt.ScalarUnmarshaler).UnmarshalScalar(scalarOf(n, d.file)) == nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		v.Set(elem)
		return f.decode(d, n, elem.Elem(), p.elem)
	case reflect.Struct:
		return f.structValue(d, n, v, p)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return false
		}
		out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			if !f.decode(d, item, out.Index(i), p.elem) {
				return false
			}
		}
		v.Set(out)
		return true
	}
	return f.scalar(n, v)
}

// scalar sets a string, bool, integer or float from a scalar of the right
// tag.
func (f *fastDecoder) scalar(n *yaml.Node, v reflect.Value) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	tag := n.ShortTag()
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
		return tag == "!!str"
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		v.SetBool(b)
		return tag == "!!bool" && err == nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if tag != "!!int" || err != nil || v.OverflowInt(i) {
			return false
		}
		v.SetInt(i)
		return true
	case reflect.Float32, reflect.Float64:
		x, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if (tag != "!!int" && tag != "!!float") || err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			return false
		}
		v.SetFloat(x)
		return true
	}
	return false
}

// field returns the field named name, given at place at of a mapping.
func (p *fastPlan) field(at int, name string) (*fastField, bool) {
	if at < len(p.seen) && p.seen[at] != nil && p.seen[at].name == name {
		return p.seen[at], true
	}
	ff, ok := p.fields[name]
	if ok && at < len(p.fields) {
		for len(p.seen) <= at {
			p.seen = append(p.seen, nil)
		}
		p.seen[at] = ff
	}
	return ff, ok
}

// structValue sets a struct's fields from a mapping of known fields, each
// given once, the required ones all given.
func (f *fastDecoder) structValue(d *decoder, n *yaml.Node, v reflect.Value, p *fastPlan) bool {
	if n.Kind != yaml.MappingNode || p.tooMany {
		return false
	}
	if len(p.positions) > 0 {
		pos := reflect.ValueOf(d.pos(n))
		for _, index := range p.positions {
			v.FieldByIndex(index).Set(pos)
		}
	}
	var seen uint64
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ff, ok := p.field(i/2, k.Value)
		if !ok || k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" || seen&ff.bit != 0 ||
			!f.decode(d, n.Content[i+1], fieldByIndexAlloc(v, ff.index), ff.plan) {
			return false
		}
		seen |= ff.bit
	}
	return seen&p.required == p.required
}
