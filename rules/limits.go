package rules

// Limits on rule packs and their evaluation. Rules are written by policy
// officers, not programmers, and a pack can come from anywhere an area's
// documents come from; these limits keep a mistaken rule from hanging a run
// or exhausting memory. Each is far above what a real rule needs.
const (
	// MaxRulesPerPack is the most rules one pack document may hold. The
	// national pack has about twenty and an area adds a handful; hundreds of
	// rules in one pack are generated, not written, and belong in several
	// packs that can be reviewed on their own.
	MaxRulesPerPack = 500

	// MaxExpressionLength is the longest expression, in bytes. A rule a
	// policy officer can read and review fits in a few lines; 4 KiB is about
	// fifty lines of CEL.
	MaxExpressionLength = 4096

	// MaxExpressionNodes is the most nodes (identifiers, literals, calls and
	// the loops macros expand into) an expression may have once parsed. The
	// largest national rule has about forty; a thousand is a machine-made
	// expression.
	MaxExpressionNodes = 1000

	// MaxNestingDepth is the deepest nesting of calls, brackets and
	// operators the parser accepts. Twenty-four levels is far beyond what
	// anyone can read, and keeps the parser and checker from deep recursion.
	MaxNestingDepth = 24

	// MaxCost is the most an evaluation of one expression may cost, in CEL
	// cost units (about one unit per field read, comparison or function
	// call; a loop costs its body once per element). A national rule costs
	// under a hundred; a loop over a year's meetings a few thousand. A
	// million is a few milliseconds of work: enough for any rule over any
	// real area, small enough that a runaway rule is stopped at once. It is
	// the same per-expression budget Kubernetes gives admission rules.
	MaxCost = 1_000_000

	// MaxEstimatedCost is the highest worst-case cost, estimated when a
	// rule is compiled, that a rule may have. It equals MaxCost: a rule
	// that could cost more than an evaluation is allowed, given collections
	// of the sizes below, is refused before it runs rather than stopped
	// half-way through every check.
	MaxEstimatedCost = MaxCost

	// EstimatedMaxListSize is the size assumed for every list (the meetings
	// of a body in a year, an organisation's nominations, the clauses of an
	// agreement, the attendees of a meeting) when a rule's worst-case cost is
	// estimated. No body meets a hundred times a year and no agreement has a
	// hundred clauses: a loop over a list is fine, a loop inside a loop is
	// what the estimate is there to catch. Real lists that are longer are
	// still safe: the runtime limit stops a rule that loops too long.
	EstimatedMaxListSize = 100

	// EstimatedMaxStringSize is the length assumed for an id, a name, a
	// title, a position or a kind when a rule's cost is estimated. Ids are
	// at most 100 characters (compact.MaxIDLength); names and titles rarely
	// reach 200.
	EstimatedMaxStringSize = 200

	// EstimatedMaxTextSize is the length assumed for free text (a reason
	// given for a decision, the text of a clause or a commitment): a few
	// pages.
	EstimatedMaxTextSize = 10_000

	// InterruptCheckFrequency is how many loop iterations pass between
	// checks of the context during an evaluation: often enough that a
	// cancelled run stops within microseconds, rarely enough to cost
	// nothing measurable.
	InterruptCheckFrequency = 100

	// MaxExplainValues is the most named values one rule may report to
	// explain its outcome. A finding explained by more than a dozen numbers
	// is not explained.
	MaxExplainValues = 16
)
