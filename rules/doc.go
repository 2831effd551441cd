// Package rules checks that partners keep a compact: compliance rules
// written in CEL (the Common Expression Language, cel.dev/cel-go), kept in
// rule packs that areas layer on a national baseline, compiled once and
// evaluated on every record, concurrently, into findings.
//
// # Using the engine
//
// Compile an area's pack once, then check records as often as needed:
//
//	area, err := compact.LoadArea("examples/kent", compact.WithLibrary(lib))
//	engine, err := rules.Compile(area)             // every problem, with file:line:column
//	findings, err := engine.Check(ctx, rules.AsOf(compact.MustParseDate("2025-03-31")))
//	for _, f := range findings { ... }             // rule, subject, outcome, message, values
//
// [Compile] resolves the area's RulePack (the one no other pack in the area
// extends; an area without one gets the library's "national" pack) against
// the packs it extends and the area's compact, and type-checks every
// expression. [Engine.Check] evaluates every rule in force on every subject
// in scope on all CPUs; [Engine.Evaluate] and [Engine.AppendEvaluate]
// evaluate one record, for systems that check records as they are saved. An
// Engine is bound to the area it was compiled for: its compact's parameters
// are applied and its records are the ones checked, so Check takes no area;
// compile one engine per area. An Engine is immutable: share it between
// goroutines. Evaluation never reads the clock; the as-of date is always
// given ([AsOf]), and the period defaults to the one the area chooses for it
// (compact.Area.PeriodFor: the records period when it contains the date,
// else the financial year containing it; [Period] sets another).
// [Parameters] and [ResolvePack] give the parameters in force and the
// resolved pack without compiling.
//
// Errors are values. Problems with documents and packs are
// [compact.Errors], each a [*compact.Error] with a position, a field path,
// a quoted source line for a caret snippet, and a class for errors.Is:
// [ErrCompile], compact.ErrLayering, compact.ErrCycle, compact.ErrReference, compact.ErrLimit
// and the other classes of package compact. A rule that fails while it runs
// is not an error of the call: it is a finding with outcome error.
//
// # Writing a rule
//
// A rule pack is a YAML (or JSON) document:
//
//	apiVersion: compactkit/v1
//	kind: RulePack
//	id: kent
//	title: Dover District Compact checks
//	extends: national               # build on the national pack
//	parameters:                     # new numbers, with types and defaults
//	  fundingAppealDays: {type: int, default: 14, unit: days, min: 1, max: 90,
//	    description: Days to appeal a cut; at most 90, past which an appeal outlasts the notice.}
//	overrides:                      # new values for inherited numbers
//	  fundingNoticeMonths: 6
//	severity:                       # new severities for inherited rules
//	  full-cost-recovery: warning
//	disable:                        # inherited rules that do not apply, and why
//	  - {rule: champion-nominated, reason: The district has no champions.}
//	rules:
//	  - id: kent-appeal-window
//	    title: Organisations have 14 days to appeal before funding is cut
//	    enforces: [funding-appeal]  # commitment ids of the area's compact
//	    on: funding                 # the kind of subject
//	    severity: breach            # breach, warning or advice
//	    when: funding.kind in ['reduction', 'ending'] && has(funding.responseInvited)
//	    check: daysBetween(funding.responseInvited, funding.decided) >= params.fundingAppealDays
//	    message: >-
//	      funder.name + ' gave ' + recipient.name + ' ' +
//	      string(daysBetween(funding.responseInvited, funding.decided)) +
//	      ' days to appeal; the compact allows ' + string(params.fundingAppealDays)
//	    explain:                    # values reported with the outcome
//	      days: daysBetween(funding.responseInvited, funding.decided)
//	tests: [...]                    # see Pack tests
//
// when (optional) and check are conditions, true or false: a rule applies to
// a subject when its when condition holds (otherwise the outcome is
// not-applicable), and passes when its check holds. message is evaluated
// when the check fails and gives the sentence people read, with the real
// numbers in it. Write numbers as parameters (params.fundingNoticeMonths),
// never in the rule: an area changes the number, not the rule. A rule never
// edits an inherited rule: it changes its severity, disables it with a
// reason, or adds a rule with a new id.
//
// Write a long expression as a folded block (>-), which joins its lines.
// A plain YAML value cannot hold ": " or start with a quote or "!": use a
// block, or quote it ("!funding.clauses.exists(...)"). Strings inside CEL
// are in single quotes; "months'" needs double quotes.
//
// enforces lists ids of the area's compact's commitments; Compile checks
// they exist, so a rule that enforces a commitment the area's compact left
// out must be disabled, with the reason. An id may also be one that a
// commitment of the area's compact restates in local terms (restates:
// [bodies-meet]): the national compact's "keeping the compact" arrangements
// (bodies meet, report, keep membership rules; signatories name champions
// and sign as the compact asks) are restated this way by compacts that do
// not extend it. [Coverage] lists every commitment with the rules that
// enforce it, and the commitments no rule checks.
//
// # Subjects and their variables
//
// Every expression can use these variables:
//
//	asOf      date           the date the rules are evaluated as of
//	period    compact.Period the period checked: period.from, period.to
//	params    the pack's parameters in force: params.fundingNoticeMonths
//	compact   compact.Compact the area's resolved compact (empty when none)
//
// and those of its subject kind (on:). Records are the types of package
// compact, with the field names of their documents (consultation.opens,
// funding.noticeGiven); organisations, people and bodies are looked up by
// id and are never null:
//
//	consultation  consultation (compact.Consultation), owner (compact.Organisation)
//	funding       funding (compact.FundingDecision), funder, recipient (compact.Organisation)
//	meeting       meeting (compact.Meeting), body (compact.Body)
//	nomination    nomination (compact.Nomination), organisation, person (compact.Person)
//	signature     signature (compact.Signature), organisation
//	report        report (compact.Report), body (that wrote it), receivedBy (compact.Body)
//	body          body (compact.Body); meetings: its meetings in the period, in date
//	              order; reports: every report it delivered up to asOf; reportsTo:
//	              the body it reports to
//	signatory     organisation (signed up on asOf), signature (in force),
//	              nominations: its nominations in force on asOf, every role;
//	              champions: who holds the compact-champion role for it on
//	              asOf as package roles works it out from the role catalogue
//	              (nominated, ex officio, or through a role that implies it)
//	member        member (Member: since, until, nominations, attended, held,
//	              committed), body, organisation; meetings: the body's
//	              meetings in the period
//	compact       signatories: the ids of the organisations signed up on asOf
//
// Expressions are type-checked against these types when the pack is
// compiled: a misspelt field, a variable of another kind, a parameter the
// pack does not declare, a check that is not true or false, and a value an
// enumerated field never has (funding.kind == 'reduciton') are compile
// errors at the line and column of the mistake, with a "did you mean".
//
// [Engine.Check] selects the subjects in scope for the as-of date and period:
// consultations that opened by asOf and ran during the period; funding
// decisions, meetings and reports dated in the period by asOf; nominations
// that started by asOf and were in force during the period; signatures made
// by asOf and not withdrawn before the period; every governance body; every
// organisation signed up on asOf; the members of every body (not external
// ones: the organisations it says are represented, and those nominated to
// its member role); and the compact. Findings for the governance subjects
// have no organisation; the others name the organisation responsible.
//
// # Declared facts
//
// A record's facts field holds the local facts the area's compact declares
// for its kind (see package compact), each typed as declared: a date fact
// is a date, money a double, an enum or reference text a string. So
//
//	when: funding.kind in ['reduction', 'ending'] && has(funding.facts.meetingOffered)
//	check: funding.facts.meetingOffered < funding.decided
//
// type-checks when meetingOffered is declared a date; a fact the compact
// does not declare is a compile error at its place, with a caret and the
// declared names; has() tells a fact not given, and reading one that is
// not given (other than a date, which compares as not given) is an error
// finding. Pack test records carry facts the same way, checked against the
// area's declarations. examples/riverford is an area that uses them.
//
// # Words follow numbers
//
// A rule's title and message, and a compact's commitments, may name a
// parameter as {NAME}; titles are rendered when the pack compiles and
// messages when a rule fails, with the value in force and the parameter's
// unit ("At least {fundingNoticeMonths}' notice" reads "At least 6 months'
// notice" in Kent). [Engine.Render] and [Pack.Render] render any text. A
// text that names a parameter no pack declares is a compile error.
//
// # Dates
//
// Dates are civil dates, a CEL type of their own (date), not timestamps:
// a compact counts days, weeks and calendar months, never hours or time
// zones. Dates compare with < <= > >= == and !=. An optional date that was
// not given is tested with has(): has(consultation.feedbackPublished). Using
// a date that was not given in a comparison or a function is an error
// finding that says to test it with has() first, rather than a silent false;
// string() of it is "not given".
//
//	daysBetween(a, b)    int: days from a to b (negative when b is before a)
//	weeksBetween(a, b)   int: whole weeks from a to b
//	monthsBetween(a, b)  int: whole calendar months (15 Jan to 15 Apr is 3; to 14 Apr, 2)
//	yearsBetween(a, b)   int: whole years
//	addDays(d, n), addWeeks(d, n), addMonths(d, n), addYears(d, n)   date
//	                     (31 January plus a month is the last day of February)
//	addWorkingDays(d, n) date: the n-th working day after d (before d when n is negative),
//	                     Monday to Friday less the bank holidays of England and Wales,
//	                     the calendar the dispute clocks count
//	workingDaysBetween(a, b)  int: working days after a up to and including b
//	date('2024-04-01')   a date literal, checked when the pack is compiled
//	string(d)            'YYYY-MM-DD'
//	period.contains(d)   bool: d is in the period
//	string(period)       '2024-25' for a financial year
//	change(funding)      'reduction' or 'ending' when a funding decision cuts
//	                     funding in substance (a renewal at a lower yearly
//	                     amount is a reduction), '' otherwise; see
//	                     compact.FundingDecision.Change
//
// Reading a date from a record allocates nothing (the value points at the
// record's field), which is why dates are their own type rather than CEL
// timestamps converted on every read.
//
// The CEL standard library is there (size, in, has, exists, all, filter,
// map, string and arithmetic operators, with int and double comparing
// freely), with the strings extension ('a,b'.split(','), join, trim,
// lowerAscii, format), the math extension (math.least, math.greatest) and
// cel.bind(name, value, expression) to name a value once.
//
// # Plans
//
// A rule can declare plan steps: the dates a record not yet made must keep
// to meet the rule's commitment, so that an officer knows them before the
// decision is taken ("Compact-proofing"). Each step has a title (with
// {NAME} placeholders), a CEL date expression compiled and type-checked
// with the rule (it must give a date), the commitment it cites (the rule's
// first by default), the record's date field it dates, whether its date is
// the latest (bound: by, the default) or the earliest (bound: from), and
// whether it counts calendar or working days (days: working, checked
// against the expression):
//
//	plan:
//	  noticeBy:
//	    title: Give notice in writing, at least {fundingNoticeMonths} before the change takes effect
//	    date: addMonths(funding.effective, -params.fundingNoticeMonths)
//	    field: noticeGiven
//
// [Engine.Plan] takes a draft record and works out every step of every rule
// that applies to it (whose when holds on the draft), each with the
// parameters it reads, their values in force and the layer that set them,
// and evaluates the rules on the draft as planned (each step's field the
// draft leaves empty dated as the step asks), listing the findings it would
// get. Pack tests check plan dates with expectPlan (see Pack tests).
//
// # Parameters and layering
//
// A pack declares each parameter with its type, default, unit, min and max
// (the description says why the range is what it is). A parameter's value
// comes from, lowest precedence first: the default of the pack that declares
// it ([LayerDefault]); a compact the area's compact extends, such as the
// national one ([LayerBaseCompact]); the overrides of each pack that extends
// the declaring one, in order ([LayerOverride]); the area's own compact
// ([LayerCompact]: the agreement has the last word); and, in pack tests, the
// test ([LayerTest]). A value of the wrong type or outside the declared range
// is an error at its line in any layer, and so is a parameter the area's
// compact sets that no pack of the chain declares (with a "did you mean").
// [Pack] records every layer: [Engine.Pack] gives the resolved pack, its
// rules with the pack that wrote each, severity changes and disables, and
// each parameter's [Setting] with its [Origin]s. `compact rules explain RULE
// PATH` prints them. [Pack.Superseded] lists pack overrides a compact value
// replaced.
//
// A declaration may give the values a parameter takes from a date on,
// when the number changed (a new code of practice):
//
//	multiYearFundingMonths:
//	  type: int
//	  default: 36                       # before the first date
//	  from:
//	    - {date: 2010-12-20, value: 24, source: "Compact 2010, section 3"}
//
// A record is judged by the value in force on its own date: a
// consultation's opening, a funding decision, a meeting, the start of a
// nomination, a signature, a report's delivery; bodies, members,
// signatories and the compact are judged on the as-of date. A value set by
// an override, by the area's compact or by a pack test applies on every
// date. [Setting.On] gives the value on a date.
//
// # Semantics and coverage
//
// A rule's semantics field states its choices in a sentence or two (how
// days count, which day a date field means, what counts as before), so a
// reader can see why a record passed or failed; `compact rules explain`
// prints it and reports show it on demand (reporting.WithSemantics).
//
// [CoverageOf] (or [Engine.Coverage]) lists every commitment of the area's
// compact with the rules in force that enforce it, directly or through a
// commitment it restates; a commitment no rule enforces is not-checkable
// when the compact says why (its notCheckable field), and otherwise a gap:
// "checkable, no rule". `compact rules coverage AREA` prints it as text,
// Markdown or JSON (schema/coverage.json), and --fail-on-gap exits 1 when
// there is a gap. Every rule id a role catalogue names (a requirement's
// rule) must be a rule of the pack; Compile reports one that is not at its
// line.
//
// # Findings
//
// A [Finding] is the outcome of one rule on one subject; [Findings] are in
// check order: by subject kind (compact, body, member, signatory,
// consultation, funding, meeting, nomination, signature, report), then the
// order the subjects are written in the area's files, then the order the
// rules are written in the pack, base pack first. As JSON:
//
//	{
//	  "rule": "funding-notice",
//	  "kind": "funding",
//	  "subject": "fund-ddc-advice-ending",
//	  "organisation": "dover-dc",          // omitted when there is none
//	  "outcome": "fail",                   // pass, fail, not-applicable, error
//	  "severity": "breach",                // breach, warning, advice
//	  "enforces": ["funding-notice"],
//	  "message": "Dover District Council gave ... 3 months' notice ...; the compact asks for 6",
//	  "values": [{"name": "noticeGiven", "value": "2012-11-19"}, ...],
//	  "error": "...",                      // why an error outcome could not be evaluated
//	  "source": {"file": "examples/kent/records.yaml", "line": 112, "column": 5}
//	}
//
// message is given for failures, values for passes and failures, and error
// for error outcomes (or a failure whose message could not be made). Values
// are numbers, strings, booleans, dates as "YYYY-MM-DD" (null when not
// given), periods, lists of these, or records. [WriteCSV] writes the same
// fields as CSV ([CSVHeader]) through [CSVWriter], the one CSV writer of
// compactkit, which puts an apostrophe before any cell starting with =, +,
// -, @, a tab or a carriage return so that a spreadsheet never runs it as a
// formula, and keeps the first write error.
//
// # Streaming
//
// [Engine.CheckStream] checks bulk records in bounded memory: a JSON Lines
// records file (one record a line, {"record":"funding", ...} with the
// fields of a Records document's entries, decoded as strictly; see
// [compact.DecodeRecordLine]) is read past the record-kind rules
// (consultation, funding, meeting, nomination, signature, report) and each
// finding is handed to a callback, in file order, with the record's
// file:line:column as its Source. One goroutine splits lines into batches
// ([compact.ScanRecordLines]); the workers ([Workers], one per CPU by
// default) each decode with a [compact.RecordDecoder] and evaluate; the
// calling goroutine reorders the finished batches and emits. At most two
// batches per worker are in flight, so memory stays flat however long the
// file. Scope, budget ([RunCost]) and [Timeout] are as for Check; progress
// is reported through [Progress], with a clock the caller passes.
//
// The engine's area (its YAML documents: compact, directory, bodies, pack)
// is what the streamed records are looked up in. The aggregates that need
// every record are accumulated as the records go past, in a [Collection]:
// the writing goroutine keeps the streamed meetings, nominations,
// signatures and reports (the records the rules on bodies, members,
// signatories and the compact read: meetings per body, attendance per
// member, the signature in force per organisation), not the consultations
// and funding decisions, the bulk of a national run, and a 64-bit hash of
// each record's kind and id (see [compact.RecordChecker], which documents
// the chance of a collision). At the end of the stream the rules on
// collections are evaluated over the area with the kept records after its
// own, in a world built by the code Check builds its world with, then the
// rules on records over the area's own records (its YAML records and the
// compact's signatories, which no stream holds). So a stream's findings
// come in this order: those on the streamed records, in file order (a
// record's in pack order); then those on the compact, the bodies, the
// members and the signatories, and on the area's own records, in check
// order ([Findings]). They are the findings Check gives when the streamed
// records are written in the area's YAML instead, Sources apart. A check
// of several files of one area shares one Collection ([Collect]) and
// evaluates the end once, after the last file ([Engine.CheckCollected]).
//
// Streamed records are checked as the area's YAML records are when it
// loads ([compact.RecordChecker], on the writing goroutine): an id used
// before, in the stream or in the area's YAML records of the kind, and an
// organisation, person or body the area does not have are invalid input,
// with the class ([compact.ErrDuplicate], [compact.ErrReference]) and
// message NewArea gives, at the record's file:line:column with the path of
// the field in the record. As an area with such a record does not load,
// CheckStream returns them as sorted [compact.Errors] once the stream ends
// (or once it has gathered a thousand), after the findings of the records,
// and does not evaluate the rules on collections; `compact check --stream`
// writes them to stderr and exits 3, as `compact check` does for the same
// records in YAML.
//
// # Pack tests
//
// A pack carries tests: records written as in Records, Directory and
// Compact documents, an as-of date, and the outcome expected of rules on
// subjects:
//
//	tests:
//	  - name: a week to appeal is too short
//	    asOf: 2013-03-31
//	    parameters: {fundingAppealDays: 14}    # optional, over every layer
//	    given:
//	      compact: {governance: [...]}          # optional; else the area's
//	      organisations: [...]                  # optional; else known by id
//	      funding:
//	        - {id: cut, funder: dover-dc, recipient: hub, kind: ending, decided: 2012-10-01, responseInvited: 2012-09-24}
//	    expect:
//	      - {rule: kent-appeal-window, subject: cut, outcome: fail, messageContains: 7 days to appeal}
//	    expectPlan:                             # plan dates, the records taken as drafts
//	      - {subject: cut, step: noticeBy, date: 2012-04-01}
//
// [Engine.Test] runs the tests of the engine's own pack (not those of the
// packs it extends, which test other numbers); `compact rules test PATH`
// exits 0 when they pass, 3 when the pack does not compile and 4 when a test
// fails. A rule that errors on a test's records fails the test.
// [TestsMatching] runs only some tests; [TestCoverage] says which rules and
// which of their branches (when false, pass, fail) the tests reached;
// [WriteJUnit] and [WriteTAP] write results for CI systems, and
// [WriteSARIF] writes a check's findings as SARIF 2.1.0 for code hosts.
//
// # Safety
//
// Rules are written by policy officers, and packs come from wherever an
// area's documents come from, so every limit is a named constant with its
// reason: [MaxRulesPerPack], [MaxExpressionLength], [MaxExpressionNodes],
// [MaxNestingDepth], [MaxExplainValues], [MaxMessageBytes], and for cost
// [MaxCost], [MaxEstimatedCost], [MaxUntrackedCost], [MaxRunCost] and
// [InterruptCheckFrequency]. The cost limits are options whose defaults
// are these constants: [WithMaxCost], [WithMaxEstimatedCost],
// [WithEstimatedListSize], [WithEstimatedTextSize] for Compile, and
// [RunCost] and [Timeout] for Check.
//
// Every expression is bounded, in one of three ways, chosen when it
// compiles:
//
//   - Untracked: an expression without a loop whose estimated worst-case
//     cost, taking lists to be of any length and every string at its
//     field's decoded limit ([compact.ValueLimit]: [compact.MaxNameBytes]
//     for ids, names and positions, [compact.MaxValueBytes] for other
//     text), is at most [MaxUntrackedCost]. Decoding refuses longer values,
//     so the estimate is a true upper bound, and the expression runs
//     without the runtime cost tracker, which would cost more than the
//     rule does. Most rules are of this kind.
//   - Measured: an expression without a loop whose true bound is above
//     MaxUntrackedCost but within [MaxCost] (a test of free text such as
//     funding.reasons.trim() != "", a message built from it), which the
//     cost limit therefore can never stop. It runs untracked too, but its
//     first evaluation and one in 32 after it run under the tracker, and
//     the others are charged the mean of what those cost: what it costs on
//     the text there is, not on the longest text decoding allows, for a
//     fifth of what tracking every evaluation costs.
//   - Tracked: every other expression (a loop, a test of a list's items, a
//     string of no known length) runs under the tracker: it is stopped
//     once it has cost [MaxCost], a few milliseconds of work. A loop
//     looks at the context before it starts, and, with a cost limit raised
//     above MaxCost, every [InterruptCheckFrequency] iterations.
//
// A measured or tracked expression must also pass a compile-time
// estimate, with lists of [EstimatedMaxListSize] items and free text of
// [EstimatedTextSize] characters, of at most [MaxEstimatedCost]; a refusal
// names the call or loop that costs, the fields it reads, and what to do
// instead.
//
// Functions that build strings or lists pay for what they build (format()
// and strings.quote() included, which cel-go leaves unmodelled), so MaxCost
// also caps what one evaluation can build, at about [MaxEvalBytes]. A whole
// Check spends at most [MaxRunCost] (the measured cost of tracked
// expressions, the bound of untracked ones, the mean measured cost of
// measured ones), and stops at its [Timeout]:
// evaluations not run within either give error findings naming the limit,
// and the rules run before keep their findings. A rule that fails at run
// time (the cost limit, a date not given or out of range, a division by
// zero) gives an error finding for that rule and subject only.
package rules
