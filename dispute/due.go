package dispute

import (
	"slices"

	"github.com/compactkit/compactkit/compact"
)

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
