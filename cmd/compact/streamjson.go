package main

import (
	"encoding/binary"
	"encoding/json"
	"hash/maphash"
	"strconv"
	"sync/atomic"
	"unicode/utf8"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// appendFindingJSON appends f to dst as one line of JSON, newline included:
// byte for byte what encoding/json's Marshal writes for a rules.Finding
// (field order, omitted empty fields, HTML-safe string escapes), escaped as
// the output wrapper escapes it (see appendJSONString), without
// its reflection, which cost more than evaluating the rules when a stream
// writes millions of findings. Values other than strings, integers,
// booleans and null, and a provenance, go through encoding/json.
func appendFindingJSON(dst []byte, f *rules.Finding) ([]byte, error) {
	r := ruleOf(f)
	dst = append(dst, r.head...)
	dst = appendJSONString(dst, f.Subject)
	if f.Organisation != "" {
		dst = appendJSONString(append(dst, `,"organisation":`...), f.Organisation)
	}
	dst = appendJSONString(append(dst, `,"outcome":`...), string(f.Outcome))
	dst = append(dst, r.tail...)
	if f.Message != "" {
		dst = appendJSONString(append(dst, `,"message":`...), f.Message)
	}
	var err error
	if len(f.Values) > 0 {
		dst = append(dst, `,"values":[`...)
		for i, v := range f.Values {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"name":`...)
			dst = appendJSONString(dst, v.Name)
			dst = append(dst, `,"value":`...)
			if dst, err = appendJSONValue(dst, v.Value); err != nil {
				return dst, err
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if f.Error != "" {
		dst = appendJSONString(append(dst, `,"error":`...), f.Error)
	}
	dst = append(dst, `,"source":`...)
	dst = appendJSONPosition(dst, f.Source)
	if f.Provenance != nil {
		dst = append(dst, `,"provenance":`...)
		if dst, err = appendMarshalled(dst, f.Provenance); err != nil {
			return dst, err
		}
	}
	return append(dst, "}\n"...), nil
}

// ruleJSON is the encoding of what the findings of one rule share: its
// id, kind, severity and commitments, the same for each of the millions of
// findings a stream may write. The commitments are known by their slice,
// the rule's own, which nothing changes once the pack is compiled.
type ruleJSON struct {
	rule     string
	kind     rules.SubjectKind
	severity rules.Severity
	enforces []string
	head     []byte // {"rule":…,"kind":…,"subject":
	tail     []byte // ,"severity":…,"enforces":[…]
}

// sameSlice reports whether a and b are one slice (nil and empty differ).
func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (a == nil) == (b == nil) && (len(a) == 0 || &a[0] == &b[0])
}

// ruleCache holds the encodings of the rules met, by a hash of the rule's
// id, each in one of ruleProbes slots from its hash on: the findings of a
// pack's few dozen rules, on any goroutine, rarely two in one slot.
var (
	ruleCache [256]atomic.Pointer[ruleJSON]
	ruleSeed  = maphash.MakeSeed()
)

const ruleProbes = 4

// ruleOf returns the encoding of what f shares with its rule's findings.
func ruleOf(f *rules.Finding) *ruleJSON {
	h := maphash.String(ruleSeed, f.Rule)
	var free *atomic.Pointer[ruleJSON]
	for i := range uint64(ruleProbes) {
		slot := &ruleCache[(h+i)%uint64(len(ruleCache))]
		r := slot.Load()
		if r == nil {
			if free == nil {
				free = slot
			}
			continue
		}
		if r.rule == f.Rule && r.kind == f.Kind && r.severity == f.Severity && sameSlice(r.enforces, f.Enforces) {
			return r
		}
	}
	if free == nil {
		free = &ruleCache[h%uint64(len(ruleCache))] // all taken: the first slot goes
	}
	r := &ruleJSON{rule: f.Rule, kind: f.Kind, severity: f.Severity, enforces: f.Enforces}
	r.head = appendJSONString(append(r.head, `{"rule":`...), f.Rule)
	r.head = append(appendJSONString(append(r.head, `,"kind":`...), string(f.Kind)), `,"subject":`...)
	r.tail = appendJSONString(append(r.tail, `,"severity":`...), string(f.Severity))
	r.tail = appendJSONStrings(append(r.tail, `,"enforces":`...), f.Enforces)
	free.Store(r)
	return r
}

// appendJSONPosition appends a position as encoding/json writes it: each
// of file, line and column only when it is not empty.
func appendJSONPosition(dst []byte, p compact.Position) []byte {
	dst = append(dst, '{')
	sep := ""
	if p.File != "" {
		dst = append(dst, `"file":`...)
		dst = appendJSONString(dst, p.File)
		sep = ","
	}
	for _, n := range [...]struct {
		key string
		v   int
	}{{`"line":`, p.Line}, {`"column":`, p.Column}} {
		if n.v != 0 {
			dst = append(append(dst, sep...), n.key...)
			dst = strconv.AppendInt(dst, int64(n.v), 10)
			sep = ","
		}
	}
	return append(dst, '}')
}

// appendJSONStrings appends a list of strings, null when it is nil.
func appendJSONStrings(dst []byte, list []string) []byte {
	if list == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendJSONValue appends an explain value.
func appendJSONValue(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return appendJSONString(dst, x), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	}
	return appendMarshalled(dst, v)
}

// appendMarshalled appends v as encoding/json writes it, with what the
// output wrapper escapes escaped.
func appendMarshalled(dst []byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	dst, _ = appendEscaped(dst, b) // encoding/json writes whole characters: nothing is cut
	return dst, err
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the ASCII bytes a JSON string holds as they are: not a
// control character, DEL, a quote, a backslash or <, > and &.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < 0x7f; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

// plainRun returns how many bytes at the start of b a JSON string holds
// as they are (see jsonPlain), testing eight at a time: findings are
// mostly plain ASCII, and a stream escapes hundreds of megabytes of them.
func plainRun(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if !plainWord(binary.LittleEndian.Uint64(b[i:])) {
			break
		}
	}
	for ; i < len(b) && b[i] < utf8.RuneSelf && jsonPlain[b[i]]; i++ {
	}
	return i
}

// plainWord reports whether every byte of x is plain (jsonPlain): none is
// below 0x20 or at or above 0x7f (DEL and every byte of a multi-byte
// character), and none is a quote, a backslash, <, > or &. Each test is
// the classic "some byte of x is zero" (or "is below n") on x or on x
// with the byte sought XORed away, exact for whether some byte matches.
func plainWord(x uint64) bool {
	const lanes, high = 0x0101010101010101, 0x8080808080808080
	q, bs, lt, gt, amp, del := x^(lanes*'"'), x^(lanes*'\\'), x^(lanes*'<'), x^(lanes*'>'), x^(lanes*'&'), x^(lanes*0x7f)
	some := (x - lanes*0x20) &^ x // some byte below 0x20
	some |= x | (q-lanes)&^q | (bs-lanes)&^bs | (lt-lanes)&^lt | (gt-lanes)&^gt | (amp-lanes)&^amp | (del-lanes)&^del
	return some&high == 0
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it by default (quotes, backslashes and control characters, the
// HTML characters <, > and &, U+2028 and U+2029, and invalid UTF-8 as
// U+FFFD) and as the output wrapper escapes what encoding/json leaves
// (DEL and the C1 characters U+0080 to U+009F as \u00XX, see
// appendEscaped): what the command wrote for a finding through
// encoding/json, so the stream's workers leave the wrapper nothing to do.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	// Most strings need no escape: copy, then look for one in the copy.
	at := len(dst)
	dst = append(dst, s...)
	start := plainRun(dst[at:])
	if start == len(s) {
		return append(dst, '"')
	}
	dst = dst[:at+start]
	for i := start; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonPlain[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		case c >= 0x80 && c <= 0x9f:
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
