package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/compactkit/compactkit/compact"
)

// modelinePrefix starts the comment the YAML language server reads to find a
// document's schema.
const modelinePrefix = "# yaml-language-server: $schema="

var (
	modelineLine  = regexp.MustCompile(`^#\s*yaml-language-server\s*:`)
	separatorLine = regexp.MustCompile(`^---(?:[ \t]|\r?\n|$)`)
	// blankOrComment matches lines that hold no YAML content: blank lines,
	// comments and directives (%YAML).
	blankOrComment = regexp.MustCompile(`^(?:[ \t]*(?:#.*)?|%.*)\r?\n?$`)
)

// Annotate returns the text of a YAML file with a yaml-language-server
// comment at the start of every document, naming the schema of the
// document's kind as ref gives it (a URL, or a path relative to the file):
//
//	# yaml-language-server: $schema=../../schema/compact.json
//
// The first document's comment is the file's first line; a later document's
// comes right after its --- line. Comments of that form already in a
// document are replaced, so annotating again changes nothing; documents that
// hold only comments are left as they are. name is the file's name for
// errors. It fails when the file does not parse, is JSON (which has no
// comments), holds a document of a kind with no schema, or has a line that
// looks like the comment inside a quoted value (the values of the result are
// checked against the original).
func Annotate(name string, data []byte, ref func(Kind) string) ([]byte, error) {
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return nil, fmt.Errorf("%s: JSON has no comments; name the schema in your editor's settings instead", name)
	}
	docs, err := compact.Parse(name, data)
	if err != nil {
		return nil, err
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	// Split the file into parts, one per document: a --- line starts a new
	// part once the current one has content; before that (after comments
	// or directives only) it starts the current part's document.
	starts := []int{0}
	var content bool
	for i, l := range lines {
		switch {
		case separatorLine.Match(l):
			if content {
				starts, content = append(starts, i), false
			}
		case !blankOrComment.Match(l):
			content = true
		}
	}
	schemas := make([]string, len(starts))
	for _, d := range docs {
		k, err := ForDocument(d.Kind)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Pos, err)
		}
		part := 0
		for part+1 < len(starts) && starts[part+1] <= d.Pos.Line-1 {
			part++
		}
		schemas[part] = ref(k)
	}
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	var out bytes.Buffer
	for part, start := range starts {
		end := len(lines)
		if part+1 < len(starts) {
			end = starts[part+1]
		}
		for i := start; i < end; i++ {
			l := lines[i]
			if schemas[part] == "" {
				out.Write(l)
				continue
			}
			if i == start && (part == 0 || !separatorLine.Match(l)) {
				out.WriteString(modelinePrefix + schemas[part] + eol)
			}
			if !modelineLine.Match(l) {
				out.Write(l)
			}
			if i == start && part > 0 && separatorLine.Match(l) {
				out.WriteString(modelinePrefix + schemas[part] + eol)
			}
		}
	}
	if !sameValues(data, out.Bytes()) {
		// A line that looks like the comment but sits inside a quoted value.
		return nil, fmt.Errorf("%s: the yaml-language-server lines cannot be written without changing a value; add them by hand", name)
	}
	return out.Bytes(), nil
}

// sameValues reports whether two YAML streams hold the same values,
// comments aside.
func sameValues(a, b []byte) bool {
	x, errX := values(a)
	y, errY := values(b)
	return errX == nil && errY == nil && reflect.DeepEqual(x, y)
}

func values(data []byte) ([]any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []any
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return nil, err
		}
		out = append(out, v)
	}
}
