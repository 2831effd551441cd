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
	if len(o.pending) == 0 && plainPrefix(p) == len(p) {
		return o.write(p, len(p)) // nothing to escape: no copy
	}
	data := append(o.pending, p...)
	buf, rest := appendEscaped(make([]byte, 0, len(data)), data)
	o.pending = nil
	if len(rest) > 0 {
		o.pending = append([]byte(nil), rest...)
	}
	return o.write(buf, len(p))
}

// write writes buf, keeping the first error, and reports n written.
func (o *outWriter) write(buf []byte, n int) (int, error) {
	if _, err := o.w.Write(buf); err != nil {
		o.err = err
		return 0, err
	}
	return n, nil
}

// writeEscaped writes p, whose control characters appendEscaped has
// already escaped (on the goroutines that made it: a stream of findings
// escapes each on its workers), keeping the first error as Write does.
func (o *outWriter) writeEscaped(p []byte) error {
	if o.err != nil {
		return o.err
	}
	if len(o.pending) > 0 {
		_, err := o.Write(p)
		return err
	}
	_, err := o.write(p, len(p))
	return err
}

// plainPrefix returns the length of the start of p that needs no escape:
// printable ASCII, tabs and newlines.
func plainPrefix(p []byte) int {
	for i, b := range p {
		if (b < 0x20 && b != '\n' && b != '\t') || b >= 0x7f {
			return i
		}
	}
	return len(p)
}

// appendEscaped appends data to dst with control characters other than tab
// and newline written \u00XX: the C0 characters, DEL and the C1 characters
// U+0080 to U+009F. A UTF-8 sequence cut at the end of data is not
// appended: it is returned as rest, for the write that completes it.
func appendEscaped(dst, data []byte) (out, rest []byte) {
	for i := 0; i < len(data); {
		n := plainPrefix(data[i:])
		dst = append(dst, data[i:i+n]...)
		if i += n; i == len(data) {
			break
		}
		if b := data[i]; b < utf8.RuneSelf {
			dst = fmt.Appendf(dst, `\u%04x`, b)
			i++
			continue
		}
		if !utf8.FullRune(data[i:]) {
			return dst, data[i:]
		}
		r, size := utf8.DecodeRune(data[i:])
		if r >= 0x80 && r <= 0x9f {
			dst = fmt.Appendf(dst, `\u%04x`, r)
		} else {
			dst = append(dst, data[i:i+size]...)
		}
		i += size
	}
	return dst, nil
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
