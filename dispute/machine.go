package dispute

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/roles"
)

// maxParentDepth bounds walks up organisation parents; real hierarchies are
// a level or two (a service of a council).
const maxParentDepth = 8

// stepper applies one event to a case under construction.
type stepper struct {
	ctx context.Context
	c   *Case
	e   *Event
	tr  *Transition
	day compact.Date
	act acting
	err error // the context's error, when it ended during a guard

	rebuild bool // rebuilding a case already loaded: the area's guards are not evaluated again

	// What the guards resolved, for the effect.
	to     *compact.Stage // the stage an admitted, referred or escalated event moves to
	advice string         // the advice stage an advice-sought event starts ("" for none)
	answer int            // the advice an advice-received event answers
}

// acting is the actor as resolved against the directory and the roles.
type acting struct {
	org   string             // the organisation acted for
	holds []roles.Assignment // roles held on the day (only Actor.Role, when given)
}

func (s *stepper) refuse(class error, fld, format string, args ...any) *Refusal {
	return &Refusal{Index: len(s.c.entries), Event: s.e.Type, State: string(s.c.st.Phase), Field: fld, Class: class,
		Reason: fmt.Sprintf(format, args...)}
}

// step checks e against the case and, when it is accepted, changes the
// state. It changes nothing when it refuses.
//
// Strict (faithful false) is for recording: every check refuses. Faithful
// is for reading a stored event: the state machine's order (the phase,
// the payload's fields, the time order, the stage moved to) still refuses,
// but what depends on today's directory, roles and records (permissions,
// guards, ids no longer known) becomes a warning on the case, for the
// event was checked against the data as it stood when it was recorded.
func (c *Case) step(ctx context.Context, e *Event, m mode) error {
	lenient := m != strict
	s := &stepper{ctx: ctx, c: c, e: e, day: e.Day(), rebuild: m == rebuild}
	tr, ok := transition(e.Type)
	if !ok {
		return s.refuse(ErrInvalidEvent, "type", "%q is not an event type", e.Type)
	}
	s.tr = tr
	if !slices.Contains(tr.From, c.st.Phase) {
		return s.refuse(ErrTransition, "type", "%s", s.notNow())
	}
	var warnings []Warning
	for _, f := range [](func() *Refusal){s.shape, s.timing, s.actor, s.permitted, s.admissibility, s.guard, s.conditions} {
		r := f()
		if s.err != nil {
			return s.err
		}
		if r == nil {
			continue
		}
		if !lenient || !s.tolerable(r) {
			return r
		}
		if len(warnings) == 0 { // the first contradiction names the event; what follows from it would repeat it
			warnings = append(warnings, Warning{Index: r.Index, Event: r.Event,
				Message: "today's data contradicts this event, which was accepted when it was recorded: " + r.Reason})
		}
	}
	if !s.effectSafe() {
		return s.refuse(ErrInvalidEvent, "", "the event cannot be replayed: what it refers to is not in today's data")
	}
	c.warnings = append(c.warnings, warnings...)
	s.effect()
	return nil
}

// mode is how step checks an event.
type mode int

const (
	strict   mode = iota // recording an event: every check refuses
	faithful             // reading a stored event: data drift warns
	rebuild              // rebuilding a loaded case as of a day: as faithful, without the area's guards
)

// tolerable reports whether a refusal of a stored event depends on data
// that may have changed since it was recorded, rather than on the case's
// own order: faithful reading warns of it instead.
func (s *stepper) tolerable(r *Refusal) bool {
	switch r.Class {
	case ErrPermission, ErrGuard:
		return true
	case ErrInvalidEvent:
		f := r.Field
		for _, ref := range []string{"actor", "person", "people[", "challenger", "respondent", "commitments[", "decision.record", "actions["} {
			if strings.HasPrefix(f, ref) {
				return true
			}
		}
	}
	return false
}

// effectSafe reports whether what the effect needs was resolved.
func (s *stepper) effectSafe() bool {
	switch s.e.Type {
	case Admitted, Referred, Escalated:
		return s.to != nil
	case AdviceReceived:
		return s.answer >= 0 && s.answer < len(s.c.st.Advice)
	case Raised:
		return s.c.proc.firstStage() != nil
	}
	return true
}

// admissibility checks that whoever rules on admissibility comes from
// neither party, where the procedure asks for it.
func (s *stepper) admissibility() *Refusal {
	p := s.c.proc
	if !p.def.IndependentAdmissibility || s.c.st.Phase != phAdmissibility {
		return nil
	}
	if s.e.Type != Admitted && s.e.Type != Redirected {
		return nil
	}
	if s.e.Type == Redirected && s.is(WhoChallenger) && !s.is(WhoBody) && !s.is(WhoOfficer) {
		return nil // the challenger takes its own case to the complaints procedure
	}
	orgs := []string{s.act.org}
	if person, ok := p.area.Person(s.e.Actor.Person); ok && person.Organisation != s.act.org {
		orgs = append(orgs, person.Organisation) // acting for another organisation does not make them independent
	}
	for _, org := range orgs {
		for _, party := range []string{s.c.st.Challenger, s.c.st.Respondent} {
			if p.related(org, party) {
				side := "the challenger"
				if party == s.c.st.Respondent {
					side = "the respondent"
				}
				rel := "is " + side
				if org != party {
					rel = p.relation(org, party) + " (" + side + ")"
				}
				return s.refuse(ErrGuard, "actor", "whoever rules on admissibility comes from neither party; %s is of %s, which %s",
					p.actorName(s.e.Actor), p.orgName(org), rel)
			}
		}
	}
	return nil
}

// notNow explains why the event does not apply in the case's phase.
func (s *stepper) notNow() string {
	st := &s.c.st
	switch st.Phase {
	case PhaseNew:
		return "the case has not been raised yet; the first event is raised"
	case PhaseClosed:
		return fmt.Sprintf("the case closed on %s (%s); a closed case accepts only notes", st.ClosedOn, st.Outcome)
	case PhaseAgreed:
		return fmt.Sprintf("the parties reached an agreement on %s; what is left is to tell those to be told and close the case", st.Agreement.Day)
	}
	if s.e.Type == Raised {
		return "the case is already open"
	}
	return fmt.Sprintf("the case is at %s, a stage of kind %s; %s applies only at %s", s.c.proc.stageName(st.Stage), st.Phase, s.e.Type, phaseList(s.tr.From))
}

// shape checks the payload: the fields the event type needs are given and
// no others.
func (s *stepper) shape() *Refusal {
	for _, f := range allFields {
		need, allow := slices.Contains(s.tr.Needs, string(f)), slices.Contains(s.tr.Allows, string(f))
		switch given := s.e.given(f); {
		case need && !given:
			return s.refuse(ErrInvalidEvent, string(f), "a %s event needs %s", s.e.Type, f)
		case given && !need && !allow:
			return s.refuse(ErrInvalidEvent, string(f), "a %s event has no field %s; it takes %s", s.e.Type, f, s.fieldList())
		}
	}
	if s.e.At.IsZero() {
		return s.refuse(ErrInvalidEvent, "at", "the event needs the time it happened")
	}
	if s.e.Type == Raised {
		for _, f := range []field{fChallenger, fRespondent} {
			if id := s.party(f); !s.c.proc.knownOrg(id) {
				return s.refuse(ErrInvalidEvent, string(f), "%s", s.unknown("organisation", id))
			}
		}
	}
	for i, a := range s.e.Actions {
		if strings.TrimSpace(a.Text) == "" {
			return s.refuse(ErrInvalidEvent, fmt.Sprintf("actions[%d].text", i), "an action needs its text")
		}
		if a.Owner != "" {
			if _, ok := s.c.proc.area.Organisation(a.Owner); !ok {
				return s.refuse(ErrInvalidEvent, fmt.Sprintf("actions[%d].owner", i), "%s", s.unknown("organisation", a.Owner))
			}
		}
	}
	return nil
}

func (s *stepper) fieldList() string {
	all := append(slices.Clone(s.tr.Needs), s.tr.Allows...)
	if len(all) == 0 {
		return "no payload"
	}
	return strings.Join(all, ", ")
}

// timing checks that the event is not before the one before it.
func (s *stepper) timing() *Refusal {
	if n := len(s.c.entries); n > 0 {
		last := s.c.entries[n-1].At
		if s.e.At.Before(last.Time) {
			return s.refuse(ErrInvalidEvent, "at", "the event is dated %s, before the event before it (%s); events are recorded in the order they happened",
				s.e.At, last)
		}
	}
	return nil
}

// actor resolves the actor against the directory and the roles.
func (s *stepper) actor() *Refusal {
	a := s.e.Actor
	area := s.c.proc.area
	switch {
	case a.Person == "" && a.Organisation == "":
		return s.refuse(ErrInvalidEvent, "actor", "the actor needs a person or an organisation")
	case a.Person != "":
		p, ok := area.Person(a.Person)
		if !ok {
			return s.refuse(ErrInvalidEvent, "actor.person", "%s", s.unknown("person", a.Person))
		}
		s.act.org = p.Organisation
		s.act.holds = s.c.proc.reg.RolesOf(a.Person, s.day)
		if a.Organisation != "" && a.Organisation != p.Organisation {
			if _, ok := area.Organisation(a.Organisation); !ok {
				return s.refuse(ErrInvalidEvent, "actor.organisation", "%s", s.unknown("organisation", a.Organisation))
			}
			holdsFor := slices.ContainsFunc(s.act.holds, func(h roles.Assignment) bool { return h.Organisation == a.Organisation })
			if !s.c.proc.related(p.Organisation, a.Organisation) && !holdsFor {
				return s.refuse(ErrPermission, "actor.organisation", "%s works for %s and holds no role for %s on %s, so cannot act for it",
					s.c.proc.personName(a.Person), s.c.proc.orgName(p.Organisation), s.c.proc.orgName(a.Organisation), s.day)
			}
			s.act.org = a.Organisation
		}
	default:
		if _, ok := area.Organisation(a.Organisation); !ok {
			return s.refuse(ErrInvalidEvent, "actor.organisation", "%s", s.unknown("organisation", a.Organisation))
		}
		s.act.org = a.Organisation
		for _, h := range s.c.proc.reg.Held(s.day) {
			if h.Organisation == a.Organisation && s.c.proc.heldByOrganisation(h.Role) {
				s.act.holds = append(s.act.holds, h)
			}
		}
	}
	if a.Role != "" {
		var only []roles.Assignment
		for _, h := range s.act.holds {
			if h.Role == a.Role {
				only = append(only, h)
			}
		}
		if len(only) == 0 {
			if _, ok := s.c.proc.reg.Catalogue().Role(a.Role); !ok {
				return s.refuse(ErrInvalidEvent, "actor.role", "%s", s.unknown("role", a.Role))
			}
			return s.refuse(ErrPermission, "actor.role", "%s does not hold the role %s on %s", s.c.proc.actorName(a), a.Role, s.day)
		}
		s.act.holds = only
	}
	return nil
}

// unknown says that an id is not known, with a suggestion.
func (s *stepper) unknown(what, id string) string {
	var known []string
	area := s.c.proc.area
	switch what {
	case "organisation":
		for _, o := range area.Directory.Organisations {
			known = append(known, o.ID)
		}
	case "person":
		for _, p := range area.Directory.People {
			known = append(known, p.ID)
		}
	case "role":
		known = s.c.proc.reg.Catalogue().RoleIDs()
	case "stage":
		known = s.c.proc.stageIDs()
	case "commitment":
		for _, m := range area.Compact.Commitments {
			known = append(known, m.ID)
		}
	}
	msg := fmt.Sprintf("unknown %s %q", what, id)
	if near := docfmt.Closest(id, known); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return msg
}

// is reports whether the actor is of a class, at the stage of the event.
func (s *stepper) is(w Who) bool {
	st := &s.c.st
	p := s.c.proc
	stage, _ := p.Stage(st.Stage)
	switch w {
	case WhoChallenger:
		return p.related(s.act.org, s.party(fChallenger))
	case WhoRespondent:
		return p.related(s.act.org, s.party(fRespondent))
	case WhoParty:
		return s.is(WhoChallenger) || s.is(WhoRespondent)
	case WhoReviewer:
		return s.e.Actor.Person != "" && slices.ContainsFunc(st.activeReviewers(st.Stage), func(r Reviewer) bool { return r.Person == s.e.Actor.Person })
	case WhoBody:
		kind := p.bodyKind(stage)
		return slices.ContainsFunc(s.act.holds, func(h roles.Assignment) bool {
			r, ok := p.reg.Catalogue().Role(h.Role)
			return ok && r.Body == kind
		})
	case WhoOfficer:
		return slices.ContainsFunc(s.act.holds, func(h roles.Assignment) bool {
			r, ok := p.reg.Catalogue().Role(h.Role)
			return ok && r.Contact == roles.ScopeArea
		})
	case WhoHandled:
		return stage != nil && stage.Handler != "" && s.is(WhoParty)
	case WhoSelf:
		return s.e.Actor.Person != "" && s.e.Actor.Person == s.e.Person
	case WhoAnyone:
		return true
	}
	return false
}

// party returns the challenger or respondent: the case's, or for raised the
// event's.
func (s *stepper) party(f field) string {
	if s.e.Type == Raised {
		if f == fChallenger {
			return s.e.Challenger
		}
		return s.e.Respondent
	}
	if f == fChallenger {
		return s.c.st.Challenger
	}
	return s.c.st.Respondent
}

// permitted checks that the actor is of a class that may record the event.
func (s *stepper) permitted() *Refusal {
	for _, w := range s.tr.Who {
		if s.is(w) {
			return nil
		}
	}
	var who []string
	for _, w := range s.tr.Who {
		if d := s.describeWho(w); d != "" {
			who = append(who, d)
		}
	}
	return s.refuse(ErrPermission, "actor", "only %s may record %s; %s is not", orList(who), s.e.Type, s.c.proc.actorDescription(s.e.Actor, s.act.org))
}

func (s *stepper) describeWho(w Who) string {
	p := s.c.proc
	stage, _ := p.Stage(s.c.st.Stage)
	switch w {
	case WhoChallenger:
		return "the challenger (" + p.orgName(s.party(fChallenger)) + ")"
	case WhoRespondent:
		return "the respondent (" + p.orgName(s.party(fRespondent)) + ")"
	case WhoParty:
		return "a party (" + p.orgName(s.party(fChallenger)) + " or " + p.orgName(s.party(fRespondent)) + ")"
	case WhoReviewer:
		return "a reviewer nominated at this stage"
	case WhoBody:
		return "a member of " + p.bodyName(stage)
	case WhoOfficer:
		return "the compact officer"
	case WhoHandled:
		if stage != nil && stage.Handler != "" {
			return "a party, for " + stage.Handler
		}
		return ""
	case WhoSelf:
		return "the reviewer themself"
	}
	return "anyone"
}

func orList(items []string) string {
	switch len(items) {
	case 0:
		return "no one"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// guard checks what the event type needs beyond its phase, payload and
// actor.
func (s *stepper) guard() *Refusal {
	st := &s.c.st
	p := s.c.proc
	e := s.e
	switch e.Type {
	case Raised:
		return s.guardRaised()
	case EvidenceAdded:
		return s.commitments()
	case Admitted, Referred, Escalated:
		var r *Refusal
		s.to, r = s.target()
		return r
	case AdviceSought:
		var r *Refusal
		if s.advice, r = s.adviceStage(); r != nil {
			return r
		}
		if i := st.openAdvice(s.advice, e.To); i >= 0 {
			return s.refuse(ErrGuard, "stage", "advice from %s is already being sought (since %s)", adviceName(p, st.Advice[i]), st.Advice[i].Sought)
		}
	case AdviceReceived:
		var r *Refusal
		s.answer, r = s.receivedAdvice()
		return r
	case Stage2Requested:
		v := st.current()
		if s.seen(v, Stage2Requested) {
			return s.refuse(ErrGuard, "type", "stage 2 was already asked for")
		}
		if !s.seen(v, Responded) && !p.overran(s.ctx, s.c, v, s.day) {
			return s.refuse(ErrGuard, "type", "stage 2 can be asked for once the stage 1 response is given, or a time limit of the stage has run out")
		}
	case Stage2Acknowledged, Stage2Responded:
		if !s.seen(st.current(), Stage2Requested) {
			return s.refuse(ErrGuard, "type", "stage 2 has not been asked for")
		}
	case ReviewerNominated:
		return s.guardNomination()
	case ReviewerStoodDown:
		if !slices.ContainsFunc(st.activeReviewers(st.Stage), func(r Reviewer) bool { return r.Person == e.Person }) {
			return s.refuse(ErrGuard, "person", "%s is not a reviewer at this stage", p.personName(e.Person))
		}
	case RecommendationIssued:
		stage, _ := p.Stage(st.Stage)
		if n := len(st.activeReviewers(st.Stage)); n < stage.MinReviewers {
			return s.refuse(ErrGuard, "type", "%s has nominated %d reviewer%s; the procedure asks for at least %d before recommending",
				p.bodyName(stage), n, plural(n), stage.MinReviewers)
		}
	case Informed:
		for i, person := range e.People {
			if _, ok := p.area.Person(person); !ok {
				return s.refuse(ErrInvalidEvent, fmt.Sprintf("people[%d]", i), "%s", s.unknown("person", person))
			}
		}
	case Closed:
		return s.guardClosing()
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// seen reports whether an event of type t was recorded during a visit.
func (s *stepper) seen(v *Visit, t EventType) bool {
	if v == nil {
		return false
	}
	for _, en := range s.c.entries[v.first:v.upto(len(s.c.entries))] {
		if en.Type == t {
			return true
		}
	}
	return false
}

// upto returns the index one past the visit's last entry: n while the
// visit is open.
func (v *Visit) upto(n int) int {
	if v.stop < 0 {
		return n
	}
	return v.stop
}

func (s *stepper) guardRaised() *Refusal {
	p := s.c.proc
	e := s.e
	if p.related(e.Challenger, e.Respondent) {
		return s.refuse(ErrGuard, "respondent", "the challenger and the respondent must be different organisations, neither part of the other: %s and %s are not",
			p.orgName(e.Challenger), p.orgName(e.Respondent))
	}
	if r := s.commitments(); r != nil {
		return r
	}
	if d := e.Decision; d != nil {
		switch {
		case d.Date.IsZero():
			return s.refuse(ErrInvalidEvent, "decision.date", "the decision needs its date")
		case strings.TrimSpace(d.Text) == "":
			return s.refuse(ErrInvalidEvent, "decision.text", "the decision needs its text: what was decided")
		case d.Date.After(s.day):
			return s.refuse(ErrInvalidEvent, "decision.date", "the decision (%s) is after the day the case is raised (%s)", d.Date, s.day)
		case d.Record != "" && !p.isRecord(d.Record):
			return s.refuse(ErrInvalidEvent, "decision.record", "%q is not the id of a funding decision, consultation or meeting in the area's records", d.Record)
		}
	}
	if !e.Aware.IsZero() && e.Aware.After(s.day) {
		return s.refuse(ErrInvalidEvent, "aware", "the day the challenger became aware (%s) is after the day the case is raised (%s)", e.Aware, s.day)
	}
	return nil
}

// commitments checks the commitments an event cites.
func (s *stepper) commitments() *Refusal {
	for i, id := range s.e.Commitments {
		if _, ok := s.c.proc.area.Compact.Commitment(id); !ok {
			return s.refuse(ErrInvalidEvent, fmt.Sprintf("commitments[%d]", i), "%s", s.unknown("commitment", id))
		}
	}
	return nil
}

func (s *stepper) guardNomination() *Refusal {
	st := &s.c.st
	p := s.c.proc
	e := s.e
	person, ok := p.area.Person(e.Person)
	if !ok {
		return s.refuse(ErrInvalidEvent, "person", "%s", s.unknown("person", e.Person))
	}
	if slices.ContainsFunc(st.activeReviewers(st.Stage), func(r Reviewer) bool { return r.Person == e.Person }) {
		return s.refuse(ErrGuard, "person", "%s is already a reviewer", p.personName(e.Person))
	}
	stage, _ := p.Stage(st.Stage)
	if stage.IndependentReviewers {
		for _, party := range []string{st.Challenger, st.Respondent} {
			if p.related(person.Organisation, party) {
				return s.refuse(ErrGuard, "person", "reviewers come from neither party; %s works for %s, which %s",
					p.personName(e.Person), p.orgName(person.Organisation), p.relation(person.Organisation, party))
			}
		}
	}
	return nil
}

func (s *stepper) guardClosing() *Refusal {
	st := &s.c.st
	p := s.c.proc
	switch s.e.Outcome {
	case ResolvedByAgreement:
		if st.Agreement == nil {
			return s.refuse(ErrGuard, "outcome", "no agreement has been reached; record agreement-reached first")
		}
		for _, t := range st.Inform {
			if !t.Met() {
				return s.refuse(ErrGuard, "outcome", "%s must be told of the agreement first (the %s of %s); record an informed event",
					orList(p.personNames(t.People)), t.Role, p.orgName(t.Organisation))
			}
		}
	case Upheld, PartlyUpheld, NotUpheld:
		if !s.hasFinding() {
			return s.refuse(ErrGuard, "outcome", "%s needs a finding: a recommendation, a final response, or the case at an escalation or legal stage", s.e.Outcome)
		}
	case OutcomeEscalated:
		if k := st.Phase; k != phEscalation && k != phLegal {
			return s.refuse(ErrGuard, "outcome", "the case has not been escalated; record an escalated event first")
		}
	case OutcomeWithdrawn:
		return s.refuse(ErrInvalidEvent, "outcome", "a case is withdrawn with a withdrawn event, which only a party may record")
	case OutcomeRedirected:
		return s.refuse(ErrInvalidEvent, "outcome", "a case is redirected with a redirected event")
	default:
		return s.refuse(ErrInvalidEvent, "outcome", "%q is not an outcome; expected one of %s", s.e.Outcome, strings.Join(docfmt.EnumStrings(outcomes), ", "))
	}
	return nil
}

// hasFinding reports whether someone has found on the challenge.
func (s *stepper) hasFinding() bool {
	st := &s.c.st
	if st.Phase == phEscalation || st.Phase == phLegal || len(st.Recommendations) > 0 {
		return true
	}
	for _, v := range st.Visits {
		if (v.Kind == compact.StageComplaint || v.Kind == compact.StageReview) && !v.Done.IsZero() {
			return true
		}
	}
	return false
}

// target resolves and checks the stage an admitted, referred or escalated
// event moves the case to.
func (s *stepper) target() (*compact.Stage, *Refusal) {
	st := &s.c.st
	p := s.c.proc
	kinds := map[EventType][]compact.StageKind{
		Admitted:  {compact.StageInformal, compact.StageReview, compact.StageComplaint, compact.StageEscalation, compact.StageLegal},
		Referred:  {compact.StageInformal, compact.StageReview, compact.StageComplaint},
		Escalated: {compact.StageEscalation, compact.StageLegal},
	}[s.e.Type]
	cur := p.index[st.Stage]
	var to *compact.Stage
	if s.e.Stage != "" {
		t, ok := p.Stage(s.e.Stage)
		if !ok {
			return nil, s.refuse(ErrInvalidEvent, "stage", "%s", s.unknown("stage", s.e.Stage))
		}
		if !slices.Contains(kinds, t.Kind) {
			return nil, s.refuse(ErrInvalidEvent, "stage", "%s is a stage of kind %s; %s moves to a stage of kind %s",
				p.stageName(t.ID), t.Kind, s.e.Type, orList(docfmt.EnumStrings(kinds)))
		}
		to = t
	} else {
		for _, k := range kinds { // escalation before legal
			for i := cur + 1; i < len(p.def.Stages) && to == nil; i++ {
				if t := &p.def.Stages[i]; t.Kind == k && st.visit(t.ID) == nil {
					to = t
				}
			}
			if to != nil {
				break
			}
		}
		if to == nil {
			return nil, s.refuse(ErrGuard, "stage", "the procedure has no %s stage after %s", orList(docfmt.EnumStrings(kinds)), p.stageName(st.Stage))
		}
	}
	switch {
	case st.visit(to.ID) != nil:
		return nil, s.refuse(ErrGuard, "stage", "the case has already been at %s; stages are not repeated", p.stageName(to.ID))
	case p.index[to.ID] <= cur:
		return nil, s.refuse(ErrGuard, "stage", "%s comes before %s in the procedure; a case only moves forward", p.stageName(to.ID), p.stageName(st.Stage))
	}
	for _, a := range to.After {
		if why := p.notDone(s.ctx, s.c, a, s.day, s.e.Type == Admitted); why != "" {
			// The stage is known: a faithful read may still move to it.
			return to, s.refuse(ErrGuard, "stage", "%s comes after %s, and %s", p.stageName(to.ID), p.stageName(a), why)
		}
	}
	return to, nil
}

// adviceStage resolves the advice stage an advice-sought event names, or
// the procedure's first, or none when the procedure has no advice stage.
func (s *stepper) adviceStage() (string, *Refusal) {
	p := s.c.proc
	if s.e.Stage != "" {
		t, ok := p.Stage(s.e.Stage)
		if !ok {
			return "", s.refuse(ErrInvalidEvent, "stage", "%s", s.unknown("stage", s.e.Stage))
		}
		if t.Kind != compact.StageAdvice {
			return "", s.refuse(ErrInvalidEvent, "stage", "%s is a stage of kind %s, not advice", p.stageName(t.ID), t.Kind)
		}
		return t.ID, nil
	}
	for _, t := range p.def.Stages {
		if t.Kind == compact.StageAdvice {
			return t.ID, nil
		}
	}
	if s.e.To == "" {
		return "", s.refuse(ErrInvalidEvent, "to", "the procedure has no advice stage: say who advice is sought from in to")
	}
	return "", nil
}

// receivedAdvice finds the advice an advice-received event answers.
func (s *stepper) receivedAdvice() (int, *Refusal) {
	st := &s.c.st
	var open []int
	for i, a := range st.Advice {
		if a.Received.IsZero() && (s.e.Stage == "" || a.Stage == s.e.Stage) && (s.e.To == "" || a.To == s.e.To) {
			open = append(open, i)
		}
	}
	switch len(open) {
	case 0:
		return -1, s.refuse(ErrGuard, "type", "no matching advice is being sought")
	case 1:
		return open[0], nil
	}
	return -1, s.refuse(ErrInvalidEvent, "stage", "advice is being sought from %d places; say which with stage or to", len(open))
}

// openAdvice returns the index of advice being sought from a stage (or,
// without one, from to), or -1.
func (st *State) openAdvice(stage, to string) int {
	return slices.IndexFunc(st.Advice, func(a Advice) bool {
		return a.Received.IsZero() && a.Stage == stage && (stage != "" || a.To == to)
	})
}

// adviceName names where advice was sought: who was asked, or else the
// advice stage.
func adviceName(p *Procedure, a Advice) string {
	if a.To != "" {
		return a.To
	}
	return p.stageName(a.Stage)
}

// effect changes the state for an accepted event: one method per event
// type, each given the index the event takes.
func (s *stepper) effect() {
	n := len(s.c.entries) // the index the event takes
	switch s.e.Type {
	case Raised:
		s.raised(n)
	case EvidenceAdded:
		s.evidenceAdded()
	case Admitted:
		s.c.st.current().Done = s.day
		s.enter(s.to, n)
	case Referred:
		s.enter(s.to, n)
	case Escalated:
		s.enter(s.to, n)
		s.c.st.Escalations = append(s.c.st.Escalations, Escalation{Day: s.day, Stage: s.to.ID, To: s.e.To, Reference: s.e.Reference})
	case Redirected:
		s.close(OutcomeRedirected, n)
	case AdviceSought:
		s.adviceSought(n)
	case AdviceReceived:
		s.adviceReceived(n)
	case Responded:
		s.responded()
	case Stage2Responded:
		s.stageDone()
	case ReviewerNominated:
		s.reviewerNominated()
	case ReviewerStoodDown:
		s.reviewerStoodDown()
	case RecommendationIssued:
		s.recommendationIssued()
	case AgreementReached:
		s.agreementReached()
	case Informed:
		s.informed()
	case Withdrawn:
		s.close(OutcomeWithdrawn, n)
	case Closed:
		s.close(s.e.Outcome, n)
	}
}

// raised opens the case at the procedure's first stage.
func (s *stepper) raised(n int) {
	st, e, day := &s.c.st, s.e, s.day
	st.Title, st.Challenger, st.Respondent, st.Text = e.Title, e.Challenger, e.Respondent, e.Text
	st.Commitments = slices.Clone(e.Commitments)
	if e.Decision != nil {
		d := *e.Decision
		st.Decision = &d
	}
	st.Raised = day
	switch {
	case !e.Aware.IsZero():
		st.Aware = e.Aware
	case e.Decision != nil:
		st.Aware = e.Decision.Date
	default:
		st.Aware = day
	}
	s.enter(s.c.proc.firstStage(), n)
}

func (s *stepper) evidenceAdded() {
	st, e := &s.c.st, s.e
	st.Evidence = append(st.Evidence, Evidence{Day: s.day, By: e.Actor, Title: e.Title, Text: e.Text, URL: e.URL,
		Reference: e.Reference, Commitments: slices.Clone(e.Commitments)})
}

func (s *stepper) adviceSought(n int) {
	st := &s.c.st
	st.Advice = append(st.Advice, Advice{Stage: s.advice, To: s.e.To, Sought: s.day, sought: n, received: -1})
	if s.advice != "" {
		t, _ := s.c.proc.Stage(s.advice)
		st.Visits = append(st.Visits, Visit{Stage: s.advice, Kind: t.Kind, Entered: s.day, first: n, stop: -1})
	}
}

func (s *stepper) adviceReceived(n int) {
	st, i := &s.c.st, s.answer
	st.Advice[i].Received, st.Advice[i].received = s.day, n
	if v := st.openVisit(st.Advice[i].Stage); v != nil {
		v.Done, v.Ended, v.stop = s.day, s.day, n+1
	}
}

// responded: a final response finishes a complaint, or an outside body's
// work; a review is done only when it recommends.
func (s *stepper) responded() {
	if v := s.c.st.current(); s.e.Final && v.Done.IsZero() && (v.Kind == compact.StageComplaint || v.Kind == compact.StageEscalation || v.Kind == compact.StageLegal) {
		v.Done = s.day
	}
}

// stageDone marks the current stage done, unless it already is.
func (s *stepper) stageDone() {
	if v := s.c.st.current(); v.Done.IsZero() {
		v.Done = s.day
	}
}

func (s *stepper) reviewerNominated() {
	st, e := &s.c.st, s.e
	org := ""
	if person, ok := s.c.proc.area.Person(e.Person); ok {
		org = person.Organisation // nil-safe: a person since removed from the directory
	}
	st.Reviewers = append(st.Reviewers, Reviewer{Person: e.Person, Organisation: org, Stage: st.Stage,
		Nominated: s.day, NominatedBy: e.Actor})
}

func (s *stepper) reviewerStoodDown() {
	st := &s.c.st
	for i := range st.Reviewers {
		if r := &st.Reviewers[i]; r.Stage == st.Stage && r.Person == s.e.Person && r.Active() {
			r.StoodDown = s.day
		}
	}
}

func (s *stepper) recommendationIssued() {
	st, e := &s.c.st, s.e
	st.Recommendations = append(st.Recommendations, Recommendation{By: e.Actor.Person, Day: s.day, Stage: st.Stage,
		Text: e.Text, Actions: slices.Clone(e.Actions)})
	s.stageDone()
}

func (s *stepper) agreementReached() {
	st, e, p := &s.c.st, s.e, s.c.proc
	st.Agreement = &Agreement{Day: s.day, Stage: st.Stage, By: e.Actor, Text: e.Text, Actions: slices.Clone(e.Actions)}
	st.Actions = append(st.Actions, e.Actions...)
	s.stageDone()
	stage, _ := p.Stage(st.Stage)
	st.Inform = p.informTargets(stage, st.Challenger, st.Respondent, s.day)
	st.Phase = PhaseAgreed
}

// informed records, for each party still to be informed, the first of the
// event's people who is one of theirs.
func (s *stepper) informed() {
	st := &s.c.st
	for i := range st.Inform {
		t := &st.Inform[i]
		if !t.Informed.IsZero() {
			continue
		}
		for _, person := range s.e.People {
			if slices.Contains(t.People, person) {
				t.Informed, t.Person = s.day, person
				break
			}
		}
	}
}

// enter moves the case to a stage: the stage it is at ends (an informal
// stage left is done: the partners tried).
func (s *stepper) enter(to *compact.Stage, n int) {
	st := &s.c.st
	if v := st.current(); v != nil {
		v.Ended, v.stop = s.day, n+1
		if v.Kind == compact.StageInformal && v.Done.IsZero() {
			v.Done = s.day
		}
	}
	st.Visits = append(st.Visits, Visit{Stage: to.ID, Kind: to.Kind, Entered: s.day, first: n, stop: -1})
	st.Stage = to.ID
	st.Phase = Phase(to.Kind)
}

// close closes the case with an outcome: every stage still open ends.
func (s *stepper) close(o Outcome, n int) {
	st := &s.c.st
	for i := range st.Visits {
		if v := &st.Visits[i]; v.stop < 0 {
			v.Ended, v.stop = s.day, n+1
		}
	}
	st.Phase, st.Outcome, st.ClosedOn = PhaseClosed, o, s.day
	st.Actions = append(st.Actions, s.e.Actions...)
	st.Lessons = append(st.Lessons, s.e.Lessons...)
}

// openVisit returns the open visit to a stage, or nil.
func (st *State) openVisit(stage string) *Visit {
	if stage == "" {
		return nil
	}
	for i := range st.Visits {
		if v := &st.Visits[i]; v.Stage == stage && v.stop < 0 {
			return v
		}
	}
	return nil
}
