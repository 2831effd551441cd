package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// Area-specific schemas: the published schemas keep a record's facts and a
// compact's parameters open, since each area declares its own. ForArea
// narrows them to one area: its declared facts become typed properties of
// each record kind (so an editor completes them and flags a misspelt one),
// and parameters (a compact's parameters, a pack's overrides and test
// parameters) become the parameters its rule pack declares, each with its
// type and range.

// recordDefs maps the $defs name of each record type to its fact kind.
var recordDefs = map[string]string{
	"Consultation":    "consultation",
	"FundingDecision": "funding",
	"Meeting":         "meeting",
	"Nomination":      "nomination",
	"Signature":       "signature",
	"Report":          "report",
}

// AreaKinds are the kinds ForArea narrows: those that carry facts or set
// parameters.
func AreaKinds() []Kind {
	var out []Kind
	for _, k := range Kinds() {
		switch k.File {
		case "compact.json", "records.json", "rule-pack.json", "document.json":
			out = append(out, k)
		}
	}
	return out
}

// ForArea returns the schema of kind k (one of [AreaKinds]) for an area:
// the published schema with the facts the area's compact declares and the
// parameters params declares (the area's rule pack in force, from
// rules.Engine.Pack; nil leaves parameters open). Its $id names the area,
// under the published one's.
func ForArea(k Kind, area *compact.Area, params []*rules.Setting) ([]byte, error) {
	if !slices.ContainsFunc(AreaKinds(), func(a Kind) bool { return a.File == k.File }) {
		return nil, fmt.Errorf("schema: %s has no area-specific form; use the published schema", k.Name)
	}
	b, err := Published(k)
	if err != nil {
		return nil, err
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("schema: reading %s: %w", k.File, err)
	}
	var decls compact.FactDecls
	if area.Compact != nil {
		decls = area.Compact.Facts
	}
	narrow(s, decls, params)
	s["$id"] = fmt.Sprintf("https://compactkit.org/schema/v1/areas/%s/%s", area.Name, k.File)
	s["title"] = fmt.Sprintf("%s, for area %s", s["title"], area.Name)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// narrow rewrites a schema for the area: the facts of every record type,
// and the parameters of every compact, rule pack and pack test, at the top
// or among the $defs (document.json holds every kind there).
func narrow(s map[string]any, decls compact.FactDecls, params []*rules.Setting) {
	defs, _ := s["$defs"].(map[string]any)
	for name, d := range defs {
		def, ok := d.(map[string]any)
		if !ok {
			continue
		}
		if kind, ok := recordDefs[name]; ok {
			if props, ok := def["properties"].(map[string]any); ok && props["facts"] != nil {
				props["facts"] = factsSchema(kind, decls.Of(kind))
			}
		}
		narrowParamsOf(def, params)
	}
	narrowParamsOf(s, params)
}

// narrowParamsOf narrows the parameters of a compact, the overrides of a
// rule pack and the parameters of a pack test, when s is one of those.
func narrowParamsOf(s map[string]any, params []*rules.Setting) {
	props, ok := s["properties"].(map[string]any)
	if !ok || params == nil {
		return
	}
	switch {
	case props["commitments"] != nil && props["parameters"] != nil:
		narrowParams(s, "parameters", params)
	case props["rules"] != nil && props["overrides"] != nil:
		narrowParams(s, "overrides", params)
	case props["given"] != nil && props["expect"] != nil && props["parameters"] != nil:
		narrowParams(s, "parameters", params)
	}
}

// factsSchema is the schema of a record kind's facts: exactly the declared
// ones, typed.
func factsSchema(kind string, decls map[string]compact.FactDecl) map[string]any {
	props := map[string]any{}
	var required []string
	for _, name := range slices.Sorted(maps.Keys(decls)) {
		d := decls[name]
		p := factTypeSchema(d)
		p["description"] = d.Description
		props[name] = p
		if d.Required {
			required = append(required, name)
		}
	}
	out := map[string]any{
		"type":                 "object",
		"properties":           props,
		"additionalProperties": false,
		"description":          fmt.Sprintf("The facts the area's compact declares for %s records.", kind),
	}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

func factTypeSchema(d compact.FactDecl) map[string]any {
	switch d.Type {
	case compact.FactDate:
		return dateMap()
	case compact.FactBool:
		return map[string]any{"type": "boolean"}
	case compact.FactInt:
		return map[string]any{"type": "integer"}
	case compact.FactMoney:
		return map[string]any{"type": "number", "minimum": 0}
	case compact.FactEnum:
		return map[string]any{"type": "string", "enum": d.Values}
	}
	return map[string]any{"type": "string"}
}

// dateMap is the date schema as a map.
func dateMap() map[string]any {
	var m map[string]any
	b, _ := json.Marshal(dateSchema())
	_ = json.Unmarshal(b, &m)
	delete(m, "description")
	return m
}

// narrowParams replaces the open parameter map at s.properties[field] with
// the declared parameters.
func narrowParams(s map[string]any, field string, params []*rules.Setting) {
	props, ok := s["properties"].(map[string]any)
	if !ok || props[field] == nil {
		return
	}
	old, _ := props[field].(map[string]any)
	ps := map[string]any{}
	for _, p := range params {
		ps[p.Name] = paramSchema(p)
	}
	narrowed := map[string]any{"type": "object", "properties": ps, "additionalProperties": false}
	if old != nil && old["description"] != nil {
		narrowed["description"] = old["description"]
	}
	props[field] = narrowed
}

func paramSchema(p *rules.Setting) map[string]any {
	m := map[string]any{}
	switch p.Type {
	case compact.TypeInt:
		m["type"] = "integer"
	case compact.TypeFloat:
		m["type"] = "number"
	case compact.TypeBool:
		m["type"] = "boolean"
	default:
		m["type"] = "string"
	}
	if p.Min != nil {
		m["minimum"] = *p.Min
	}
	if p.Max != nil {
		m["maximum"] = *p.Max
	}
	desc := p.Description
	if p.Unit != "" {
		desc = fmt.Sprintf("%s (in %s; %s in force)", desc, p.Unit, p.Value)
	}
	m["description"] = desc
	return m
}

// AreaSchemas returns the area-specific schema of each of [AreaKinds], by
// file name: the facts its compact declares, and the parameters of its rule
// pack (compiled with rules.Compile; left open when the area has no pack).
// A pack that does not compile is an error.
func AreaSchemas(area *compact.Area, opts ...rules.Option) (map[string][]byte, error) {
	var params []*rules.Setting
	e, err := rules.Compile(area, opts...)
	switch {
	case err == nil:
		params = e.Pack().Parameters
	case !errors.Is(err, rules.ErrNoPack):
		return nil, err
	}
	out := map[string][]byte{}
	for _, k := range AreaKinds() {
		b, err := ForArea(k, area, params)
		if err != nil {
			return nil, err
		}
		out[k.File] = b
	}
	return out, nil
}
