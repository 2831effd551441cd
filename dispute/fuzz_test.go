package dispute_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

// The actors, people, stages and outcomes random events pick from: the
// riverside area's, and some that do not exist.
var (
	fuzzActors   = []dispute.Actor{{Person: "ann"}, {Person: "hal"}, {Person: "cat"}, {Person: "fin"}, {Person: "dan"}, {Person: "eve"}, {Person: "tom"}, {Person: "sam"}, {Organisation: "small-charity"}, {Person: "sam", Role: "steering-group-member"}, {Person: "eve", Role: "compact-officer"}, {}}
	fuzzPeople   = []string{"cat", "fin", "tom", "ann", "hal", "eve", "sam", "nobody"}
	fuzzStages   = []string{"", "admissibility", "informal", "review", "complaint", "advice", "ombudsman", "court", "nowhere"}
	fuzzOutcomes = append(dispute.Outcomes(), "", "settled")
)

// likely lists, for each event type, actors who may well be allowed to
// record it, so that random sequences get far into the procedure.
var likely = map[dispute.EventType][]string{
	dispute.Raised: {"eve"}, dispute.EvidenceAdded: {"eve", "ann", "cat"}, dispute.Admitted: {"dan", "sam"},
	dispute.Redirected: {"dan"}, dispute.Referred: {"eve", "ann"}, dispute.AdviceSought: {"eve"},
	dispute.AdviceReceived: {"eve"}, dispute.Acknowledged: {"ann", "eve"}, dispute.Responded: {"ann", "hal", "eve"},
	dispute.Stage2Requested: {"eve"}, dispute.Stage2Acknowledged: {"ann"}, dispute.Stage2Responded: {"hal"},
	dispute.ReviewerNominated: {"sam", "ann"}, dispute.ReviewerStoodDown: {"sam", "cat"},
	dispute.RecommendationIssued: {"cat", "fin"}, dispute.AgreementReached: {"ann", "eve"}, dispute.Informed: {"dan"},
	dispute.Escalated: {"eve"}, dispute.Withdrawn: {"eve"}, dispute.Closed: {"dan"}, dispute.Note: {"tom"},
}

// weighted lists the event types, those that close a case less often than
// the others, so that random sequences get far before they close.
var weighted = func() []dispute.EventType {
	var out []dispute.EventType
	for _, t := range dispute.EventTypes() {
		n := 4
		if t == dispute.Withdrawn || t == dispute.Redirected || t == dispute.Closed {
			n = 1
		}
		for range n {
			out = append(out, t)
		}
	}
	return out
}()

// randomEvent builds an event from four bytes: its type, its actor, its
// payload and how long after the last event it happens (sometimes before).
func randomEvent(b []byte, last time.Time) dispute.Event {
	t := weighted[int(b[0])%len(weighted)]
	pick := int(b[2])
	gap := time.Duration(b[3]%48) * 12 * time.Hour
	if b[3] == 255 {
		gap = -time.Hour
	}
	actor := fuzzActors[int(b[1])%len(fuzzActors)]
	if b[1] < 192 {
		actor = dispute.Actor{Person: likely[t][int(b[1])%len(likely[t])]}
	}
	e := dispute.Event{Type: t, At: dispute.At(last.Add(gap)), Actor: actor}
	switch t {
	case dispute.Raised:
		e = raised(e.At.Format(time.RFC3339), func(r *dispute.Event) { r.Actor = e.Actor })
		if pick%5 == 1 {
			e.Challenger = "tenants-group"
		}
		if pick%7 == 2 {
			e.Respondent = "river-housing"
		}
	case dispute.EvidenceAdded:
		e.Title = "Evidence"
	case dispute.Redirected, dispute.RecommendationIssued, dispute.AgreementReached, dispute.Note:
		e.Text = "Words."
	case dispute.ReviewerNominated, dispute.ReviewerStoodDown:
		e.Person = fuzzPeople[pick%len(fuzzPeople)]
		if t == dispute.ReviewerStoodDown && pick%2 == 0 {
			e.Person = e.Actor.Person
		}
	case dispute.Informed:
		e.People = []string{fuzzPeople[pick%len(fuzzPeople)], fuzzPeople[(pick/8)%len(fuzzPeople)]}
	case dispute.Closed:
		e.Outcome = fuzzOutcomes[pick%len(fuzzOutcomes)]
	case dispute.Responded:
		e.Final = pick%2 == 0
	case dispute.AdviceSought:
		if pick%3 == 0 {
			e.To = "Compact Voice"
		}
	}
	if slices.Contains([]dispute.EventType{dispute.Admitted, dispute.Referred, dispute.Escalated, dispute.AdviceSought,
		dispute.AdviceReceived}, t) {
		e.Stage = fuzzStages[(pick/3)%len(fuzzStages)]
	}
	if pick >= 250 { // a field the event may not take
		e.Person = "cat"
	}
	return e
}

// runRandom applies the events data describes to a riverside case and
// checks, after every event, that a refused one changed nothing and an
// accepted one left the case in a state the procedure allows; at the end,
// that replaying the log gives the same case.
func runRandom(t testing.TB, p *dispute.Procedure, data []byte) {
	last := dispute.MustParseTime("2023-11-06T09:00:00Z").Time
	var c *dispute.Case
	for len(data) >= 4 {
		e := randomEvent(data[:4], last)
		data = data[4:]
		var err error
		if c == nil {
			c, err = p.Open(t.Context(), "random", e)
		} else {
			before, n := c.State(), c.Len()
			err = c.Apply(t.Context(), e)
			if err != nil && (c.Len() != n || !equalState(before, c.State())) {
				t.Fatalf("refused %s changed the case: %v", e.Type, err)
			}
		}
		if err != nil {
			var r *dispute.Refusal
			if !errors.As(err, &r) || !errors.Is(err, dispute.ErrRefused) || r.Reason == "" {
				t.Fatalf("%s: not a refusal: %v", e.Type, err)
			}
			continue
		}
		last = e.At.Time
		if err := invariants(p, c); err != nil {
			t.Fatalf("after %s (event %d): %v", e.Type, c.Len(), err)
		}
	}
	if c == nil {
		return
	}
	again, err := p.Replay(t.Context(), c.ID(), c.Entries())
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if !equalState(c.State(), again.State()) || c.Head() != again.Head() {
		t.Fatalf("replay differs")
	}
	for _, d := range []string{"2023-11-01", "2023-12-25", "2024-06-30"} {
		_ = c.Deadlines(t.Context(), day(d)) // never panics
	}
}

func equalState(a, b dispute.State) bool { return reflect.DeepEqual(a, b) }

// invariants checks what no sequence of accepted events may break.
func invariants(p *dispute.Procedure, c *dispute.Case) error {
	st := c.State()
	def := p.Definition()
	entries := c.Entries()
	order := map[string]int{}
	for i, s := range def.Stages {
		order[s.ID] = i
	}
	stageOf := func(id string) compact.Stage { return def.Stages[order[id]] }

	// Time never goes back; a closed case gains only notes.
	closedAt := -1
	for i, e := range entries {
		if i > 0 && e.At.Before(entries[i-1].At.Time) {
			return fmt.Errorf("event %d is before event %d", i, i-1)
		}
		if closedAt >= 0 && e.Type != dispute.Note {
			return fmt.Errorf("%s after the case closed", e.Type)
		}
		if e.Type == dispute.Closed || e.Type == dispute.Withdrawn || e.Type == dispute.Redirected {
			closedAt = i
		}
	}
	if (st.Phase == dispute.PhaseClosed) != (closedAt >= 0) || (st.Phase == dispute.PhaseClosed) != (st.Outcome != "") ||
		(st.Phase == dispute.PhaseClosed) != !st.ClosedOn.IsZero() {
		return fmt.Errorf("phase %s, outcome %q, closed on %s", st.Phase, st.Outcome, st.ClosedOn)
	}

	// Main stages: the first first, then forward only, each once, each
	// after the stages it follows.
	var main []dispute.Visit
	for _, v := range st.Visits {
		if v.Kind != compact.StageAdvice {
			main = append(main, v)
		}
	}
	if len(main) == 0 || main[0].Stage != def.Stages[0].ID {
		return fmt.Errorf("the case did not start at %s", def.Stages[0].ID)
	}
	for i, v := range main {
		if i > 0 && order[v.Stage] <= order[main[i-1].Stage] {
			return fmt.Errorf("%s after %s", v.Stage, main[i-1].Stage)
		}
		for _, a := range stageOf(v.Stage).After {
			j := slices.IndexFunc(main[:i], func(w dispute.Visit) bool { return w.Stage == a })
			switch {
			case j < 0 && !stageOf(a).Optional:
				return fmt.Errorf("%s without %s first", v.Stage, a)
			case j < 0:
			case main[j].Kind == compact.StageAdmissibility && (main[j].Done.IsZero() || main[j].Done.After(v.Entered)):
				return fmt.Errorf("%s without admissibility passed", v.Stage)
			case main[j].Kind == compact.StageReview && (main[j].Done.IsZero() || main[j].Done.After(v.Entered)) && len(stageOf(a).Limits) == 0:
				return fmt.Errorf("%s after a review that neither recommended nor could overrun", v.Stage)
			}
		}
	}
	if last := main[len(main)-1]; last.Stage != st.Stage {
		return fmt.Errorf("at %s, but the last stage visited is %s", st.Stage, last.Stage)
	}
	if st.Phase != dispute.PhaseAgreed && st.Phase != dispute.PhaseClosed && st.Phase != dispute.Phase(stageOf(st.Stage).Kind) {
		return fmt.Errorf("phase %s at a %s stage", st.Phase, stageOf(st.Stage).Kind)
	}

	// Reviewers come from neither party; recommendations need enough of them.
	for _, r := range st.Reviewers {
		for _, party := range []string{st.Challenger, st.Respondent} {
			if related(p.Area(), r.Organisation, party) && stageOf(r.Stage).IndependentReviewers {
				return fmt.Errorf("reviewer %s works for a party", r.Person)
			}
		}
	}
	for _, rec := range st.Recommendations {
		n := 0
		for _, r := range st.Reviewers {
			if r.Stage == rec.Stage && !r.Nominated.After(rec.Day) && (r.Active() || !r.StoodDown.Before(rec.Day)) {
				n++
			}
		}
		if n < stageOf(rec.Stage).MinReviewers {
			return fmt.Errorf("a recommendation with %d reviewers", n)
		}
	}

	// Outcomes have what they need.
	switch st.Outcome {
	case dispute.ResolvedByAgreement:
		if st.Agreement == nil {
			return fmt.Errorf("resolved by agreement without one")
		}
		for _, t := range st.Inform {
			if !t.Met() {
				return fmt.Errorf("resolved by agreement before %v were told", t.People)
			}
		}
	case dispute.OutcomeEscalated:
		if k := stageOf(st.Stage).Kind; k != compact.StageEscalation && k != compact.StageLegal {
			return fmt.Errorf("escalated at a %s stage", k)
		}
	}
	return nil
}

// related reports whether two organisations are the same or one is part of
// the other.
func related(a *compact.Area, x, y string) bool {
	up := func(id string) []string {
		out := []string{id}
		for o, ok := a.Organisation(id); ok && o.Parent != "" && len(out) < 8; o, ok = a.Organisation(o.Parent) {
			out = append(out, o.Parent)
		}
		return out
	}
	return slices.Contains(up(x), y) || slices.Contains(up(y), x)
}

// randomData returns the bytes of a random sequence of events. Unless
// anything goes, it starts with a raised event the procedure accepts.
func randomData(seed int, anything bool) []byte {
	r := rand.New(rand.NewPCG(uint64(seed), 2024))
	data := make([]byte, 4*(10+r.IntN(150)))
	for i := range data {
		data[i] = byte(r.IntN(256))
	}
	if !anything {
		data[0], data[1], data[2], data[3] = 0, 0, 0, 1
	}
	return data
}

// TestRandomSequences runs the property over seeded random sequences, so
// it runs with every go test.
func TestRandomSequences(t *testing.T) {
	p := riverside(t)
	n := 1000
	if testing.Short() {
		n = 100
	}
	for seed := range n {
		runRandom(t, p, randomData(seed, seed%4 == 0))
	}
}

func FuzzEvents(f *testing.F) {
	f.Add([]byte{0, 5, 0, 1, 2, 4, 0, 2, 4, 5, 0, 1})
	f.Add([]byte{0, 5, 0, 1, 2, 4, 0, 2, 3, 5, 3, 2, 12, 7, 2, 1, 12, 7, 3, 1, 14, 2, 0, 40, 17, 5, 6, 1})
	p := riverside(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4*200 {
			return
		}
		runRandom(t, p, data)
	})
}

func TestRandomSequencesReachEveryPhase(t *testing.T) {
	// The generator is only worth its runs if it gets everywhere.
	p := riverside(t)
	seen := map[dispute.Phase]bool{}
	outcomes := map[dispute.Outcome]bool{}
	for seed := range 1000 {
		data := randomData(seed, false)
		last := dispute.MustParseTime("2023-11-06T09:00:00Z").Time
		var c *dispute.Case
		for len(data) >= 4 {
			e := randomEvent(data[:4], last)
			data = data[4:]
			var err error
			if c == nil {
				c, err = p.Open(t.Context(), "random", e)
			} else {
				err = c.Apply(t.Context(), e)
			}
			if err == nil {
				last = e.At.Time
				seen[c.Phase()] = true
				outcomes[c.State().Outcome] = true
			}
		}
	}
	for _, ph := range []dispute.Phase{"admissibility", "informal", "review", "complaint", "escalation", "legal", dispute.PhaseAgreed, dispute.PhaseClosed} {
		require.True(t, seen[ph], "no random sequence reached %s", ph)
	}
	require.GreaterOrEqual(t, len(outcomes), 5, "outcomes reached: %v", outcomes)
}

// FuzzDecode reads arbitrary case files: never a panic, and a case that
// loads replays to itself.
func FuzzDecode(f *testing.F) {
	for _, path := range []string{"../examples/kirklees/disputes/community-transport-cut-2013.yaml",
		"../examples/kent/disputes/arts-grant-reduction-2013.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("apiVersion: compactkit/v1\nkind: Dispute\nid: x\nevents: []\n"))
	f.Add([]byte(`{"apiVersion":"compactkit/v1","kind":"Dispute","id":"x","events":[{"type":"note","at":"2024-01-01T00:00:00Z","actor":{},"hash":""}]}`))
	p := kirklees(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := compact.Parse("case.yaml", data)
		if err != nil || len(docs) != 1 {
			return
		}
		c, err := p.Decode(t.Context(), docs[0])
		if err != nil {
			if len(compact.AsErrors(err)) == 0 {
				t.Fatal("an error with no problems in it")
			}
			return
		}
		again, err := p.Replay(t.Context(), c.ID(), c.Entries())
		if err != nil || again.Head() != c.Head() {
			t.Fatalf("a case that loads does not replay: %v", err)
		}
		_ = c.Timeline()
		_ = c.Deadlines(t.Context(), day("2014-03-31"))
	})
}

// FuzzApplyFile applies an event file of any bytes to a signed case on
// disk: either the event is refused and the case file and its checkpoint
// log are exactly as they were, or the file gains one signed event, loads,
// and the log's last line is its new head.
func FuzzApplyFile(f *testing.F) {
	head := "apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: grant-cut-2023\n"
	f.Add([]byte(head + "type: note\nat: 2023-11-14T10:00:00Z\nactor: {person: eve}\ntext: Noted.\n"))
	f.Add([]byte(head + "type: recommendation-issued\nat: 2023-11-15T10:00:00Z\nactor: {person: cat}\ntext: Give notice.\n"))
	f.Add([]byte(head + "type: withdrawn\nat: 2023-11-15T10:00:00Z\nactor: {person: hal}\n"))
	f.Add([]byte(head + "type: reviewer-nominated\nat: 2023-11-01T10:00:00Z\nactor: {person: sam}\nperson: tom\n"))
	dir, p, s := signedArea(f, "")
	src := signedCase(f, dir, p, s)
	caseText, err := os.ReadFile(src)
	require.NoError(f, err)
	logText, err := os.ReadFile(filepath.Join(filepath.Dir(src), dispute.CheckpointFile))
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := compact.Parse("event.yaml", data)
		if err != nil || len(docs) != 1 {
			return
		}
		ef, err := dispute.ReadEvent(docs[0])
		if err != nil {
			return
		}
		work := t.TempDir()
		path, log := filepath.Join(work, "grant-cut-2023.yaml"), filepath.Join(work, dispute.CheckpointFile)
		require.NoError(t, os.WriteFile(path, caseText, 0o644))
		require.NoError(t, os.WriteFile(log, logText, 0o644))
		c, err := p.ApplyFile(t.Context(), path, []dispute.Event{ef.Event}, dispute.SignWith(s))
		if err != nil {
			assert.Equal(t, string(caseText), readFile(t, path), "a refused event leaves the case file")
			assert.Equal(t, string(logText), readFile(t, log), "and its log")
			return
		}
		again, err := p.Load(t.Context(), path)
		require.NoError(t, err, "an accepted event loads")
		require.Equal(t, c.Head(), again.Head())
		require.Equal(t, 6, again.Len())
		last := again.Entries()[5]
		assert.Equal(t, s.KeyID(), last.Key)
		lines, err := dispute.ParseCheckpoints(log, []byte(readFile(t, log)))
		require.NoError(t, err)
		assert.Equal(t, dispute.Checkpoint{Seq: 3, Case: "grant-cut-2023", Events: 6, Head: c.Head()}, dispute.Checkpoint{Seq: lines[2].Seq, Case: lines[2].Case, Events: lines[2].Events, Head: lines[2].Head})
	})
}

// FuzzParseCheckpoints: any text either is refused with a positioned
// error, or parses to lines that write back to the same text.
func FuzzParseCheckpoints(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "kirklees", "disputes", dispute.CheckpointFile))
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte("v1 1 a 1 sha256:00 - - -\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := dispute.ParseCheckpoints("log", data)
		if err != nil {
			require.NotEmpty(t, compact.AsErrors(err))
			require.ErrorIs(t, err, dispute.ErrCheckpoint)
			return
		}
		var b []byte
		for _, l := range lines {
			b = append(b, l.String()+"\n"...)
		}
		require.Equal(t, string(data), string(b))
	})
}

// FuzzParseSigner: any text is a key or an error, never a panic.
func FuzzParseSigner(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "example-steering-group.key"))
	require.NoError(f, err)
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := dispute.ParseSigner(data)
		if err == nil {
			require.NotEmpty(t, s.Public())
		}
	})
}
