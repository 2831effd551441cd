package importer

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Mapping is an ImportMapping document: how the columns of a council's own
// register (a CSV file or an XLSX worksheet) become records. Each row is
// one record; a column named in Columns fills the record field it is
// mapped to, and Defaults fill the fields no column gives (the funder of a
// whole register, say).
//
//	apiVersion: compactkit/v1
//	kind: ImportMapping
//	id: trafford-register
//	record: funding
//	dateFormat: DD/MM/YYYY
//	columns:
//	  id: Ref
//	  title: Project
//	  recipient: Organisation
//	  recipientOrgId: Charity number
//	  amount: Award (£)
//	  decided: Decision date
//	  termMonths: Months
//	defaults:
//	  funder: Trafford Council
//	  funderOrgId: GB-LAE-TRF
//	  kind: new
//
// Field names are the record's own (see the Records kind), plus
// funderOrgId, recipientOrgId and ownerOrgId: an organisation is given by
// name, by identifier, or both, and matched to the area's directory like
// any import's. Declared local facts are not mapped yet: they slot in as
// further field names once records carry them.
type Mapping struct {
	compact.TypeMeta
	// ID identifies the mapping.
	ID string `json:"id"`
	// Title says what register the mapping reads.
	Title string `json:"title,omitempty"`
	// Record is the kind of record each row becomes.
	Record MapRecord `json:"record"`
	// Sheet is the XLSX worksheet to read; the first when not given.
	Sheet string `json:"sheet,omitempty"`
	// DateFormat is how the register writes dates; YYYY-MM-DD when not
	// given. Date-times in RFC 3339 are read whatever the format.
	DateFormat DateFormat `json:"dateFormat,omitempty"`
	// Columns maps record fields to the titles of the columns that hold
	// them, as written in the header row.
	Columns map[string]string `json:"columns"`
	// Defaults are values for record fields that no column gives, written
	// as a cell would be.
	Defaults map[string]string `json:"defaults,omitempty"`

	// Source is where the mapping was read from.
	Source compact.Position `json:"-"`
}

// MapRecord is the kind of record a table row becomes.
type MapRecord string

// Record kinds a table maps to.
const (
	MapFunding       MapRecord = "funding"       // funding decisions
	MapConsultations MapRecord = "consultations" // consultations
)

var mapRecords = []MapRecord{MapFunding, MapConsultations}

// Values lists the record kinds.
func (MapRecord) Values() []string { return docfmt.EnumStrings(mapRecords) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (r *MapRecord) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*r, err = docfmt.ParseEnum(v, mapRecords, "record kind")
	return
}

// DateFormat is how a register writes its dates.
type DateFormat string

// Date formats.
const (
	DateISO DateFormat = "YYYY-MM-DD" // 2024-03-01
	DateDMY DateFormat = "DD/MM/YYYY" // 01/03/2024, the UK's way (1/3/2024 too)
)

var dateFormats = []DateFormat{DateISO, DateDMY}

// Values lists the date formats.
func (DateFormat) Values() []string { return docfmt.EnumStrings(dateFormats) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (f *DateFormat) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*f, err = docfmt.ParseEnum(v, dateFormats, "date format")
	return
}

// orgFields are the mapping's organisation fields: the record field, and
// the field that gives its identifier.
var orgFields = map[MapRecord][][2]string{
	MapFunding:       {{"funder", "funderOrgId"}, {"recipient", "recipientOrgId"}},
	MapConsultations: {{"owner", "ownerOrgId"}},
}

// recordFields lists the fields of a record kind a mapping can fill, by
// JSON name, with their index in the Go type.
func recordFields(r MapRecord) map[string][]int {
	t := reflect.TypeFor[compact.FundingDecision]()
	if r == MapConsultations {
		t = reflect.TypeFor[compact.Consultation]()
	}
	out := map[string][]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name := docfmt.FieldName(f)
		switch name {
		case "", "provenance", "clauses":
			continue
		}
		out[name] = f.Index
	}
	for _, of := range orgFields[r] {
		out[of[1]] = nil // identifiers are not record fields; they resolve the organisation
	}
	return out
}

// LoadMapping reads an ImportMapping document from a file and checks it:
// every field it names exists on the record kind, and the fields a record
// needs (its id, dates and organisations) come from a column or a default.
func LoadMapping(name string) (*Mapping, error) {
	docs, err := compact.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var doc *compact.Document
	for _, d := range docs {
		if d.Kind == compact.KindImportMapping {
			doc = d
			break
		}
	}
	if doc == nil {
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrHeader, Msg: "the file holds no ImportMapping document"}}
	}
	var m Mapping
	if err := doc.Decode(&m); err != nil {
		return nil, err
	}
	if m.DateFormat == "" {
		m.DateFormat = DateISO
	}
	errs := append(m.unknownFields(doc), m.missingFields(doc)...)
	if len(errs) > 0 {
		return nil, errs
	}
	m.Source = doc.Pos
	return &m, nil
}

// unknownFields reports the fields the mapping names that the record kind
// does not have.
func (m *Mapping) unknownFields(doc *compact.Document) compact.Errors {
	var errs compact.Errors
	fields := recordFields(m.Record)
	known := strings.Join(slices.Sorted(maps.Keys(fields)), ", ")
	for _, part := range []struct {
		name string
		m    map[string]string
	}{{"columns", m.Columns}, {"defaults", m.Defaults}} {
		for _, k := range slices.Sorted(maps.Keys(part.m)) {
			if _, ok := fields[k]; !ok {
				errs = append(errs, doc.Errorf(part.name+"."+k, compact.ErrUnknownField,
					"%q is not a field of %s records; expected one of %s", k, m.Record, known))
			}
		}
	}
	return errs
}

// missingFields reports the fields a record needs that no column or
// default gives.
func (m *Mapping) missingFields(doc *compact.Document) compact.Errors {
	var errs compact.Errors
	given := func(k string) bool { return m.Columns[k] != "" || m.Defaults[k] != "" }
	need := []string{"id", "decided"}
	if m.Record == MapConsultations {
		need = []string{"id", "title", "opens", "closes"}
	}
	for _, k := range need {
		if !given(k) {
			errs = append(errs, doc.Errorf("columns", compact.ErrMissing, "no column or default gives the %s records' %q", m.Record, k))
		}
	}
	for _, of := range orgFields[m.Record] {
		if !given(of[0]) && !given(of[1]) {
			errs = append(errs, doc.Errorf("columns", compact.ErrMissing, "no column or default gives the %s records' %q (by name, or by %s)", m.Record, of[0], of[1]))
		}
	}
	return errs
}

// String names the mapping for messages.
func (m *Mapping) String() string { return fmt.Sprintf("ImportMapping %s", m.ID) }
