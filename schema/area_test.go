package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/schema"
)

// areaSchemas compiles an example area's schemas with an independent
// validator.
func areaSchemas(t *testing.T, area string) map[string]*jsv.Schema {
	t.Helper()
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.LoadArea(filepath.Join("..", "examples", area), compact.WithLibrary(lib))
	require.NoError(t, err)
	files, err := schema.AreaSchemas(a)
	require.NoError(t, err)
	c := jsv.NewCompiler()
	c.DefaultDraft(jsv.Draft2020)
	c.AssertFormat()
	out := map[string]*jsv.Schema{}
	for name, b := range files {
		doc, err := jsv.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err)
		url := "https://compactkit.org/schema/v1/areas/" + area + "/" + name
		require.NoError(t, c.AddResource(url, doc))
		s, err := c.Compile(url)
		require.NoError(t, err, name)
		out[name] = s
	}
	return out
}

func TestAreaSchemas(t *testing.T) {
	generic := compiled(t)
	cases := []struct {
		name, area, file, old, new string
		schema                     string // area schema file; the generic one is the kind's
		areaValid, genericValid    bool   // valid against the area's schema, the generic one
		want                       string // in the area schema's error
	}{
		{"the records as written", "riverford", "records.yaml", "", "", "records.json", true, true, ""},
		{"the pack as written", "riverford", "rules.yaml", "", "", "rule-pack.json", true, true, ""},
		{"every document as written", "riverford", "compact.yaml", "", "", "document.json", true, true, ""},
		{"a misspelt fact", "riverford", "records.yaml", "meetingOffered: 2024-05-13", "meetingOfered: 2024-05-13", "records.json", false, true, "meetingOfered"},
		{"a fact of the wrong type", "riverford", "records.yaml", "meetingOffered: 2024-05-13", "meetingOffered: 3", "records.json", false, true, "meetingOffered"},
		{"an enum fact out of its values", "riverford", "records.yaml", "decidedBy: cabinet", "decidedBy: cabnet", "records.json", false, true, "decidedBy"},
		{"a misspelt fact in a pack test", "riverford", "rules.yaml", "facts: {meetingOffered: 2024-05-13", "facts: {meetingOfered: 2024-05-13", "rule-pack.json", false, true, "meetingOfered"},
		{"the compact as written", "kent", "compact.yaml", "", "", "compact.json", true, true, ""},
		{"a misspelt parameter", "kent", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonth: 6", "compact.json", false, true, "fundingNoticeMonth"},
		{"a string where a number is due", "kent", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonths: three", "compact.json", false, true, "fundingNoticeMonths"},
		{"a negative notice period", "kent", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonths: -3", "compact.json", false, true, "fundingNoticeMonths"},
		{"a pack override out of range", "kent", "rules.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonths: 60", "rule-pack.json", false, true, "fundingNoticeMonths"},
		{"the document schema says the same", "kent", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonth: 6", "document.json", false, true, "fundingNoticeMonth"},
	}
	schemas := map[string]map[string]*jsv.Schema{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if schemas[tc.area] == nil {
				schemas[tc.area] = areaSchemas(t, tc.area)
			}
			b, err := os.ReadFile(filepath.Join("..", "examples", tc.area, tc.file))
			require.NoError(t, err)
			src := string(b)
			if tc.old != "" {
				require.Contains(t, src, tc.old)
				src = strings.Replace(src, tc.old, tc.new, 1)
			}
			docs, err := documents(tc.file, []byte(src))
			require.NoError(t, err)
			require.Len(t, docs, 1)
			err = schemas[tc.area][tc.schema].Validate(docs[0].value)
			if tc.areaValid {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
				require.Contains(t, err.Error(), tc.want)
			}
			kind, err := schema.ForDocument(compact.Kind(docs[0].kind))
			require.NoError(t, err)
			gerr := generic[kind.Name].Validate(docs[0].value)
			if tc.genericValid {
				require.NoError(t, gerr, "the generic schema keeps facts and parameters open")
			} else {
				require.Error(t, gerr)
			}
		})
	}
}
