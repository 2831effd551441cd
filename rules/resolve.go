package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Pack is a rule pack resolved against the packs it extends and the area's
// compact: every rule with the pack that wrote it, its severity and whether
// it is disabled, and every parameter with the value in force and each place
// that set it. Pack is what `compact rules explain` shows.
type Pack struct {
	// ID of the pack that was resolved (the area's own pack).
	ID string `json:"id"`
	// Title of that pack.
	Title string `json:"title"`
	// Chain lists the packs applied, base first ("national", "kent").
	Chain []string `json:"chain"`
	// Compact is the id of the compact whose parameters were applied, if any.
	Compact string `json:"compact,omitempty"`
	// Rules are every rule of the chain, base pack's first, each in the
	// order written; disabled rules are included and marked.
	Rules []*PackRule `json:"rules"`
	// Parameters in force, by name.
	Parameters []*Setting `json:"parameters"`
	// Tests of the pack itself (not of the packs it extends).
	Tests []Test `json:"-"`

	doc   *compact.Document // the top pack's document
	facts compact.FactDecls // the facts the compact declares, which rules read typed
	// picked: the caller chose the pack (WithPack), so the compact's
	// parameters may be meant for another and are not all checked as declared
	picked bool
}

// PackRule is a rule in a resolved pack.
type PackRule struct {
	Rule
	// Pack is the id of the pack that wrote the rule.
	Pack string `json:"pack"`
	// Written is the severity the rule was written with, when an extending
	// pack changed it.
	Written Severity `json:"writtenSeverity,omitempty"`
	// SeverityBy says which pack changed the severity, and where.
	SeverityBy *Origin `json:"severityBy,omitempty"`
	// Disabled says which pack disabled the rule and why; nil when in force.
	Disabled *Disabled `json:"disabled,omitempty"`
	// Uses lists the parameters the rule's expressions read, once compiled.
	Uses []string `json:"uses,omitempty"`

	doc  *compact.Document
	path string // the rule's path in doc ("rules[3]")
}

// InForce reports whether the rule is evaluated (not disabled).
func (r *PackRule) InForce() bool { return r.Disabled == nil }

// Disabled records a rule turned off by an extending pack.
type Disabled struct {
	// Rule id.
	Rule string `json:"rule"`
	// Reason given.
	Reason string `json:"reason"`
	// Pack that disabled it.
	Pack string `json:"pack"`
	// Pos is where it was disabled.
	Pos compact.Position `json:"pos"`
}

// Setting is a parameter in force: its declaration, its value, and every
// layer that set the value, lowest precedence first. The last origin is the
// one in force.
type Setting struct {
	// Name of the parameter (params.NAME in expressions).
	Name string `json:"name"`
	// Type of the parameter.
	Type compact.ValueType `json:"type"`
	// Value in force.
	Value compact.Value `json:"value"`
	// Description from the declaration.
	Description string `json:"description,omitempty"`
	// Unit, Min and Max from the declaration.
	Unit string   `json:"unit,omitempty"`
	Min  *float64 `json:"min,omitempty"`
	Max  *float64 `json:"max,omitempty"`
	// Origins are the layers that set the value: the declaring pack's
	// default, then overrides by extending packs in order, then the compact,
	// then (in pack tests) the test.
	Origins []Origin `json:"origins"`
	// From lists the values the declaring pack gives from a date on (see
	// Parameter.From); Value is then the value before the first. It is
	// empty once an override or the compact sets a value, which applies on
	// every date. See [Setting.On].
	From []DatedValue `json:"from,omitempty"`
}

// On returns the value in force on a date: the last of From that applies
// by then, else Value.
func (s *Setting) On(d compact.Date) compact.Value {
	v := s.Value
	for _, x := range s.From {
		if !x.Date.After(d) {
			v = x.Value
		}
	}
	return v
}

// The layers that can set a parameter's value, lowest precedence first:
// the general before the particular, and the agreement over the checks.
const (
	LayerDefault     = "default"      // the declaring pack's default
	LayerBaseCompact = "base-compact" // a compact the area's compact extends (national-2010)
	LayerOverride    = "override"     // an extending pack's overrides
	LayerCompact     = "compact"      // the area's own compact
	LayerTest        = "test"         // a pack test's parameters
)

// Origin says where a value or a change came from: the layer that set it
// (for parameters), the pack or compact, the place, the value. It is
// compact.Origin, the one provenance type of every kind that extends.
type Origin = compact.Origin

// Rule returns the rule with the id.
func (p *Pack) Rule(id string) (*PackRule, bool) {
	for _, r := range p.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// Parameter returns the parameter with the name.
func (p *Pack) Parameter(name string) (*Setting, bool) {
	for _, s := range p.Parameters {
		if s.Name == name {
			return s, true
		}
	}
	return nil, false
}

// Superseded lists, for people, the pack overrides a compact's value
// replaced: an override that has no effect is usually a surprise ("set it in
// the area's compact instead").
func (p *Pack) Superseded() []string {
	var out []string
	for _, s := range p.Parameters {
		last := s.Origins[len(s.Origins)-1]
		if last.Layer != LayerCompact {
			continue
		}
		for _, o := range s.Origins {
			if o.Layer == LayerOverride && *o.Value != *last.Value {
				out = append(out, fmt.Sprintf("pack %s sets %s to %s, but compact %s sets %s, and the compact's value is in force; to change it, set it in the area's compact",
					o.By, s.Name, o.Value, last.By, last.Value))
			}
		}
	}
	return out
}

// InForce returns the rules that are not disabled.
func (p *Pack) InForce() []*PackRule {
	var out []*PackRule
	for _, r := range p.Rules {
		if r.InForce() {
			out = append(out, r)
		}
	}
	return out
}

// DisabledRules lists the rules extending packs disabled, with reasons.
func (p *Pack) DisabledRules() []Disabled {
	var out []Disabled
	for _, r := range p.Rules {
		if r.Disabled != nil {
			out = append(out, *r.Disabled)
		}
	}
	return out
}

// finder finds a rule pack document by id (the area's first, then the
// library's).
type finder func(id string) (*compact.Document, bool)

// resolve decodes a pack document and the chain of packs it extends and
// layers them. Every problem in every pack of the chain is reported.
func resolve(top *compact.Document, find finder) (*Pack, error) {
	chain, errs := packChain(top, find)
	if chain == nil {
		return nil, errs
	}
	out := &Pack{doc: top}
	byName := map[string]*Setting{}
	for _, l := range chain {
		errs = append(errs, l.apply(out, byName)...)
	}
	slices.SortFunc(out.Parameters, func(a, b *Setting) int { return strings.Compare(a.Name, b.Name) })
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// packLayer is one pack of an extends chain: its document and what it
// decoded to.
type packLayer struct {
	doc  *compact.Document
	pack *RulePack
}

// packChain decodes top and the packs it extends, base first. It returns a
// nil chain when one did not decode or the chain is broken (layering would
// only mislead); the problems are in the errors either way.
func packChain(top *compact.Document, find finder) ([]packLayer, compact.Errors) {
	p, errs := decode(top)
	if p == nil {
		return nil, errs
	}
	failed := false // a base did not decode; its problems are in errs
	chain, err := compact.Extends[packLayer]{
		Noun: "pack",
		ID:   func(l packLayer) string { return l.pack.ID },
		Base: func(l packLayer) string { return l.pack.Extends },
		Find: func(id string) (packLayer, bool, error) {
			doc, ok := find(id)
			if !ok {
				return packLayer{}, false, nil
			}
			p, perrs := decode(doc)
			errs = append(errs, perrs...)
			if p == nil {
				failed = true
				return packLayer{}, false, perrs
			}
			return packLayer{doc, p}, true, nil
		},
		Missing: func(_ packLayer, id string) string {
			return fmt.Sprintf("base pack %q is not in the area or its library", id)
		},
		Errorf: func(at packLayer, class error, format string, args ...any) *compact.Error {
			return at.doc.Errorf("extends", class, format, args...)
		},
	}.Chain(packLayer{top, p})
	if err != nil {
		if !failed {
			errs = append(errs, compact.AsErrors(err)...)
		}
		return nil, errs
	}
	return chain, errs
}

// packLayering applies one pack of the chain over the packs below it.
type packLayering struct {
	packCheck
	l      packLayer
	out    *Pack
	byName map[string]*Setting
}

// apply layers l over out (the packs below it, layered) and returns l's
// problems. byName indexes out's parameters.
func (l packLayer) apply(out *Pack, byName map[string]*Setting) compact.Errors {
	a := &packLayering{packCheck: packCheck{doc: l.doc}, l: l, out: out, byName: byName}
	p := l.pack
	out.Chain = append(out.Chain, p.ID)
	out.ID, out.Title, out.Tests = p.ID, p.Title, p.Tests
	a.severities()
	a.disables()
	a.declarations()
	a.overrides()
	a.rules()
	return a.errs
}

// inherited finds rule id among the packs below, reporting it at path when
// there is none.
func (a *packLayering) inherited(path, id string) (*PackRule, bool) {
	r, ok := a.out.Rule(id)
	if !ok {
		msg := fmt.Sprintf("no rule %q in %s", id, strings.Join(a.out.Chain[:len(a.out.Chain)-1], ", "))
		if near := docfmt.Closest(id, ruleIDs(a.out.Rules)); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		a.errf(path, compact.ErrReference, "%s", msg)
	}
	return r, ok
}

// severities changes the severity of inherited rules.
func (a *packLayering) severities() {
	p := a.l.pack
	for _, id := range slices.Sorted(maps.Keys(p.Severity)) {
		if r, ok := a.inherited("severity."+id, id); ok {
			if r.Written == "" {
				r.Written = r.Severity
			}
			r.Severity = p.Severity[id]
			r.SeverityBy = &Origin{By: p.ID, Pos: a.l.doc.PositionOf("severity." + id)}
		}
	}
}

// disables disables inherited rules.
func (a *packLayering) disables() {
	p := a.l.pack
	for i, d := range p.Disable {
		path := fmt.Sprintf("disable[%d].rule", i)
		if r, ok := a.inherited(path, d.Rule); ok {
			if r.Disabled != nil {
				a.errf(path, compact.ErrDuplicate, "rule %q is already disabled by %s", d.Rule, r.Disabled.Pack)
				continue
			}
			r.Disabled = &Disabled{Rule: d.Rule, Reason: d.Reason, Pack: p.ID, Pos: d.Source}
		}
	}
}

// declarations adds the pack's new parameters.
func (a *packLayering) declarations() {
	p := a.l.pack
	for _, name := range slices.Sorted(maps.Keys(p.Parameters)) {
		decl := p.Parameters[name]
		v, ok := convertValue(decl.Default, decl.Type)
		if !ok {
			continue // reported by decode
		}
		if s, dup := a.byName[name]; dup {
			a.errf("parameters."+name, compact.ErrLayering, "parameter %s is already declared by %s; set its value in overrides", name, s.Origins[0].By)
			continue
		}
		s := &Setting{Name: name, Type: decl.Type, Value: v, Description: decl.Description,
			Unit: decl.Unit, Min: decl.Min, Max: decl.Max,
			Origins: []Origin{{Layer: LayerDefault, By: p.ID, Pos: a.l.doc.PositionOf("parameters." + name + ".default"), Value: &v}}}
		if msg := s.outOfRange(v); msg != "" {
			a.errf("parameters."+name+".default", compact.ErrValue, "%s", msg)
			continue
		}
		if msg := decl.checkRange(); msg != "" {
			a.errf("parameters."+name, compact.ErrValue, "%s", msg)
			continue
		}
		a.datedValues(name, decl, s)
		a.byName[name] = s
		a.out.Parameters = append(a.out.Parameters, s)
	}
}

// datedValues adds the values a parameter takes from a date on, each
// within the declared range.
func (a *packLayering) datedValues(name string, decl Parameter, s *Setting) {
	for _, d := range decl.From {
		dv, ok := convertValue(d.Value, decl.Type)
		if !ok {
			continue // reported by decode
		}
		if msg := s.outOfRange(dv); msg != "" {
			a.errf("parameters."+name+".from", compact.ErrValue, "%s", msg)
			continue
		}
		s.From = append(s.From, DatedValue{Date: d.Date, Value: dv, Source: d.Source})
	}
}

// overrides sets new values for inherited parameters.
func (a *packLayering) overrides() {
	p := a.l.pack
	for _, name := range slices.Sorted(maps.Keys(p.Overrides)) {
		path := "overrides." + name
		s, ok := a.byName[name]
		if !ok || s.Origins[0].By == p.ID {
			msg := fmt.Sprintf("no parameter %s in %s to override", name, strings.Join(a.out.Chain[:len(a.out.Chain)-1], ", "))
			if ok {
				msg = fmt.Sprintf("parameter %s is declared in this pack; change its default instead", name)
			} else if near := docfmt.Closest(name, settingNames(a.out.Parameters)); near != "" {
				msg += fmt.Sprintf("; did you mean %s?", near)
			}
			a.errf(path, compact.ErrReference, "%s", msg)
			continue
		}
		v, ok := convertValue(p.Overrides[name], s.Type)
		if !ok {
			a.errf(path, compact.ErrType, "parameter %s is %s; found %s", name, describeType(s.Type), describeValue(p.Overrides[name]))
			continue
		}
		if msg := s.outOfRange(v); msg != "" {
			a.errf(path, compact.ErrValue, "%s", msg)
			continue
		}
		s.set(Origin{Layer: LayerOverride, By: p.ID, Pos: a.l.doc.PositionOf(path), Value: &v})
	}
}

// rules adds the pack's own rules.
func (a *packLayering) rules() {
	p := a.l.pack
	for i := range p.Rules {
		r := p.Rules[i]
		path := fmt.Sprintf("rules[%d]", i)
		if prev, dup := a.out.Rule(r.ID); dup {
			a.errf(path+".id", compact.ErrLayering, "rule %q is already defined by pack %s; an area changes a rule's severity or disables it, and adds rules with new ids", r.ID, prev.Pack)
			continue
		}
		a.out.Rules = append(a.out.Rules, &PackRule{Rule: r, Pack: p.ID, doc: a.l.doc, path: path})
	}
}

// set records a new value for the parameter.

// set records a new value for the parameter, which applies on every date.
func (s *Setting) set(o Origin) {
	s.Value = *o.Value
	s.Origins = append(s.Origins, o)
	s.From = nil
}

// applyCompact layers the compact's parameters over the pack's and checks
// that the commitments rules enforce are the compact's. a may be nil.
func (p *Pack) applyCompact(a *compact.Area) error {
	if a == nil || a.Compact == nil {
		return nil
	}
	errs := p.applyParameters(a)
	r := a.Compact
	for _, rule := range p.InForce() {
		for i, id := range rule.Enforces {
			if len(r.Stating(id)) > 0 {
				continue
			}
			msg := fmt.Sprintf("rule %s enforces commitment %q, which compact %s does not have", rule.ID, id, r.ID)
			if near := docfmt.Closest(id, commitmentIDs(r)); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else if rule.Pack != p.ID {
				msg += fmt.Sprintf("; if it does not apply here, disable rule %s in pack %s and say why", rule.ID, p.ID)
			}
			errs = append(errs, rule.doc.Errorf(fmt.Sprintf("%s.enforces[%d]", rule.path, i), compact.ErrReference, "%s", msg))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// applyParameters layers the compact's parameters over the pack's. a may
// be nil.
func (p *Pack) applyParameters(a *compact.Area) compact.Errors {
	if a == nil || a.Compact == nil {
		return nil
	}
	r := a.Compact
	p.Compact = r.ID
	p.facts = r.Facts
	var errs compact.Errors
	if !p.picked {
		errs = p.undeclaredInCompact(a)
	}
	for _, s := range p.Parameters {
		v, ok := r.Parameter(s.Name)
		if !ok {
			continue
		}
		o, _ := r.ParameterOrigin(s.Name)
		cv, ok := convertValue(v, s.Type)
		if !ok {
			errs = append(errs, a.Errorf(o.Pos, "", compact.ErrType,
				"parameter %s is %s in rule pack %s; compact %s sets %s", s.Name, describeType(s.Type), s.Origins[0].By, o.By, describeValue(v)))
			continue
		}
		if msg := s.outOfRange(cv); msg != "" {
			errs = append(errs, a.Errorf(o.Pos, "", compact.ErrValue, "compact %s: %s", o.By, msg))
			continue
		}
		if o.By == r.ID && o.Overrides != "" {
			if bo, ok := baseCompactOrigin(a, o.Overrides, s); ok {
				s.setCompact(bo, true) // the base's value, below the packs', for explain
			}
		}
		s.setCompact(Origin{Layer: LayerCompact, By: o.By, Pos: o.Pos, Value: &cv}, o.By != r.ID)
	}
	return errs
}

func ruleIDs(rules []*PackRule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.ID
	}
	return out
}

func settingNames(list []*Setting) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Name
	}
	return out
}

func commitmentIDs(r *compact.Resolved) []string {
	out := make([]string, len(r.Commitments))
	for i, c := range r.Commitments {
		out[i] = c.ID
	}
	return out
}
