// Package importer reads what public bodies actually publish, and a
// council's own spreadsheets, into an area's documents: Records (funding
// decisions, consultations) and a Directory of the organisations they name.
//
// # Sources
//
//	source      reads                                             writes
//	360giving   360Giving Data Standard grants: a JSON package,   funding decisions (kind new), one per grant
//	            or the standard's CSV or XLSX layout
//	ocds        an OCDS release package or record package         funding decisions, one per award and supplier
//	            (Contracts Finder); releases of one ocid merged
//	            in date order by the OCDS merge rules
//	govuk       GOV.UK Content API consultation content items     consultations, one per base path
//	table       a CSV or XLSX register, read with a [Mapping]     funding decisions or consultations, one per row
//
// [Import] writes one document file per source file into the area folder,
// imported-SOURCE-NAME.yaml, with a Directory of the organisations the area
// lacked beside it (imported-SOURCE-NAME.directory.yaml). Records are
// written one to a line as JSON flow mappings, streamed: a spreadsheet of a
// million rows is read a row at a time and never held in memory (JSON
// sources are read whole, up to [MaxJSONBytes], to position their errors).
// Each is written to a temporary file and, once every source file of the
// import has been read, given the period of the whole import (from its
// first record to its last), synced and renamed into place, the
// directories before the records: the area never holds half an import,
// and a check of it covers every record the import wrote.
//
// # Ids, re-imports and hand-written records
//
// A record's id is the source's own (a 360Giving grant id, an ocid and
// award id, a GOV.UK slug), so importing a file again gives the same ids
// and replaces its earlier output: nothing is duplicated. The area's other
// files (hand-written records, other imports) are read to match
// organisations and are never changed. The same GOV.UK consultation in
// several files of one import is imported once: a withdrawn item wins, then
// the latest public_updated_at.
//
// # Organisations
//
// Organisations are matched to the area's directory by identifier:
// org-id.guide identifiers (GB-CHC-1234567, GB-COH-01234567, GB-LAE-TRF)
// and 360Giving local ids (360G-...). By name only with [MatchNames]. An
// organisation the area lacks is added with what its identifier's register
// says (GB-CHC is a charity, GB-LAE a local authority); where the source
// does not say, its sector and kind are "unknown". Nothing is inferred
// from a name: a Contracts Finder supplier is voluntary and community only
// when its party says details.vcse is true.
//
// # Provenance, unknowns and bad data
//
// Every imported record carries a [compact.Provenance]: the source file,
// the JSON pointer or spreadsheet row, and the source's id. Findings carry
// it too, so every finding of a check names the source row.
//
// What the data does not say is reported, never guessed: each
// [FileResult] counts what is not published (a grant with neither a
// duration nor planned dates; a contract with no period; whether a
// consultation is formal), what was left out and why (a withdrawn
// consultation, a tender with no award yet), and the source fields no
// record field takes. A grant with no duration is imported without a term,
// and the national multi-year-funding check says "duration not published".
//
// A bad value (an awardDate of "24/07/2014", a malformed organisation id,
// a GOV.UK closing date in 2216) is a [compact.Error] with the file, line,
// column and field (a JSON pointer, or a column title), of class
// [compact.ErrValue], [compact.ErrMissing], [compact.ErrDuplicate] or
// [compact.ErrOrder]; the item it is in is left out and the rest of the
// file imports.
//
// # Dates
//
// Published dates become UK civil dates: a plain date is itself; a
// date-time with a numeric offset is the date as written, on the
// publisher's own clock (GOV.UK writes +01:00 even in November); a UTC
// ("Z") date-time is an instant, dated on the London clock, so
// 2024-08-31T23:30:00Z is 1 September. Dates after [MaxPlausibleYear] are
// refused as implausible.
//
// # Limits
//
//	limit               default   option              why
//	MaxJSONBytes        256 MiB   WithMaxJSONBytes    JSON is read whole to position errors; spreadsheets stream
//	MaxProblems         100       WithMaxProblems     a bad column gives the same error on every row; the rest are counted
//	MaxPlausibleYear    2100      (constant)          GOV.UK's examples close in 2216 to stay "open"
//
// An area is loaded with package compact's own limits: a records file over
// compact.MaxFileBytes (32 MiB, about 75,000 imported funding decisions) imports but
// does not load, so split a larger register into several files.
//
// # Tables and declared facts
//
// A [Mapping] (an ImportMapping document) maps a register's column titles
// to record fields, with defaults for what every row shares (the funder).
// Records do not carry declared local facts yet; when they do, a mapping
// gains fact names beside the field names.
package importer
