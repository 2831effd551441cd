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

	"github.com/compactkit/compactkit/schema"
)

// publishedSchemas compiles the committed schema/*.json files by their
// $ids, asserting formats, as a validator elsewhere would load them.
func publishedSchemas(t *testing.T) map[string]*jsv.Schema {
	t.Helper()
	c := jsv.NewCompiler()
	c.AssertFormat()
	c.AssertContent()
	for _, k := range schema.Kinds() {
		b, err := os.ReadFile(filepath.Join("..", "..", "schema", k.File))
		require.NoError(t, err)
		doc, err := jsv.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err)
		require.NoError(t, c.AddResource(k.ID, doc))
	}
	out := map[string]*jsv.Schema{}
	for _, k := range schema.Kinds() {
		s, err := c.Compile(k.ID)
		require.NoError(t, err, "%s compiles as draft 2020-12 (its meta-schema checked)", k.File)
		out[k.File] = s
	}
	return out
}

// TestJSONOutputsMatchTheirSchemas runs the commands whose JSON has a
// published schema and validates what they print.
func TestJSONOutputsMatchTheirSchemas(t *testing.T) {
	schemas := publishedSchemas(t)
	type run struct {
		schema string
		args   []string
	}
	runs := []run{
		{"findings.json", []string{"check", "--format", "json", kirklees}},
		{"findings.json", []string{"check", "--format", "json", kirklees, "testdata/broken"}},
		{"findings.json", []string{"check", "--format", "json", "--as-of", "2013-12-31", base, "testdata/town"}},
	}
	for _, dir := range exampleAreas(t) {
		runs = append(runs, run{"report.json", []string{"report", "--format", "json", dir}},
			run{"findings.json", []string{"check", "--format", "json", dir}})
	}
	runs = append(runs, run{"report.json", []string{"report", "--format", "json", "--period", "2007-08", lincolnshire}},
		run{"tests.json", []string{"rules", "test", "--format", "json", "--coverage", base, "testdata/town", "testdata/failing", "testdata/broken", "testdata/library"}},
		run{"tests.json", []string{"rules", "test", "--format", "json", "--run", "fund", nationalArea}})
	for _, r := range runs {
		t.Run(strings.Join(r.args, " "), func(t *testing.T) {
			_, out, errs := compactRun(r.args...)
			require.True(t, json.Valid([]byte(out)), "%s", errs)
			validateJSON(t, schemas[r.schema], out)
		})
	}

	// The schema says what the output is: the bare array of findings that
	// schema/findings.json once described is refused.
	_, out, _ := compactRun("check", "--format", "json", kirklees)
	var env struct {
		Areas []struct {
			Findings json.RawMessage `json:"findings"`
		} `json:"areas"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &env))
	bare, err := jsv.UnmarshalJSON(bytes.NewReader(env.Areas[0].Findings))
	require.NoError(t, err)
	assert.Error(t, schemas["findings.json"].Validate(bare))
	wrong, err := jsv.UnmarshalJSON(strings.NewReader(strings.Replace(out, `"outcome": "fail"`, `"outcome": "failed"`, 1)))
	require.NoError(t, err)
	assert.Error(t, schemas["findings.json"].Validate(wrong), "an outcome the findings do not have is refused")
	// Outputs may gain fields within v1, so their schemas allow fields
	// they do not name (documents, read strictly, do not).
}
