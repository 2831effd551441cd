package rules_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/synth"
	"github.com/compactkit/compactkit/rules"
)

// what is a finding without where its subject was written: a YAML record
// and the same record on a line of a JSON Lines file say the same.
func what(t *testing.T, f rules.Finding) string {
	t.Helper()
	f.Source = compact.Position{}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	return string(b)
}

func whats(t *testing.T, fs []rules.Finding) []string {
	out := make([]string, len(fs))
	for i := range fs {
		out[i] = what(t, fs[i])
	}
	return out
}

// ownFinding says whether Check gives a finding at the end of a stream: on
// a collection, or on a record written in the area's YAML compact (its
// signatories), which no stream holds.
func ownFinding(f rules.Finding) bool {
	return !recordKind(f.Kind) || filepath.Base(f.Source.File) == "compact.yaml"
}

// streamArea streams every JSON Lines file of a generated area past its
// engine, sharing one Collection when there are several files, and returns
// the findings in the order they came.
func streamArea(t *testing.T, dir string, opts []rules.EvalOption) []rules.Finding {
	t.Helper()
	_, e := compile(t, dir)
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var got []rules.Finding
	emit := func(f rules.Finding) error { got = append(got, f); return nil }
	if len(files) == 1 {
		in, err := os.Open(files[0])
		require.NoError(t, err)
		defer in.Close()
		st, err := e.CheckStream(ctx, in, files[0], emit, opts)
		require.NoError(t, err)
		require.Equal(t, int64(len(got)), st.Findings)
		return got
	}
	var c rules.Collection
	for _, file := range files {
		in, err := os.Open(file)
		require.NoError(t, err)
		_, err = e.CheckStream(ctx, in, file, emit, opts, rules.Collect(&c))
		require.NoError(t, in.Close())
		require.NoError(t, err)
	}
	require.NotZero(t, c.Records())
	st, err := e.CheckCollected(ctx, &c, emit, opts)
	require.NoError(t, err)
	require.NotZero(t, st.Findings)
	return got
}

// TestCheckStreamEqualsCheck: for generated areas written as YAML and as
// JSON Lines, CheckStream (with CheckCollected over several files) gives
// exactly Check's findings: the streamed records' in file order, then
// those on collections and on the area's own records in check order.
func TestCheckStreamEqualsCheck(t *testing.T) {
	asOf := rules.AsOf(compact.MustParseDate("2025-03-31"))
	for _, tc := range []struct {
		name    string
		records int
		perFile int
		workers int
	}{
		{"one file", 1500, 0, 2},
		{"one file, one worker", 600, 0, 1},
		{"several files", 2500, 700, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			yamlDir, jsonlDir := t.TempDir(), t.TempDir()
			cfg := synth.Config{Records: tc.records, RecordsPerFile: tc.perFile, Seed: 7}
			_, err := synth.Write(yamlDir, cfg)
			require.NoError(t, err)
			cfg.Format = synth.FormatJSONL
			if tc.perFile == 0 {
				cfg.RecordsPerFile = tc.records
			}
			_, err = synth.Write(jsonlDir, cfg)
			require.NoError(t, err)

			_, e := compile(t, yamlDir)
			want, err := e.Check(ctx, asOf)
			require.NoError(t, err)
			got := streamArea(t, jsonlDir, []rules.EvalOption{asOf, rules.Workers(tc.workers)})

			// The same findings ...
			w, g := whats(t, want), whats(t, got)
			require.Len(t, g, len(w))
			sort.Strings(w)
			sort.Strings(g)
			require.Equal(t, w, g)
			// ... the streamed records' first, each at its line, in file order ...
			var wantEnd []rules.Finding
			for _, f := range want {
				if ownFinding(f) {
					wantEnd = append(wantEnd, f)
				}
			}
			require.NotEmpty(t, wantEnd)
			head := got[:len(got)-len(wantEnd)]
			var last compact.Position
			for _, f := range head {
				require.Equal(t, ".jsonl", filepath.Ext(f.Source.File), "%v", f)
				if f.Source.File == last.File {
					require.GreaterOrEqual(t, f.Source.Line, last.Line)
				}
				last = f.Source
			}
			// ... then the others, in check order.
			require.Equal(t, whats(t, wantEnd), whats(t, got[len(head):]))
			kinds := map[rules.SubjectKind]bool{}
			for _, f := range wantEnd {
				kinds[f.Kind] = true
			}
			for _, k := range []rules.SubjectKind{rules.OnCompact, rules.OnBody, rules.OnMember, rules.OnSignatory} {
				require.True(t, kinds[k], "no %s findings", k)
			}
		})
	}
}

// bulkArea loads an area folder without its records (a records.yaml
// holding their period alone), as an area whose bulk records stream, and
// compiles it.
func bulkArea(t *testing.T, dir string) (*compact.Area, *rules.Engine) {
	t.Helper()
	a, err := areaWith(t, dir, "records.yaml", func(string) string {
		return "apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\n"
	})
	require.NoError(t, err)
	return a, mustCompile(t, a)
}

// TestCheckStreamProblems: a streamed record whose id is used before (in
// the stream or in the area's YAML records) or that names an organisation,
// person or body the area does not have is invalid input, reported as
// compact.Errors with the class and message NewArea gives the same record
// in YAML, at the record's file:line:column, after the findings of the
// records; the rules on collections are then not evaluated.
func TestCheckStreamProblems(t *testing.T) {
	full, _ := compile(t, "testdata/borough")
	_, bulk := bulkArea(t, "testdata/borough")
	line := func(rec string) []byte { return []byte(rec + "\n") }
	ok := line(`{"record":"funding","id":"f-1","funder":"council","recipient":"advice","kind":"new","decided":"2024-06-01"}`)
	for _, tc := range []struct {
		name  string
		area  *rules.Engine
		lines [][]byte
		class error
		want  []string // the problems, as Error() words them
	}{
		{"an id used twice in the stream", bulk, [][]byte{ok, line(`{"record":"meeting","id":"f-1","body":"steering-group","date":"2024-06-01"}`), ok},
			compact.ErrDuplicate, []string{`r.jsonl:3:1: id: funding decision id "f-1" is already used at r.jsonl:1:1`}},
		{"an id of the area's YAML records", mustCompile(t, full), [][]byte{
			line(`  {"record":"funding","id":"advice-cut","funder":"council","recipient":"advice","kind":"new","decided":"2024-06-01"}`)},
			compact.ErrDuplicate, []string{`r.jsonl:1:3: id: funding decision id "advice-cut" is already used at testdata/borough/records.yaml:8:5`}},
		{"an unknown organisation", bulk, [][]byte{ok,
			line(`{"record":"funding","id":"f-2","funder":"councel","recipient":"advice","kind":"new","decided":"2024-06-01"}`)},
			compact.ErrReference, []string{`r.jsonl:2:1: funder: unknown organisation "councel"; did you mean "council"?`}},
		{"an unknown body and person", bulk, [][]byte{ok,
			line(`{"record":"meeting","id":"m-1","body":"nobody","date":"2024-06-01","attendees":["alex","zed"]}`)},
			compact.ErrReference, []string{`r.jsonl:2:1: body: unknown governance body "nobody"`, `r.jsonl:2:1: attendees[1]: unknown person "zed"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var findings int
			_, err := tc.area.CheckStream(ctx, bytes.NewReader(bytes.Join(tc.lines, nil)), "r.jsonl",
				func(f rules.Finding) error {
					require.True(t, recordKind(f.Kind), "a finding on %s after a problem", f.Kind)
					findings++
					return nil
				}, []rules.EvalOption{asOf, rules.Workers(2)})
			require.ErrorIs(t, err, tc.class)
			var list compact.Errors
			require.True(t, errors.As(err, &list))
			var msgs []string
			for _, e := range list {
				msgs = append(msgs, e.Error())
			}
			require.Equal(t, tc.want, msgs)
			require.NotZero(t, findings)
		})
	}

	// The same record in YAML: the same class and message, NewArea's path.
	_, err := areaWith(t, "testdata/borough", "records.yaml", func(s string) string {
		return strings.Replace(s, "funder: council\n    recipient: advice", "funder: councel\n    recipient: advice", 1)
	})
	require.ErrorIs(t, err, compact.ErrReference)
	require.Contains(t, err.Error(), `funding[0].funder: unknown organisation "councel"; did you mean "council"?`)
}

// TestCheckStreamTooManyProblems: a stream stops once it has gathered a
// thousand problems, and returns them in file order.
func TestCheckStreamTooManyProblems(t *testing.T) {
	_, e := bulkArea(t, "testdata/borough")
	var lines []byte
	for i := range 5000 {
		lines = append(strconv.AppendInt(append(lines, `{"record":"funding","id":"f-`...), int64(i), 10),
			`","funder":"nobody","recipient":"advice","kind":"new","decided":"2024-06-01"}`+"\n"...)
	}
	st, err := e.CheckStream(ctx, bytes.NewReader(lines), "r.jsonl", func(rules.Finding) error { return nil },
		[]rules.EvalOption{asOf, rules.Workers(2)})
	require.ErrorIs(t, err, compact.ErrReference)
	var list compact.Errors
	require.True(t, errors.As(err, &list))
	require.GreaterOrEqual(t, len(list), 1000)
	require.Less(t, len(list), 2000)
	require.Less(t, st.Records, int64(5000))
	for i, p := range list {
		require.Equal(t, i+1, p.Pos.Line)
	}
}

// mustCompile compiles an engine for an area.
func mustCompile(t *testing.T, a *compact.Area) *rules.Engine {
	t.Helper()
	e, err := rules.Compile(a)
	require.NoError(t, err)
	return e
}

// areaWith loads an area folder with edit applied to the text of one of
// its files, from memory.
func areaWith(t *testing.T, dir, file string, edit func(string) string) (*compact.Area, error) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	require.NoError(t, err)
	var docs []*compact.Document
	for _, path := range paths {
		text, err := os.ReadFile(path)
		require.NoError(t, err)
		if filepath.Base(path) == file {
			text = []byte(edit(string(text)))
		}
		d, err := compact.Parse(path, text)
		require.NoError(t, err)
		docs = append(docs, d...)
	}
	return compact.NewArea(docs, compact.WithLibrary(library(t)))
}

// TestCheckStreamEncoded: with Encoded, the findings are encoded on the
// workers and written in the order emit sees them, those on collections
// at the end too.
func TestCheckStreamEncoded(t *testing.T) {
	dir := t.TempDir()
	_, err := synth.Write(dir, synth.Config{Records: 3000, RecordsPerFile: 3000, Format: synth.FormatJSONL})
	require.NoError(t, err)
	_, e := compile(t, dir)
	lines, err := os.ReadFile(filepath.Join(dir, "records-0001.jsonl"))
	require.NoError(t, err)
	var want []byte
	_, err = e.CheckStream(ctx, bytes.NewReader(lines), "r.jsonl", func(f rules.Finding) error {
		want = append(want, key(f)+"\n"...)
		return nil
	}, []rules.EvalOption{asOf})
	require.NoError(t, err)
	require.Contains(t, string(want), "|"+string(rules.OnMember)+"|")
	var got []byte
	st, err := e.CheckStream(ctx, bytes.NewReader(lines), "r.jsonl", nil, []rules.EvalOption{asOf, rules.Workers(3)},
		rules.Encoded(func(dst []byte, f *rules.Finding) ([]byte, error) { return append(dst, key(*f)+"\n"...), nil },
			func(p []byte) error { got = append(got, p...); return nil }))
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
	require.Equal(t, int64(bytes.Count(want, []byte("\n"))), st.Findings)
}
