package rules_test

import (
	"context"
	"fmt"
	"log"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// A rule reads a fact the area's compact declares, typed: meetingOffered is
// a date, so it compares with the decision's date. A Go program gives a
// record's facts with compact.NewFact.
func ExampleEngine_Evaluate_facts() {
	docs, err := compact.Parse("area.yaml", []byte(`apiVersion: compactkit/v1
kind: Compact
id: riverside
title: Riverside Compact
commitments:
  - {id: meeting-before-cut, party: public, text: Offer a meeting before deciding to cut funding.}
facts:
  funding:
    meetingOffered: {type: date, description: The date a meeting was offered before a cut.}
parameters:
  noticeMonths: 4
---
apiVersion: compactkit/v1
kind: RulePack
id: riverside
title: Riverside checks
parameters:
  noticeMonths: {type: int, default: 3, unit: months, min: 1, max: 24, description: Notice of a cut; at most two years.}
rules:
  - id: meeting-before-decision
    title: A meeting is offered before the decision, with {noticeMonths}' notice to follow
    enforces: [meeting-before-cut]
    on: funding
    severity: breach
    when: has(funding.facts.meetingOffered)
    check: funding.facts.meetingOffered < funding.decided
    message: "'the meeting was offered on ' + string(funding.facts.meetingOffered) + ', after the decision'"
`))
	if err != nil {
		log.Fatal(err)
	}
	area, err := compact.NewArea(docs)
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err)
	}
	cut := &compact.FundingDecision{ID: "cut", Funder: "council", Recipient: "club", Kind: compact.FundingEnding,
		Decided: compact.MustParseDate("2024-06-03"),
		Facts:   compact.Facts{"meetingOffered": compact.NewFact(compact.MustParseDate("2024-06-10"))}}
	findings, err := engine.Evaluate(context.Background(), cut, rules.AsOf(compact.MustParseDate("2024-06-30")))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(findings[0].Outcome, findings[0].Message)
	rule, _ := engine.Pack().Rule("meeting-before-decision")
	fmt.Println(rule.Title)
	// Output:
	// fail the meeting was offered on 2024-06-10, after the decision
	// A meeting is offered before the decision, with 4 months' notice to follow
}
