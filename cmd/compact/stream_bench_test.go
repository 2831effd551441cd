package main

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/compactkit/compactkit/internal/synth"
)

// BenchmarkCheckStreamCommand runs "compact check --stream" end to end, as
// the command does (loading the area, streaming its JSON Lines files,
// encoding every finding as JSON Lines through the output wrapper), on a
// generated area of 100,000 records, or on the area folder named by
// COMPACTKIT_BENCH_AREA (one written by "compact generate --format jsonl",
// a million records, say). Profile it with -cpuprofile.
func BenchmarkCheckStreamCommand(b *testing.B) {
	dir := os.Getenv("COMPACTKIT_BENCH_AREA")
	records := int64(0)
	if dir == "" {
		dir = b.TempDir()
		if _, err := synth.Write(dir, synth.Config{Records: 100_000, Format: synth.FormatJSONL}); err != nil {
			b.Fatal(err)
		}
		records = 100_000
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code := run(context.Background(), []string{"check", "--stream", "--fail-on", "none", dir}, io.Discard, os.Stderr); code != exitOK {
			b.Fatal("exit", code)
		}
	}
	if records > 0 {
		b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	}
}
