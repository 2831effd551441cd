// Package docfmt holds the document framework under package compact: the
// pieces that read and check YAML documents in general, as opposed to the
// domain (compacts, records, areas) that compact exports.
//
// It is internal so that the framework is not public API. For now it holds
// the "did you mean" rule, [Closest]; the scalar, enumeration and error
// helpers compact still exports move here as their callers across the
// module are switched over.
package docfmt
