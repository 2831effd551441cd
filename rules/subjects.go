package rules

import (
	"fmt"
	"slices"

	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

// Member is the subject of member rules: one organisation's membership of
// a governance body of the compact (a steering group whose members serve at
// least three years and attend at least two meetings a year). Who is a
// member, since and until when, and who attended for it are worked out by
// compact.Members, the one place the annual report reads them too. In
// expressions it is the variable member.
type Member struct {
	// Body is the id of the governance body.
	Body string `json:"body"`
	// Organisation is the id of the member organisation.
	Organisation string `json:"organisation"`
	// Since is the first day of the membership: the earliest nomination of
	// one of the organisation's people to the body's member role. Not given
	// when the organisation has a seat but nobody was ever nominated.
	Since compact.Date `json:"since,omitzero"`
	// Until is the last day of the membership when every nomination has an
	// end date (a fixed term, even one that ends after the as-of date); not
	// given while a nomination is open-ended.
	Until compact.Date `json:"until,omitzero"`
	// Nominations of the organisation's people to the body's member role,
	// from the start, up to the as-of date.
	Nominations []*compact.Nomination `json:"nominations"`
	// Attended are the body's meetings in the period, up to the as-of date,
	// that someone from the organisation (a member, a deputy, anyone who
	// works for it) attended.
	Attended []*compact.Meeting `json:"attended"`
	// Held are the body's meetings in the period, up to the as-of date, held
	// while the organisation was a member (all of them when Since is not
	// given): the meetings it could have attended.
	Held []*compact.Meeting `json:"held"`
	// Committed is the date of the organisation's first signature that
	// carries a formal written commitment to the compact; not given if it
	// has none.
	Committed compact.Date `json:"committed,omitzero"`
}

// world is what rules look things up in: the compact, the directory and the
// records of an area, or of a pack test's fixture.
type world struct {
	compact    *compact.Resolved
	compactVar *compact.Compact                 // the compact variable: the compact, or an empty one
	orgs       map[string]*compact.Organisation // a fixture's; nil for an area (see orgOf)
	// orgOf finds an organisation by id: the area's own index, which the
	// checks of a streamed record have just looked the same ids up in, so
	// the second look finds them in the cache; a fixture's map otherwise.
	orgOf func(id string) (*compact.Organisation, bool)
	// adapt makes a subject's variable a CEL value, once per subject (see
	// subject.vals); the engine's type provider, set by whoever makes
	// the world for an engine. Nil leaves it to cel-go, at each read.
	adapt       func(any) ref.Val
	people      map[string]*compact.Person
	directory   []compact.Person // the people, in directory order, for compact.Members
	bodies      []*compact.Body
	records     *compact.Records
	signatures  []compact.Signature // the compact's signatories, then signature records
	signings    *compact.Signings   // signatures indexed by organisation
	meetingsBy  map[string][]*compact.Meeting
	reportsBy   map[string][]*compact.Report
	nominations map[string][]*compact.Nomination // by organisation
	holders     holderFunc                       // who holds a role, from package roles
	catalogue   *roles.Catalogue                 // the area's role catalogue, nil when none
}

func worldOf(a *compact.Area) *world {
	w := &world{compact: a.Compact, records: &a.Records, signatures: a.Signatures(), orgOf: a.Organisation}
	w.index(a.Directory.Organisations, a.Directory.People)
	w.holders, w.catalogue = holdersOf(a, w)
	return w
}

func worldOfFixture(f *Fixture, c *compact.Resolved, cat *roles.Catalogue) *world {
	recs := &compact.Records{Consultations: f.Consultations, Funding: f.Funding, Meetings: f.Meetings,
		Nominations: f.Nominations, Signatures: f.Signatures, Reports: f.Reports}
	w := &world{records: recs, compact: c}
	if fc := f.Compact; fc != nil {
		w.compact = &compact.Resolved{Compact: compact.Compact{ID: fc.ID, Title: fc.Title, Scope: fc.Scope,
			Commitments: fc.Commitments, Governance: fc.Governance, Signing: fc.Signing, Signatories: fc.Signatories,
			DisputeProcedure: fc.DisputeProcedure, Review: fc.Review}}
		if w.compact.ID == "" {
			w.compact.ID = "test"
		}
	}
	if w.compact != nil {
		w.signatures = append(w.signatures, w.compact.Signatories...)
	}
	w.signatures = append(w.signatures, recs.Signatures...)
	w.index(f.Organisations, f.People)
	w.catalogue = cat
	w.holders = nominatedHolders(w, cat)
	return w
}

func (w *world) index(orgs []compact.Organisation, people []compact.Person) {
	w.compactVar = w.compactOf()
	if w.orgOf == nil {
		w.orgs = make(map[string]*compact.Organisation, len(orgs))
		for i := range orgs {
			if _, dup := w.orgs[orgs[i].ID]; !dup { // the first, as an area's index
				w.orgs[orgs[i].ID] = &orgs[i]
			}
		}
		w.orgOf = func(id string) (*compact.Organisation, bool) { o, ok := w.orgs[id]; return o, ok }
	}
	w.directory = people
	w.people = make(map[string]*compact.Person, len(people))
	for i := range people {
		w.people[people[i].ID] = &people[i]
	}
	if w.compact != nil {
		for i := range w.compact.Governance {
			w.bodies = append(w.bodies, &w.compact.Governance[i])
		}
	}
	w.meetingsBy = groupBy(w.records.Meetings, func(m *compact.Meeting) string { return m.Body }, meetingDate)
	w.reportsBy = groupBy(w.records.Reports, func(r *compact.Report) string { return r.Body },
		func(r *compact.Report) compact.Date { return r.Delivered })
	w.nominations = groupBy(w.records.Nominations, func(n *compact.Nomination) string { return n.Organisation }, nil)
	w.signings = compact.IndexSignatures(w.signatures)
}

// groupBy groups records by a key, each group in date order (in file order
// when date is nil).
func groupBy[T any](items []T, key func(*T) string, date func(*T) compact.Date) map[string][]*T {
	out := map[string][]*T{}
	for i := range items {
		k := key(&items[i])
		out[k] = append(out[k], &items[i])
	}
	if date != nil {
		for _, list := range out {
			slices.SortStableFunc(list, func(a, b *T) int { return date(a).Compare(date(b)) })
		}
	}
	return out
}

// org returns the organisation with the id; one not in the directory is
// known by its id alone.
func (w *world) org(id string) *compact.Organisation {
	if o, ok := w.orgOf(id); ok {
		return o
	}
	return &compact.Organisation{ID: id, Name: id}
}

func (w *world) person(id string) *compact.Person {
	if p, ok := w.people[id]; ok {
		return p
	}
	return &compact.Person{ID: id, Name: id}
}

func (w *world) body(id string) *compact.Body {
	for _, b := range w.bodies {
		if b.ID == id {
			return b
		}
	}
	return &compact.Body{ID: id, Name: id}
}

// run is what every evaluation of one check shares: the as-of date, the
// period and the parameter values.
type run struct {
	asOf    compact.Date
	period  compact.Period
	params  *params
	epochs  []epoch // values from the dates parameters change, when any do
	compact *compact.Compact
}

// periodOf returns the period, working out the default (the financial year
// containing asOf) on first use: Evaluate leaves it to the rules that need
// it, as working it out costs more than many rules do.
func (r *run) periodOf() *compact.Period {
	if r.period == (compact.Period{}) {
		r.period = compact.FinancialYearOf(r.asOf)
	}
	return &r.period
}

// subject is one thing rules are evaluated on, with its variables. It is
// the CEL activation of every rule evaluated on it.
type subject struct {
	kind   SubjectKind
	ki     int // kind.index()
	id     string
	org    string
	source compact.Position
	prov   *compact.Provenance // an imported record's provenance; nil otherwise
	run    *run
	world  *world
	names  []variable
	vars   [maxVars]any // set when made, or when first read (see variable.get)
	// vals are the vars as CEL values, made when an expression first reads
	// them (see world.adapt): cel-go would otherwise wrap a record afresh
	// for each of the dozen expressions evaluated on it.
	vals [maxVars]ref.Val
	// frame, when set, is a cel-go execution frame whose scope is this
	// subject, which every untracked expression evaluated on it shares
	// (see bindFrame).
	frame *interpreter.ExecutionFrame
}

// newFrame returns a cel-go execution frame for bindFrame, or nil (then
// each evaluation takes cel-go's own) if cel-go refuses one.
func newFrame(s *subject) *interpreter.ExecutionFrame {
	f, err := interpreter.NewExecutionFrame(s)
	if err != nil {
		return nil // cannot happen: a subject is an activation
	}
	return f
}

// bindFrame makes f the frame of the untracked expressions evaluated on s.
// cel-go otherwise takes a frame from its pool for each evaluation, finds
// its function bindings and gives it back, which costs as much as a small
// expression, and a subject is evaluated by a dozen. An untracked
// expression leaves nothing on the frame (it has no cost tracker and no
// context, and pops the scopes it pushes), so one frame serves every
// subject a goroutine evaluates, one after another. Tracked expressions
// keep cel-go's frames: their tracker and context live there.
func bindFrame(f *interpreter.ExecutionFrame, s *subject) {
	if f != nil {
		f.SetScope(s)
	}
	s.frame = f
}

// ResolveName implements interpreter.Activation.
func (s *subject) ResolveName(name string) (any, bool) {
	switch name {
	case "asOf":
		return dateVal{&s.run.asOf}, true
	case "period":
		return periodVal{s.run.periodOf()}, true
	case "params":
		if len(s.run.epochs) > 0 {
			return s.run.paramsOn(s.date()), true
		}
		return s.run.params, true
	case "compact":
		return s.run.compact, true
	}
	for i := range s.names {
		if s.names[i].name != name {
			continue
		}
		if s.vals[i] != nil {
			return s.vals[i], true
		}
		if s.vars[i] == nil && s.names[i].get != nil {
			s.vars[i] = s.names[i].get(s.world, s.vars[0])
		}
		if s.world == nil || s.world.adapt == nil || s.vars[i] == nil {
			return s.vars[i], true
		}
		s.vals[i] = s.world.adapt(s.vars[i])
		return s.vals[i], true
	}
	return nil, false
}

// Parent implements interpreter.Activation.
func (s *subject) Parent() interpreter.Activation { return nil }

func newSubject(kind SubjectKind, id, org string, src compact.Position, r *run, vars ...any) subject {
	s := subject{kind: kind, ki: kind.index(), id: id, org: org, source: src, run: r, names: kindVars[kind]}
	copy(s.vars[:], vars)
	return s
}

// setRecord makes s the subject of a record, whose other variables are
// looked up when first read. It writes the fields in place: this is on the
// path of every Evaluate.
func (s *subject) setRecord(w *world, kind SubjectKind, ki int, names []variable, id, org string, src compact.Position, r *run, rec any) {
	s.kind, s.ki, s.id, s.org, s.source, s.run, s.world, s.names = kind, ki, id, org, src, r, w, names
	s.prov = nil
	s.vars[0] = rec
	for i := 1; i < maxVars; i++ {
		s.vars[i] = nil
	}
	s.vals = [maxVars]ref.Val{}
}

// subjects lists the subjects of the given kinds in scope on r.asOf for
// r.period:
//   - consultations that opened by asOf and ran during the period;
//   - funding decisions, meetings and reports dated in the period, by asOf;
//   - nominations that started by asOf and were in force during the period;
//   - signatures signed by asOf and not withdrawn before the period;
//   - every governance body; every organisation signed up on asOf;
//   - each member of each body with membership rules;
//   - the compact itself.
func (w *world) subjects(kinds map[SubjectKind]bool, r *run, adapt func(any) any) []subject {
	out := w.collectionSubjects(kinds, r, adapt)
	if kinds[OnConsultation] {
		out = addRecords(w, out, w.records.Consultations, r, consultationInScope)
	}
	if kinds[OnFunding] {
		out = addRecords(w, out, w.records.Funding, r, fundingInScope)
	}
	if kinds[OnMeeting] {
		out = addRecords(w, out, w.records.Meetings, r, meetingInScope)
	}
	if kinds[OnNomination] {
		out = addRecords(w, out, w.records.Nominations, r, nominationInScope)
	}
	if kinds[OnSignature] {
		out = addRecords(w, out, w.signatures, r, signatureInScope)
	}
	if kinds[OnReport] {
		out = addRecords(w, out, w.records.Reports, r, reportInScope)
	}
	return out
}

// The records in scope of a check on r.asOf for r.period, one function per
// kind: Check and CheckStream select records with them.

func consultationInScope(c *compact.Consultation, r *run) bool {
	return !c.Opens.After(r.asOf) && r.period.Overlaps(c.Opens, c.Closes)
}

func fundingInScope(f *compact.FundingDecision, r *run) bool {
	return compact.Counts(f.Decided, r.period, r.asOf)
}

func meetingInScope(m *compact.Meeting, r *run) bool { return compact.Counts(m.Date, r.period, r.asOf) }

func nominationInScope(n *compact.Nomination, r *run) bool {
	return !n.From.After(r.asOf) && r.period.Overlaps(n.From, n.To)
}

func signatureInScope(s *compact.Signature, r *run) bool {
	return !s.Signed.After(r.asOf) && (s.Withdrawn.IsZero() || !s.Withdrawn.Before(r.period.From))
}

func reportInScope(rep *compact.Report, r *run) bool {
	return compact.Counts(rep.Delivered, r.period, r.asOf)
}

// recordInScope says whether a record (as recordSubject takes it) is in
// scope of a check on r.
func recordInScope(rec any, r *run) bool {
	switch x := rec.(type) {
	case *compact.Consultation:
		return consultationInScope(x, r)
	case *compact.FundingDecision:
		return fundingInScope(x, r)
	case *compact.Meeting:
		return meetingInScope(x, r)
	case *compact.Nomination:
		return nominationInScope(x, r)
	case *compact.Signature:
		return signatureInScope(x, r)
	case *compact.Report:
		return reportInScope(x, r)
	}
	return false
}

// addRecords adds a subject for each record of list that in keeps, in the
// list's order.
func addRecords[T any](w *world, out []subject, list []T, r *run, in func(*T, *run) bool) []subject {
	for i := range list {
		if rec := &list[i]; in(rec, r) {
			out = w.addRecord(out, rec, r)
		}
	}
	return out
}

// collectionSubjects are the subjects that are not one record: the
// compact, each governance body, each member of a body inside the
// compact's structures, and each signatory on the as-of date.
func (w *world) collectionSubjects(kinds map[SubjectKind]bool, r *run, adapt func(any) any) []subject {
	var out []subject
	if kinds[OnCompact] && w.compact != nil {
		out = append(out, w.compactSubject(r, adapt))
	}
	if kinds[OnBody] {
		for _, b := range w.bodies {
			out = append(out, w.bodySubject(b, r, adapt))
		}
	}
	if kinds[OnMember] {
		for _, b := range w.bodies {
			if b.External {
				continue // a body outside the compact's structures
			}
			meetings := w.bodyMeetings(b, r, adapt)
			for _, m := range compact.MembersByRoles(b, w.memberRoles(b.Kind), w.directory, w.records.Nominations, r.asOf) {
				out = append(out, w.memberSubject(b, m, meetings, r))
			}
		}
	}
	if kinds[OnSignatory] {
		for _, org := range w.signatories(r.asOf) {
			out = append(out, w.signatorySubject(org, r, adapt))
		}
	}
	return out
}

// The variables of the record kinds, looked up once: a map look-up costs
// more than a simple rule's check.
var (
	consultationVars = kindVars[OnConsultation]
	fundingVars      = kindVars[OnFunding]
	meetingVars      = kindVars[OnMeeting]
	nominationVars   = kindVars[OnNomination]
	signatureVars    = kindVars[OnSignature]
	reportVars       = kindVars[OnReport]
)

// recordSubject makes s the subject of one record. It reports false for a
// value that is not a record rules apply to.
func (w *world) recordSubject(s *subject, rec any, r *run) bool {
	switch x := rec.(type) {
	case *compact.Consultation:
		s.setRecord(w, OnConsultation, 4, consultationVars, x.ID, x.Owner, x.Source, r, x)
		s.prov = x.Provenance
	case *compact.FundingDecision:
		s.setRecord(w, OnFunding, 5, fundingVars, x.ID, x.Funder, x.Source, r, x)
		s.prov = x.Provenance
	case *compact.Meeting:
		s.setRecord(w, OnMeeting, 6, meetingVars, x.ID, "", x.Source, r, x)
	case *compact.Nomination:
		s.setRecord(w, OnNomination, 7, nominationVars, x.ID, x.Organisation, x.Source, r, x)
	case *compact.Signature:
		id := x.ID
		if id == "" {
			id = x.Organisation
		}
		s.setRecord(w, OnSignature, 8, signatureVars, id, x.Organisation, x.Source, r, x)
	case *compact.Report:
		s.setRecord(w, OnReport, 9, reportVars, x.ID, "", x.Source, r, x)
	default:
		return false
	}
	return true
}

// addRecord appends the subject of a record to out.
func (w *world) addRecord(out []subject, rec any, r *run) []subject {
	out = append(out, subject{})
	w.recordSubject(&out[len(out)-1], rec, r)
	return out
}

// inPeriod returns the items dated in the period, up to asOf.
func inPeriod[T any](items []*T, date func(*T) compact.Date, r *run) []*T {
	out := []*T{}
	for _, it := range items {
		if compact.Counts(date(it), r.period, r.asOf) {
			out = append(out, it)
		}
	}
	return out
}

func meetingDate(m *compact.Meeting) compact.Date { return m.Date }

func (w *world) bodySubject(b *compact.Body, r *run, adapt func(any) any) subject {
	meetings := inPeriod(w.meetingsBy[b.ID], meetingDate, r)
	reports := []*compact.Report{}
	for _, rep := range w.reportsBy[b.ID] {
		if !rep.Delivered.After(r.asOf) {
			reports = append(reports, rep)
		}
	}
	to := &compact.Body{}
	if b.Reporting != nil {
		to = w.body(b.Reporting.To)
	}
	return newSubject(OnBody, b.ID, "", b.Source, r, b, adapt(meetings), adapt(reports), to)
}

// signatories returns the organisations signed up on a date, in the order
// they first signed, by the rule of compact.SignatoriesOn.
func (w *world) signatories(on compact.Date) []string {
	return w.signings.Signatories(on)
}

func (w *world) signatorySubject(org string, r *run, adapt func(any) any) subject {
	sig, _ := w.signings.On(org, r.asOf)
	if sig == nil {
		sig = &compact.Signature{Organisation: org}
	}
	noms := []*compact.Nomination{}
	for _, n := range w.nominations[org] {
		if n.InForce(r.asOf) {
			noms = append(noms, n)
		}
	}
	champions := []string{}
	if w.holders != nil {
		champions = append(champions, w.holders(championRole, org, r.asOf)...)
	}
	return newSubject(OnSignatory, org, org, sig.Source, r, w.org(org), sig, adapt(noms), adapt(champions))
}

// bodyMeetings are a body's meetings in the period, up to the as-of date,
// in date order, indexed by attendee: worked out once per body, not once
// per member.
type bodyMeetings struct {
	list       []*compact.Meeting
	adapted    any // list as a CEL value, shared by the members
	attendance *compact.Attendance
}

func (w *world) bodyMeetings(b *compact.Body, r *run, adapt func(any) any) bodyMeetings {
	list := inPeriod(w.meetingsBy[b.ID], meetingDate, r)
	return bodyMeetings{list: list, adapted: adapt(list), attendance: compact.IndexAttendance(list)}
}

// memberSubject makes the subject of one membership, worked out by
// compact.Members (or compact.MemberOf): the membership, and the body's
// meetings in the period that the organisation attended and could attend.
// Its time grows with the member's own meetings and signatures: the
// meetings it could attend are a run of the date-ordered list (a
// membership is one span of days), and those it attended come from the
// attendance index.
func (w *world) memberSubject(b *compact.Body, cm *compact.Member, bm bodyMeetings, r *run) subject {
	org := cm.Organisation
	m := &Member{Body: b.ID, Organisation: org, Since: cm.Since, Until: cm.Until, Nominations: cm.Nominations,
		Attended: bm.attendance.Of(cm), Held: held(bm.list, cm)}
	src := b.Source
	if len(m.Nominations) > 0 {
		src = m.Nominations[0].Source
	}
	for _, s := range w.signings.Of(org) {
		if s.Signed.After(r.asOf) {
			break // in the order signed
		}
		if s.WrittenCommitment {
			m.Committed = s.Signed
			break
		}
	}
	return newSubject(OnMember, b.ID+"/"+org, org, src, r, m, b, w.org(org), bm.adapted)
}

// held returns the meetings of a date-ordered list held while the member
// was serving: one run of the list, as serving is one span of days. The
// run shares the body's list (clipped, so an append cannot write into
// it): a copy per member would cost members times meetings, gigabytes for a
// national directory.
func held(meetings []*compact.Meeting, cm *compact.Member) []*compact.Meeting {
	lo, _ := slices.BinarySearchFunc(meetings, cm.Since, func(mt *compact.Meeting, d compact.Date) int { return mt.Date.Compare(d) })
	if cm.Since.IsZero() {
		lo = 0
	}
	hi := len(meetings)
	if !cm.Until.IsZero() {
		hi, _ = slices.BinarySearchFunc(meetings, cm.Until.AddDays(1), func(mt *compact.Meeting, d compact.Date) int { return mt.Date.Compare(d) })
	}
	if hi < lo {
		hi = lo
	}
	return meetings[lo:hi:hi]
}

func (w *world) compactSubject(r *run, adapt func(any) any) subject {
	c := &w.compact.Compact
	sigs := w.signatories(r.asOf)
	if sigs == nil {
		sigs = []string{}
	}
	return newSubject(OnCompact, c.ID, "", c.Source, r, adapt(sigs))
}

// compactOf is the compact variable of a world: its compact, or an empty one.
func (w *world) compactOf() *compact.Compact {
	if w.compact == nil {
		return &compact.Compact{}
	}
	return &w.compact.Compact
}

// subjectOf makes the subject of a value given to Evaluate, in s: a record,
// a governance body, a *Member (its body and organisation), a signatory's
// *compact.Organisation, or the *compact.Resolved compact.
func (w *world) subjectOf(s *subject, v any, r *run, adapt func(any) any) (*subject, error) {
	if w.recordSubject(s, v, r) {
		return s, nil
	}
	r.periodOf() // collections are of the period
	switch x := v.(type) {
	case *compact.Body:
		*s = w.bodySubject(x, r, adapt)
	case *Member:
		b := w.body(x.Body)
		*s = w.memberSubject(b, compact.MemberOfByRoles(b, x.Organisation, w.memberRoles(b.Kind), w.directory, w.records.Nominations, r.asOf), w.bodyMeetings(b, r, adapt), r)
	case *compact.Organisation:
		*s = w.signatorySubject(x.ID, r, adapt)
	case *compact.Resolved:
		w2 := *w
		w2.compact = x
		r.compact = &x.Compact
		*s = w2.compactSubject(r, adapt)
	default:
		return nil, fmt.Errorf("%w: rules apply to *compact.Consultation, *compact.FundingDecision, *compact.Meeting, *compact.Nomination, *compact.Signature, *compact.Report, *compact.Body, *rules.Member, *compact.Organisation (a signatory) and *compact.Resolved, not %T", ErrSubject, v)
	}
	return s, nil
}

// memberRoles returns the roles whose nominations make an organisation a
// member of a body of the kind: the reference roles, and those the area's
// role catalogue says imply one of them (roles.Catalogue.MemberRoles, which
// the annual report counts members with too).
func (w *world) memberRoles(kind compact.BodyKind) []string {
	return w.catalogue.MemberRoles(kind) // nil-safe: the reference roles alone
}
