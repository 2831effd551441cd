// Package schema publishes a JSON Schema (draft 2020-12) for every document
// compactkit reads and every JSON output it writes, generated from the Go
// types, so that integrators in other languages can validate documents and
// policy officers get validation and autocompletion in their editors.
//
// # The schemas
//
// The generated files sit next to this package's source, one per kind
// (compact.json, directory.json, records.json, ...), plus document.json, which
// accepts a document of any kind and applies the schema of its kind. [Kinds]
// lists them; [Published] returns a file as committed; the command
// "compact schema" prints and writes them.
//
// Each schema's $id is [BaseURL] followed by its file name, for example
// https://compactkit.org/schema/v1/compact.json. Within compactkit/v1 a
// schema only changes compatibly: documents gain new optional fields, and a
// document valid today stays valid. A change that could reject a valid
// document is compactkit/v2, with new $ids. Outputs allow fields they do not
// list, since they too may gain fields within v1; readers ignore what they do
// not know. Names under $defs are stable for the types of package compact;
// types of other packages are named package.Type.
//
// # What a schema checks
//
// The schemas follow the strict document decoder of package compact: field
// names from the json tags; a field without omitempty or omitzero is
// required; no other fields (additionalProperties: false); strings, numbers,
// integers and booleans as declared, never null; enumerations from the
// types' Values; dates as YYYY-MM-DD (format "date" and a pattern, for
// validators that do not check formats); periods as "2024-25", 2024 or
// "from..to"; parameter values as a number, a string or a boolean;
// apiVersion is always compactkit/v1 and kind is the schema's kind.
// Descriptions are the Go doc comments.
//
// They also carry the checks the loader makes inside one document that a
// schema can express: the form of ids and parameter names, numbers that
// cannot be negative, the organisations of a commitment of party named.
// What needs more than one document, or arithmetic, stays with the loader
// ("compact validate"): references to organisations, people, bodies and
// principles; ids used twice; dates out of order; a financial year whose
// second part is not the next year; keys given twice in YAML. The tests keep
// a table of documents on which the loader and the schemas agree, and of the
// differences.
//
// # Adding a kind
//
// When a package that owns a document kind or an output lands, add one line
// to the registry in kinds.go, for example
//
//	document[rules.RulePack](compact.KindRulePack),
//
// then run "go generate ./schema" and commit the new file. The tests fail
// until the files are current, and fail for an example document whose kind
// has no schema. A type that reads or writes itself (an UnmarshalScalar,
// MarshalJSON or MarshalText method) and is not an enumeration needs its
// schema in scalars in types.go; generation says so.
//
// # Editors
//
// A YAML document names its schema in a first-line comment that the YAML
// language server (VS Code, Neovim, JetBrains with the plugin) reads:
//
//	# yaml-language-server: $schema=https://compactkit.org/schema/v1/compact.json
//
// [Annotate] writes that line for every document in a file;
// "compact schema --annotate" runs it over folders.
package schema

//go:generate go run ./internal/schemagen
