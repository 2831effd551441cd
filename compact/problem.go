package compact

import "errors"

// Problem is the JSON shape of one problem in machine output: where it is,
// what class it is of, and what is wrong. Every command of compact that
// prints JSON writes problems this way.
type Problem struct {
	// File, Line and Column say where; Line and Column are 1-based and
	// left out when unknown.
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Path is the field path in the document ("rules[0].check").
	Path string `json:"path,omitempty"`
	// Code is the stable machine code of the problem's class
	// ("unknown-field", "bad-date" ...; see the package documentation's
	// table): match on it, not on Class or Message.
	Code string `json:"code"`
	// Class is the class of the problem ("unknown field", "unresolved
	// reference" ...): the text of its Err* value.
	Class string `json:"class,omitempty"`
	// Message says what is wrong.
	Message string `json:"message"`
}

// Problems lists err's problems (see [AsErrors]) in their JSON shape.
func Problems(err error) []Problem {
	var out []Problem
	for _, e := range AsErrors(err) {
		p := Problem{File: e.Pos.File, Line: e.Pos.Line, Column: e.Pos.Column, Path: e.Path, Code: e.Code(), Message: e.Msg}
		if e.Err != nil && !errors.Is(e, errors.ErrUnsupported) {
			p.Class = e.Err.Error()
		}
		out = append(out, p)
	}
	return out
}

// Invalid is the JSON shape every command of compact prints, with --format
// json, when its input does not load: the path it was given and every
// problem. Its fields are in the order they are written.
type Invalid struct {
	// Path is the path the command was given (an area folder or a file);
	// several, space-separated, when the input was the whole argument list.
	Path string `json:"path"`
	// Problems are every problem found, in file, line and column order.
	Problems []Problem `json:"problems"`
	// Valid is always false.
	Valid bool `json:"valid"`
}

// Validation is the JSON shape of "compact validate --format json": one
// entry per path, in the order given.
type Validation struct {
	// Areas are the paths validated, in the order given.
	Areas []AreaValidation `json:"areas"`
}

// AreaValidation is what "compact validate" found for one path.
type AreaValidation struct {
	// Path is the path as given: an area folder or a file holding a whole
	// area.
	Path string `json:"path"`
	// Valid is true when the area loads with no problem.
	Valid bool `json:"valid"`
	// Compact is the id of the area's compact, when it has one.
	Compact string `json:"compact,omitempty"`
	// Chain is the compact and the compacts it extends, the area's own
	// first.
	Chain []string `json:"chain,omitempty"`
	// Counts are how many of each thing the area holds, by name
	// (documents, organisations, people, consultations, funding, meetings,
	// nominations, signatures, reports and, with a compact, commitments,
	// principles and bodies); left out when the area does not load.
	Counts map[string]int `json:"counts,omitempty"`
	// Problems are every problem found, when the area does not load.
	Problems []Problem `json:"problems,omitempty"`
	// Warnings are sentences about things that load but look wrong.
	Warnings []string `json:"warnings,omitempty"`
}
