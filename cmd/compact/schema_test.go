package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/schema"
)

func TestSchemaList(t *testing.T) {
	code, out, errb := compactRun("schema")
	require.Equal(t, exitOK, code, errb)
	for _, k := range schema.Kinds() {
		assert.Contains(t, out, k.Name)
		assert.Contains(t, out, k.ID)
	}

	code, out, _ = compactRun("schema", "--format", "json")
	require.Equal(t, exitOK, code)
	var got struct {
		Schemas []schema.ListedKind `json:"schemas"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got.Schemas, len(schema.Kinds()))
	assert.Equal(t, schema.ListedKind{Name: "Compact", File: "compact.json", ID: schema.BaseURL + "compact.json", Document: true}, got.Schemas[0])
}

func TestSchemaPrint(t *testing.T) {
	for _, name := range []string{"Compact", "compact", "compact.json"} {
		code, out, errb := compactRun("schema", name)
		require.Equal(t, exitOK, code, errb)
		want, err := os.ReadFile(filepath.Join("..", "..", "schema", "compact.json"))
		require.NoError(t, err)
		assert.Equal(t, string(want), out)
	}
}

func TestSchemaWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "schemas")
	code, out, errb := compactRun("schema", "-o", dir)
	require.Equal(t, exitOK, code, errb)
	for _, k := range schema.Kinds() {
		assert.Contains(t, out, filepath.Join(dir, k.File))
		got, err := os.ReadFile(filepath.Join(dir, k.File))
		require.NoError(t, err)
		want, err := schema.Published(k)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}

	one := t.TempDir()
	code, _, errb = compactRun("schema", "records", "-o", one)
	require.Equal(t, exitOK, code, errb)
	files, err := os.ReadDir(one)
	require.NoError(t, err)
	require.Len(t, files, 1)
	assert.Equal(t, "records.json", files[0].Name())

	blocked := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(blocked, nil, 0o644))
	code, _, errb = compactRun("schema", "-o", filepath.Join(blocked, "sub"))
	assert.Equal(t, exitIO, code)
	assert.NotEmpty(t, errb)
}

func TestSchemaUsage(t *testing.T) {
	cases := []struct {
		args []string
		err  string
	}{
		{[]string{"schema", "nope"}, `unknown kind "nope"`},
		{[]string{"schema", "compact", "records"}, "print one KIND at a time"},
		{[]string{"schema", "--annotate"}, "--annotate needs at least one PATH"},
		{[]string{"schema", "--annotate", "-o", "x", "y"}, "do not go together"},
		{[]string{"schema", "--ref", "x"}, "go with --annotate"},
		{[]string{"schema", "--check"}, "go with --annotate"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errb := compactRun(tc.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errb, tc.err)
		})
	}
}

const townCompact = "# Town.\napiVersion: compactkit/v1\nkind: Compact\nid: town\ntitle: Town\n"

// area writes a small area to annotate and returns its folder.
func area(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "town", "more"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "town", "testdata"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "schemas"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "incomplete"), 0o755))
	files := map[string]string{
		"town/compact.yaml":       townCompact,
		"town/more/records.yml":   "apiVersion: compactkit/v1\nkind: Records\n---\napiVersion: compactkit/v1\nkind: Directory\n",
		"town/directory.json":     `{"apiVersion": "compactkit/v1", "kind": "Directory"}`,
		"town/testdata/bad.yaml":  "not: [a document\n",
		"town/notes.txt":          "not a document\n",
		"town/.hidden.yaml":       "not: [a document\n",
		"incomplete/compact.json": "{}",
	}
	for _, k := range schema.Kinds() {
		files["schemas/"+k.File] = "{}"
	}
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644))
	}
	return dir
}

func TestSchemaAnnotate(t *testing.T) {
	dir := area(t)
	town := filepath.Join(dir, "town")

	code, out, errb := compactRun("schema", "--annotate", "--check", town)
	assert.Equal(t, exitFindings, code, errb)
	assert.Contains(t, out, "2 files to annotate, 0 already current")
	data, err := os.ReadFile(filepath.Join(town, "compact.yaml"))
	require.NoError(t, err)
	assert.Equal(t, townCompact, string(data), "--check changes nothing")

	code, out, errb = compactRun("schema", "--annotate", "--ref", filepath.Join(dir, "schemas"), town)
	require.Equal(t, exitOK, code, errb)
	assert.Contains(t, out, "annotated "+filepath.Join(town, "compact.yaml"))
	assert.Contains(t, out, "2 files annotated, 0 already current")
	data, err = os.ReadFile(filepath.Join(town, "compact.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "# yaml-language-server: $schema=../schemas/compact.json\n"+townCompact, string(data))
	data, err = os.ReadFile(filepath.Join(town, "more", "records.yml"))
	require.NoError(t, err)
	assert.Equal(t, "# yaml-language-server: $schema=../../schemas/records.json\napiVersion: compactkit/v1\nkind: Records\n---\n"+
		"# yaml-language-server: $schema=../../schemas/directory.json\napiVersion: compactkit/v1\nkind: Directory\n", string(data))

	code, out, _ = compactRun("schema", "--annotate", "--ref", filepath.Join(dir, "schemas"), "--check", town)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "0 files to annotate, 2 already current")

	code, _, errb = compactRun("schema", "--annotate", "--ref", "https://example.org/schemas/", filepath.Join(town, "compact.yaml"))
	require.Equal(t, exitOK, code, errb)
	data, err = os.ReadFile(filepath.Join(town, "compact.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "# yaml-language-server: $schema=https://example.org/schemas/compact.json\n"+townCompact, string(data))

	code, _, errb = compactRun("schema", "--annotate", filepath.Join(town, "compact.yaml"))
	require.Equal(t, exitOK, code, errb)
	data, err = os.ReadFile(filepath.Join(town, "compact.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "# yaml-language-server: $schema="+schema.BaseURL+"compact.json\n"+townCompact, string(data), "the published URL by default")
}

func TestSchemaAnnotateProblems(t *testing.T) {
	dir := area(t)
	town := filepath.Join(dir, "town")

	code, out, errb := compactRun("schema", "--annotate", "--ref", filepath.Join(dir, "incomplete"), town)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errb, "records.yml: "+filepath.Join(dir, "incomplete")+" has no records.json; write the schemas there first")
	assert.Contains(t, out, "1 file annotated, 0 already current, 1 could not be annotated")

	code, out, errb = compactRun("schema", "--annotate", filepath.Join(town, "directory.json"), filepath.Join(town, "testdata", "bad.yaml"), town)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errb, "JSON has no comments")
	assert.Contains(t, errb, "bad.yaml:2")
	assert.Contains(t, out, "2 files annotated, 0 already current, 2 could not be annotated")

	code, _, errb = compactRun("schema", "--annotate", filepath.Join(dir, "missing"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errb, "missing")
}
