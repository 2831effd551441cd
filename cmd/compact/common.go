package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
)

// formatFlag is a --format flag limited to a set of values.
type formatFlag struct {
	value   string
	allowed []string
}

func (f *formatFlag) String() string { return f.value }

func (f *formatFlag) Set(s string) error {
	if !slices.Contains(f.allowed, s) {
		return fmt.Errorf("must be one of %s", strings.Join(f.allowed, ", "))
	}
	f.value = s
	return nil
}

// addFormat adds --format with the allowed values; the first is the default.
func addFormat(fs *flag.FlagSet, allowed ...string) *formatFlag {
	f := &formatFlag{value: allowed[0], allowed: allowed}
	fs.Var(f, "format", "output format: "+strings.Join(allowed, ", "))
	return f
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// dateFlag is a civil date flag (YYYY-MM-DD).
type dateFlag struct{ d compact.Date }

func (f *dateFlag) String() string { return f.d.String() }

func (f *dateFlag) Set(s string) error { return f.d.UnmarshalText([]byte(s)) }

// addAsOf adds --as-of, the date a command reports on; see asOfDate.
func addAsOf(fs *flag.FlagSet) *dateFlag {
	f := &dateFlag{}
	fs.Var(f, "as-of", "the date to report on (YYYY-MM-DD); default: the end of the records period, else today")
	return f
}

// asOfDate is the --as-of date, or the area's default as-of date
// (compact.Area.DefaultAsOf: the end of its records period), or today.
func asOfDate(f *dateFlag, a *compact.Area) compact.Date {
	on, _ := span(f, compact.Period{}, a)
	return on
}

// span is the as-of date and period of a command: the flags, or the
// area's defaults (compact.Area.Span), with today read from the clock here,
// as the library never reads it.
func span(f *dateFlag, period compact.Period, a *compact.Area) (compact.Date, compact.Period) {
	return a.Span(f.d, period, compact.DateOf(time.Now()))
}

// runOptions are the facade's options for --as-of and --period, with
// today read from the clock here, as the library never reads it.
func runOptions(f *dateFlag, p compact.Period) []compactkit.RunOption {
	return []compactkit.RunOption{compactkit.AsOf(f.d), compactkit.Period(p), compactkit.Today(today())}
}

// areaFlags are the flags of every command that loads areas.
type areaFlags struct {
	bases      listFlag
	allowEmpty bool
	fs         *flag.FlagSet // for its output, where warnings go
}

func addAreaFlags(fs *flag.FlagSet) *areaFlags {
	a := &areaFlags{fs: fs}
	fs.Var(&a.bases, "base", "a folder of base documents that areas may extend (repeatable); the national baseline is built in")
	fs.BoolVar(&a.allowEmpty, "allow-empty", false, "accept an area with no documents (otherwise invalid input: usually a wrong path)")
	return a
}

// options are the facade's options for the --base folders; the national
// baseline is built into the facade.
func (a *areaFlags) options() ([]compactkit.Option, error) {
	var opts []compactkit.Option
	if a.allowEmpty {
		opts = append(opts, compactkit.AllowEmpty())
	}
	if len(a.bases) == 0 {
		return opts, nil
	}
	extra, err := compact.LoadLibrary(a.bases...)
	if err != nil {
		return nil, err
	}
	// Folders given on the command line win over the built-in baseline.
	return append(opts, compactkit.WithLibrary(extra)), nil
}

// kit loads one area through the library facade, with the --base folders.
func (a *areaFlags) kit(path string, more ...compactkit.Option) (*compactkit.Area, error) {
	opts, err := a.options()
	if err != nil {
		return nil, err
	}
	k, err := compactkit.Load(path, append(opts, more...)...)
	if k != nil && a.fs != nil {
		for _, w := range k.Warnings {
			fmt.Fprintf(a.fs.Output(), "warning: %s\n", w)
		}
	}
	return k, err
}

// load loads one area with the library, and warns on the flag set's
// output (stderr) of the files it skipped.
func (a *areaFlags) load(path string) (*compact.Area, error) {
	k, err := a.kit(path)
	if err != nil {
		return nil, err
	}
	return k.Area, nil
}

// loadWith loads an area and builds what a command works on from it (a
// dispute procedure, a role register); on failure it reports the problems
// (see invalid) and returns the exit code, else -1.
func loadWith[T any](c *cli, af *areaFlags, path, format string, build func(*compact.Area) (T, error)) (T, int) {
	var zero T
	area, err := af.load(path)
	if err != nil {
		return zero, c.invalid(path, err, format)
	}
	v, err := build(area)
	if err != nil {
		return zero, c.invalid(path, err, format)
	}
	return v, -1
}

// areaProblems reports the problems of one area of a command that goes on
// to the next: printed for people, each then "PATH: verdict", unless print
// is false (JSON output); returned in their JSON shape.
func (c *cli) areaProblems(path string, err error, print bool, verdict string) []problemJSON {
	if print {
		c.printProblems(err)
		fmt.Fprintf(c.stderr, "%s: %s\n", path, verdict)
	}
	return problemsJSON(err)
}

// problemJSON is the JSON shape of one problem, shared by every command
// (and described by the output schemas).
type problemJSON = compact.Problem

func problemsJSON(err error) []problemJSON { return compact.Problems(err) }

// invalid reports input that does not load, the same way for every
// command: with --format json an object with the problems on stdout,
// otherwise each problem and "PATH: invalid" on stderr. It returns
// exitInvalid.
//
// A file that cannot be read or written for a reason other than not being
// there (no permission, a full disk, a read-only file system) is an
// environment failure, reported the same way but returning exitIO.
func (c *cli) invalid(path string, err error, format string) int {
	code, verdict := exitInvalid, "invalid"
	if ioFailure(err) {
		code, verdict = exitIO, "cannot be read or written"
	}
	if format == "json" {
		_ = writeJSON(c.stdout, compact.Invalid{Path: path, Problems: problemsJSON(err)})
		return code
	}
	c.printProblems(err)
	fmt.Fprintf(c.stderr, "%s: %s\n", path, verdict)
	return code
}

// ioFailure reports whether err comes from the file system refusing a read
// or a write for a reason other than the file not being there: no
// permission, a full disk, a read-only file system.
func ioFailure(err error) bool {
	var pe *fs.PathError
	var le *os.LinkError
	if !errors.As(err, &pe) && !errors.As(err, &le) {
		return false
	}
	return !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR)
}

// printProblems writes problems for people on stderr: one per line with a
// caret snippet under it, at most --max-errors of them, then a count. JSON
// output, for machines, lists every problem.
func (c *cli) printProblems(err error) {
	w := c.stderr
	list := compact.AsErrors(err)
	for i, e := range list {
		if c.maxErrors > 0 && i == c.maxErrors {
			fmt.Fprintf(w, "... and %d more (--max-errors %d; 0 prints all)\n", len(list)-i, c.maxErrors)
			break
		}
		fmt.Fprintln(w, e.Error())
		if s := e.Snippet(); s != "" {
			fmt.Fprintln(w, s)
		}
	}
	if len(list) > 1 {
		fmt.Fprintf(w, "%d problems\n", len(list))
	}
}

// outputFailed reports output that could not be written (a full disk, a
// closed pipe, a file that cannot be replaced) and returns exitIO. A failed
// write to stdout is reported once, by run.
func (c *cli) outputFailed(err error) int {
	if o, ok := c.stdout.(*outWriter); !ok || o.err == nil {
		fmt.Fprintf(c.stderr, "compact: cannot write the output: %v\n", err)
	}
	return exitIO
}

// printJSON writes v as JSON on stdout and returns code, or exitIO when
// the output cannot be written.
func (c *cli) printJSON(v any, code int) int {
	if err := writeJSON(c.stdout, v); err != nil {
		return c.outputFailed(err)
	}
	return code
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // expressions hold && and <; this is not HTML
	return enc.Encode(v)
}
