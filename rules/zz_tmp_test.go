package rules

import (
	"context"
	"testing"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
)

func BenchmarkZZMessages(b *testing.B) {
	lib, _ := examples.Library()
	a, err := compact.LoadArea("/tmp/y100k", compact.WithLibrary(lib))
	if err != nil { b.Fatal(err) }
	e, err := Compile(a)
	if err != nil { b.Fatal(err) }
	on := compact.MustParseDate("2025-03-31")
	r := &run{asOf: on, period: compact.FinancialYearOf(on), params: e.params, compact: e.world.compactVar}
	ctx := context.Background()
	for _, c := range e.byKind[OnFunding.index()] {
		// find a record where it fails
		var s subject
		found := false
		for i := range a.Records.Funding {
			e.world.recordSubject(&s, &a.Records.Funding[i], r)
			var f Finding
			c.eval(ctx, &s, &f)
			if f.Outcome == Fail { found = true; break }
		}
		if !found { continue }
		for _, part := range []struct{ n string; p *program }{{"when", c.when}, {"check", c.check}, {"message", c.message}} {
			if part.p == nil { continue }
			b.Run(c.rule.ID+"/"+part.n, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					s.vars[1], s.vars[2] = nil, nil
					part.p.eval(ctx, &s)
				}
			})
		}
	}
}
