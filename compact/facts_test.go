package compact

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTypeFacts(t *testing.T) {
	decls := map[string]FactDecl{
		"meetingOffered": {Type: FactDate, Description: "meeting offered"},
		"panel":          {Type: FactEnum, Values: []string{"grants-panel", "cabinet"}, Required: true, Description: "who decided"},
		"attendees":      {Type: FactInt},
		"saving":         {Type: FactMoney},
		"statement":      {Type: FactBool},
		"contact":        {Type: FactPerson},
	}
	cases := []struct {
		name  string
		facts map[string]Value
		want  map[string]any // typed values
		probs []string       // problem messages, in order
	}{
		{"every type", map[string]Value{"meetingOffered": StringValue("2024-05-13"), "panel": StringValue("cabinet"),
			"attendees": IntValue(4), "saving": IntValue(1200), "statement": BoolValue(true), "contact": StringValue("jo")},
			map[string]any{"meetingOffered": MustParseDate("2024-05-13"), "panel": "cabinet", "attendees": int64(4),
				"saving": float64(1200), "statement": true, "contact": "jo"}, nil},
		{"misspelt", map[string]Value{"meetingOfered": StringValue("2024-05-13"), "panel": StringValue("cabinet")}, nil,
			[]string{`funding record r1 has fact "meetingOfered", which the compact does not declare for funding records; did you mean "meetingOffered"?`}},
		{"wrong types", map[string]Value{"meetingOffered": BoolValue(true), "panel": StringValue("cabnet"), "attendees": StringValue("four"), "saving": IntValue(-3)}, nil,
			[]string{"fact attendees (int): expected a whole number, found string four",
				"fact meetingOffered (date): expected a date (YYYY-MM-DD), found bool true",
				`fact panel (enum): "cabnet" is not one of grants-panel, cabinet (did you mean "cabinet"?)`,
				"fact saving (money): an amount cannot be negative"}},
		{"bad date", map[string]Value{"meetingOffered": StringValue("2024-02-30"), "panel": StringValue("cabinet")}, nil,
			[]string{"fact meetingOffered (date): "}},
		{"required missing", map[string]Value{}, nil,
			[]string{"funding record r1 does not give fact panel, which the compact requires (who decided)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			facts := Facts{}
			for k, v := range tc.facts {
				facts[k] = Fact{raw: v}
			}
			probs := TypeFacts(decls, "funding", "r1", facts)
			require.Len(t, probs, len(tc.probs), "%+v", probs)
			for i, p := range probs {
				require.Contains(t, p.Msg, tc.probs[i])
			}
			for k, v := range tc.want {
				require.Equal(t, v, facts[k].Value(), k)
			}
		})
	}
}

func TestFactsLayer(t *testing.T) {
	base := `apiVersion: compactkit/v1
kind: Compact
id: base
title: Base
facts:
  funding:
    meetingOffered: {type: date, description: offered}
`
	local := `apiVersion: compactkit/v1
kind: Compact
id: local
title: Local
extends: base
facts:
  funding:
    panel: {type: enum, values: [a, b], description: who}
  %s
`
	cases := []struct {
		name, extra string
		err         string
		names       []string
	}{
		{"adds to the base", "", "", []string{"meetingOffered", "panel"}},
		{"cannot redeclare", "  meetingOffered: {type: bool, description: again}", "fact meetingOffered of funding records is already declared by the base compact", nil},
		{"unknown record kind", "fundng: {x: {type: int, description: x}}", `records of kind "fundng" cannot carry facts; did you mean "funding"?`, nil},
		{"enum without values", "  empty: {type: enum, description: none}", "enum fact empty lists no values", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Parse("base.yaml", []byte(base))
			require.NoError(t, err)
			l, err := Parse("local.yaml", []byte(fmt.Sprintf(local, tc.extra)))
			require.NoError(t, err)
			a, err := NewArea(append(docs, l...))
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.ElementsMatch(t, tc.names, keysOf(a.Compact.Facts.Of("funding")))
		})
	}
}

func keysOf[V any](m map[string]V) []string { return sortedKeys(m) }
