package rules

import (
	"context"
	"errors"
	"runtime"

	"github.com/compactkit/compactkit/compact"
)

// maxStreamProblems is how many invalid-input problems (unknown
// references, duplicate ids) a streaming check gathers before it stops: a
// file that names no known organisation would otherwise gather a problem a
// line, and enough of them say what is wrong.
const maxStreamProblems = 1000

// Collection is what a streaming check keeps of the records it streams, for
// the checks that need every record: the meetings, nominations, signatures
// and reports (the records the rules on bodies, members, signatories and
// the compact read; consultations and funding decisions, the bulk of a
// national run, are not kept), and a hash of the kind and id of every
// record (see [compact.RecordChecker]), to report an id used twice. Its
// memory grows with those records, and by some 25 bytes a record for the
// ids.
//
// CheckStream keeps its own, and evaluates the rules on collections at its
// end. A check of several files of one area shares one Collection ([Collect])
// and evaluates them once, after the last file, with
// [Engine.CheckCollected]. The zero value is ready to use, for one engine;
// it is not safe for concurrent use.
type Collection struct {
	records compact.Records // streamed meetings, nominations, signatures, reports, in stream order
	checker *compact.RecordChecker
}

// Collect has CheckStream add the records it streams to c, to check ids
// across several files and evaluate the rules on collections once after the
// last, with [Engine.CheckCollected]: CheckStream then does not evaluate
// them itself.
func Collect(c *Collection) StreamOption {
	return func(sc *streamConfig) { sc.collect = c }
}

// Records returns how many records c keeps for the rules on collections.
func (c *Collection) Records() int {
	r := &c.records
	return len(r.Meetings) + len(r.Nominations) + len(r.Signatures) + len(r.Reports)
}

// account is what a worker notes of a batch's records for the
// Collection, which the writer then takes in file order.
type account struct {
	recs []any // every record decoded, in line order
}

// account notes a decoded record for the writer, on a worker.
func (s *streamer) account(bt *batch, rec any) { bt.acc.recs = append(bt.acc.recs, rec) }

// collecting returns the Collection a stream adds to, and whether the
// stream owns it (and so evaluates the rules on collections at its end).
func (sc *streamConfig) collecting() (*Collection, bool) {
	if sc.collect != nil {
		return sc.collect, false
	}
	return &Collection{}, true
}

// take checks the records of a batch the writer has emitted as the area's
// own are checked (compact.RecordChecker: ids unique, references known)
// and adds those of collections to the collection, on the writer's
// goroutine (so in file order, without locks). It returns the problems
// once there are maxStreamProblems.
func (s *streamer) take(acc *account) error {
	c := s.col
	if c.checker == nil {
		c.checker = s.e.area.NewRecordChecker()
	}
	for _, rec := range acc.recs {
		if err := c.checker.Check(rec); err != nil {
			s.problems = append(s.problems, compact.AsErrors(err)...)
		}
		switch x := rec.(type) {
		case *compact.Meeting:
			c.records.Meetings = append(c.records.Meetings, *x)
		case *compact.Nomination:
			c.records.Nominations = append(c.records.Nominations, *x)
		case *compact.Signature:
			c.records.Signatures = append(c.records.Signatures, *x)
		case *compact.Report:
			c.records.Reports = append(c.records.Reports, *x)
		}
	}
	*acc = account{}
	if len(s.problems) >= maxStreamProblems {
		return errTooManyProblems
	}
	return nil
}

// errTooManyProblems stops a stream that has gathered maxStreamProblems.
var errTooManyProblems = errors.New("too many problems")

// end finishes a stream whose lines ended with err: the problems of its
// records, sorted, with those of the line that did not decode (err), when
// there are any; otherwise, when the stream owns its collection, the
// findings of the rules on collections, emitted after the records'.
func (s *streamer) end(ctx context.Context, w *streamWriter, emit func(Finding) error, sc *streamConfig, workers int, err error) error {
	var decode compact.Errors
	if err != nil && !errors.As(err, &decode) && !errors.Is(err, errTooManyProblems) {
		return err // the context's, the output's, reading's
	}
	if probs := append(s.problems, decode...); len(probs) > 0 {
		probs.Sort()
		return probs
	}
	if !s.own {
		return nil
	}
	n, err := s.e.emitCollected(ctx, s.col, s.run, workers, s.budget, emit, sc)
	w.st.Findings += n
	return err
}

// CheckCollected evaluates the rules on collections (body, member,
// signatory, compact) over the area plus the records streamed into c (see
// [Collect]), then the rules on records over the area's own records, and
// emits their findings in check order, as CheckStream does at its end:
// with the streams' findings, what Check finds when the streamed records
// are the area's YAML records. opts and sopts are those of the streams
// ([AsOf] is required; of the StreamOptions only [Encoded] applies). It
// lets go of the ids c holds: a stream added to c afterwards checks its
// ids against the area's alone. It returns the counts (Findings), and an
// error when emit or write returns one or ctx ends.
func (e *Engine) CheckCollected(ctx context.Context, c *Collection, emit func(Finding) error, opts []EvalOption, sopts ...StreamOption) (StreamStats, error) {
	cfg, sc, err := streamConfigs(opts, sopts)
	if err != nil {
		return StreamStats{}, err
	}
	ctx, r, b, cancel := e.prepare(ctx, cfg)
	defer cancel()
	n, err := e.emitCollected(ctx, c, r, cfg.workers, b, emit, &sc)
	return StreamStats{Findings: n}, err
}

// streamConfigs applies the options of a streaming check.
func streamConfigs(opts []EvalOption, sopts []StreamOption) (*evalConfig, streamConfig, error) {
	c := new(evalConfig)
	var sc streamConfig
	if err := config(c, opts); err != nil {
		return nil, sc, err
	}
	for _, o := range sopts {
		o(&sc)
	}
	return c, sc, nil
}

// prepare sets the defaults of a check's config (the period, the workers)
// and makes its run and budget, and the context its Timeout bounds.
func (e *Engine) prepare(ctx context.Context, c *evalConfig) (context.Context, *run, *budget, context.CancelFunc) {
	if c.period == (compact.Period{}) {
		c.period = e.area.PeriodFor(c.asOf)
	}
	if c.workers < 1 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	r := &run{asOf: c.asOf, period: c.period, params: e.params, epochs: e.epochs, compact: e.world.compactVar}
	b := &budget{limit: or(c.runCost, MaxRunCost), parent: ctx}
	cancel := context.CancelFunc(func() {})
	if c.timeout > 0 {
		ctx, cancel = context.WithTimeoutCause(ctx, c.timeout, errTimeout)
		b.timeout = c.timeout
	}
	return ctx, r, b, cancel
}

// collectedWriteBytes is how much of the encoded findings of the rules on
// collections is written at a time.
const collectedWriteBytes = 256 << 10

// recordKinds are the kinds of subject that are one record.
var recordKinds = map[SubjectKind]bool{OnConsultation: true, OnFunding: true, OnMeeting: true, OnNomination: true,
	OnSignature: true, OnReport: true}

// emitCollected evaluates the rules on collections over the area plus the
// collection, then the rules on records on the area's own records (its
// YAML records and the compact's signatories, which no stream holds), and
// emits (or encodes and writes) their findings in check order: with the
// streamed records' findings before them, the findings Check gives when
// the streamed records are the area's. The world the rules on collections
// are evaluated in is built by the code that builds Check's (worldOf), from
// the area with the collection's records after its own. It returns how many
// findings it emitted.
func (e *Engine) emitCollected(ctx context.Context, c *Collection, r *run, workers int, b *budget, emit func(Finding) error, sc *streamConfig) (int64, error) {
	c.checker = nil // the ids are done with: let them go before the world is built
	w := e.world
	if c.Records() > 0 {
		w = worldOf(e.area.WithRecords(&c.records))
		w.adapt = e.world.adapt
	}
	subjects := w.collectionSubjects(e.kinds, r, e.adapt)
	records := map[SubjectKind]bool{} // the record kinds alone: the area's own records
	for k, on := range e.kinds {
		records[k] = on && recordKinds[k]
	}
	subjects = append(subjects, e.world.subjects(records, r, e.adapt)...)
	found, err := e.checkSubjects(ctx, subjects, workers, b)
	if err != nil {
		return 0, err
	}
	if sc.write != nil {
		// Written a batch at a time, as the streamed records' are: the
		// findings of a national directory's members and signatories
		// encoded at once would be tens of megabytes, the stream's peak.
		var buf []byte
		for i := range found {
			if buf, err = sc.encode(buf, &found[i]); err != nil {
				return 0, err
			}
			if len(buf) >= collectedWriteBytes || i == len(found)-1 {
				if err := sc.write(buf); err != nil {
					return 0, err
				}
				buf = buf[:0]
			}
		}
		return int64(len(found)), nil
	}
	for i, f := range found {
		if err := emit(f); err != nil {
			return int64(i), err
		}
	}
	return int64(len(found)), nil
}
