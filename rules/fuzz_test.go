package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// FuzzParsePack reads arbitrary bytes as a document file: decoding,
// resolving and compiling a rule pack, then running its tests and checking
// the area, must never panic, whatever the input. Seeds are every pack in
// testdata and the national pack.
func FuzzParsePack(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.yaml")
	seeds = append(seeds, "../examples/national/rules.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("apiVersion: compactkit/v1\nkind: RulePack\nid: x\ntitle: x\nrules:\n  - {id: r, title: r, enforces: [c], on: funding, severity: breach, check: 'funding.amount > 1', message: \"'m'\"}\n"))
	deep := strings.Repeat("(", 40) + "true" + strings.Repeat(")", 40)
	f.Add([]byte("apiVersion: compactkit/v1\nkind: RulePack\nid: x\ntitle: x\nrules:\n  - {id: r, title: r, enforces: [c], on: funding, severity: breach, check: '" + deep + "', message: \"'m'\"}\n"))
	lib := library(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 10*time.Second {
				t.Fatalf("took %v", d)
			}
		}()
		docs, err := compact.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		for _, d := range docs {
			if d.Kind == compact.KindRulePack {
				_, _ = rules.Decode(d)
			}
		}
		a, err := compact.NewArea(docs, compact.WithLibrary(lib))
		if err != nil {
			return
		}
		e, err := rules.Compile(a)
		if err != nil {
			if len(compact.AsErrors(err)) == 0 {
				t.Fatal("an error with no problems in it")
			}
			return
		}
		_, _ = e.Test(ctx)
		_, _ = e.Check(ctx, asOf)
	})
}
