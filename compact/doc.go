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
// area: nothing is half-applied.
//
// Dates are civil dates written 2024-03-01 ([Date]); the zero Date means
// "not given". Library code never reads the clock: every "as of" date is an
// explicit input.
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
package compact
