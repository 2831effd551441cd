package reporting_test

import (
	"bytes"
	"context"
	"encoding/json"
	stdhtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The browser test renders reports in headless Chromium (Debian's
// chromium package; .ci/run installs it) at a desktop and a phone width
// and to PDF, and checks the layout a reader gets: every section there,
// nothing wider than a 390 px phone, chart text big enough to read, A4
// pages with the running title and page numbers. It is skipped, with a
// message, when no browser is installed. Set COMPACTKIT_SCREENSHOTS to a
// folder to keep a screenshot of each report at each width for a person
// to look at.

// browserFlags keep Chromium off the network and out of the user's
// profile: each run gets a fresh --user-data-dir.
var browserFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--hide-scrollbars", "--mute-audio",
}

// findBrowser returns the Chromium to run, or "" when there is none.
func findBrowser() string {
	if b := os.Getenv("COMPACTKIT_BROWSER"); b != "" {
		return b
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runBrowser runs the browser on a page with extra flags and returns its
// standard output.
func runBrowser(t *testing.T, browser, page string, flags ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append(append(append([]string{}, browserFlags...), "--user-data-dir="+t.TempDir()), flags...)
	cmd := exec.CommandContext(ctx, browser, append(args, "file://"+page)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "%s", stderr.String())
	return stdout.Bytes()
}

// measureScript runs in the page after it is laid out and writes what the
// test asserts on into a <pre id="measurements"> of the top page, which
// --dump-dom prints. The page is shown in an iframe of the width under
// test (headless Chromium will not make its window narrower than 500 px);
// a srcdoc iframe shares the top page's origin, so the script can write
// there.
const measureScript = `<script>
(function () {
  var vw = window.innerWidth, out = {viewport: vw, scrollWidth: document.documentElement.scrollWidth, overflow: [], sections: []};
  document.querySelectorAll("main section[id]").forEach(function (s) {
    var r = s.getBoundingClientRect();
    if (r.height > 0) out.sections.push(s.id);
  });
  function inScroller(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  }
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || inScroller(el)) return;
    if ((r.right > vw + 1 || r.left < -1) && out.overflow.length < 10) {
      out.overflow.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + Math.round(r.left) + ".." + Math.round(r.right));
    }
  });
  var min = 0;
  document.querySelectorAll("figure.chart svg text").forEach(function (t) {
    var r = t.getBoundingClientRect(), lines = Math.max(t.querySelectorAll("tspan").length, 1);
    if (r.height > 0 && (min === 0 || r.height / lines < min)) min = r.height / lines;
  });
  out.minChartTextPx = min;
  out.charts = document.querySelectorAll("figure.chart").length;
  var top = window.parent.document, pre = top.createElement("pre");
  pre.id = "measurements";
  pre.textContent = JSON.stringify(out);
  top.body.appendChild(pre);
})();
</script>`

type measurements struct {
	Viewport       int      `json:"viewport"`
	ScrollWidth    int      `json:"scrollWidth"`
	Overflow       []string `json:"overflow"`
	Sections       []string `json:"sections"`
	MinChartTextPx float64  `json:"minChartTextPx"`
	Charts         int      `json:"charts"`
}

var (
	measurementsRE = regexp.MustCompile(`(?s)<pre id="measurements">(.*?)</pre>`)
	mediaBoxRE     = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)
)

// A4 is 210 by 297 mm: 595.3 by 841.9 points.
const a4Width, a4Height, a4Slack = 595.3, 841.9, 2.0

func TestReportInBrowser(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		t.Skip("no Chromium found (install Debian's chromium package, or set COMPACTKIT_BROWSER); the report's layout was not checked in a browser")
	}
	if testing.Short() {
		t.Skip("-short: the browser test takes a few seconds a page")
	}
	all := reports(t)
	shots := os.Getenv("COMPACTKIT_SCREENSHOTS")
	for _, name := range []string{"kirklees", "worcestershire", "compact-voice-ocs"} {
		r := all[name]
		var page bytes.Buffer
		require.NoError(t, r.WriteHTML(&page))
		html := page.String()
		dir := t.TempDir()
		plain := filepath.Join(dir, name+".html")
		require.NoError(t, os.WriteFile(plain, page.Bytes(), 0o644))
		withScript := strings.Replace(html, "</body>", measureScript+"\n</body>", 1)
		var want []string
		for _, id := range []string{"summary", "signatories", "roles", "governance", "compliance", "consultations", "funding", "disputes", "plans", "notes"} {
			if strings.Contains(html, `<section id="`+id+`"`) {
				want = append(want, id)
			}
		}
		require.Len(t, want, 10, "the page has every section")

		for _, width := range []struct {
			name  string
			px    int
			minPx float64 // the smallest chart text, in CSS pixels
		}{{"desktop", 1280, 10}, {"phone", 390, 10}} {
			t.Run(name+" "+width.name, func(t *testing.T) {
				measured := filepath.Join(dir, name+"-"+width.name+".html")
				frame := `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">` +
					`<iframe style="border:0;display:block;width:` + strconv.Itoa(width.px) + `px;height:900px" srcdoc="` + stdhtml.EscapeString(withScript) + `"></iframe></body></html>`
				require.NoError(t, os.WriteFile(measured, []byte(frame), 0o644))
				out := runBrowser(t, browser, measured, "--window-size=1400,1000", "--dump-dom")
				m := measurementsRE.FindSubmatch(out)
				require.NotNil(t, m, "the page's script wrote its measurements")
				var got measurements
				require.NoError(t, json.Unmarshal(m[1], &got), "%s", m[1])
				t.Logf("%+v", got)
				assert.Equal(t, width.px, got.Viewport)
				assert.LessOrEqual(t, got.ScrollWidth, got.Viewport, "no horizontal scrolling of the page")
				assert.Empty(t, got.Overflow, "nothing sticks out of the page outside a scrolling table")
				assert.Equal(t, want, got.Sections, "every section is laid out")
				if got.Charts > 0 {
					assert.GreaterOrEqual(t, got.MinChartTextPx, width.minPx, "chart text is big enough to read")
				}
				if shots != "" {
					require.NoError(t, os.MkdirAll(shots, 0o755))
					runBrowser(t, browser, plain, "--window-size="+strconv.Itoa(width.px)+",4000",
						"--screenshot="+filepath.Join(shots, name+"-"+width.name+".png"))
				}
			})
		}

		t.Run(name+" print", func(t *testing.T) {
			pdf := filepath.Join(dir, name+".pdf")
			runBrowser(t, browser, plain, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
			b, err := os.ReadFile(pdf)
			require.NoError(t, err)
			boxes := mediaBoxRE.FindAllSubmatch(b, -1)
			require.NotEmpty(t, boxes, "the PDF names its page size")
			for _, box := range boxes {
				w, _ := strconv.ParseFloat(string(box[1]), 64)
				h, _ := strconv.ParseFloat(string(box[2]), 64)
				assert.InDelta(t, a4Width, w, a4Slack, "A4 width in points")
				assert.InDelta(t, a4Height, h, a4Slack, "A4 height in points")
			}
			pdftotext, err := exec.LookPath("pdftotext")
			if err != nil {
				t.Log("pdftotext is not installed (Debian: poppler-utils); the running title and page numbers were not read back")
				return
			}
			text, err := exec.Command(pdftotext, pdf, "-").Output()
			require.NoError(t, err)
			pages := strings.Count(string(text), "\f")
			require.Greater(t, pages, 1, "a report runs to several pages")
			for p := 1; p <= pages; p++ {
				assert.Contains(t, string(text), "Page "+strconv.Itoa(p)+" of "+strconv.Itoa(pages))
			}
			assert.GreaterOrEqual(t, strings.Count(string(text), r.Title), pages, "the title runs at the head of every page")
		})
	}
}
