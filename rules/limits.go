package rules

// Limits on rule packs and their evaluation. Rules are written by policy
// officers, not programmers, and a pack can come from anywhere an area's
// documents come from; these limits keep a mistaken rule from hanging a run
// or exhausting memory. Each is far above what a real rule needs.
const (
	// MaxWorkingDays is the most working days addWorkingDays moves a date:
	// about a hundred years of them, more than any compact's time limit. It
	// counts day by day, so an unbounded count would let one rule spin.
	MaxWorkingDays = 26_000

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
	// call, and a tenth of a unit per character a string function reads; a
	// function that builds a string or a list pays one unit per character
	// or item it builds; a loop costs its body once per element). A
	// national rule costs under a hundred; a loop over a year's meetings a
	// few thousand. A million is a few milliseconds of work: enough for any
	// rule over any real area, small enough that a runaway rule is stopped
	// at once. It is the same per-expression budget Kubernetes gives
	// admission rules. Because building costs, it also caps memory: one
	// evaluation builds at most about ten bytes per unit, 10 MB (see
	// [MaxEvalBytes]). Set it with [WithMaxCost].
	MaxCost = 1_000_000

	// MaxEvalBytes is the most memory, in bytes, one evaluation can build
	// under MaxCost: strings and lists cost at least a tenth of a unit per
	// byte they hold. With one evaluation per worker at a time, a check
	// holds at most GOMAXPROCS times this beside the area itself.
	MaxEvalBytes = 10 * MaxCost

	// MaxEstimatedCost is the highest worst-case cost, estimated when a
	// rule is compiled, that a rule may have. It equals MaxCost: a rule
	// that could cost more than an evaluation is allowed, given collections
	// of the sizes below, is refused before it runs rather than stopped
	// half-way through every check. Set it with [WithMaxEstimatedCost].
	MaxEstimatedCost = MaxCost

	// MaxUntrackedCost is the highest estimated cost of an expression that
	// runs without the runtime cost tracker. The estimate of an
	// expression without a loop is a true upper bound when lists are taken
	// to be of any length and strings of at most [compact.MaxValueBytes]
	// (the longest value decoding accepts), so an expression whose bound
	// is this low cannot run long or build much: it runs untracked, which
	// keeps simple rules as fast as raw CEL. An expression without a loop
	// whose bound is higher, but within MaxCost, runs untracked as well,
	// measured under the tracker one evaluation in 32 so that a check is
	// charged what it costs on the text there is (see the package
	// documentation, Safety); every other expression runs under the
	// tracker, stopped at MaxCost. Ten thousand units is tens of
	// microseconds at worst.
	MaxUntrackedCost = 10_000

	// EstimatedMaxListSize is the size assumed for every list (the meetings
	// of a body in a year, an organisation's nominations, the clauses of an
	// agreement, the attendees of a meeting) when the worst-case cost of an
	// expression that runs under the tracker is estimated. No body meets a
	// hundred times a year and no agreement has a hundred clauses: a loop
	// over a list is fine, a loop inside a loop is what the estimate is
	// there to catch. Real lists that are longer are still safe: the
	// runtime limit stops a rule that loops too long. Set it with
	// [WithEstimatedListSize].
	EstimatedMaxListSize = 100

	// EstimatedTextSize is the length assumed for free text (a reason given
	// for a decision, the text of a clause) in the same estimate: a long
	// paragraph. Decoding allows up to compact.MaxValueBytes; the estimate
	// uses a typical long value, since the tracker stops an evaluation
	// that meets longer ones in a loop. Names, ids and positions are taken
	// at their decoded limit, compact.MaxNameBytes. Set it with
	// [WithEstimatedTextSize].
	EstimatedTextSize = 2_000

	// MaxRunCost is the budget of a whole Check, in the same units: the
	// sum of the cost of every evaluation (measured for expressions run
	// under the tracker, the estimated bound for the others). A check of a
	// large area's year costs a few hundred million; ten billion is some
	// tens of seconds of work. Once it is spent, the evaluations left give
	// error findings saying so. Set it with [RunCost].
	MaxRunCost = 10_000_000_000

	// MaxMessageBytes is the longest message a finding keeps; a longer one
	// is cut, with an ellipsis. A message is a sentence or two for a
	// report, not a place for a field's whole text.
	MaxMessageBytes = 2048

	// InterruptCheckFrequency is how many loop iterations pass between
	// checks of the context during an evaluation whose cost limit is
	// raised above MaxCost: often enough that a cancelled run stops within
	// microseconds, rarely enough to cost nothing measurable. Under the
	// default limit an evaluation ends within milliseconds, and a loop
	// looks at the context only before it starts.
	InterruptCheckFrequency = 100

	// MaxExplainValues is the most named values one rule may report to
	// explain its outcome. A finding explained by more than a dozen numbers
	// is not explained.
	MaxExplainValues = 16
)
