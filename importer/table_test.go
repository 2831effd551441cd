package importer_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/importer"
	"github.com/compactkit/compactkit/rules"
)

const registerMapping = `apiVersion: compactkit/v1
kind: ImportMapping
id: town-register
record: funding
dateFormat: DD/MM/YYYY
columns:
  id: Ref
  title: Project
  recipient: Organisation
  recipientOrgId: Org id
  amount: Award (£)
  decided: Decided
  termMonths: Months
  reasons: Why
defaults:
  funder: Town Council
  funderOrgId: GB-LAE-TWN
  kind: new
`

const registerCSV = `Ref,Project,Organisation,Org id,Award (£),Decided,Months,Why,Ward
T-1,Advice,Advice Town,GB-CHC-1111111,"£12,000",01/05/2024,36,Open call.,North
T-2,Lunch club,Lunch Club,,800,2/6/2024,12,Small grant.,South
T-3,Bad date,Advice Town,GB-CHC-1111111,100,31/02/2024,12,Small grant.,
T-4,Bad org,Other,CHARITY-1,100,01/07/2024,12,Small grant.,
T-5,No term,Lunch Club,,300,01/08/2024,,Small grant.,
`

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

// toXLSX writes a CSV's rows into a worksheet.
func toXLSX(t *testing.T, csvPath, xlsxPath, sheet string) {
	t.Helper()
	f, err := os.Open(csvPath)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	x := excelize.NewFile()
	defer x.Close()
	require.NoError(t, x.SetSheetName("Sheet1", sheet))
	sw, err := x.NewStreamWriter(sheet)
	require.NoError(t, err)
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, sw.SetRow(cell, cells))
	}
	require.NoError(t, sw.Flush())
	require.NoError(t, x.SaveAs(xlsxPath))
}

func TestTable(t *testing.T) {
	src := t.TempDir()
	m, err := importer.LoadMapping(writeFile(t, src, "mapping.yaml", registerMapping))
	require.NoError(t, err)
	csvPath := writeFile(t, src, "register.csv", registerCSV)
	xlsxPath := filepath.Join(src, "register.xlsx")
	toXLSX(t, csvPath, xlsxPath, "Grants")

	for _, file := range []string{csvPath, xlsxPath} {
		t.Run(filepath.Ext(file), func(t *testing.T) {
			res, a, found := importAndCheck(t, importer.Table, []string{file}, importer.WithMapping(m))
			f := res.Files[0]
			require.Equal(t, 3, f.Records)
			require.Equal(t, 2, f.Skipped)
			require.Equal(t, map[string]int{"Ward": 2}, f.Unmapped)
			require.Equal(t, map[string]int{"term: duration not published": 1}, f.Unknown)
			require.Len(t, f.Problems, 2)
			require.ErrorIs(t, f.Problems[0], compact.ErrValue)
			require.Equal(t, 4, f.Problems[0].Pos.Line)
			require.Equal(t, "Decided", f.Problems[0].Path)
			require.Contains(t, f.Problems[0].Msg, `"31/02/2024" is not a date written DD/MM/YYYY`)
			require.Equal(t, 5, f.Problems[1].Pos.Line)
			require.Equal(t, "Org id", f.Problems[1].Path)
			if filepath.Ext(file) == ".xlsx" {
				require.Equal(t, 4, f.Problems[1].Pos.Column) // column D
			}

			byID := map[string]compact.FundingDecision{}
			for _, fd := range a.Records.Funding {
				byID[fd.ID] = fd
			}
			require.Equal(t, 12000.0, byID["T-1"].Amount)
			require.Equal(t, "2024-06-02", byID["T-2"].Decided.String())
			require.Equal(t, 36, byID["T-1"].TermMonths)
			town, ok := a.Organisation(byID["T-1"].Funder)
			require.True(t, ok)
			require.Equal(t, compact.SectorPublic, town.Sector)
			require.Equal(t, "GB-LAE-TWN", town.OrgID)

			multi := byRule(found, "multi-year-funding")
			require.Equal(t, rules.Pass, multi["T-1"].Outcome)
			require.Equal(t, rules.Fail, multi["T-2"].Outcome)
			require.Equal(t, rules.NotApplicable, multi["T-5"].Outcome)
			require.Equal(t, "duration not published", multi["T-5"].Message)
			require.Equal(t, 6, multi["T-5"].Provenance.Row)
			if filepath.Ext(file) == ".xlsx" {
				require.Equal(t, "Grants", multi["T-5"].Provenance.Sheet)
			}
		})
	}
}

func TestMappingErrors(t *testing.T) {
	dir := t.TempDir()
	bad := strings.NewReplacer("  amount: Award (£)\n", "  amout: Award (£)\n", "  decided: Decided\n", "").Replace(registerMapping)
	_, err := importer.LoadMapping(writeFile(t, dir, "mapping.yaml", bad))
	require.Error(t, err)
	require.ErrorIs(t, err, compact.ErrUnknownField)
	require.ErrorIs(t, err, compact.ErrMissing)
	require.Contains(t, err.Error(), `mapping.yaml:11:10: columns.amout: "amout" is not a field of funding records`)
	require.Contains(t, err.Error(), `no column or default gives the funding records' "decided"`)

	_, err = importer.LoadMapping(writeFile(t, dir, "bad-kind.yaml", strings.Replace(registerMapping, "record: funding", "record: grants", 1)))
	require.ErrorIs(t, err, compact.ErrValue)
}

// Test360GivingXLSX: the spreadsheet layout as XLSX gives what the CSV does.
func Test360GivingXLSX(t *testing.T) {
	xlsx := filepath.Join(t.TempDir(), "trafford.xlsx")
	toXLSX(t, "testdata/360giving/trafford-council-vcs-grants.csv", xlsx, "grants")
	_, _, fromCSV := importAndCheck(t, importer.Giving360, []string{"testdata/360giving/trafford-council-vcs-grants.csv"})
	res, _, fromXLSX := importAndCheck(t, importer.Giving360, []string{xlsx})
	require.Equal(t, 555, res.Files[0].Records)
	require.Len(t, fromXLSX, len(fromCSV))
	for i := range fromCSV {
		require.Equal(t, fromCSV[i].Provenance.Row, fromXLSX[i].Provenance.Row)
		require.Equal(t, "grants", fromXLSX[i].Provenance.Sheet)
		fromCSV[i].Source, fromCSV[i].Provenance, fromXLSX[i].Source, fromXLSX[i].Provenance = compact.Position{}, nil, compact.Position{}, nil
	}
	require.Equal(t, fromCSV, fromXLSX)
}
