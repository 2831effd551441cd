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
		fast: fastDecoder{unmarshals: map[reflect.Type]bool{}, bits: map[reflect.Type]*fieldBits{}}}
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
	off        bool                        // the document decoder only: for tests that compare the two
	unmarshals map[reflect.Type]bool       // whether *T is a ScalarUnmarshaler
	bits       map[reflect.Type]*fieldBits // by struct type
}

// fieldBits gives each named field of a struct type a bit, for the set of
// fields a mapping gives.
type fieldBits struct {
	of       map[string]uint64
	required uint64
}

func (f *fastDecoder) value(d *decoder, n *yaml.Node, v reflect.Value) bool {
	if n.Kind == yaml.AliasNode || (n.Tag != "" && n.Tag[0] == '!' && !strings.HasPrefix(n.Tag, "!!")) {
		return false
	}
	um, known := f.unmarshals[v.Type()]
	if !known {
		um = reflect.PointerTo(v.Type()).Implements(scalarUnmarshalerType)
		f.unmarshals[v.Type()] = um
	}
	if um {
		return n.Kind == yaml.ScalarNode && v.CanAddr() &&
			v.Addr().Interface().(docfmt.ScalarUnmarshaler).UnmarshalScalar(scalarOf(n, d.file)) == nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		v.Set(elem)
		return f.value(d, n, elem.Elem())
	case reflect.Struct:
		return f.structValue(d, n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return false
		}
		out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			if !f.value(d, item, out.Index(i)) {
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

// structValue sets a struct's fields from a mapping of known fields, each
// given once, the required ones all given.
func (f *fastDecoder) structValue(d *decoder, n *yaml.Node, v reflect.Value) bool {
	set := d.fieldsOf(v.Type())
	if n.Kind != yaml.MappingNode || len(set.names) > 64 {
		return false
	}
	for _, i := range set.positions {
		v.FieldByIndex(set.all[i].index).Set(reflect.ValueOf(d.pos(n)))
	}
	bits := f.fieldBits(v.Type(), set)
	var seen uint64
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		fd, ok := set.byName[k.Value]
		bit := bits.of[k.Value]
		if !ok || k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" || seen&bit != 0 ||
			!f.value(d, n.Content[i+1], fieldByIndexAlloc(v, fd.index)) {
			return false
		}
		seen |= bit
	}
	return seen&bits.required == bits.required
}

// fieldBits gives the bits of a struct type's fields.
func (f *fastDecoder) fieldBits(t reflect.Type, set *fieldSet) *fieldBits {
	bits, ok := f.bits[t]
	if !ok {
		bits = &fieldBits{of: make(map[string]uint64, len(set.names))}
		for i, name := range set.names {
			bits.of[name] = 1 << i
			if set.byName[name].required {
				bits.required |= 1 << i
			}
		}
		f.bits[t] = bits
	}
	return bits
}
