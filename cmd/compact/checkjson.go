package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/compactkit/compactkit/rules"
)

// writeCheckJSON writes check's JSON output as writeJSON would, byte for
// byte, but encodes each area's findings one at a time: writeJSON holds
// the whole document twice (encoded, then indented), a gigabyte for an
// area of 100,000 records, where this holds one finding.
func writeCheckJSON(w io.Writer, out rules.CheckOutput) error {
	if len(out.Areas) == 0 {
		return writeJSON(w, out)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as writeJSON: expressions hold && and <
	// encode appends v, indented as it stands at the given depth, without
	// the encoder's newline.
	encode := func(v any, prefix string) ([]byte, error) {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
	}
	bw.WriteString("{\n  \"areas\": [")
	for i, a := range out.Areas {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		var found rules.Findings
		if len(a.Problems) == 0 { // else findings are not the last member: encode the area whole
			found, a.Findings = a.Findings, nil
		}
		b, err := encode(a, "    ")
		if err != nil {
			return err
		}
		if len(found) == 0 {
			bw.Write(b)
			continue
		}
		// Findings are the area's last member: the area closes with
		// "\n    }", and the findings go before it.
		bw.Write(bytes.TrimSuffix(b, []byte("\n    }")))
		bw.WriteString(",\n      \"findings\": [")
		for j := range found {
			if j > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n        ")
			f, err := encode(&found[j], "        ")
			if err != nil {
				return err
			}
			bw.Write(f)
		}
		bw.WriteString("\n      ]\n    }")
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}
