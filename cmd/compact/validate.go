package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
)

var validateCommand = &command{
	name:    "validate",
	summary: "check that areas and documents load: structure, ids, references, layering",
	usage:   "validate [--format text|json] [--base DIR] PATH...",
	help: `
Loads each PATH as an area (a folder of documents, or one file holding a
whole area) and reports every problem: unknown fields, wrong types, bad dates
and values, missing fields, duplicate ids, references to things that do not
exist, dates out of order, and tailoring that cannot be applied to the base
compact, and, once the area loads, rule packs that do not compile, role
catalogues and nominations, action plans and priorities, and dispute cases:
every problem in every document, in file, line and column order (the
library's compactkit.Validate). Structure is checked first; references are
checked once every document decodes.

Exits 0 when every area is valid and 3 when any is not.

With --format json the output has the shape published as
schema/validation.json; input that does not load, schema/invalid.json.`,
	run: runValidate,
}

func runValidate(c *cli, fs *flag.FlagSet, args []string) int {
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	paths, code := c.parseAtLeastOne(fs, args, "give at least one PATH (an area folder or a document file)")
	if code >= 0 {
		return code
	}
	opts, err := af.options()
	if err != nil {
		return c.invalid(strings.Join(paths, " "), err, format.value)
	}
	var results []compact.AreaValidation
	exit := exitOK
	for _, p := range paths {
		r := c.validateArea(p, opts, format.value == "text")
		if !r.Valid {
			exit = exitInvalid
		}
		results = append(results, r)
	}
	if format.value == "json" {
		return c.printJSON(compact.Validation{Areas: results}, exit)
	}
	return exit
}

// validateArea validates the area at path, printing for people when text
// is set: the verdict on stdout, problems and warnings on stderr.
func (c *cli) validateArea(path string, opts []compactkit.Option, text bool) compact.AreaValidation {
	r := compact.AreaValidation{Path: path}
	a, err := compactkit.Validate(c.ctx, path, opts...)
	if err != nil {
		r.Problems = c.areaProblems(path, err, text, "invalid")
		return r
	}
	r.Valid = true
	r.Counts = a.Counts()
	if a.Compact != nil {
		r.Compact, r.Chain = a.Compact.ID, a.Compact.Chain
	}
	if text {
		fmt.Fprintf(c.stdout, "%s: valid: %s\n", path, describeArea(a))
	}
	for _, w := range a.Warnings {
		r.Warnings = append(r.Warnings, w.Error())
	}
	r.Warnings = append(r.Warnings, disputeWarnings(c.ctx, a.Area)...)
	for _, w := range r.Warnings {
		if text {
			fmt.Fprintf(c.stderr, "%s: warning: %s\n", path, w)
		}
	}
	return r
}

func describeArea(a *compactkit.Area) string {
	s := fmt.Sprintf("%d documents", len(a.Documents))
	if a.Compact != nil {
		s = fmt.Sprintf("compact %s", a.Compact.ID)
		if len(a.Compact.Chain) > 1 {
			s += fmt.Sprintf(" (extends %s)", a.Compact.Extends)
		}
		s += fmt.Sprintf(", %d commitments, %d bodies", len(a.Compact.Commitments), len(a.Compact.Governance))
	}
	return s + fmt.Sprintf(", %d organisations, %d people, %d records", len(a.Directory.Organisations), len(a.Directory.People), a.RecordCount())
}
