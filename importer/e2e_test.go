package importer_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/importer"
	"github.com/compactkit/compactkit/rules"
)

// importAndCheck imports files into a fresh area, loads it on the
// national library and checks it with the national pack over the records'
// period, as "compact import" then "compact check" do.
func importAndCheck(t *testing.T, src importer.Source, files []string, opts ...importer.Option) (*importer.Result, *compact.Area, rules.Findings) {
	t.Helper()
	dir := t.TempDir()
	res, err := importer.Import(context.Background(), src, files, dir, opts...)
	require.NoError(t, err)
	a, findings := check(t, dir)
	return res, a, findings
}

func check(t *testing.T, dir string) (*compact.Area, rules.Findings) {
	t.Helper()
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.LoadArea(dir, compact.WithLibrary(lib))
	require.NoError(t, err)
	e, err := rules.Compile(a)
	require.NoError(t, err)
	p := a.Records.Period // an import's documents each cover the whole import's period
	require.Equal(t, span(a), p)
	found, err := e.Check(context.Background(), rules.AsOf(p.To), rules.Period(p))
	require.NoError(t, err)
	return a, found
}

// span is the period from the first record to the last.
func span(a *compact.Area) compact.Period {
	var p compact.Period
	widen := func(from, to compact.Date) {
		if p.From.IsZero() || from.Before(p.From) {
			p.From = from
		}
		if to.After(p.To) {
			p.To = to
		}
	}
	for _, c := range a.Records.Consultations {
		widen(c.Opens, c.Closes)
	}
	for _, f := range a.Records.Funding {
		widen(f.Decided, f.Decided)
	}
	return p
}

// rawTraffordGrants reads the Trafford JSON as plain maps, for figures
// computed without the importer.
func rawTraffordGrants(t *testing.T) []map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/360giving/trafford-council-vcs-grants.json")
	require.NoError(t, err)
	var pkg struct{ Grants []map[string]any }
	require.NoError(t, json.Unmarshal(data, &pkg))
	return pkg.Grants
}

// byRule picks the findings of one rule, by subject.
func byRule(fs rules.Findings, rule string) map[string]rules.Finding {
	out := map[string]rules.Finding{}
	for _, f := range fs {
		if f.Rule == rule {
			out[f.Subject] = f
		}
	}
	return out
}

func value(f rules.Finding, name string) any {
	for _, v := range f.Values {
		if v.Name == name {
			return v.Value
		}
	}
	return nil
}

func TestTraffordJSON(t *testing.T) {
	grants := rawTraffordGrants(t)
	require.Len(t, grants, 555)
	// Independently: grants of 12 months or less, by plannedDates[0].duration.
	short := 0
	for _, g := range grants {
		pd := g["plannedDates"].([]any)[0].(map[string]any)
		if pd["duration"].(float64) <= 12 {
			short++
		}
	}
	require.Equal(t, 555, short)

	res, a, found := importAndCheck(t, importer.Giving360, []string{"testdata/360giving/trafford-council-vcs-grants.json"})
	f := res.Files[0]
	require.Equal(t, 555, f.Records)
	require.Equal(t, 324, f.Organisations) // 323 recipients and the council
	require.Empty(t, f.Problems)
	require.Len(t, a.Records.Funding, 555)

	subjects := map[string]bool{}
	for _, x := range found {
		if x.Kind == rules.OnFunding {
			subjects[x.Subject] = true
		}
	}
	require.Len(t, subjects, 555, "every grant is checked")

	multi := byRule(found, "multi-year-funding")
	require.Len(t, multi, 555)
	tool := 0
	for id, x := range multi {
		if x.Outcome == rules.Fail && value(x, "termMonths").(int64) <= 12 {
			tool++
		}
		// Each finding names its source row: the pointer finds the grant
		// with the subject's id in the raw file.
		require.NotNil(t, x.Provenance, id)
		i, err := strconv.Atoi(strings.TrimPrefix(x.Provenance.Pointer, "/grants/"))
		require.NoError(t, err)
		require.Equal(t, id, grants[i]["id"])
		require.Equal(t, id, x.Provenance.ID)
		require.Contains(t, x.Message, "for 12 months with no reason given")
	}
	require.Equal(t, short, tool)
}

// TestTraffordFundedAgain counts, from the raw file and from the imported
// records, the organisations given a new one-year grant in the award year
// after one in which they had one.
func TestTraffordFundedAgain(t *testing.T) {
	years := func(pairs [][2]string) int {
		by := map[string]map[int]bool{}
		for _, p := range pairs {
			y, _ := strconv.Atoi(p[1][:4])
			if by[p[0]] == nil {
				by[p[0]] = map[int]bool{}
			}
			by[p[0]][y] = true
		}
		n := 0
		for _, ys := range by {
			for y := range ys {
				if ys[y+1] {
					n++
					break
				}
			}
		}
		return n
	}
	var raw [][2]string
	for _, g := range rawTraffordGrants(t) {
		r := g["recipientOrganization"].([]any)[0].(map[string]any)
		raw = append(raw, [2]string{r["id"].(string), g["awardDate"].(string)})
	}
	_, a, _ := importAndCheck(t, importer.Giving360, []string{"testdata/360giving/trafford-council-vcs-grants.json"})
	var imported [][2]string
	for _, fd := range a.Records.Funding {
		require.Equal(t, 12, fd.TermMonths)
		imported = append(imported, [2]string{fd.Recipient, fd.Decided.String()})
	}
	want := years(raw)
	require.Positive(t, want)
	require.Equal(t, want, years(imported))
}

// TestTraffordCSV: the CSV layout gives the same findings as the JSON, and
// each names its CSV row.
func TestTraffordCSV(t *testing.T) {
	_, _, fromJSON := importAndCheck(t, importer.Giving360, []string{"testdata/360giving/trafford-council-vcs-grants.json"})
	res, _, fromCSV := importAndCheck(t, importer.Giving360, []string{"testdata/360giving/trafford-council-vcs-grants.csv"})
	require.Equal(t, 555, res.Files[0].Records)
	require.Empty(t, res.Files[0].Problems)
	strip := func(fs rules.Findings) rules.Findings {
		out := slices.Clone(fs)
		for i := range out {
			out[i].Source, out[i].Provenance = compact.Position{}, nil
		}
		return out
	}
	require.Equal(t, strip(fromJSON), strip(fromCSV))

	f, err := os.Open("testdata/360giving/trafford-council-vcs-grants.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	for _, x := range fromCSV {
		if x.Kind != rules.OnFunding {
			continue
		}
		require.NotNil(t, x.Provenance)
		require.Equal(t, x.Subject, rows[x.Provenance.Row-1][0], "row %d", x.Provenance.Row)
	}
}

func TestInvalidGrants(t *testing.T) {
	dir := t.TempDir()
	res, err := importer.Import(context.Background(), importer.Giving360,
		[]string{"testdata/360giving/edited-wellcome-grants-invalid.json"}, dir)
	require.NoError(t, err)
	f := res.Files[0]
	var msgs []string
	for _, p := range f.Problems {
		msgs = append(msgs, p.Error())
	}
	require.Contains(t, msgs, `testdata/360giving/edited-wellcome-grants-invalid.json:38:26: /grants/0/awardDate: "24/07/2014" is not a date written YYYY-MM-DD`)
	require.Contains(t, strings.Join(msgs, "\n"), `/grants/1/recipientOrganization/0/id: "RUBBISH-COH-RC000000" is not an organisation identifier`)
	for _, p := range f.Problems {
		require.ErrorIs(t, p, compact.ErrValue)
		require.True(t, p.Pos.IsValid())
	}
	require.Equal(t, 0, f.Records)
	require.Equal(t, len(f.Problems) > 0, f.Skipped > 0)
	_, err = compact.LoadArea(dir) // what was written loads
	require.NoError(t, err)
}

// TestReimport: importing again gives the same files, and the area's own
// records and organisations are kept and matched.
func TestReimport(t *testing.T) {
	dir := t.TempDir()
	own := `apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: trafford, name: Trafford Council, sector: public, kind: local-authority, orgId: GB-LAE-TRF}
  - {id: youth, name: Youth Trafford, sector: voluntary-community, kind: charity}
---
apiVersion: compactkit/v1
kind: Records
funding:
  - {id: hand-written, funder: trafford, recipient: youth, kind: new, decided: 2024-05-01, reasons: A test., termMonths: 36}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "own.yaml"), []byte(own), 0o644))
	file := []string{"testdata/360giving/trafford-council-vcs-grants.json"}
	res, err := importer.Import(context.Background(), importer.Giving360, file, dir)
	require.NoError(t, err)
	require.Equal(t, 1, res.Files[0].Matched)
	require.Equal(t, 323, res.Files[0].Organisations)
	first, err := os.ReadFile(res.Files[0].Output)
	require.NoError(t, err)
	_, err = importer.Import(context.Background(), importer.Giving360, file, dir)
	require.NoError(t, err)
	again, err := os.ReadFile(res.Files[0].Output)
	require.NoError(t, err)
	require.Equal(t, string(first), string(again))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	require.Equal(t, []string{"imported-360giving-trafford-council-vcs-grants.directory.yaml",
		"imported-360giving-trafford-council-vcs-grants.yaml", "own.yaml"}, names)
	a, _ := check(t, dir)
	require.Len(t, a.Records.Funding, 556)
	for _, fd := range a.Records.Funding {
		require.Equal(t, "trafford", fd.Funder)
	}
}

// TestGOVUK: consultations under 12 weeks, computed from the raw items as
// instants, match the tool's failures of the 12-week check.
//
// UK civil dates: the importer dates a time with a numeric offset as
// written (2016-10-31T17:00+01:00 is 31 October) and a UTC time on the
// London clock. The test measures the raw items as exact durations
// between instants (84 days = 12 weeks) instead, and leaves out what the
// tool leaves out: withdrawn items, dates after 2100, and the second
// copy of a consultation (by base_path).
func TestGOVUK(t *testing.T) {
	files, err := filepath.Glob("testdata/govuk/*.json")
	require.NoError(t, err)
	require.Len(t, files, 9)
	type item struct {
		BasePath        string `json:"base_path"`
		WithdrawnNotice struct {
			WithdrawnAt string `json:"withdrawn_at"`
		} `json:"withdrawn_notice"`
		Details struct {
			Opening string `json:"opening_date"`
			Closing string `json:"closing_date"`
		} `json:"details"`
	}
	withdrawn := map[string]bool{}
	weeks := map[string]float64{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var it item
		require.NoError(t, json.Unmarshal(data, &it))
		if it.WithdrawnNotice.WithdrawnAt != "" {
			withdrawn[it.BasePath] = true
		}
		o, err := time.Parse(time.RFC3339, it.Details.Opening)
		require.NoError(t, err)
		c, err := time.Parse(time.RFC3339, it.Details.Closing)
		require.NoError(t, err)
		if o.Year() > 2100 || c.Year() > 2100 {
			continue
		}
		weeks[it.BasePath] = c.Sub(o).Hours() / 24 / 7
	}
	under, atLeast := 0, 0
	for bp, w := range weeks {
		switch {
		case withdrawn[bp]:
		case w < 12:
			under++
		default:
			atLeast++
		}
	}
	require.Equal(t, 3, under)
	require.Equal(t, 1, atLeast)

	res, a, found := importAndCheck(t, importer.GOVUK, files, importer.Formal(true))
	require.Len(t, a.Records.Consultations, under+atLeast)
	length := byRule(found, "consultation-length")
	fails, passes := 0, 0
	for _, x := range length {
		switch x.Outcome {
		case rules.Fail:
			fails++
		case rules.Pass:
			passes++
		}
		require.NotNil(t, x.Provenance)
		require.True(t, strings.HasPrefix(x.Provenance.ID, "/government/consultations/"))
	}
	require.Equal(t, under, fails)
	require.Equal(t, atLeast, passes)
	require.Equal(t, rules.Pass, length["employee-share-schemes-nic-elections"].Outcome, "84 days and 6 h 45 min is 12 weeks")

	var problems []string
	for _, p := range res.Problems() {
		problems = append(problems, p.Error())
	}
	require.Equal(t, []string{ // the Post Office closing date, the Hitachi dates; the doctoral loans item is withdrawn
		"testdata/govuk/open_consultation_with_participation.json:15:21: /details/closing_date: 2216-12-21T23:45:00+00:00 is not a plausible date (after 2100): GOV.UK's examples use far-future dates to stay open",
		"testdata/govuk/unopened_consultation.json:14:21: /details/opening_date: 2200-10-05T14:00:00+01:00 is not a plausible date (after 2100): GOV.UK's examples use far-future dates to stay open",
		"testdata/govuk/unopened_consultation.json:15:21: /details/closing_date: 2210-10-31T17:00:00+01:00 is not a plausible date (after 2100): GOV.UK's examples use far-future dates to stay open",
	}, problems)
	left := map[string]int{}
	for _, f := range res.Files {
		for k, n := range f.Left {
			left[k] += n
		}
	}
	require.Equal(t, 1, left["withdrawn (withdrawn_notice.withdrawn_at)"])

	// Without Formal the check does not apply, and the import says why.
	res, _, found = importAndCheck(t, importer.GOVUK, files)
	for _, x := range byRule(found, "consultation-length") {
		require.Equal(t, rules.NotApplicable, x.Outcome)
	}
	n := 0
	for _, f := range res.Files {
		for k, c := range f.Unknown {
			if strings.HasPrefix(k, "formality not published") {
				n += c
			}
		}
	}
	require.Equal(t, under+atLeast, n)
}

// TestContractsFinder: awards to suppliers marked VCSE, and their terms,
// computed from the raw releases (the latest release of each ocid, which
// in Contracts Finder repeats the whole notice), match the tool's records
// and its multi-year check. Dates are RFC 3339 instants; the test takes
// the civil date on the London clock for both ends and counts calendar
// months from the start to the day after the end.
func TestContractsFinder(t *testing.T) {
	data, err := os.ReadFile("testdata/ocds/contracts-finder-releases.json")
	require.NoError(t, err)
	var pkg struct {
		Releases []struct {
			OCID    string `json:"ocid"`
			Date    string `json:"date"`
			Parties []struct {
				ID      string `json:"id"`
				Details *struct {
					VCSE *bool `json:"vcse"`
				} `json:"details"`
			} `json:"parties"`
			Awards []struct {
				Suppliers []struct {
					ID string `json:"id"`
				} `json:"suppliers"`
				ContractPeriod struct {
					Start string `json:"startDate"`
					End   string `json:"endDate"`
				} `json:"contractPeriod"`
			} `json:"awards"`
		} `json:"releases"`
	}
	require.NoError(t, json.Unmarshal(data, &pkg))
	require.Len(t, pkg.Releases, 60)
	latest := map[string]int{}
	for i, r := range pkg.Releases {
		if j, ok := latest[r.OCID]; !ok || r.Date >= pkg.Releases[j].Date {
			latest[r.OCID] = i
		}
	}
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	civil := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		l := tm.In(london)
		return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
	}
	var vcseMonths []int
	supplierAwards := 0
	for _, i := range latest {
		r := pkg.Releases[i]
		vcse := map[string]bool{}
		for _, p := range r.Parties {
			if p.Details != nil && p.Details.VCSE != nil && *p.Details.VCSE {
				vcse[p.ID] = true
			}
		}
		for _, a := range r.Awards {
			for _, s := range a.Suppliers {
				supplierAwards++
				if vcse[s.ID] {
					start, end := civil(a.ContractPeriod.Start), civil(a.ContractPeriod.End).AddDate(0, 0, 1)
					vcseMonths = append(vcseMonths, (end.Year()-start.Year())*12+int(end.Month())-int(start.Month()))
				}
			}
		}
	}
	require.Equal(t, []int{24}, vcseMonths)

	res, a, found := importAndCheck(t, importer.OCDS, []string{"testdata/ocds/contracts-finder-releases.json"})
	require.Empty(t, res.Problems())
	require.Equal(t, supplierAwards, res.Files[0].Records)
	multi := byRule(found, "multi-year-funding")
	var toolMonths []int
	for _, fd := range a.Records.Funding {
		o, ok := a.Organisation(fd.Recipient)
		require.True(t, ok)
		if o.Sector == compact.SectorVoluntaryCommunity {
			x := multi[fd.ID]
			// 24 months is multi-year under the Compact 2010 (the threshold
			// from 2010-12-20 is 24 months), so the award passes.
			require.Equal(t, rules.Pass, x.Outcome)
			toolMonths = append(toolMonths, int(value(x, "termMonths").(int64)))
			require.Equal(t, "ocds-b5fd17-f20e2ab3-ac80-491c-9a7f-b693cb8f7d0a", x.Provenance.ID)
		}
	}
	require.Equal(t, vcseMonths, toolMonths)
}

// TestDurationNotPublished: the A B Charitable Trust publishes no planned
// dates, so no grant's duration is known: the import counts them and the
// multi-year check says "duration not published" for each, neither a pass
// nor a failure. Award dates are date-times with an offset, dated as
// written.
func TestDurationNotPublished(t *testing.T) {
	data, err := os.ReadFile("testdata/360giving/ab-charitable-trust-grants.json")
	require.NoError(t, err)
	var pkg struct{ Grants []map[string]any }
	require.NoError(t, json.Unmarshal(data, &pkg))
	noDates := 0
	awarded := map[string]string{}
	for _, g := range pkg.Grants {
		if _, ok := g["plannedDates"]; !ok {
			noDates++
		}
		tm, err := time.Parse(time.RFC3339, g["awardDate"].(string))
		require.NoError(t, err)
		awarded[g["id"].(string)] = tm.Format("2006-01-02") // the date in the stated offset
	}
	require.Equal(t, 783, noDates)

	res, a, found := importAndCheck(t, importer.Giving360, []string{"testdata/360giving/ab-charitable-trust-grants.json"})
	// One grant names the trust's own charity number as its recipient's (an
	// All Party Parliamentary Group): a bad value, left out.
	problems := res.Files[0].Problems
	require.Len(t, problems, 1)
	require.Equal(t, "/grants/560/recipientOrganization/0/id", problems[0].Path)
	require.Contains(t, problems[0].Msg, "funder and recipient are the same organisation")
	require.Equal(t, map[string]int{"plannedDates: duration not published": noDates - 1}, res.Files[0].Unknown)
	require.Equal(t, 782, len(a.Records.Funding))
	for _, fd := range a.Records.Funding {
		require.Equal(t, awarded[fd.ID], fd.Decided.String())
	}
	multi := byRule(found, "multi-year-funding")
	require.Equal(t, noDates-1, len(multi))
	for _, x := range multi {
		require.Equal(t, rules.NotApplicable, x.Outcome)
		require.Equal(t, "duration not published", x.Message)
	}
}

// BenchmarkTrafford imports the Trafford grants and checks them with the
// national pack, as the README's pipeline does.
func BenchmarkTrafford(b *testing.B) {
	lib, err := examples.Library()
	require.NoError(b, err)
	for b.Loop() {
		dir := b.TempDir()
		_, err := importer.Import(context.Background(), importer.Giving360, []string{"testdata/360giving/trafford-council-vcs-grants.json"}, dir)
		require.NoError(b, err)
		a, err := compact.LoadArea(dir, compact.WithLibrary(lib))
		require.NoError(b, err)
		e, err := rules.Compile(a)
		require.NoError(b, err)
		found, err := e.Check(context.Background(), rules.AsOf(a.Records.Period.To), rules.Period(a.Records.Period))
		require.NoError(b, err)
		require.Len(b, found, 4440)
	}
}

// TestIDTakenByHandWrittenRecord: an imported record whose id a
// hand-written record already has is a problem, not a broken area.
func TestIDTakenByHandWrittenRecord(t *testing.T) {
	dir := t.TempDir()
	own := `apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: trafford, name: Trafford Council, sector: public, kind: local-authority, orgId: GB-LAE-TRF}
  - {id: advice, name: Advice Trafford, sector: voluntary-community, kind: charity}
---
apiVersion: compactkit/v1
kind: Records
funding:
  - {id: 360G-example-1, funder: trafford, recipient: advice, kind: new, decided: 2024-05-01, reasons: Written by hand., termMonths: 36}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "own.yaml"), []byte(own), 0o644))
	res, err := importer.Import(context.Background(), importer.Giving360, []string{"testdata/small-grants.json"}, dir)
	require.NoError(t, err)
	f := res.Files[0]
	require.Equal(t, 1, f.Records)
	require.Len(t, f.Problems, 2)
	require.ErrorIs(t, f.Problems[0], compact.ErrDuplicate)
	require.Equal(t, "/grants/0/id", f.Problems[0].Path)
	require.Contains(t, f.Problems[0].Msg, `record id "360G-example-1" is already used in `+filepath.Join(dir, "own.yaml"))
	a, err := compact.LoadArea(dir)
	require.NoError(t, err)
	require.Len(t, a.Records.Funding, 2)
}
