package compact

// DatedIn reports whether any record is dated in the period: a
// consultation that opened or closed in it, a funding decision, a meeting,
// a nomination that started, a signature made or withdrawn, or a report
// delivered.
func (r *Records) DatedIn(p Period) bool {
	for _, c := range r.Consultations {
		if p.Contains(c.Opens) || p.Contains(c.Closes) {
			return true
		}
	}
	for _, f := range r.Funding {
		if p.Contains(f.Decided) {
			return true
		}
	}
	for _, m := range r.Meetings {
		if p.Contains(m.Date) {
			return true
		}
	}
	for _, n := range r.Nominations {
		if p.Contains(n.From) {
			return true
		}
	}
	for _, sg := range r.Signatures {
		if p.Contains(sg.Signed) || p.Contains(sg.Withdrawn) {
			return true
		}
	}
	for _, rep := range r.Reports {
		if p.Contains(rep.Delivered) {
			return true
		}
	}
	return false
}
