package rules_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"regexp"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// Run some of a pack's tests and write them in the Test Anything Protocol,
// for a CI system.
func ExampleWriteTAP() {
	area, err := compact.LoadArea("../examples/national")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err)
	}
	results, err := engine.Test(context.Background(), rules.TestsMatching(regexp.MustCompile("^governance")))
	if err != nil {
		log.Fatal(err)
	}
	suites := []rules.TestSuite{{Name: "examples/national", Pack: engine.Pack().ID, Results: results}}
	if err := rules.WriteTAP(os.Stdout, suites); err != nil {
		log.Fatal(err)
	}
	// Output:
	// TAP version 14
	// 1..2
	// # examples/national: pack national
	// ok 1 - national: governance
	// ok 2 - national: governance lapses
}

// Which rules and branches the pack's tests reach.
func ExampleTestCoverage() {
	area, err := compact.LoadArea("../examples/national")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err)
	}
	results, err := engine.Test(context.Background(), rules.TestsMatching(regexp.MustCompile("^consultations$")))
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range rules.TestCoverage(engine.Pack(), results) {
		if strings.HasPrefix(c.Rule, "consultation") {
			fmt.Printf("%s: reached by %d test, missing %v\n", c.Rule, len(c.Tests), c.Missing)
		}
	}
	// Output:
	// consultation-length: reached by 1 test, missing []
	// consultation-approach: reached by 1 test, missing [pass]
	// consultation-feedback: reached by 1 test, missing []
}

// Write a check's failures as SARIF, for a code host to show beside the
// records' lines.
func ExampleWriteSARIF() {
	area, err := compact.LoadArea("testdata/simple/area.yaml")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := rules.Compile(area)
	if err != nil {
		log.Fatal(err)
	}
	findings, err := engine.Check(context.Background(), rules.AsOf(compact.MustParseDate("2025-03-31")))
	if err != nil {
		log.Fatal(err)
	}
	var b strings.Builder
	if err := rules.WriteSARIF(&b, []rules.SARIFRun{{Area: "simple", Pack: engine.Pack(), Findings: findings}}); err != nil {
		log.Fatal(err)
	}
	var log2 struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					Physical struct {
						Artifact struct{ URI string }    `json:"artifactLocation"`
						Region   struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(b.String()), &log2); err != nil {
		log.Fatal(err)
	}
	for _, r := range log2.Runs[0].Results {
		l := r.Locations[0].Physical
		fmt.Printf("SARIF %s: %s %s at %s:%d\n", log2.Version, r.Level, r.RuleID, l.Artifact.URI, l.Region.StartLine)
	}
	// Output:
	// SARIF 2.1.0: error consultation-length at testdata/simple/area.yaml:11
}
