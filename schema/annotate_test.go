package schema_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/schema"
)

// byFile names a schema by its file name, as a path in the same folder.
func byFile(k schema.Kind) string { return "schemas/" + k.File }

func TestAnnotate(t *testing.T) {
	const line = "# yaml-language-server: $schema=schemas/"
	cases := []struct {
		name, in, want string
	}{
		{"plain document",
			compactHead,
			line + "compact.json\n" + compactHead},
		{"leading comments stay under the line",
			"# The Town Compact.\n\n" + compactHead,
			line + "compact.json\n# The Town Compact.\n\n" + compactHead},
		{"a line naming another schema is replaced",
			line + "old.json\n# Town.\n" + compactHead,
			line + "compact.json\n# Town.\n" + compactHead},
		{"a line further down moves to the top",
			"# Town.\n#  yaml-language-server:  $schema=x.json\n" + directoryHead,
			line + "directory.json\n# Town.\n" + directoryHead},
		{"every document of a stream gets its own line",
			compactHead + "---\n# Records.\n" + recordsHead + "--- # the directory\n" + directoryHead,
			line + "compact.json\n" + compactHead + "---\n" + line + "records.json\n# Records.\n" + recordsHead +
				"--- # the directory\n" + line + "directory.json\n" + directoryHead},
		{"a document of comments only is left alone",
			compactHead + "---\n# nothing yet\n",
			line + "compact.json\n" + compactHead + "---\n# nothing yet\n"},
		{"a stream that starts with ---",
			"---\n" + recordsHead,
			line + "records.json\n---\n" + recordsHead},
		{"a stream that starts with comments and ---",
			"# Town.\n\n---\n" + recordsHead + "---\n" + directoryHead,
			line + "records.json\n# Town.\n\n---\n" + recordsHead + "---\n" + line + "directory.json\n" + directoryHead},
		{"Windows line ends",
			strings.ReplaceAll(compactHead, "\n", "\r\n"),
			line + "compact.json\r\n" + strings.ReplaceAll(compactHead, "\n", "\r\n")},
		{"no line end at the end",
			strings.TrimSuffix(recordsHead, "\n"),
			line + "records.json\n" + strings.TrimSuffix(recordsHead, "\n")},
		{"a block of text with --- inside is not a separator",
			compactHead + "vision: |\n  --- not a separator when indented\n",
			line + "compact.json\n" + compactHead + "vision: |\n  --- not a separator when indented\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := schema.Annotate("town.yaml", []byte(tc.in), byFile)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))

			again, err := schema.Annotate("town.yaml", got, byFile)
			require.NoError(t, err)
			assert.Equal(t, string(got), string(again), "annotating twice changes nothing")

			before, err := compact.Parse("town.yaml", []byte(tc.in))
			require.NoError(t, err)
			after, err := compact.Parse("town.yaml", got)
			require.NoError(t, err)
			require.Len(t, after, len(before), "the documents are the same")
			for i := range before {
				assert.Equal(t, before[i].Kind, after[i].Kind)
			}

			docs, err := yamlDocs(got)
			require.NoError(t, err)
			for _, d := range docs {
				k, err := schema.ForDocument(compact.Kind(d.kind))
				require.NoError(t, err)
				assert.Equal(t, byFile(k), d.modeline, "the validator test finds the line of each document")
			}
		})
	}
}

func TestAnnotateErrors(t *testing.T) {
	// A kind compact knows that has no schema yet, while there is one.
	var pending compact.Kind
	for _, k := range compact.Kinds() {
		if _, err := schema.ForDocument(k); err != nil {
			pending = k
			break
		}
	}
	cases := []struct{ name, file, in, want string }{
		{"JSON", "town.json", `{"apiVersion": "compactkit/v1"}`, "JSON has no comments"},
		{"not YAML", "town.yaml", "a: [\n", "did not find expected node content"},
		{"bad header", "town.yaml", "apiVersion: compactkit/v9\nkind: Compact\n", "unsupported apiVersion"},
		{"the comment inside a quoted value", "town.yaml", compactHead + "vision: \"a\n# yaml-language-server: x\"\n", "cannot be written without changing a value"},
		{"kind without a schema", "town.yaml", compactHead + "---\napiVersion: compactkit/v1\nkind: " + string(pending) + "\n", "no schema for document kind " + string(pending)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if pending == "" && tc.name == "kind without a schema" {
				t.Skip("every kind has a schema")
			}
			_, err := schema.Annotate(tc.file, []byte(tc.in), byFile)
			assert.ErrorContains(t, err, tc.want)
		})
	}
}
