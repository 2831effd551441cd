package schema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v3"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/schema"
)

// documentFolders are walked for documents to validate: every example area,
// and the test areas of package compact.
var documentFolders = []string{
	filepath.Join("..", "examples"),
	filepath.Join("..", "compact", "testdata", "area"),
	filepath.Join("..", "compact", "testdata", "base"),
	filepath.Join("..", "plan", "testdata", "drafts"),
}

// compile compiles every published schema with an independent validator,
// asserting formats (so that "date" is checked, not only annotated) or not
// (as many validators do by default).
func compile(assertFormat bool) (map[string]*jsv.Schema, error) {
	c := jsv.NewCompiler()
	c.DefaultDraft(jsv.Draft2020)
	if assertFormat {
		c.AssertFormat()
	}
	for _, k := range schema.Kinds() {
		b, err := schema.Published(k)
		if err != nil {
			return nil, err
		}
		doc, err := jsv.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k.File, err)
		}
		if err := c.AddResource(k.ID, doc); err != nil {
			return nil, err
		}
	}
	out := map[string]*jsv.Schema{}
	for _, k := range schema.Kinds() {
		s, err := c.Compile(k.ID)
		if err != nil {
			return nil, fmt.Errorf("%s does not compile: %w", k.File, err)
		}
		out[k.Name] = s
	}
	return out, nil
}

var (
	strict  = sync.OnceValues(func() (map[string]*jsv.Schema, error) { return compile(true) })
	lenient = sync.OnceValues(func() (map[string]*jsv.Schema, error) { return compile(false) })
)

// compiled returns the schemas compiled to assert formats.
func compiled(t *testing.T) map[string]*jsv.Schema {
	t.Helper()
	v, err := strict()
	require.NoError(t, err)
	return v
}

// compiledWithoutFormats returns the schemas compiled to leave formats
// unchecked, as many validators and editors do.
func compiledWithoutFormats(t *testing.T) map[string]*jsv.Schema {
	t.Helper()
	v, err := lenient()
	require.NoError(t, err)
	return v
}

// yamlDoc is one document of a YAML stream, as JSON values.
type yamlDoc struct {
	kind     string
	line     int
	value    any
	modeline string // the schema named by a yaml-language-server comment in the document, if any
}

var (
	decimal   = regexp.MustCompile(`^-?[0-9]+$`)
	modeline  = regexp.MustCompile(`^#\s*yaml-language-server:\s*\$schema=(\S+)`)
	separator = regexp.MustCompile(`^---(?:[ \t]|$)`)
)

// modelines returns, for each part of a YAML stream (one per document, as
// schema.Annotate splits it), its first line and the schema named by a
// yaml-language-server comment in it.
func modelines(data []byte) (starts []int, schemas []string) {
	starts, schemas = []int{1}, []string{""}
	var content bool
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimRight(l, "\r")
		switch trimmed := strings.TrimSpace(l); {
		case separator.MatchString(l):
			if content {
				starts, schemas, content = append(starts, i+1), append(schemas, ""), false
			}
		case trimmed != "" && trimmed[0] != '#' && l[0] != '%':
			content = true
		}
		if m := modeline.FindStringSubmatch(l); m != nil {
			schemas[len(schemas)-1] = m[1]
		}
	}
	return starts, schemas
}

// yamlDocs converts every document of a YAML stream to JSON values: the
// reading an editor or a YAML-to-JSON tool does. Documents holding only
// comments are skipped, as the loader skips them.
func yamlDocs(data []byte) ([]yamlDoc, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	starts, schemas := modelines(data)
	var out []yamlDoc
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return nil, err
		}
		if len(n.Content) == 0 || (n.Content[0].Kind == yaml.ScalarNode && n.Content[0].Tag == "!!null") {
			continue
		}
		v, err := toJSON(n.Content[0])
		if err != nil {
			return nil, err
		}
		d := yamlDoc{line: n.Content[0].Line, value: v}
		if m, ok := v.(map[string]any); ok {
			d.kind, _ = m["kind"].(string)
		}
		for i, start := range starts {
			if start <= d.line {
				d.modeline = schemas[i]
			}
		}
		out = append(out, d)
	}
}

// documents converts the documents of a file to JSON values: a JSON file
// as it is, a YAML file with yamlDocs.
func documents(name string, data []byte) ([]yamlDoc, error) {
	if !strings.EqualFold(filepath.Ext(name), ".json") {
		return yamlDocs(data)
	}
	inst, err := jsv.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	m, _ := inst.(map[string]any)
	kind, _ := m["kind"].(string)
	return []yamlDoc{{kind: kind, line: 1, value: inst}}, nil
}

// toJSON converts a YAML node to the values encoding/json would give for the
// equivalent JSON: a timestamp is a string, numbers are json.Number.
func toJSON(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := toJSON(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := toJSON(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		return strconv.ParseBool(n.Value)
	case "!!int":
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil {
			if !decimal.MatchString(n.Value) {
				return nil, fmt.Errorf("line %d: integer %s has no JSON form here", n.Line, n.Value)
			}
			return json.Number(n.Value), nil // beyond 64 bits: JSON has no limit
		}
		return json.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("line %d: %s has no JSON form", n.Line, n.Value)
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil // strings, timestamps, custom tags
}

// documentFiles lists the document files under the folders, as the loader
// finds them: .yaml, .yml and .json, skipping hidden folders and testdata.
func documentFiles(t *testing.T, roots ...string) []string {
	t.Helper()
	var files []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".yaml", ".yml", ".json":
				files = append(files, p)
			}
			return nil
		})
		require.NoError(t, err)
	}
	return files
}

// TestDocumentsValidate validates every example document, and the test areas
// of package compact, against the schema of its kind and against the
// any-document schema, with an independent validator.
func TestDocumentsValidate(t *testing.T) {
	v := compiled(t)
	files := documentFiles(t, documentFolders...)
	require.NotEmpty(t, files)
	var n int
	for _, file := range files {
		t.Run(filepath.ToSlash(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			docs, err := documents(file, data)
			require.NoError(t, err)
			for _, d := range docs {
				n++
				k, err := schema.ForDocument(compact.Kind(d.kind))
				require.NoError(t, err, "%s:%d", file, d.line)
				assert.NoError(t, v[k.Name].Validate(d.value), "%s:%d against %s", file, d.line, k.File)
				assert.NoError(t, v["document"].Validate(d.value), "%s:%d against document.json", file, d.line)
				if d.modeline != "" {
					assert.True(t, strings.HasSuffix(d.modeline, "/"+k.File) || d.modeline == k.File,
						"%s:%d: the yaml-language-server line names %s, but the document is a %s (%s)", file, d.line, d.modeline, d.kind, k.File)
				} else if strings.HasPrefix(file, filepath.Join("..", "examples")) {
					// Every example document names its schema, so editors check it as it is typed.
					t.Errorf("%s:%d: no yaml-language-server line; run: go run ./cmd/compact schema --annotate --ref schema examples", file, d.line)
				}
			}
		})
	}
	assert.Positive(t, n)
}

// TestExamplesAreCompactDocuments checks the walk finds what the loader
// finds, so that a document the loader reads is never skipped here.
func TestExamplesAreCompactDocuments(t *testing.T) {
	for _, root := range documentFolders {
		docs, err := compact.ReadDir(root)
		require.NoError(t, err)
		var ours int
		for _, f := range documentFiles(t, root) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			if strings.EqualFold(filepath.Ext(f), ".json") {
				ours++
				continue
			}
			d, err := yamlDocs(data)
			require.NoError(t, err)
			ours += len(d)
		}
		assert.Equal(t, len(docs), ours, root)
	}
}
