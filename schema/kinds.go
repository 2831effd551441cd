package schema

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/importer"
	"github.com/compactkit/compactkit/plan"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/roles"
	"github.com/compactkit/compactkit/rules"
)

// BaseURL is where the schemas of compactkit/v1 are published. A schema's
// $id is BaseURL followed by its file name, and never changes within v1.
const BaseURL = compact.SchemaBaseURL

// Kind is one kind of JSON (or YAML) document compactkit reads or writes,
// with the Go type its schema is generated from and where the schema lives.
type Kind struct {
	// Name of the kind: the document kind for documents ("Compact",
	// "Records"), a lower-case name for outputs ("findings"), and "document"
	// for the schema that accepts a document of any kind.
	Name string
	// File is the schema's file name, in the schema folder and under
	// BaseURL: "compact.json", "rule-pack.json".
	File string
	// ID is the schema's $id: BaseURL + File.
	ID string
	// Document is true for documents people write, which carry apiVersion
	// and kind and are read strictly (unknown fields are errors), and false
	// for outputs the library writes, which may gain fields within v1.
	Document bool
	// Type is the Go type the schema is generated from; nil for the
	// any-document schema, which is assembled from the document kinds.
	Type reflect.Type
}

// registry lists every kind with a schema. THIS IS THE ONE PLACE TO ADD A
// KIND: when a package that owns a document kind or an output lands, add one
// line here, run "go generate ./schema" and commit the new schema file.
//
//	document[rules.RulePack](compact.KindRulePack),
//	output[[]rules.Finding]("findings"),
//
// A document kind is named by its compact.Kind and generated from the Go type
// the owning package decodes it into; an output is named in lower case and
// generated from the type the library marshals. If the type holds a type
// that reads or writes itself (an UnmarshalScalar, MarshalJSON or
// MarshalText method) and is not an enumeration, generation fails and names
// it: give it a line in scalars in types.go, for example
//
//	reflect.TypeFor[rules.Expr](): func() *jsonschema.Schema { return &jsonschema.Schema{Type: "string"} },
var registry = []Kind{
	document[compact.Compact](compact.KindCompact),
	document[compact.Directory](compact.KindDirectory),
	document[compact.Records](compact.KindRecords),
	document[rules.RulePack](compact.KindRulePack),
	document[roles.RoleCatalogue](compact.KindRoleCatalogue),
	document[dispute.CaseFile](compact.KindDispute),
	document[dispute.EventFile](compact.KindDisputeEvent),
	document[dispute.KeysFile](compact.KindDisputeKeys),
	document[reporting.ActionPlan](compact.KindActionPlan),
	document[reporting.Priorities](compact.KindPriorities),
	document[importer.Mapping](compact.KindImportMapping),
	output[rules.CheckOutput]("findings"),
	output[rules.TestOutput]("tests"),
	output[reporting.Report]("report"),
	output[rules.Coverage]("coverage"),
	document[plan.Draft](compact.KindDraft),
	output[plan.Plan]("plan"),
	output[compact.Invalid]("invalid"),
	output[compact.Validation]("validation"),
	output[rules.Explanation]("rule-explanation"),
	output[roles.SnapshotOutput]("roles"),
	output[roles.ContactOutput]("roles-contact"),
	output[reporting.ConsultationsOutput]("consultations"),
	output[dispute.CaseOutput]("dispute-case"),
	output[dispute.DueOutput]("dispute-due"),
	output[dispute.VerifyOutput]("dispute-verification"),
	output[dispute.AppliedOutput]("dispute-applied"),
	output[dispute.RefusedOutput]("dispute-refused"),
	output[Listing]("schemas"),
}

// anyDocument is the schema that accepts a document of any registered kind,
// dispatching on kind. Editors can map a whole folder to it.
var anyDocument = Kind{Name: "document", File: "document.json", ID: BaseURL + "document.json", Document: true}

// document registers a document kind read into the Go type T.
func document[T any](kind compact.Kind) Kind {
	file := kebab(string(kind)) + ".json"
	return Kind{Name: string(kind), File: file, ID: BaseURL + file, Document: true, Type: reflect.TypeFor[T]()}
}

// output registers an output the library writes as JSON from the Go type T.
func output[T any](name string) Kind {
	file := kebab(name) + ".json"
	return Kind{Name: name, File: file, ID: BaseURL + file, Type: reflect.TypeFor[T]()}
}

// kebab turns a kind name into a file name: RulePack becomes rule-pack.
func kebab(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('-')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Kinds lists every schema: the document kinds, then the outputs, in the
// order registered, and last the any-document schema.
func Kinds() []Kind {
	out := make([]Kind, 0, len(registry)+1)
	for _, k := range registry {
		if k.Document {
			out = append(out, k)
		}
	}
	for _, k := range registry {
		if !k.Document {
			out = append(out, k)
		}
	}
	return append(out, anyDocument)
}

// Find returns the kind with a name, ignoring case: the kind's name
// ("RulePack"), its file name ("rule-pack.json") or the file name without
// .json ("rule-pack").
func Find(name string) (Kind, bool) {
	for _, k := range Kinds() {
		if strings.EqualFold(name, k.Name) || strings.EqualFold(name, k.File) ||
			strings.EqualFold(name, strings.TrimSuffix(k.File, ".json")) {
			return k, true
		}
	}
	return Kind{}, false
}

// ForDocument returns the schema of a document kind. It fails for a kind that
// compact knows but no schema is registered for yet.
func ForDocument(kind compact.Kind) (Kind, error) {
	for _, k := range registry {
		if k.Document && k.Name == string(kind) {
			return k, nil
		}
	}
	return Kind{}, fmt.Errorf("no schema for document kind %s: register it in schema/kinds.go", kind)
}
