package reporting

import "fmt"

// summary picks the headline sentences of the sections.
func (b *builder) summary(r *Report) []string {
	var out []string
	first := func(lines []string) {
		if len(lines) > 0 {
			out = append(out, lines[0])
		}
	}
	first(r.Signatories.Summary)
	for _, body := range r.Governance.Bodies {
		if body.Required > 0 {
			first(b.bodySentences(body))
		}
	}
	if len(r.Roles.Vacancies) > 0 {
		out = append(out, vacancySentence(len(r.Roles.Vacancies), r.Roles.On))
	}
	if r.Compliance.Assessed {
		out = append(out, r.Compliance.Summary[:min(2, len(r.Compliance.Summary))]...)
	}
	switch {
	case r.Consultations.Formal > 0:
		out = append(out, r.Consultations.Summary[1])
	case r.Consultations.Total > 0:
		first(r.Consultations.Summary)
	}
	switch {
	case len(r.Funding.Cuts) > 0:
		out = append(out, r.Funding.Summary[1])
	case r.Funding.Decisions > 0:
		first(r.Funding.Summary)
	}
	if r.Disputes.Assessed {
		first(r.Disputes.Summary)
	}
	if len(r.Plans.ActionPlans)+len(r.Plans.Priorities) > 0 {
		out = append(out, r.Plans.Summary...)
	}
	return out
}

// notes explain how the figures are counted and rated.
func (b *builder) notes(r *Report) []string {
	out := []string{
		sentence(fmt.Sprintf("The report covers %s to %s; records dated after %s are not counted", longDate(b.period.From), longDate(b.period.To), longDate(b.cfg.asOf))),
		"Signatories: an organisation counts as signed up on a day when its latest signature on or before that day had not been withdrawn. New signatories were signed up at the end of the period and not the day before it began; lapsed ones the other way round.",
		"Meetings: a body's cadence is the compact's minimum a year, pro rata for a period that is not a year, rounded up. A member organisation attended a meeting when anyone from it attended, a deputy included; members are the organisations the compact lists for the body and those nominated to its member roles, from their first nomination.",
		sentence(fmt.Sprintf("Consultations: a consultation ran in the period when it opened by the as-of date and was open on at least one day of the period. Its length is the whole weeks from opening to closing; a formal written consultation meets the compact at %d weeks or more, or when it states why it is shorter. A summary of responses is due %d months after closing", r.Consultations.Weeks, r.Consultations.FeedbackMonths)),
		sentence(fmt.Sprintf("Funding: notice is counted in whole calendar months from the day notice was given to the day the cut takes effect (15 January to 15 April is three months; to 14 April, two). It meets the compact when it is in writing and at least %d months. %s", r.Funding.NoticeMonths, r.Funding.SetBy)),
	}
	out = append(out, r.Consultations.SetBy...)
	if !r.Compliance.Assessed {
		out = append(out, "Compliance: no rule pack findings were given for this report.")
	} else {
		out = append(out, "Compliance: the change is shown against the period before when the area has records dated in it.")
	}
	if !r.Disputes.Assessed {
		out = append(out, "Disputes: no dispute case records were given for this report.")
	}
	return out
}
