package dispute

import (
	"slices"

	"github.com/compactkit/compactkit/compact"
)

// Due returns the deadlines of every case on a date ([Case.Due]), the
// soonest first and tasks with no time limit last, in case order where
// days tie: the list `compact dispute due` prints.
func Due(cases []*Case, on compact.Date) []Deadline {
	out := []Deadline{}
	for _, cs := range cases {
		out = append(out, cs.Due(on)...)
	}
	slices.SortStableFunc(out, func(a, b Deadline) int { return dueOrder(a).Compare(dueOrder(b)) })
	return out
}

// Breached reports whether a time limit of the list is overdue or a clock
// has run out.
func Breached(due []Deadline) bool {
	return slices.ContainsFunc(due, func(d Deadline) bool { return d.Status == StatusOverdue || d.Status == StatusExpired })
}

// dueOrder sorts deadlines by due day, tasks without one last.
func dueOrder(d Deadline) compact.Date {
	if d.Due.IsZero() {
		return compact.NewDate(9999, 12, 31)
	}
	return d.Due
}
