// Package docfmt holds the document framework under package compact: the
// pieces that read and check YAML documents in general, as opposed to the
// domain (compacts, records, areas) that compact exports.
//
// It is internal so that the framework is not public API. It holds:
//
//   - [Scalar], the single value the decoder hands to a type that reads
//     itself ([ScalarUnmarshaler]), and [TypeMismatch], the standard
//     "expected X, found Y" refusal; [ScalarStyle], and [StyleOf], the style
//     a scalar's first character gives it;
//   - enumerations: [Enum], [EnumStrings] and [ParseEnum], which every
//     package with enumerated document fields uses;
//   - names: [ValidID], [ValidParameterName] and [MaxIDLength], and
//     [FieldName], the name a struct field has in documents;
//   - the "did you mean" rule, [Closest].
//
// Positions, errors and their classes stay in package compact: they are
// what a caller of the library sees. So do the words of texts
// (compact.Render, Words, Quantity): "words follow numbers" is part of the
// document language, a Quantity holds a compact.Value, and package rules
// hands Words out through its own API. docfmt imports nothing of the
// module, so every package, compact included, can build on it.
package docfmt
