package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/importer"
)

var importCommand = &command{
	name:    "import",
	summary: "import published data (360Giving, OCDS, GOV.UK) or a register into an area",
	usage:   "import SOURCE FILE... --into DIR [--mapping FILE] [--sheet NAME] [--match-names] [--formal] [--format text|json]",
	help: `
Reads FILE... as SOURCE and writes their records, and the organisations they
name, into the area folder DIR: one document file per source file,
imported-SOURCE-NAME.yaml (records) and imported-SOURCE-NAME.directory.yaml
(organisations the area did not have), each replaced atomically. Import the
same file again to refresh it: the record ids are the source's own, so
nothing is duplicated, and the area's other files are never changed.

SOURCE is one of:
  360giving  360Giving grants: a JSON package, or the CSV or XLSX layout
  ocds       an OCDS release or record package (Contracts Finder); releases
             of one contracting process are merged in date order
  govuk      GOV.UK consultation content items (Content API JSON)
  table      a register of your own (CSV or XLSX) read with --mapping, an
             ImportMapping document

Organisations are matched to the area's directory by identifier (GB-CHC-,
GB-COH-, GB-LAE- ...), and by name only with --match-names. Every record
carries its provenance (file, JSON pointer or row, the source's id), and
every finding of "compact check" names it.

Prints what was imported, what the data does not say (counted), what was
left out and why, and the source fields no record field takes. Bad source
values are reported with file:line:column and the field; the rest of the
file still imports. Exits 3 when any source value was bad or a file could
not be read, and 0 otherwise.`,
	run: runImport,
}

func runImport(c *cli, fs *flag.FlagSet, args []string) int {
	format := addFormat(fs, "text", "json")
	into := fs.String("into", "", "the area folder to write into (created if need be)")
	mapping := fs.String("mapping", "", "the ImportMapping document for a table import")
	sheet := fs.String("sheet", "", "the XLSX worksheet to read (default: the first)")
	matchNames := fs.Bool("match-names", false, "match organisations without an identifier by name")
	formal := fs.Bool("formal", false, "mark imported consultations as formal written consultations")
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) < 2 {
		return c.usageError(fs, "give a SOURCE and at least one FILE")
	}
	src, err := importer.ParseSource(pos[0])
	if err != nil {
		return c.usageError(fs, "%v", err)
	}
	if *into == "" {
		return c.usageError(fs, "give --into DIR, the area folder to write into")
	}
	opts := []importer.Option{importer.MatchNames(*matchNames), importer.Formal(*formal), importer.WithSheet(*sheet)}
	if src == importer.Table {
		if *mapping == "" {
			return c.usageError(fs, "a table import needs --mapping FILE")
		}
		m, err := importer.LoadMapping(*mapping)
		if err != nil {
			c.printProblems(err)
			return exitInvalid
		}
		opts = append(opts, importer.WithMapping(m))
	}
	res, err := importer.Import(c.ctx, src, pos[1:], *into, opts...)
	if err != nil {
		if errors.Is(err, c.ctx.Err()) && c.ctx.Err() != nil {
			fmt.Fprintf(c.stderr, "compact import: %v\n", err)
			return exitInvalid
		}
		var list compact.Errors
		if errors.As(err, &list) {
			c.printProblems(err)
		} else {
			fmt.Fprintf(c.stderr, "compact import: %v\n", err)
		}
		return exitInvalid
	}
	if format.value == "json" {
		if err := writeJSON(c.stdout, res); err != nil {
			return exitInvalid
		}
	} else {
		printImport(c.stdout, res)
		if probs := res.Problems(); len(probs) > 0 {
			c.printProblems(probs)
		}
	}
	if len(res.Problems()) > 0 {
		return exitInvalid
	}
	return exitOK
}

// printImport writes what an import did, file by file.
func printImport(w io.Writer, res *importer.Result) {
	for _, f := range res.Files {
		fmt.Fprintf(w, "%s: %d records into %s, %d organisations added, %d matched", f.File, f.Records, f.Output, f.Organisations, f.Matched)
		if f.Skipped > 0 {
			fmt.Fprintf(w, ", %d items not imported", f.Skipped)
		}
		fmt.Fprintln(w)
		for _, part := range []struct {
			title string
			m     map[string]int
		}{{"not published", f.Unknown}, {"left out", f.Left}, {"not mapped", f.Unmapped}} {
			if len(part.m) == 0 {
				continue
			}
			var items []string
			for _, k := range slices.Sorted(maps.Keys(part.m)) {
				items = append(items, fmt.Sprintf("%s (%d)", k, part.m[k]))
			}
			fmt.Fprintf(w, "  %s: %s\n", part.title, strings.Join(items, ", "))
		}
		if len(f.Problems) > 0 {
			more := ""
			if f.MoreProblems > 0 {
				more = fmt.Sprintf(" (and %d more not listed)", f.MoreProblems)
			}
			fmt.Fprintf(w, "  %d problems%s: see below\n", len(f.Problems)+f.MoreProblems, more)
		}
	}
}
