package dispute_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/examples"
)

// Open a challenge in Kirklees, take it through the first stage, and see
// events refused. Kirklees signs its events: the example key is a public
// test key, kept in testdata for tests (never sign real cases with it).
func Example() {
	text, _ := os.ReadFile(filepath.Join("testdata", "example-steering-group.key"))
	key, err := dispute.ParseSigner(text)
	if err != nil {
		fmt.Println(err)
		return
	}
	sign := dispute.SignWith(key)
	lib, _ := examples.Library()
	area, err := compact.LoadArea(filepath.Join("..", "examples", "kirklees"), compact.WithLibrary(lib))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := dispute.New(area)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := p.Open(context.Background(), "library-hours-2014", dispute.Event{
		Type: dispute.Raised, At: dispute.MustParseTime("2014-03-03T10:00:00Z"), Actor: dispute.Actor{Person: "imran-hussain"},
		Title: "Youth services consulted on for four weeks", Challenger: "dewsbury-lanterns-youth", Respondent: "kirklees-council",
		Text: "The youth offer consultation gave voluntary groups four weeks to respond.",
	}, sign)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Phase(), c.State().Stage)

	// Only a steering group member (or a compact officer) may admit a challenge.
	err = c.Apply(context.Background(), dispute.Event{Type: dispute.Admitted, At: dispute.MustParseTime("2014-03-04T10:00:00Z"),
		Actor: dispute.Actor{Person: "imran-hussain"}}, sign)
	var r *dispute.Refusal
	if errors.As(err, &r) {
		fmt.Println("refused:", errors.Is(err, dispute.ErrPermission), r.Field)
	}
	// Whoever rules on admissibility comes from neither party.
	err = c.Apply(context.Background(), dispute.Event{Type: dispute.Admitted, At: dispute.MustParseTime("2014-03-04T10:00:00Z"),
		Actor: dispute.Actor{Person: "mark-ellison", Role: "steering-group-member"}}, sign)
	fmt.Println(err)
	// An unsigned event is refused where the area signs.
	err = c.Apply(context.Background(), dispute.Event{Type: dispute.Admitted, At: dispute.MustParseTime("2014-03-04T10:00:00Z"),
		Actor: dispute.Actor{Person: "sarah-whitworth", Role: "steering-group-member"}})
	fmt.Println(errors.Is(err, dispute.ErrSignature))
	err = c.Apply(context.Background(), dispute.Event{Type: dispute.Admitted, At: dispute.MustParseTime("2014-03-04T10:00:00Z"),
		Actor: dispute.Actor{Person: "sarah-whitworth", Role: "steering-group-member"}}, sign)
	fmt.Println(err, c.Phase(), c.Len())
	// Output:
	// admissibility admissibility
	// refused: true actor
	// admitted refused (event 2, case admissibility): whoever rules on admissibility comes from neither party; Mark Ellison is of Kirklees Council Communities and Leisure Service, which is part of Kirklees Council, a party (the respondent)
	// true
	// <nil> informal 2
}

// What is due in a case on a day: the judicial review clock runs whatever
// the stage, and warns when it nears while the case is still under review.
func ExampleCase_Due() {
	lib, _ := examples.Library()
	area, _ := compact.LoadArea(filepath.Join("..", "examples", "kirklees"), compact.WithLibrary(lib))
	p, _ := dispute.New(area)
	c, err := p.Load(context.Background(), filepath.Join("..", "examples", "kirklees", "disputes", "community-transport-cut-2013.yaml"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range c.Due(context.Background(), compact.MustParseDate("2013-11-20")) {
		fmt.Println(d.Due, d.Status, d.DaysLeft, d.ID)
		if d.Warning != "" {
			fmt.Println(" ", d.Warning)
		}
	}
	// Output:
	// 2014-09-12 pending 296 ombudsman
	// 2013-12-10 due-soon 20 judicial-review
	//   this time ends on 2013-12-10 whatever the stage, and the case is still at (b) Review by the Compact Steering Group
}

// Five working days from a complaint received the Friday before Christmas.
func ExampleAddWorkingDays() {
	ew := dispute.EnglandAndWales()
	due := dispute.AddWorkingDays(ew, compact.MustParseDate("2023-12-22"), 5)
	fmt.Println(due, due.Weekday())
	fmt.Println(ew.IsWorkingDay(compact.MustParseDate("2022-09-19"))) // the State Funeral of Queen Elizabeth II
	// Output:
	// 2024-01-03 Wednesday
	// false
}

// Apply an event to a case kept in a file. The file is locked while it
// changes and replaced atomically; a refused event leaves it as it was.
func ExampleProcedure_ApplyFile() {
	lib, _ := examples.Library()
	area, _ := compact.LoadArea(filepath.Join("..", "examples", "kirklees"), compact.WithLibrary(lib))
	p, _ := dispute.New(area)
	dir, _ := os.MkdirTemp("", "disputes")
	defer os.RemoveAll(dir)
	data, _ := os.ReadFile(filepath.Join("..", "examples", "kirklees", "disputes", "community-grants-criteria-2014.yaml"))
	path := filepath.Join(dir, "community-grants-criteria-2014.yaml")
	_ = os.WriteFile(path, data, 0o644)

	text, _ := os.ReadFile(filepath.Join("testdata", "example-steering-group.key"))
	key, _ := dispute.ParseSigner(text)
	c, err := p.ApplyFile(context.Background(), path, []dispute.Event{{Type: dispute.Withdrawn, At: dispute.MustParseTime("2014-04-01T09:00:00+01:00"),
		Actor: dispute.Actor{Person: "sarah-whitworth"}}}, dispute.SignWith(key))
	fmt.Println(errors.Is(err, dispute.ErrPermission), c == nil)

	c, err = p.ApplyFile(context.Background(), path, []dispute.Event{{Type: dispute.Withdrawn, At: dispute.MustParseTime("2014-04-01T09:00:00+01:00"),
		Actor: dispute.Actor{Person: "joe-haigh"}, Text: "The council will run the consultation again."}}, dispute.SignWith(key))
	fmt.Println(err, c.State().Outcome, c.Len())
	// Output:
	// true true
	// <nil> withdrawn 3
}

// Check every case of an area against its checkpoint log: the heads of the
// cases, or what does not match.
func ExampleProcedure_Verify() {
	lib, _ := examples.Library()
	area, _ := compact.LoadArea(filepath.Join("..", "examples", "kirklees"), compact.WithLibrary(lib))
	p, _ := dispute.New(area)
	heads, err := p.Verify(context.Background())
	fmt.Println(err)
	for _, h := range heads {
		fmt.Println(h.Case, h.Events, h.Head[:15], h.Checkpoint)
	}
	// Output:
	// <nil>
	// befriending-grant-ending-2014 8 sha256:ee53c562 2
	// community-grants-criteria-2014 2 sha256:6092d17a 8
	// community-transport-cut-2013 13 sha256:3803b11b 6
}

// Make a key pair: the private half goes to its holder's key file, the
// public half into the area's keys document.
func ExampleGenerateSigner() {
	s, err := dispute.GenerateSigner("steering-group-2026", rand.Reader)
	if err != nil {
		fmt.Println(err)
		return
	}
	text, _ := s.MarshalText()
	again, _ := dispute.ParseSigner(text)
	fmt.Println(s.KeyID(), strings.HasPrefix(s.Public(), "ed25519:"), again.Public() == s.Public())
	// Output:
	// steering-group-2026 true true
}
