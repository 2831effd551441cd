package reporting

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// chart is a horizontal bar chart, laid out for inline SVG: one row per
// item, a label on the left, a bar, and the value in words on the right.
// Sizes are in SVG user units (pixels at 100%).
type chart struct {
	// ID is the chart's element id, unique in the page.
	ID string
	// Title says what the chart shows.
	Title string
	// Desc describes the chart for screen readers.
	Desc string
	// Width and Height of the drawing.
	Width, Height int
	// Rows are the bars, top to bottom.
	Rows []chartRow
	// Legend explains the bar styles.
	Legend []legendItem
	// Axis is the scale under the bars.
	Axis []tick
	// AxisY is where the axis line is drawn.
	AxisY int
	// X0 is where the bars start; X1 where full scale ends.
	X0, X1 int
}

// chartRow is one bar of a chart.
type chartRow struct {
	// Label on the left, shortened to fit.
	Label string
	// Full is the label unshortened, for the tooltip.
	Full string
	// Value in words, drawn right of the bar.
	Value string
	// Class styles the bar: "bar", "green", "amber", "red", "previous".
	Class string
	// Y is the top of the row; LabelY the baseline of its text.
	Y, LabelY int
	// BarX, BarW and BarH place the main bar.
	BarX, BarW, BarH int
	// Second is a thinner bar under the main one (the previous period),
	// drawn when SecondW > 0 or HasSecond.
	HasSecond                 bool
	SecondY, SecondW, SecondH int
	SecondValue               string
	// ValueX is where the value in words starts.
	ValueX int
	// HasMarker draws a line at MarkerX (a target or a minimum), named
	// MarkerLabel.
	HasMarker          bool
	MarkerX            int
	MarkerY1, MarkerY2 int
	MarkerLabel        string
}

// legendItem explains one bar style.
type legendItem struct {
	// Class of the swatch.
	Class string
	// Text beside it.
	Text string
	// X and Y place the swatch.
	X, Y int
}

// tick is a mark on the axis.
type tick struct {
	// X of the tick.
	X int
	// Label under it.
	Label string
}

// barRow is what a chart is built from.
type barRow struct {
	label  string
	value  float64
	words  string
	class  string
	second *float64 // drawn under the main bar
	words2 string
	marker *float64 // a target line
	mlabel string
}

// Layout of the charts.
const (
	chartWidth   = 880
	labelWidth   = 300
	valueWidth   = 250
	rowHeight    = 30
	barHeight    = 16
	secondHeight = 8
	maxLabel     = 44 // characters that fit in labelWidth at the chart's font size
	// maxScale is the largest scale a chart draws; counts in reports are
	// far smaller, and larger values are drawn at full length.
	maxScale = 1e12
)

// shorten cuts a label to n characters, ending it with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// niceMax rounds a scale maximum up to 1, 2 or 5 times a power of ten,
// and gives the tick step.
func niceMax(v float64) (float64, float64) {
	switch {
	case v <= 0 || math.IsNaN(v):
		return 1, 1
	case v > maxScale:
		v = maxScale
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			top := m * p
			step := top / 5
			if top <= 5 && top == math.Trunc(top) {
				step = 1
			}
			return top, step
		}
	}
	return 10 * p, 2 * p
}

// hbar lays out a horizontal bar chart. scaleMax and step fix the scale
// and its ticks (0 works them out from the values); axisUnit follows the
// tick labels ("%").
func hbar(id, title, desc string, rows []barRow, scaleMax, step float64, axisUnit string, legend []legendItem) *chart {
	if len(rows) == 0 {
		return nil
	}
	c := &chart{ID: id, Title: title, Desc: desc, Width: chartWidth, X0: labelWidth, X1: chartWidth - valueWidth}
	top := 8
	if len(legend) > 0 {
		x := labelWidth
		for _, l := range legend {
			c.Legend = append(c.Legend, legendItem{Class: l.Class, Text: l.Text, X: x, Y: top})
			x += 30 + 7*utf8.RuneCountInString(l.Text)
		}
		top += 24
	}
	hasSecond := false
	maxV := scaleMax
	for _, r := range rows {
		if r.second != nil {
			hasSecond = true
		}
		if scaleMax == 0 {
			maxV = math.Max(maxV, r.value)
			if r.second != nil {
				maxV = math.Max(maxV, *r.second)
			}
			if r.marker != nil {
				maxV = math.Max(maxV, *r.marker)
			}
		}
	}
	if scaleMax == 0 {
		maxV, step = niceMax(maxV)
	}
	ticks := int(math.Round(maxV / step))
	rh := rowHeight
	if hasSecond {
		rh += secondHeight + 4
	}
	span := float64(c.X1 - c.X0)
	x := func(v float64) int {
		if math.IsNaN(v) {
			v = 0
		}
		v = math.Max(0, math.Min(v, maxV))
		return c.X0 + int(math.Round(v/maxV*span))
	}
	for i, r := range rows {
		y := top + i*rh
		row := chartRow{Label: shorten(r.label, maxLabel), Full: r.label, Value: r.words, Class: r.class, Y: y,
			LabelY: y + barHeight - 3, BarX: c.X0, BarW: x(r.value) - c.X0, BarH: barHeight}
		if row.BarW == 0 && r.value > 0 {
			row.BarW = 1
		}
		end := row.BarX + row.BarW
		if r.second != nil {
			row.HasSecond, row.SecondY, row.SecondW, row.SecondH, row.SecondValue = true, y+barHeight+2, x(*r.second)-c.X0, secondHeight, r.words2
		}
		if r.marker != nil {
			row.HasMarker, row.MarkerX, row.MarkerY1, row.MarkerY2 = true, x(*r.marker), y-3, y+barHeight+3
			row.MarkerLabel = r.mlabel
			end = max(end, row.MarkerX)
		}
		row.ValueX = min(end+6, c.X1+6)
		c.Rows = append(c.Rows, row)
	}
	c.AxisY = top + len(rows)*rh + 2
	for i := 0; i <= ticks; i++ {
		v := step * float64(i)
		c.Axis = append(c.Axis, tick{X: x(v), Label: num(roundTo(v, 2)) + axisUnit})
	}
	c.Height = c.AxisY + 22
	return c
}

// Charts of the report. Each is nil when there is nothing to draw.

// findingsChart draws failures by commitment, with the previous period
// under each bar when it has findings.
func findingsChart(r *Report) *chart {
	s := r.Compliance
	var rows []barRow
	for _, t := range s.ByCommitment {
		row := barRow{label: t.Label, value: float64(t.Count), class: "bar",
			words: fmt.Sprintf("%d of %s failed", t.Count, count(t.Of, "check", "checks"))}
		if t.Previous != nil {
			p := float64(*t.Previous)
			row.second, row.words2 = &p, fmt.Sprintf("%d in %s", *t.Previous, s.Previous.Period)
			row.words += fmt.Sprintf(" (%d in %s)", *t.Previous, s.Previous.Period)
		}
		rows = append(rows, row)
	}
	var legend []legendItem
	if s.Previous != nil {
		legend = []legendItem{{Class: "bar", Text: r.Period.String()}, {Class: "previous", Text: s.Previous.Period.String()}}
	}
	return hbar("chart-findings", "Failed checks by commitment",
		fmt.Sprintf("Bar chart: for each commitment of the compact, how many compliance checks failed in %s.", r.Period),
		rows, 0, 0, "", legend)
}

// targetsChart draws, for every measure with a target and an achieved
// value, the achieved value as a share of the target, coloured by rating.
func targetsChart(r *Report) *chart {
	var rows []barRow
	hundred := 100.0
	add := func(label string, mp MeasureProgress) {
		if mp.Target == nil || mp.Achieved == nil || mp.Share == nil {
			return
		}
		share := *mp.Share * 100
		rows = append(rows, barRow{label: label, value: math.Max(share, 0), class: string(mp.RAG),
			words:  fmt.Sprintf("%s of %s%s (%s), %s", num(*mp.Achieved), num(*mp.Target), unitSuffix(mp.Unit), percent(*mp.Share), mp.RAG.Label()),
			marker: &hundred, mlabel: "target"})
	}
	for _, p := range r.Plans.ActionPlans {
		for _, o := range p.Objectives {
			for _, u := range o.Undertakings {
				for _, mp := range u.Measures {
					add(fmt.Sprintf("Objective %s, %s", numberOr(o.Number, o.ID), u.PartyName), mp)
				}
			}
		}
	}
	for _, p := range r.Plans.Priorities {
		for _, pr := range p.Priorities {
			for _, mp := range pr.Measures {
				add(fmt.Sprintf("Priority %s: %s", numberOr(pr.Number, pr.ID), pr.Text), mp)
			}
		}
	}
	legend := []legendItem{{Class: "green", Text: "Green"}, {Class: "amber", Text: "Amber"}, {Class: "red", Text: "Red"}}
	return hbar("chart-targets", "Targets against achievements",
		"Bar chart: for each impact measure with a numeric target, the value achieved as a share of the target; the line marks the target (100%).",
		rows, 150, 25, "%", legend)
}

// meetingsChart draws meetings held by each body, with a line at the
// compact's minimum.
func meetingsChart(r *Report) *chart {
	var rows []barRow
	for _, b := range r.Governance.Bodies {
		if b.Held == 0 && b.Required == 0 {
			continue
		}
		row := barRow{label: b.Body.Name, value: float64(b.Held), class: "bar", words: count(b.Held, "meeting", "meetings")}
		if b.Required > 0 {
			req := float64(b.Required)
			row.marker, row.mlabel = &req, "minimum"
			row.words += fmt.Sprintf(" (minimum %d)", b.Required)
			switch {
			case b.MeetsCadence == nil:
			case *b.MeetsCadence:
				row.class = "green"
			default:
				row.class = "red"
			}
		}
		rows = append(rows, row)
	}
	return hbar("chart-meetings", "Meetings held against the compact's minimum",
		fmt.Sprintf("Bar chart: how many times each body met in %s; a line marks the minimum the compact sets, where it sets one.", r.Period),
		rows, 0, 0, "", nil)
}

// consultationsChart draws how many weeks each formal consultation was
// open, with a line at the compact's minimum.
func consultationsChart(r *Report) *chart {
	var rows []barRow
	weeks := float64(r.Consultations.Weeks)
	for _, it := range r.Consultations.Items {
		if !it.Formal {
			continue
		}
		class := "green"
		switch it.Length {
		case LengthWithReason:
			class = "amber"
		case LengthTooShort:
			class = "red"
		}
		rows = append(rows, barRow{label: it.Title, value: float64(it.Weeks), class: class,
			words:  fmt.Sprintf("%s, %s", count(it.Weeks, "week", "weeks"), strings.ToLower(lengthWords(it.Length))),
			marker: &weeks, mlabel: fmt.Sprintf("%d weeks", r.Consultations.Weeks)})
	}
	legend := []legendItem{{Class: "green", Text: "Long enough"}, {Class: "amber", Text: "Shorter, reason given"}, {Class: "red", Text: "Too short"}}
	return hbar("chart-consultations", "Weeks open, formal consultations",
		fmt.Sprintf("Bar chart: how many weeks each formal consultation was open; the line marks the compact's %d weeks.", r.Consultations.Weeks),
		rows, 0, 0, "", legend)
}

// numberOr is a number as printed, or the id when there is none.
func numberOr(number, id string) string {
	if number != "" {
		return number
	}
	return id
}
