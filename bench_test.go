package compactkit_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/synth"
	"github.com/compactkit/compactkit/roles"
)

// The scale benchmarks run validate, check, report and roles end to end
// on generated areas (internal/synth, the default directory of one
// organisation per 50 records) of 10,000 and 100,000 records; the
// 100,000 ones are skipped with -short. Each iteration loads the area from
// its files, as the command does. Compare the two sizes' ns/op: the
// target is time(100,000)/time(10,000) <= 12 for validate, check and
// report (linear, with room for the garbage collector).
//
//	go test -run '^$' -bench 'Scale' -benchtime 3x .
var scaleSizes = []int{10_000, 100_000}

func scaleArea(b *testing.B, records int) string {
	b.Helper()
	if records > 10_000 && testing.Short() {
		b.Skip("100,000 records: skipped with -short")
	}
	dir := b.TempDir()
	if _, err := synth.Write(dir, synth.Config{Records: records}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchScale(b *testing.B, run func(b *testing.B, dir string)) {
	for _, n := range scaleSizes {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			dir := scaleArea(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				run(b, dir)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/record")
		})
	}
}

// BenchmarkScaleValidate: compactkit.Validate, as `compact validate`.
func BenchmarkScaleValidate(b *testing.B) {
	benchScale(b, func(b *testing.B, dir string) {
		if _, err := compactkit.Validate(context.Background(), dir); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkScaleCheck: Load and Check, as `compact check`.
func BenchmarkScaleCheck(b *testing.B) {
	benchScale(b, func(b *testing.B, dir string) {
		a, err := compactkit.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		c, err := a.Check(context.Background())
		if err != nil || c.Findings.Summary().Fail == 0 {
			b.Fatal(err, "no failures")
		}
	})
}

// BenchmarkScaleReport: Load and Report, as `compact report`.
func BenchmarkScaleReport(b *testing.B) {
	benchScale(b, func(b *testing.B, dir string) {
		a, err := compactkit.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := a.Report(context.Background()); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkScaleRoles: Load, build the role register and take a snapshot,
// as `compact roles`.
func BenchmarkScaleRoles(b *testing.B) {
	benchScale(b, func(b *testing.B, dir string) {
		a, err := compactkit.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		reg, err := roles.New(a.Area)
		if err != nil {
			b.Fatal(err)
		}
		if s := reg.Snapshot(compact.MustParseDate("2025-03-31"), 90); s == nil {
			b.Fatal("no snapshot")
		}
	})
}
