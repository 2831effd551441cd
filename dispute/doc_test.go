package dispute_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/dispute"
)

// docTable renders the state machine as the package documentation shows
// it.
func docTable() string {
	stages := []dispute.Phase{"admissibility", "informal", "review", "complaint", "escalation", "legal"}
	open := append(slices.Clone(stages), dispute.PhaseAgreed)
	phases := func(ps []dispute.Phase) string {
		switch {
		case slices.Equal(ps, open):
			return "open"
		case slices.Equal(ps, append(slices.Clone(open), dispute.PhaseClosed)):
			return "open, closed"
		case slices.Equal(ps, stages[1:]):
			return "any stage but admissibility"
		}
		s := make([]string, len(ps))
		for i, p := range ps {
			s[i] = string(p)
		}
		return strings.Join(s, ", ")
	}
	var b strings.Builder
	for _, tr := range dispute.Transitions() {
		who := make([]string, len(tr.Who))
		for i, w := range tr.Who {
			who[i] = string(w)
		}
		b.WriteString("//   - " + string(tr.Event) + ": from " + phases(tr.From) + "; to " + tr.To + "; by " + strings.Join(who, ", ") + ".")
		if len(tr.Needs) > 0 {
			b.WriteString(" Needs " + strings.Join(tr.Needs, ", ") + ".")
		}
		if len(tr.Allows) > 0 {
			b.WriteString(" May have " + strings.Join(tr.Allows, ", ") + ".")
		}
		if tr.Guards != "" {
			b.WriteString(" Guards: " + tr.Guards + ".")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestDocumentedTable keeps the table in doc.go the same as the state
// machine's: go test -run TestDocumentedTable -update rewrites it.
func TestDocumentedTable(t *testing.T) {
	data, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	const begin, end = "// Table (generated from Transitions; do not edit by hand):\n//\n", "//\n// End of table.\n"
	doc := string(data)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	require.True(t, i >= 0 && j > i, "doc.go has the table markers")
	want := wrapComment(docTable())
	if *update {
		doc = doc[:i+len(begin)] + want + doc[j:]
		require.NoError(t, os.WriteFile("doc.go", []byte(doc), 0o644))
		return
	}
	assert.Equal(t, want, doc[i+len(begin):j], "run go test -run TestDocumentedTable -update")
}

// wrapComment wraps the list items of a doc comment at 100 columns.
func wrapComment(s string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(strings.TrimSuffix(s, "\n"), "\n") {
		words := strings.Fields(strings.TrimPrefix(line, "//   - "))
		col := 0
		for k, w := range words {
			switch {
			case k == 0:
				b.WriteString("//   - " + w)
				col = 7 + len(w)
			case col+1+len(w) > 100:
				b.WriteString("\n//     " + w)
				col = 7 + len(w)
			default:
				b.WriteString(" " + w)
				col += 1 + len(w)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
