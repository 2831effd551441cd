package plan_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/plan"
	"github.com/compactkit/compactkit/rules"
)

// FuzzDecodeDraft: any bytes either decode as a draft or give errors;
// never a panic, and a draft that decodes has exactly one record.
func FuzzDecodeDraft(f *testing.F) {
	f.Add([]byte("apiVersion: compactkit/v1\nkind: Draft\nid: d\nfunding: {id: f, funder: a, recipient: b, kind: ending, decided: 2025-03-03}\n"))
	f.Add([]byte("apiVersion: compactkit/v1\nkind: Draft\nid: d\nconsultation: {id: c, title: T, owner: a, opens: 2025-01-06, closes: 2025-03-31}\n"))
	f.Add([]byte("apiVersion: compactkit/v1\nkind: Draft\nid: d\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := compact.Parse("draft.yaml", data)
		if err != nil || len(docs) == 0 {
			return
		}
		d, err := plan.DecodeDraft(docs[0], nil)
		if err != nil {
			return
		}
		if (d.Funding == nil) == (d.Consultation == nil) {
			t.Fatalf("a draft decoded with %v funding and %v consultation", d.Funding != nil, d.Consultation != nil)
		}
	})
}

// FuzzWriteICS: whatever a step's title, every line of the calendar ends
// in CRLF, is at most 75 octets and valid UTF-8 (folding never splits a
// character), and unfolding gives the title back escaped.
func FuzzWriteICS(f *testing.F) {
	f.Add("Notice must be given in writing")
	f.Add(strings.Repeat("é", 80) + "; a, b\\c\nd")
	f.Add(strings.Repeat("x", 74) + "€")
	f.Fuzz(func(t *testing.T, title string) {
		if !utf8.ValidString(title) {
			return
		}
		p := &plan.Plan{Area: "a", Draft: "d", AsOf: compact.MustParseDate("2025-01-06"),
			Steps: []rules.PlannedStep{{Step: "s", Rule: "r", Title: title, Bound: rules.By, Date: compact.MustParseDate("2025-04-01")}}}
		var b bytes.Buffer
		if err := plan.WriteICS(&b, p); err != nil {
			t.Fatal(err)
		}
		s := b.String()
		if !strings.HasSuffix(s, "\r\n") {
			t.Fatal("the file does not end in CRLF")
		}
		for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
				t.Fatalf("bad line %q", l)
			}
		}
		if !strings.Contains(strings.ReplaceAll(s, "\r\n ", ""), "SUMMARY:") {
			t.Fatal("no summary")
		}
	})
}
