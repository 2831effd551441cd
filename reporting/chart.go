package reporting

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// chart is a horizontal bar chart, laid out for inline SVG: one row per
// item, a label, a bar, and the value in words. Sizes are in SVG user
// units (pixels at 100%). Each chart is laid out twice: wide, with the
// label left of the bar and the value right of it, for screens and paper;
// and narrow, with the label above the bar and the value under it, for a
// phone, where the wide drawing would shrink its text to a few pixels.
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
	// Narrow is the same chart laid out for a narrow screen; nil on the
	// narrow chart itself.
	Narrow *chart
}

// chartRow is one bar of a chart.
type chartRow struct {
	// Label lines, wrapped at word boundaries; nothing is cut.
	Label []textLine
	// LabelX is where the label lines are anchored; LabelEnd tells whether
	// they end there (wide) or start there (narrow).
	LabelX   int
	LabelEnd bool
	// Full is the label on one line, for the tooltip.
	Full string
	// Value in words, drawn beside (wide) or under (narrow) the bar, in
	// lines; ValueText is the same on one line.
	Value     []textLine
	ValueX    int
	ValueText string
	// Class styles the bar: "bar", "green", "amber", "red", "previous".
	Class string
	// Y is the top of the bar.
	Y int
	// BarX, BarW and BarH place the main bar.
	BarX, BarW, BarH int
	// Second is a thinner bar under the main one (the previous period),
	// drawn when HasSecond.
	HasSecond                 bool
	SecondY, SecondW, SecondH int
	SecondValue               string
	// HasMarker draws a line at MarkerX (a target or a minimum), named
	// MarkerLabel.
	HasMarker          bool
	MarkerX            int
	MarkerY1, MarkerY2 int
	MarkerLabel        string
}

// textLine is one line of a wrapped text, at its baseline Y.
type textLine struct {
	Text string
	Y    int
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

// chartLayout is the geometry of one of the two drawings of a chart.
type chartLayout struct {
	width       int  // of the drawing
	labelWidth  int  // left of the bars (wide), 0 when labels go above
	valueWidth  int  // right of the bars (wide), 0 when values go under
	stacked     bool // labels above the bar, values under it
	charsPerRow int  // characters of a label line
}

// Layout of the charts.
const (
	rowGap       = 10 // between rows
	barHeight    = 16
	secondHeight = 8
	lineHeight   = 15 // of a line of label or value text at 12px
	// charWidth is the widest average advance of a character of the
	// chart's 12px sans-serif text, in user units, used to wrap lines.
	charWidth = 7
	// maxScale is the largest scale a chart draws; counts in reports are
	// far smaller, and larger values are drawn at full length.
	maxScale = 1e12
)

var (
	// wideLayout draws labels left of the bars and values right of them.
	wideLayout = chartLayout{width: 880, labelWidth: 300, valueWidth: 250, charsPerRow: 290 / charWidth}
	// narrowLayout fits a 360-unit drawing, shown at about its own size
	// on a 390 px phone so the text stays 12px: labels above the bars,
	// values under them.
	narrowLayout = chartLayout{width: 360, stacked: true, charsPerRow: 352 / charWidth}
)

// wrap breaks a text into lines of at most n characters at word
// boundaries. A word longer than a line is split across lines; no
// character is dropped.
func wrap(s string, n int) []string {
	n = max(n, 1)
	var lines []string
	var cur []rune
	for _, w := range strings.Fields(s) {
		word := []rune(w)
		for len(word) > n {
			if len(cur) > 0 {
				lines = append(lines, string(cur))
				cur = nil
			}
			lines = append(lines, string(word[:n]))
			word = word[n:]
		}
		switch {
		case len(cur) == 0:
			cur = word
		case len(cur)+1+len(word) <= n:
			cur = append(append(cur, ' '), word...)
		default:
			lines = append(lines, string(cur))
			cur = word
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// textLines places wrapped lines from the baseline y down.
func textLines(lines []string, y int) []textLine {
	out := make([]textLine, len(lines))
	for i, l := range lines {
		out[i] = textLine{Text: l, Y: y + i*lineHeight}
	}
	return out
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

// hbar lays out a horizontal bar chart, wide with its narrow twin.
// scaleMax and step fix the scale and its ticks (0 works them out from the
// values); axisUnit follows the tick labels ("%").
func hbar(id, title, desc string, rows []barRow, scaleMax, step float64, axisUnit string, legend []legendItem) *chart {
	if len(rows) == 0 {
		return nil
	}
	c := layoutChart(wideLayout, id, title, desc, rows, scaleMax, step, axisUnit, legend)
	c.Narrow = layoutChart(narrowLayout, id+"-narrow", title, desc, rows, scaleMax, step, axisUnit, legend)
	return c
}

func layoutChart(l chartLayout, id, title, desc string, rows []barRow, scaleMax, step float64, axisUnit string, legend []legendItem) *chart {
	c := &chart{ID: id, Title: title, Desc: desc, Width: l.width, X0: l.labelWidth, X1: l.width - l.valueWidth}
	if l.stacked {
		c.X0, c.X1 = 4, l.width-20 // room for the last tick's label
	}
	top := 8
	if len(legend) > 0 {
		x := c.X0
		for _, li := range legend {
			w := 30 + charWidth*utf8.RuneCountInString(li.Text)
			if x > c.X0 && x+w > l.width {
				x, top = c.X0, top+20
			}
			c.Legend = append(c.Legend, legendItem{Class: li.Class, Text: li.Text, X: x, Y: top})
			x += w
		}
		top += 24
	}
	maxV := scaleMax
	for _, r := range rows {
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
	span := float64(c.X1 - c.X0)
	x := func(v float64) int {
		if math.IsNaN(v) {
			v = 0
		}
		v = math.Max(0, math.Min(v, maxV))
		return c.X0 + int(math.Round(v/maxV*span))
	}
	y := top
	for _, r := range rows {
		row := chartRow{Full: r.label, ValueText: r.words, Class: r.class, BarX: c.X0, BarH: barHeight}
		label := wrap(r.label, l.charsPerRow)
		barsH := barHeight
		if r.second != nil {
			barsH += 2 + secondHeight
		}
		if l.stacked {
			row.LabelX = c.X0
			row.Label = textLines(label, y+12)
			row.Y = y + len(label)*lineHeight + 2
		} else {
			row.LabelX, row.LabelEnd = c.X0-8, true
			row.Label = textLines(label, y+barHeight-3)
			row.Y = y
		}
		row.BarW = x(r.value) - c.X0
		if row.BarW == 0 && r.value > 0 {
			row.BarW = 1
		}
		end := row.BarX + row.BarW
		if r.second != nil {
			row.HasSecond, row.SecondY, row.SecondW, row.SecondH, row.SecondValue = true, row.Y+barHeight+2, x(*r.second)-c.X0, secondHeight, r.words2
			if *r.second > 0 && row.SecondW == 0 {
				row.SecondW = 1
			}
		}
		if r.marker != nil {
			row.HasMarker, row.MarkerX, row.MarkerY1, row.MarkerY2 = true, x(*r.marker), row.Y-3, row.Y+barHeight+3
			row.MarkerLabel = r.mlabel
			end = max(end, row.MarkerX)
		}
		var value []string
		if l.stacked {
			row.ValueX = c.X0
			value = wrap(r.words, l.charsPerRow)
			row.Value = textLines(value, row.Y+barsH+13)
			y = row.Y + barsH + 4 + len(value)*lineHeight + rowGap
		} else {
			row.ValueX = min(end+6, c.X1+6)
			value = wrap(r.words, (l.width-row.ValueX)/charWidth)
			row.Value = textLines(value, row.Y+barHeight-3)
			y += max(len(label), len(value), 1)*lineHeight + max(barsH-lineHeight, 0) + rowGap
		}
		c.Rows = append(c.Rows, row)
	}
	c.AxisY = y + 2
	for i := 0; i <= ticks; i++ {
		v := step * float64(i)
		c.Axis = append(c.Axis, tick{X: x(v), Label: num(roundTo(v, 2)) + axisUnit})
	}
	c.Height = c.AxisY + 22
	return c
}

// Charts of the report. Each is nil when there is nothing to draw.

// findingsChart draws, for each commitment, the share of its checks that
// failed, with the period before under each bar when it has findings: a
// rate, so that 1 failure of 13 checks draws shorter than 1 of 2.
func findingsChart(r *Report) *chart {
	s := r.Compliance
	var rows []barRow
	for _, t := range s.ByCommitment {
		rate := 0.0
		if t.Of > 0 {
			rate = 100 * float64(t.Count) / float64(t.Of)
		}
		row := barRow{label: t.Label, value: rate, class: "bar",
			words: fmt.Sprintf("%d of %s failed (%s)", t.Count, count(t.Of, "check", "checks"), rateOf(t.Count, t.Of))}
		switch prevOf := derefInt(t.PreviousOf); {
		case t.Previous == nil:
		case prevOf == 0:
			row.words += fmt.Sprintf("; not checked in %s", s.Previous.Period)
		default:
			p := 100 * float64(*t.Previous) / float64(prevOf)
			row.second, row.words2 = &p, fmt.Sprintf("%d of %d in %s", *t.Previous, prevOf, s.Previous.Period)
			row.words += fmt.Sprintf("; %d of %d (%s) in %s", *t.Previous, prevOf, rateOf(*t.Previous, prevOf), s.Previous.Period)
		}
		rows = append(rows, row)
	}
	var legend []legendItem
	if s.Previous != nil {
		legend = []legendItem{{Class: "bar", Text: r.Period.String()}, {Class: "previous", Text: s.Previous.Period.String()}}
	}
	return hbar("chart-findings", "Share of checks failed, by commitment",
		fmt.Sprintf("Bar chart: for each commitment of the compact, the share of its compliance checks that failed in %s, on a scale of 0 to 100%%.", r.Period),
		rows, 100, 20, "%", legend)
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
