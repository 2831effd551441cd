package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compileSchema compiles a JSON Schema file of testdata/schemas, asserting
// formats (uri, date-time ...) as well as structure.
func compileSchema(t *testing.T, file string) *jsv.Schema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "schemas", file))
	require.NoError(t, err)
	doc, err := jsv.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err)
	c := jsv.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource(file, doc))
	s, err := c.Compile(file)
	require.NoError(t, err)
	return s
}

// validateJSON validates output against a compiled schema.
func validateJSON(t *testing.T, s *jsv.Schema, out string) {
	t.Helper()
	inst, err := jsv.UnmarshalJSON(strings.NewReader(out))
	require.NoError(t, err)
	require.NoError(t, s.Validate(inst))
}

func TestCheckSARIF(t *testing.T) {
	sarif := compileSchema(t, "sarif-schema-2.1.0.json")
	broken := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(broken, "compact.yaml"), []byte("apiVersion: compactkit/v1\nkind: Compact\nid: x\ntitle: X\nextends: nowhere\n"), 0o644))
	tests := []struct {
		name  string
		paths []string
		code  int
		ok    []bool
	}{
		{"kirklees fails on purpose", []string{kirklees}, exitFindings, []bool{true}},
		{"two areas, one that does not load", []string{kirklees, broken}, exitInvalid, []bool{true, false}},
	}
	// One result per failure or error that "check --format json" reports.
	_, js, _ := compactRun("check", "--format", "json", kirklees)
	var summary struct {
		Areas []struct {
			Summary struct{ Fail, Error int } `json:"summary"`
		} `json:"areas"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &summary))
	results := summary.Areas[0].Summary.Fail + summary.Areas[0].Summary.Error
	require.Equal(t, 17, results)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, _ := compactRun(append([]string{"check", "--format", "sarif"}, tt.paths...)...)
			require.Equal(t, tt.code, code)
			validateJSON(t, sarif, stdout)
			bad, err := jsv.UnmarshalJSON(strings.NewReader(strings.Replace(stdout, `"level": "error"`, `"level": "breach"`, 1)))
			require.NoError(t, err)
			require.Error(t, sarif.Validate(bad), "the schema is live: a level SARIF does not have is refused")

			var log struct {
				Version string `json:"version"`
				Runs    []struct {
					Tool struct {
						Driver struct {
							Rules []struct {
								ID string `json:"id"`
							} `json:"rules"`
						} `json:"driver"`
					} `json:"tool"`
					Invocations []struct {
						OK            bool `json:"executionSuccessful"`
						Notifications []struct {
							Message struct{ Text string } `json:"message"`
						} `json:"toolExecutionNotifications"`
					} `json:"invocations"`
					Results []struct {
						RuleID    string `json:"ruleId"`
						RuleIndex int    `json:"ruleIndex"`
						Level     string `json:"level"`
						Message   struct{ Text string }
						Locations []struct {
							Physical struct {
								Artifact struct{ URI string } `json:"artifactLocation"`
								Region   struct {
									StartLine int `json:"startLine"`
								} `json:"region"`
							} `json:"physicalLocation"`
						} `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &log))
			assert.Equal(t, "2.1.0", log.Version)
			require.Len(t, log.Runs, len(tt.ok))
			for i, ok := range tt.ok {
				assert.Equal(t, ok, log.Runs[i].Invocations[0].OK)
			}
			run := log.Runs[0]
			assert.Len(t, run.Results, results)
			for _, r := range run.Results {
				assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID, "ruleIndex points at the rule")
				require.Len(t, r.Locations, 1)
				assert.True(t, strings.HasPrefix(r.Locations[0].Physical.Artifact.URI, "../../examples/kirklees/"), r.Locations[0].Physical.Artifact.URI)
				assert.Positive(t, r.Locations[0].Physical.Region.StartLine)
				assert.NotEmpty(t, r.Message.Text)
			}
			if len(tt.ok) > 1 {
				n := log.Runs[1].Invocations[0].Notifications
				require.NotEmpty(t, n)
				assert.Contains(t, n[0].Message.Text, "nowhere")
			}
		})
	}
}
