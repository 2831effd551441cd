package rules

import "github.com/compactkit/compactkit/compact"

// Explanation is the JSON shape of "compact rules explain --format json":
// a rule of a pack as it is in force in an area.
type Explanation struct {
	// Rule is the rule as in force: severity, disabled and the packs that
	// changed them included.
	Rule *PackRule `json:"rule"`
	// Source is where the rule is written.
	Source compact.Position `json:"source"`
	// Chain lists the rule pack and the packs it extends.
	Chain []string `json:"chain"`
	// Compact is the id of the compact the pack is for.
	Compact string `json:"compact,omitempty"`
	// Enforces are the commitments the rule enforces, in the order it names
	// them.
	Enforces []ExplainedCommitment `json:"enforces"`
	// Parameters are the parameters the rule uses, each with the value in
	// force and every layer that set it.
	Parameters []*Setting `json:"parameters"`
}

// ExplainedCommitment is a commitment a rule enforces, with its text and
// where it is written.
type ExplainedCommitment struct {
	// ID of the commitment.
	ID string `json:"id"`
	// Text of the commitment, its parameters filled in; empty when the area
	// has no compact that has it.
	Text string `json:"text,omitempty"`
	// Compact is the id of the compact that writes the commitment.
	Compact string `json:"compact,omitempty"`
	// Pos is where the commitment is written.
	Pos compact.Position `json:"pos,omitzero"`
}
