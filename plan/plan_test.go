package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/plan"
	"github.com/compactkit/compactkit/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

var ctx = context.Background()

var asOf = compact.MustParseDate("2025-01-06")

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./plan -update to create %s", path)
	require.Equal(t, string(want), string(got), "%s differs (run go test ./plan -update to accept)", path)
}

// makePlan plans a draft of testdata in an example area.
func makePlan(t *testing.T, area, draft string) *plan.Plan {
	t.Helper()
	kit, err := compactkit.Load(filepath.Join("..", "examples", area))
	require.NoError(t, err)
	e, err := kit.Engine()
	require.NoError(t, err)
	d, err := plan.ReadDraft(filepath.Join("testdata", "drafts", draft), kit.Area)
	require.NoError(t, err)
	p, err := plan.Make(ctx, e, d, asOf)
	require.NoError(t, err)
	return p
}

func step(t *testing.T, p *plan.Plan, name string) rules.PlannedStep {
	t.Helper()
	for _, s := range p.Steps {
		if s.Step == name {
			return s
		}
	}
	t.Fatalf("no step %s in %+v", name, p.Steps)
	return rules.PlannedStep{}
}

// TestKentNotice is the "done when": a reduction effective
// 2025-10-01 in Kent (six months' notice) must be noticed in writing by
// 2025-04-01, citing the commitment and the parameter, in text, JSON and
// iCalendar alike.
func TestKentNotice(t *testing.T) {
	p := makePlan(t, "kent", "kent-reduction.yaml")
	s := step(t, p, "noticeBy")
	require.Equal(t, "2025-04-01", s.Date.String())
	require.Equal(t, "funding-notice", s.Commitment)
	require.Len(t, s.Parameters, 1)
	require.Equal(t, "fundingNoticeMonths", s.Parameters[0].Name)
	require.Equal(t, "6 months", s.Parameters[0].Words)
	require.Equal(t, rules.LayerCompact, s.Parameters[0].SetBy.Layer)
	require.Equal(t, "dover-district-compact", s.Parameters[0].SetBy.By)
	require.Empty(t, p.Findings, "a reduction planned by its steps keeps every rule")

	var text bytes.Buffer
	require.NoError(t, plan.WriteText(&text, p))
	require.Contains(t, text.String(), "2025-04-01  Notice must be given in writing by 2025-04-01\n")
	require.Contains(t, text.String(), "commitment funding-notice (rule funding-notice, pack national); fundingNoticeMonths = 6 months, set by dover-district-compact (compact, ")
	golden(t, "kent-reduction.txt", text.Bytes())

	var js bytes.Buffer
	require.NoError(t, plan.WriteJSON(&js, p))
	var back plan.Plan
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	require.Equal(t, "2025-04-01", step(t, &back, "noticeBy").Date.String())
	require.Equal(t, "funding-notice", step(t, &back, "noticeBy").Commitment)
	require.Equal(t, "dover-district-compact", step(t, &back, "noticeBy").Parameters[0].SetBy.By)
	golden(t, "kent-reduction.json", js.Bytes())

	var ics bytes.Buffer
	require.NoError(t, plan.WriteICS(&ics, p))
	cal := parseICS(t, ics.Bytes())
	ev := cal.event(t, "harbourside-cut-2025.funding-notice.noticeBy@kent.compactkit")
	require.Equal(t, "20250401", ev["DTSTART;VALUE=DATE"])
	require.Equal(t, "20250402", ev["DTEND;VALUE=DATE"])
	require.Equal(t, "20250106T000000Z", ev["DTSTAMP"], "stamped with the as-of date, not the clock")
	require.Equal(t, "Notice must be given in writing by 2025-04-01", ev["SUMMARY"])
	require.Contains(t, ev["DESCRIPTION"], "commitment funding-notice")
	require.Contains(t, ev["DESCRIPTION"], "fundingNoticeMonths = 6 months, set by dover-district-compact")
	require.Len(t, cal.events, len(p.Steps), "one event per dated step")
	golden(t, "kent-reduction.ics", ics.Bytes())
}

// TestWhatWouldFail: deciding on 3 March for 3 May leaves two months'
// notice where Kent asks for six; the plan lists the finding the decision
// would get, and marks the steps the draft misses.
func TestWhatWouldFail(t *testing.T) {
	p := makePlan(t, "kent", "kent-late-decision.yaml")
	var notice *rules.Finding
	for i, f := range p.Findings {
		if f.Rule == "funding-notice" {
			notice = &p.Findings[i]
		}
	}
	require.NotNil(t, notice, "findings: %+v", p.Findings)
	require.Equal(t, rules.Fail, notice.Outcome)
	require.Equal(t, "Dover District Council gave Harbourside Community Centre 2 months' notice of the reduction of its funding; the compact asks for 6", notice.Message)
	s := step(t, p, "noticeBy")
	require.Equal(t, "2024-11-03", s.Date.String())
	require.Equal(t, "2025-03-03", s.Planned.String())
	require.True(t, s.Missed)
	var text bytes.Buffer
	require.NoError(t, plan.WriteText(&text, p))
	require.Contains(t, text.String(), "the draft plans noticeGiven for 2025-03-03: too late")
	require.Contains(t, text.String(), "breach funding-notice (funding-notice): Dover District Council gave Harbourside Community Centre 2 months' notice")
	golden(t, "kent-late-decision.txt", text.Bytes())
}

func TestConsultationAndLocalFacts(t *testing.T) {
	cases := []struct {
		area, draft string
		want        map[string]string // step -> date
	}{
		{"kent", "kent-consultation.yaml", map[string]string{"closesFrom": "2025-03-31", "summaryBy": "2025-06-30"}},
		{"riverford", "riverford-cut.yaml", map[string]string{"meetingBy": "2025-05-11", "noticeBy": "2025-06-01", "decideBy": "2025-06-01"}},
	}
	for _, tc := range cases {
		t.Run(tc.draft, func(t *testing.T) {
			p := makePlan(t, tc.area, tc.draft)
			for name, date := range tc.want {
				require.Equal(t, date, step(t, p, name).Date.String(), name)
			}
			require.Empty(t, p.Findings)
			var text bytes.Buffer
			require.NoError(t, plan.WriteText(&text, p))
			golden(t, strings.TrimSuffix(tc.draft, ".yaml")+".txt", text.Bytes())
		})
	}
}

func TestDraftProblems(t *testing.T) {
	kit, err := compactkit.Load(filepath.Join("..", "examples", "riverford"))
	require.NoError(t, err)
	cases := []struct {
		name, body, want string
	}{
		{"no record", "id: d\n", "draft.yaml:1:1: funding: a draft gives one record"},
		{"both records", "id: d\nfunding: " + cut + "\nconsultation: {id: c, title: T, owner: riverford-council, opens: 2025-01-06, closes: 2025-03-31}\n",
			"consultation: a draft gives one record, funding or consultation, not both"},
		{"an unknown organisation", "id: d\nfunding: {id: f, funder: riverford-councl, recipient: millbank-youth, kind: ending, decided: 2025-03-03}\n",
			`draft.yaml:4:26: funding.funder: no organisation "riverford-councl"`},
		{"an undeclared fact", "id: d\nfunding: {id: f, funder: riverford-council, recipient: millbank-youth, kind: ending, decided: 2025-03-03, facts: {meetingOfered: 2025-01-01}}\n",
			`did you mean "meetingOffered"?`},
		{"an unknown field", "id: d\nfunding: {id: f, funder: riverford-council, recipient: millbank-youth, kind: ending, decided: 2025-03-03, efective: 2025-01-01}\n",
			`unknown field "efective"; did you mean "effective"?`},
		{"no decision date", "id: d\nfunding: {id: f, funder: riverford-council, recipient: millbank-youth, kind: ending}\n",
			`funding.decided: missing required field "decided"`},
		{"closing before opening", "id: d\nconsultation: {id: c, title: T, owner: riverford-council, opens: 2025-03-31, closes: 2025-01-06}\n",
			"consultation.closes: the consultation closes on 2025-01-06, before it opens on 2025-03-31"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := compact.Parse("draft.yaml", []byte("apiVersion: compactkit/v1\nkind: Draft\n"+tc.body))
			require.NoError(t, err)
			_, err = plan.DecodeDraft(docs[0], kit.Area)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

const cut = "{id: f, funder: riverford-council, recipient: millbank-youth, kind: ending, decided: 2025-03-03}"

// calendar is an iCalendar file parsed back: its events' properties, by
// name with parameters ("DTSTART;VALUE=DATE"), values unescaped.
type calendar struct {
	events []map[string]string
}

func (c calendar) event(t *testing.T, uid string) map[string]string {
	t.Helper()
	for _, e := range c.events {
		if e["UID"] == uid {
			return e
		}
	}
	t.Fatalf("no event %s", uid)
	return nil
}

// parseICS parses an iCalendar file as RFC 5545 asks: every line ends in
// CRLF and is at most 75 octets; a line starting with a space continues the
// one before.
func parseICS(t *testing.T, data []byte) calendar {
	t.Helper()
	s := string(data)
	require.True(t, strings.HasSuffix(s, "\r\n"))
	raw := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for _, l := range raw {
		require.NotContains(t, l, "\n", "a bare LF")
		require.LessOrEqual(t, len(l), 75, "line %q is longer than 75 octets", l)
		if strings.HasPrefix(l, " ") {
			require.NotEmpty(t, lines)
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	require.Equal(t, "BEGIN:VCALENDAR", lines[0])
	require.Equal(t, "END:VCALENDAR", lines[len(lines)-1])
	require.Contains(t, lines, "VERSION:2.0")
	var c calendar
	var cur map[string]string
	for _, l := range lines[1 : len(lines)-1] {
		switch l {
		case "BEGIN:VEVENT":
			cur = map[string]string{}
			continue
		case "END:VEVENT":
			for _, p := range []string{"UID", "DTSTAMP", "DTSTART;VALUE=DATE"} {
				require.Contains(t, cur, p, "RFC 5545 requires %s", p)
			}
			c.events = append(c.events, cur)
			cur = nil
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		require.True(t, ok, "line %q has no value", l)
		if cur != nil {
			cur[name] = strings.NewReplacer(`\n`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(value)
		}
	}
	return c
}
