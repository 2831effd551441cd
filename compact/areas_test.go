package compact_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

func TestAreasIn(t *testing.T) {
	write := func(t *testing.T, dir string, files ...string) {
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
			require.NoError(t, os.WriteFile(p, []byte("x: 1\n"), 0o644))
		}
	}
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"an area", []string{"compact.yaml", "disputes/case.yaml"}, nil},
		{"a folder of areas", []string{"a/compact.yaml", "b/deep/records.yml", "notes.txt", "c/readme.md"}, []string{"a", "b"}},
		{"hidden and testdata folders are no areas", []string{".git/x.yaml", "testdata/x.yaml", "a/compact.json"}, []string{"a"}},
		{"ignored folders are no areas", []string{".compactignore", "a/compact.yaml", "schema/compact.json"}, []string{"a"}},
		{"nothing at all", []string{"readme.md"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tt.files...)
			if tt.name == "ignored folders are no areas" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, ".compactignore"), []byte("schema/\n"), 0o644))
			}
			got, err := compact.AreasIn(dir)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := compact.LoadArea(filepath.Join(t.TempDir(), "missing"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing: no such file or folder")
	assert.ErrorIs(t, err, compact.ErrIO)
}

func TestRecordsDatedIn(t *testing.T) {
	docs, err := compact.Parse("records.yaml", []byte("apiVersion: compactkit/v1\nkind: Records\nmeetings:\n  - {id: m, body: b, date: 2024-05-01}\n"))
	require.NoError(t, err)
	var r compact.Records
	require.NoError(t, docs[0].Decode(&r))
	assert.True(t, r.DatedIn(compact.FinancialYear(2024)))
	assert.False(t, r.DatedIn(compact.FinancialYear(2030)))
	assert.False(t, (&compact.Records{}).DatedIn(compact.FinancialYear(2024)))
}

func TestRecordsDatedInEachKind(t *testing.T) {
	in := compact.NewDate(2024, time.June, 1)
	for _, tc := range []struct {
		name string
		r    compact.Records
	}{
		{"a consultation that opened", compact.Records{Consultations: []compact.Consultation{{Opens: in}}}},
		{"a consultation that closed", compact.Records{Consultations: []compact.Consultation{{Closes: in}}}},
		{"a funding decision", compact.Records{Funding: []compact.FundingDecision{{Decided: in}}}},
		{"a meeting", compact.Records{Meetings: []compact.Meeting{{Date: in}}}},
		{"a nomination that started", compact.Records{Nominations: []compact.Nomination{{From: in}}}},
		{"a signature made", compact.Records{Signatures: []compact.Signature{{Signed: in}}}},
		{"a signature withdrawn", compact.Records{Signatures: []compact.Signature{{Withdrawn: in}}}},
		{"a report delivered", compact.Records{Reports: []compact.Report{{Delivered: in}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.True(t, tc.r.DatedIn(compact.FinancialYear(2024)))
			assert.False(t, tc.r.DatedIn(compact.FinancialYear(2025)))
		})
	}
}
