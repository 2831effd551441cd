package schema

import (
	"encoding/json"
	"reflect"
	"strconv"

	"github.com/invopop/jsonschema"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/rules"
)

// Patterns shared by the schemas. They say in JSON Schema's regular
// expressions (the subset common to ECMA-262 and Go) what the loader checks
// in Go; the tests compare them with the loader's functions.
const (
	// yearPattern is a year from 0001 to 9999, as compact.ParseDate accepts.
	yearPattern = `(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])`
	// monthDayPattern is a month and a day that can exist in it. 29 February
	// passes in every year: the format "date" catches it in other years.
	monthDayPattern = `(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-9]))`
	// datePattern is a civil date, YYYY-MM-DD.
	datePattern = yearPattern + `-` + monthDayPattern
	// periodPattern is a financial year (2024-25), a year (2024) or two
	// dates (2024-04-01..2025-03-31), with the spaces ParsePeriod trims.
	periodPattern = `^\s*(?:` + yearPattern + `|` + yearPattern + `-[0-9]{2}|` + datePattern + `\.\.` + datePattern + `)\s*$`
	// idPattern is what docfmt.ValidID accepts (with idMaxLength).
	idPattern = `^[A-Za-z0-9][A-Za-z0-9._-]*$`
	// parameterPattern is what docfmt.ValidParameterName accepts (with
	// idMaxLength): a CEL identifier.
	parameterPattern = `^[A-Za-z_][A-Za-z0-9_]*$`
	// idMaxLength is docfmt.MaxIDLength.
	idMaxLength = docfmt.MaxIDLength
)

// scalars maps types that read or write themselves (docfmt.ScalarUnmarshaler,
// json.Marshaler, encoding.TextMarshaler) to their schema. Enumerations
// (string types with a Values method) need no entry. A package that adds such
// a type to a document or an output adds a line here; generation fails until
// it does.
var scalars = map[reflect.Type]func() *jsonschema.Schema{
	reflect.TypeFor[compact.Date]():   dateSchema,
	reflect.TypeFor[compact.Period](): periodSchema,
	reflect.TypeFor[compact.Value]():  valueSchema,
	reflect.TypeFor[compact.Fact]():   factSchema,
	reflect.TypeFor[compact.Condition](): func() *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", Description: "A CEL condition."}
	},
	reflect.TypeFor[dispute.Timestamp](): func() *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", Format: "date-time", Description: "A time with its zone offset (RFC 3339): 2013-10-01T10:30:00+01:00."}
	},
	reflect.TypeFor[rules.Expr](): func() *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", Description: "A CEL expression."}
	},
}

func dateSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", Format: "date", Pattern: "^" + datePattern + "$",
		Description: "A civil date, YYYY-MM-DD."}
}

func periodSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: `A period: a financial year ("2024-25", 1 April 2024 to 31 March 2025), a calendar year (2024) or two dates ("2024-04-01..2025-03-31").`,
		AnyOf: []*jsonschema.Schema{
			{Type: "string", Pattern: periodPattern},
			{Type: "integer", Minimum: "1000", Maximum: "9999"},
		},
	}
}

func valueSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A parameter value: a number, a string or true/false.",
		OneOf:       []*jsonschema.Schema{{Type: "number"}, {Type: "string"}, {Type: "boolean"}},
	}
}

// factSchema is the schema of a declared fact's value in the generic
// schemas: open, since the declarations are the area's (compact schema
// --area types them).
func factSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A local fact the area's compact declares: a date, a number, true/false or text.",
		OneOf:       []*jsonschema.Schema{{Type: "number"}, {Type: "string"}, {Type: "boolean"}},
	}
}

// enumSchema is the schema of an enumeration: its values, and their
// descriptions from the comments on the constants for editors that show them
// (enumDescriptions is understood by VS Code and the YAML language server;
// validators ignore it).
func enumSchema(values, descriptions []string) *jsonschema.Schema {
	s := &jsonschema.Schema{Type: "string"}
	for _, v := range values {
		s.Enum = append(s.Enum, v)
	}
	for _, d := range descriptions {
		if d != "" {
			s.Extras = map[string]any{"enumDescriptions": descriptions}
			break
		}
	}
	return s
}

// A constraint tightens the schema of one field of one Go type with a check
// the loader makes after decoding (compact's per-document checks) that a
// schema can express, so that editors flag it as the policy officer types.
// Checks across documents (references, unique ids, dates in order) stay with
// the loader. field "" applies to the type's own schema.
type constraint struct {
	typ   reflect.Type
	field string
	apply []func(*jsonschema.Schema)
}

func on[T any](field string, apply ...func(*jsonschema.Schema)) constraint {
	return constraint{typ: reflect.TypeFor[T](), field: field, apply: apply}
}

// constraints mirror compact's per-document checks (compact/validate.go);
// each of those has a row in the agreement table of the tests. The last
// ones fix values an output always has, which no document check mirrors.
var constraints = []constraint{
	on[compact.Compact]("id", id),
	on[compact.Compact]("parameters", keys(parameterName)),
	on[compact.Compact]("", dependentRequired("tailoring", "extends")),
	on[compact.Aim]("id", id),
	on[compact.Section]("id", id),
	on[compact.Principle]("id", id),
	on[compact.CodeOfPractice]("id", id),
	on[compact.Commitment]("id", id),
	on[compact.Commitment]("parameters", items(parameterName)),
	on[compact.Commitment]("", namedParty),
	on[compact.Body]("id", id),
	on[compact.Body]("minMeetingsPerYear", minimum(0)),
	on[compact.Reporting]("everyMonths", minimum(1)),
	on[compact.Membership]("minTermYears", minimum(0)),
	on[compact.Membership]("minAttendancePerYear", minimum(0)),
	on[compact.DisputeProcedure]("stages", minItems(1)),
	on[compact.Stage]("id", id),
	on[compact.Stage]("minReviewers", minimum(0)),
	on[compact.Limit]("id", id),
	on[compact.Limit]("within", minimum(1)),
	on[compact.Clock]("id", id),
	on[compact.Clock]("within", minimum(1)),
	on[compact.Clock]("warnDays", minimum(0)),
	on[compact.Review]("everyYears", minimum(0)),
	on[compact.Organisation]("id", id),
	on[compact.Person]("id", id),
	on[compact.Consultation]("id", id),
	on[compact.Consultation]("responses", minimum(0)),
	on[compact.FundingDecision]("id", id),
	on[compact.FundingDecision]("amount", minimum(0)),
	on[compact.FundingDecision]("previousAmount", minimum(0)),
	on[compact.FundingDecision]("termMonths", minimum(0)),
	on[compact.Meeting]("id", id),
	on[compact.Nomination]("id", id),
	on[compact.Nomination]("role", id),
	on[compact.Report]("id", id),
	on[compact.Invalid]("valid", constant(false)),
	on[dispute.VerifyOutput]("verified", constant(true)),
	on[dispute.RefusedOutput]("refused", constant(true)),
}

// constant makes a value the only one allowed.
func constant(v any) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { s.Const = v }
}

// id makes a string an id: letters, digits, '.', '_' and '-'.
func id(s *jsonschema.Schema) {
	s.Pattern = idPattern
	s.MaxLength = ptr(uint64(idMaxLength))
}

// parameterName makes a string a parameter name.
func parameterName(s *jsonschema.Schema) {
	s.Pattern = parameterPattern
	s.MaxLength = ptr(uint64(idMaxLength))
}

func minimum(n int) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { s.Minimum = json.Number(strconv.Itoa(n)) }
}

func minItems(n uint64) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { s.MinItems = ptr(n) }
}

// dependentRequired: when field is given, so must the others be.
func dependentRequired(field string, others ...string) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) {
		if s.DependentRequired == nil {
			s.DependentRequired = map[string][]string{}
		}
		s.DependentRequired[field] = others
	}
}

// items applies f to the schema of a list's items.
func items(f func(*jsonschema.Schema)) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { f(s.Items) }
}

// keys applies f to the names of a mapping's keys.
func keys(f func(*jsonschema.Schema)) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) {
		s.PropertyNames = &jsonschema.Schema{}
		f(s.PropertyNames)
	}
}

// namedParty: a commitment of party named lists its organisations; one of
// any other party lists none.
func namedParty(s *jsonschema.Schema) {
	s.If = property(&jsonschema.Schema{Required: []string{"party"}}, "party",
		&jsonschema.Schema{Const: string(compact.PartyNamed)})
	s.Then = property(&jsonschema.Schema{Required: []string{"organisations"}}, "organisations",
		&jsonschema.Schema{MinItems: ptr(uint64(1))})
	s.Else = property(&jsonschema.Schema{}, "organisations", &jsonschema.Schema{MaxItems: ptr(uint64(0))})
}

// property returns s with one property.
func property(s *jsonschema.Schema, name string, p *jsonschema.Schema) *jsonschema.Schema {
	s.Properties = jsonschema.NewProperties()
	s.Properties.Set(name, p)
	return s
}

func ptr[T any](v T) *T { return &v }
