package reporting_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/reporting"
)

// The source texts (testdata/sources) are the published documents the
// examples reproduce: the 2014/15 Joint Action Plan of Compact Voice and
// the Office for Civil Society, and the Lincolnshire & Rutland Public
// Sector Compact charter with its annexes of annual priorities.

func source(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "sources", name))
	require.NoError(t, err)
	return string(b)
}

// norm folds white space, so text set over several lines compares equal.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// annexFields reads an annexe of the charter: its tab-led lines, with any
// line that does not start with a tab joined to the one before. The first
// four are the column headings.
func annexFields(text, start, end string) []string {
	i := strings.Index(text, start)
	j := len(text)
	if end != "" {
		j = strings.Index(text, end)
	}
	var out []string
	for _, line := range strings.Split(text[i:j], "\n")[1:] {
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "\t"):
			out = append(out, norm(line))
		default:
			out[len(out)-1] += " " + norm(line)
		}
	}
	return out
}

var digits = regexp.MustCompile(`\d+`)

func TestPriorities2008ReproduceTheCharter(t *testing.T) {
	fields := annexFields(source(t, "004-lincolnshire-rutland-charter.txt"), "ANNEXE 1", "ANNEXE 2")
	require.Equal(t, []string{"Annual Priority", "Ref (Aims)", "Comments", "Impact Measures"}, fields[:4])
	rows := fields[4:]
	require.Len(t, rows, 5*4, "five priorities of four columns")

	a := loadExample(t, "lincolnshire-rutland")
	plans, err := reporting.LoadPlans(a)
	require.NoError(t, err)
	require.Len(t, plans.Priorities, 2)
	p := plans.Priorities[0]
	assert.Equal(t, "Statement of Annual Priorities for 2008-09", p.Title)
	assert.Equal(t, "2008-09", p.Period.String())
	require.Len(t, p.Priorities, 5)
	// The numeric targets, as the impact measures state them in words.
	targets := []float64{10, 60, 2, 40, -1}
	for i, pr := range p.Priorities {
		row := rows[i*4 : i*4+4]
		assert.Equal(t, row[0], pr.Number+" - "+norm(pr.Text), "priority %d", i+1)
		assert.Equal(t, digits.FindAllString(row[1], -1), pr.Aims, "aims of priority %d", i+1)
		assert.Equal(t, row[2], norm(pr.Comments), "comments of priority %d", i+1)
		require.Len(t, pr.Measures, 1)
		m := pr.Measures[0]
		assert.Equal(t, row[3], norm(m.Text), "impact measure of priority %d", i+1)
		if targets[i] < 0 {
			assert.Nil(t, m.Target, "priority %d states no number", i+1)
			continue
		}
		require.NotNil(t, m.Target)
		assert.InDelta(t, targets[i], *m.Target, 0)
		word := map[float64]string{2: "Two"}[targets[i]]
		if word == "" {
			word = digits.FindString(strings.TrimPrefix(row[3], "During session 2008-09"))
		}
		assert.Contains(t, row[3], word, "the target is the number the measure states")
	}
}

func TestPriorities2007ReproduceTheAchievements(t *testing.T) {
	fields := annexFields(source(t, "004-lincolnshire-rutland-charter.txt"), "ANNEXE 2", "")
	require.Equal(t, []string{"Annual Priority", "Ref (Aims)", "Ref TG", "Achievements"}, fields[:4])
	rows := fields[4:]
	require.Len(t, rows, 11*4, "eleven priorities of four columns")

	a := loadExample(t, "lincolnshire-rutland")
	plans, err := reporting.LoadPlans(a)
	require.NoError(t, err)
	p := plans.Priorities[1]
	assert.Equal(t, "2007-08", p.Period.String())
	assert.Equal(t, "2008-05-20", p.Reported.String())
	assert.Contains(t, source(t, "004-lincolnshire-rutland-charter.txt"), p.Introduction[:60])
	require.Len(t, p.Priorities, 11)
	groups := map[string]string{"R&R": "recruitment-retention", "L&D": "learning-development"}
	// How each achievement reads, by the rule of DeriveStatus.
	want := []reporting.Status{reporting.StatusNotStarted, reporting.StatusGoodProgress, reporting.StatusAchieved,
		reporting.StatusInProgress, reporting.StatusInProgress, reporting.StatusAchieved, reporting.StatusInProgress,
		reporting.StatusInProgress, reporting.StatusGoodProgress, reporting.StatusInProgress, reporting.StatusInProgress}
	for i, pr := range p.Priorities {
		row := rows[i*4 : i*4+4]
		assert.Equal(t, row[0], norm(pr.Text), "priority %d", i+1)
		assert.Equal(t, digits.FindAllString(row[1], -1), pr.Aims, "aims of priority %d", i+1)
		var tg []string
		for _, g := range strings.Fields(row[2]) {
			tg = append(tg, groups[g])
		}
		assert.Equal(t, tg, pr.Groups, "sub groups of priority %d", i+1)
		assert.Equal(t, row[3], norm(pr.Achievement), "achievement of priority %d", i+1)
		assert.Empty(t, pr.Status, "the status is derived, not recorded")
		st, _ := reporting.DeriveStatus(pr.Achievement)
		assert.Equal(t, want[i], st, "status of priority %d: %s", i+1, row[3])
	}

	// The 2007-08 report shows them with their ratings.
	r := build(t, a, "2007-08")
	require.Len(t, r.Plans.Priorities, 1)
	assert.Equal(t, reporting.RAGCount{Green: 2, Amber: 8, Red: 1}, r.Plans.Priorities[0].RAG)
}

func TestJointActionPlanReproducesTheSource(t *testing.T) {
	text := source(t, "002-joint-action-plan.txt")
	flat := norm(strings.ReplaceAll(text, "|", " "))
	a := loadExample(t, "compact-voice-ocs")
	plans, err := reporting.LoadPlans(a)
	require.NoError(t, err)
	require.Len(t, plans.ActionPlans, 1)
	p := plans.ActionPlans[0]
	assert.Equal(t, "Compact Voice and OCS: 2014/15 Joint Action Plan", p.Title)
	assert.True(t, strings.HasPrefix(text, p.Title))
	assert.Contains(t, flat, norm(p.Introduction))
	var names []string
	for _, party := range p.Parties {
		names = append(names, party.Name)
	}
	assert.Equal(t, []string{"Compact Voice", "Office for Civil Society/ Cabinet Office", "Department Leads"}, names)
	assert.Contains(t, flat, "Objective Compact Voice Office for Civil Society/ Cabinet Office Department Leads", "the column headings")
	require.Len(t, p.Objectives, 8)
	last := 0
	for i, o := range p.Objectives {
		at := strings.Index(flat, norm(o.Text))
		require.GreaterOrEqual(t, at, 0, "objective %d: %s", i+1, o.Text)
		assert.Greater(t, at, last, "objectives in the source's order")
		last = at
		require.Len(t, o.Undertakings, 3, "objective %d has an undertaking of every party", i+1)
		for j, u := range o.Undertakings {
			assert.Equal(t, p.Parties[j].ID, u.Party, "in the source's column order")
			pos := strings.Index(flat[at:], norm(u.Text))
			assert.GreaterOrEqual(t, pos, 0, "objective %d, %s: %q", i+1, u.Party, u.Text)
			assert.NotEmpty(t, u.Commitment, "each undertaking names its commitment")
		}
	}
	tr, err := reporting.NewTracker(a, d("2015-03-31"))
	require.NoError(t, err)
	got := tr.Plan(p)
	m := got.Objectives[0].Undertakings[1].Measures[0]
	assert.InDelta(t, 2, *m.Achieved, 0, "two Compact Leads Group meetings against at least three")
	assert.InDelta(t, 3, *m.Target, 0)
	assert.Equal(t, reporting.Amber, m.RAG)
}
