package reporting

import (
	"fmt"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

// Ref names something of the area in a report: its id and the name people
// know it by.
type Ref struct {
	// ID of the organisation, body, role, commitment or person.
	ID string `json:"id"`
	// Name to show: the organisation's name, the body's name, the role's
	// title, the commitment's number and text.
	Name string `json:"name"`
}

// RAGCount counts ratings.
type RAGCount struct {
	// Green items.
	Green int `json:"green"`
	// Amber items.
	Amber int `json:"amber"`
	// Red items.
	Red int `json:"red"`
	// NotRated items: nothing achieved recorded yet, or no target.
	NotRated int `json:"notRated"`
}

func (c *RAGCount) add(r RAG) {
	switch r {
	case Green:
		c.Green++
	case Amber:
		c.Amber++
	case Red:
		c.Red++
	default:
		c.NotRated++
	}
}

// Total is the number of items counted.
func (c RAGCount) Total() int { return c.Green + c.Amber + c.Red + c.NotRated }

// addCounts adds the counts of o to c.
func (c *RAGCount) addCounts(o RAGCount) {
	c.Green, c.Amber, c.Red, c.NotRated = c.Green+o.Green, c.Amber+o.Amber, c.Red+o.Red, c.NotRated+o.NotRated
}

// MeasureProgress is an impact measure with what was achieved and its
// rating.
type MeasureProgress struct {
	// ID of the measure.
	ID string `json:"id"`
	// Text of the measure as published.
	Text string `json:"text"`
	// Unit of the numbers.
	Unit string `json:"unit,omitempty"`
	// Baseline is the value at the start.
	Baseline float64 `json:"baseline"`
	// Target is the value to reach, when the measure has one.
	Target *float64 `json:"target,omitempty"`
	// Achieved is the value achieved: counted from the records (Counted)
	// or recorded by hand. Absent when nothing is recorded yet.
	Achieved *float64 `json:"achieved,omitempty"`
	// Counted reports whether Achieved was counted from the records.
	Counted bool `json:"counted"`
	// Share is how far the achieved value has come from the baseline to
	// the target: 1 is the target reached. Absent without both numbers.
	Share *float64 `json:"share,omitempty"`
	// Rating is what the measure achieved in words, and its rating, with
	// how the value was found and the rating given.
	Rating
}

// Rating is what a measure, an undertaking or a priority achieved, in
// words, and the rating it is given.
type Rating struct {
	// Achievement is what was achieved, in words.
	Achievement string `json:"achievement,omitempty"`
	// Status is how far it has got: recorded, or read from the achievement
	// text.
	Status Status `json:"status,omitempty"`
	// RAG is the rating.
	RAG RAG `json:"rag"`
	// Basis says in words how the rating was given (for a measure, also
	// how the value was found).
	Basis string `json:"basis"`
}

// PriorityProgress is one annual priority with its measures, achievement
// and rating.
type PriorityProgress struct {
	// Item is the priority's id, number and text.
	Item
	// Aims are the compact's aims the priority serves.
	Aims []Ref `json:"aims,omitempty"`
	// Groups are the bodies that lead the priority.
	Groups []Ref `json:"groups,omitempty"`
	// Comments as published.
	Comments string `json:"comments,omitempty"`
	// Measures with what was achieved.
	Measures []MeasureProgress `json:"measures,omitempty"`
	// Rating is what the priority achieved, as reported, and its rating.
	Rating
}

// PrioritiesProgress is a statement of annual priorities with what was
// achieved.
type PrioritiesProgress struct {
	// Heading is the statement's id, title and period.
	Heading
	// Reported is the date the achievements were reported.
	Reported compact.Date `json:"reported,omitzero"`
	// Introduction as published.
	Introduction string `json:"introduction,omitempty"`
	// Priorities in the order published.
	Priorities []PriorityProgress `json:"priorities"`
	// RAG counts the priorities' ratings.
	RAG RAGCount `json:"rag"`
}

// PlanParty is a party to an action plan.
type PlanParty struct {
	// ID of the party within the plan.
	ID string `json:"id"`
	// Name as the plan's column heading gives it.
	Name string `json:"name"`
	// Organisation the party is, when it is one.
	Organisation *Ref `json:"organisation,omitempty"`
	// Role whose holders are the party, when it is one.
	Role *Ref `json:"role,omitempty"`
}

// UndertakingProgress is one party's undertaking with what it achieved.
type UndertakingProgress struct {
	// Party is the id of the plan party.
	Party string `json:"party"`
	// PartyName is the party's name.
	PartyName string `json:"partyName"`
	// Text of the undertaking.
	Text string `json:"text"`
	// Commitment is the compact commitment the undertaking is, if any.
	Commitment *Ref `json:"commitment,omitempty"`
	// Measures with what was achieved.
	Measures []MeasureProgress `json:"measures,omitempty"`
	// Rating is what the undertaking achieved, as recorded, and its rating.
	Rating
}

// ObjectiveProgress is one objective of an action plan.
type ObjectiveProgress struct {
	// Item is the objective's id, number and text.
	Item
	// Undertakings of the parties, in the plan's column order.
	Undertakings []UndertakingProgress `json:"undertakings"`
}

// PlanProgress is an action plan with what each party achieved.
type PlanProgress struct {
	// Heading is the plan's id, title and period.
	Heading
	// Agreed is when the plan was agreed.
	Agreed compact.Date `json:"agreed,omitzero"`
	// Introduction as published.
	Introduction string `json:"introduction,omitempty"`
	// Parties are the plan's columns.
	Parties []PlanParty `json:"parties"`
	// Objectives are the plan's rows.
	Objectives []ObjectiveProgress `json:"objectives"`
	// RAG counts the undertakings' ratings.
	RAG RAGCount `json:"rag"`
}

// Tracker measures plans and priorities against an area's records on an
// as-of date. Make one with [NewTracker]; it is safe to share between
// goroutines.
type Tracker struct {
	area *compact.Area
	reg  *roles.Register
	asOf compact.Date
}

// NewTracker returns a tracker for an area on an as-of date: records dated
// after it are not counted. It builds the area's roles register, for
// measures that count role holders; an area whose nominations do not load
// is an error.
func NewTracker(area *compact.Area, asOf compact.Date) (*Tracker, error) {
	reg, err := roles.New(area)
	if err != nil {
		return nil, err
	}
	return &Tracker{area: area, reg: reg, asOf: asOf}, nil
}

// Plan returns the progress of an action plan.
func (t *Tracker) Plan(p *ActionPlan) PlanProgress {
	out := PlanProgress{Heading: p.Heading, Agreed: p.Agreed, Introduction: oneLine(p.Introduction)}
	names := map[string]string{}
	for _, party := range p.Parties {
		pp := PlanParty{ID: party.ID, Name: party.Name}
		if party.Organisation != "" {
			r := t.orgRef(party.Organisation)
			pp.Organisation = &r
		}
		if party.Role != "" {
			r := t.roleRef(party.Role)
			pp.Role = &r
		}
		names[party.ID] = party.Name
		out.Parties = append(out.Parties, pp)
	}
	for _, o := range p.Objectives {
		op := ObjectiveProgress{Item: o.Item.oneLine()}
		for _, u := range o.Undertakings {
			up := UndertakingProgress{Party: u.Party, PartyName: names[u.Party], Text: oneLine(u.Text)}
			if u.Commitment != "" {
				ref := Ref{ID: u.Commitment, Name: u.Commitment}
				if c, ok := t.commitment(u.Commitment); ok {
					ref.Name = commitmentName(c)
					if up.Text == "" {
						up.Text = oneLine(c.Text)
					}
				}
				up.Commitment = &ref
			}
			for _, m := range u.Measures {
				up.Measures = append(up.Measures, t.measure(m, p.Period))
			}
			up.Rating = rollUp(u.Recorded, up.Measures)
			out.RAG.add(up.RAG)
			op.Undertakings = append(op.Undertakings, up)
		}
		out.Objectives = append(out.Objectives, op)
	}
	return out
}

// Priorities returns the progress of a statement of annual priorities.
func (t *Tracker) Priorities(p *Priorities) PrioritiesProgress {
	out := PrioritiesProgress{Heading: p.Heading, Reported: p.Reported, Introduction: oneLine(p.Introduction)}
	for _, pr := range p.Priorities {
		pp := PriorityProgress{Item: pr.Item.oneLine(), Comments: oneLine(pr.Comments)}
		for _, aim := range pr.Aims {
			pp.Aims = append(pp.Aims, t.aimRef(aim))
		}
		for _, g := range pr.Groups {
			pp.Groups = append(pp.Groups, t.bodyRef(g))
		}
		for _, m := range pr.Measures {
			pp.Measures = append(pp.Measures, t.measure(m, p.Period))
		}
		pp.Rating = rollUp(pr.Recorded, pp.Measures)
		out.RAG.add(pp.RAG)
		out.Priorities = append(out.Priorities, pp)
	}
	return out
}

// rollUp rates a priority or undertaking: by its own status (recorded, or
// read from its achievement), else by the lowest rating of its measures.
func rollUp(rec Recorded, ms []MeasureProgress) Rating {
	out := Rating{Achievement: oneLine(rec.Achievement)}
	if st, basis := rec.status(); st != "" {
		out.Status, out.RAG, out.Basis = st, st.RAG(), basis
		return out
	}
	var rs []RAG
	for _, m := range ms {
		rs = append(rs, m.RAG)
	}
	out.RAG = worst(rs...)
	switch {
	case len(ms) == 0:
		out.RAG, out.Basis = NotRated, "Nothing achieved has been recorded yet."
	case out.RAG == NotRated:
		out.Basis = "None of its measures can be rated yet."
	case len(ms) == 1:
		out.Basis = "Rated by its measure."
	default:
		out.Basis = fmt.Sprintf("Rated by the lowest rating of its %d measures.", len(ms))
	}
	return out
}

// status returns the recorded status, or the status read from the
// achievement text, with how it was found.
func (r Recorded) status() (Status, string) {
	if r.Status != "" {
		return r.Status, fmt.Sprintf("Status recorded as %s.", r.Status.Label())
	}
	st, phrase := DeriveStatus(r.Achievement)
	switch {
	case st == "":
		return "", ""
	case phrase != "":
		return st, fmt.Sprintf("The achievement says %q, read as %s.", phrase, st.Label())
	}
	return st, fmt.Sprintf("The achievement records work done but not finished, read as %s.", st.Label())
}

// measure counts or reads the achieved value of a measure and rates it.
func (t *Tracker) measure(m Measure, period compact.Period) MeasureProgress {
	mp := MeasureProgress{ID: m.ID, Text: oneLine(m.Text), Unit: m.Unit, Baseline: m.Baseline, Target: m.Target,
		Rating: Rating{Achievement: oneLine(m.Achievement)}}
	var source string
	switch {
	case m.Count != nil:
		v, what := t.count(m.Count, period)
		mp.Achieved, mp.Counted = &v, true
		source = fmt.Sprintf("Counted from the records: %s.", what)
	case m.Achieved != nil:
		v := *m.Achieved
		mp.Achieved = &v
		source = "Recorded by hand."
	}
	if mp.Achieved != nil && m.Target != nil {
		share := progressShare(m.Baseline, *m.Target, *mp.Achieved)
		mp.Share = &share
		mp.RAG = rateShare(share)
		mp.Status = m.Status
		mp.Basis = join(source, fmt.Sprintf("%s against a target of %s from a baseline of %s is %s of the way: %s.",
			num(*mp.Achieved), num(*m.Target), num(m.Baseline), percent(share), mp.RAG.Label()))
		return mp
	}
	if st, basis := m.status(); st != "" {
		mp.Status, mp.RAG = st, st.RAG()
		mp.Basis = join(source, basis)
		return mp
	}
	mp.RAG = NotRated
	switch {
	case mp.Achieved != nil:
		mp.Basis = join(source, "The measure has no target, so it is not rated.")
	default:
		mp.Basis = "Nothing achieved has been recorded yet."
	}
	return mp
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// progressShare is how far achieved has come from baseline to target: 1 is
// the target reached. A target below the baseline means lower is better,
// and the same formula holds.
func progressShare(baseline, target, achieved float64) float64 {
	if target == baseline {
		if achieved == target {
			return 1
		}
		return 0
	}
	return (achieved - baseline) / (target - baseline)
}

// rateShare rates progress towards a target: green at the target, amber at
// least half-way, red otherwise.
func rateShare(share float64) RAG {
	switch {
	case share >= 1:
		return Green
	case share >= 0.5:
		return Amber
	}
	return Red
}

// count counts a measure's achieved value from the records over the
// period, up to the as-of date, and says what it counted.
func (t *Tracker) count(c *Count, period compact.Period) (float64, string) {
	end := period.To
	if t.asOf.Before(end) {
		end = t.asOf
	}
	switch {
	case c.Meetings != "":
		n := len(meetingsOf(t.area, c.Meetings, period, t.asOf))
		return float64(n), fmt.Sprintf("%s of the %s held in %s", count(n, "meeting", "meetings"), t.bodyRef(c.Meetings).Name, period)
	case c.NewSignatories:
		n := len(t.area.Joined(period.From, end))
		return float64(n), fmt.Sprintf("%s signed up in %s", count(n, "new signatory", "new signatories"), period)
	default:
		orgs := holderOrganisations(t.reg, c.RoleHolders, end)
		return float64(len(orgs)), fmt.Sprintf("%s with a %s on %s", count(len(orgs), "organisation", "organisations"), t.roleRef(c.RoleHolders).Name, longDate(end))
	}
}

// meetingsOf returns the meetings of a body dated in the period, on or
// before asOf, in date order.
func meetingsOf(a *compact.Area, body string, period compact.Period, asOf compact.Date) []compact.Meeting {
	var out []compact.Meeting
	for _, m := range a.Records.Meetings {
		if m.Body == body && compact.Counts(m.Date, period, asOf) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(x, y compact.Meeting) int { return x.Date.Compare(y.Date) })
	return out
}

// holderOrganisations returns the organisations with someone holding a role
// on a date, deputies not counted, in the register's order.
func holderOrganisations(reg *roles.Register, role string, on compact.Date) []string {
	var out []string
	seen := map[string]bool{}
	for _, h := range reg.Holders(role, "", on) {
		if !h.IsDeputy() && !seen[h.Organisation] {
			seen[h.Organisation] = true
			out = append(out, h.Organisation)
		}
	}
	return out
}

func (t *Tracker) commitment(id string) (*compact.Commitment, bool) {
	if t.area.Compact == nil {
		return nil, false
	}
	return t.area.Compact.Commitment(id)
}

func (t *Tracker) orgRef(id string) Ref { return orgRef(t.area, id) }

func (t *Tracker) bodyRef(id string) Ref { return bodyRef(t.area, id) }

func (t *Tracker) roleRef(id string) Ref {
	if cat := t.reg.Catalogue(); cat != nil {
		if r, ok := cat.Role(id); ok {
			return Ref{ID: id, Name: r.Title}
		}
	}
	return Ref{ID: id, Name: id}
}

func (t *Tracker) aimRef(id string) Ref {
	if t.area.Compact != nil {
		for _, a := range t.area.Compact.Aims {
			if a.ID == id {
				return Ref{ID: id, Name: oneLine(a.Text)}
			}
		}
	}
	return Ref{ID: id, Name: id}
}

func orgRef(a *compact.Area, id string) Ref {
	if o, ok := a.Organisation(id); ok {
		return Ref{ID: id, Name: o.Name}
	}
	return Ref{ID: id, Name: id}
}

func bodyRef(a *compact.Area, id string) Ref {
	if a.Compact != nil {
		if b, ok := a.Compact.Body(id); ok {
			return Ref{ID: id, Name: b.Name}
		}
	}
	return Ref{ID: id, Name: id}
}

func personName(a *compact.Area, id string) string {
	if p, ok := a.Person(id); ok {
		return p.Name
	}
	return id
}

// commitmentName is a commitment's number (when it has one) and text.
func commitmentName(c *compact.Commitment) string {
	text := oneLine(c.Text)
	if c.Number != "" {
		return c.Number + " " + text
	}
	return text
}
