package reporting_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/reporting"
)

// FuzzPlanDocuments feeds arbitrary text to the plan and priorities
// decoders, and what decodes to the report: nothing may panic, a document
// that decodes has well-formed ids, and a report is made or refused with
// an error.
func FuzzPlanDocuments(f *testing.F) {
	for _, name := range []string{"compact-voice-ocs/plan.yaml", "lincolnshire-rutland/priorities.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "examples", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(validPlan))
	f.Add([]byte(validPriorities))
	f.Add([]byte("apiVersion: compactkit/v1\nkind: Priorities\nid: p\ntitle: T\nperiod: 2024-25\npriorities:\n  - {id: a, text: A, measures: [{id: m, text: M, target: -1e308, achieved: 1e308, baseline: 5}]}\n"))
	f.Add([]byte("apiVersion: compactkit/v1\nkind: ActionPlan\nid: p\ntitle: T\nperiod: 2024-04-01..2024-04-01\nparties: [{id: a, name: A, organisation: council}]\nobjectives: [{id: o, text: O, undertakings: [{party: a, text: T, measures: [{id: m, text: M, target: 0, count: {newSignatories: true}}]}]}]\n"))
	base := []string{testCompact, testDirectory, testRecords}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := compact.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		for _, d := range docs {
			switch d.Kind {
			case compact.KindActionPlan:
				if p, err := reporting.DecodeActionPlan(d); err == nil && !docfmt.ValidID(p.ID) {
					t.Fatalf("plan id %q decoded", p.ID)
				}
			case compact.KindPriorities:
				if p, err := reporting.DecodePriorities(d); err == nil && !docfmt.ValidID(p.ID) {
					t.Fatalf("statement id %q decoded", p.ID)
				}
			}
		}
		a, err := newArea(append(base, string(data))...)
		if err != nil {
			return
		}
		r, err := reporting.Build(context.Background(), a, compact.FinancialYear(2024))
		if err != nil {
			return
		}
		for _, w := range []func(io.Writer) error{r.WriteMarkdown, r.WriteHTML, r.WriteJSON, r.WriteFindingsCSV} {
			if err := w(io.Discard); err != nil {
				t.Fatal(err)
			}
		}
	})
}
