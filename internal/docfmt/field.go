package docfmt

import (
	"reflect"
	"strings"
)

// FieldName returns the name a struct field has in documents, as its json
// tag gives it: the tag's name, or the Go name when the tag has none; ""
// for a field tagged "-", which documents do not have.
func FieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}
