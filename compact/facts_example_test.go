package compact_test

import (
	"fmt"

	"github.com/compactkit/compactkit/compact"
)

// An area's compact declares a local fact for funding records; a record
// that misspells it does not load, and the error says what was meant.
func ExampleTypeFacts() {
	docs, err := compact.Parse("area.yaml", []byte(`apiVersion: compactkit/v1
kind: Compact
id: riverside
title: Riverside Compact
facts:
  funding:
    meetingOffered: {type: date, description: The date a meeting was offered before a cut.}
---
apiVersion: compactkit/v1
kind: Directory
organisations:
  - {id: council, name: Riverside Council, sector: public, kind: local-authority}
  - {id: club, name: Riverside Club, sector: voluntary-community, kind: community-group}
---
apiVersion: compactkit/v1
kind: Records
funding:
  - {id: cut, funder: council, recipient: club, kind: ending, decided: 2024-06-03, facts: {meetingOfered: 2024-05-13}}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = compact.NewArea(docs)
	fmt.Println(err)
	// Output:
	// area.yaml:18:107: funding[0].facts.meetingOfered: funding record cut has fact "meetingOfered", which the compact does not declare for funding records; did you mean "meetingOffered"?
}

// Texts name parameters; Render words them with the value in force and its
// unit.
func ExampleRender() {
	words := func(name string) (compact.Quantity, bool) {
		if name == "fundingNoticeMonths" {
			return compact.Quantity{Value: compact.IntValue(6), Unit: "months"}, true
		}
		return compact.Quantity{}, false
	}
	fmt.Println(compact.Render("Give a minimum of {fundingNoticeMonths}' notice in writing.", words))
	fmt.Println(compact.Render("A {fundingNoticeMonths:n}-month notice period.", words))
	// Output:
	// Give a minimum of 6 months' notice in writing.
	// A 6-month notice period.
}
