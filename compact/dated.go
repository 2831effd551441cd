package compact

// DatedIn reports whether any record is dated in the period: a
// consultation that opened or closed in it, a funding decision, a meeting,
// a nomination that started, a signature made or withdrawn, or a report
// delivered.
func (r *Records) DatedIn(p Period) bool {
	return anyDatedIn(p, r.Consultations, func(c *Consultation) (Date, Date) { return c.Opens, c.Closes }) ||
		anyDatedIn(p, r.Funding, func(f *FundingDecision) (Date, Date) { return f.Decided, Date{} }) ||
		anyDatedIn(p, r.Meetings, func(m *Meeting) (Date, Date) { return m.Date, Date{} }) ||
		anyDatedIn(p, r.Nominations, func(n *Nomination) (Date, Date) { return n.From, Date{} }) ||
		anyDatedIn(p, r.Signatures, func(s *Signature) (Date, Date) { return s.Signed, s.Withdrawn }) ||
		anyDatedIn(p, r.Reports, func(rep *Report) (Date, Date) { return rep.Delivered, Date{} })
}

// anyDatedIn reports whether a record of xs has one of its dates in p;
// dates gives a record's dates, one or two (the second zero when there is
// only one, or when it is not given).
func anyDatedIn[T any](p Period, xs []T, dates func(*T) (Date, Date)) bool {
	for i := range xs {
		if a, b := dates(&xs[i]); p.Contains(a) || p.Contains(b) {
			return true
		}
	}
	return false
}
