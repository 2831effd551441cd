package importer

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/compactkit/compactkit/compact"
)

// jsonIndex finds the line and column of the value at a JSON pointer. It
// is built on the first problem a JSON source has, so files without
// problems never pay for it.
type jsonIndex struct {
	file  string
	data  []byte
	lines []int          // byte offset of each line's start
	at    map[string]int // pointer -> byte offset of its value
}

func newJSONIndex(file string, data []byte) *jsonIndex {
	ix := &jsonIndex{file: file, data: data, lines: []int{0}, at: map[string]int{}}
	for i, c := range data {
		if c == '\n' {
			ix.lines = append(ix.lines, i+1)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	_ = ix.walk(dec, "") // a syntax error leaves the rest unindexed
	return ix
}

// skip moves past whitespace, commas and colons to the start of a value.
func (ix *jsonIndex) skip(off int) int {
	for off < len(ix.data) {
		switch ix.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (ix *jsonIndex) walk(dec *json.Decoder, ptr string) error {
	ix.at[ptr] = ix.skip(int(dec.InputOffset()))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	switch d {
	case '{':
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := k.(string)
			if err := ix.walk(dec, ptr+"/"+escapePointer(key)); err != nil {
				return err
			}
		}
	case '[':
		for i := 0; dec.More(); i++ {
			if err := ix.walk(dec, ptr+"/"+strconv.Itoa(i)); err != nil {
				return err
			}
		}
	}
	_, err = dec.Token() // the closing delimiter
	return err
}

// escapePointer escapes a key for a JSON pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

// position is the place of the value at ptr, or of the nearest enclosing
// value the index has.
func (ix *jsonIndex) position(ptr string) compact.Position {
	for {
		if off, ok := ix.at[ptr]; ok {
			line := sort.Search(len(ix.lines), func(i int) bool { return ix.lines[i] > off }) - 1
			col := utf8.RuneCount(ix.data[ix.lines[line]:off]) + 1
			return compact.Position{File: ix.file, Line: line + 1, Column: col}
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return compact.Position{File: ix.file}
		}
		ptr = ptr[:i]
	}
}

// readJSON reads a JSON source whole, within the size limit, and sets
// fi.pos to position problems in it.
func (fi *fileImport) readJSON() ([]byte, error) {
	data, err := readLimitedFile(fi.file, fi.o.maxJSONBytes)
	if err != nil {
		return nil, err
	}
	var ix *jsonIndex
	fi.pos = func(ptr string) compact.Position {
		if ix == nil {
			ix = newJSONIndex(fi.file, data)
		}
		return ix.position(ptr)
	}
	return data, nil
}
