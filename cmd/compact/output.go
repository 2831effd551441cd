package main

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// outWriter is what every command writes its output and messages through.
// It keeps the first write error, so that run can exit with exitIO (a full
// disk, a closed pipe) whatever the command was printing, and it shows
// control characters other than tab and newline as \u00XX, so that a name
// in a document cannot move the cursor, clear the screen or retitle the
// terminal. \u00XX is also a valid escape inside a JSON string, so JSON
// output stays JSON (encoding/json escapes the C0 characters itself, but
// not DEL or the C1 characters U+0080 to U+009F).
type outWriter struct {
	w       io.Writer
	err     error
	pending []byte // the start of a UTF-8 sequence a write cut in two
}

func newOutWriter(w io.Writer) *outWriter { return &outWriter{w: w} }

// Write writes p with control characters escaped. It reports len(p)
// written unless the underlying writer fails.
func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	buf := make([]byte, 0, len(p)+len(o.pending))
	data := append(o.pending, p...)
	o.pending = nil
	for i := 0; i < len(data); {
		b := data[i]
		switch {
		case b == '\n' || b == '\t':
			buf = append(buf, b)
			i++
		case b < 0x20 || b == 0x7f:
			buf = fmt.Appendf(buf, `\u%04x`, b)
			i++
		case b < utf8.RuneSelf:
			buf = append(buf, b)
			i++
		default:
			if !utf8.FullRune(data[i:]) {
				o.pending = append([]byte(nil), data[i:]...)
				i = len(data)
				continue
			}
			r, size := utf8.DecodeRune(data[i:])
			if r >= 0x80 && r <= 0x9f {
				buf = fmt.Appendf(buf, `\u%04x`, r)
			} else {
				buf = append(buf, data[i:i+size]...)
			}
			i += size
		}
	}
	if _, err := o.w.Write(buf); err != nil {
		o.err = err
		return 0, err
	}
	return len(p), nil
}

// close writes what a cut UTF-8 sequence left pending and returns the first
// write error.
func (o *outWriter) close() error {
	if len(o.pending) > 0 && o.err == nil {
		if _, err := o.w.Write(o.pending); err != nil {
			o.err = err
		}
		o.pending = nil
	}
	return o.err
}
