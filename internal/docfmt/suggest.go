package docfmt

import "strings"

// Closest returns the candidate nearest to s when it is near enough to be a
// likely misspelling, and "" otherwise. It powers the "did you mean" hints
// of the decoder and of every package that checks names of its own.
// Near enough is the same letters in another case, or an edit distance of
// at most 1 + len(s)/4 (so at most 3).
func Closest(s string, candidates []string) string {
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
