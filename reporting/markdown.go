package reporting

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// Section headings, the same in every format.
const (
	headSummary       = "Summary"
	headSignatories   = "Signatories"
	headRoles         = "Roles"
	headGovernance    = "Governance"
	headCompliance    = "Compliance"
	headConsultations = "Consultations"
	headFunding       = "Funding changes"
	headDisputes      = "Disputes and challenges"
	headPlans         = "Plans and priorities"
	headNotes         = "Notes"
	ragHeading        = "How plans and priorities are rated"
)

// SectionHeadings lists the headings of the report's sections, in order,
// as the Markdown and HTML forms print them.
func SectionHeadings() []string {
	return []string{headSummary, headSignatories, headRoles, headGovernance, headCompliance, headConsultations,
		headFunding, headDisputes, headPlans, headNotes}
}

// md writes Markdown, remembering the first error.
type md struct {
	w   *bufio.Writer
	err error
}

func (m *md) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *md) heading(level int, text string) {
	m.printf("%s %s\n\n", strings.Repeat("#", level), mdText(text))
}

func (m *md) para(lines ...string) {
	var esc []string
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			esc = append(esc, mdText(l))
		}
	}
	if len(esc) > 0 {
		m.printf("%s\n\n", strings.Join(esc, " "))
	}
}

func (m *md) bullets(lines []string) {
	if len(lines) == 0 {
		return
	}
	for _, l := range lines {
		m.printf("- %s\n", mdText(l))
	}
	m.printf("\n")
}

// table writes a table; cells are escaped.
func (m *md) table(head []string, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	cells := func(cs []string) string {
		var out []string
		for _, c := range cs {
			out = append(out, mdCell(c))
		}
		return "| " + strings.Join(out, " | ") + " |\n"
	}
	m.printf("%s", cells(head))
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
	}
	m.printf("|%s|\n", strings.Join(sep, "|"))
	for _, r := range rows {
		m.printf("%s", cells(r))
	}
	m.printf("\n")
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`)

// mdText escapes text so Markdown shows it as written.
func mdText(s string) string { return mdEscaper.Replace(oneLine(s)) }

// mdCell escapes text for a table cell; an empty cell shows a dash.
func mdCell(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return mdText(s)
}

func dateCell(d compact.Date) string {
	if d.IsZero() {
		return ""
	}
	return longDate(d)
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// WriteMarkdown writes the report as Markdown (CommonMark with GitHub
// tables): a heading per section, its summary in sentences, and tables of
// the figures. Text from the documents is escaped, so it shows as written.
func (r *Report) WriteMarkdown(w io.Writer) error {
	m := &md{w: bufio.NewWriter(w)}
	m.heading(1, r.Title)
	m.para(r.intro()...)

	m.heading(2, headSummary)
	m.bullets(r.Summary)

	m.heading(2, headSignatories)
	m.para(r.Signatories.Summary...)
	if len(r.Signatories.New) > 0 {
		m.heading(3, "New signatories")
		m.table([]string{"Organisation", "Signed", "Endorsed by", "Position", "Written commitment"}, mapped(r.Signatories.New, func(s Signing) []string {
			return []string{s.Organisation.Name, dateCell(s.Date), s.EndorsedBy, s.Position, yesNo(s.WrittenCommitment)}
		}))
	}
	if len(r.Signatories.Lapsed) > 0 {
		m.heading(3, "Organisations that left")
		m.table([]string{"Organisation", "Withdrew"}, mapped(r.Signatories.Lapsed, func(s Signing) []string {
			return []string{s.Organisation.Name, dateCell(s.Date)}
		}))
	}

	r.markdownRoles(m)
	r.markdownGovernance(m)
	r.markdownCompliance(m)
	r.markdownConsultations(m)
	r.markdownFunding(m)
	r.markdownDisputes(m)
	r.markdownPlans(m)

	m.heading(2, headNotes)
	for i, n := range r.Notes {
		m.printf("%d. %s\n", i+1, mdText(n))
	}
	m.printf("\n")
	m.heading(3, ragHeading)
	m.bullets(r.RAGRule)
	if m.err == nil {
		m.err = m.w.Flush()
	}
	return m.err
}

// intro is the line under the title: the period, the as-of date and who
// the report goes to.
func (r *Report) intro() []string {
	out := []string{sentence(fmt.Sprintf("Period %s: %s to %s", r.Period, longDate(r.Period.From), longDate(r.Period.To)))}
	if !r.Complete {
		out = append(out, sentence(fmt.Sprintf("The period is not over: this report counts what was recorded up to %s", longDate(r.AsOf))))
	} else {
		out = append(out, sentence(fmt.Sprintf("Made as of %s", longDate(r.AsOf))))
	}
	if r.ReportTo != nil {
		out = append(out, sentence(fmt.Sprintf("For %s", the(r.ReportTo.Name))))
	}
	return out
}

func (r *Report) markdownRoles(m *md) {
	s := r.Roles
	m.heading(2, headRoles)
	m.para(s.Summary...)
	if len(s.Roles) > 0 {
		var rows [][]string
		for _, rh := range s.Roles {
			for _, h := range rh.Holders {
				rows = append(rows, []string{rh.Role.Name, h.Organisation.Name, holderName(h), basisWords(h), dateCell(h.From), dateCell(h.To)})
			}
		}
		m.heading(3, fmt.Sprintf("Who holds which role on %s", longDate(s.On)))
		m.table([]string{"Role", "For", "Holder", "Basis", "From", "To"}, rows)
	}
	if len(s.Vacancies) > 0 {
		m.heading(3, "Vacancies")
		m.bullets(mapped(s.Vacancies, func(v Vacancy) string { return v.Reason }))
	}
	if len(s.EndingSoon) > 0 {
		m.heading(3, fmt.Sprintf("Terms ending within %d days", s.EndingWithin))
		m.table([]string{"Last day", "Holder", "Role", "For"}, mapped(s.EndingSoon, func(h Holder) []string {
			return []string{dateCell(h.To), holderName(h), h.Role.Name, h.Organisation.Name}
		}))
	}
}

func holderName(h Holder) string {
	if h.Person == "" {
		return h.Organisation.Name
	}
	return h.Person
}

// basisWords says why someone holds a role.
func basisWords(h Holder) string {
	var out string
	switch h.Basis {
	case "nominated":
		out = "Nominated"
	case "ex-officio":
		out = "Ex officio"
	case "implied":
		out = "Comes with another role"
	default:
		out = h.Basis
	}
	if h.DeputyFor != "" {
		out += ", deputy for " + h.DeputyFor
	}
	return out
}

func (r *Report) markdownGovernance(m *md) {
	s := r.Governance
	m.heading(2, headGovernance)
	m.para(s.Summary...)
	m.table([]string{"Body", "Meetings held", "Compact's minimum", "Average attendance of members"}, mapped(s.Bodies, func(b BodyActivity) []string {
		return []string{b.Body.Name, strconv.Itoa(b.Held), cadenceCell(b), attendanceCell(b.Attendance)}
	}))
	for _, b := range s.Bodies {
		if len(b.Meetings) == 0 {
			continue
		}
		m.heading(3, b.Body.Name)
		m.table([]string{"Date", "Meeting", "Attended", "Apologies", "Member organisations present"}, mapped(b.Meetings, func(mt MeetingHeld) []string {
			members := "–"
			if mt.Members != nil && b.Attendance != nil {
				members = ofTotal(*mt.Members, b.Attendance.Members)
			}
			return []string{dateCell(mt.Date), mt.Title, strconv.Itoa(mt.Attendees), strconv.Itoa(mt.Apologies), members}
		}))
		if a := b.Attendance; a != nil && a.Required > 0 {
			m.table([]string{"Member", "Meetings attended", "Meetings held while a member", fmt.Sprintf("At least %d", a.Required)}, mapped(a.ByMember, func(ma MemberAttendance) []string {
				return []string{ma.Organisation.Name, strconv.Itoa(ma.Attended), strconv.Itoa(ma.Held), yesNo(ma.Attended >= a.Required)}
			}))
		}
	}
	if len(s.Reports) > 0 {
		m.heading(3, "Reports delivered")
		m.table([]string{"Delivered", "Report", "From", "To", "Covers"}, mapped(s.Reports, func(rep ReportDelivered) []string {
			return []string{dateCell(rep.Delivered), rep.Title, rep.Body.Name, rep.To.Name, rep.Period.String()}
		}))
	}
}

func cadenceCell(b BodyActivity) string {
	if b.Required == 0 {
		return "None set"
	}
	out := fmt.Sprintf("%d a year", b.MinPerYear)
	if b.Required != b.MinPerYear {
		out += fmt.Sprintf(" (%d for the period)", b.Required)
	}
	switch {
	case b.MeetsCadence == nil:
		out += ": not yet met"
	case *b.MeetsCadence:
		out += ": met"
	default:
		out += ": not met"
	}
	return out
}

func attendanceCell(a *Attendance) string {
	if a == nil {
		return "No members listed"
	}
	return fmt.Sprintf("%s of %d", percent(a.AverageShare), a.Members)
}

func (r *Report) markdownCompliance(m *md) {
	s := r.Compliance
	m.heading(2, headCompliance)
	m.para(s.Summary...)
	if !s.Assessed {
		return
	}
	tallies := func(title, what string, ts []Tally) {
		if len(ts) == 0 {
			return
		}
		m.heading(3, title)
		head := []string{what, "Failures", "Checks", "Failure rate"}
		if s.Previous != nil {
			head = append(head, "Failures in "+s.Previous.Period.String(), "Rate in "+s.Previous.Period.String(), "Change")
		}
		m.table(head, mapped(ts, func(t Tally) []string {
			row := []string{t.Label, strconv.Itoa(t.Count), strconv.Itoa(t.Of), rateOf(t.Count, t.Of)}
			if t.Previous != nil {
				row = append(row, strconv.Itoa(*t.Previous), rateOf(*t.Previous, derefInt(t.PreviousOf)), signed(*t.Change))
			}
			return row
		}))
	}
	tallies("Failures by commitment", "Commitment", s.ByCommitment)
	tallies("Failures by rule", "Rule", s.ByRule)
	tallies("Failures by organisation", "Organisation", s.ByOrganisation)
	tallies("Failures by severity", "Severity", s.BySeverity)
	if len(s.Failures) > 0 {
		m.heading(3, "What failed")
		withSemantics := slices.ContainsFunc(s.Failures, func(f FailedCheck) bool { return f.Semantics != "" })
		rows := mapped(s.Failures, func(f FailedCheck) []string {
			org := ""
			if f.Organisation != nil {
				org = f.Organisation.Name
			}
			row := []string{f.Rule.Name, org, f.Severity, failureWords(f)}
			if withSemantics {
				row = append(row, f.Semantics)
			}
			return row
		})
		head := []string{"Rule", "Organisation", "Severity", "What the check found"}
		if withSemantics {
			head = append(head, "How the rule reads the records")
		}
		m.table(head, rows)
	}
}

// signed writes a change with its sign: +2, -1, 0.
func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func lengthWords(l Length) string {
	switch l {
	case LengthMeets:
		return "Long enough"
	case LengthWithReason:
		return "Shorter, reason given"
	case LengthTooShort:
		return "Too short, no reason"
	}
	return "Informal"
}

func feedbackWords(f Feedback) string {
	switch f {
	case FeedbackOnTime:
		return "Published in time"
	case FeedbackLate:
		return "Published late"
	case FeedbackMissing:
		return "Overdue"
	case FeedbackNotDue:
		return "Not yet due"
	}
	return "–"
}

func (r *Report) markdownConsultations(m *md) {
	s := r.Consultations
	m.heading(2, headConsultations)
	m.para(s.Summary...)
	m.table([]string{"Consultation", "Run by", "Kind", "Opens", "Closes", "Weeks", "Length", "Summary of responses"}, mapped(s.Items, func(it ConsultationItem) []string {
		formal := "Informal"
		if it.Formal {
			formal = "Formal"
		}
		return []string{it.Title, it.Owner.Name, formal, dateCell(it.Opens), dateCell(it.Closes), strconv.Itoa(it.Weeks), lengthWords(it.Length), feedbackWords(it.Feedback)}
	}))
	m.heading(3, fmt.Sprintf("Consultation watch: open on %s", longDate(r.AsOf)))
	if len(s.OpenNow) == 0 {
		m.para("No consultation was open.")
		return
	}
	m.table([]string{"Consultation", "Run by", "Closes", "Days left", "Meets the compact", "In short"}, mapped(s.OpenNow, func(it ConsultationItem) []string {
		return []string{it.Title, it.Owner.Name, dateCell(it.Closes), strconv.Itoa(*it.DaysLeft), yesNo(it.Length.MeetsCompact()), it.Says}
	}))
}

func (r *Report) markdownFunding(m *md) {
	s := r.Funding
	m.heading(2, headFunding)
	m.para(s.Summary...)
	if len(s.Cuts) == 0 {
		return
	}
	head := []string{"Funding", "Funder", "Recipient", "Change", "Notice given", "How", "Takes effect", "Months' notice", fmt.Sprintf("Meets the %d months", s.NoticeMonths)}
	m.table(head, mapped(s.Cuts, func(c FundingCut) []string {
		months := "–"
		if c.NoticeMonths != nil {
			months = strconv.Itoa(*c.NoticeMonths)
		}
		form := string(c.NoticeForm)
		if form == "" {
			form = "not recorded"
		}
		return []string{c.Title, c.Funder.Name, c.Recipient.Name, string(c.Kind), dateCell(c.NoticeGiven), form, dateCell(c.Effective), months, yesNo(c.MeetsNotice)}
	}))
	m.bullets(mapped(s.Cuts, func(c FundingCut) string { return c.Says }))
}

func (r *Report) markdownDisputes(m *md) {
	s := r.Disputes
	m.heading(2, headDisputes)
	m.para(s.Summary...)
	if !s.Assessed || len(s.Cases) == 0 {
		return
	}
	countRow := func(t Tally) []string { return []string{t.Label, strconv.Itoa(t.Count)} }
	m.table([]string{"Stage reached", "Challenges"}, mapped(s.ByStage, countRow))
	m.table([]string{"Outcome", "Challenges"}, mapped(s.ByOutcome, countRow))
	for _, c := range s.Cases {
		m.heading(3, c.Title)
		m.para(c.Says)
		if len(c.Commitments) > 0 {
			m.para("Commitments cited:")
			m.bullets(refNames(c.Commitments))
		}
		for _, list := range []struct {
			head    string
			actions []ActionTaken
		}{{"Recommended by the review (not agreed unless also below):", c.Recommended}, {"Agreed and taken:", c.Actions}} {
			if len(list.actions) == 0 {
				continue
			}
			m.para(list.head)
			m.bullets(mapped(list.actions, func(a ActionTaken) string {
				if a.Owner != nil {
					return a.Text + " (" + a.Owner.Name + ")"
				}
				return a.Text
			}))
		}
		if len(c.Lessons) > 0 {
			m.para("Lessons learned:")
			m.bullets(c.Lessons)
		}
	}
	if len(s.Records) > 0 {
		m.para("The case records this section was made from, each with the hash of its last event (compact dispute verify checks them):")
		m.table([]string{"Case", "Events", "Last event's hash"}, mapped(s.Records, func(rec CaseRecord) []string {
			return []string{rec.Case, strconv.Itoa(rec.Events), rec.Head}
		}))
	}
}

// measureWords says in brief what a measure achieved, in sentences: "2 of
// 3 meetings (67%), counted from the records."
func measureWords(mp MeasureProgress) string {
	var parts []string
	how := "recorded by hand"
	if mp.Counted {
		how = "counted from the records"
	}
	switch {
	case mp.Achieved != nil && mp.Target != nil:
		parts = append(parts, sentence(fmt.Sprintf("%s of %s%s (%s), %s", num(*mp.Achieved), num(*mp.Target), unitSuffix(mp.Unit), percent(*mp.Share), how)))
	case mp.Achieved != nil:
		parts = append(parts, sentence(fmt.Sprintf("%s%s, %s", num(*mp.Achieved), unitSuffix(mp.Unit), how)))
	case mp.Target != nil && mp.Status == "" && mp.Achievement == "":
		parts = append(parts, "Nothing recorded yet.")
	}
	if mp.Achievement != "" {
		parts = append(parts, sentence(mp.Achievement))
	}
	if mp.Status != "" && mp.Achieved == nil {
		parts = append(parts, sentence("Status: "+mp.Status.Label()))
	}
	return strings.Join(parts, " ")
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " " + u
}

func ragCell(r RAG) string { return r.Label() }

func (r *Report) markdownPlans(m *md) {
	s := r.Plans
	m.heading(2, headPlans)
	m.para(s.Summary...)
	for _, p := range s.ActionPlans {
		markdownActionPlan(m, p)
	}
	for _, p := range s.Priorities {
		markdownPriorities(m, p)
	}
}

// markdownActionPlan writes one action plan: the objectives by party, then
// the progress of each undertaking.
func markdownActionPlan(m *md, p PlanProgress) {
	m.heading(3, p.Title)
	m.para(p.Introduction)
	head := []string{"Objective"}
	for _, party := range p.Parties {
		head = append(head, party.Name)
	}
	var plan, progress [][]string
	for _, o := range p.Objectives {
		plan = append(plan, objectiveRow(o, p.Parties))
		num := o.Number
		if num == "" {
			num = o.ID
		}
		for _, u := range o.Undertakings {
			progress = append(progress, []string{num, u.PartyName, strings.Join(progressWords(u), " "), ragCell(u.RAG)})
		}
	}
	m.heading(4, "The plan")
	m.table(head, plan)
	m.heading(4, "Progress")
	m.table([]string{"Objective", "Party", "Progress", "Rating"}, progress)
}

// objectiveRow is an objective's row of the plan: its title, then each
// party's undertaking.
func objectiveRow(o ObjectiveProgress, parties []PlanParty) []string {
	title := o.Text
	if o.Number != "" {
		title = o.Number + ". " + title
	}
	row := []string{title}
	for _, party := range parties {
		row = append(row, o.undertakingText(party.ID))
	}
	return row
}

// undertakingText is the text of a party's undertaking for the objective;
// empty when the party has none.
func (o ObjectiveProgress) undertakingText(party string) string {
	for _, u := range o.Undertakings {
		if u.Party == party {
			return u.Text
		}
	}
	return ""
}

// progressWords says what an undertaking achieved: the words of each
// measure, then its achievement; none when it has neither.
func progressWords(u UndertakingProgress) []string {
	words := mapped(u.Measures, measureWords)
	if u.Achievement != "" {
		words = append(words, sentence(u.Achievement))
	}
	return words
}

// priorityColumnsOf says which optional columns a table of priorities has:
// each is shown when some priority has something for it.
func priorityColumnsOf(list []PriorityProgress) priorityColumns {
	var c priorityColumns
	for _, pr := range list {
		c.Measures = c.Measures || len(pr.Measures) > 0
		c.Groups = c.Groups || len(pr.Groups) > 0
		c.Comments = c.Comments || pr.Comments != ""
		c.Achievements = c.Achievements || pr.Achievement != "" || pr.Status != ""
	}
	return c
}

func (c priorityColumns) head() []string {
	head := []string{"Annual Priority", "Ref (Aims)"}
	if c.Groups {
		head = append(head, "Ref TG")
	}
	if c.Comments {
		head = append(head, "Comments")
	}
	if c.Measures {
		head = append(head, "Impact Measures", "Target", "Achieved")
	}
	if c.Achievements {
		head = append(head, "Achievements", "Status")
	}
	return append(head, "Rating")
}

// markdownPriorities writes one statement of annual priorities as a table.
func markdownPriorities(m *md, p PrioritiesProgress) {
	m.heading(3, p.Title)
	m.para(p.Introduction)
	if !p.Reported.IsZero() {
		m.para(sentence("Achievements as reported on " + longDate(p.Reported)))
	}
	cols := priorityColumnsOf(p.Priorities)
	m.table(cols.head(), mapped(p.Priorities, cols.row))
}

// row is a priority's row, in the columns of head.
func (c priorityColumns) row(pr PriorityProgress) []string {
	text := pr.Text
	if pr.Number != "" {
		text = pr.Number + " - " + text
	}
	row := []string{text, strings.Join(refIDs(pr.Aims), ", ")}
	if c.Groups {
		row = append(row, strings.Join(refNames(pr.Groups), "; "))
	}
	if c.Comments {
		row = append(row, pr.Comments)
	}
	if c.Measures {
		row = append(row, measureColumns(pr.Measures)...)
	}
	if c.Achievements {
		row = append(row, pr.Achievement, pr.Status.Label())
	}
	return append(row, ragCell(pr.RAG))
}

// measureColumns are the Impact Measures, Target and Achieved cells of a
// priority's measures.
func measureColumns(ms []MeasureProgress) []string {
	var texts, targets, achieved []string // one entry per measure
	for _, mp := range ms {
		texts = append(texts, mp.Text)
		if mp.Target != nil {
			targets = append(targets, num(*mp.Target)+unitSuffix(mp.Unit))
		}
		if w := measureWords(mp); w != "" {
			achieved = append(achieved, w)
		}
	}
	return []string{strings.Join(texts, " "), strings.Join(targets, "; "), strings.Join(achieved, " ")}
}

// failureWords says what a failed check found, and for an imported
// subject where it came from.
func failureWords(f FailedCheck) string {
	if f.Source != "" {
		return strings.TrimSpace(failureSentence(f) + " Source: " + f.Source + ".")
	}
	return failureSentence(f)
}

func failureSentence(f FailedCheck) string {
	msg := sentence(f.Message)
	if f.Outcome == Errored {
		return strings.TrimSpace("The check could not be made. " + msg)
	}
	if msg == "" {
		return "The check failed."
	}
	return msg
}
