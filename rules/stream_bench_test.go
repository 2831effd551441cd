package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/internal/synth"
	"github.com/compactkit/compactkit/rules"
)

// streamBenchArea generates a JSON Lines area of n records (once per
// size, in a temporary folder) and returns its engine and records file.
func streamBenchArea(b *testing.B, n int) (*rules.Engine, string) {
	b.Helper()
	dir := b.TempDir()
	if _, err := synth.Write(dir, synth.Config{Records: n, RecordsPerFile: n, Format: synth.FormatJSONL}); err != nil {
		b.Fatal(err)
	}
	base, err := examples.Library()
	if err != nil {
		b.Fatal(err)
	}
	a, err := compact.LoadArea(dir, compact.WithLibrary(base))
	if err != nil {
		b.Fatal(err)
	}
	e, err := rules.Compile(a)
	if err != nil {
		b.Fatal(err)
	}
	return e, filepath.Join(dir, "records-0001.jsonl")
}

// benchmarkCheckStream streams a generated area of n records past the
// national pack, discarding the findings, and reports records a second.
func benchmarkCheckStream(b *testing.B, n int) {
	e, file := streamBenchArea(b, n)
	on := rules.AsOf(compact.MustParseDate("2025-03-31"))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		in, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		st, err := e.CheckStream(context.Background(), in, file, func(rules.Finding) error { return nil }, []rules.EvalOption{on})
		in.Close()
		if err != nil || st.Records != int64(n) || st.Findings == 0 {
			b.Fatal(st, err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkCheckStream100k streams 100,000 records.
func BenchmarkCheckStream100k(b *testing.B) { benchmarkCheckStream(b, 100_000) }

// BenchmarkCheckStream1M streams 1,000,000 records; set
// COMPACTKIT_BENCH_1M=1 to run it (generating the area takes a minute).
func BenchmarkCheckStream1M(b *testing.B) {
	if os.Getenv("COMPACTKIT_BENCH_1M") == "" {
		b.Skip("set COMPACTKIT_BENCH_1M=1 to stream a million records")
	}
	benchmarkCheckStream(b, 1_000_000)
}
