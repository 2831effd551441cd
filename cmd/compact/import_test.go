package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const fixtures = "../../importer/testdata/"

// TestImportThenCheck is the README's pipeline: import the Trafford grants,
// then check the area; every finding names its source row.
func TestImportThenCheck(t *testing.T) {
	for _, file := range []string{"trafford-council-vcs-grants.json", "trafford-council-vcs-grants.csv"} {
		t.Run(file, func(t *testing.T) {
			dir := t.TempDir()
			code, out, errs := compactRun("import", "360giving", fixtures+"360giving/"+file, "--into", dir)
			require.Equal(t, exitOK, code, errs)
			require.Contains(t, out, "555 records into "+filepath.Join(dir, "imported-360giving-trafford-council-vcs-grants.yaml")+", 324 organisations added, 0 matched")
			require.Contains(t, out, "not mapped: ")

			code, out, _ = compactRun("check", dir)
			require.Equal(t, exitFindings, code)
			require.Contains(t, out, "4995 checks on 555 subjects: 555 pass, 1665 fail (555 breach, 555 warning, 555 advice), 2775 not applicable")
			want := "#/grants/0 [360G-traffordmbc-VSG1342])"
			if strings.HasSuffix(file, ".csv") {
				want = ":2 [360G-traffordmbc-VSG1342])"
			}
			require.Contains(t, out, "from "+fixtures+"360giving/"+file+want)

			code, out, _ = compactRun("check", "--format", "json", dir)
			require.Equal(t, exitFindings, code)
			var res struct {
				Areas []struct {
					Findings []struct {
						Kind       string         `json:"kind"`
						Provenance map[string]any `json:"provenance"`
					} `json:"findings"`
				} `json:"areas"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &res))
			n := 0
			for _, f := range res.Areas[0].Findings {
				if f.Kind == "funding" {
					require.Equal(t, fixtures+"360giving/"+file, f.Provenance["file"])
					n++
				}
			}
			require.Equal(t, 555*9, n) // nine national rules apply to funding decisions
		})
	}
}

// TestImportGOVUK: nine content items, seven consultations; three ran
// under 12 weeks (see importer's TestGOVUK for the figures from the raw
// files), and one import checks them all.
func TestImportGOVUK(t *testing.T) {
	files, err := filepath.Glob(fixtures + "govuk/*.json")
	require.NoError(t, err)
	dir := t.TempDir()
	code, out, errs := compactRun(append([]string{"import", "govuk", "--formal", "--into", dir}, files...)...)
	require.Equal(t, exitInvalid, code, "far-future dates are bad values")
	require.Contains(t, out, "left out: withdrawn (withdrawn_notice.withdrawn_at) (1)")
	require.Contains(t, errs, "unopened_consultation.json:14:21: /details/opening_date: 2200-10-05T14:00:00+01:00 is not a plausible date")
	code, out, _ = compactRun("check", dir)
	require.Equal(t, exitFindings, code)
	require.Contains(t, out, "period 2014-08-07..2016-10-31")
	require.Equal(t, 3, strings.Count(out, "FAIL  consultation-length"))
	require.Contains(t, out, "Review of Museums in England accepted responses on 57 days (8 weeks and 1 day) with no reason given")
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no source", []string{"import"}, exitUsage, "give a SOURCE and at least one FILE"},
		{"bad source", []string{"import", "grants", "x.json", "--into", dir}, exitUsage, `"grants" is not a source`},
		{"no into", []string{"import", "360giving", "x.json"}, exitUsage, "give --into DIR"},
		{"table without mapping", []string{"import", "table", "x.csv", "--into", dir}, exitUsage, "a table import needs --mapping FILE"},
		{"missing file", []string{"import", "360giving", filepath.Join(dir, "none.json"), "--into", dir}, exitInvalid, "none.json"},
		{"bad values", []string{"import", "360giving", fixtures + "360giving/edited-wellcome-grants-invalid.json", "--into", dir}, exitInvalid,
			`edited-wellcome-grants-invalid.json:38:26: /grants/0/awardDate: "24/07/2014" is not a date written YYYY-MM-DD`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := compactRun(tc.args...)
			require.Equal(t, tc.code, code, errs)
			require.Contains(t, errs, tc.err)
		})
	}
}
