package reporting

import "github.com/compactkit/compactkit/compact"

// HasContent reports whether a report of the area for the period would
// have anything of its own to say: a record dated in the period (see
// [compact.Records.DatedIn]), or an action plan or statement of priorities
// whose period overlaps it. A report without either is a report of
// nothing, however plausible it reads. Plans that do not load count as
// none; [Build] reports their problems.
func HasContent(a *compact.Area, p compact.Period) bool {
	if a.Records.DatedIn(p) {
		return true
	}
	plans, err := LoadPlans(a)
	if err != nil {
		return false
	}
	for _, x := range plans.ActionPlans {
		if x.Period.Overlaps(p.From, p.To) {
			return true
		}
	}
	for _, x := range plans.Priorities {
		if x.Period.Overlaps(p.From, p.To) {
			return true
		}
	}
	return false
}
