// Package compact is the domain model of compactkit: UK Compacts, the
// written agreements on how public bodies and the voluntary and community
// sector work together, and the records that show whether partners keep them.
//
// # Documents
//
// Everything is read from documents written in YAML (or JSON, which is
// equivalent). Each starts with a header:
//
//	apiVersion: compactkit/v1
//	kind: Compact
//
// This package reads three kinds:
//
//   - Compact: the agreement. Vision, aims, principles, the commitments of
//     each party (public bodies, the voluntary and community sector, everyone,
//     or named organisations), codes of practice, governance bodies with their
//     meeting cadence, reporting line and membership rules, the dispute
//     procedure, signing rules, signatories, review cycle and parameters (the
//     numbers a local area may change, such as fundingNoticeMonths).
//   - Directory: the organisations of the area (sector and kind) and the
//     people who hold roles, attend meetings or sign.
//   - Records: what happened. Consultations, funding decisions (new,
//     renewal, reduction, ending, with notice, reasons, impact assessment and
//     payment dates), meetings of governance bodies, nominations to roles,
//     signatures and reports delivered.
//
// The other kinds of compactkit/v1 (RulePack, RoleCatalogue, Dispute,
// DisputeEvent, ActionPlan, Priorities) are decoded by the packages that own
// them, from the [Document] values an [Area] keeps.
//
// # Strict decoding and errors
//
// [Document.Decode] is strict: an unknown field, a value of the wrong type, a
// bad date, a value outside an enumeration or a missing required field is an
// error, and every problem in a document is reported together. Each problem
// is an [*Error] that names the file, line and column, the field path (such
// as "consultations[2].closes") and what was expected, and can quote the
// source line with a caret ([Error.Snippet]). Problems are grouped in an
// [Errors] list; test their class with [errors.Is] (ErrUnknownField,
// ErrReference, ...). Bad input never panics and a failed load returns no
// area: nothing is half-applied. A problem keeps the error underneath it
// ([Error.Cause]): errors.Is(err, fs.ErrNotExist) is true when [ReadFile]
// is given a file that is missing. [Errors.Sort] puts a list in reading
// order (file, line, column), stably.
//
// # Error codes
//
// Every class has a stable machine code, which [Code] returns and every JSON
// error output of the compact command shows as "code". The English text of
// a class or message may change between releases; a code does not. The
// codes of every package, in one table:
//
//	code                  class                          meaning
//	syntax                compact.ErrSyntax              the file is not well-formed YAML or JSON
//	bad-header            compact.ErrHeader              apiVersion or kind missing, unknown or unsupported
//	unknown-field         compact.ErrUnknownField        a field the document kind does not define
//	wrong-type            compact.ErrType                a value of the wrong type
//	missing-field         compact.ErrMissing             a required field is absent
//	bad-value             compact.ErrValue               a value that is not allowed (enumeration, id, number)
//	bad-date              compact.ErrBadDate             not a date written YYYY-MM-DD, or not a calendar day (also bad-value)
//	duplicate             compact.ErrDuplicate           an id, key or name given twice
//	dangling-reference    compact.ErrReference           a reference to something that does not exist
//	dates-out-of-order    compact.ErrOrder               dates that form a range are out of order
//	layering              compact.ErrLayering            a tailoring of a base that cannot be applied
//	limit-exceeded        compact.ErrLimit               input larger than a documented limit
//	empty-area            compact.ErrEmpty               an area with no documents (allowed with AllowEmpty, --allow-empty)
//	io                    compact.ErrIO                  a file or folder could not be read
//	skipped               compact.ErrSkipped             a warning: a file that is not regular was left out
//	date-out-of-range     compact.ErrDateRange           a date computed outside 0001-01-01..9999-12-31
//	does-not-compile      rules.ErrCompile               a rule expression does not parse or type-check
//	no-rule-pack          rules.ErrNoPack                no rule pack for the area
//	no-as-of              rules.ErrNoAsOf                an evaluation without an as-of date
//	not-a-subject         rules.ErrSubject               a value rules do not apply to
//	cycle                 compact.ErrCycle               documents that extend one another, or roles that imply one another, in a loop
//	too-many-holders      roles.ErrTooManyHolders        more holders of a role than it allows
//	not-a-signatory       roles.ErrNotSignatory          a nomination by an organisation that was not a signatory
//	appointment-rules     roles.ErrAppointment           a nomination that breaks the role's appointment rules
//	no-role-catalogue     roles.ErrNoCatalogue           nominations but no role catalogue
//	unknown-organisation  roles.ErrUnknownOrganisation   a query named an organisation not in the directory
//	event-refused         dispute.ErrRefused             a dispute event was refused (the case is unchanged)
//	not-allowed-in-state  dispute.ErrTransition          the event does not apply in the case's state
//	condition-not-met     dispute.ErrGuard               a condition of the procedure is not met
//	not-permitted         dispute.ErrPermission          the actor may not record this event
//	invalid-event         dispute.ErrInvalidEvent        the event itself is malformed
//	tampered              dispute.ErrTampered            a case file's hash chain is broken
//	bad-signature         dispute.ErrSignature           an event's signature is missing, unknown or does not verify
//	checkpoint-mismatch   dispute.ErrCheckpoint          a case does not match the area's checkpoint log
//	no-dispute-procedure  dispute.ErrNoProcedure         the compact has no dispute procedure
//	case-locked           dispute.ErrLocked              another apply holds the case file's lock
//	case-exists           dispute.ErrExists              the case already exists
//	unclassified          (none)                         an error of no class: please report it
//
// A refused dispute event gives its narrower code (not-allowed-in-state,
// condition-not-met, ...). Packages that build on this one make their
// classes with [NewClass].
//
// Dates are civil dates written 2024-03-01 ([Date]); the zero Date means
// "not given". Library code never reads the clock: every "as of" date is an
// explicit input.
//
// # Bulk records: JSON Lines
//
// Records in bulk are JSON Lines files (.jsonl): one record a line, a
// "record" member naming its kind and the fields of a Records entry,
// decoded as strictly, each record's Source its file:line:column (see
// [DecodeRecordLine], [RecordDecoder], [ReadRecordsJSONL] and
// [AppendRecordLine]; lines are at most [MaxRecordLineBytes]). [LoadArea]
// reads only the YAML and JSON documents of an area, never its .jsonl
// files: those stream past the rules (rules.Engine.CheckStream, compact
// check --stream) and are never all held. A streamed record is checked for
// its own fields and facts as it decodes, and then by a [RecordChecker]
// as NewArea checks the area's records: its id not used before by a record
// of its kind (in the stream or the YAML), the organisations, people and
// bodies it names known, with the same problems.
//
// # Areas and layering
//
// A folder of documents is an area: [LoadArea] reads it, decodes the kinds
// above, resolves the compact against its base and checks every id and
// reference (a commitment's principles, a record's organisation, body or
// person, a meeting's attendees). A local compact extends a base compact
// (usually the national one, id national-2010) the way a profile tailors a
// catalogue: it adopts the base's commitments, includes or excludes some
// ([Tailoring]), sets parameters and adds local commitments. [Resolve]
// returns the flat result as a [Resolved] compact, which says where each
// commitment, principle and parameter came from. Bases are found among the
// area's own documents and then in a [Library] (see [WithLibrary]).
//
// # Local facts
//
// An area whose commitments need facts the record types do not have (the
// date a group was offered a meeting before a cut, who took a decision)
// declares them in its compact, per record kind, with a type ([FactType]:
// date, bool, int, money, text, enum with values, or the id of an
// organisation, person or body), a description and whether every record
// must give it, or every record for which a CEL condition holds
// (requiredWhen, checked by package rules when it compiles the area's pack)
// ([FactDecl]):
//
//	facts:
//	  funding:
//	    meetingOffered: {type: date, description: The date a meeting was offered.}
//	    decidedBy: {type: enum, values: [officer, grants-panel, cabinet], description: Who decided.}
//
// Records carry the values in a facts map (facts: {meetingOffered:
// 2024-05-13}). Loading an area checks them against the declarations
// ([TypeFacts]): an undeclared fact is an error with a "did you mean", a
// value of the wrong type an error at the value, a missing required fact an
// error naming the record, and a reference fact must resolve. Declarations
// layer through extends: a base compact declares facts its areas fill in;
// redeclaring an inherited fact is an error. Package rules reads them
// typed (funding.facts.meetingOffered is a date).
//
// # Words follow numbers
//
// A text (a commitment's, a rule's title or message) may name a parameter
// as {fundingNoticeMonths}; [Render] fills it with the value in force and
// its unit ("6 months'"), so a local value reads in local words. Package
// rules supplies the values and units ([Words]).
//
// # Input limits and dates
//
// Documents come from spreadsheets and other systems, so reading is
// guarded: only regular files are read (a named pipe, device or socket in
// an area is skipped with a warning in [Area.Warnings], class
// [ErrSkipped]; links to folders are not followed; a loop of links is an
// error); a file holds at most [MaxFileBytes] and an area [MaxAreaBytes]
// ([WithMaxFileBytes], [WithMaxAreaBytes]); a value at most
// [MaxValueBytes], and an id, name or position [MaxNameBytes] (see
// [ValueLimit]); NUL bytes, invalid UTF-8 and UTF-16 text are errors at
// their line and column; an error quotes at most [MaxQuotedLine]
// characters of its line. Dates lie within [MinDate]..[MaxDate]: parsing
// refuses others, the checked arithmetic ([Date.AddDaysChecked] and its
// siblings) returns [ErrDateRange], and dispute limits and clocks run at
// most [MaxLimitYears].
package compact
