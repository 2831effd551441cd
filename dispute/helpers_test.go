package dispute_test

import (
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/examples"
)

var update = flag.Bool("update", false, "rewrite the documented table in doc.go")

// loadArea loads an area with the national baseline as its library.
func loadArea(t testing.TB, path string) *compact.Area {
	t.Helper()
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.LoadArea(path, compact.WithLibrary(lib))
	require.NoError(t, err)
	return a
}

var (
	riversideOnce = sync.OnceValue(func() *compact.Area {
		lib, err := examples.Library()
		if err != nil {
			panic(err)
		}
		a, err := compact.LoadArea(filepath.Join("testdata", "riverside"), compact.WithLibrary(lib))
		if err != nil {
			panic(err)
		}
		return a
	})
)

// riverside returns the procedure of the test area: a stage of every kind,
// limits in working days and weeks, two clocks.
func riverside(t testing.TB, opts ...dispute.Option) *dispute.Procedure {
	t.Helper()
	p, err := dispute.New(riversideOnce(), opts...)
	require.NoError(t, err)
	return p
}

// kirklees returns the procedure of the Kirklees example.
func kirklees(t testing.TB) *dispute.Procedure {
	t.Helper()
	p, err := dispute.New(loadArea(t, filepath.Join("..", "examples", "kirklees")))
	require.NoError(t, err)
	return p
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func day(s string) compact.Date { return compact.MustParseDate(s) }

// ev builds an event: its type, time (RFC 3339) and acting person, then
// payload setters.
func ev(t dispute.EventType, at, person string, set ...func(*dispute.Event)) dispute.Event {
	e := dispute.Event{Type: t, At: dispute.MustParseTime(at), Actor: dispute.Actor{Person: person}}
	for _, f := range set {
		f(&e)
	}
	return e
}

func text(s string) func(*dispute.Event)  { return func(e *dispute.Event) { e.Text = s } }
func stage(s string) func(*dispute.Event) { return func(e *dispute.Event) { e.Stage = s } }
func person(s string) func(*dispute.Event) {
	return func(e *dispute.Event) { e.Person = s }
}
func people(s ...string) func(*dispute.Event) { return func(e *dispute.Event) { e.People = s } }
func outcome(o dispute.Outcome) func(*dispute.Event) {
	return func(e *dispute.Event) { e.Outcome = o }
}
func role(r string) func(*dispute.Event)  { return func(e *dispute.Event) { e.Actor.Role = r } }
func org(o string) func(*dispute.Event)   { return func(e *dispute.Event) { e.Actor.Organisation = o } }
func title(s string) func(*dispute.Event) { return func(e *dispute.Event) { e.Title = s } }

// raised is the riverside challenge: Small Charity challenges how
// Riverside Council cut its grant on 1 November 2023.
func raised(at string, set ...func(*dispute.Event)) dispute.Event {
	e := ev(dispute.Raised, at, "eve", func(e *dispute.Event) {
		e.Title = "Grant halved without notice"
		e.Challenger, e.Respondent = "small-charity", "river-council"
		e.Text = "The council halved our grant with two weeks' notice and no impact assessment."
		e.Decision = &dispute.Decision{Date: day("2023-11-01"), Text: "The grant falls from 20,000 to 10,000 pounds.", Record: "grant-cut"}
		e.Commitments = []string{"funding-notice"}
	})
	for _, f := range set {
		f(&e)
	}
	return e
}

// Scripts that bring the riverside case to each phase.
var (
	toAdmissibility = []dispute.Event{raised("2023-11-06T10:00:00Z")}
	toInformal      = append(clone(toAdmissibility), ev(dispute.Admitted, "2023-11-07T10:00:00Z", "dan"))
	toReview        = append(clone(toInformal),
		ev(dispute.Referred, "2023-11-10T10:00:00Z", "eve", stage("review")),
		ev(dispute.ReviewerNominated, "2023-11-13T10:00:00Z", "sam", person("cat")),
		ev(dispute.ReviewerNominated, "2023-11-13T10:05:00Z", "sam", person("fin")))
	toComplaint  = append(clone(toInformal), ev(dispute.Referred, "2023-11-10T10:00:00Z", "eve", stage("complaint")))
	toEscalation = append(clone(toReview),
		ev(dispute.RecommendationIssued, "2023-11-15T10:00:00Z", "cat", text("Give three months' notice.")),
		ev(dispute.Escalated, "2023-11-16T10:00:00Z", "eve", stage("ombudsman")))
	toLegal  = append(clone(toEscalation), ev(dispute.Escalated, "2023-11-17T10:00:00Z", "eve", stage("court")))
	toAgreed = append(clone(toInformal), ev(dispute.AgreementReached, "2023-11-10T10:00:00Z", "ann", text("Three months' notice.")))
	toClosed = append(clone(toInformal), ev(dispute.Withdrawn, "2023-11-10T10:00:00Z", "eve"))
)

func clone(es []dispute.Event) []dispute.Event { return append([]dispute.Event(nil), es...) }

// open applies a script to a new riverside case.
func open(t testing.TB, p *dispute.Procedure, script []dispute.Event) *dispute.Case {
	t.Helper()
	if len(script) == 0 {
		return nil
	}
	c, err := p.Open(t.Context(), "grant-cut-2023", script[0])
	require.NoError(t, err)
	for _, e := range script[1:] {
		require.NoError(t, c.Apply(t.Context(), e), "applying %s", e.Type)
	}
	return c
}
