package compact

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

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
// no error.
func DecodeRecordLine(file string, line int, text []byte) (any, error) {
	text = bytes.TrimSpace(text)
	if len(text) == 0 {
		return nil, nil
	}
	at := Position{File: file, Line: line, Column: 1}
	if text[0] != '{' {
		return nil, Errors{{Pos: at, Err: ErrSyntax, Msg: "expected a JSON object, one record per line"}}
	}
	var n yaml.Node
	if err := yaml.Unmarshal(text, &n); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		return nil, Errors{{Pos: at, Err: ErrSyntax, Msg: "not a JSON object: " + msg}}
	}
	shiftLines(&n, line-1)
	root := &n
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, Errors{{Pos: at, Err: ErrSyntax, Msg: "expected a JSON object, one record per line"}}
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
	root.Content = append(root.Content[:kindAt:kindAt], root.Content[kindAt+2:]...)
	rec := reflect.New(t)
	d := &decoder{p: newProblems(), file: file, fields: map[reflect.Type]*fieldSet{}}
	d.value(root, rec.Elem(), "")
	if err := d.p.err(); err != nil {
		return nil, err
	}
	return rec.Interface(), nil
}

// shiftLines adds by to the line of every node under n: a line is parsed on
// its own, so its nodes are on line 1.
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
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
