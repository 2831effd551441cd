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
package compactkit
