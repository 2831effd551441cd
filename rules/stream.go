package rules

import (
	"context"
	"errors"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/compactkit/compactkit/compact"
)

// streamBatchLines is how many lines the reader hands a worker at a time:
// enough that handing out work costs little beside decoding it, few enough
// that the batches in flight (streamBatchesPerWorker per worker) hold a few
// megabytes of text at most.
const streamBatchLines = 256

// streamBatchesPerWorker is how many batches may be read, decoded or
// waiting to be written per worker: two keep every worker busy while the
// writer catches up, and bound the memory a stream holds whatever its
// length.
const streamBatchesPerWorker = 2

// StreamStats counts what a streaming check has done so far.
type StreamStats struct {
	// Lines read, blank ones included.
	Lines int64
	// Records decoded.
	Records int64
	// Checked is how many records were in scope and evaluated.
	Checked int64
	// Findings emitted.
	Findings int64
	// Elapsed since the check began, measured by the caller's clock (see
	// [Progress]); zero when no progress function is given.
	Elapsed time.Duration
}

// StreamOption configures CheckStream beside the [EvalOption]s.
type StreamOption func(*streamConfig)

type streamConfig struct {
	progress func(StreamStats)
	every    int64
	now      func() time.Time
	encode   func(dst []byte, f *Finding) ([]byte, error)
	write    func(p []byte) error
	collect  *Collection // see Collect
}

// Encoded has CheckStream encode each finding on the workers, with encode
// (which appends one finding to dst, as a JSON or CSV line; it is called
// from several goroutines at once), and hand the encoded findings of each
// batch of lines to write, in file order, instead of calling emit (which
// may then be nil; write must not keep p, whose buffer is reused). Encoding a
// million findings costs more than evaluating them; this spreads it over
// the workers.
func Encoded(encode func(dst []byte, f *Finding) ([]byte, error), write func(p []byte) error) StreamOption {
	return func(c *streamConfig) { c.encode, c.write = encode, write }
}

// Progress has CheckStream call fn with its counts after every n records
// (n < 1: every 10,000) and once at the end, on the goroutine that emits
// findings. now is the clock Elapsed is measured with (time.Now in a
// command); the library never reads the clock itself.
func Progress(n int64, now func() time.Time, fn func(StreamStats)) StreamOption {
	return func(c *streamConfig) { c.progress, c.every, c.now = fn, n, now }
}

// batch is a run of lines, read in order, and then their findings.
type batch struct {
	seq      int
	first    int      // line number of lines[0]
	text     []byte   // the lines' bytes, back to back
	ends     []int    // where each line ends in text
	findings Findings // in line order, then pack order
	encoded  []byte   // the findings encoded, with Encoded
	records  int64
	checked  int64
	err      error // the first line that did not decode, or the context's error

	acc account // the records, for the Collection (see streamcollect.go)
}

// CheckStream checks the records of a JSON Lines records file (see
// [compact.DecodeRecordLine]), read from r and named file in positions,
// against the rules in force on the record kinds (consultation, funding,
// meeting, nomination, signature, report), and calls emit with each
// finding in file order (a record's findings in pack order), with the
// record's file:line as its Source. The records are looked up in the area
// the engine was compiled for (organisations, people, bodies, the compact),
// which is where the YAML documents of the area are; the streamed records
// are not added to it and are never all held: memory holds a few batches of
// lines per worker, however long the stream.
//
// The records in scope are those Check would select for the as-of date and
// period ([AsOf] is required, [Period] defaults as for Check, [Workers]
// sets the workers, [RunCost] and [Timeout] bound the whole stream as they
// bound a Check). One goroutine splits lines; the workers decode and
// evaluate them; the calling goroutine emits.
//
// The rules on collections (body, member, signatory, compact) need every
// meeting, nomination and signature at once: CheckStream keeps those
// records (see [Collection]) and evaluates them after the last line, over
// the area plus the kept records, then the rules on the area's own
// records, emitting their findings after the streamed records' (with
// [Collect], over several files, [Engine.CheckCollected] does instead). A
// record whose id is used before or that names something the area does not
// have is reported in the returned [compact.Errors] (see the package
// documentation, Streaming).
//
// With [Encoded], the findings are encoded on the workers and written in
// batches instead, and emit may be nil.
//
// CheckStream returns the counts, and an error when a line does not decode
// (the line's [compact.Errors], after the findings of every line before
// it), when emit returns one, when reading fails, or when ctx ends.
func (e *Engine) CheckStream(ctx context.Context, r io.Reader, file string, emit func(Finding) error, opts []EvalOption, sopts ...StreamOption) (StreamStats, error) {
	c, sc, err := streamConfigs(opts, sopts)
	if err != nil {
		return StreamStats{}, err
	}
	if sc.every < 1 {
		sc.every = 10_000
	}
	ctx, run, b, cancel := e.prepare(ctx, c)
	defer cancel()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	s := &streamer{e: e, run: run, budget: b, file: file, cancel: stop}
	s.col, s.own = sc.collecting()
	return s.stream(ctx, r, c.workers, emit, &sc)
}

// streamer is one CheckStream: the reader, the workers and the writer.
type streamer struct {
	e      *Engine
	run    *run
	budget *budget
	file   string
	cancel context.CancelFunc // stops the reader and workers when the writer stops

	col      *Collection    // what the stream keeps for collections (see streamcollect.go)
	own      bool           // col is the stream's own: it evaluates the rules on collections at its end
	problems compact.Errors // the records' problems, in file order
}

func (s *streamer) stream(ctx context.Context, r io.Reader, workers int, emit func(Finding) error, sc *streamConfig) (StreamStats, error) {
	// The batches in flight are made once and go round: the reader fills
	// a free one, a worker decodes, evaluates and encodes it, the writer
	// writes it and frees it. Their buffers keep the capacity they grew
	// to, so a long stream allocates little beyond the records themselves.
	free := make(chan *batch, workers*streamBatchesPerWorker)
	for range cap(free) {
		free <- batchPool.Get().(*batch)
	}
	defer func() { // back to the pool, for the next file, once every goroutine is done with them
		for range cap(free) {
			select {
			case bt := <-free:
				bt.reset()
				batchPool.Put(bt)
			default:
				return // a batch the writer stopped at: let it go
			}
		}
	}()
	jobs := make(chan *batch, workers)
	done := make(chan *batch, workers*streamBatchesPerWorker)
	readErr := make(chan error, 1)
	var lines atomic.Int64
	go func() {
		defer close(jobs)
		readErr <- s.read(ctx, r, free, jobs, &lines)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dec := compact.NewRecordDecoder(s.file, s.facts())
			for bt := range jobs {
				s.evaluate(ctx, dec, bt)
				if sc.encode != nil {
					encode(bt, sc.encode)
				}
				done <- bt
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	w := &streamWriter{emit: emit, sc: sc, lines: &lines, pending: map[int]*batch{}, nextReport: sc.every, take: s.take}
	if sc.now != nil {
		w.start = sc.now()
	}
	var err error
	for bt := range done {
		if err != nil {
			continue // drain: the reader and workers are stopping
		}
		if err = w.add(bt, free); err != nil {
			s.cancel()
		}
	}
	w.report()
	w.st.Lines = lines.Load()
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	if err == nil {
		err = ctx.Err()
	}
	err = s.end(ctx, w, emit, sc, workers, err)
	return w.st, err
}

// streamWriter emits the findings of batches in order, whatever order the
// workers finish them in.
type streamWriter struct {
	emit       func(Finding) error
	sc         *streamConfig
	lines      *atomic.Int64
	pending    map[int]*batch
	next       int
	nextReport int64
	start      time.Time
	st         StreamStats
	take       func(*account) error // adds a batch's records to the Collection
}

// add takes a finished batch and writes every batch now next in order,
// handing each back to the reader once written.
func (w *streamWriter) add(bt *batch, free chan<- *batch) error {
	w.pending[bt.seq] = bt
	for bt := w.pending[w.next]; bt != nil; bt = w.pending[w.next] {
		delete(w.pending, w.next)
		w.next++
		if err := w.write(bt); err != nil {
			return err
		}
		bt.reset()
		free <- bt
		if w.st.Records >= w.nextReport {
			w.report()
			w.nextReport = w.st.Records + w.sc.every
		}
	}
	return nil
}

// write emits or writes one batch's findings and counts them, then adds
// its records to the Collection; the error is emit's, write's or the
// Collection's, or the batch's own.
func (w *streamWriter) write(bt *batch) error {
	w.st.Records += bt.records
	w.st.Checked += bt.checked
	if w.sc.write != nil {
		if len(bt.encoded) > 0 {
			if err := w.sc.write(bt.encoded); err != nil {
				return err
			}
		}
		w.st.Findings += int64(len(bt.findings))
	} else {
		for i := range bt.findings {
			if err := w.emit(bt.findings[i]); err != nil {
				return err
			}
			w.st.Findings++
		}
	}
	if err := w.take(&bt.acc); err != nil {
		return err
	}
	return bt.err
}

// batchPool keeps the batches of the streams done, with their grown
// buffers, for the next: an area streams file after file.
var batchPool = sync.Pool{New: func() any { return &batch{ends: make([]int, 0, streamBatchLines)} }}

// reset empties a written batch for the reader, keeping its buffers.
func (bt *batch) reset() {
	*bt = batch{text: bt.text[:0], ends: bt.ends[:0], findings: bt.findings[:0], encoded: bt.encoded[:0]}
}

// report calls the progress function, if there is one.
func (w *streamWriter) report() {
	if w.sc.progress == nil {
		return
	}
	w.st.Lines = w.lines.Load()
	w.st.Elapsed = w.sc.now().Sub(w.start)
	w.sc.progress(w.st)
}

// facts are the fact declarations of the engine's compact, which the
// records' facts are typed against.
func (s *streamer) facts() compact.FactDecls {
	if c := s.e.area.Compact; c != nil {
		return c.Facts
	}
	return nil
}

// encode encodes a batch's findings; a finding that does not encode ends
// the batch with the error.
func encode(bt *batch, enc func(dst []byte, f *Finding) ([]byte, error)) {
	for i := range bt.findings {
		var err error
		if bt.encoded, err = enc(bt.encoded, &bt.findings[i]); err != nil {
			bt.findings, bt.err = bt.findings[:i], err
			return
		}
	}
}

// read splits r into batches of lines, each filling a free batch, and
// hands them to the workers.
func (s *streamer) read(ctx context.Context, r io.Reader, free <-chan *batch, jobs chan<- *batch, lines *atomic.Int64) error {
	var bt *batch
	seq := 0
	send := func() error {
		jobs <- bt
		bt = nil
		seq++
		return nil
	}
	err := compact.ScanRecordLines(r, s.file, func(line int, text []byte) error {
		lines.Add(1)
		if bt == nil {
			select {
			case bt = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
			bt.seq, bt.first = seq, line
		}
		bt.text = append(bt.text, text...)
		bt.ends = append(bt.ends, len(bt.text))
		if len(bt.ends) == streamBatchLines {
			return send()
		}
		return nil
	})
	if err == nil && bt != nil {
		err = send()
	}
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// evaluate decodes a batch's lines and evaluates the rules on the records
// in scope, into the batch's findings. It stops at the first line that does
// not decode.
func (s *streamer) evaluate(ctx context.Context, dec *compact.RecordDecoder, bt *batch) {
	e := s.e
	var sub subject
	if frame := newFrame(&sub); frame != nil {
		defer frame.Close()
		bindFrame(frame, &sub) // sub is the subject of every record, in place
	}
	start := 0
	for i, end := range bt.ends {
		text := bt.text[start:end]
		start = end
		if err := ctx.Err(); err != nil {
			bt.err = err
			break
		}
		rec, err := dec.Decode(bt.first+i, text)
		if err != nil {
			bt.err = err
			break
		}
		if rec == nil {
			continue
		}
		bt.records++
		s.account(bt, rec)
		if !recordInScope(rec, s.run) || !e.world.recordSubject(&sub, rec, s.run) {
			continue
		}
		rules := e.byKind[sub.ki]
		if len(rules) == 0 {
			continue
		}
		bt.checked++
		n := len(bt.findings)
		bt.findings = slices.Grow(bt.findings, len(rules))[:n+len(rules)] // checkSubject sets every field
		if err := e.checkSubject(ctx, &sub, bt.findings[n:], s.budget); err != nil {
			bt.findings = bt.findings[:n]
			bt.err = err
			break
		}
	}
}
