package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
)

// wordsArea is a generated area that sets every national parameter to a
// value no baseline text uses, so any number left over from the baseline
// stands out.
const wordsArea = `apiVersion: compactkit/v1
kind: Compact
id: odd-2024
title: The Odd Compact
extends: national-2010
parameters:
  consultationWeeks: 17
  consultationFeedbackMonths: 5
  fundingNoticeMonths: 7
  multiYearFundingMonths: 41
  reportDueMonths: 11
---
apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Odd Council, sector: public, kind: local-authority}
  - {id: club, name: Odd Club, sector: voluntary-community, kind: community-group}
---
apiVersion: compactkit/v1
kind: Records
period: 2024-25
consultations:
  - {id: short, title: Parks plan, owner: council, opens: 2024-05-01, closes: 2024-05-29, formal: true}
funding:
  - {id: cut, funder: council, recipient: club, kind: reduction, previousAmount: 9000, amount: 5000, decided: 2024-06-03,
     reasons: Budget., noticeGiven: 2024-06-04, noticeForm: written, effective: 2024-08-05,
     impactAssessed: 2024-05-20, responseInvited: 2024-05-13, responseConsidered: 2024-05-31}
  - {id: grant, funder: council, recipient: club, kind: new, amount: 4000, decided: 2024-04-08, reasons: Lunches.,
     start: 2024-04-15, end: 2025-04-14, termMonths: 12, firstPayment: 2024-04-15, fullCostRecovery: true}
`

// baseline lists, for each national parameter, the ways the baseline's texts
// word its national value.
var baseline = map[string][]string{
	"consultationWeeks":          {"12 weeks", "12-week", "twelve weeks", "twelve-week"},
	"consultationFeedbackMonths": {"3 months", "three months"},
	"fundingNoticeMonths":        {"3 months", "three months"},
	"multiYearFundingMonths":     {"36 months", "3 years", "three years", "three-year"},
	"reportDueMonths":            {"6 months", "six months"},
}

// local words each parameter's value in the generated area.
var local = map[string][]string{
	"consultationWeeks":          {"17 weeks", "17-week"},
	"consultationFeedbackMonths": {"5 months"},
	"fundingNoticeMonths":        {"7 months"},
	"multiYearFundingMonths":     {"41 months"},
	"reportDueMonths":            {"11 months"},
}

// TestWordsFollowNumbers renders every output of the generated area and
// fails if a sentence that names a parameter still words the baseline's
// number, or if a rule or commitment that reads a parameter does not name
// the local value.
func TestWordsFollowNumbers(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "area.yaml"), []byte(wordsArea), 0o644))
	outDir := t.TempDir()
	outputs := map[string]string{}
	runOK := func(name string, args ...string) {
		code, out, errb := compactRun(args...)
		require.Contains(t, []int{exitOK, exitFindings}, code, "%s: %s", name, errb)
		outputs[name] = out
	}
	for _, f := range []string{"text", "json", "csv"} {
		runOK("check "+f, "check", "--format", f, dir)
	}
	for _, f := range []string{"md", "html", "json", "csv"} {
		out := filepath.Join(outDir, "report."+f)
		runOK("report "+f, "report", "--format", f, "-o", out, dir)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		outputs["report "+f] = strings.ReplaceAll(string(b), "&#39;", "'")
	}
	runOK("roles", "roles", dir)
	runOK("consultations", "consultations", "--period", "2024-25", dir)
	uses := map[string][]string{} // rule -> the parameters it names
	for _, rule := range []string{"consultation-length", "consultation-feedback", "funding-notice", "multi-year-funding", "report-timely"} {
		runOK("explain "+rule, "rules", "explain", rule, dir)
		runOK("explain json "+rule, "rules", "explain", "--format", "json", rule, dir)
		for p := range baseline {
			if strings.Contains(outputs["explain "+rule], "params."+p) {
				uses[rule] = append(uses[rule], p)
			}
		}
	}

	sentence := regexp.MustCompile(`[^.|\n"<>]+`)
	// Ids are names, not sentences: a commitment named consultation-12-weeks
	// keeps its name wherever the number in force is another.
	ids := regexp.MustCompile(`\b[a-z0-9]+(?:-[a-z0-9]+)+\b`)
	checked := 0
	for name, out := range outputs {
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "notes:") {
				continue // notes quote the source documents, numbers and all
			}
			for _, s := range sentence.FindAllString(line, -1) {
				s = ids.ReplaceAllString(s, "")
				for p, words := range local {
					if !containsAny(s, words) {
						continue
					}
					checked++
					for _, old := range baseline[p] {
						require.NotContains(t, s, old, "%s: a sentence naming %s still says %q: %s", name, p, old, s)
					}
				}
			}
		}
	}
	require.Greater(t, checked, 20, "the outputs name the local values")

	// A commitment whose number is a parameter names it rather than the
	// baseline's number, and reads the local value wherever a rule cites it.
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.LoadArea(dir, compact.WithLibrary(lib))
	require.NoError(t, err)
	cited := 0
	for _, c := range a.Compact.Commitments {
		for _, p := range c.Parameters {
			require.False(t, containsAny(c.Text, baseline[p]), "commitment %s words %s's number instead of naming {%s}: %s", c.ID, p, p, c.Text)
			if !strings.Contains(c.Text, "{"+p) {
				continue
			}
			for rule := range uses {
				if out := outputs["explain "+rule]; strings.Contains(out, "    "+c.ID+" (") {
					line := out[strings.Index(out, "    "+c.ID+" ("):]
					line = line[:strings.IndexByte(line, '\n')]
					require.True(t, containsAny(line, local[p]), "rule %s cites commitment %s without the local value: %s", rule, c.ID, line)
					cited++
				}
			}
		}
	}
	require.Positive(t, cited)

	// The titles of rules that read a parameter say the local value.
	for rule, params := range uses {
		out := outputs["explain "+rule]
		head := strings.SplitN(out, "\n", 2)[0] // "Rule ID: TITLE"
		for _, p := range params {
			if p == "consultationFeedbackMonths" && rule != "consultation-feedback" {
				continue
			}
			if p == "multiYearFundingMonths" {
				// Its value changes by the date of the decision (36 before the
				// 2010 Compact, 24 after), so the title names no number; the
				// message says the one in force. It must not say the baseline's.
				require.False(t, containsAny(head, baseline[p]), "%s's title: %s", rule, head)
				continue
			}
			require.True(t, containsAny(head, local[p]), "%s's title does not name %s's value: %s", rule, p, head)
			require.False(t, containsAny(head, baseline[p]), "%s's title: %s", rule, head)
		}
	}
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// TestKentSaysItsOwnNotice: Kent's report, in every format, words the
// funding-notice rule and commitment with Kent's six months wherever it
// names them, and never with the national three.
func TestKentSaysItsOwnNotice(t *testing.T) {
	kent := filepath.Join("..", "..", "examples", "kent")
	out := t.TempDir()
	for _, f := range []string{"md", "html", "json", "csv"} {
		t.Run(f, func(t *testing.T) {
			file := filepath.Join(out, "kent."+f)
			code, _, errb := compactRun("report", "--format", f, "-o", file, kent)
			require.Equal(t, exitOK, code, errb)
			b, err := os.ReadFile(file)
			require.NoError(t, err)
			s := strings.ReplaceAll(string(b), "&#39;", "'")
			require.Contains(t, s, "At least 6 months' notice in writing before funding is reduced or ended")
			if f != "csv" { // the CSV lists failed checks by rule, not commitments
				require.Contains(t, s, "Give a minimum of 6 months' notice in writing")
			}
			for _, old := range []string{"At least 3 months' notice", "minimum of three months' notice", "minimum of 3 months' notice"} {
				require.NotContains(t, s, old)
			}
		})
	}
}
