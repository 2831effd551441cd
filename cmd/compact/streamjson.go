package main

import (
	"encoding/json"
	"strconv"
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
	dst = append(dst, `{"rule":`...)
	dst = appendJSONString(dst, f.Rule)
	for _, m := range [...]struct {
		key, v    string
		omitEmpty bool
	}{{`,"kind":`, string(f.Kind), false}, {`,"subject":`, f.Subject, false}, {`,"organisation":`, f.Organisation, true},
		{`,"outcome":`, string(f.Outcome), false}, {`,"severity":`, string(f.Severity), false}} {
		if m.v != "" || !m.omitEmpty {
			dst = appendJSONString(append(dst, m.key...), m.v)
		}
	}
	dst = appendJSONStrings(append(dst, `,"enforces":`...), f.Enforces)
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

// Eight bytes at a time (a word of eight byte lanes): lanes holds 0x01
// in each lane, high 0x80.
const (
	lanes = 0x0101010101010101
	high  = 0x8080808080808080
)

// plainJSONRun returns how many bytes at the start of s a JSON string holds
// as they are (see jsonPlain), testing eight at a time: findings are
// mostly plain ASCII, and a stream escapes hundreds of megabytes of them.
func plainJSONRun(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if !plainWord(x) {
			break
		}
	}
	for ; i < len(s) && s[i] < utf8.RuneSelf && jsonPlain[s[i]]; i++ {
	}
	return i
}

// plainWord reports whether every byte of x is plain (jsonPlain): none is
// below 0x20 or at or above 0x7f (DEL and every byte of a multi-byte
// character), and none is a quote, a backslash, <, > or &. Each test is
// exact for "some byte is": a lane borrows only from a lane that matched.
func plainWord(x uint64) bool {
	has := func(c uint64) uint64 { // some byte of x is c
		v := x ^ (lanes * c)
		return (v - lanes) &^ v & high
	}
	below := (x - lanes*0x20) &^ x & high // some byte is below 0x20
	return (below | x&high | has(0x7f) | has('"') | has('\\') | has('<') | has('>') | has('&')) == 0
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
	start := 0
	for i := 0; i < len(s); {
		if i += plainJSONRun(s[i:]); i == len(s) {
			break
		}
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
