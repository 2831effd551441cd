package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const nationalArea = "../../examples/national"

func TestRulesTestJUnit(t *testing.T) {
	code, out, errs := compactRun("rules", "test", "--format", "junit", base, nationalArea, "testdata/failing", "testdata/broken")
	require.Equal(t, exitInvalid, code, errs)

	var got struct {
		Suites []struct {
			Package  string `xml:"package,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Errors   int    `xml:"errors,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
				Error *struct {
					Text string `xml:",chardata"`
				} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(out), &got))
	require.Len(t, got.Suites, 3)
	assert.Equal(t, "national", got.Suites[0].Package)
	assert.Equal(t, 18, got.Suites[0].Tests)
	assert.Equal(t, 0, got.Suites[0].Failures)
	assert.Equal(t, 1, got.Suites[1].Failures)
	assert.Equal(t, "reasons on grant: expected pass, got fail: no reasons", got.Suites[1].Cases[0].Failure.Message)
	assert.Equal(t, 1, got.Suites[2].Errors)
	assert.Contains(t, got.Suites[2].Cases[0].Error.Text, "undefined field 'noticeGivn'")

	// The schema of the Ant JUnit task, which CI servers read.
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian: apt-get install libxml2-utils); the JUnit XML was not validated against its schema")
	}
	file := filepath.Join(t.TempDir(), "junit.xml")
	require.NoError(t, os.WriteFile(file, []byte(out), 0o644))
	xsd := filepath.Join("testdata", "schemas", "JUnit.xsd")
	res, err := exec.Command(xmllint, "--noout", "--schema", xsd, file).CombinedOutput()
	require.NoError(t, err, "%s", res)
	assert.Contains(t, string(res), "validates")

	bad := strings.Replace(out, `hostname="localhost"`, ``, 1)
	require.NoError(t, os.WriteFile(file, []byte(bad), 0o644))
	_, err = exec.Command(xmllint, "--noout", "--schema", xsd, file).CombinedOutput()
	require.Error(t, err, "the schema is live: a suite without its hostname is refused")
}

func TestRulesTestTAP(t *testing.T) {
	code, out, _ := compactRun("rules", "test", "--format", "tap", base, "testdata/town", "testdata/failing")
	require.Equal(t, exitTestsFail, code)
	want := `TAP version 14
1..2
# testdata/town: pack town
ok 1 - town: a week is too short
# testdata/failing: pack failing
not ok 2 - failing: expects the wrong outcome
  ---
  at: "testdata/failing/rules.yaml:14:5"
  failures:
    - rule: "reasons"
      subject: "grant"
      want: pass
      got: fail
      message: "expected pass, got fail: no reasons"
      at: "testdata/failing/rules.yaml:20:9"
  ...
`
	assert.Equal(t, want, out)
}

func TestRulesTestRun(t *testing.T) {
	tests := []struct {
		pattern string
		names   []string
		code    int
	}{
		{"fund", []string{"funding cuts", "new funding", "short funding paid in arrears with a gagging clause",
			"respond-before-decision: fund-befriending-ending, the response was never considered",
			"funding-notice: effective is the first day of the change, for endings and reductions alike",
			"funding-notice: a renewal at a lower amount is a reduction in substance",
			"multi-year-funding: 24 months is multi-year; 23 months without reasons is not"}, exitOK},
		{"^governance$", []string{"governance"}, exitOK},
		{"nothing matches this", nil, exitOK},
		{"(", nil, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			code, out, errs := compactRun("rules", "test", "--format", "json", "--run", tt.pattern, nationalArea)
			require.Equal(t, tt.code, code, errs)
			if tt.code == exitUsage {
				assert.Contains(t, errs, "--run:")
				return
			}
			var got struct {
				Packs []packTests `json:"packs"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			var names []string
			for _, r := range got.Packs[0].Tests {
				names = append(names, r.Name)
			}
			assert.Equal(t, tt.names, names)
		})
	}
}

func TestRulesTestCoverage(t *testing.T) {
	code, out, errs := compactRun("rules", "test", "--coverage", "--format", "json", base, "testdata/town")
	require.Equal(t, exitOK, code, errs)
	var got struct {
		Packs []struct {
			Coverage []struct {
				Rule     string         `json:"rule"`
				Outcomes map[string]int `json:"outcomes"`
				Branches []string       `json:"branches"`
				Missing  []string       `json:"missing"`
				Tests    []string       `json:"tests"`
			} `json:"coverage"`
		} `json:"packs"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	byRule := map[string]int{}
	for i, c := range got.Packs[0].Coverage {
		byRule[c.Rule] = i
	}
	cov := got.Packs[0].Coverage
	// The town's one test is an ending of funding with a week to respond:
	// it fails the town's own rule, and reaches no consultation rule.
	window := cov[byRule["town-response-window"]]
	assert.Equal(t, []string{"not-applicable", "pass", "fail"}, window.Branches)
	assert.Equal(t, map[string]int{"fail": 1}, window.Outcomes)
	assert.Equal(t, []string{"a week is too short"}, window.Tests)
	assert.Equal(t, []string{"not-applicable", "pass"}, window.Missing)
	length := cov[byRule["consultation-length"]]
	assert.Empty(t, length.Tests)
	assert.Equal(t, length.Branches, length.Missing)
	_, disabled := byRule["meeting-attendance-recorded"]
	assert.False(t, disabled, "a rule the town disabled has no coverage to report")

	code, text, _ := compactRun("rules", "test", "--coverage", nationalArea)
	require.Equal(t, exitOK, code)
	assert.Contains(t, text, "22 of 22 rules fully covered")
}
