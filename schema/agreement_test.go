package schema_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/schema"
)

// The agreement tables: documents the loader accepts are accepted by the
// schemas; documents it rejects for a reason a schema can express are
// rejected by the schemas, at the same place; and the differences that
// cannot be closed are listed, with the reason.

const (
	compactHead   = "apiVersion: compactkit/v1\nkind: Compact\nid: town\ntitle: Town Compact\n"
	directoryHead = "apiVersion: compactkit/v1\nkind: Directory\n"
	recordsHead   = "apiVersion: compactkit/v1\nkind: Records\n"
	// directory gives records something to refer to.
	directory = "---\n" + directoryHead + `organisations:
  - {id: council, name: Town Council, sector: public, kind: local-authority}
  - {id: cvs, name: Town CVS, sector: voluntary-community, kind: infrastructure-body}
people:
  - {id: ann, name: Ann Lee, organisation: council}
`
	// governance gives meetings and reports a body.
	governance = "governance:\n  - {id: steering, name: Steering Group, kind: steering-group}\n  - {id: board, name: Board, kind: board, external: true}\n"
)

// load reads documents as compact does: Parse, a strict Decode of each
// document into its kind's Go type, then the checks of an area.
func load(name, data string) error {
	docs, err := compact.Parse(name, []byte(data))
	if err != nil {
		return err
	}
	var errs compact.Errors
	for _, d := range docs {
		k, err := schema.ForDocument(d.Kind)
		if err != nil {
			return err
		}
		if err := d.Decode(reflect.New(k.Type).Interface()); err != nil {
			errs = append(errs, compact.AsErrors(err)...)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	_, err = compact.NewArea(docs)
	return err
}

// docName names a test document: doc.json when it is JSON.
func docName(doc string) string {
	if strings.HasPrefix(doc, "{") {
		return "doc.json"
	}
	return "doc.yaml"
}

// problem is one leaf error of a schema validation.
type problem struct {
	at      string // JSON pointer of the value
	keyword string // the keyword that failed
}

// check validates every document of a YAML stream against the schema of its
// kind (when it has one) and against the any-document schema, and returns
// the leaf errors.
func check(t *testing.T, name, data string) []problem {
	t.Helper()
	v := compiled(t)
	docs, err := documents(name, []byte(data))
	require.NoError(t, err)
	var out []problem
	for _, d := range docs {
		for _, name := range []string{d.kind, "document"} {
			if k, err := schema.ForDocument(compact.Kind(name)); err == nil || name == "document" {
				if name != "document" {
					name = k.Name
				}
				var ve *jsv.ValidationError
				if err := v[name].Validate(d.value); errors.As(err, &ve) {
					out = append(out, leaves(ve)...)
				} else {
					require.NoError(t, err)
				}
			}
		}
	}
	return out
}

// leaves returns the innermost errors, each with the first keyword of its
// keyword path ("dependentRequired" rather than the field it names).
func leaves(e *jsv.ValidationError) []problem {
	kp := e.ErrorKind.KeywordPath()
	kw := ""
	if len(kp) > 0 {
		kw = kp[0]
	}
	if kw == "propertyNames" {
		// An invalid key is reported at its mapping. The validator (v6.0.3)
		// can give a propertyNames error the location of a sibling value, so
		// the mapping is read from the schema location instead: the
		// property whose propertyNames failed.
		loc := strings.TrimSuffix(e.SchemaURL, "/propertyNames")
		return []problem{{at: "/" + loc[strings.LastIndex(loc, "/")+1:], keyword: kw}}
	}
	if len(e.Causes) == 0 {
		return []problem{{at: "/" + strings.Join(e.InstanceLocation, "/"), keyword: kw}}
	}
	var out []problem
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

var index = regexp.MustCompile(`\[(\d+)\]`)

// pointer turns a loader path ("consultations[0].formall") into a JSON
// pointer ("/consultations/0/formall").
func pointer(path string) string {
	if path == "" {
		return "/"
	}
	return "/" + strings.ReplaceAll(index.ReplaceAllString(path, ".$1"), ".", "/")
}

func parent(p string) string {
	if i := strings.LastIndex(p, "/"); i > 0 {
		return p[:i]
	}
	return "/"
}

// TestAgreementGood: documents the loader accepts are accepted by the schemas.
func TestAgreementGood(t *testing.T) {
	cases := []struct{ name, doc string }{
		{"minimal compact", compactHead},
		{"minimal directory", directoryHead},
		{"minimal records", recordsHead},
		{"compact header in JSON", `{"apiVersion": "compactkit/v1", "kind": "Compact", "id": "town", "title": "Town"}`},
		{"every parameter type", compactHead + "parameters:\n  months: 3\n  ratio: 0.5\n  name: x\n  on: true\n  _private2: 2024-03-01\n"},
		{"dates quoted and not", compactHead + "adopted: '2012-10-01'\nreview: {next: 2016-02-29}\n"},
		{"empty lists and mappings", compactHead + "aims: []\nparameters: {}\ngovernance: []\n"},
		{"tailoring with extends", strings.Replace(compactHead, "id: town", "id: town\nextends: base", 1) + "tailoring: {}\n---\n" +
			"apiVersion: compactkit/v1\nkind: Compact\nid: base\ntitle: Base\n"},
		{"party named with organisations", compactHead + "commitments:\n  - {id: c1, party: named, organisations: [cvs], text: T}\n" + directory},
		{"party public with an empty list", compactHead + "commitments:\n  - {id: c1, party: public, organisations: [], text: T}\n"},
		{"dispute procedure", compactHead + governance + `disputeProcedure:
  scope: the process, not a decision
  stages:
    - {id: informal, name: Informal, kind: informal, limits: [{id: meet, name: Meet, within: 10, unit: working-days}]}
    - {id: review, name: Review, kind: review, body: steering, minReviewers: 2, after: [informal]}
  clocks:
    - {id: jr, name: Judicial review, within: 3, unit: months, from: decision, warnDays: 14}
`},
		{"governance with zeros", compactHead + "governance:\n  - {id: g, name: G, kind: panel, minMeetingsPerYear: 0, reporting: {to: g, everyMonths: 12}, membership: {minTermYears: 0}}\n"},
		{"id of 100 characters", strings.Replace(compactHead, "id: town", "id: "+strings.Repeat("a", 100), 1)},
		{"financial year", recordsHead + "period: 2024-25\n"},
		{"calendar year as a number", recordsHead + "period: 2024\n"},
		{"calendar year as a string", recordsHead + "period: '2024'\n"},
		{"period of two dates", recordsHead + "period: 2024-04-01..2025-03-31\n"},
		{"period with spaces", recordsHead + "period: ' 2024-25 '\n"},
		{"leap day", recordsHead + "consultations:\n  - {id: c, title: T, owner: council, opens: 2024-02-29, closes: 2024-03-31}\n" + directory},
		{"amounts whole and not", recordsHead + "funding:\n  - {id: f, funder: council, recipient: cvs, kind: new, amount: 1000, previousAmount: 99.5, decided: 2024-01-01}\n" + directory},
		{"records of every kind", recordsHead + `consultations:
  - {id: c, title: T, owner: council, opens: 2024-01-01, closes: 2024-03-31, formal: true, responses: 0, feedbackPublished: 2024-05-01}
funding:
  - id: f
    funder: council
    recipient: cvs
    kind: ending
    decided: 2024-01-01
    noticeGiven: 2024-01-02
    noticeForm: written
    effective: 2024-05-01
    clauses: [{kind: campaigning-restriction, text: No lobbying.}]
nominations:
  - {id: n, role: compact-champion, organisation: council, person: ann, from: 2024-01-01}
signatures:
  - {organisation: cvs, signed: 2024-01-01, withdrawn: 2024-06-01}
` + directory},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, load(docName(tc.doc), tc.doc), "the loader accepts it")
			assert.Empty(t, check(t, docName(tc.doc), tc.doc), "the schemas accept it")
		})
	}
}

// TestAgreementBad: documents the loader rejects are rejected by the schemas,
// for the same reason at the same place. path is where the loader reports
// the problem; the schema reports keyword (or one of keywords separated by
// |) there or at its parent (an unknown or missing field is reported at the
// mapping that has or lacks it). Dates fail format when the validator
// asserts formats, and pattern when it does not (TestDatesMatchTheLoader).
func TestAgreementBad(t *testing.T) {
	cases := []struct {
		name    string
		doc     string
		class   error  // the loader's error class
		path    string // the loader's path
		keyword string // the schema keyword that fails
	}{
		// structure
		{"unknown field", compactHead + "titel: x\n", compact.ErrUnknownField, "titel", "additionalProperties"},
		{"empty id", strings.Replace(compactHead, "id: town", `id: ""`, 1), compact.ErrValue, "id", "pattern"},
		{"unknown field in a record", recordsHead + "consultations:\n  - {id: c, title: T, owner: o, opens: 2024-01-01, closes: 2024-02-01, formall: true}\n", compact.ErrUnknownField, "consultations[0].formall", "additionalProperties"},
		{"unknown field in a nested mapping", compactHead + "tailoring: {exclude: [a], because: x}\n", compact.ErrUnknownField, "tailoring.because", "additionalProperties"},
		{"unknown kind of record", recordsHead + "complaints: []\n", compact.ErrUnknownField, "complaints", "additionalProperties"},
		{"tailoring without extends", compactHead + "tailoring: {exclude: [a]}\n", compact.ErrLayering, "tailoring", "dependentRequired"},
		{"missing required field", "apiVersion: compactkit/v1\nkind: Compact\nid: town\n", compact.ErrMissing, "title", "required"},
		{"missing required field of an item", compactHead + "commitments:\n  - {id: c1, party: public}\n", compact.ErrMissing, "commitments[0].text", "required"},
		{"missing required field of a nested mapping", compactHead + "disputeProcedure: {stages: [{id: s, name: S, kind: informal}]}\n", compact.ErrMissing, "disputeProcedure.scope", "required"},
		{"missing required date", recordsHead + "meetings:\n  - {id: m, body: b}\n", compact.ErrMissing, "meetings[0].date", "required"},
		// types
		{"list for a string", compactHead + "vision: [a, b]\n", compact.ErrType, "vision", "type"},
		{"number for a string", compactHead + "version: 2012\n", compact.ErrType, "version", "type"},
		{"boolean for a string", compactHead + "area: yes please\nmission: true\n", compact.ErrType, "mission", "type"},
		{"string for an integer", compactHead + "governance:\n  - {id: g, name: G, kind: board, minMeetingsPerYear: '2'}\n", compact.ErrType, "governance[0].minMeetingsPerYear", "type"},
		{"fraction for an integer", compactHead + "review: {everyYears: 2.5}\n", compact.ErrType, "review.everyYears", "type"},
		{"string for a boolean", recordsHead + "consultations:\n  - {id: c, title: T, owner: o, opens: 2024-01-01, closes: 2024-02-01, formal: 'yes'}\n", compact.ErrType, "consultations[0].formal", "type"},
		{"yes for a boolean", recordsHead + "consultations:\n  - {id: c, title: T, owner: o, opens: 2024-01-01, closes: 2024-02-01, formal: yes}\n", compact.ErrType, "consultations[0].formal", "type"},
		{"string for a number", recordsHead + "funding:\n  - {id: f, funder: a, recipient: b, kind: new, decided: 2024-01-01, amount: '1000'}\n", compact.ErrType, "funding[0].amount", "type"},
		{"null", compactHead + "vision: null\n", compact.ErrType, "vision", "type"},
		{"nothing", compactHead + "vision:\n", compact.ErrType, "vision", "type"},
		{"null item", compactHead + "aims: [null]\n", compact.ErrType, "aims[0]", "type"},
		{"mapping for a list", compactHead + "aims: {id: a, text: T}\n", compact.ErrType, "aims", "type"},
		{"string for a mapping", compactHead + "tailoring: all\n", compact.ErrType, "tailoring", "type"},
		{"number in a list of strings", compactHead + "commitments:\n  - {id: c1, party: public, text: T, principles: [1]}\n", compact.ErrType, "commitments[0].principles[0]", "type"},
		{"a document that is a list", "- apiVersion: compactkit/v1\n", compact.ErrType, "", "type"},
		// enumerations
		{"value outside an enumeration", compactHead + "commitments:\n  - {id: c1, party: publik, text: T}\n", compact.ErrValue, "commitments[0].party", "enum"},
		{"enumeration value in the wrong case", directoryHead + "organisations:\n  - {id: o, name: O, sector: Public, kind: charity}\n", compact.ErrValue, "organisations[0].sector", "enum"},
		{"number for an enumeration", compactHead + "scope: 1\n", compact.ErrType, "scope", "type"},
		// dates and periods
		{"day not in the month", compactHead + "adopted: 2024-02-30\n", compact.ErrValue, "adopted", "format|pattern"},
		{"29 February outside a leap year", compactHead + "adopted: 2023-02-29\n", compact.ErrValue, "adopted", "format"},
		{"month 13", compactHead + "adopted: 2024-13-01\n", compact.ErrValue, "adopted", "format|pattern"},
		{"year 0", compactHead + "adopted: 0000-01-01\n", compact.ErrValue, "adopted", "format|pattern"},
		{"date in words", compactHead + "adopted: 1 March 2024\n", compact.ErrValue, "adopted", "format|pattern"},
		{"date and time", compactHead + "adopted: 2024-03-01T10:00:00Z\n", compact.ErrValue, "adopted", "format|pattern"},
		{"date as a number", compactHead + "adopted: 20240301\n", compact.ErrType, "adopted", "type"},
		{"bad period", recordsHead + "period: 24-25\n", compact.ErrValue, "period", "pattern"},
		{"period as a date", recordsHead + "period: '2024-04-01'\n", compact.ErrValue, "period", "pattern"},
		{"period as a list", recordsHead + "period: [2024]\n", compact.ErrType, "period", "type"},
		{"period as a year of 3 digits", recordsHead + "period: 999\n", compact.ErrValue, "period", "minimum"},
		// parameters
		{"parameter value that is a list", compactHead + "parameters: {months: [3]}\n", compact.ErrType, "parameters.months", "type"},
		{"parameter value that is null", compactHead + "parameters: {months: null}\n", compact.ErrType, "parameters.months", "type"},
		{"parameter name with a space", compactHead + "parameters: {'notice months': 3}\n", compact.ErrValue, "parameters.notice months", "propertyNames"},
		{"parameter name starting with a digit", compactHead + "parameters: {3months: 3}\n", compact.ErrValue, "parameters.3months", "propertyNames"},
		{"commitment parameter name", compactHead + "commitments:\n  - {id: c1, party: public, text: T, parameters: [notice-months]}\n", compact.ErrValue, "commitments[0].parameters[0]", "pattern"},
		// header
		{"wrong apiVersion", "apiVersion: compactkit/v2\nkind: Compact\nid: town\ntitle: T\n", compact.ErrHeader, "apiVersion", "const"},
		{"missing apiVersion", "kind: Compact\nid: town\ntitle: T\n", compact.ErrHeader, "apiVersion", "required"},
		{"unknown kind", "apiVersion: compactkit/v1\nkind: Compacts\nid: town\ntitle: T\n", compact.ErrHeader, "kind", "enum"},
		{"missing kind", "apiVersion: compactkit/v1\nid: town\ntitle: T\n", compact.ErrHeader, "kind", "required"},
		// checks inside one document
		{"id with a space", strings.Replace(compactHead, "id: town", "id: Town Compact", 1), compact.ErrValue, "id", "pattern"},
		{"id of 101 characters", strings.Replace(compactHead, "id: town", "id: "+strings.Repeat("a", 101), 1), compact.ErrValue, "id", "maxLength"},
		{"record id with a slash", recordsHead + "meetings:\n  - {id: m/1, body: steering, date: 2024-01-01}\n", compact.ErrValue, "meetings[0].id", "pattern"},
		{"role id with a space", recordsHead + "nominations:\n  - {id: n, role: compact champion, organisation: council, person: ann, from: 2024-01-01}\n" + directory, compact.ErrValue, "nominations[0].role", "pattern"},
		{"negative meetings a year", compactHead + "governance:\n  - {id: g, name: G, kind: board, minMeetingsPerYear: -1}\n", compact.ErrValue, "governance[0].minMeetingsPerYear", "minimum"},
		{"report every 0 months", compactHead + "governance:\n  - {id: g, name: G, kind: board, reporting: {to: g, everyMonths: 0}}\n", compact.ErrValue, "governance[0].reporting.everyMonths", "minimum"},
		{"negative membership term", compactHead + "governance:\n  - {id: g, name: G, kind: board, membership: {minTermYears: -3}}\n", compact.ErrValue, "governance[0].membership.minTermYears", "minimum"},
		{"limit within 0", compactHead + "disputeProcedure:\n  scope: S\n  stages: [{id: s, name: S, kind: informal, limits: [{id: l, name: L, within: 0, unit: days}]}]\n", compact.ErrValue, "disputeProcedure.stages[0].limits[0].within", "minimum"},
		{"clock with negative warning", compactHead + "disputeProcedure:\n  scope: S\n  stages: [{id: s, name: S, kind: informal}]\n  clocks: [{id: c, name: C, within: 3, unit: months, from: decision, warnDays: -1}]\n", compact.ErrValue, "disputeProcedure.clocks[0].warnDays", "minimum"},
		{"dispute procedure without stages", compactHead + "disputeProcedure: {scope: S, stages: []}\n", compact.ErrMissing, "disputeProcedure.stages", "minItems"},
		{"negative reviewers", compactHead + "disputeProcedure:\n  scope: S\n  stages: [{id: s, name: S, kind: review, minReviewers: -2}]\n", compact.ErrValue, "disputeProcedure.stages[0].minReviewers", "minimum"},
		{"party named without organisations", compactHead + "commitments:\n  - {id: c1, party: named, text: T}\n", compact.ErrMissing, "commitments[0].organisations", "required"},
		{"party public with organisations", compactHead + "commitments:\n  - {id: c1, party: public, organisations: [cvs], text: T}\n" + directory, compact.ErrValue, "commitments[0].organisations", "maxItems"},
		{"negative amount", recordsHead + "funding:\n  - {id: f, funder: council, recipient: cvs, kind: new, decided: 2024-01-01, amount: -5}\n" + directory, compact.ErrValue, "funding[0].amount", "minimum"},
		{"negative responses", recordsHead + "consultations:\n  - {id: c, title: T, owner: council, opens: 2024-01-01, closes: 2024-02-01, responses: -1}\n" + directory, compact.ErrValue, "consultations[0].responses", "minimum"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := load(docName(tc.doc), tc.doc)
			require.Error(t, err, "the loader rejects it")
			assert.ErrorIs(t, err, tc.class)
			var paths []string
			for _, e := range compact.AsErrors(err) {
				paths = append(paths, e.Path)
			}
			assert.Contains(t, paths, tc.path, "the loader reports it at %s: %v", tc.path, err)

			problems := check(t, docName(tc.doc), tc.doc)
			require.NotEmpty(t, problems, "the schemas reject it")
			at := pointer(tc.path)
			assert.True(t, slices.ContainsFunc(problems, func(p problem) bool {
				return slices.Contains(strings.Split(tc.keyword, "|"), p.keyword) && (p.at == at || p.at == parent(at))
			}), "the schemas report %s at %s: %v", tc.keyword, at, problems)
		})
	}
}

// TestAgreementDifferences lists what the loader rejects and a schema cannot
// (or does not) see, and what a schema rejects that the loader lets through.
// Each is documented in the package comment and the README. If one of these
// starts agreeing, move it to the tables above.
func TestAgreementDifferences(t *testing.T) {
	cases := []struct {
		name   string
		doc    string
		loader bool // the loader accepts it
		schema bool // the schemas accept it
		why    string
	}{
		{"reference to an unknown organisation", recordsHead + "consultations:\n  - {id: c, title: T, owner: nobody, opens: 2024-01-01, closes: 2024-02-01}\n" + directory,
			false, true, "references need the other documents of the area"},
		{"reference to an unknown principle", compactHead + "commitments:\n  - {id: c1, party: public, text: T, principles: [nope]}\n",
			false, true, "references need the whole (resolved) compact"},
		{"id used twice", compactHead + "aims:\n  - {id: a, text: A}\n  - {id: a, text: B}\n",
			false, true, "uniqueness of a field across items has no JSON Schema keyword"},
		{"dates out of order", recordsHead + "consultations:\n  - {id: c, title: T, owner: council, opens: 2024-03-01, closes: 2024-02-01}\n" + directory,
			false, true, "JSON Schema cannot compare two values"},
		{"funder funds itself", recordsHead + "funding:\n  - {id: f, funder: council, recipient: council, kind: new, decided: 2024-01-01}\n" + directory,
			false, true, "JSON Schema cannot compare two values"},
		{"compact extends itself", compactHead + "extends: town\n",
			false, true, "JSON Schema cannot compare two values"},
		{"financial year that is not one year", recordsHead + "period: 2024-26\n",
			false, true, "the second year of 2024-25 is arithmetic, not a pattern"},
		{"key given twice", compactHead + "vision: a\nvision: b\n",
			false, true, "JSON parsers keep one of the keys before a schema sees them"},
		{"YAML alias", compactHead + "vision: &v a\nmission: *v\n",
			false, true, "YAML-to-JSON conversion expands aliases; the loader refuses them"},
		{"custom YAML tag", compactHead + "vision: !secret a\n",
			false, true, "YAML-to-JSON conversion drops tags; the loader refuses them"},
		{"unquoted date where text is expected", compactHead + "vision: 2024-03-01\n",
			false, true, "YAML 1.1 reads it as a timestamp, the loader wants text; as JSON (and in YAML 1.2 editors) it is a string"},
		{"integer beyond 64 bits", recordsHead + "consultations:\n  - {id: c, title: T, owner: council, opens: 2024-01-01, closes: 2024-02-01, responses: 99999999999999999999}\n" + directory,
			false, true, "JSON Schema integers have no size; Go's int has 64 bits"},
		{"integer written as 2.0", compactHead + "review: {everyYears: 2.0}\n",
			false, true, "JSON Schema counts 2.0 as an integer; YAML types it as a float"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := load(docName(tc.doc), tc.doc)
			assert.Equal(t, tc.loader, err == nil, "loader: %v", err)
			problems := check(t, docName(tc.doc), tc.doc)
			assert.Equal(t, tc.schema, len(problems) == 0, "schemas: %v", problems)
		})
	}
}

// TestPatternsMatchTheLoader compares the schemas' id and parameter name
// patterns with docfmt.ValidID and docfmt.ValidParameterName.
func TestPatternsMatchTheLoader(t *testing.T) {
	v := compiled(t)
	names := []string{"a", "A", "0", "_", "a-b", "a_b", "a.b", "-a", ".a", "a b", "a/b", "é", "a\n", "",
		"fundingNoticeMonths", "_x", "x1", "1x", "notice-months", strings.Repeat("x", 100), strings.Repeat("x", 101)}
	for i := range 128 {
		names = append(names, "a"+string(rune(i)), string(rune(i))+"a")
	}
	for _, name := range names {
		withID := map[string]any{"apiVersion": "compactkit/v1", "kind": "Compact", "id": name, "title": "T"}
		withParameter := map[string]any{"apiVersion": "compactkit/v1", "kind": "Compact", "id": "x", "title": "T",
			"parameters": map[string]any{name: true}}
		assert.Equal(t, docfmt.ValidID(name), v["Compact"].Validate(withID) == nil, "id %q", name)
		assert.Equal(t, docfmt.ValidParameterName(name), v["Compact"].Validate(withParameter) == nil, "parameter name %q", name)
	}
}

// TestDatesMatchTheLoader compares the date schema with compact.ParseDate
// over every day of leap years and common years, and some that are not
// dates: with formats asserted they agree; with the pattern alone, only 29
// February of a common year gets through.
func TestDatesMatchTheLoader(t *testing.T) {
	v, lenient := compiled(t), compiledWithoutFormats(t)
	var dates []string
	for _, y := range []int{2023, 2024, 1900, 2000} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				dates = append(dates, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	dates = append(dates, "0000-01-01", "0001-01-01", "9999-12-31", "2024-1-01", "2024/01/01", " 2024-01-01", "2024-01-01 ")
	for _, s := range dates {
		_, err := compact.ParseDate(s)
		doc := map[string]any{"apiVersion": "compactkit/v1", "kind": "Compact", "id": "x", "title": "T", "adopted": s}
		assert.Equal(t, err == nil, v["Compact"].Validate(doc) == nil, "date %q", s)
		leapDay := strings.HasSuffix(s, "-02-29")
		assert.Equal(t, err == nil || leapDay, lenient["Compact"].Validate(doc) == nil, "date %q without formats", s)
	}
}

// TestLoaderErrorFiles runs the structural error files of package compact's
// tests through the schemas: every problem the loader reports there, the
// schemas report at the same place (or at the mapping that holds it).
func TestLoaderErrorFiles(t *testing.T) {
	// Problems a schema cannot see (see TestAgreementDifferences).
	differences := map[string]bool{
		"types.yaml funding[0].termMonths": true, // an integer beyond 64 bits
	}
	for _, file := range []string{"unknown-field.yaml", "types.yaml", "missing.yaml", "header.yaml", "bad.json"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "compact", "testdata", "errors", file))
			require.NoError(t, err)
			loaderErr := load(file, string(data))
			require.Error(t, loaderErr)
			problems := check(t, file, string(data))
			for _, e := range compact.AsErrors(loaderErr) {
				at := pointer(e.Path)
				found := slices.ContainsFunc(problems, func(p problem) bool { return p.at == at || p.at == parent(at) })
				if differences[file+" "+e.Path] {
					assert.False(t, found, "%s: the schemas now see %s; move it out of the differences", file, e.Path)
					continue
				}
				assert.True(t, found, "%s: the loader reports %s, the schemas do not: %v", file, e, problems)
			}
		})
	}
}
