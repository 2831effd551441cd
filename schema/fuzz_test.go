package schema_test

import (
	"testing"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/schema"
)

// FuzzAnnotate checks that Annotate never panics, and that what it writes
// holds the same documents and is left alone by a second run.
func FuzzAnnotate(f *testing.F) {
	f.Add([]byte(compactHead))
	f.Add([]byte("# c\n---\n" + recordsHead + "---\n# only comments\n---\n" + directoryHead))
	f.Add([]byte("# yaml-language-server: $schema=x\r\n" + compactHead + "vision: |\n  ---\n"))
	f.Add([]byte("--- {apiVersion: compactkit/v1, kind: Directory}\n"))
	f.Add([]byte(compactHead + "vision: \"a\n# yaml-language-server: x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := schema.Annotate("f.yaml", data, byFile)
		if err != nil {
			return
		}
		before, err := compact.Parse("f.yaml", data)
		if err != nil {
			t.Fatalf("Annotate accepted what Parse refuses: %v", err)
		}
		after, err := compact.Parse("f.yaml", out)
		if err != nil {
			t.Fatalf("annotated text does not parse: %v\n%q", err, out)
		}
		if len(before) != len(after) {
			t.Fatalf("%d documents became %d:\n%q", len(before), len(after), out)
		}
		for i := range before {
			if before[i].Kind != after[i].Kind || before[i].ID != after[i].ID {
				t.Fatalf("document %d changed:\n%q", i, out)
			}
		}
		again, err := schema.Annotate("f.yaml", out, byFile)
		if err != nil || string(again) != string(out) {
			t.Fatalf("a second run changed it (%v):\n%q\n%q", err, out, again)
		}
	})
}
