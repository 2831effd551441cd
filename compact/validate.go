package compact

import (
	"fmt"

	"github.com/compactkit/compactkit/internal/docfmt"
)

// check reports problems about decoded documents, at the exact position of
// the value a path names where the decoder saw it.
type check struct {
	p   *problems
	doc *Document
}

func (c *check) errf(path string, fallback Position, class error, format string, args ...any) {
	pos := fallback
	if c.doc != nil {
		if q, ok := c.doc.position(path); ok {
			pos = q
		}
	}
	c.p.add(pos, path, class, format, args...)
}

// idSet remembers where the ids of one kind were first used: a seenIDs,
// or a stream's hashed ids (see RecordChecker).
type idSet interface {
	// use notes that the id, of the kind what names, is used at pos, and
	// returns where it was first used when it was before.
	use(what, id string, pos Position) (first Position, dup bool)
}

// seenIDs remembers where each id of one kind was first defined.
type seenIDs map[string]Position

func (s seenIDs) use(_, id string, pos Position) (Position, bool) {
	if first, dup := s[id]; dup {
		return first, true
	}
	s[id] = pos
	return Position{}, false
}

// id checks one id: well-formed and not seen before.
func (c *check) id(seen idSet, path string, pos Position, id, what string) {
	if id == "" {
		c.errf(path, pos, ErrValue, "the %s id is empty; give it a name", what)
		return
	}
	if !docfmt.ValidID(id) {
		c.errf(path, pos, ErrValue, "%q is not a valid %s id: use letters, digits, '-', '_' or '.', at most %d characters", id, what, docfmt.MaxIDLength)
		return
	}
	if first, dup := seen.use(what, id, pos); dup {
		c.errf(path, pos, ErrDuplicate, "%s id %q is already used at %s", what, id, first)
	}
}

// ref checks that a reference names something that exists.
func (c *check) ref(path string, pos Position, id, what string, known func(string) bool, candidates func() []string) {
	if id == "" || known(id) {
		return
	}
	msg := fmt.Sprintf("unknown %s %q", what, id)
	if near := docfmt.Closest(id, candidates()); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	c.errf(path, pos, ErrReference, "%s", msg)
}

// order checks that from is not after to, when both are given.
func (c *check) order(path string, pos Position, from, to Date, fromName, toName string) {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		c.errf(path, pos, ErrOrder, "%s %s is before %s %s", toName, to, fromName, from)
	}
}

func (c *check) nonNegative(path string, pos Position, n int, what string) {
	if n < 0 {
		c.errf(path, pos, ErrValue, "%s cannot be negative (%d)", what, n)
	}
}

// checkIDs checks the ids of the entries of list field (aims, sections ...):
// each valid and none repeated. what names an entry in messages.
func checkIDs[T any](c *check, xs []T, field, what string, id func(*T) (string, Position)) {
	seen := seenIDs{}
	for i := range xs {
		v, pos := id(&xs[i])
		c.id(seen, fmt.Sprintf("%s[%d].id", field, i), pos, v, what)
	}
}

// checkCompact checks what can be checked inside one compact document.
func (c *check) checkCompact(x *Compact) {
	c.checkFactDecls(x)
	c.id(seenIDs{}, "id", x.Source, x.ID, "compact")
	if x.Extends != "" && x.Extends == x.ID {
		c.errf("extends", x.Source, ErrCycle, "compact %q cannot extend itself", x.ID)
	}
	checkIDs(c, x.Aims, "aims", "aim", func(a *Aim) (string, Position) { return a.ID, a.Source })
	checkIDs(c, x.Sections, "sections", "section", func(s *Section) (string, Position) { return s.ID, s.Source })
	checkIDs(c, x.Principles, "principles", "principle", func(s *Principle) (string, Position) { return s.ID, s.Source })
	checkIDs(c, x.CodesOfPractice, "codesOfPractice", "code of practice",
		func(s *CodeOfPractice) (string, Position) { return s.ID, s.Source })
	seen := seenIDs{}
	for i, m := range x.Commitments {
		path := fmt.Sprintf("commitments[%d]", i)
		c.id(seen, path+".id", m.Source, m.ID, "commitment")
		switch {
		case m.Party == PartyNamed && len(m.Organisations) == 0:
			c.errf(path+".organisations", m.Source, ErrMissing, "a commitment of party named must list its organisations")
		case m.Party != PartyNamed && len(m.Organisations) > 0:
			c.errf(path+".organisations", m.Source, ErrValue, "organisations are listed only for party named, not %s", m.Party)
		}
		for j, name := range m.Parameters {
			if !docfmt.ValidParameterName(name) {
				c.errf(fmt.Sprintf("%s.parameters[%d]", path, j), m.Source, ErrValue, "%q is not a valid parameter name", name)
			}
		}
		for j, id := range m.Restates {
			if !docfmt.ValidID(id) || id == m.ID {
				c.errf(fmt.Sprintf("%s.restates[%d]", path, j), m.Source, ErrValue, "%q is not the id of another commitment", id)
			}
		}
	}
	seen = seenIDs{}
	for i, b := range x.Governance {
		path := fmt.Sprintf("governance[%d]", i)
		c.id(seen, path+".id", b.Source, b.ID, "body")
		c.nonNegative(path+".minMeetingsPerYear", b.Source, b.MinMeetingsPerYear, "minMeetingsPerYear")
		if b.Reporting != nil && b.Reporting.EveryMonths <= 0 {
			c.errf(path+".reporting.everyMonths", b.Source, ErrValue, "everyMonths must be at least 1 (12 for an annual report)")
		}
		if m := b.Membership; m != nil {
			c.nonNegative(path+".membership.minTermYears", b.Source, m.MinTermYears, "minTermYears")
			c.nonNegative(path+".membership.minAttendancePerYear", b.Source, m.MinAttendancePerYear, "minAttendancePerYear")
		}
	}
	for i, s := range x.Signatories {
		c.checkSignature(fmt.Sprintf("signatories[%d]", i), &s)
	}
	if d := x.DisputeProcedure; d != nil {
		c.checkProcedure(d)
	}
	if r := x.Review; r != nil {
		c.nonNegative("review.everyYears", x.Source, r.EveryYears, "everyYears")
	}
	for _, name := range sortedKeys(x.Parameters) {
		if !docfmt.ValidParameterName(name) {
			c.errf("parameters."+name, x.Source, ErrValue, "%q is not a valid parameter name: use letters, digits and _, starting with a letter", name)
		}
	}
}

func (c *check) checkProcedure(d *DisputeProcedure) {
	if len(d.Stages) == 0 {
		c.errf("disputeProcedure.stages", d.Source, ErrMissing, "a dispute procedure needs at least one stage")
	}
	seen := seenIDs{}
	for i, s := range d.Stages {
		path := fmt.Sprintf("disputeProcedure.stages[%d]", i)
		c.id(seen, path+".id", s.Source, s.ID, "stage")
		c.nonNegative(path+".minReviewers", s.Source, s.MinReviewers, "minReviewers")
		limits := seenIDs{}
		for j, l := range s.Limits {
			lp := fmt.Sprintf("%s.limits[%d]", path, j)
			c.id(limits, lp+".id", s.Source, l.ID, "limit")
			if l.Within <= 0 {
				c.errf(lp+".within", s.Source, ErrValue, "within must be at least 1")
			} else if l.Within > maxWithin(l.Unit) {
				c.errf(lp+".within", s.Source, ErrValue, "within is at most %d %s (compact.MaxLimitYears is %d)", maxWithin(l.Unit), l.Unit, MaxLimitYears)
			}
		}
	}
	for i, s := range d.Stages {
		for j, a := range s.After {
			c.ref(fmt.Sprintf("disputeProcedure.stages[%d].after[%d]", i, j), s.Source, a, "stage",
				func(id string) bool { _, ok := seen[id]; return ok && id != s.ID }, func() []string { return sortedKeys(seen) })
		}
	}
	clocks := seenIDs{}
	for i, k := range d.Clocks {
		path := fmt.Sprintf("disputeProcedure.clocks[%d]", i)
		c.id(clocks, path+".id", d.Source, k.ID, "clock")
		if k.Within <= 0 {
			c.errf(path+".within", d.Source, ErrValue, "within must be at least 1")
		} else if k.Within > maxWithin(k.Unit) {
			c.errf(path+".within", d.Source, ErrValue, "within is at most %d %s (compact.MaxLimitYears is %d)", maxWithin(k.Unit), k.Unit, MaxLimitYears)
		}
		c.nonNegative(path+".warnDays", d.Source, k.WarnDays, "warnDays")
	}
}

func (c *check) checkSignature(path string, s *Signature) {
	c.order(join(path, "withdrawn"), s.Source, s.Signed, s.Withdrawn, "signed", "withdrawn")
}

// area checks run after every document is decoded and the compact resolved.
type areaCheck struct {
	check
	a *Area
	// ids of each record kind across documents
	consultations, funding, meetings, nominations, signatures, reports idSet
	orgs, people                                                       seenIDs
}

func (c *areaCheck) orgRef(path string, pos Position, id string) {
	c.ref(path, pos, id, "organisation", func(s string) bool { _, ok := c.a.idx.orgs[s]; return ok },
		func() []string { return sortedKeys(c.a.idx.orgs) })
}

func (c *areaCheck) personRef(path string, pos Position, id string) {
	c.ref(path, pos, id, "person", func(s string) bool { _, ok := c.a.idx.people[s]; return ok },
		func() []string { return sortedKeys(c.a.idx.people) })
}

func (c *areaCheck) bodyRef(path string, pos Position, id string) {
	c.ref(path, pos, id, "governance body", func(s string) bool { _, ok := c.a.idx.bodies[s]; return ok },
		func() []string { return sortedKeys(c.a.idx.bodies) })
}

func (c *areaCheck) orgOrBodyRef(path string, pos Position, id string) {
	c.ref(path, pos, id, "organisation or body", func(s string) bool {
		_, org := c.a.idx.orgs[s]
		_, body := c.a.idx.bodies[s]
		return org || body
	}, func() []string { return append(sortedKeys(c.a.idx.orgs), sortedKeys(c.a.idx.bodies)...) })
}

// checkResolved checks the references the area's own compact src makes,
// against its resolved form r (so a local commitment may cite a principle of
// the base compact). Inherited parts were checked with their own compact.
func (c *areaCheck) checkResolved(r *Resolved, src *Compact) {
	principles := map[string]bool{}
	for _, p := range r.Principles {
		principles[p.ID] = true
	}
	sections := map[string]bool{}
	for _, s := range r.Sections {
		sections[s.ID] = true
	}
	for i, m := range src.Commitments {
		path := fmt.Sprintf("commitments[%d]", i)
		for j, p := range m.Principles {
			c.ref(fmt.Sprintf("%s.principles[%d]", path, j), m.Source, p, "principle",
				func(s string) bool { return principles[s] }, func() []string { return sortedKeys(principles) })
		}
		c.ref(path+".section", m.Source, m.Section, "section", func(s string) bool { return sections[s] },
			func() []string { return sortedKeys(sections) })
		for j, o := range m.Organisations {
			c.orgRef(fmt.Sprintf("%s.organisations[%d]", path, j), m.Source, o)
		}
	}
	for i, b := range src.Governance {
		path := fmt.Sprintf("governance[%d]", i)
		for j, o := range b.Represented {
			c.orgRef(fmt.Sprintf("%s.represented[%d]", path, j), b.Source, o)
		}
		if b.Reporting != nil {
			c.bodyRef(path+".reporting.to", b.Source, b.Reporting.To)
		}
	}
	for i, s := range src.Signatories {
		c.orgRef(fmt.Sprintf("signatories[%d].organisation", i), s.Source, s.Organisation)
	}
	if d := src.DisputeProcedure; d != nil {
		for i, s := range d.Stages {
			c.bodyRef(fmt.Sprintf("disputeProcedure.stages[%d].body", i), s.Source, s.Body)
		}
		c.bodyRef("disputeProcedure.reportTo", d.Source, d.ReportTo)
	}
	if rv := src.Review; rv != nil {
		c.bodyRef("review.by", src.Source, rv.By)
	}
}

func (c *areaCheck) checkDirectory(d *Directory) {
	for i, o := range d.Organisations {
		c.id(c.orgs, fmt.Sprintf("organisations[%d].id", i), o.Source, o.ID, "organisation")
	}
	for i, p := range d.People {
		c.id(c.people, fmt.Sprintf("people[%d].id", i), p.Source, p.ID, "person")
	}
}

func (c *areaCheck) checkDirectoryRefs(d *Directory) {
	for i, o := range d.Organisations {
		if o.Parent == o.ID && o.ID != "" {
			c.errf(fmt.Sprintf("organisations[%d].parent", i), o.Source, ErrReference, "an organisation cannot be its own parent")
			continue
		}
		c.orgRef(fmt.Sprintf("organisations[%d].parent", i), o.Source, o.Parent)
	}
	for i, p := range d.People {
		c.orgRef(fmt.Sprintf("people[%d].organisation", i), p.Source, p.Organisation)
	}
}

// record makes the checks every record at path starts with: its facts
// (of record kind), then its id, unique in seen (what names the record in
// messages).
func (c *areaCheck) record(path, kind, id string, facts Facts, src Position, seen idSet, what string) {
	c.facts(kind, path, id, facts, src)
	c.id(seen, join(path, "id"), src, id, what)
}

// facts checks and types a record's facts against the compact's
// declarations for its kind, and resolves the ids reference facts hold.
func (c *areaCheck) facts(kind, path, id string, facts Facts, src Position) {
	var decls map[string]FactDecl
	if c.a.Compact != nil {
		decls = c.a.Compact.Facts.Of(kind)
	}
	for _, pr := range TypeFacts(decls, kind, id, facts) {
		fp := join(path, "facts")
		if pr.Name != "" {
			fp += "." + pr.Name
		}
		pos := pr.Pos
		if pos.Line == 0 {
			pos = src
		}
		c.errf(fp, pos, pr.Class, "%s", pr.Msg)
	}
	for _, name := range sortedKeys(facts) {
		s, ok := facts[name].Value().(string)
		if !ok {
			continue
		}
		fp, pos := join(path, "facts."+name), facts[name].Pos()
		switch decls[name].Type {
		case FactOrganisation:
			c.orgRef(fp, pos, s)
		case FactPerson:
			c.personRef(fp, pos, s)
		case FactBody:
			c.bodyRef(fp, pos, s)
		}
	}
}

func (c *areaCheck) checkRecords(r *Records) {
	checkEach(r.Consultations, "consultations", c.consultations, c.checkConsultation)
	checkEach(r.Funding, "funding", c.funding, c.checkFunding)
	checkEach(r.Meetings, "meetings", c.meetings, c.checkMeeting)
	checkEach(r.Nominations, "nominations", c.nominations, c.checkNomination)
	checkEach(r.Signatures, "signatures", c.signatures, c.checkSignatureRecord)
	checkEach(r.Reports, "reports", c.reports, c.checkReport)
}

// checkEach checks each record of the list field, at its path list[i].
func checkEach[T any](list []T, field string, seen idSet, check func(path string, x *T, seen idSet)) {
	for i := range list {
		check(fmt.Sprintf("%s[%d]", field, i), &list[i], seen)
	}
}

// checkRecord checks a record of any kind at path, as checkRecords checks
// those of its kind's list.
func (c *areaCheck) checkRecord(path string, rec any) {
	_ = checkAs(path, rec, c.consultations, c.checkConsultation) ||
		checkAs(path, rec, c.funding, c.checkFunding) ||
		checkAs(path, rec, c.meetings, c.checkMeeting) ||
		checkAs(path, rec, c.nominations, c.checkNomination) ||
		checkAs(path, rec, c.signatures, c.checkSignatureRecord) ||
		checkAs(path, rec, c.reports, c.checkReport)
}

// checkAs checks rec with check when it is a *T, and says whether it is.
func checkAs[T any](path string, rec any, seen idSet, check func(path string, x *T, seen idSet)) bool {
	x, ok := rec.(*T)
	if ok {
		check(path, x, seen)
	}
	return ok
}

func (c *areaCheck) checkConsultation(path string, x *Consultation, seen idSet) {
	c.record(path, "consultation", x.ID, x.Facts, x.Source, seen, "consultation")
	c.orgRef(join(path, "owner"), x.Source, x.Owner)
	c.order(join(path, "closes"), x.Source, x.Opens, x.Closes, "opens", "closes")
	c.order(join(path, "feedbackPublished"), x.Source, x.Opens, x.FeedbackPublished, "opens", "feedbackPublished")
	c.nonNegative(join(path, "responses"), x.Source, x.Responses, "responses")
}

func (c *areaCheck) checkFunding(path string, x *FundingDecision, seen idSet) {
	c.record(path, "funding", x.ID, x.Facts, x.Source, seen, "funding decision")
	c.orgRef(join(path, "funder"), x.Source, x.Funder)
	c.orgRef(join(path, "recipient"), x.Source, x.Recipient)
	if x.Funder != "" && x.Funder == x.Recipient {
		c.errf(join(path, "recipient"), x.Source, ErrValue, "funder and recipient are the same organisation")
	}
	c.order(join(path, "end"), x.Source, x.Start, x.End, "start", "end")
	c.order(join(path, "appealDecided"), x.Source, x.AppealLodged, x.AppealDecided, "appealLodged", "appealDecided")
	if !x.AppealDecided.IsZero() && x.AppealLodged.IsZero() {
		c.errf(join(path, "appealDecided"), x.Source, ErrMissing, "an appeal was decided but appealLodged is not given")
	}
	c.nonNegative(join(path, "termMonths"), x.Source, x.TermMonths, "termMonths")
	if x.Amount < 0 || x.PreviousAmount < 0 {
		c.errf(join(path, "amount"), x.Source, ErrValue, "amounts cannot be negative")
	}
}

func (c *areaCheck) checkMeeting(path string, x *Meeting, seen idSet) {
	c.record(path, "meeting", x.ID, x.Facts, x.Source, seen, "meeting")
	c.bodyRef(join(path, "body"), x.Source, x.Body)
	listed := map[string]bool{}
	for j, p := range x.Attendees {
		ap := fmt.Sprintf("%s[%d]", join(path, "attendees"), j)
		if listed[p] {
			c.errf(ap, x.Source, ErrDuplicate, "%q is listed twice", p)
		}
		listed[p] = true
		c.personRef(ap, x.Source, p)
	}
	for j, p := range x.Apologies {
		ap := fmt.Sprintf("%s[%d]", join(path, "apologies"), j)
		if listed[p] {
			c.errf(ap, x.Source, ErrDuplicate, "%q is listed as attending and sending apologies", p)
		}
		c.personRef(ap, x.Source, p)
	}
}

func (c *areaCheck) checkNomination(path string, x *Nomination, seen idSet) {
	c.record(path, "nomination", x.ID, x.Facts, x.Source, seen, "nomination")
	c.orgRef(join(path, "organisation"), x.Source, x.Organisation)
	c.personRef(join(path, "person"), x.Source, x.Person)
	c.personRef(join(path, "deputyFor"), x.Source, x.DeputyFor)
	c.orgOrBodyRef(join(path, "nominatedBy"), x.Source, x.NominatedBy)
	c.order(join(path, "to"), x.Source, x.From, x.To, "from", "to")
	if x.Role != "" && !docfmt.ValidID(x.Role) {
		c.errf(join(path, "role"), x.Source, ErrValue, "%q is not a valid role id", x.Role)
	}
}

func (c *areaCheck) checkSignatureRecord(path string, x *Signature, seen idSet) {
	c.facts("signature", path, x.ID, x.Facts, x.Source)
	if x.ID != "" {
		c.id(seen, join(path, "id"), x.Source, x.ID, "signature")
	}
	c.orgRef(join(path, "organisation"), x.Source, x.Organisation)
	c.checkSignature(path, x)
}

func (c *areaCheck) checkReport(path string, x *Report, seen idSet) {
	c.record(path, "report", x.ID, x.Facts, x.Source, seen, "report")
	c.bodyRef(join(path, "body"), x.Source, x.Body)
	c.bodyRef(join(path, "to"), x.Source, x.To)
}
