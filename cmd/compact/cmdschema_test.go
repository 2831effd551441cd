package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaRun is one command line whose JSON output a schema describes.
type schemaRun struct {
	schema string
	args   []string
	code   int
}

// commandSchemaRuns lists, for every example area, the command lines of
// validate, rules explain, roles, roles contact, consultations, dispute
// show|due|verify and schema, and the invalid-input shape of several
// commands.
func commandSchemaRuns(t *testing.T) []schemaRun {
	t.Helper()
	runs := []schemaRun{
		{"schemas.json", []string{"schema", "--format", "json"}, exitOK},
		{"validation.json", []string{"validate", "--format", "json", "testdata/misspelt", kirklees}, exitInvalid},
		{"rule-explanation.json", []string{"rules", "explain", "--format", "json", base, "funding-notice", "testdata/town"}, exitOK},
	}
	for _, args := range [][]string{
		{"report", "--format", "json"}, {"roles", "--format", "json"}, {"roles", "contact", "--format", "json", "kirklees-council"},
		{"consultations", "--format", "json"}, {"dispute", "due", "--format", "json"}, {"dispute", "verify", "--format", "json"},
		{"dispute", "show", "--format", "json", "testdata/misspelt", "some-case"}, {"rules", "explain", "--format", "json", "some-rule"},
	} {
		if args[len(args)-1] != "some-case" {
			args = append(args, "testdata/misspelt")
		}
		runs = append(runs, schemaRun{"invalid.json", args, exitInvalid})
	}
	// An area with no dispute procedure is invalid input to the dispute
	// commands.
	runs = append(runs, schemaRun{"invalid.json", []string{"dispute", "due", "--format", "json", lincolnshire}, exitInvalid})
	for _, dir := range exampleAreas(t) {
		runs = append(runs,
			schemaRun{"validation.json", []string{"validate", "--format", "json", dir}, exitOK},
			schemaRun{"roles.json", []string{"roles", "--format", "json", dir}, exitOK},
			schemaRun{"roles.json", []string{"roles", "--format", "json", "--as-of", "2013-06-30", "--within", "400", dir}, exitOK},
			schemaRun{"consultations.json", []string{"consultations", "--format", "json", dir}, exitOK},
			schemaRun{"consultations.json", []string{"consultations", "--format", "json", "--open", "--as-of", "2014-03-20", dir}, exitOK},
		)
		for _, org := range firstOrganisations(t, dir, 2) {
			// exit 1 when no one is a contact: the JSON says so.
			runs = append(runs, schemaRun{"roles-contact.json", []string{"roles", "contact", "--format", "json", org, dir}, -1})
		}
		for _, rule := range firstRules(t, dir, 3) {
			runs = append(runs, schemaRun{"rule-explanation.json", []string{"rules", "explain", "--format", "json", rule, dir}, exitOK})
		}
		cases, _ := filepath.Glob(filepath.Join(dir, "disputes", "*.yaml"))
		if len(cases) > 0 {
			// exit 1 when a deadline has passed.
			runs = append(runs,
				schemaRun{"dispute-verification.json", []string{"dispute", "verify", "--format", "json", dir}, exitOK},
				schemaRun{"dispute-due.json", []string{"dispute", "due", "--format", "json", "--as-of", "2014-03-31", dir}, -1},
				schemaRun{"dispute-due.json", []string{"dispute", "due", "--format", "json", "--as-of", "2000-01-01", dir}, exitOK})
		}
		for _, f := range cases {
			id := strings.TrimSuffix(filepath.Base(f), ".yaml")
			if id == "keys" {
				continue
			}
			runs = append(runs,
				schemaRun{"dispute-case.json", []string{"dispute", "show", "--format", "json", dir, id}, exitOK},
				schemaRun{"dispute-case.json", []string{"dispute", "show", "--format", "json", "--as-of", "2000-01-01", dir, id}, exitOK})
		}
	}
	return runs
}

// firstOrganisations returns the ids of up to n organisations holding a
// role in an area, from its roles output.
func firstOrganisations(t *testing.T, dir string, n int) []string {
	t.Helper()
	_, out, _ := compactRun("roles", "--format", "json", dir)
	var snap struct {
		Roles []struct {
			Holders []struct {
				Organisation string `json:"organisation"`
			} `json:"holders"`
		} `json:"roles"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &snap))
	var ids []string
	seen := map[string]bool{}
	for _, r := range snap.Roles {
		for _, h := range r.Holders {
			if h.Organisation != "" && !seen[h.Organisation] && len(ids) < n {
				seen[h.Organisation] = true
				ids = append(ids, h.Organisation)
			}
		}
	}
	return ids
}

// firstRules returns up to n rule ids of an area's pack, from its check
// output.
func firstRules(t *testing.T, dir string, n int) []string {
	t.Helper()
	_, out, _ := compactRun("check", "--format", "json", dir)
	var env struct {
		Areas []struct {
			Findings []struct {
				Rule string `json:"rule"`
			} `json:"findings"`
		} `json:"areas"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &env))
	var ids []string
	seen := map[string]bool{}
	for _, a := range env.Areas {
		for _, f := range a.Findings {
			if f.Rule != "" && !seen[f.Rule] && len(ids) < n {
				seen[f.Rule] = true
				ids = append(ids, f.Rule)
			}
		}
	}
	return ids
}

// TestCommandJSONMatchesItsSchema validates the real JSON output of every
// command that prints JSON, on every example area, against its published
// schema; then, per schema, a mutated output must be refused.
func TestCommandJSONMatchesItsSchema(t *testing.T) {
	schemas := publishedSchemas(t)
	outputs := map[string]string{} // schema file -> one real output
	for _, r := range commandSchemaRuns(t) {
		t.Run(strings.Join(r.args, " "), func(t *testing.T) {
			code, out, errs := compactRun(r.args...)
			if r.code >= 0 {
				require.Equal(t, r.code, code, "%s", errs)
			}
			require.True(t, json.Valid([]byte(out)), "%s", errs)
			require.Contains(t, schemas, r.schema)
			validateJSON(t, schemas[r.schema], out)
			if _, ok := outputs[r.schema]; !ok || strings.Count(out, "\n") > strings.Count(outputs[r.schema], "\n") {
				outputs[r.schema] = out // the longest, to mutate
			}
		})
	}

	// Each mutation breaks a property the schema names: a wrong type, a
	// missing required field or a value outside an enumeration.
	mutations := []struct {
		schema string
		mutate func(map[string]any)
	}{
		{"schemas.json", func(v map[string]any) { v["schemas"].([]any)[0].(map[string]any)["document"] = "yes" }},
		{"validation.json", func(v map[string]any) { v["areas"].([]any)[0].(map[string]any)["counts"] = []any{1} }},
		{"invalid.json", func(v map[string]any) { delete(v["problems"].([]any)[0].(map[string]any), "code") }},
		{"invalid.json", func(v map[string]any) { v["valid"] = true }},
		{"rule-explanation.json", func(v map[string]any) { v["rule"].(map[string]any)["severity"] = "fatal" }},
		{"roles.json", func(v map[string]any) { v["within"] = "thirty" }},
		{"roles-contact.json", func(v map[string]any) { v["options"].([]any)[0].(map[string]any)["basis"] = "friend" }},
		{"consultations.json", func(v map[string]any) { v["asOf"] = "31 March 2014" }},
		{"dispute-case.json", func(v map[string]any) { delete(v, "state") }},
		{"dispute-due.json", func(v map[string]any) { v["cases"] = "3" }},
		{"dispute-verification.json", func(v map[string]any) { v["cases"] = map[string]any{} }},
		{"dispute-verification.json", func(v map[string]any) { v["verified"] = false }},
	}
	for _, m := range mutations {
		t.Run("mutated "+m.schema, func(t *testing.T) {
			out, ok := outputs[m.schema]
			require.True(t, ok, "a run validated %s", m.schema)
			var v map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &v))
			m.mutate(v)
			b, err := json.Marshal(v)
			require.NoError(t, err)
			inst, err := jsv.UnmarshalJSON(strings.NewReader(string(b)))
			require.NoError(t, err)
			assert.Error(t, schemas[m.schema].Validate(inst))
		})
	}
}

// TestDisputeWritesMatchTheirSchemas replays the example cases with
// --format json and validates what open and apply print, then what a
// refused event and a case that already exists print; a mutated output of
// each is refused.
func TestDisputeWritesMatchTheirSchemas(t *testing.T) {
	schemas := publishedSchemas(t)
	applied, refused := schemas["dispute-applied.json"], schemas["dispute-refused.json"]
	require.NotNil(t, applied)
	require.NotNil(t, refused)
	var last string
	for region, steps := range exampleSteps {
		area := copyArea(t, filepath.Join("..", "..", "examples", region))
		for _, s := range steps {
			sub := "apply"
			if strings.HasSuffix(s, "-raised") {
				sub = "open"
			}
			code, out, errs := compactRun("dispute", sub, "--format", "json", "--key", exampleKey, area, filepath.Join(eventsDir, region, s+".yaml"))
			require.Equal(t, exitOK, code, "%s: %s", s, errs)
			validateJSON(t, applied, out)
			last = out
		}
		// Opening the first case again: it exists.
		code, out, _ := compactRun("dispute", "open", "--format", "json", "--key", exampleKey, area, filepath.Join(eventsDir, region, steps[0]+".yaml"))
		require.Equal(t, exitFindings, code)
		validateJSON(t, refused, out)
		assert.NotContains(t, out, `"index"`, "a case that exists is not a refused event")
	}
	t.Setenv(keyEnv, mustRead(t, exampleKey))
	area, _ := caseAtReview(t)
	event := eventFile(t, "type: reviewer-nominated\nat: 2013-12-02T10:00:00Z\nactor: {person: sarah-whitworth}\nperson: mark-ellison\n")
	code, out, _ := compactRun("dispute", "apply", "--format", "json", area, event)
	require.Equal(t, exitFindings, code)
	validateJSON(t, refused, out)
	assert.Contains(t, out, `"index": 7`, "the 8th event, from 0")

	for _, m := range []struct {
		schema *jsv.Schema
		out    string
		key    string
		value  any
	}{
		{applied, last, "applied", "all of them"},
		{refused, out, "refused", false},
		{refused, out, "index", "8"},
	} {
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(m.out), &v))
		v[m.key] = m.value
		b, err := json.Marshal(v)
		require.NoError(t, err)
		inst, err := jsv.UnmarshalJSON(strings.NewReader(string(b)))
		require.NoError(t, err)
		assert.Error(t, m.schema.Validate(inst), "%s: %v", m.key, m.value)
	}
}
