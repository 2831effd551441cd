package roles_test

import (
	"fmt"
	"log"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/roles"
)

// Ask who holds a role for an organisation on a date, as the README shows
// (the lines between the README markers are the README's snippet, and a
// test in package examples keeps the two the same).
func Example_holders() {
	// README begin
	lib, err := examples.Library() // the national baseline, with the reference role catalogue
	if err != nil {
		log.Fatal(err)
	}
	area, err := compact.LoadArea("../examples/kirklees", compact.WithLibrary(lib))
	if err != nil {
		log.Fatal(err)
	}
	reg, err := roles.New(area)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range reg.Holders("compact-champion", "kirklees-council", compact.MustParseDate("2014-03-31")) {
		fmt.Println(a.Person, a.Basis)
	}
	// README end

	// Output:
	// helen-marsh nominated
	// mark-ellison nominated
}
