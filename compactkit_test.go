package compactkit_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// TestValidateReportsEveryPackage: a rule that does not compile (rules), a
// nomination to a role the catalogue does not have (roles, and again by
// the packages built on roles, reported once) and a plan naming an unknown
// organisation (reporting) are all reported by one Validate, sorted by
// file, line and column, and the area that loaded is returned.
func TestValidateReportsEveryPackage(t *testing.T) {
	a, err := compactkit.Validate(context.Background(), filepath.Join("testdata", "tangled"))
	require.NotNil(t, a, "the area loads; its other documents have problems")
	list := compact.AsErrors(err)
	var files []string
	for _, e := range list {
		files = append(files, filepath.Base(e.Pos.File))
	}
	require.Equal(t, []string{"plan.yaml", "records.yaml", "rules.yaml"}, dedupe(files), "%v", err)
	for i := 1; i < len(list); i++ {
		x, y := list[i-1].Pos, list[i].Pos
		require.True(t, x.File < y.File || (x.File == y.File && (x.Line < y.Line || (x.Line == y.Line && x.Column <= y.Column))),
			"problems in file, line, column order: %s before %s", x, y)
	}
	require.Len(t, list, 3, "each problem once: %v", err)
	require.ErrorIs(t, err, compact.ErrReference)
}

func dedupe(in []string) []string {
	var out []string
	for _, s := range in {
		if len(out) == 0 || out[len(out)-1] != s {
			out = append(out, s)
		}
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		loads   bool
		wantErr error
	}{
		{"a valid area", filepath.Join("testdata", "town"), true, nil},
		{"an example", filepath.Join("examples", "kirklees"), true, nil},
		{"a folder that is not there", filepath.Join("testdata", "nowhere"), false, compact.ErrIO},
		{"an area whose documents do not load", filepath.Join("cmd", "compact", "testdata", "misspelt"), false, compact.ErrUnknownField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := compactkit.Validate(context.Background(), tt.path)
			require.Equal(t, tt.loads, a != nil)
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
		})
	}
}

// TestCheckAndReportAgree: the facade's Check and Report choose the same
// period for the same as-of date, and the report counts the check's
// findings.
func TestCheckAndReportAgree(t *testing.T) {
	a, err := compactkit.Load(filepath.Join("testdata", "town"))
	require.NoError(t, err)
	ctx := context.Background()
	tests := []struct {
		name       string
		opts       []compactkit.RunOption
		wantAsOf   string
		wantPeriod string
	}{
		{"defaults: the end of the records period", nil, "2025-03-31", "2024-25"},
		{"inside the records period", []compactkit.RunOption{compactkit.AsOf(compact.MustParseDate("2024-10-01"))}, "2024-10-01", "2024-25"},
		{"after it: the financial year of the date", []compactkit.RunOption{compactkit.AsOf(compact.MustParseDate("2025-06-01"))}, "2025-06-01", "2025-26"},
		{"a period given", []compactkit.RunOption{compactkit.AsOf(compact.MustParseDate("2025-06-01")), compactkit.Period(compact.FinancialYear(2024))}, "2025-06-01", "2024-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := a.Check(ctx, tt.opts...)
			require.NoError(t, err)
			r, err := a.Report(ctx, tt.opts...)
			require.NoError(t, err)
			require.Equal(t, tt.wantAsOf, c.AsOf.String())
			require.Equal(t, tt.wantPeriod, c.Period.String())
			require.Equal(t, c.AsOf, r.AsOf)
			require.Equal(t, c.Period, r.Period)
			var pass, fail, na, errs int
			for _, f := range c.Findings {
				switch f.Outcome {
				case rules.Pass:
					pass++
				case rules.Fail:
					fail++
				case rules.NotApplicable:
					na++
				default:
					errs++
				}
			}
			require.Equal(t, []int{pass + fail, pass, fail, na, errs},
				[]int{r.Compliance.Checks, r.Compliance.Passed, r.Compliance.Failed, r.Compliance.NotApplicable, r.Compliance.Errors})
		})
	}
}

func TestNoDate(t *testing.T) {
	docs, err := compact.Parse("area.yaml", []byte("apiVersion: compactkit/v1\nkind: Directory\norganisations: []\n"))
	require.NoError(t, err)
	lib, err := compact.LoadLibrary(filepath.Join("examples", "national"))
	require.NoError(t, err)
	ca, err := compact.NewArea(docs, compact.WithLibrary(lib))
	require.NoError(t, err)
	a := compactkit.New(ca)
	_, err = a.Check(context.Background())
	require.ErrorIs(t, err, compactkit.ErrNoDate)
	c, err := a.Check(context.Background(), compactkit.Today(compact.MustParseDate("2026-12-02")))
	require.NoError(t, err)
	require.Equal(t, "2026-27", c.Period.String())
}

// TestValidateAreaThatDoesNotLoad: when the area's own documents do not
// load, the documents other packages own are still decoded, so their
// problems come in the same run.
func TestValidateAreaThatDoesNotLoad(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"records.yaml": "apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\nconsultations:\n  - {id: c, title: C, owner: council, opens: 2024-01-01, closes: 2024-02-01, formall: true}\n",
		"rules.yaml":   "apiVersion: compactkit/v1\nkind: RulePack\nid: p\ntitle: P\nextends: national\nrulez: []\n",
		"roles.yaml":   "apiVersion: compactkit/v1\nkind: RoleCatalogue\nid: r\ntitle: R\nrole: []\n",
	}
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	a, err := compactkit.Validate(context.Background(), dir)
	require.Nil(t, a)
	var got []string
	for _, e := range compact.AsErrors(err) {
		got = append(got, filepath.Base(e.Pos.File)+" "+e.Path)
	}
	require.Equal(t, []string{"records.yaml consultations[0].formall", "roles.yaml role", "rules.yaml rulez"}, got, "%v", err)
	require.ErrorIs(t, err, compact.ErrUnknownField)
}

// TestLibraries: the national baseline is built in unless left out, and
// a library given wins over it.
func TestLibraries(t *testing.T) {
	kirklees := filepath.Join("examples", "kirklees")
	_, err := compactkit.Load(kirklees, compactkit.WithoutNational())
	require.ErrorIs(t, err, compact.ErrReference, "kirklees extends national-2010")
	lib, err := compact.LoadLibrary(filepath.Join("examples", "national"))
	require.NoError(t, err)
	a, err := compactkit.Load(kirklees, compactkit.WithoutNational(), compactkit.WithLibrary(lib))
	require.NoError(t, err)
	require.Equal(t, []string{"national-2010", "kirklees-2012"}, a.Compact.Chain)
	e, err := a.Engine()
	require.NoError(t, err)
	require.Equal(t, []string{"national", "kirklees"}, e.Pack().Chain)
	same, err := a.Engine()
	require.NoError(t, err)
	require.Same(t, e, same, "compiled once")
}
