package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/atomicfile"
)

var fmtCommand = &command{
	name:    "fmt",
	summary: "lay out YAML documents in the canonical way, keeping their comments",
	usage:   "fmt [--check] PATH... | fmt [--check] -",
	help: `
Lays out every YAML file under each PATH (a folder, as loading reads it:
hidden folders and testdata left out; or a file) in the canonical way:
two spaces more for each level of a mapping or sequence, a sequence
indented under its key, comments and the lines of multi-line text moved
with what they belong to, no trailing spaces, no runs of blank lines, Unix
line ends, one newline at the end. Only lines move: words, comments,
quoting, flow mappings and the wrapping of text stay as written. Each file
is rewritten atomically (a temporary file renamed over it), and only when
it changes.

A file that cannot be laid out faithfully (it does not parse, or its
values or comments would change: trailing spaces inside literal text, say)
is reported and left as it is.

With --check nothing is written: the files that are not laid out so are
listed. A PATH of - (alone) lays out the document on standard input and
writes it to standard output; with --check, it only says whether it is
laid out so. Exits 0 when every file is laid out (or was), 1 with --check when
some are not, 2 on a usage error, 3 when a file cannot be read, formatted
or written.`,
	run: runFmt,
}

func runFmt(c *cli, fs *flag.FlagSet, args []string) int {
	check := fs.Bool("check", false, "list the files that need formatting, change nothing, exit 1 if any")
	paths, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(paths) == 0 {
		return c.usageError(fs, "give at least one PATH (a folder or a YAML file)")
	}
	if slices.Contains(paths, "-") {
		if len(paths) > 1 {
			return c.usageError(fs, "- (standard input) goes alone: give it or PATHs, not both")
		}
		return c.fmtStdin(*check)
	}
	list, code := c.listYAML("fmt", paths)
	if code >= 0 {
		return code
	}
	var tally fileTally
	for _, file := range list {
		data, err := os.ReadFile(file)
		var out []byte
		if err == nil {
			out, err = compact.Format(file, data)
		}
		if err == nil && !bytes.Equal(out, data) && !*check {
			var info os.FileInfo
			if info, err = os.Stat(file); err == nil {
				err = atomicfile.WriteFile(file, out, info.Mode().Perm())
			}
		}
		switch {
		case err != nil:
			tally.failed++
			if len(compact.AsErrors(err)) > 0 {
				c.printProblems(err)
			} else {
				fmt.Fprintf(c.stderr, "%s: %v\n", file, err)
			}
		case bytes.Equal(out, data):
			tally.current++
		case *check:
			tally.changed++
			fmt.Fprintf(c.stdout, "%s: not formatted\n", file)
		default:
			tally.changed++
			fmt.Fprintf(c.stdout, "formatted %s\n", file)
		}
	}
	return tally.finish(c.stdout, *check, "formatted", "to format", "formatted")
}
