package roles_test

import (
	"fmt"
	"log"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/roles"
)

// Load an area, build its register of roles and ask who holds what on a
// date, what is vacant and whose term ends soon.
func ExampleNew() {
	lib, err := examples.Library() // the national baseline, with the reference role catalogue
	if err != nil {
		log.Fatal(err)
	}
	area, err := compact.LoadArea("testdata/riverside", compact.WithLibrary(lib))
	if err != nil {
		log.Fatal(err)
	}
	reg, err := roles.New(area)
	if err != nil {
		log.Fatal(err) // unknown roles, nominations by non-signatories, too many holders ...
	}
	on := compact.MustParseDate("2025-03-31")
	for _, a := range reg.Holders("compact-champion", "river-council", on) {
		line := a.Person + " " + string(a.Basis)
		if a.ImpliedBy != "" {
			line += " by " + a.ImpliedBy
		}
		if a.DeputyFor != "" {
			line += ", deputy for " + a.DeputyFor
		}
		fmt.Println(line)
	}
	for _, v := range reg.Vacancies(on) {
		fmt.Println("vacant:", v.Role, v.Organisation)
	}
	for _, a := range reg.EndingWithin(on, 90) {
		fmt.Println("ends", a.To, a.Person, a.Role)
	}
	// Output:
	// ann ex-officio
	// hal nominated, deputy for ann
	// bob implied by steering-group-member
	// vacant: compact-champion river-police
	// ends 2025-03-31 bob steering-group-member
	// ends 2025-04-30 eve compact-champion
}

// Find who a small charity without a champion of its own should contact.
func ExampleRegister_Contact() {
	lib, _ := examples.Library()
	area, err := compact.LoadArea("testdata/riverside", compact.WithLibrary(lib))
	if err != nil {
		log.Fatal(err)
	}
	reg, err := roles.New(area)
	if err != nil {
		log.Fatal(err)
	}
	c, err := reg.Contact("small-charity", compact.MustParseDate("2025-03-31"))
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range c.Options {
		fmt.Printf("%s: %s\n", o.Basis, o.Why)
		for _, h := range o.Holders {
			fmt.Printf("  %s (%s for %s)\n", h.Person, h.Role, h.Organisation)
		}
	}
	// Output:
	// sector: the Compact Champion who speaks for the voluntary and community sector
	//   dan (compact-champion for river-cvs)
	//   eve (compact-champion for river-vcs-forum)
	//   fay (compact-champion for river-vcs)
	// area: the area's Compact Officer, who signposts anyone
	//   dan (compact-officer for river-cvs)
}

// Resolve a catalogue that extends the reference one and see what a role
// brings with it.
func ExampleResolve() {
	lib, _ := examples.Library()
	docs, err := compact.Parse("roles.yaml", []byte(`apiVersion: compactkit/v1
kind: RoleCatalogue
id: local
extends: reference
roles:
  - id: health-compact-champion
    title: Health Compact Champion
    implies: [compact-champion]
`))
	if err != nil {
		log.Fatal(err)
	}
	cat, err := roles.Resolve(docs[0], lib.Find)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cat.Chain)
	for _, imp := range cat.Implied("health-compact-champion") {
		fmt.Println(imp.Role, "via", imp.Via)
	}
	// Output:
	// [reference local]
	// compact-champion via health-compact-champion
}
