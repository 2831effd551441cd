package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// TestCheckAndReportAgree runs `check` and `report` on every example area
// and on a generated one, for several as-of dates (none, inside the records
// period, after it, before it), and requires them to agree figure for
// figure: the same as-of date and period, the same totals of checks passed,
// failed, not applicable and in error, the same failures per rule out of
// the same number of checks, and the same failed checks.
func TestCheckAndReportAgree(t *testing.T) {
	areas := append(exampleAreas(t), generatedArea(t, 600))
	for _, path := range areas {
		a, err := (&areaFlags{}).load(path)
		require.NoError(t, err)
		p := a.Records.Period
		require.False(t, p.From.IsZero(), "%s: the agreement needs a records period", path)
		for _, asOf := range []string{"", p.From.AddDays(100).String(), p.To.AddDays(62).String(), p.From.AddDays(-30).String()} {
			name := filepath.Base(path)
			if strings.HasPrefix(path, os.TempDir()) {
				name = "generated"
			}
			t.Run(name+"/as-of-"+asOf, func(t *testing.T) {
				args := []string{"--format", "json"}
				if asOf != "" {
					args = append(args, "--as-of", asOf)
				}
				code, out, errOut := compactRun(append(append([]string{"check"}, args...), "--fail-on", "none", path)...)
				require.Equal(t, exitOK, code, "%s\n%s", errOut, out)
				var checked struct {
					Areas []struct {
						AsOf     string `json:"asOf"`
						Period   string `json:"period"`
						Findings []struct {
							Rule    string `json:"rule"`
							Subject string `json:"subject"`
							Outcome string `json:"outcome"`
						} `json:"findings"`
					} `json:"areas"`
				}
				require.NoError(t, json.Unmarshal([]byte(out), &checked))
				require.Len(t, checked.Areas, 1)
				ch := checked.Areas[0]

				code, out, errOut = compactRun(append(append([]string{"report"}, args...), path)...)
				if code == exitUsage && strings.Contains(errOut, "no records dated in "+ch.Period) {
					// The report refuses a period with nothing dated in it
					// (it would be empty); it names the period check chose.
					return
				}
				require.Equal(t, exitOK, code, "%s\n%s", errOut, out)
				var rep struct {
					AsOf       string `json:"asOf"`
					Period     string `json:"period"`
					Compliance struct {
						Checks        int `json:"checks"`
						Passed        int `json:"passed"`
						Failed        int `json:"failed"`
						NotApplicable int `json:"notApplicable"`
						Errors        int `json:"errors"`
						ByRule        []struct {
							Key   string `json:"key"`
							Count int    `json:"count"`
							Of    int    `json:"of"`
						} `json:"byRule"`
						Failures []struct {
							Rule    struct{ ID string } `json:"rule"`
							Subject string              `json:"subject"`
							Outcome string              `json:"outcome"`
						} `json:"failures"`
					} `json:"compliance"`
				}
				require.NoError(t, json.Unmarshal([]byte(out), &rep))

				require.Equal(t, ch.AsOf, rep.AsOf, "as-of date")
				require.Equal(t, ch.Period, rep.Period, "period")
				count := map[string]int{}
				fails, of := map[string]int{}, map[string]int{}
				var failed []string
				for _, f := range ch.Findings {
					count[f.Outcome]++
					switch f.Outcome {
					case "fail":
						fails[f.Rule]++
						of[f.Rule]++
						failed = append(failed, f.Rule+" "+f.Subject+" "+f.Outcome)
					case "pass":
						of[f.Rule]++
					case "error":
						failed = append(failed, f.Rule+" "+f.Subject+" "+f.Outcome)
					}
				}
				c := rep.Compliance
				require.Equal(t, []int{count["pass"] + count["fail"], count["pass"], count["fail"], count["not-applicable"], count["error"]},
					[]int{c.Checks, c.Passed, c.Failed, c.NotApplicable, c.Errors}, "checks, passed, failed, not applicable, errors")
				byRule := map[string][2]int{}
				for _, r := range c.ByRule {
					if r.Count > 0 {
						byRule[r.Key] = [2]int{r.Count, r.Of}
					}
				}
				want := map[string][2]int{}
				for r, n := range fails {
					want[r] = [2]int{n, of[r]}
				}
				require.Equal(t, want, byRule, "failures per rule, of checks")
				var got []string
				for _, f := range c.Failures {
					got = append(got, f.Rule.ID+" "+f.Subject+" "+f.Outcome)
				}
				require.ElementsMatch(t, failed, got, "failed checks")
			})
		}
	}
}

// generatedArea writes an area of n generated records, dated over two
// financial years (2023-24 and 2024-25, the records period), on the Town
// compact, directory and rule pack, and returns its folder.
func generatedArea(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"compact.yaml", "directory.yaml", "rules.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "town", name))
		require.NoError(t, err)
		if name == "directory.yaml" {
			b = append(b, []byte(generatedPeople)...)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	start := compact.MustParseDate("2023-04-01")
	at := func(i, k int) string { return start.AddDays(i%731 + k).String() } // k days after record i's day
	orgs := []string{"council", "cvs", "youth"}
	people := []string{"alex", "sam", "kim", "lee"}
	var cons, fund, meet, noms, sigs, dirPeople, attendees []string
	for i := range n {
		id := fmt.Sprintf("g%d", i)
		switch i % 10 {
		case 0, 1, 2:
			kind := []string{"new", "renewal", "reduction", "ending"}[i%4]
			fund = append(fund, fmt.Sprintf("  - {id: %s, funder: council, recipient: %s, kind: %s, decided: %s, reasons: Budget., termMonths: %d, start: %s, firstPayment: %s, noticeGiven: %s, noticeForm: written, effective: %s, impactAssessed: %s, responseInvited: %s}",
				id, orgs[1+i%2], kind, at(i, 0), 12*(1+i%3), at(i, 30), at(i, 20+i%20), at(i, 5), at(i, 90+i%120), at(i, i%7-3), at(i, -20+i%25)))
		case 3, 4:
			cons = append(cons, fmt.Sprintf("  - {id: %s, title: Consultation %s, owner: council, opens: %s, closes: %s, formal: %t, feedbackPublished: %s}",
				id, id, at(i, 0), at(i, 42+7*(i%8)), i%3 != 0, at(i, 100+i%30)))
		case 5, 6:
			meet = append(meet, fmt.Sprintf("  - {id: %s, body: steering-group, date: %s, attendees: [%s]}", id, at(i, 0), people[i%4]))
		case 7, 8:
			// Each nomination its own person, so terms never overlap;
			// council and cvs are signatories throughout.
			role := []string{"steering-group-member", "compact-champion"}[i%2]
			org := orgs[i%2]
			to := ""
			if i%3 == 0 {
				to = ", to: " + at(i, 200+i%400)
			}
			person := "p" + id
			dirPeople = append(dirPeople, fmt.Sprintf("  - {id: %s, name: Person %s, organisation: %s}", person, id, org))
			noms = append(noms, fmt.Sprintf("  - {id: %s, role: %s, organisation: %s, person: %s, from: %s%s}", id, role, org, person, at(i, 0), to))
			if i%4 == 0 {
				attendees = append(attendees, person)
			}
		default:
			// Youth Trust signs, withdraws and signs again.
			w := ""
			if i%4 == 1 {
				w = ", withdrawn: " + at(i, 150)
			}
			sigs = append(sigs, fmt.Sprintf("  - {id: %s, organisation: youth, endorsedBy: Someone, position: Chief Executive, signed: %s, writtenCommitment: %t%s}",
				id, at(i, 0), i%2 == 0, w))
		}
	}
	for i, m := range meet {
		if len(attendees) > 0 {
			meet[i] = strings.Replace(m, "]}", ", "+attendees[i%len(attendees)]+"]}", 1)
		}
	}
	f, err := os.OpenFile(filepath.Join(dir, "directory.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(strings.Join(dirPeople, "\n") + "\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	recs := "apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\n" +
		"consultations:\n" + strings.Join(cons, "\n") + "\nfunding:\n" + strings.Join(fund, "\n") +
		"\nmeetings:\n" + strings.Join(meet, "\n") + "\nnominations:\n" + strings.Join(noms, "\n") +
		"\nsignatures:\n" + strings.Join(sigs, "\n") + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "records.yaml"), []byte(recs), 0o644))
	return dir
}

// generatedPeople adds two people to the Town directory for the generated
// records.
const generatedPeople = `  - {id: kim, name: Kim Lowe, organisation: youth}
  - {id: lee, name: Lee Park, organisation: council}
`
