package reporting

import (
	"fmt"
	"math"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

// SignatoriesSection says who is signed up to the compact, who joined in
// the period and who left.
type SignatoriesSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// AtStart is how many organisations were signed up the day before the
	// period began.
	AtStart int `json:"atStart"`
	// AtEnd is how many were signed up on the last day counted.
	AtEnd int `json:"atEnd"`
	// New are the organisations signed up at the end that were not at the
	// start.
	New []Signing `json:"new"`
	// Lapsed are the organisations signed up at the start that were not at
	// the end.
	Lapsed []Signing `json:"lapsed"`
	// Signatories are the organisations signed up at the end, in the order
	// they first signed.
	Signatories []Ref `json:"signatories"`
}

// Signing is an organisation joining or leaving the compact.
type Signing struct {
	// Organisation that signed or withdrew.
	Organisation Ref `json:"organisation"`
	// Date it signed (for a new signatory) or withdrew (for a lapsed one).
	Date compact.Date `json:"date"`
	// EndorsedBy is who signed.
	EndorsedBy string `json:"endorsedBy,omitempty"`
	// Position of who signed.
	Position string `json:"position,omitempty"`
	// WrittenCommitment: the signature carries a formal written commitment.
	WrittenCommitment bool `json:"writtenCommitment,omitempty"`
}

func (b *builder) signatories() SignatoriesSection {
	a := b.area
	start := b.period.From.AddDays(-1)
	before := a.Signatories(start)
	after := a.Signatories(b.through)
	s := SignatoriesSection{AtStart: len(before), AtEnd: len(after), New: []Signing{}, Lapsed: []Signing{}, Signatories: []Ref{}}
	for _, org := range after {
		s.Signatories = append(s.Signatories, orgRef(a, org))
	}
	for _, org := range a.Joined(b.period.From, b.through) {
		sig, _ := a.SignatureOn(org, b.through)
		s.New = append(s.New, Signing{Organisation: orgRef(a, org), Date: sig.Signed, EndorsedBy: sig.EndorsedBy,
			Position: sig.Position, WrittenCommitment: sig.WrittenCommitment})
	}
	for _, org := range a.Left(b.period.From, b.through) {
		sig, _ := a.SignatureOn(org, b.through)
		s.Lapsed = append(s.Lapsed, Signing{Organisation: orgRef(a, org), Date: sig.Withdrawn, EndorsedBy: sig.EndorsedBy, Position: sig.Position})
	}
	slices.SortStableFunc(s.New, func(x, y Signing) int { return x.Date.Compare(y.Date) })
	slices.SortStableFunc(s.Lapsed, func(x, y Signing) int { return x.Date.Compare(y.Date) })

	first := fmt.Sprintf("%s %s signed up to the compact on %s", count(s.AtEnd, "organisation", "organisations"),
		nounFor(s.AtEnd, "was", "were"), longDate(b.through))
	switch {
	case len(s.New) == 0 && len(s.Lapsed) == 0:
		first += fmt.Sprintf(", the same %d as at the start of %s", s.AtStart, b.period)
		if s.AtStart == 0 {
			first = fmt.Sprintf("No organisation was signed up to the compact on %s", longDate(b.through))
		}
	default:
		first += fmt.Sprintf(", against %d at the start of %s", s.AtStart, b.period)
	}
	if len(a.Signatures()) == 0 {
		first = "The compact records no signatories"
	}
	s.Summary = append(s.Summary, sentence(first))
	if len(s.New) > 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s signed up during the period: %s",
			count(len(s.New), "organisation", "organisations"), andList(mapped(s.New, Signing.words)))))
	}
	if len(s.Lapsed) > 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s left the compact: %s",
			count(len(s.Lapsed), "organisation", "organisations"), andList(mapped(s.Lapsed, Signing.words)))))
	}
	return s
}

// words names the organisation and the date it signed or withdrew:
// "Kirklees Council (1 April 2024)".
func (s Signing) words() string {
	return fmt.Sprintf("%s (%s)", s.Organisation.Name, longDate(s.Date))
}

// RolesSection says who holds the compact's roles at the end of the
// period, which roles are vacant and whose terms end soon.
type RolesSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// On is the date the roles are read on: the last day counted.
	On compact.Date `json:"on"`
	// Catalogue is the id of the role catalogue used; empty when the area
	// has none.
	Catalogue string `json:"catalogue,omitempty"`
	// Roles held by someone, or vacant, in catalogue order.
	Roles []RoleHolding `json:"roles"`
	// Vacancies on the date.
	Vacancies []Vacancy `json:"vacancies"`
	// EndingWithin is how many days ahead EndingSoon looks.
	EndingWithin int `json:"endingWithin"`
	// EndingSoon are the terms that end within EndingWithin days.
	EndingSoon []Holder `json:"endingSoon"`
}

// RoleHolding is a role with its holders.
type RoleHolding struct {
	// Role held.
	Role Ref `json:"role"`
	// Holders on the date, deputies and implied holders included.
	Holders []Holder `json:"holders"`
	// Organisations is how many organisations have a holder, deputies not
	// counted.
	Organisations int `json:"organisations"`
	// Vacant is how many organisations should have a holder and do not.
	Vacant int `json:"vacant"`
}

// Holder is one person (or organisation) holding a role.
type Holder struct {
	// Role held.
	Role Ref `json:"role"`
	// Organisation the role is held for.
	Organisation Ref `json:"organisation"`
	// Person who holds it; empty for a role held by an organisation.
	Person string `json:"person,omitempty"`
	// Basis: nominated, ex-officio or implied.
	Basis string `json:"basis"`
	// From is the first day in the role.
	From compact.Date `json:"from,omitzero"`
	// To is the last day in the role; zero when open-ended.
	To compact.Date `json:"to,omitzero"`
	// DeputyFor names the holder this one deputises for.
	DeputyFor string `json:"deputyFor,omitempty"`
}

// Vacancy is a role an organisation should hold and does not.
type Vacancy struct {
	// Role that is vacant.
	Role Ref `json:"role"`
	// Organisation that should hold it.
	Organisation Ref `json:"organisation"`
	// Reason in words.
	Reason string `json:"reason"`
}

func (b *builder) holder(a roles.Assignment, role Ref) Holder {
	h := Holder{Role: role, Organisation: orgRef(b.area, a.Organisation), Basis: string(a.Basis), From: a.From, To: a.To}
	if a.Person != "" {
		h.Person = personName(b.area, a.Person)
	}
	if a.DeputyFor != "" {
		h.DeputyFor = personName(b.area, a.DeputyFor)
	}
	return h
}

func (b *builder) roles() RolesSection {
	reg := b.tracker.reg
	s := RolesSection{On: b.through, Roles: []RoleHolding{}, Vacancies: []Vacancy{}, EndingWithin: b.cfg.endingWithin, EndingSoon: []Holder{}}
	cat := reg.Catalogue()
	if cat == nil {
		s.Summary = []string{"The area has no role catalogue, so no roles are reported."}
		return s
	}
	s.Catalogue = cat.ID
	snap := reg.Snapshot(b.through, b.cfg.endingWithin)
	vacant := map[string]int{}
	for _, v := range snap.Vacancies {
		vacant[v.Role]++
		s.Vacancies = append(s.Vacancies, Vacancy{Role: b.tracker.roleRef(v.Role), Organisation: orgRef(b.area, v.Organisation), Reason: sentence(v.Reason)})
	}
	heldRoles := 0
	for _, e := range snap.Roles {
		ref := Ref{ID: e.Role.ID, Name: e.Role.Title}
		if len(e.Holders) == 0 && vacant[e.Role.ID] == 0 {
			continue
		}
		rh := RoleHolding{Role: ref, Holders: []Holder{}, Vacant: vacant[e.Role.ID]}
		orgs := map[string]bool{}
		for _, a := range e.Holders {
			rh.Holders = append(rh.Holders, b.holder(a, ref))
			if !a.IsDeputy() {
				orgs[a.Organisation] = true
			}
		}
		rh.Organisations = len(orgs)
		if len(e.Holders) > 0 {
			heldRoles++
		}
		s.Roles = append(s.Roles, rh)
	}
	for _, a := range snap.EndingSoon {
		s.EndingSoon = append(s.EndingSoon, b.holder(a, b.tracker.roleRef(a.Role)))
	}

	for _, rh := range s.Roles {
		line := fmt.Sprintf("The %s role is held for %s", rh.Role.Name, count(rh.Organisations, "organisation", "organisations"))
		if rh.Organisations == 0 {
			line = fmt.Sprintf("No one holds the %s role", rh.Role.Name)
		}
		if rh.Vacant > 0 {
			line += fmt.Sprintf(", and %s that should have one %s not", count(rh.Vacant, "organisation", "organisations"), nounFor(rh.Vacant, "does", "do"))
		}
		s.Summary = append(s.Summary, sentence(line))
	}
	if heldRoles == 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("No one held a compact role on %s", longDate(b.through))))
	}
	s.Summary = append(s.Summary, vacancySentence(len(s.Vacancies), b.through))
	if len(s.EndingSoon) > 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s within %d days of %s, so successors are needed",
			count(len(s.EndingSoon), "term ends", "terms end"), b.cfg.endingWithin, longDate(b.through))))
	}
	return s
}

// GovernanceSection says how the compact's bodies met against the cadence
// the compact sets, who attended, and which reports were delivered.
type GovernanceSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// Bodies of the compact (those outside its structures are left out),
	// in the compact's order.
	Bodies []BodyActivity `json:"bodies"`
	// Reports delivered in the period.
	Reports []ReportDelivered `json:"reports"`
}

// BodyActivity is a body's meetings in the period.
type BodyActivity struct {
	// Body that met.
	Body Ref `json:"body"`
	// Kind of body.
	Kind compact.BodyKind `json:"kind"`
	// Held is how many meetings were held in the period.
	Held int `json:"held"`
	// MinPerYear is the cadence the compact sets; 0 when it sets none.
	MinPerYear int `json:"minPerYear,omitempty"`
	// Required is the cadence for the period (pro rata to its length,
	// rounded up); 0 when the compact sets none.
	Required int `json:"required,omitempty"`
	// MeetsCadence says whether the body met as often as required: absent
	// when no cadence is set, or when the period is not over and the body
	// can still meet it.
	MeetsCadence *bool `json:"meetsCadence,omitempty"`
	// Meetings held, in date order.
	Meetings []MeetingHeld `json:"meetings"`
	// Attendance of the member organisations, for bodies with members.
	Attendance *Attendance `json:"attendance,omitempty"`
	// ReportTo is the body this one reports to, where it has a reporting
	// line.
	ReportTo *Ref `json:"reportTo,omitempty"`
	// ReportsDelivered is how many reports it delivered in the period.
	ReportsDelivered int `json:"reportsDelivered"`
}

// MeetingHeld is one meeting.
type MeetingHeld struct {
	// ID of the meeting record.
	ID string `json:"id"`
	// Date of the meeting.
	Date compact.Date `json:"date"`
	// Title of the meeting.
	Title string `json:"title,omitempty"`
	// Attendees is how many people attended.
	Attendees int `json:"attendees"`
	// Apologies is how many sent apologies.
	Apologies int `json:"apologies"`
	// Members is how many member organisations attended; absent for a body
	// without members.
	Members *int `json:"members,omitempty"`
}

// Attendance is how the member organisations of a body attended.
type Attendance struct {
	// Members is how many organisations are members.
	Members int `json:"members"`
	// AverageShare is the average share of the members that attended each
	// meeting they could attend.
	AverageShare float64 `json:"averageShare"`
	// MinPerYear is the fewest meetings a member should attend a year; 0
	// when the compact sets none.
	MinPerYear int `json:"minPerYear,omitempty"`
	// Required is MinPerYear for the period (pro rata, rounded up).
	Required int `json:"required,omitempty"`
	// ByMember is each member's attendance, in the order the compact lists
	// them.
	ByMember []MemberAttendance `json:"byMember"`
	// Below are the members that attended fewer meetings than required
	// (when the period is over).
	Below []MemberAttendance `json:"below"`
}

// MemberAttendance is one member organisation's attendance.
type MemberAttendance struct {
	// Organisation that is a member.
	Organisation Ref `json:"organisation"`
	// Attended is how many meetings someone from it attended.
	Attended int `json:"attended"`
	// Held is how many meetings were held while it was a member.
	Held int `json:"held"`
}

// ReportDelivered is a report a body delivered.
type ReportDelivered struct {
	// ID of the report record.
	ID string `json:"id"`
	// Title of the report.
	Title string `json:"title,omitempty"`
	// Body that wrote it.
	Body Ref `json:"body"`
	// To is the body that received it.
	To Ref `json:"to"`
	// Period the report covers.
	Period compact.Period `json:"period"`
	// Delivered is when it was presented.
	Delivered compact.Date `json:"delivered"`
}

// proRata scales a yearly number to the period, rounding up.
func (b *builder) proRata(perYear int) int {
	months := compact.MonthsBetween(b.period.From, b.period.To.AddDays(1))
	if months == 12 || months <= 0 {
		return perYear
	}
	return int(math.Ceil(float64(perYear) * float64(months) / 12))
}

// members returns the members of a body during the period, as known on
// the last day counted, by the rule of [compact.Members].
func (b *builder) members(body *compact.Body) []*compact.Member {
	var out []*compact.Member
	a := b.area
	roles := b.tracker.reg.Catalogue().MemberRoles(body.Kind) // as the rules engine counts them
	for _, m := range compact.MembersByRoles(body, roles, a.Directory.People, a.Records.Nominations, b.through) {
		if m.During(b.period) {
			out = append(out, m)
		}
	}
	return out
}

func (b *builder) governance() GovernanceSection {
	s := GovernanceSection{Summary: []string{}, Bodies: []BodyActivity{}, Reports: []ReportDelivered{}}
	a := b.area
	for _, r := range a.Records.Reports {
		if b.inPeriod(r.Delivered) {
			s.Reports = append(s.Reports, ReportDelivered{ID: r.ID, Title: r.Title, Body: bodyRef(a, r.Body), To: bodyRef(a, r.To), Period: r.Period, Delivered: r.Delivered})
		}
	}
	slices.SortStableFunc(s.Reports, func(x, y ReportDelivered) int { return x.Delivered.Compare(y.Delivered) })
	if a.Compact == nil {
		s.Summary = []string{"The area has no compact, so no governance bodies are reported."}
		return s
	}
	for i := range a.Compact.Governance {
		body := &a.Compact.Governance[i]
		if body.External {
			continue
		}
		s.Bodies = append(s.Bodies, b.bodyActivity(body))
	}
	for _, ba := range s.Bodies {
		if ba.Held == 0 && ba.Required == 0 && ba.ReportTo == nil {
			continue // nothing to say: no meetings, none required
		}
		s.Summary = append(s.Summary, b.bodySentences(ba)...)
	}
	if len(s.Bodies) == 0 {
		s.Summary = append(s.Summary, "The compact names no governance bodies of its own.")
	}
	return s
}

func (b *builder) bodyActivity(body *compact.Body) BodyActivity {
	a := b.area
	ba := BodyActivity{Body: Ref{ID: body.ID, Name: body.Name}, Kind: body.Kind, MinPerYear: body.MinMeetingsPerYear, Meetings: []MeetingHeld{}}
	meetings := meetingsOf(a, body.ID, b.period, b.cfg.asOf)
	ba.Held = len(meetings)
	if body.MinMeetingsPerYear > 0 {
		ba.Required = b.proRata(body.MinMeetingsPerYear)
		switch {
		case ba.Held >= ba.Required:
			t := true
			ba.MeetsCadence = &t
		case !b.through.Before(b.period.To):
			f := false
			ba.MeetsCadence = &f
		}
	}
	members := b.members(body)
	var att *Attendance
	if len(members) > 0 {
		att = &Attendance{Members: len(members), ByMember: []MemberAttendance{}, Below: []MemberAttendance{}}
		if body.Membership != nil && body.Membership.MinAttendancePerYear > 0 {
			att.MinPerYear = body.Membership.MinAttendancePerYear
			att.Required = b.proRata(att.MinPerYear)
		}
	}
	var shares []float64
	tally := compact.TallyAttendance(members, meetings)
	for i, m := range meetings {
		mh := MeetingHeld{ID: m.ID, Date: m.Date, Title: m.Title, Attendees: len(m.Attendees), Apologies: len(m.Apologies)}
		if att != nil {
			present, expected := tally.Present[i], tally.Expected[i]
			mh.Members = &present
			if expected > 0 {
				shares = append(shares, float64(present)/float64(expected))
			}
		}
		ba.Meetings = append(ba.Meetings, mh)
	}
	if att != nil {
		b.byMember(att, members, tally)
		att.AverageShare = mean(shares)
		ba.Attendance = att
	}
	if body.Reporting != nil {
		r := bodyRef(a, body.Reporting.To)
		ba.ReportTo = &r
	}
	for _, r := range a.Records.Reports {
		if r.Body == body.ID && b.inPeriod(r.Delivered) {
			ba.ReportsDelivered++
		}
	}
	return ba
}

// byMember fills in each member's attendance, and those below the
// attendance the compact asks for once the period is over.
func (b *builder) byMember(att *Attendance, members []*compact.Member, tally compact.Tally) {
	for k, mem := range members {
		ma := MemberAttendance{Organisation: orgRef(b.area, mem.Organisation)}
		ma.Attended, ma.Held = tally.Attended[k], tally.Held[k]
		att.ByMember = append(att.ByMember, ma)
		if att.Required > 0 && ma.Attended < att.Required && !b.through.Before(b.period.To) {
			att.Below = append(att.Below, ma)
		}
	}
}

// mean is the average of xs; 0 for none.
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

func (b *builder) bodySentences(ba BodyActivity) []string {
	var out []string
	line := fmt.Sprintf("%s met %s%s", the(ba.Body.Name), times(ba.Held), b.so())
	if ba.Held == 0 {
		line = fmt.Sprintf("%s did not meet%s", the(ba.Body.Name), b.so())
	}
	switch {
	case ba.Required == 0:
	case ba.MeetsCadence != nil && *ba.MeetsCadence:
		line += fmt.Sprintf(", keeping to the compact's minimum of %s a year", count(ba.MinPerYear, "meeting", "meetings"))
	case ba.MeetsCadence != nil:
		line += fmt.Sprintf(", fewer than the compact's minimum of %s a year", count(ba.MinPerYear, "meeting", "meetings"))
	default:
		line += fmt.Sprintf("; the compact asks for %s a year", atLeastTimes(ba.MinPerYear))
	}
	if ba.Required > 0 && ba.Required != ba.MinPerYear {
		line += fmt.Sprintf(" (%d for this period)", ba.Required)
	}
	out = append(out, sentence(line))
	if att := ba.Attendance; att != nil && ba.Held > 0 {
		out = append(out, sentence(fmt.Sprintf("On average %s of its %d member organisations attended each meeting",
			percent(att.AverageShare), att.Members)))
		if len(att.Below) > 0 {
			names := mapped(att.Below, func(m MemberAttendance) string { return fmt.Sprintf("%s (%d)", m.Organisation.Name, m.Attended) })
			out = append(out, sentence(fmt.Sprintf("%s attended fewer than the %d meetings a year members are expected to attend: %s",
				count(len(att.Below), "member", "members"), att.MinPerYear, andList(names))))
		}
	}
	if ba.ReportTo != nil {
		if ba.ReportsDelivered > 0 {
			out = append(out, sentence(fmt.Sprintf("It delivered %s to %s in the period", count(ba.ReportsDelivered, "report", "reports"), the(ba.ReportTo.Name))))
		} else {
			out = append(out, sentence(fmt.Sprintf("No report from it to %s is recorded in the period%s", the(ba.ReportTo.Name), b.so())))
		}
	}
	return out
}

// vacancySentence says how many roles were vacant on a date.
func vacancySentence(n int, on compact.Date) string {
	return sentence(fmt.Sprintf("There %s %s on %s", nounFor(n, "was", "were"), count(n, "vacancy", "vacancies"), longDate(on)))
}
