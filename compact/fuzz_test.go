package compact_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/compactkit/compactkit/compact"
)

// FuzzParse feeds arbitrary bytes to the parser, the strict decoder and the
// area checks. Whatever the input, they must return errors, never panic, and
// every error must carry the file name.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"testdata/errors/*", "testdata/area/*", "testdata/base/*"} {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("apiVersion: compactkit/v1\nkind: Records\nfunding: [{id: x, decided: 2024-02-29, amount: 1e308}]\n"))
	f.Add([]byte("{\"apiVersion\":\"compactkit/v1\",\"kind\":\"Compact\",\"parameters\":{\"a\":1}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := compact.Parse("fuzz.yaml", data)
		for _, e := range compact.AsErrors(err) {
			if e.Pos.File != "fuzz.yaml" {
				t.Fatalf("error without the file name: %v", e)
			}
		}
		for _, d := range docs {
			var c compact.Compact
			_ = d.Decode(&c)
			var dir compact.Directory
			_ = d.Decode(&dir)
			var r compact.Records
			_ = d.Decode(&r)
		}
		if a, err := compact.NewArea(docs); err == nil && a.Compact != nil {
			_ = a.Signatories(compact.MustParseDate("2024-01-01"))
		}
	})
}
