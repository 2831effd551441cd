package schema

// Listing is the JSON shape of "compact schema --format json": every
// schema, in the order of [Kinds].
type Listing struct {
	// Schemas are the schemas, document kinds first, then outputs, then the
	// any-document schema.
	Schemas []ListedKind `json:"schemas"`
}

// ListedKind is one schema of a [Listing].
type ListedKind struct {
	// Name of the kind: the document kind ("Compact"), or a lower-case name
	// for an output ("findings").
	Name string `json:"name"`
	// File is the schema's file name ("compact.json").
	File string `json:"file"`
	// ID is the schema's $id.
	ID string `json:"id"`
	// Document is true for documents people write and false for outputs.
	Document bool `json:"document"`
}

// List returns the listing of every schema.
func List() Listing {
	l := Listing{Schemas: []ListedKind{}}
	for _, k := range Kinds() {
		l.Schemas = append(l.Schemas, ListedKind{Name: k.Name, File: k.File, ID: k.ID, Document: k.Document})
	}
	return l
}
