package examples_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
)

func ExampleStarter() {
	files, err := examples.Starter("market-town", "")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		first, _, _ := strings.Cut(string(f.Data), "\n")
		fmt.Printf("%s: %s\n", f.Path, first)
	}
	// Output:
	// .compactignore: # Files and folders of this area that are not compact documents: loading
	// compact.yaml: # yaml-language-server: $schema=https://compactkit.org/schema/v1/compact.json
	// directory.yaml: # yaml-language-server: $schema=https://compactkit.org/schema/v1/directory.json
	// records.yaml: # yaml-language-server: $schema=https://compactkit.org/schema/v1/records.json
	// rules.yaml: # yaml-language-server: $schema=https://compactkit.org/schema/v1/rule-pack.json
}

func TestStarterLoads(t *testing.T) {
	lib, err := examples.Library()
	require.NoError(t, err)
	for _, from := range append([]string{""}, examples.Areas()...) {
		t.Run("from "+from, func(t *testing.T) {
			files, err := examples.Starter("Market Town", from)
			require.NoError(t, err)
			var docs []*compact.Document
			for _, f := range files {
				assert.NotContains(t, string(f.Data), "$schema=../", "%s names a schema by a relative path", f.Path)
				if ext := filepath.Ext(f.Path); f.Path == compact.IgnoreFile || ext != ".yaml" && ext != ".yml" && ext != ".json" {
					continue // not a document: the ignore list, a dispute checkpoint log
				}
				d, err := compact.Parse(f.Path, f.Data)
				require.NoError(t, err)
				docs = append(docs, d...)
			}
			if from == "" {
				a, err := compact.NewArea(docs, compact.WithLibrary(lib))
				require.NoError(t, err)
				assert.Equal(t, "market-town", a.Compact.ID)
				assert.Equal(t, "The Market Town Compact", a.Compact.Title)
			}
		})
	}
	_, err = examples.Starter("x", "kirklee")
	require.ErrorContains(t, err, `did you mean "kirklees"?`)
}
