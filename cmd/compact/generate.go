package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/compactkit/compactkit/internal/synth"
)

var generateCommand = &command{
	name:    "generate",
	summary: "write a synthetic area of any size, to measure and reproduce figures",
	usage:   "generate [--records N] [--organisations M] [--seed S] [--per-file K] [--format yaml|jsonl] DIR",
	help: `
Writes a SYNTHETIC area into DIR: a compact extending the national one, a
directory of M organisations (one in ten public) with two people each, and N
records in a realistic mix: the governance records follow the directory
(a signature per organisation and one in ten again, a nomination each, 24
meetings and a report a year) and the rest are consultations (23 in 100)
and funding decisions; some break the national commitments on purpose. The same flags always write the same
files, so a benchmark's figures can be reproduced: check the area with
"compact check DIR". With --format jsonl the records are JSON Lines files
(records-NNNN.jsonl, one record a line) beside a records.yaml holding only
their period, for "compact check --stream DIR", which checks a million
records in flat memory. Every file is written atomically.

Exits 0 when the area is written, 2 when a size is out of range and 5
when a file cannot be written.`,
	run: runGenerate,
}

func runGenerate(c *cli, fs *flag.FlagSet, args []string) int {
	records := fs.Int("records", 10_000, "how many records to write")
	orgs := fs.Int("organisations", 0, "organisations in the directory (0: one per 50 records, at least 10)")
	seed := fs.Uint64("seed", 1, "seed: another seed writes another area of the same size")
	perFile := fs.Int("per-file", synth.DefaultRecordsPerFile, "most records in one records file")
	format := fs.String("format", "yaml", "records files: yaml (Records documents) or jsonl (JSON Lines, for check --stream)")
	rest, code := c.parseExactly(fs, args, 1, "give one DIR to write the area into")
	if code >= 0 {
		return code
	}
	cfg := synth.Config{Records: *records, Organisations: *orgs, Seed: *seed, RecordsPerFile: *perFile}
	switch *format {
	case "yaml":
	case "jsonl":
		cfg.Format = synth.FormatJSONL
	default:
		return c.usageError(fs, "--format: %q is not yaml or jsonl", *format)
	}
	files, err := synth.Write(rest[0], cfg)
	if err != nil {
		if errors.Is(err, synth.ErrConfig) {
			return c.usageError(fs, "%v", err)
		}
		fmt.Fprintf(c.stderr, "compact generate: %v\n", err)
		return exitIO
	}
	fmt.Fprintf(c.stdout, "wrote %d records in %d files to %s\n", *records, len(files), rest[0])
	return exitOK
}
