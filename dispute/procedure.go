package dispute

import (
	"fmt"
	"slices"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/roles"
)

// Case dates that a limit or a clock may count from (its from field),
// besides event types and stage ids.
const (
	// AnchorDecision is the date of the decision challenged.
	AnchorDecision = "decision"
	// AnchorAware is the day the challenger became aware of the matter
	// (the decision's date when not given).
	AnchorAware = "aware"
	// AnchorRaised is the day the case was raised.
	AnchorRaised = "raised"
)

var caseDates = []string{AnchorDecision, AnchorAware, AnchorRaised}

// DefaultLockWait is how long an apply waits for another apply on the same
// case file to finish before it gives up with ErrLocked. An apply takes
// milliseconds; ten seconds covers a slow disk and a queue of a few.
const DefaultLockWait = 10 * time.Second

// Procedure is an area's dispute procedure, ready to run cases: the stages
// of the area's compact (its own procedure, or the national one it
// inherits), the directory and roles that say who may do what, and the
// working-day calendar. Build it with [New].
//
// A Procedure is read-only once built and safe to share between
// goroutines; the cases it opens and loads are not.
type Procedure struct {
	area  *compact.Area
	def   *compact.DisputeProcedure
	index map[string]int // stage id -> position
	reg   *roles.Register
	cal   Calendar
	wait  time.Duration
	conds *conditions
	keys  *keyring // nil when the area has no keys document
	hooks hooks    // for tests that interrupt writes
}

// Option configures [New].
type Option func(*options)

type options struct {
	cal  Calendar
	reg  *roles.Register
	wait time.Duration
}

// WithCalendar counts working days with c instead of [EnglandAndWales].
func WithCalendar(c Calendar) Option { return func(o *options) { o.cal = c } }

// WithRegister uses reg, already built for the area, for who holds which
// role, instead of building one.
func WithRegister(reg *roles.Register) Option { return func(o *options) { o.reg = reg } }

// WithLockWait sets how long [Procedure.ApplyFile] waits for another apply
// on the same case file ([DefaultLockWait] unless set). Zero or less means
// do not wait: a case file in use is refused at once with ErrLocked.
func WithLockWait(d time.Duration) Option { return func(o *options) { o.wait = d } }

// New builds the dispute procedure of an area: the resolved compact's
// procedure, checked. Limits and clocks must count from and until known
// anchors, stage ids must not be mistaken for them, and inform lists must
// name roles of the area's catalogue. Problems are reported together as
// [compact.Errors] pointing at the field of the compact. An area whose
// compact has no procedure is ErrNoProcedure.
func New(area *compact.Area, opts ...Option) (*Procedure, error) {
	o := options{wait: DefaultLockWait}
	for _, opt := range opts {
		opt(&o)
	}
	if area.Compact == nil || area.Compact.DisputeProcedure == nil {
		return nil, fmt.Errorf("%w: the area's compact sets no dispute procedure, and neither does any compact it extends", ErrNoProcedure)
	}
	p := &Procedure{area: area, def: area.Compact.DisputeProcedure, index: map[string]int{}, reg: o.reg, cal: o.cal, wait: o.wait}
	if p.cal == nil {
		p.cal = EnglandAndWales()
	}
	if p.reg == nil {
		reg, err := roles.New(area)
		if err != nil {
			return nil, err
		}
		p.reg = reg
	}
	for i, s := range p.def.Stages {
		p.index[s.ID] = i
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	conds, err := compileConditions(p)
	if err != nil {
		return nil, err
	}
	p.conds = conds
	if p.keys, err = loadKeys(area); err != nil {
		return nil, err
	}
	return p, nil
}

// Area returns the area the procedure belongs to.
func (p *Procedure) Area() *compact.Area { return p.area }

// Definition returns the procedure as the compact writes it. It must not
// be changed.
func (p *Procedure) Definition() *compact.DisputeProcedure { return p.def }

// Register returns who holds which role in the area.
func (p *Procedure) Register() *roles.Register { return p.reg }

// Calendar returns the working-day calendar.
func (p *Procedure) Calendar() Calendar { return p.cal }

// Stage returns the stage with the id.
func (p *Procedure) Stage(id string) (*compact.Stage, bool) {
	i, ok := p.index[id]
	if !ok {
		return nil, false
	}
	return &p.def.Stages[i], true
}

// stageIDs lists the stage ids in order.
func (p *Procedure) stageIDs() []string {
	out := make([]string, len(p.def.Stages))
	for i, s := range p.def.Stages {
		out[i] = s.ID
	}
	return out
}

// isMain reports whether a stage is on the main line of the procedure (not
// advice, which runs alongside).
func isMain(s *compact.Stage) bool { return s.Kind != compact.StageAdvice }

// firstStage is the stage a case starts at: the first that is not advice.
func (p *Procedure) firstStage() *compact.Stage {
	for i := range p.def.Stages {
		if isMain(&p.def.Stages[i]) {
			return &p.def.Stages[i]
		}
	}
	return nil
}

// anchorKind says what an anchor word names.
type anchorKind int

const (
	anchorNone      anchorKind = iota // empty: the stage's own start or finish, or the case closing
	anchorCaseDate                    // decision, aware, raised
	anchorEventType                   // an event type
	anchorStage                       // a stage id
	anchorUnknown
)

// anchor classifies an anchor word. raised is a case date (the day raised
// is the day of the raised event).
func (p *Procedure) anchor(word string) anchorKind {
	switch {
	case word == "":
		return anchorNone
	case slices.Contains(caseDates, word):
		return anchorCaseDate
	case EventType(word).Valid():
		return anchorEventType
	}
	if _, ok := p.index[word]; ok {
		return anchorStage
	}
	return anchorUnknown
}

// anchorWords lists every word an anchor may be, for suggestions.
func (p *Procedure) anchorWords(dates bool) []string {
	var out []string
	if dates {
		out = append(out, caseDates...)
	}
	return append(append(out, docfmt.EnumStrings(eventTypes)...), p.stageIDs()...)
}

// check reports what is wrong with the procedure for running cases.
func (p *Procedure) check() error {
	var errs compact.Errors
	d := p.def
	errf := func(at compact.Position, field string, class error, format string, args ...any) {
		errs = append(errs, p.area.Errorf(at, field, class, format, args...))
	}
	if p.firstStage() == nil {
		errf(d.Source, "stages", compact.ErrMissing, "a dispute procedure needs a stage that is not advice, for a case to start at")
	}
	anchor := func(at compact.Position, field, word string, from bool) {
		switch k := p.anchor(word); {
		case k == anchorCaseDate && !from:
			errf(at, field, compact.ErrReference, "%q is a case date, which is set when the case is raised: a limit cannot wait for it; use an event type or a stage id", word)
		case k == anchorUnknown:
			msg := fmt.Sprintf("%q is not something a time limit can count %s", word, map[bool]string{true: "from", false: "until"}[from])
			if near := docfmt.Closest(word, p.anchorWords(from)); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			if from {
				msg += "; use decision, aware, raised, an event type or a stage id"
			} else {
				msg += "; use an event type or a stage id"
			}
			errf(at, field, compact.ErrReference, "%s", msg)
		}
	}
	for _, s := range d.Stages {
		if slices.Contains(caseDates, s.ID) || EventType(s.ID).Valid() {
			errf(s.Source, "id", compact.ErrValue, "stage id %q is also the name of a case date or event type, so limits that name it would be ambiguous; rename the stage", s.ID)
		}
		if s.MinReviewers > 0 && s.Kind != compact.StageReview {
			errf(s.Source, "minReviewers", compact.ErrValue, "minReviewers applies to review stages, not %s", s.Kind)
		}
		for j, l := range s.Limits {
			anchor(s.Source, fmt.Sprintf("limits[%d].from", j), l.From, true)
			anchor(s.Source, fmt.Sprintf("limits[%d].until", j), l.Until, false)
		}
		for j, r := range s.Inform {
			if _, ok := p.reg.Catalogue().Role(r); !ok {
				msg := fmt.Sprintf("unknown role %q", r)
				if near := docfmt.Closest(r, p.reg.Catalogue().RoleIDs()); near != "" {
					msg += fmt.Sprintf("; did you mean %q?", near)
				}
				errf(s.Source, fmt.Sprintf("inform[%d]", j), compact.ErrReference, "%s", msg)
			}
		}
	}
	for i, c := range d.Clocks {
		if c.From == "" {
			errf(d.Source, fmt.Sprintf("clocks[%d].from", i), compact.ErrMissing, "a clock needs from: decision, aware, raised, an event type or a stage id")
		} else {
			anchor(d.Source, fmt.Sprintf("clocks[%d].from", i), c.From, true)
		}
		anchor(d.Source, fmt.Sprintf("clocks[%d].until", i), c.Until, false)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
