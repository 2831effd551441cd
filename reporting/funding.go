package reporting

import (
	"fmt"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// FundingSection says how public bodies changed funding in the period:
// the decisions by kind, and for every reduction or ending, the notice
// given against the minimum the compact sets.
type FundingSection struct {
	// Summary in sentences.
	Summary []string `json:"summary"`
	// NoticeMonths is the minimum notice in writing, in calendar months,
	// before funding is reduced or ended.
	NoticeMonths int `json:"noticeMonths"`
	// SetBy says where NoticeMonths comes from.
	SetBy string `json:"setBy"`
	// Decisions is how many funding decisions were made in the period.
	Decisions int `json:"decisions"`
	// ByKind counts the decisions by kind (new, renewal, reduction,
	// ending), in that order, leaving out kinds with none.
	ByKind []Tally `json:"byKind"`
	// Cuts are the reductions and endings, by decision date.
	Cuts []FundingCut `json:"cuts"`
	// CutsWithNotice is how many cuts gave at least NoticeMonths months'
	// notice in writing.
	CutsWithNotice int `json:"cutsWithNotice"`
	// AmountCut is the yearly amount the cuts take away, in pounds, where
	// the records give the amounts.
	AmountCut float64 `json:"amountCut"`
}

// FundingCut is one reduction or ending of funding and the notice given.
type FundingCut struct {
	// ID of the funding decision record.
	ID string `json:"id"`
	// Title of the funding.
	Title string `json:"title,omitempty"`
	// Funder is the public body that decided.
	Funder Ref `json:"funder"`
	// Recipient is the organisation funded.
	Recipient Ref `json:"recipient"`
	// Kind: reduction or ending.
	Kind compact.FundingKind `json:"kind"`
	// PreviousAmount is the yearly amount before, in pounds.
	PreviousAmount float64 `json:"previousAmount,omitempty"`
	// Amount is the yearly amount after, in pounds.
	Amount float64 `json:"amount,omitempty"`
	// Decided is the date of the decision.
	Decided compact.Date `json:"decided"`
	// NoticeGiven is when notice was given.
	NoticeGiven compact.Date `json:"noticeGiven,omitzero"`
	// NoticeForm is how it was given.
	NoticeForm compact.NoticeForm `json:"noticeForm,omitempty"`
	// Effective is when the cut takes effect.
	Effective compact.Date `json:"effective,omitzero"`
	// NoticeMonths is the whole calendar months from notice to effect;
	// absent when either date is missing.
	NoticeMonths *int `json:"noticeMonths,omitempty"`
	// MeetsNotice: notice in writing of at least the minimum.
	MeetsNotice bool `json:"meetsNotice"`
	// ReasonsGiven: the decision gives its reasons.
	ReasonsGiven bool `json:"reasonsGiven"`
	// Says is the verdict in a sentence.
	Says string `json:"says"`
}

func (b *builder) funding() FundingSection {
	a := b.area
	s := FundingSection{ByKind: []Tally{}, Cuts: []FundingCut{}}
	var setBy string
	s.NoticeMonths, setBy = b.parameter("fundingNoticeMonths", DefaultFundingNoticeMonths)
	s.SetBy = sentence(setBy)
	kinds := map[compact.FundingKind]int{}
	for _, f := range a.Records.Funding {
		if !b.inPeriod(f.Decided) {
			continue
		}
		s.Decisions++
		kinds[f.Kind]++
		change := f.Change() // a renewal at a lower amount is a reduction too
		if change == "" {
			continue
		}
		c := FundingCut{ID: f.ID, Title: f.Title, Funder: orgRef(a, f.Funder), Recipient: orgRef(a, f.Recipient), Kind: f.Kind,
			PreviousAmount: f.PreviousAmount, Amount: f.Amount, Decided: f.Decided, NoticeGiven: f.NoticeGiven, NoticeForm: f.NoticeForm,
			Effective: f.Effective, ReasonsGiven: strings.TrimSpace(f.Reasons) != ""}
		if f.PreviousAmount > 0 {
			s.AmountCut += f.PreviousAmount - f.Amount
		}
		what := string(change)
		title := "its funding"
		if f.Title != "" {
			title = "its " + f.Title
		}
		lead := fmt.Sprintf("%s gave %s", c.Funder.Name, c.Recipient.Name)
		switch {
		case f.NoticeGiven.IsZero() || f.Effective.IsZero() || f.NoticeForm == compact.NoticeNone:
			c.Says = fmt.Sprintf("%s no dated notice of the %s of %s", lead, what, title)
		default:
			m := compact.MonthsBetween(f.NoticeGiven, f.Effective)
			c.NoticeMonths = &m
			written := f.NoticeForm == compact.NoticeWritten
			c.MeetsNotice = written && m >= s.NoticeMonths
			c.Says = fmt.Sprintf("%s %s of the %s of %s (%s to %s)", lead, monthsNotice(m), what, title,
				longDate(f.NoticeGiven), longDate(f.Effective))
			switch {
			case !written && f.NoticeForm == "":
				c.Says += ", in a form not recorded, so not in writing"
			case f.NoticeForm == compact.NoticeVerbal:
				c.Says += ", given verbally, not in writing"
			case !written:
				c.Says += fmt.Sprintf(", %s, not in writing", f.NoticeForm)
			case c.MeetsNotice:
				c.Says += fmt.Sprintf(", in writing, meeting the compact's %d months", s.NoticeMonths)
			default:
				c.Says += fmt.Sprintf(", in writing but less than the compact's %d months", s.NoticeMonths)
			}
		}
		if !c.ReasonsGiven {
			c.Says += "; no reasons were given"
		}
		c.Says = sentence(c.Says)
		if c.MeetsNotice {
			s.CutsWithNotice++
		}
		s.Cuts = append(s.Cuts, c)
	}
	slices.SortStableFunc(s.Cuts, func(x, y FundingCut) int { return x.Decided.Compare(y.Decided) })
	for _, k := range []compact.FundingKind{compact.FundingNew, compact.FundingRenewal, compact.FundingReduction, compact.FundingEnding} {
		if kinds[k] > 0 {
			s.ByKind = append(s.ByKind, Tally{Key: string(k), Label: fundingKindLabel(k, 2), Count: kinds[k]})
		}
	}

	if s.Decisions == 0 {
		s.Summary = append(s.Summary, sentence(fmt.Sprintf("No funding decisions are recorded for %s%s", b.period, b.so())))
		return s
	}
	var parts []string
	for _, t := range s.ByKind {
		parts = append(parts, fmt.Sprintf("%d %s", t.Count, strings.ToLower(fundingKindLabel(compact.FundingKind(t.Key), t.Count))))
	}
	s.Summary = append(s.Summary, sentence(fmt.Sprintf("Public bodies made %s in %s%s: %s", count(s.Decisions, "funding decision", "funding decisions"),
		b.period, b.so(), andList(parts))))
	if len(s.Cuts) > 0 {
		line := fmt.Sprintf("%s reductions or endings gave at least %d months' notice in writing, as the compact asks", ofTotal(s.CutsWithNotice, len(s.Cuts)), s.NoticeMonths)
		if s.AmountCut > 0 {
			line += fmt.Sprintf("; together they take %s a year from the organisations funded", pounds(s.AmountCut))
		}
		s.Summary = append(s.Summary, sentence(line))
	}
	return s
}

// fundingKindLabel names a kind of funding decision, singular for n = 1.
func fundingKindLabel(k compact.FundingKind, n int) string {
	switch k {
	case compact.FundingNew:
		return nounFor(n, "New award", "New awards")
	case compact.FundingRenewal:
		return nounFor(n, "Renewal", "Renewals")
	case compact.FundingReduction:
		return nounFor(n, "Reduction", "Reductions")
	case compact.FundingEnding:
		return nounFor(n, "Ending", "Endings")
	}
	return string(k)
}

// monthsNotice writes a notice period: "less than a month's notice",
// "1 month's notice", "3 months' notice".
func monthsNotice(m int) string {
	switch {
	case m <= 0:
		return "less than a month's notice"
	case m == 1:
		return "1 month's notice"
	}
	return fmt.Sprintf("%d months' notice", m)
}
