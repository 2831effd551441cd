// Package compactkit is the one-file way in to the library: load an area
// once, validate every document in it, check it against its compact and
// build its annual report, each with one call.
//
//	area, err := compactkit.Validate(ctx, "examples/kirklees") // every problem, sorted by file, line and column
//	...
//	checked, err := area.Check(ctx)                        // as of the end of the records period
//	report, err := area.Report(ctx, compactkit.AsOf(checked.AsOf))
//
// [Area.Check] and [Area.Report] choose the as-of date and the period the
// same way (compact.Area.Span), so for the same options they cover the same
// period and agree figure for figure: the report's compliance section is
// the check's findings. The facade sits above every other package
// (compact, roles, rules, dispute, reporting) and adds no domain logic of
// its own: each fact is computed in the package that owns its data, and
// the command line (cmd/compact) calls these functions and prints.
//
// The area's rule engine is compiled once, on first use, and bound to the
// area (see rules.Engine): its compact's parameters are applied and its
// records are the ones checked. The built-in national baseline
// (examples/national) is in every area's library unless [WithoutNational]
// is given; [WithLibrary] adds other base documents.
//
// # Scale
//
// Loading, validating, checking and reporting take time in proportion to
// the records: every question asked once per record or per member (is this
// organisation a signatory on that date, who are the members of this body,
// which meetings did they attend, which earlier nominations overlap this
// one) is answered from an index built once (compact.IndexSignatures,
// compact.Members, compact.IndexAttendance, compact.TallyAttendance), never
// by rescanning the records. Files are read and parsed on every core; each
// directory and records document is decoded as soon as its file is read and
// its YAML tree dropped, so an area's memory is its records and findings,
// not the parser's trees. The benchmarks in bench_test.go measure
// validate, check, report and roles on generated areas of 10,000 and
// 100,000 records; `compact generate` writes such areas, the same for the
// same flags, so anyone can reproduce the figures.
//
// # Sharding a national run
//
// A national run (every published grant, a department's whole funding
// register, a year of Contracts Finder notices) is too big for one process
// only because of its input, never because of its logic: every fact a rule
// reads is one record plus the area it belongs to (its compact, its
// directory, its governance records), and the library keeps no state shared
// between areas or calls: no global registries, caches or clocks (the
// indexes it builds belong to one loaded area; compiled rule programs are
// immutable). So a batch engine (a Kubernetes Job with indexed completions,
// an Argo or Airflow fan-out, GNU parallel over a list of folders, a Spark or
// Beam map step that runs compact check) shards the run by area: each task
// loads one area and checks it, with the as-of date given explicitly, and
// writes its findings as CSV or JSON; the outputs are concatenated, with no
// merge and no coordination between tasks.
//
// When one area is itself too large (a national funder), its funding
// decisions and consultations split further by funder or by financial
// year, and each shard is an area of its own holding its slice of those
// records plus copies of the compact, the directory and the governance
// records (meetings, nominations, signatures, reports: a few per cent of
// the records, and read-only). A record's findings depend only on the
// record, its area and the as-of date, so they are the same in whichever
// shard checks them. The findings about the area's bodies, members,
// signatories and compact come out the same in every shard: keep one
// shard's. Figures that span records (counts per body or per funder,
// year-on-year comparisons) are sums per key, which add up across shards.
package compactkit
