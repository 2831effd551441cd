package roles

import (
	"github.com/compactkit/compactkit/compact"
)

// Error classes of this package. Problems are reported as [compact.Errors]
// whose entries wrap one of these, or one of the compact package's classes
// (compact.ErrReference for an unknown role, compact.ErrDuplicate for an id
// given twice, compact.ErrValue for a value that is not allowed), so
// [errors.Is] finds the class on a single problem or on the whole list.
var (
	// ErrCycle: roles imply one another in a loop, or catalogues extend one
	// another in a loop. It is compact.ErrCycle, the one cycle error of
	// every kind that extends.
	ErrCycle = compact.ErrCycle
	// ErrTooManyHolders: more people nominated to a role for one
	// organisation at the same time than the role allows.
	ErrTooManyHolders = compact.NewClass("too-many-holders", "too many holders", nil)
	// ErrNotSignatory: a role nominated by each signatory was nominated by
	// an organisation that was not a signatory on the nomination's first day.
	ErrNotSignatory = compact.NewClass("not-a-signatory", "not a signatory", nil)
	// ErrAppointment: a nomination does not follow the role's appointment
	// rules (a body named where a signatory nominates, a deputy for a role
	// without deputies, a deputy for someone who does not hold the role).
	ErrAppointment = compact.NewClass("appointment-rules", "appointment rules not followed", nil)
	// ErrNoCatalogue: the area has nominations but no role catalogue, and
	// its library has no reference catalogue.
	ErrNoCatalogue = compact.NewClass("no-role-catalogue", "no role catalogue", nil)
	// ErrUnknownOrganisation: a query named an organisation that is not in
	// the area's directory.
	ErrUnknownOrganisation = compact.NewClass("unknown-organisation", "unknown organisation", nil)
)
