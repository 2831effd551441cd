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
