package reporting_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// reports are the reports the renderers are tested on: every example area
// for its records period with the rules engine's findings and its dispute
// cases, the 2007-08 priorities of Lincolnshire &
// Rutland, and Testshire with compliance findings and disputes.
func reports(t *testing.T) map[string]*reporting.Report {
	t.Helper()
	out := map[string]*reporting.Report{}
	for _, name := range exampleNames(t) {
		a := loadExample(t, name)
		e, err := rules.Compile(a)
		require.NoError(t, err)
		opts := []reporting.Option{reporting.WithFindings(reporting.RuleFindings(e))}
		if p, err := dispute.New(a); err == nil {
			opts = append(opts, reporting.WithCases(reporting.DisputeCases(p)))
		}
		out[name] = build(t, a, a.Records.Period.String(), opts...)
	}
	out["lincolnshire-rutland-2007-08"] = build(t, loadExample(t, "lincolnshire-rutland"), "2007-08")
	a := parseArea(t, testCompact+disputeCompact, testDirectory, testRecords, validPlan, validPriorities)
	out["testshire"] = build(t, a, "2024-25", reporting.WithFindings(findings(currentFindings, currentFindings[:2])), reporting.WithCases(testCases))
	return out
}

func TestMarkdownGolden(t *testing.T) {
	for name, r := range reports(t) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, r.WriteMarkdown(&b))
			md := b.String()
			for _, h := range reporting.SectionHeadings() {
				assert.Contains(t, md, "\n## "+h+"\n", "section %s", h)
			}
			golden(t, "golden/"+name+".md", md)
		})
	}
}

func TestJSONGolden(t *testing.T) {
	for name, r := range reports(t) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, r.WriteJSON(&b))
			var back reporting.Report
			require.NoError(t, json.Unmarshal(b.Bytes(), &back), "the JSON reads back into the Go types")
			assert.Equal(t, r.Title, back.Title)
			assert.Equal(t, r.Period, back.Period)
			assert.Equal(t, r.Consultations.Total, back.Consultations.Total)
			assert.NotContains(t, b.String(), `\u0026`, "no HTML escaping")
			golden(t, "golden/"+name+".json", b.String())
		})
	}
}

func TestFindingsCSV(t *testing.T) {
	r := reports(t)["testshire"]
	var b bytes.Buffer
	require.NoError(t, r.WriteFindingsCSV(&b))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 5, "the header and the four failures")
	assert.Equal(t, reporting.FindingsCSVHeader, rows[0])
	assert.Equal(t, []string{"consultation-length", "Consultations last 12 weeks", "short", "health", "Testshire NHS", "fail", "breach", "consult-12-weeks", "Short without reason ran 6 weeks with no reason given", ""}, rows[1])
	assert.Equal(t, "'=2 months' notice", rows[2][8], "a cell a spreadsheet would run is quoted")
	assert.Equal(t, "error", rows[4][5])

	var empty bytes.Buffer
	require.NoError(t, reports(t)["lincolnshire-rutland-2007-08"].WriteFindingsCSV(&empty))
	assert.Equal(t, strings.Join(reporting.FindingsCSVHeader, ",")+"\n", empty.String())
}

// offPage reports whether a URL in an attribute points off the page.
func offPage(v string) bool {
	v = strings.TrimSpace(v)
	return v != "" && !strings.HasPrefix(v, "#")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestHTMLIsSelfContained parses every report page with an HTML parser and
// checks that it loads nothing, has every section and draws its charts.
func TestHTMLIsSelfContained(t *testing.T) {
	for name, r := range reports(t) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, r.WriteHTML(&b))
			doc, err := html.Parse(bytes.NewReader(b.Bytes()))
			require.NoError(t, err)
			var headings []string
			charts := map[string]*html.Node{}
			ids := map[string]bool{}
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				switch n.Data {
				case "script", "link", "img", "iframe", "object", "embed", "base", "audio", "video", "source", "image", "use", "foreignobject":
					t.Errorf("element <%s> may load something", n.Data)
				case "h2":
					headings = append(headings, text(n))
				case "figure":
					if attr(n, "class") == "chart" {
						charts[attr(n, "id")] = n
					}
				case "meta":
					assert.NotEqual(t, "refresh", strings.ToLower(attr(n, "http-equiv")))
				}
				for _, a := range n.Attr {
					switch strings.ToLower(a.Key) {
					case "src", "href", "xlink:href", "action", "formaction", "poster", "srcset", "data", "background":
						assert.False(t, offPage(a.Val), "<%s %s=%q> points off the page", n.Data, a.Key, a.Val)
					case "style":
						assert.NotContains(t, a.Val, "url(")
					case "id":
						assert.False(t, ids[a.Val], "id %q is unique", a.Val)
						ids[a.Val] = true
					}
					assert.NotRegexp(t, `(?i)(https?:)?//`, a.Val, "no URL in <%s %s>", n.Data, a.Key)
				}
				if n.Data == "style" {
					css := text(n)
					assert.NotContains(t, css, "@import")
					for _, part := range strings.Split(css, "url(")[1:] {
						assert.True(t, strings.HasPrefix(part, "#"), "CSS url( must point into the page: url(%s", part[:min(20, len(part))])
					}
				}
			})
			assert.Equal(t, reporting.SectionHeadings(), headings, "every section, in order")
			for id := range charts {
				assert.Contains(t, []string{"chart-findings", "chart-targets", "chart-meetings", "chart-consultations"}, id)
			}
			for id, fig := range charts {
				var svg *html.Node
				walk(fig, func(n *html.Node) {
					if n.Type == html.ElementNode && n.Data == "svg" {
						svg = n
					}
				})
				require.NotNil(t, svg, "chart %s is drawn as SVG", id)
				assert.Equal(t, "img", attr(svg, "role"))
				var bars, titles, descs int
				walk(svg, func(n *html.Node) {
					if n.Type != html.ElementNode {
						return
					}
					switch n.Data {
					case "rect":
						if attr(n, "width") != "14" { // not a legend swatch
							bars++
						}
					case "title":
						titles++
					case "desc":
						descs++
					}
				})
				assert.Positive(t, bars, "chart %s has bars", id)
				assert.Positive(t, titles, "chart %s has a title", id)
				assert.Equal(t, 1, descs, "chart %s has a description", id)
			}
			// The charts each report should have.
			want := map[string]bool{"chart-meetings": len(r.Governance.Bodies) > 0 && hasMeetings(r)}
			want["chart-findings"] = len(r.Compliance.ByCommitment) > 0
			want["chart-consultations"] = r.Consultations.Formal > 0
			want["chart-targets"] = hasTargets(r)
			for id, expected := range want {
				_, drawn := charts[id]
				assert.Equal(t, expected, drawn, "chart %s", id)
			}
		})
	}
}

func hasMeetings(r *reporting.Report) bool {
	for _, b := range r.Governance.Bodies {
		if b.Held > 0 || b.Required > 0 {
			return true
		}
	}
	return false
}

func hasTargets(r *reporting.Report) bool {
	for _, p := range r.Plans.Priorities {
		for _, pr := range p.Priorities {
			for _, m := range pr.Measures {
				if m.Target != nil && m.Achieved != nil {
					return true
				}
			}
		}
	}
	for _, p := range r.Plans.ActionPlans {
		for _, o := range p.Objectives {
			for _, u := range o.Undertakings {
				for _, m := range u.Measures {
					if m.Target != nil && m.Achieved != nil {
						return true
					}
				}
			}
		}
	}
	return false
}

// TestTextIsEscaped puts markup in a plan and checks every format shows it
// as text.
func TestTextIsEscaped(t *testing.T) {
	plan := strings.Replace(validPlan, "title: Joint plan", `title: "<script>alert(1)</script> | *plan* & [link](http://example.org)"`, 1)
	r := build(t, testshire(t, plan), "2024-25")
	var h bytes.Buffer
	require.NoError(t, r.WriteHTML(&h))
	assert.NotContains(t, h.String(), "<script>")
	assert.Contains(t, h.String(), "&lt;script&gt;")
	doc, err := html.Parse(&h)
	require.NoError(t, err)
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			assert.NotEqual(t, "script", n.Data)
			if n.Data == "a" {
				assert.False(t, offPage(attr(n, "href")), "text never becomes a link")
			}
		}
	})
	var m bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&m))
	assert.Contains(t, m.String(), `\<script\>alert(1)\</script\> \| \*plan\* & \[link\](http://example.org)`)
}
