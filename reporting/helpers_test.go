package reporting_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/reporting"
)

var update = flag.Bool("update", false, "rewrite golden files")

func library(t testing.TB) *compact.Library {
	t.Helper()
	lib, err := examples.Library()
	require.NoError(t, err)
	return lib
}

// loadExample loads an example area with the national library.
func loadExample(t testing.TB, name string) *compact.Area {
	t.Helper()
	a, err := compact.LoadArea(filepath.Join("..", "examples", name), compact.WithLibrary(library(t)))
	require.NoError(t, err)
	return a
}

// exampleNames lists the example areas.
func exampleNames(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("..", "examples"))
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "embed" {
			out = append(out, e.Name())
		}
	}
	require.NotEmpty(t, out)
	return out
}

// parseArea builds an area from YAML documents, failing the test on error.
func parseArea(t testing.TB, docs ...string) *compact.Area {
	t.Helper()
	a, err := newArea(docs...)
	require.NoError(t, err)
	return a
}

func newArea(docs ...string) (*compact.Area, error) {
	parsed, err := compact.Parse("area.yaml", []byte(strings.Join(docs, "\n---\n")))
	if err != nil {
		return nil, err
	}
	lib, err := examples.Library()
	if err != nil {
		return nil, err
	}
	a, err := compact.NewArea(parsed, compact.WithLibrary(lib))
	if err != nil {
		return nil, err
	}
	a.Name = "testshire"
	return a, nil
}

// golden compares got with a file under testdata, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	require.Equal(t, string(want), got)
}

func build(t testing.TB, a *compact.Area, period string, opts ...reporting.Option) *reporting.Report {
	t.Helper()
	p, err := compact.ParsePeriod(period)
	require.NoError(t, err)
	r, err := reporting.Build(context.Background(), a, p, opts...)
	require.NoError(t, err)
	return r
}

func d(s string) compact.Date { return compact.MustParseDate(s) }

// Test area: Testshire. A compact with two aims, a section, commitments,
// a steering group that should meet twice a year with members attending
// twice, an external board it reports to, and the national numbers set as
// parameters.
const testCompact = `apiVersion: compactkit/v1
kind: Compact
id: testshire
title: The Testshire Compact
aims:
  - {id: "1", text: Work together}
  - {id: "2", text: Share good practice}
sections:
  - {id: objectives, title: Objectives}
commitments:
  - {id: consult-12-weeks, number: "2.1", section: objectives, party: public, text: Consult for twelve weeks.}
  - {id: notice-3-months, number: "4.1", party: public, text: Give three months' notice of funding cuts.}
parameters:
  consultationWeeks: 12
  consultationFeedbackMonths: 3
  fundingNoticeMonths: 3
governance:
  - id: steering-group
    name: Testshire Steering Group
    kind: steering-group
    represented: [council, charity, health]
    minMeetingsPerYear: 2
    membership: {minAttendancePerYear: 2}
    reporting: {to: board, everyMonths: 12}
  - id: board
    name: Testshire Board
    kind: board
    external: true
  - id: events
    name: Good practice events
    kind: forum
signatories:
  - {organisation: council, signed: 2020-01-01}
  - {organisation: health, signed: 2020-01-01}
`

const testDirectory = `apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Testshire Council, sector: public, kind: local-authority}
  - {id: charity, name: Testshire Advice, sector: voluntary-community, kind: charity}
  - {id: health, name: Testshire NHS, sector: public, kind: nhs-body}
  - {id: college, name: Testshire College, sector: public, kind: education}
people:
  - {id: ann, name: Ann Able, organisation: council}
  - {id: bob, name: Bob Best, organisation: charity}
  - {id: cat, name: Cat Cole, organisation: health}
`

const testRecords = `apiVersion: compactkit/v1
kind: Records
period: 2024-25
signatures:
  - {organisation: charity, signed: 2024-06-01, endorsedBy: Bob Best, position: Chief Executive, writtenCommitment: true}
  - {organisation: health, signed: 2020-01-01, withdrawn: 2024-09-30}
  - {organisation: college, signed: 2025-06-01}
meetings:
  - {id: m1, body: steering-group, date: 2024-05-01, attendees: [ann, bob]}
  - {id: m2, body: steering-group, date: 2024-11-01, attendees: [ann]}
  - {id: m3, body: steering-group, date: 2025-05-01, attendees: [ann, bob, cat]}
  - {id: e1, body: events, date: 2024-10-10, attendees: [ann, bob]}
  - {id: e0, body: events, date: 2024-03-10, attendees: [ann]}
reports:
  - {id: r1, body: steering-group, to: board, period: 2023-24, delivered: 2024-07-01}
consultations:
  - {id: long, title: Long one, owner: council, opens: 2024-04-01, closes: 2024-06-24, formal: true, feedbackPublished: 2024-08-01}
  - {id: short-reason, title: Short with reason, owner: council, opens: 2024-07-01, closes: 2024-08-12, formal: true, shortPeriodRationale: Budget deadline., feedbackPublished: 2024-12-01}
  - {id: short, title: Short without reason, owner: health, opens: 2024-09-02, closes: 2024-10-14, formal: true}
  - {id: informal, title: Drop-in, owner: council, opens: 2025-03-10, closes: 2025-04-10}
  - {id: open, title: Still open, owner: council, opens: 2025-03-01, closes: 2025-05-30, formal: true}
  - {id: old, title: Last year, owner: council, opens: 2023-04-01, closes: 2023-07-01, formal: true}
funding:
  - {id: f-new, funder: council, recipient: charity, kind: new, decided: 2024-05-01, amount: 1000, reasons: Good.}
  - {id: f-good, title: Advice grant, funder: council, recipient: charity, kind: reduction, decided: 2024-10-01, previousAmount: 10000, amount: 6000, reasons: Budget., noticeGiven: 2024-10-15, noticeForm: written, effective: 2025-01-15}
  - {id: f-short, title: Youth grant, funder: council, recipient: charity, kind: ending, decided: 2024-12-01, previousAmount: 5000, reasons: Budget., noticeGiven: 2024-12-15, noticeForm: written, effective: 2025-03-14}
  - {id: f-verbal, funder: health, recipient: charity, kind: reduction, decided: 2025-01-10, previousAmount: 3000, amount: 2000, noticeGiven: 2025-01-10, noticeForm: verbal, effective: 2025-06-01}
  - {id: f-undated, funder: health, recipient: charity, kind: ending, decided: 2025-02-10, previousAmount: 800}
  - {id: f-old, funder: council, recipient: charity, kind: ending, decided: 2023-05-01, previousAmount: 900}
`

// testshire is the test area with extra documents.
func testshire(t testing.TB, extra ...string) *compact.Area {
	t.Helper()
	return parseArea(t, append([]string{testCompact, testDirectory, testRecords}, extra...)...)
}
