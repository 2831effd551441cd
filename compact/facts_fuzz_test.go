package compact_test

import (
	"strings"
	"testing"

	"github.com/compactkit/compactkit/compact"
)

// FuzzFacts loads an area whose compact declares facts of every type and
// whose record carries arbitrary fact values: loading must give a typed
// value or a positioned error, never panic.
func FuzzFacts(f *testing.F) {
	for _, v := range []string{"2024-05-13", "2024-02-30", "true", "3", "-4.5", "cabinet", "cabnet", "'text'", "[1, 2]", "{a: 1}", "~", "council"} {
		f.Add("meetingOffered", v)
		f.Add("panel", v)
		f.Add("saving", v)
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		if strings.ContainsAny(name+value, "\n\r") {
			return
		}
		src := `apiVersion: compactkit/v1
kind: Compact
id: c
title: C
facts:
  funding:
    meetingOffered: {type: date, description: d}
    panel: {type: enum, values: [cabinet, officer], description: p}
    saving: {type: money, description: s}
    count: {type: int, description: n}
    flag: {type: bool, description: b}
    note: {type: text, description: t}
    by: {type: organisation, description: o}
---
apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Council, sector: public, kind: local-authority}
  - {id: club, name: Club, sector: voluntary-community, kind: community-group}
---
apiVersion: compactkit/v1
kind: Records
funding:
  - id: cut
    funder: council
    recipient: club
    kind: ending
    decided: 2024-06-03
    facts:
      "` + strings.ReplaceAll(name, `"`, "") + `": ` + value + "\n"
		docs, err := compact.Parse("fuzz.yaml", []byte(src))
		if err != nil {
			return
		}
		a, err := compact.NewArea(docs)
		for _, e := range compact.AsErrors(err) {
			if e.Pos.File != "fuzz.yaml" || e.Pos.Line == 0 {
				t.Fatalf("error without a position: %v", e)
			}
		}
		if err == nil {
			for _, fct := range a.Records.Funding[0].Facts {
				if fct.Value() == nil {
					t.Fatalf("a fact loaded untyped: %v", fct)
				}
			}
		}
	})
}

// FuzzRender renders arbitrary text: text with no placeholder comes back
// as it is, and rendering never panics.
func FuzzRender(f *testing.F) {
	for _, s := range []string{"At least {fundingNoticeMonths}' notice", "{a:n}-week", "{", "}{", "{{x}}", "{x", "no braces"} {
		f.Add(s)
	}
	words := func(name string) (compact.Quantity, bool) {
		return compact.Quantity{Value: compact.IntValue(int64(len(name))), Unit: "months"}, name != ""
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := compact.Render(s, words)
		if !strings.Contains(s, "{") && out != s {
			t.Fatalf("text without placeholders changed: %q -> %q", s, out)
		}
	})
}
