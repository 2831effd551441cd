package importer

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// overLimit returns the first text field of a record or organisation, by
// its JSON name, longer than the area's loader accepts
// (compact.ValueLimit: an id or name at most compact.MaxNameBytes, any
// other value compact.MaxValueBytes), with its length and the limit. An
// import writes nothing its own area would refuse to load.
func overLimit(v any) (field string, n, limit int) {
	return walkLimits(reflect.ValueOf(v), "")
}

// overLimitFirst is overLimit of the first of vs that has a value over its
// limit.
func overLimitFirst(vs ...any) (field string, n, limit int) {
	for _, v := range vs {
		if field, n, limit = overLimit(v); field != "" {
			return field, n, limit
		}
	}
	return "", 0, 0
}

func walkLimits(v reflect.Value, path string) (string, int, int) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "", 0, 0
		}
		return walkLimits(v.Elem(), path)
	case reflect.String:
		name := path[strings.LastIndexByte(path, '.')+1:]
		if i := strings.IndexByte(name, '['); i >= 0 {
			name = name[:i]
		}
		if lim := compact.ValueLimit(name); v.Len() > lim {
			return path, v.Len(), lim
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if f, n, lim := walkLimits(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); f != "" {
				return f, n, lim
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			if f, n, lim := walkLimits(v.MapIndex(k), join(path, fmt.Sprint(k.Interface()))); f != "" {
				return f, n, lim
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			name := docfmt.FieldName(sf)
			if name == "" {
				continue
			}
			if f, n, lim := walkLimits(v.Field(i), join(path, name)); f != "" {
				return f, n, lim
			}
		}
	}
	return "", 0, 0
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// add writes a record unless one of its values is longer than the loader
// accepts; such a record is reported at its source place and skipped, and
// the rest of the file still imports.
func (fi *fileImport) add(id string, rec any, prov *compact.Provenance, from, to compact.Date) error {
	if field, n, lim := overLimit(rec); field != "" {
		pos, path := compact.Position{File: fi.file}, field
		if prov != nil {
			pos.Line = prov.Row
			if prov.Pointer != "" {
				path = prov.Pointer + "/" + strings.ReplaceAll(field, ".", "/")
			}
		}
		fi.problem(pos, path, compact.ErrLimit, "%s is %d bytes; the loader accepts at most %d (compact.ValueLimit), so the record is not imported", field, n, lim)
		fi.res.Skipped++
		return nil
	}
	return fi.w.add(id, rec, from, to)
}
