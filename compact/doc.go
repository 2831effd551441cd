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
