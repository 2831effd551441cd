package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
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

func (f *dateFlag) Set(s string) error {
	d, err := compact.ParseDate(s)
	if err != nil {
		return err
	}
	f.d = d
	return nil
}

// addAsOf adds --as-of, the date a command reports on; see asOfDate.
func addAsOf(fs *flag.FlagSet) *dateFlag {
	f := &dateFlag{}
	fs.Var(f, "as-of", "the date to report on (YYYY-MM-DD); default: the end of the records period, else today")
	return f
}

// asOfDate is the --as-of date, or the end of the area's records period,
// or today.
func asOfDate(f *dateFlag, a *compact.Area) compact.Date {
	switch {
	case !f.d.IsZero():
		return f.d
	case !a.Records.Period.To.IsZero():
		return a.Records.Period.To
	}
	return compact.DateOf(time.Now())
}

// areaFlags are the flags of every command that loads areas.
type areaFlags struct {
	bases listFlag
}

func addAreaFlags(fs *flag.FlagSet) *areaFlags {
	a := &areaFlags{}
	fs.Var(&a.bases, "base", "a folder of base documents that areas may extend (repeatable); the national baseline is built in")
	return a
}

// library returns the built-in national baseline plus the --base folders.
func (a *areaFlags) library() (*compact.Library, error) {
	lib, err := examples.Library()
	if err != nil {
		return nil, fmt.Errorf("the built-in national baseline does not load: %w", err)
	}
	if len(a.bases) == 0 {
		return lib, nil
	}
	extra, err := compact.LoadLibrary(a.bases...)
	if err != nil {
		return nil, err
	}
	// Folders given on the command line win over the built-in baseline.
	return extra.With(lib), nil
}

// load loads one area with the library.
func (a *areaFlags) load(path string) (*compact.Area, error) {
	lib, err := a.library()
	if err != nil {
		return nil, err
	}
	return compact.LoadArea(path, compact.WithLibrary(lib))
}

// problemJSON is the JSON shape of one problem, shared by every command
// (and described by the output schemas).
type problemJSON = compact.Problem

func problemsJSON(err error) []problemJSON { return compact.Problems(err) }

// invalid reports input that does not load, the same way for every
// command: with --format json an object with the problems on stdout,
// otherwise each problem and "PATH: invalid" on stderr. It returns
// exitInvalid.
func (c *cli) invalid(path string, err error, format string) int {
	if format == "json" {
		_ = writeJSON(c.stdout, map[string]any{"path": path, "valid": false, "problems": problemsJSON(err)})
		return exitInvalid
	}
	printProblems(c.stderr, err)
	fmt.Fprintf(c.stderr, "%s: invalid\n", path)
	return exitInvalid
}

// printProblems writes problems for people: one per line with a caret
// snippet under it, then a count.
func printProblems(w io.Writer, err error) {
	list := compact.AsErrors(err)
	for _, e := range list {
		fmt.Fprintln(w, e.Error())
		if s := e.Snippet(); s != "" {
			fmt.Fprintln(w, s)
		}
	}
	if len(list) > 1 {
		fmt.Fprintf(w, "%d problems\n", len(list))
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // expressions hold && and <; this is not HTML
	return enc.Encode(v)
}
