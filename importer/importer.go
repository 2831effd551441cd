package importer

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// Source is a kind of published data the importer reads.
type Source string

// Sources.
const (
	Giving360 Source = "360giving" // 360Giving Data Standard grants: JSON packages, CSV or XLSX
	OCDS      Source = "ocds"      // Open Contracting release or record packages (Contracts Finder)
	GOVUK     Source = "govuk"     // GOV.UK Content API consultation content items
	Table     Source = "table"     // a council's own CSV or XLSX register, with an ImportMapping
)

// Sources lists the sources in the order the command's help shows them.
func Sources() []Source { return []Source{Giving360, OCDS, GOVUK, Table} }

// ParseSource reads a source name.
func ParseSource(s string) (Source, error) {
	for _, x := range Sources() {
		if string(x) == s {
			return x, nil
		}
	}
	return "", fmt.Errorf("%q is not a source; expected one of 360giving, ocds, govuk, table", s)
}

// Limits. Each is a default, settable with an option.
const (
	// MaxJSONBytes is the largest JSON source read. JSON packages are read
	// whole to index positions for errors; the largest published 360Giving
	// files run to tens of megabytes, so 256 MiB is room to spare while
	// refusing what is clearly not one package. Spreadsheets (CSV) stream
	// and have no size limit.
	MaxJSONBytes = 256 << 20
	// MaxProblems is how many problems one source file reports before the
	// rest are counted, not listed: a file with a bad column gives the same
	// error on every row, and the first hundred say it.
	MaxProblems = 100
	// MaxPlausibleYear is the latest year a published date is taken as
	// real. GOV.UK's own examples carry closing dates in 2210 and 2216 to
	// stay "open"; a date past this year is reported as implausible, not
	// imported as a 200-year consultation.
	MaxPlausibleYear = 2100
)

// Option configures [Import].
type Option func(*options) error

type options struct {
	matchNames   bool
	formal       bool
	mapping      *Mapping
	maxJSONBytes int64
	maxProblems  int
	sheet        string

	govukWinner map[string]int // base path -> index of the file whose item is imported
	govukFiles  []string
}

func defaults() options {
	return options{maxJSONBytes: MaxJSONBytes, maxProblems: MaxProblems}
}

// MatchNames matches organisations without an identifier to the area's
// organisations by name (case and spacing aside). Off by default: two
// organisations can share a name.
func MatchNames(on bool) Option {
	return func(o *options) error { o.matchNames = on; return nil }
}

// Formal marks every imported consultation as a formal written
// consultation, which the 12-week check applies to. GOV.UK content items do
// not say whether a consultation is formal; without this option the import
// leaves them not formal and reports "formality not published".
func Formal(on bool) Option {
	return func(o *options) error { o.formal = on; return nil }
}

// WithMapping gives the mapping a table import reads its columns with.
func WithMapping(m *Mapping) Option {
	return func(o *options) error {
		if m == nil {
			return errors.New("importer: WithMapping needs a mapping")
		}
		o.mapping = m
		return nil
	}
}

// WithSheet names the XLSX worksheet to read; the default is the first.
func WithSheet(name string) Option {
	return func(o *options) error { o.sheet = name; return nil }
}

// WithMaxJSONBytes sets the largest JSON source read (see [MaxJSONBytes]);
// n must be positive.
func WithMaxJSONBytes(n int64) Option {
	return limitOption("WithMaxJSONBytes", n, func(o *options) *int64 { return &o.maxJSONBytes })
}

// WithMaxProblems sets how many problems a source file lists (see
// [MaxProblems]); n must be positive.
func WithMaxProblems(n int) Option {
	return limitOption("WithMaxProblems", n, func(o *options) *int { return &o.maxProblems })
}

// limitOption is the option called name, which sets the limit that limit
// picks out of the options to n; n must be positive.
func limitOption[N int | int64](name string, n N, limit func(*options) *N) Option {
	return func(o *options) error {
		if n <= 0 {
			return fmt.Errorf("importer: %s(%d): must be positive", name, n)
		}
		*limit(o) = n
		return nil
	}
}

// Result is what an import did, file by file.
type Result struct {
	// Files has one entry per source file, in the order given.
	Files []FileResult `json:"files"`
}

// Problems returns every file's problems together.
func (r *Result) Problems() compact.Errors {
	var all compact.Errors
	for _, f := range r.Files {
		all = append(all, f.Problems...)
	}
	return all
}

// FileResult is what the import of one source file did.
type FileResult struct {
	// File is the source file.
	File string `json:"file"`
	// Output is the document file written into the area.
	Output string `json:"output"`
	// Records counts the records written.
	Records int `json:"records"`
	// Organisations counts the directory entries written for organisations
	// the area did not have.
	Organisations int `json:"organisations"`
	// Matched counts organisations found in the area's other documents (by
	// identifier, or by name with [MatchNames]).
	Matched int `json:"matched"`
	// Skipped counts source items not imported, because of a problem listed
	// in Problems or a note in Unknown.
	Skipped int `json:"skipped"`
	// Unknown counts what the source does not say that the records or
	// checks need ("plannedDates: duration not published"), by what.
	Unknown map[string]int `json:"unknown,omitempty"`
	// Left counts source items left out on purpose, by why (a withdrawn
	// consultation, a tender with no award yet).
	Left map[string]int `json:"leftOut,omitempty"`
	// Unmapped counts source fields with a value that no record field takes,
	// by field name.
	Unmapped map[string]int `json:"unmapped,omitempty"`
	// Problems are the source's bad values, positioned at file, line,
	// column and field; the items they are in are not imported.
	Problems compact.Errors `json:"problems,omitempty"`
	// MoreProblems counts problems past the limit that are not listed.
	MoreProblems int `json:"moreProblems,omitempty"`
}

// Import reads source files of one kind and writes their records, and the
// organisations they name, into the area folder into (created if need be):
// one document file per source file, named after it
// (trafford.json gives imported-360giving-trafford.yaml), replaced
// atomically on every import. Re-importing a file gives the same record ids
// and replaces its earlier output, so nothing is duplicated; the area's
// other files (hand-written records, other imports) are read, to match
// organisations, and never changed.
//
// Bad source items are reported in each FileResult's Problems and left out;
// the valid items of the same file are still written. The error is for what
// stops an import: an unreadable source or area, a bad option, ctx ending.
func Import(ctx context.Context, src Source, files []string, into string, opts ...Option) (*Result, error) {
	o, err := prepare(src, files, into, opts)
	if err != nil {
		return nil, err
	}
	outputs, own, err := outputNames(src, files, into)
	if err != nil {
		return nil, err
	}
	dir, err := readDirectory(into, own, o.matchNames)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var writers []*writer
	defer func() {
		for _, w := range writers {
			w.abort() // nothing is left half-written when a file stops the import
		}
	}()
	var orgs [][]compact.Organisation
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		added, matched := len(dir.added), dir.matched
		fr, w, err := importFile(ctx, src, i, f, outputs[i], dir, o)
		if w != nil {
			writers = append(writers, w)
		}
		if err != nil {
			return nil, err
		}
		fr.Organisations, fr.Matched = len(dir.added)-added, dir.matched-matched
		orgs = append(orgs, dir.added[added:])
		res.Files = append(res.Files, *fr)
	}
	if err := commitAll(into, writers, orgs); err != nil {
		return nil, err
	}
	return res, nil
}

// prepare applies the options and checks what an import needs.
func prepare(src Source, files []string, into string, opts []Option) (*options, error) {
	o := defaults()
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	if _, err := ParseSource(string(src)); err != nil {
		return nil, err
	}
	if src == Table && o.mapping == nil {
		return nil, errors.New("importer: a table import needs a mapping (WithMapping)")
	}
	if err := os.MkdirAll(into, 0o755); err != nil {
		return nil, fmt.Errorf("%w: %w", compact.ErrIO, err)
	}
	if src == GOVUK {
		o.govukWinner, o.govukFiles = govukPlan(files, o.maxJSONBytes), files
	}
	return &o, nil
}

// outputNames lists the records file each source file writes, and every
// file the import writes (records and directories), refusing two source
// files that would write the same one.
func outputNames(src Source, files []string, into string) ([]string, map[string]bool, error) {
	var outputs []string
	own := map[string]bool{}
	for _, f := range files {
		out := filepath.Join(into, OutputName(src, f))
		if own[out] {
			return nil, nil, fmt.Errorf("importer: two of the files would both be written to %s: give files with different names", out)
		}
		own[out], own[directoryPath(out)] = true, true
		outputs = append(outputs, out)
	}
	return outputs, own, nil
}

// commitAll gives every records file the period of the whole import, so
// that an area made by one import is checked over all its records, and
// renames the directories, then the records, into place.
func commitAll(into string, writers []*writer, orgs [][]compact.Organisation) error {
	var span compact.Period
	for _, w := range writers {
		if w.n == 0 {
			continue
		}
		if span.From.IsZero() || w.from.Before(span.From) {
			span.From = w.from
		}
		if w.to.After(span.To) {
			span.To = w.to
		}
	}
	for i, w := range writers {
		if err := w.writeDirectory(orgs[i]); err != nil {
			return w.fail(err)
		}
	}
	for _, w := range writers {
		if err := w.finish(span); err != nil {
			return err
		}
	}
	return syncDir(into)
}

// OutputName is the name of the document file an import of file from src
// writes into the area: "imported-", the source, and the file's base name
// without its extension, as an id.
func OutputName(src Source, file string) string {
	base := filepath.Base(file)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	return "imported-" + string(src) + "-" + slug(base) + ".yaml"
}

// importFile imports one source file into output's temporary file; the
// import commits it when every file is done.
func importFile(ctx context.Context, src Source, index int, file, output string, dir *directory, o *options) (*FileResult, *writer, error) {
	fr := &FileResult{File: file, Output: output, Unknown: map[string]int{}, Left: map[string]int{}, Unmapped: map[string]int{}}
	kind := "funding"
	if src == GOVUK || (src == Table && o.mapping.Record == MapConsultations) {
		kind = "consultations"
	}
	w, err := newWriter(output, kind, src, file)
	if err != nil {
		return nil, nil, err
	}
	imp := &fileImport{ctx: ctx, src: src, index: index, file: file, o: o, w: w, dir: dir, res: fr}
	switch src {
	case Giving360:
		err = imp.giving()
	case OCDS:
		err = imp.ocds()
	case GOVUK:
		err = imp.govuk()
	case Table:
		err = imp.table()
	}
	if err == nil {
		err = w.end()
	}
	if err != nil {
		return nil, w, err
	}
	fr.Records = w.n
	for _, m := range []map[string]int{fr.Unknown, fr.Left, fr.Unmapped} {
		maps.DeleteFunc(m, func(_ string, n int) bool { return n == 0 })
	}
	return fr, w, nil
}

// fileImport is the state of one source file's import.
type fileImport struct {
	ctx   context.Context
	src   Source
	index int // of the file among the import's files
	file  string
	o     *options
	w     *writer
	dir   *directory
	res   *FileResult
	pos   func(pointer string) compact.Position // a JSON source's positions; nil for a spreadsheet
}

// problem records a bad value at pos, path.
func (fi *fileImport) problem(pos compact.Position, path string, class error, format string, args ...any) {
	if len(fi.res.Problems) >= fi.o.maxProblems {
		fi.res.MoreProblems++
		return
	}
	fi.res.Problems = append(fi.res.Problems, &compact.Error{Pos: pos, Path: path, Err: class, Msg: fmt.Sprintf(format, args...)})
}
