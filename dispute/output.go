package dispute

import "github.com/compactkit/compactkit/compact"

// CaseOutput is the JSON shape of "compact dispute show --format json": a
// case as it stood on a date.
type CaseOutput struct {
	// Case is the id of the case.
	Case string `json:"case"`
	// File is the case file.
	File string `json:"file"`
	// AsOf is the date the case is shown as of.
	AsOf compact.Date `json:"asOf"`
	// Events is the number of events on or before AsOf.
	Events int `json:"events"`
	// Later is the number of events after AsOf, left out of the rest.
	Later int `json:"later"`
	// State is the case's state on AsOf.
	State State `json:"state"`
	// Timeline lists the events on or before AsOf, in order.
	Timeline []Step `json:"timeline"`
	// Deadlines are the case's deadlines on AsOf.
	Deadlines []Deadline `json:"deadlines"`
	// Head is the hash of the case's last event on AsOf.
	Head string `json:"head"`
	// Warnings are sentences about the case that do not stop it loading.
	Warnings []string `json:"warnings,omitempty"`
}

// DueOutput is the JSON shape of "compact dispute due --format json": the
// deadlines of an area's cases due or passed on a date. Its fields are in
// the order they are written.
type DueOutput struct {
	// Area name.
	Area string `json:"area"`
	// AsOf is the date looked from.
	AsOf compact.Date `json:"asOf"`
	// Cases is the number of cases raised on or before AsOf.
	Cases int `json:"cases"`
	// Due are the deadlines due or passed on AsOf, in the order of [DueOn].
	Due []Deadline `json:"due"`
}

// VerifyOutput is the JSON shape of "compact dispute verify --format json"
// when every case matches the checkpoint log (a case that does not is a
// problem, printed in the shape of [compact.Invalid]). Its fields are in
// the order they are written.
type VerifyOutput struct {
	// Area name.
	Area string `json:"area"`
	// Cases are the head of every case, as the log has it.
	Cases []CaseHead `json:"cases"`
	// Verified is always true.
	Verified bool `json:"verified"`
}
