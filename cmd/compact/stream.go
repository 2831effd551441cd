package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/rules"
)

// streamRun is one check --stream: the area's YAML documents load as
// usual, and its JSON Lines records files stream past the rules.
type streamRun struct {
	*checkRun
	quiet bool
}

// jsonlFiles lists the JSON Lines records files in an area folder and
// below it, in name order (a file given as PATH is its own list).
func jsonlFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: --stream checks an area folder, whose *.jsonl files it streams", path)
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(p) == ".jsonl" {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// run streams each area; it returns the exit code.
func (sr *streamRun) run(paths []string) int {
	write := func(p []byte) error { _, err := sr.stdout.Write(p); return err }
	if o, ok := sr.stdout.(*outWriter); ok {
		write = o.writeEscaped // the workers escaped the findings
	}
	if sr.format == "csv" {
		if err := write(escapeFinding(appendCSV(nil, rules.CSVHeader), 0)); err != nil {
			return sr.outputFailed(err)
		}
	}
	var failed atomic.Bool
	// Findings are encoded and escaped on the stream's workers, in batches
	// of a few hundred kilobytes: encoding millions of them costs more than
	// evaluating them.
	encode := func(dst []byte, f *rules.Finding) ([]byte, error) {
		if sr.threshold != "" && (f.Outcome == rules.Fail || f.Outcome == rules.Errored) && f.Severity.Rank() >= sr.threshold.Rank() {
			failed.Store(true)
		}
		n := len(dst)
		if sr.format == "csv" {
			return escapeFinding(appendCSV(dst, f.CSV()), n), nil
		}
		return appendFindingJSON(dst, f) // escaped as it is encoded
	}
	for _, path := range paths {
		if code := sr.area(path, compactkit.StreamOptions(rules.Encoded(encode, write))); code != exitOK {
			return code
		}
	}
	if failed.Load() {
		return exitFindings
	}
	return exitOK
}

// escapeFinding escapes the control characters of the finding encoded at
// dst[from:], as the output wrapper would (see appendEscaped); most
// findings have none, and are left as they are.
func escapeFinding(dst []byte, from int) []byte {
	if plainPrefix(dst[from:]) == len(dst)-from {
		return dst
	}
	enc := append([]byte(nil), dst[from:]...)
	out, rest := appendEscaped(dst[:from], enc)
	return append(out, rest...) // a finding ends with a newline: nothing is cut
}

// appendCSV appends one CSV row of cells, each neutralised for
// spreadsheets (rules.SafeCSVCell). It is called on every worker of a
// stream, once per finding, so the CSV writers and their buffers are
// pooled: a csv.Writer buffers 4 KiB of its own.
func appendCSV(dst []byte, cells []string) []byte {
	r := csvRows.Get().(*csvRow)
	defer csvRows.Put(r)
	r.buf.Reset()
	r.safe = r.safe[:0]
	for _, c := range cells {
		r.safe = append(r.safe, rules.SafeCSVCell(c))
	}
	_ = r.w.Write(r.safe) // into a buffer: cannot fail
	r.w.Flush()
	clear(r.safe) // hold on to no finding's text once back in the pool
	return append(dst, r.buf.Bytes()...)
}

// csvRow is a CSV writer into a buffer, for appendCSV.
type csvRow struct {
	buf  bytes.Buffer
	w    *csv.Writer
	safe []string
}

var csvRows = sync.Pool{New: func() any {
	r := new(csvRow)
	r.w = csv.NewWriter(&r.buf)
	return r
}}

// area loads one area and streams its JSON Lines files through emit.
func (sr *streamRun) area(path string, output compactkit.RunOption) int {
	k, err := loadKit(sr.af, path, sr.opts)
	if err != nil {
		sr.areaProblems(path, err, true, "cannot be checked")
		return exitInvalid
	}
	files, err := jsonlFiles(path)
	if err != nil {
		fmt.Fprintf(sr.stderr, "compact check: %v\n", err)
		return exitInvalid
	}
	if len(files) == 0 {
		fmt.Fprintf(sr.stderr, "compact check: %s holds no .jsonl records files to stream; check it without --stream\n", path)
		return exitInvalid
	}
	defer streamGC()()
	p := sr.progress()
	// The files share one collection: ids are unique across them, and the
	// rules on collections run once, after the last (CheckCollected).
	var col rules.Collection
	collect := compactkit.StreamOptions(rules.Collect(&col))
	for _, file := range files {
		in, err := os.Open(file)
		if err != nil {
			fmt.Fprintf(sr.stderr, "compact check: %v\n", err)
			return exitInvalid
		}
		opts := append(runOptions(&sr.asOf, sr.period), compactkit.EvalOptions(sr.eval...), output, collect)
		if p != nil {
			opts = append(opts, compactkit.StreamOptions(rules.Progress(50_000, time.Now, p.show)))
		}
		_, st, err := k.CheckStream(sr.ctx, in, file, nil, opts...)
		_ = in.Close() // read only
		if p != nil {
			p.done(st)
		}
		if err != nil {
			if sr.ctx.Err() != nil {
				return exitInvalid
			}
			sr.areaProblems(file, err, true, "cannot be checked")
			return exitInvalid
		}
	}
	_, err = k.CheckCollected(sr.ctx, &col, nil, append(runOptions(&sr.asOf, sr.period), compactkit.EvalOptions(sr.eval...), output)...)
	if p != nil {
		p.finish()
	}
	if err != nil {
		fmt.Fprintf(sr.stderr, "compact check: %s: %v\n", path, err)
		return exitInvalid
	}
	return exitOK
}

// streamHeadroom is how far the heap of a stream may grow past what it
// holds live (the area, and the records kept for the rules on collections)
// before the garbage collector runs (see streamGC).
const streamHeadroom = 96 << 20

// streamGCEvery is how often streamGC looks at the live heap.
const streamGCEvery = 50 * time.Millisecond

// streamGC has the garbage collector run by the heap's size rather than
// its growth while a stream runs, and returns what restores the settings.
// A stream holds little (the area, a few batches, the records kept for the
// rules on collections) and allocates a lot (every record, every finding):
// by default the collector would run every few megabytes, marking the area
// each time, a fifth of the stream's work. So it runs when the heap
// reaches what is live plus streamHeadroom. What is live grows as the
// stream keeps meetings, nominations and signatures, so the bound follows
// it (streamLimit), every streamGCEvery: a bound left below the live heap
// would have the collector run without end. GOGC or GOMEMLIMIT in the
// environment leave the collector as they set it.
func streamGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	runtime.GC() // what loading the area left behind goes now
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	live := func() int64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(sample[0].Value.Uint64())
	}
	set := streamLimit(live(), 0)
	limit := debug.SetMemoryLimit(set)
	percent := debug.SetGCPercent(-1)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(streamGCEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if next := streamLimit(live(), set); next != set {
					set = next
					debug.SetMemoryLimit(set)
				}
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// streamLimit is the memory limit of a stream whose live heap is live,
// whose limit is now current (0 at its start): live plus streamHeadroom to
// begin with; then, only once what is live has eaten half of the headroom
// (the ids and the records kept for the rules on collections grow with the
// stream), live plus three quarters of it. So a stream that keeps little
// stays at the bound it began with, and one that keeps much never has the
// collector running without end below its live heap.
func streamLimit(live, current int64) int64 {
	switch {
	case current == 0:
		return live + streamHeadroom
	case live+streamHeadroom/2 > current:
		return live + streamHeadroom*3/4
	}
	return current
}

// progress shows a streaming check's progress on stderr, when stderr is a
// terminal and --quiet is not given; nil otherwise.
func (sr *streamRun) progress() *progressLine {
	if sr.quiet || !isTerminal(sr.stderr) {
		return nil
	}
	return &progressLine{w: rawWriter(sr.stderr), start: time.Now()}
}

// progressLine rewrites one line of stderr with a stream's counts: records
// a second, time elapsed and findings so far, over every file of an area.
type progressLine struct {
	w              io.Writer // the terminal itself: the output wrapper would escape the carriage return
	start          time.Time
	records, finds int64 // of the files done
	shown          bool
}

func (p *progressLine) show(st rules.StreamStats) {
	el := time.Since(p.start)
	if el < 2*time.Second {
		return // a short run needs no progress
	}
	rec := p.records + st.Records
	fmt.Fprintf(p.w, "\r%d records, %.0f records/s, %s elapsed, %d findings", rec, float64(rec)/el.Seconds(), el.Round(time.Second), p.finds+st.Findings)
	p.shown = true
}

func (p *progressLine) done(st rules.StreamStats) { p.records += st.Records; p.finds += st.Findings }

func (p *progressLine) finish() {
	if p.shown {
		fmt.Fprintln(p.w)
	}
}

// rawWriter returns the writer under the output wrapper.
func rawWriter(w io.Writer) io.Writer {
	if o, ok := w.(*outWriter); ok {
		return o.w
	}
	return w
}

// isTerminal reports whether w is a terminal (through the output wrapper).
func isTerminal(w io.Writer) bool {
	f, ok := rawWriter(w).(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
