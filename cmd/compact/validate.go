package main

import (
	"fmt"

	"github.com/compactkit/compactkit/compact"
)

var validateCommand = &command{
	name:    "validate",
	summary: "check that areas and documents load: structure, ids, references, layering",
	run:     runValidate,
}

// areaValidator checks one kind of document in a loaded area. Packages that
// own a document kind add theirs to validators.
type areaValidator func(*compact.Area) error

// validators run on every area after it loads, in order.
var validators = []areaValidator{
	validateRules,
	rolesValidator,
	disputeValidator,
	reportingValidator,
}

type validateResult struct {
	Path     string         `json:"path"`
	Valid    bool           `json:"valid"`
	Compact  string         `json:"compact,omitempty"`
	Chain    []string       `json:"chain,omitempty"`
	Counts   map[string]int `json:"counts,omitempty"`
	Problems []problemJSON  `json:"problems,omitempty"`
}

func runValidate(c *cli, args []string) int {
	fs := c.flagSet("validate", "validate [--format text|json] [--base DIR] PATH...", `
Loads each PATH as an area (a folder of documents, or one file holding a
whole area) and reports every problem: unknown fields, wrong types, bad dates
and values, missing fields, duplicate ids, references to things that do not
exist, dates out of order, and tailoring that cannot be applied to the base
compact. Structure is checked first; references are checked once every
document decodes.

Exits 0 when every area is valid and 3 when any is not.`)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	paths, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(paths) == 0 {
		return c.usageError(fs, "give at least one PATH (an area folder or a document file)")
	}
	var results []validateResult
	exit := exitOK
	for _, p := range paths {
		r := validateResult{Path: p}
		a, err := af.load(p)
		if err == nil {
			for _, v := range validators {
				if err = v(a); err != nil {
					break
				}
			}
		}
		if err != nil {
			exit = exitInvalid
			r.Problems = problemsJSON(err)
			if format.value == "text" {
				c.printProblems(err)
				fmt.Fprintf(c.stderr, "%s: invalid\n", p)
			}
			results = append(results, r)
			continue
		}
		r.Valid = true
		r.Counts = counts(a)
		if a.Compact != nil {
			r.Compact, r.Chain = a.Compact.ID, a.Compact.Chain
		}
		if format.value == "text" {
			fmt.Fprintf(c.stdout, "%s: valid: %s\n", p, describeArea(a))
		}
		results = append(results, r)
	}
	if format.value == "json" {
		if err := writeJSON(c.stdout, map[string]any{"areas": results}); err != nil {
			return exitInvalid
		}
	}
	return exit
}

func counts(a *compact.Area) map[string]int {
	m := map[string]int{
		"documents":     len(a.Documents),
		"organisations": len(a.Directory.Organisations),
		"people":        len(a.Directory.People),
		"consultations": len(a.Records.Consultations),
		"funding":       len(a.Records.Funding),
		"meetings":      len(a.Records.Meetings),
		"nominations":   len(a.Records.Nominations),
		"signatures":    len(a.Records.Signatures),
		"reports":       len(a.Records.Reports),
	}
	if a.Compact != nil {
		m["commitments"] = len(a.Compact.Commitments)
		m["principles"] = len(a.Compact.Principles)
		m["bodies"] = len(a.Compact.Governance)
	}
	return m
}

func describeArea(a *compact.Area) string {
	s := fmt.Sprintf("%d documents", len(a.Documents))
	if a.Compact != nil {
		s = fmt.Sprintf("compact %s", a.Compact.ID)
		if len(a.Compact.Chain) > 1 {
			s += fmt.Sprintf(" (extends %s)", a.Compact.Extends)
		}
		s += fmt.Sprintf(", %d commitments, %d bodies", len(a.Compact.Commitments), len(a.Compact.Governance))
	}
	recs := len(a.Records.Consultations) + len(a.Records.Funding) + len(a.Records.Meetings) +
		len(a.Records.Nominations) + len(a.Records.Signatures) + len(a.Records.Reports)
	return s + fmt.Sprintf(", %d organisations, %d people, %d records", len(a.Directory.Organisations), len(a.Directory.People), recs)
}
