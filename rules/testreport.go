package rules

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/compactkit/compactkit/compact"
)

// TestOption changes how [Engine.Test] runs.
type TestOption func(*testConfig)

type testConfig struct {
	match *regexp.Regexp
}

// TestsMatching runs only the tests whose names match re (as "go test
// -run" does). A nil re runs them all.
func TestsMatching(re *regexp.Regexp) TestOption {
	return func(c *testConfig) { c.match = re }
}

// TestSuite is the tests of one pack, for [WriteJUnit] and [WriteTAP].
type TestSuite struct {
	// Name of the suite: the folder or file the pack was loaded from.
	Name string
	// Pack is the id of the pack tested.
	Pack string
	// Results of the tests that ran.
	Results []TestResult
	// Problems that stopped the tests running (the pack does not load or
	// compile, or its tests name rules it does not have); nil otherwise.
	Problems error
	// Timestamp is when the tests ran; JUnit asks for it. The library reads
	// no clock: the caller gives it. Zero writes 1970-01-01T00:00:00.
	Timestamp time.Time
	// Elapsed is how long the suite took; single tests are not timed and
	// are written with time 0.
	Elapsed time.Duration
	// Hostname where the tests ran; "localhost" when empty, as the JUnit
	// schema asks.
	Hostname string
}

// counts returns the tests, failures and errors of the suite: a suite
// with problems is one errored test.
func (s *TestSuite) counts() (tests, failures, errors int) {
	if s.Problems != nil {
		return 1, 0, 1
	}
	for _, r := range s.Results {
		if !r.Passed {
			failures++
		}
	}
	return len(s.Results), failures, 0
}

// JUnit XML as the Apache Ant JUnit task writes it, the schema CI servers
// (Jenkins, GitLab, GitHub test reporters) read.
type (
	junitSuites struct {
		XMLName xml.Name     `xml:"testsuites"`
		Suites  []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Package    string          `xml:"package,attr"`
		ID         int             `xml:"id,attr"`
		Name       string          `xml:"name,attr"`
		Timestamp  string          `xml:"timestamp,attr"`
		Hostname   string          `xml:"hostname,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Time       string          `xml:"time,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
		SystemOut  string          `xml:"system-out"`
		SystemErr  string          `xml:"system-err"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr,omitempty"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

// WriteJUnit writes the suites as JUnit XML (the schema of the Apache Ant
// JUnit task): a testsuite per pack, a testcase per test, classname the
// pack id, a failure per test that did not pass with each expectation that
// did not hold, and for a pack whose tests could not run one errored
// testcase with the problems.
func WriteJUnit(w io.Writer, suites []TestSuite) error {
	out := junitSuites{Suites: []junitSuite{}}
	for i, s := range suites {
		tests, failures, errors := s.counts()
		host := s.Hostname
		if host == "" {
			host = "localhost"
		}
		pkg := s.Pack
		if pkg == "" {
			pkg = "unknown"
		}
		js := junitSuite{
			Package: pkg, ID: i, Name: orID(s.Name, pkg),
			Timestamp: s.Timestamp.UTC().Format("2006-01-02T15:04:05"),
			Hostname:  host, Tests: tests, Failures: failures, Errors: errors,
			Time:       seconds(s.Elapsed),
			Properties: []junitProperty{{Name: "pack", Value: pkg}},
			Cases:      []junitCase{},
		}
		if s.Timestamp.IsZero() {
			js.Timestamp = "1970-01-01T00:00:00"
		}
		if s.Problems != nil {
			var lines []string
			for _, e := range compact.AsErrors(s.Problems) {
				lines = append(lines, e.Error())
			}
			js.Cases = append(js.Cases, junitCase{Name: "the pack's tests cannot run", Classname: pkg, Time: "0",
				Error: &junitProblem{Message: lines[0], Type: "invalid", Text: strings.Join(lines, "\n")}})
		}
		for _, r := range s.Results {
			c := junitCase{Name: r.Name, Classname: pkg, Time: "0"}
			if !r.Passed {
				c.Failure = &junitProblem{Message: failureSummary(r), Type: "expectation", Text: failureText(r)}
			}
			js.Cases = append(js.Cases, c)
		}
		out.Suites = append(out.Suites, js)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
}

// failureSummary is the first failure of a test, in one line.
func failureSummary(r TestResult) string {
	if len(r.Failures) == 0 {
		return "failed"
	}
	f := r.Failures[0]
	s := fmt.Sprintf("%s on %s: %s", f.Rule, f.Subject, f.Message)
	if n := len(r.Failures); n > 1 {
		s += fmt.Sprintf(" (and %d more)", n-1)
	}
	return s
}

// failureText lists every failure of a test with where it was written.
func failureText(r TestResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "test at %s\n", r.Source)
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "%s on %s: %s (%s)\n", f.Rule, f.Subject, f.Message, f.Source)
	}
	return b.String()
}

// WriteTAP writes the suites in the Test Anything Protocol, version 14:
// one test line per test, "ok" or "not ok", named "PACK: NAME", with a
// YAML block of the failures under each that did not pass; a pack whose
// tests could not run is one "not ok" line with its problems.
func WriteTAP(w io.Writer, suites []TestSuite) error {
	var b strings.Builder
	total := 0
	for i := range suites {
		n, _, _ := suites[i].counts()
		total += n
	}
	fmt.Fprintf(&b, "TAP version 14\n1..%d\n", total)
	n := 0
	for _, s := range suites {
		fmt.Fprintf(&b, "# %s: pack %s\n", s.Name, orID(s.Pack, "unknown"))
		if s.Problems != nil {
			n++
			fmt.Fprintf(&b, "not ok %d - %s: the pack's tests cannot run\n  ---\n  problems:\n", n, tapEscape(s.Name))
			for _, e := range compact.AsErrors(s.Problems) {
				fmt.Fprintf(&b, "    - %s\n", strconv.Quote(e.Error()))
			}
			b.WriteString("  ...\n")
		}
		for _, r := range s.Results {
			n++
			status := "ok"
			if !r.Passed {
				status = "not ok"
			}
			fmt.Fprintf(&b, "%s %d - %s: %s\n", status, n, tapEscape(r.Pack), tapEscape(r.Name))
			if r.Passed {
				continue
			}
			fmt.Fprintf(&b, "  ---\n  at: %s\n  failures:\n", strconv.Quote(r.Source.String()))
			for _, f := range r.Failures {
				fmt.Fprintf(&b, "    - rule: %s\n      subject: %s\n", strconv.Quote(f.Rule), strconv.Quote(f.Subject))
				if f.Want != "" {
					fmt.Fprintf(&b, "      want: %s\n", f.Want)
				}
				if f.Got != "" {
					fmt.Fprintf(&b, "      got: %s\n", f.Got)
				}
				fmt.Fprintf(&b, "      message: %s\n      at: %s\n", strconv.Quote(f.Message), strconv.Quote(f.Source.String()))
			}
			b.WriteString("  ...\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tapEscape keeps a description on its line and stops a "#" reading as a
// directive.
func tapEscape(s string) string {
	s = strings.NewReplacer("\\", "\\\\", "#", "\\#", "\n", " ", "\r", " ").Replace(s)
	return s
}
