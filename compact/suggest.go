package compact

import "github.com/compactkit/compactkit/internal/docfmt"

// Closest returns the candidate nearest to s when it is near enough to be a
// likely misspelling of it, and "" otherwise: the same "did you mean" rule
// the decoder uses, for packages that check names of their own (rule ids,
// CEL field names).
func Closest(s string, candidates []string) string { return docfmt.Closest(s, candidates) }

// closest is the decoder's "did you mean" rule, [docfmt.Closest].
func closest(s string, candidates []string) string { return docfmt.Closest(s, candidates) }
