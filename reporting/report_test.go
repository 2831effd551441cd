package reporting_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/reporting"
)

// TestTestshireFigures checks the report on the test area against figures
// worked out by hand from the records in helpers_test.go.
func TestTestshireFigures(t *testing.T) {
	r := build(t, testshire(t), "2024-25")
	assert.Equal(t, "The Testshire Compact: annual report 2024-25", r.Title)
	assert.True(t, r.Complete)
	assert.Equal(t, d("2025-03-31"), r.Through)
	require.NotNil(t, r.ReportTo)
	assert.Equal(t, "Testshire Board", r.ReportTo.Name)

	s := r.Signatories
	assert.Equal(t, 2, s.AtStart, "council and health")
	assert.Equal(t, 2, s.AtEnd, "council and charity")
	require.Len(t, s.New, 1)
	assert.Equal(t, "charity", s.New[0].Organisation.ID)
	assert.Equal(t, d("2024-06-01"), s.New[0].Date)
	assert.True(t, s.New[0].WrittenCommitment)
	require.Len(t, s.Lapsed, 1)
	assert.Equal(t, "health", s.Lapsed[0].Organisation.ID)
	assert.Equal(t, d("2024-09-30"), s.Lapsed[0].Date)

	g := r.Governance
	require.Len(t, g.Bodies, 2, "the external board is left out")
	sg := g.Bodies[0]
	assert.Equal(t, 2, sg.Held)
	assert.Equal(t, 2, sg.Required)
	require.NotNil(t, sg.MeetsCadence)
	assert.True(t, *sg.MeetsCadence)
	require.NotNil(t, sg.Attendance)
	assert.InDelta(t, 0.5, sg.Attendance.AverageShare, 1e-9, "2 of 3, then 1 of 3")
	var below []string
	for _, m := range sg.Attendance.Below {
		below = append(below, m.Organisation.ID)
	}
	assert.Equal(t, []string{"charity", "health"}, below)
	assert.Equal(t, 1, sg.ReportsDelivered)
	assert.Equal(t, 1, g.Bodies[1].Held, "the event before the period is not counted")
	require.Len(t, g.Reports, 1)

	c := r.Consultations
	assert.Equal(t, 5, c.Total)
	assert.Equal(t, 4, c.Formal)
	assert.Equal(t, 2, c.MeetingWeeks)
	assert.InDelta(t, 0.5, c.ShareMeetingWeeks, 1e-9)
	assert.Equal(t, 1, c.ShorterWithReason)
	assert.Equal(t, 1, c.TooShort)
	assert.Equal(t, 3, c.FeedbackDue)
	assert.Equal(t, 1, c.FeedbackOnTime)
	require.Len(t, c.OpenNow, 2)
	assert.Equal(t, "informal", c.OpenNow[0].ID, "closing soonest first")
	assert.Equal(t, 10, *c.OpenNow[0].DaysLeft)
	assert.Equal(t, 60, *c.OpenNow[1].DaysLeft)
	assert.Equal(t, 1, c.ClosingSoon)

	fu := r.Funding
	assert.Equal(t, 3, fu.NoticeMonths)
	assert.Equal(t, 5, fu.Decisions)
	require.Len(t, fu.Cuts, 4)
	assert.Equal(t, 1, fu.CutsWithNotice)
	assert.InDelta(t, 10800, fu.AmountCut, 0)
	assert.Equal(t, []reporting.Tally{{Key: "new", Label: "New awards", Count: 1}, {Key: "reduction", Label: "Reductions", Count: 2}, {Key: "ending", Label: "Endings", Count: 2}}, fu.ByKind)
	byID := map[string]reporting.FundingCut{}
	for _, cut := range fu.Cuts {
		byID[cut.ID] = cut
	}
	assert.True(t, byID["f-good"].MeetsNotice)
	assert.Equal(t, 3, *byID["f-good"].NoticeMonths)
	assert.Equal(t, 2, *byID["f-short"].NoticeMonths, "15 December to 14 March is two months")
	assert.False(t, byID["f-verbal"].MeetsNotice, "verbal notice is not in writing")
	assert.Contains(t, byID["f-verbal"].Says, "given verbally, not in writing; no reasons were given")
	assert.Nil(t, byID["f-undated"].NoticeMonths)
	assert.Contains(t, byID["f-undated"].Says, "no dated notice")

	assert.False(t, r.Compliance.Assessed)
	assert.False(t, r.Disputes.Assessed)
	assert.Contains(t, r.Summary, "2 organisations were signed up to the compact on 31 March 2025, against 2 at the start of 2024-25.")
	assert.Contains(t, r.Summary, "The Testshire Steering Group met twice, keeping to the compact's minimum of 2 meetings a year.")
}

func TestPartialPeriod(t *testing.T) {
	r := build(t, testshire(t), "2024-25", reporting.AsOf(d("2024-08-01")), reporting.ClosingWithin(30), reporting.EndingWithin(10))
	assert.False(t, r.Complete)
	assert.Equal(t, d("2024-08-01"), r.Through)
	sg := r.Governance.Bodies[0]
	assert.Equal(t, 1, sg.Held)
	assert.Nil(t, sg.MeetsCadence, "the group can still meet twice")
	assert.Empty(t, sg.Attendance.Below, "too early to say")
	assert.Contains(t, r.Governance.Summary[0], "met once so far; the compact asks for at least twice a year")
	assert.Equal(t, 2, r.Consultations.Total, "consultations opened by the as-of date")
	require.Len(t, r.Consultations.OpenNow, 1)
	assert.Equal(t, 11, *r.Consultations.OpenNow[0].DaysLeft)
	assert.Equal(t, 1, r.Consultations.ClosingSoon)
	assert.Equal(t, 30, r.Consultations.ClosingWithin)
	assert.Equal(t, 10, r.Roles.EndingWithin)
	assert.Equal(t, 3, r.Signatories.AtEnd, "health withdraws later")
	assert.Contains(t, r.Notes[0], "records dated after 1 August 2024 are not counted")
}

func TestPeriodNotAYear(t *testing.T) {
	r := build(t, testshire(t), "2024-04-01..2024-09-30")
	sg := r.Governance.Bodies[0]
	assert.Equal(t, 1, sg.Required, "twice a year is once in six months")
	assert.Contains(t, r.Governance.Summary[0], "(1 for this period)")
	r = build(t, testshire(t), "2024-04-01..2024-05-10")
	assert.Equal(t, 1, r.Governance.Bodies[0].Required, "rounded up")
}

func TestBuildRefusesAnEmptyPeriod(t *testing.T) {
	_, err := reporting.Build(context.Background(), testshire(t), compact.Period{})
	assert.Error(t, err)
}

func TestTitleOption(t *testing.T) {
	r := build(t, testshire(t), "2024-25", reporting.Title("Report to the Board"))
	assert.Equal(t, "Report to the Board", r.Title)
	r = build(t, parseArea(t, testDirectory), "2024-25")
	assert.Equal(t, "Annual compact report 2024-25: testshire", r.Title)
	assert.Nil(t, r.Compact)
	assert.Contains(t, r.Governance.Summary[0], "no compact")
}

// findings is a source of findings for two periods.
func findings(current, previous []reporting.Finding) reporting.FindingSource {
	return reporting.FindingsFunc(func(_ context.Context, p compact.Period, _ compact.Date) ([]reporting.Finding, error) {
		if p == compact.FinancialYear(2024) {
			return current, nil
		}
		return previous, nil
	})
}

var currentFindings = []reporting.Finding{
	{Rule: "consultation-length", RuleTitle: "Consultations last 12 weeks", Subject: "short", Organisation: "health", Outcome: reporting.Fail, Severity: "breach", Commitments: []string{"consult-12-weeks"}, Message: "Short without reason ran 6 weeks with no reason given"},
	{Rule: "consultation-length", RuleTitle: "Consultations last 12 weeks", Subject: "long", Organisation: "council", Outcome: reporting.Pass, Severity: "breach", Commitments: []string{"consult-12-weeks"}},
	{Rule: "funding-notice", Subject: "f-short", Organisation: "council", Outcome: reporting.Fail, Severity: "breach", Commitments: []string{"notice-3-months"}, Message: "=2 months' notice"},
	{Rule: "funding-notice", Subject: "f-verbal", Organisation: "health", Outcome: reporting.Fail, Severity: "breach", Commitments: []string{"notice-3-months"}, Message: "verbal notice"},
	{Rule: "meeting-cadence", Subject: "steering-group", Outcome: reporting.Pass, Severity: "warning", Commitments: []string{"governance"}},
	{Rule: "funding-notice", Subject: "f-new", Outcome: reporting.NotApplicable, Severity: "breach"},
	{Rule: "funding-rationale", Subject: "f-undated", Organisation: "health", Outcome: reporting.Errored, Severity: "breach", Message: "no such field"},
}

func TestCompliance(t *testing.T) {
	previous := []reporting.Finding{
		{Rule: "consultation-length", Organisation: "council", Outcome: reporting.Fail, Severity: "breach", Commitments: []string{"consult-12-weeks"}},
		{Rule: "consultation-length", Organisation: "council", Outcome: reporting.Fail, Severity: "breach", Commitments: []string{"consult-12-weeks"}},
		{Rule: "old-rule", Organisation: "college", Outcome: reporting.Fail, Severity: "warning", Commitments: []string{"retired"}},
	}
	all := reporting.MinComparableChecks(0) // compare however few checks the year before had
	r := build(t, testshire(t), "2024-25", reporting.WithFindings(findings(currentFindings, previous)), all)
	s := r.Compliance
	assert.True(t, s.Assessed)
	assert.Equal(t, 5, s.Checks)
	assert.Equal(t, 2, s.Passed)
	assert.Equal(t, 3, s.Failed)
	assert.Equal(t, 1, s.NotApplicable)
	assert.Equal(t, 1, s.Errors)
	require.NotNil(t, s.Previous)
	assert.Equal(t, reporting.PeriodTotals{Period: compact.FinancialYear(2023), Checks: 3, Failed: 3, Rate: 1, From: compact.FinancialYear(2023).From, Comparable: true}, *s.Previous)
	ip := func(n int) *int { return &n }
	assert.Equal(t, []reporting.Tally{
		{Key: "notice-3-months", Label: "4.1 Give three months' notice of funding cuts.", Count: 2, Of: 2, Previous: ip(0), Change: ip(2), PreviousOf: ip(0)},
		{Key: "consult-12-weeks", Label: "2.1 Consult for twelve weeks.", Count: 1, Of: 2, Previous: ip(2), Change: ip(-1), PreviousOf: ip(2)},
		{Key: "retired", Label: "retired", Count: 0, Previous: ip(1), Change: ip(-1), PreviousOf: ip(1)},
	}, s.ByCommitment, "most failures first; a commitment that only failed before is kept, to show the change")
	assert.Equal(t, "Consultations last 12 weeks", s.ByRule[1].Label)
	assert.Equal(t, "funding-notice", s.ByRule[0].Key, "a rule without a title is labelled by its id")
	assert.Equal(t, []string{"health", "council", "college"}, keys(s.ByOrganisation))
	assert.Equal(t, "Testshire NHS", s.ByOrganisation[0].Label)
	assert.Equal(t, []string{"breach", "warning"}, keys(s.BySeverity))
	require.Len(t, s.Failures, 4, "failures and errors")
	assert.Equal(t, reporting.Errored, s.Failures[3].Outcome)
	assert.Equal(t, "2.1 Consult for twelve weeks.", s.Failures[0].Commitments[0].Name)
	assert.Contains(t, s.Summary, "5 compliance checks applied in 2024-25: 2 passed and 3 failed.")
	assert.Contains(t, s.Summary, "That is the same number of failures as in 2023-24, and a smaller share of the checks: 60% failed, against 100% of 3.")
	assert.Contains(t, s.Summary, "Testshire NHS had the most failures: 2 of 2 checks.")

	// Without a previous period, and with fewer failures than before.
	r = build(t, testshire(t), "2024-25", reporting.WithFindings(findings(currentFindings[:2], nil)))
	assert.Nil(t, r.Compliance.Previous)
	assert.Nil(t, r.Compliance.ByRule[0].Previous)
	assert.Contains(t, r.Compliance.Summary, "There are no findings for 2023-24 to compare with.")
	r = build(t, testshire(t), "2024-25", reporting.WithFindings(findings(currentFindings[:2], previous)), all)
	assert.Contains(t, r.Compliance.Summary, "That is 2 fewer failures than the 3 in 2023-24, and a smaller share of the checks: 50% failed, against 100% of 3.")
	r = build(t, testshire(t), "2024-25", reporting.WithFindings(findings(currentFindings, previous[:1])), all)
	assert.Contains(t, r.Compliance.Summary, "That is 2 more failures than the 1 in 2023-24, but a smaller share of the checks: 60% failed, against 100% of 1.",
		"more failures can be a smaller share of more checks; the report says both")

	// With the default, 3 checks the year before are too few to compare.
	r = build(t, testshire(t), "2024-25", reporting.WithFindings(findings(currentFindings, previous)))
	require.NotNil(t, r.Compliance.Previous)
	assert.False(t, r.Compliance.Previous.Comparable)
	assert.Contains(t, r.Compliance.Summary, "In 2023-24, 3 of 3 checks failed (100%). 2023-24 has too few records to compare with: only 3 checks applied in 2023-24, fewer than the 10 a fair comparison needs.")
	r = build(t, testshire(t), "2024-25", reporting.WithFindings(findings(nil, nil)))
	assert.Equal(t, []string{"No compliance check applied in 2024-25.", "There are no findings for 2023-24 to compare with."}, r.Compliance.Summary)
}

// TestNoPreviousWithoutRecords: the period before has no records, so its
// findings are not asked for, and there is no change to show.
func TestNoPreviousWithoutRecords(t *testing.T) {
	var asked []compact.Period
	src := reporting.FindingsFunc(func(_ context.Context, p compact.Period, _ compact.Date) ([]reporting.Finding, error) {
		asked = append(asked, p)
		return currentFindings, nil
	})
	r := build(t, testshire(t), "2023-24", reporting.WithFindings(src))
	assert.Equal(t, []compact.Period{compact.FinancialYear(2023)}, asked)
	assert.Nil(t, r.Compliance.Previous)
}

func keys(ts []reporting.Tally) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Key)
	}
	return out
}

func TestSourceErrors(t *testing.T) {
	boom := errors.New("boom")
	failing := reporting.FindingsFunc(func(context.Context, compact.Period, compact.Date) ([]reporting.Finding, error) { return nil, boom })
	_, err := reporting.Build(context.Background(), testshire(t), compact.FinancialYear(2024), reporting.WithFindings(failing))
	assert.ErrorIs(t, err, boom)
	calls := 0
	second := reporting.FindingsFunc(func(context.Context, compact.Period, compact.Date) ([]reporting.Finding, error) {
		calls++
		if calls == 2 {
			return nil, boom
		}
		return nil, nil
	})
	_, err = reporting.Build(context.Background(), testshire(t), compact.FinancialYear(2024), reporting.WithFindings(second))
	assert.ErrorIs(t, err, boom, "the previous period's error too")
	_, err = reporting.Build(context.Background(), testshire(t), compact.FinancialYear(2024), reporting.WithCases(failingCases{boom}))
	assert.ErrorIs(t, err, boom)
}

type failingCases struct{ err error }

func (f failingCases) Cases(context.Context) ([]reporting.Case, error) { return nil, f.err }

var testCases = reporting.Cases{
	{ID: "before", Title: "Closed last year", Challenger: "charity", Respondent: "council", Raised: d("2023-05-01"), Stage: "informal", Outcome: "withdrawn", Closed: d("2023-06-01")},
	{ID: "carried", Title: "Carried over", Challenger: "charity", Respondent: "council", Raised: d("2024-02-01"), Stage: "review", Outcome: "upheld", Closed: d("2024-05-01"),
		Commitments: []string{"consult-12-weeks"}, Actions: []reporting.CaseAction{{Text: "Consult for twelve weeks from now on.", Owner: "council"}}, Lessons: []string{"Plan consultations earlier."}},
	{ID: "agreed", Title: "Youth grant ending", Challenger: "charity", Respondent: "council", Raised: d("2025-01-10"), Stage: "informal", Outcome: "resolved-by-agreement", Closed: d("2025-02-09"),
		Actions: []reporting.CaseAction{{Text: "Notice extended to three months."}}, Lessons: []string{"Tell grant holders early.", "Put notice in writing."}},
	{ID: "open", Title: "Verbal notice", Challenger: "charity", Respondent: "health", Raised: d("2025-02-01"), Stage: "review"},
	{ID: "closes-later", Title: "Closes after the year", Challenger: "charity", Respondent: "health", Raised: d("2025-03-01"), Stage: "informal", Outcome: "not-upheld", Closed: d("2025-04-10")},
	{ID: "later", Title: "Raised after the year", Challenger: "charity", Respondent: "health", Raised: d("2025-05-01")},
}

const disputeCompact = `
disputeProcedure:
  scope: The process, not a decision.
  stages:
    - {id: informal, name: Informal discussion, kind: informal}
    - {id: review, name: Steering group review, kind: review}
`

func TestDisputes(t *testing.T) {
	a := parseArea(t, testCompact+disputeCompact, testDirectory, testRecords)
	r := build(t, a, "2024-25", reporting.WithCases(testCases))
	s := r.Disputes
	assert.True(t, s.Assessed)
	assert.Equal(t, 3, s.Raised, "agreed, open and closes-later")
	assert.Equal(t, 1, s.CarriedOver)
	assert.Equal(t, 2, s.Closed)
	assert.Equal(t, 2, s.Open, "one closes only after the year")
	assert.Equal(t, []reporting.Tally{{Key: "informal", Label: "Informal discussion", Count: 2}, {Key: "review", Label: "Steering group review", Count: 2}}, s.ByStage)
	assert.Equal(t, []reporting.Tally{{Key: "upheld", Label: "Upheld", Count: 1}, {Key: "resolved-by-agreement", Label: "Resolved by agreement", Count: 1}}, s.ByOutcome)
	require.NotNil(t, s.AverageDaysToResolve)
	assert.InDelta(t, (90.0+30.0)/2, *s.AverageDaysToResolve, 1e-9)
	assert.Equal(t, 90, *s.LongestDaysToResolve)
	require.Len(t, s.Cases, 4)
	assert.Equal(t, []string{"carried", "agreed", "open", "closes-later"}, caseIDs(s.Cases))
	later := s.Cases[3]
	assert.Nil(t, later.Outcome, "not closed by the end of the year")
	assert.Contains(t, later.Says, `it is open, at the stage "Informal discussion"`)
	assert.Equal(t, "Testshire Council", s.Cases[0].Actions[0].Owner.Name)
	assert.Equal(t, "2.1 Consult for twelve weeks.", s.Cases[0].Commitments[0].Name)
	assert.Equal(t, "Testshire Advice challenged Testshire Council on 10 January 2025; it closed on 9 February 2025 after 30 days: resolved by agreement.", s.Cases[1].Says)
	assert.Equal(t, []string{
		"3 challenges were made under the compact in 2024-25, and 1 was still open from before.",
		"2 challenges closed, taking 60 days on average (the longest 90 days): 1 upheld and 1 resolved by agreement.",
		"2 challenges were still open on 31 March 2025.",
		"The parties agreed 2 actions as a result; 3 lessons were recorded.",
	}, s.Summary)
	assert.Contains(t, r.Summary, s.Summary[0])

	none := build(t, a, "2022-23", reporting.WithCases(testCases))
	assert.Equal(t, []string{"No challenges were made under the compact in 2022-23."}, none.Disputes.Summary)
	assert.Empty(t, none.Disputes.Cases)
}

func caseIDs(cs []reporting.CaseItem) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestUnknownStagesAndOutcomes(t *testing.T) {
	cases := reporting.Cases{{ID: "x", Title: "X", Challenger: "charity", Respondent: "nobody", Raised: d("2024-05-01"), Stage: "mediation", Outcome: "settled-out-of-court", Closed: d("2024-05-02")}}
	r := build(t, testshire(t), "2024-25", reporting.WithCases(cases))
	c := r.Disputes.Cases[0]
	assert.Equal(t, "mediation", c.Stage.Name)
	assert.Equal(t, "Settled out of court.", c.Outcome.Name)
	assert.Equal(t, "nobody", c.Respondent.Name, "an id not in the directory is shown as it is")
	assert.Contains(t, r.Disputes.Summary, "The parties agreed no actions as a result; no lessons were recorded.")
}

// TestDisputesRedirectedAndRecommended: a case redirected to the
// complaints procedure is not counted among the challenges made under the
// compact, and a review's recommendation is not counted as an agreed
// action.
func TestDisputesRedirectedAndRecommended(t *testing.T) {
	a := parseArea(t, testCompact+disputeCompact, testDirectory, testRecords)
	cases := reporting.Cases{
		{ID: "reviewed", Title: "Reviewed", Challenger: "charity", Respondent: "council", Raised: d("2024-06-01"), Stage: "review", Outcome: "not-upheld", Closed: d("2024-07-01"),
			Recommended: []reporting.CaseAction{{Text: "Write to grant holders before deciding."}}, Events: 6, Head: "sha256:aa"},
		{ID: "about-a-decision", Title: "The amount of a grant", Challenger: "charity", Respondent: "council", Raised: d("2024-08-01"), Stage: "admissibility", Outcome: "redirected", Closed: d("2024-08-03"),
			Events: 2, Head: "sha256:bb"},
	}
	s := build(t, a, "2024-25", reporting.WithCases(cases)).Disputes
	assert.Equal(t, 1, s.Raised)
	assert.Equal(t, 1, s.Redirected)
	assert.Equal(t, 1, s.Recommended)
	assert.Equal(t, 0, s.Agreed)
	assert.Equal(t, "1 challenge was made under the compact in 2024-25; 1 case was redirected to the complaints procedure, being about a decision, not a process.", s.Summary[0])
	assert.Equal(t, "Reviews recommended 1 action, and the parties agreed no actions; no lessons were recorded.", s.Summary[len(s.Summary)-1])
	assert.True(t, s.Cases[1].Redirected)
	assert.Contains(t, s.Cases[1].Says, "on 3 August 2024 it was redirected to the complaints procedure")
	assert.Equal(t, []reporting.CaseRecord{{Case: "about-a-decision", Events: 2, Head: "sha256:bb"}, {Case: "reviewed", Events: 6, Head: "sha256:aa"}}, s.Records)
}

func TestWatch(t *testing.T) {
	a := testshire(t)
	got := reporting.Watch(a, d("2025-04-10"))
	require.Len(t, got, 2)
	assert.Equal(t, 0, *got[0].DaysLeft)
	assert.Contains(t, got[0].Says, "Closes today.")
	assert.Equal(t, reporting.LengthInformal, got[0].Length)
	assert.True(t, got[0].Length.MeetsCompact())
	assert.Equal(t, reporting.FeedbackNotApplicable, got[0].Feedback)
	assert.Equal(t, 50, *got[1].DaysLeft)
	assert.Equal(t, reporting.LengthMeets, got[1].Length)
	got = reporting.Watch(a, d("2025-05-29"))
	require.Len(t, got, 1)
	assert.Contains(t, got[0].Says, "Closes tomorrow.")
	assert.Empty(t, reporting.Watch(a, d("2030-01-01")))
	short := reporting.Watch(a, d("2024-09-10"))
	require.Len(t, short, 1)
	assert.Equal(t, reporting.LengthTooShort, short[0].Length)
	assert.False(t, short[0].Length.MeetsCompact())
	assert.Contains(t, short[0].Says, "no reason was given")
}

// TestExampleFigures checks every example area's report against figures
// counted here, from the same records, without the report's code.
func TestExampleFigures(t *testing.T) {
	for _, name := range exampleNames(t) {
		t.Run(name, func(t *testing.T) {
			a := loadExample(t, name)
			period := a.Records.Period
			r := build(t, a, period.String())
			end := period.To

			// Consultations that ran in the period, and formal ones of 12 weeks or more.
			weeks := 12
			if v, ok := a.Compact.Parameter("consultationWeeks"); ok {
				n, _ := v.AsInt()
				weeks = int(n)
			}
			var total, formal, long, shortReason, shortNone int
			for _, c := range a.Records.Consultations {
				if c.Opens.After(end) || c.Closes.Before(period.From) {
					continue
				}
				total++
				if !c.Formal {
					continue
				}
				formal++
				days := int(c.Closes.Time().Sub(c.Opens.Time()).Hours() / 24)
				switch {
				case days >= 7*weeks:
					long++
				case c.ShortPeriodRationale != "":
					shortReason++
				default:
					shortNone++
				}
			}
			cs := r.Consultations
			assert.Equal(t, total, cs.Total, "consultations")
			assert.Equal(t, formal, cs.Formal, "formal consultations")
			assert.Equal(t, long, cs.MeetingWeeks, "formal consultations of %d weeks or more", weeks)
			assert.Equal(t, shortReason, cs.ShorterWithReason)
			assert.Equal(t, shortNone, cs.TooShort)
			if formal > 0 {
				assert.InDelta(t, float64(long)/float64(formal), cs.ShareMeetingWeeks, 1e-9)
			}

			// Meetings of each body in the period.
			held := map[string]int{}
			for _, m := range a.Records.Meetings {
				if !m.Date.Before(period.From) && !m.Date.After(end) {
					held[m.Body]++
				}
			}
			for _, b := range r.Governance.Bodies {
				assert.Equal(t, held[b.Body.ID], b.Held, "meetings of %s", b.Body.ID)
				body, _ := a.Compact.Body(b.Body.ID)
				assert.Equal(t, body.MinMeetingsPerYear, b.Required, "a year's period needs the yearly minimum")
				if body.MinMeetingsPerYear > 0 {
					assert.Equal(t, held[b.Body.ID] >= body.MinMeetingsPerYear, *b.MeetsCadence)
				}
			}

			// Signatories at the start and end, from the signatures alone.
			signedOn := func(on compact.Date) []string {
				latest := map[string]compact.Signature{}
				for _, s := range a.Signatures() {
					if s.Signed.After(on) {
						continue
					}
					if prev, ok := latest[s.Organisation]; !ok || !s.Signed.Before(prev.Signed) {
						latest[s.Organisation] = s
					}
				}
				var out []string
				for org, s := range latest {
					if s.Withdrawn.IsZero() || s.Withdrawn.After(on) {
						out = append(out, org)
					}
				}
				slices.Sort(out)
				return out
			}
			before, after := signedOn(period.From.AddDays(-1)), signedOn(end)
			assert.Equal(t, len(before), r.Signatories.AtStart)
			assert.Equal(t, len(after), r.Signatories.AtEnd)
			var joined []string
			for _, org := range after {
				if !slices.Contains(before, org) {
					joined = append(joined, org)
				}
			}
			var gotJoined []string
			for _, s := range r.Signatories.New {
				gotJoined = append(gotJoined, s.Organisation.ID)
			}
			slices.Sort(gotJoined)
			assert.Equal(t, joined, gotJoined)

			// Funding cuts decided in the period and those with the notice asked for.
			months := 3
			if v, ok := a.Compact.Parameter("fundingNoticeMonths"); ok {
				n, _ := v.AsInt()
				months = int(n)
			}
			var cuts, withNotice int
			var amount float64
			for _, fd := range a.Records.Funding {
				if fd.Decided.Before(period.From) || fd.Decided.After(end) || (fd.Kind != compact.FundingReduction && fd.Kind != compact.FundingEnding) {
					continue
				}
				cuts++
				amount += fd.PreviousAmount - fd.Amount
				if fd.NoticeForm == compact.NoticeWritten && !fd.NoticeGiven.IsZero() && !fd.NoticeGiven.AddMonths(months).After(fd.Effective) {
					withNotice++
				}
			}
			assert.Len(t, r.Funding.Cuts, cuts)
			assert.Equal(t, withNotice, r.Funding.CutsWithNotice)
			assert.InDelta(t, amount, r.Funding.AmountCut, 0.001)
			assert.Equal(t, months, r.Funding.NoticeMonths)
		})
	}
}

func TestLincolnshireAttendance(t *testing.T) {
	r := build(t, loadExample(t, "lincolnshire-rutland"), "2008-09")
	sg := r.Governance.Bodies[0]
	require.NotNil(t, sg.Attendance)
	assert.Equal(t, 2, sg.Attendance.Required)
	require.Len(t, sg.Attendance.Below, 1)
	assert.Equal(t, "south-kesteven-dc", sg.Attendance.Below[0].Organisation.ID, "attended once")
	for _, m := range sg.Attendance.ByMember {
		if m.Organisation.ID == "nhs-lincolnshire" {
			assert.Equal(t, 2, m.Attended, "the member once and her deputy once")
		}
		if m.Organisation.ID == "lincolnshire-police" {
			assert.Equal(t, 3, m.Held, "meetings from its first nomination")
		}
	}
	assert.Equal(t, reporting.RAGCount{Green: 3, Amber: 1, Red: 1}, r.Plans.RAG)
}

func TestHasContent(t *testing.T) {
	a := testshire(t)
	assert.True(t, reporting.HasContent(a, compact.FinancialYear(2024)), "records are dated in 2024-25")
	assert.False(t, reporting.HasContent(a, compact.FinancialYear(2030)), "nothing is dated in 2030-31")
	lr := loadExample(t, "lincolnshire-rutland")
	assert.True(t, reporting.HasContent(lr, compact.FinancialYear(2007)), "no records, but the 2007-08 priorities")
}
