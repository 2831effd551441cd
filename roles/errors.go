package roles

import (
	"errors"
	"strings"
)

// Error classes of this package. Problems are reported as [compact.Errors]
// whose entries wrap one of these, or one of the compact package's classes
// (compact.ErrReference for an unknown role, compact.ErrDuplicate for an id
// given twice, compact.ErrValue for a value that is not allowed), so
// [errors.Is] finds the class on a single problem or on the whole list.
var (
	// ErrCycle: roles imply one another in a loop, or catalogues extend one
	// another in a loop.
	ErrCycle = errors.New("cycle")
	// ErrTooManyHolders: more people nominated to a role for one
	// organisation at the same time than the role allows.
	ErrTooManyHolders = errors.New("too many holders")
	// ErrNotSignatory: a role nominated by each signatory was nominated by
	// an organisation that was not a signatory on the nomination's first day.
	ErrNotSignatory = errors.New("not a signatory")
	// ErrAppointment: a nomination does not follow the role's appointment
	// rules (a body named where a signatory nominates, a deputy for a role
	// without deputies, a deputy for someone who does not hold the role).
	ErrAppointment = errors.New("appointment rules not followed")
	// ErrNoCatalogue: the area has nominations but no role catalogue, and
	// its library has no reference catalogue.
	ErrNoCatalogue = errors.New("no role catalogue")
	// ErrUnknownOrganisation: a query named an organisation that is not in
	// the area's directory.
	ErrUnknownOrganisation = errors.New("unknown organisation")
)

// closest returns the candidate nearest to s when it is near enough to be a
// likely misspelling, and "" otherwise, for "did you mean" hints. Near
// enough is the same letters in another case, or an edit distance of at most
// 1 + len(s)/4 (so at most 3).
func closest(s string, candidates []string) string {
	allowed := min(1+len(s)/4, 3)
	best, bestDist := "", allowed+1
	for _, c := range candidates {
		if strings.EqualFold(c, s) {
			return c
		}
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
