package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var (
	planKent  = filepath.Join("..", "..", "examples", "kent")
	kentDraft = filepath.Join("..", "..", "plan", "testdata", "drafts", "kent-reduction.yaml")
	lateDraft = filepath.Join("..", "..", "plan", "testdata", "drafts", "kent-late-decision.yaml")
)

// TestPlanFormatsAgree: text, JSON and iCalendar say the same about the
// notice a reduction effective 2025-10-01 in Kent must be given.
func TestPlanFormatsAgree(t *testing.T) {
	code, out, errs := compactRun("plan", "--as-of", "2025-01-06", planKent, kentDraft)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "2025-04-01  Notice must be given in writing by 2025-04-01\n")
	require.Contains(t, out, "commitment funding-notice (rule funding-notice, pack national); fundingNoticeMonths = 6 months, set by dover-district-compact (compact, ")

	code, out, errs = compactRun("plan", "--as-of", "2025-01-06", "--format", "json", planKent, kentDraft)
	require.Equal(t, exitOK, code, errs)
	var p struct {
		AsOf  string `json:"asOf"`
		Steps []struct {
			Step, Date, Commitment string
			Parameters             []struct {
				Name, Words string
				SetBy       struct{ Layer, By string }
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &p))
	found := false
	for _, s := range p.Steps {
		if s.Step == "noticeBy" {
			found = true
			require.Equal(t, "2025-04-01", s.Date)
			require.Equal(t, "funding-notice", s.Commitment)
			require.Equal(t, "6 months", s.Parameters[0].Words)
			require.Equal(t, "compact", s.Parameters[0].SetBy.Layer)
		}
	}
	require.True(t, found)

	file := filepath.Join(t.TempDir(), "plan.ics")
	code, _, errs = compactRun("plan", "--as-of", "2025-01-06", "-o", file, planKent, kentDraft)
	require.Equal(t, exitOK, code, errs)
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	ics := strings.ReplaceAll(string(data), "\r\n ", "") // unfold
	require.Contains(t, ics, "UID:harbourside-cut-2025.funding-notice.noticeBy@kent.compactkit\r\nDTSTAMP:20250106T000000Z\r\nDTSTART;VALUE=DATE:20250401\r\n")
	require.Contains(t, ics, "SUMMARY:Notice must be given in writing by 2025-04-01\r\n")
	require.NotContains(t, strings.ReplaceAll(string(data), "\r\n", ""), "\n", "every line ends in CRLF")
}

func TestPlanCommand(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "draft.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("apiVersion: compactkit/v1\nkind: Draft\nid: d\nfunding: {id: f, funder: dover-d, recipient: harbourside-community-centre, kind: reduction, decided: 2025-03-03}\n"), 0o644))
	cases := []struct {
		name string
		args []string
		code int
		out  string
		err  string
	}{
		{"what would fail", []string{"--as-of", "2025-01-06", planKent, lateDraft}, exitFindings,
			"breach funding-notice (funding-notice): Dover District Council gave Harbourside Community Centre 2 months' notice of the reduction of its funding; the compact asks for 6", ""},
		{"a draft naming no organisation of the area", []string{planKent, bad}, exitInvalid, "", `draft.yaml:4:26: funding.funder: no organisation "dover-d"`},
		{"iCalendar to standard output", []string{"--format", "ics", planKent, kentDraft}, exitUsage, "", "write it to a file with -o FILE.ics"},
		{"one argument", []string{planKent}, exitUsage, "", "give the AREA and the DRAFT.yaml to plan"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := compactRun(append([]string{"plan"}, tc.args...)...)
			require.Equal(t, tc.code, code, errs)
			require.Contains(t, out, tc.out)
			require.Contains(t, errs, tc.err)
		})
	}
}
