package reporting

import (
	"fmt"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/rules"
)

// Length says whether a consultation ran as long as the compact asks.
type Length string

// Length verdicts.
const (
	LengthMeets      Length = "meets"               // formal, and open at least the weeks the compact asks for
	LengthWithReason Length = "shorter-with-reason" // formal and shorter, with the reason stated (the compact allows this)
	LengthTooShort   Length = "too-short"           // formal and shorter, with no reason given
	LengthInformal   Length = "informal"            // not a formal written consultation; the length commitment does not apply
)

var lengths = []Length{LengthMeets, LengthWithReason, LengthTooShort, LengthInformal}

// Values lists the length verdicts.
func (Length) Values() []string { return docfmt.EnumStrings(lengths) }

// MeetsCompact reports whether the verdict keeps the compact: long enough,
// shorter with a reason, or informal.
func (l Length) MeetsCompact() bool { return l != LengthTooShort }

// Feedback says whether a summary of responses was published in time.
type Feedback string

// Feedback verdicts.
const (
	FeedbackOnTime        Feedback = "on-time"        // published within the months the compact allows
	FeedbackLate          Feedback = "late"           // published, but later
	FeedbackMissing       Feedback = "missing"        // not published, and now overdue
	FeedbackNotDue        Feedback = "not-due"        // not published, and not yet due
	FeedbackNotApplicable Feedback = "not-applicable" // an informal consultation
)

var feedbacks = []Feedback{FeedbackOnTime, FeedbackLate, FeedbackMissing, FeedbackNotDue, FeedbackNotApplicable}

// Values lists the feedback verdicts.
func (Feedback) Values() []string { return docfmt.EnumStrings(feedbacks) }

// ConsultationItem is one consultation and whether it keeps the compact.
type ConsultationItem struct {
	// ID of the consultation record.
	ID string `json:"id"`
	// Title of the consultation.
	Title string `json:"title"`
	// Owner is the organisation that runs it.
	Owner Ref `json:"owner"`
	// Opens is the first day responses are invited.
	Opens compact.Date `json:"opens"`
	// Closes is the last day responses are accepted.
	Closes compact.Date `json:"closes"`
	// Formal: a formal written consultation.
	Formal bool `json:"formal"`
	// Weeks is how many whole weeks it is open (from opening to closing).
	Weeks int `json:"weeks"`
	// Length is the verdict on its length.
	Length Length `json:"length"`
	// Reason given for a shorter period, if any.
	Reason string `json:"reason,omitempty"`
	// Feedback is the verdict on the summary of responses, as of the
	// as-of date.
	Feedback Feedback `json:"feedback"`
	// FeedbackDue is the last day for the summary of responses.
	FeedbackDue compact.Date `json:"feedbackDue,omitzero"`
	// FeedbackPublished is when the summary was published.
	FeedbackPublished compact.Date `json:"feedbackPublished,omitzero"`
	// Responses received.
	Responses int `json:"responses,omitempty"`
	// DaysLeft is how many days are left to respond after the as-of date
	// (0 on the closing day); absent unless the consultation is open.
	DaysLeft *int `json:"daysLeft,omitempty"`
	// URL of the consultation.
	URL string `json:"url,omitempty"`
	// Says is the verdict in a sentence.
	Says string `json:"says"`
}

// ConsultationsSection says how many consultations public bodies ran, how
// many ran for the weeks the compact asks, whether summaries of responses
// were published in time, and which are open and closing soon.
type ConsultationsSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// Weeks is the shortest formal consultation the compact asks for.
	Weeks int `json:"weeks"`
	// FeedbackMonths is the longest time from closing to a summary of
	// responses.
	FeedbackMonths int `json:"feedbackMonths"`
	// SetBy says where Weeks and FeedbackMonths come from.
	SetBy []string `json:"setBy"`
	// Total is how many consultations ran in the period (opened by the
	// as-of date and open for at least one day of the period).
	Total int `json:"total"`
	// Formal is how many were formal written consultations.
	Formal int `json:"formal"`
	// MeetingWeeks is how many formal ones ran for at least Weeks weeks.
	MeetingWeeks int `json:"meetingWeeks"`
	// ShareMeetingWeeks is MeetingWeeks as a share of Formal (0 when there
	// are none).
	ShareMeetingWeeks float64 `json:"shareMeetingWeeks"`
	// ShorterWithReason is how many formal ones were shorter with a reason.
	ShorterWithReason int `json:"shorterWithReason"`
	// TooShort is how many formal ones were shorter with no reason.
	TooShort int `json:"tooShort"`
	// FeedbackDue is how many formal ones had a summary due by the as-of
	// date, or published.
	FeedbackDue int `json:"feedbackDue"`
	// FeedbackOnTime is how many summaries were published in time.
	FeedbackOnTime int `json:"feedbackOnTime"`
	// Items are the consultations, by opening date.
	Items []ConsultationItem `json:"items"`
	// ClosingWithin is how many days ahead the watch looks.
	ClosingWithin int `json:"closingWithin"`
	// OpenNow are the consultations open on the as-of date, closing soonest
	// first: the compact officer's consultation watch.
	OpenNow []ConsultationItem `json:"openNow"`
	// ClosingSoon is how many of OpenNow close within ClosingWithin days.
	ClosingSoon int `json:"closingSoon"`
}

// consultationRules are the numbers consultations are measured against.
type consultationRules struct {
	weeks, months int
	setBy         []string
}

// rulesOf reads the numbers in force (see [paramsOf]); the watch, which
// has no error to return, falls back to the compact's values when the
// area's pack does not resolve (compact check reports why).
func rulesOf(a *compact.Area, params []*rules.Setting) consultationRules {
	var r consultationRules
	var w, m string
	r.weeks, w = parameterOf(a, params, "consultationWeeks", DefaultConsultationWeeks)
	r.months, m = parameterOf(a, params, "consultationFeedbackMonths", DefaultConsultationFeedbackMonths)
	r.setBy = []string{sentence(w), sentence(m)}
	return r
}

// assess judges one consultation on a date.
func assess(a *compact.Area, c compact.Consultation, r consultationRules, on compact.Date) ConsultationItem {
	it := ConsultationItem{ID: c.ID, Title: c.Title, Owner: orgRef(a, c.Owner), Opens: c.Opens, Closes: c.Closes, Formal: c.Formal,
		Weeks: compact.WeeksBetween(c.Opens, c.Closes), Reason: oneLine(c.ShortPeriodRationale), FeedbackPublished: c.FeedbackPublished,
		Responses: c.Responses, URL: c.URL}
	if !c.Opens.After(on) && !c.Closes.Before(on) {
		d := compact.DaysBetween(on, c.Closes)
		it.DaysLeft = &d
	}
	weeks := fmt.Sprintf("%s (%s to %s)", count(it.Weeks, "week", "weeks"), longDate(c.Opens), longDate(c.Closes))
	switch {
	case !c.Formal:
		it.Length = LengthInformal
		it.Feedback = FeedbackNotApplicable
		it.Says = sentence(fmt.Sprintf("An informal consultation, open %s; the %d-week commitment applies to formal written consultations", weeks, r.weeks))
		return it
	case it.Weeks >= r.weeks:
		it.Length = LengthMeets
		it.Says = fmt.Sprintf("Open %s, meeting the compact's %d weeks.", weeks, r.weeks)
	case it.Reason != "":
		it.Length = LengthWithReason
		it.Says = fmt.Sprintf("Open %s, shorter than the compact's %d weeks, with the reason given.", weeks, r.weeks)
	default:
		it.Length = LengthTooShort
		it.Says = fmt.Sprintf("Open %s, shorter than the compact's %d weeks, and no reason was given.", weeks, r.weeks)
	}
	it.FeedbackDue = c.Closes.AddMonths(r.months)
	switch {
	case !c.FeedbackPublished.IsZero() && !c.FeedbackPublished.After(on) && !c.FeedbackPublished.After(it.FeedbackDue):
		it.Feedback = FeedbackOnTime
		it.Says += fmt.Sprintf(" A summary of responses was published on %s, in time.", longDate(c.FeedbackPublished))
	case !c.FeedbackPublished.IsZero() && !c.FeedbackPublished.After(on):
		it.Feedback = FeedbackLate
		it.Says += fmt.Sprintf(" A summary of responses was published on %s, after it was due on %s.", longDate(c.FeedbackPublished), longDate(it.FeedbackDue))
	case it.FeedbackDue.Before(on):
		it.Feedback = FeedbackMissing
		it.Says += fmt.Sprintf(" No summary of responses has been published; it was due by %s.", longDate(it.FeedbackDue))
	default:
		it.Feedback = FeedbackNotDue
		it.Says += fmt.Sprintf(" A summary of responses is due by %s.", longDate(it.FeedbackDue))
	}
	return it
}

// Watch is the compact officer's consultation watch: the consultations of
// an area open on a date (opened on or before it, closing on or after it),
// closing soonest first, each with the days left to respond and whether it
// meets the compact.
func Watch(area *compact.Area, on compact.Date) []ConsultationItem {
	r := rulesOf(area, watchParams(area))
	out := []ConsultationItem{}
	for _, c := range area.Records.Consultations {
		if !c.Opens.After(on) && !c.Closes.Before(on) {
			out = append(out, withDaysLeft(assess(area, c, r, on)))
		}
	}
	slices.SortStableFunc(out, func(x, y ConsultationItem) int { return x.Closes.Compare(y.Closes) })
	return out
}

// withDaysLeft puts the days left at the front of what the item says.
func withDaysLeft(it ConsultationItem) ConsultationItem {
	if it.DaysLeft == nil {
		return it
	}
	switch d := *it.DaysLeft; d {
	case 0:
		it.Says = "Closes today. " + it.Says
	case 1:
		it.Says = "Closes tomorrow. " + it.Says
	default:
		it.Says = fmt.Sprintf("Closes in %d days. ", d) + it.Says
	}
	return it
}

// Consultations lists the consultations of an area that ran in a period
// (opened by the as-of date and open for at least one day of the period),
// by opening date, each judged on the as-of date.
func Consultations(area *compact.Area, period compact.Period, asOf compact.Date) []ConsultationItem {
	r := rulesOf(area, watchParams(area))
	out := []ConsultationItem{}
	for _, c := range area.Records.Consultations {
		if !c.Opens.After(asOf) && period.Overlaps(c.Opens, c.Closes) {
			out = append(out, assess(area, c, r, asOf))
		}
	}
	slices.SortStableFunc(out, func(x, y ConsultationItem) int { return x.Opens.Compare(y.Opens) })
	return out
}

func (b *builder) consultations() ConsultationsSection {
	r := rulesOf(b.area, b.cfg.params)
	s := ConsultationsSection{Weeks: r.weeks, FeedbackMonths: r.months, SetBy: r.setBy, ClosingWithin: b.cfg.closingWithin}
	s.Items = Consultations(b.area, b.period, b.cfg.asOf)
	for _, it := range s.Items {
		s.Total++
		if !it.Formal {
			continue
		}
		s.Formal++
		switch it.Length {
		case LengthMeets:
			s.MeetingWeeks++
		case LengthWithReason:
			s.ShorterWithReason++
		case LengthTooShort:
			s.TooShort++
		}
		switch it.Feedback {
		case FeedbackOnTime:
			s.FeedbackDue++
			s.FeedbackOnTime++
		case FeedbackLate, FeedbackMissing:
			s.FeedbackDue++
		}
	}
	if s.Formal > 0 {
		s.ShareMeetingWeeks = float64(s.MeetingWeeks) / float64(s.Formal)
	}
	s.OpenNow = Watch(b.area, b.cfg.asOf)
	for _, it := range s.OpenNow {
		if *it.DaysLeft <= b.cfg.closingWithin {
			s.ClosingSoon++
		}
	}

	if s.Total == 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("No consultations are recorded for %s%s", b.period, b.so())))
	} else {
		line := fmt.Sprintf("Public bodies ran %s in %s%s", count(s.Total, "consultation", "consultations"), b.period, b.so())
		if s.Formal < s.Total {
			line += fmt.Sprintf(", %d of them formal written consultations", s.Formal)
		}
		s.Summary = append(s.Summary, sentence(line))
	}
	if s.Formal > 0 {
		line := fmt.Sprintf("%s formal consultations (%s) ran for at least %d weeks", ofTotal(s.MeetingWeeks, s.Formal), percent(s.ShareMeetingWeeks), s.Weeks)
		if short := s.ShorterWithReason + s.TooShort; short > 0 {
			line += fmt.Sprintf("; of the %d shorter, %d gave a reason and %d did not", short, s.ShorterWithReason, s.TooShort)
		}
		s.Summary = append(s.Summary, sentence(line))
		if s.FeedbackDue > 0 {
			s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s summaries of responses due by %s were published within %d months of closing",
				ofTotal(s.FeedbackOnTime, s.FeedbackDue), longDate(b.cfg.asOf), s.FeedbackMonths)))
		}
	}
	switch {
	case len(s.OpenNow) == 0:
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("No consultation was open on %s", longDate(b.cfg.asOf))))
	default:
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("%s open on %s, %d closing within %d days",
			count(len(s.OpenNow), "consultation was", "consultations were"), longDate(b.cfg.asOf), s.ClosingSoon, s.ClosingWithin)))
	}
	return s
}

// watchParams are the parameters in force for the consultation watch, or
// nil when the area's pack does not resolve.
func watchParams(a *compact.Area) []*rules.Setting {
	p, err := paramsOf(a, nil)
	if err != nil {
		return nil
	}
	return p
}

// ConsultationsOutput is the JSON shape of "compact consultations --format
// json": the consultation watch of an area. Its fields are in the order
// they are written.
type ConsultationsOutput struct {
	// Area name.
	Area string `json:"area"`
	// AsOf is the date looked from.
	AsOf compact.Date `json:"asOf"`
	// Consultations are those open on AsOf, closing soonest first (Open),
	// or every one that ran in Period.
	Consultations []ConsultationItem `json:"consultations"`
	// Open is true when the list is of the consultations open on AsOf.
	Open bool `json:"open"`
	// Period is the period whose consultations are listed; left out when
	// Open.
	Period *compact.Period `json:"period,omitempty"`
}
