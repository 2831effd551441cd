package compact

import (
	"fmt"
	"slices"
)

// Origin says which document of a chain of extends set a value, and
// where: the one provenance type of compacts (which compact wrote a
// commitment, a principle, a parameter), rule packs (which pack or compact
// set a parameter, changed a severity; rules.Origin is this type) and role
// catalogues (which catalogue defined or altered a role).
type Origin struct {
	// Layer names the kind of layer that set the value, where values come
	// from documents of several kinds (rule pack parameters: default,
	// override, compact, test); empty otherwise.
	Layer string `json:"layer,omitempty"`
	// By is the id of the document (compact, pack, catalogue) that set it.
	By string `json:"by"`
	// Pos is where it was written.
	Pos Position `json:"pos"`
	// Value set, for parameters of a rule pack.
	Value *Value `json:"value,omitempty"`
	// Overrides is the id of the document whose value this one replaced,
	// where one did (a compact's parameter over its base's).
	Overrides string `json:"overrides,omitempty"`
}

// Resolved is a compact with its base compacts applied: one flat compact, the
// chain of compacts it was built from, and where each commitment, principle
// and parameter came from.
type Resolved struct {
	Compact
	// Chain lists the ids of the compacts applied, base first.
	Chain []string

	commitments map[string]Origin
	principles  map[string]Origin
	parameters  map[string]Origin
}

// CommitmentOrigin says which compact wrote a commitment.
func (r *Resolved) CommitmentOrigin(id string) (Origin, bool) {
	o, ok := r.commitments[id]
	return o, ok
}

// PrincipleOrigin says which compact wrote a principle.
func (r *Resolved) PrincipleOrigin(id string) (Origin, bool) { o, ok := r.principles[id]; return o, ok }

// ParameterOrigin says which compact set a parameter's value.
func (r *Resolved) ParameterOrigin(name string) (Origin, bool) {
	o, ok := r.parameters[name]
	return o, ok
}

// Commitment returns the commitment with the id.
func (r *Resolved) Commitment(id string) (*Commitment, bool) {
	return find(r.Commitments, id, commitmentID)
}

// Stating returns the commitments a rule that enforces id enforces: the
// commitment with that id, if the compact has it, and every commitment that
// restates it in the area's own terms (see [Commitment.Restates]), in the
// compact's order.
func (r *Resolved) Stating(id string) []*Commitment {
	var out []*Commitment
	for i := range r.Commitments {
		c := &r.Commitments[i]
		if c.ID == id || slices.Contains(c.Restates, id) {
			out = append(out, c)
		}
	}
	return out
}

// Principle returns the principle with the id.
func (r *Resolved) Principle(id string) (*Principle, bool) {
	return find(r.Principles, id, principleID)
}

// Body returns the governance body with the id.
func (r *Resolved) Body(id string) (*Body, bool) { return find(r.Governance, id, bodyID) }

// Parameter returns the value of a parameter.
func (r *Resolved) Parameter(name string) (Value, bool) { v, ok := r.Parameters[name]; return v, ok }

func commitmentID(c *Commitment) string { return c.ID }
func principleID(p *Principle) string   { return p.ID }
func bodyID(b *Body) string             { return b.ID }

func find[T any](list []T, id string, key func(*T) string) (*T, bool) {
	for i := range list {
		if key(&list[i]) == id {
			return &list[i], true
		}
	}
	return nil, false
}

// Lookup finds a compact by id, for Resolve. It returns an error when there
// is no such compact.
type Lookup func(id string) (*Compact, error)

// Resolve applies c's chain of base compacts (found with lookup) and returns
// the flat result. c and its bases are not modified.
//
// How a local compact changes its base:
//   - commitments: the base's apply, less those excluded (or only those
//     included) by tailoring; local commitments are added. A local id equal
//     to an adopted base id is an error: exclude the base one first.
//   - sections, principles and codes of practice: the base's, plus local ones.
//   - parameters: the base's values, overridden by local values of the same
//     type.
//   - dispute procedure: the local one, or else the base's.
//   - aims: the local ones, or else the base's.
//   - governance, signing rules, signatories and review: the local ones only.
//   - title, area, scope, version, adopted, vision and mission: the local
//     ones where given.
//
// All problems are reported together as [Errors] of class ErrLayering (or
// ErrReference for a base that cannot be found).
func Resolve(c *Compact, lookup Lookup) (*Resolved, error) {
	var why string // why the last base looked up was not found
	chain, err := Extends[*Compact]{
		Noun: "compact",
		ID:   func(c *Compact) string { return c.ID },
		Base: func(c *Compact) string { return c.Extends },
		Find: func(id string) (*Compact, bool, error) {
			b, err := lookup(id)
			if err != nil {
				why = err.Error()
				return nil, false, nil
			}
			return b, true, nil
		},
		Missing: func(_ *Compact, id string) string { return fmt.Sprintf("base compact %q: %s", id, why) },
		Errorf: func(at *Compact, class error, format string, args ...any) *Error {
			p := newProblems()
			p.add(at.Source, "extends", class, format, args...)
			return p.list[0]
		},
	}.Chain(c)
	if err != nil {
		return nil, err
	}
	p := newProblems()
	if t := chain[0].Tailoring; t != nil {
		p.add(t.Source, "tailoring", ErrLayering, "tailoring needs a base compact; add extends")
		return nil, p.err()
	}
	r := root(chain[0])
	for _, local := range chain[1:] {
		r = layer(r, local, p)
		if err := p.err(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func root(c *Compact) *Resolved {
	r := &Resolved{Compact: *c, Chain: []string{c.ID},
		commitments: map[string]Origin{}, principles: map[string]Origin{}, parameters: map[string]Origin{}}
	r.Commitments = slices.Clone(c.Commitments)
	r.Principles = slices.Clone(c.Principles)
	r.Sections = slices.Clone(c.Sections)
	r.CodesOfPractice = slices.Clone(c.CodesOfPractice)
	r.Parameters = make(map[string]Value, len(c.Parameters))
	for _, x := range c.Commitments {
		r.commitments[x.ID] = Origin{By: c.ID, Pos: x.Source}
	}
	for _, x := range c.Principles {
		r.principles[x.ID] = Origin{By: c.ID, Pos: x.Source}
	}
	for k, v := range c.Parameters {
		r.Parameters[k] = v
		r.parameters[k] = Origin{By: c.ID, Pos: c.parameterPos(k)}
	}
	return r
}

// layer applies local compact c on resolved base b.
func layer(b *Resolved, c *Compact, p *problems) *Resolved {
	r := &Resolved{Compact: *c, Chain: append(slices.Clone(b.Chain), c.ID),
		commitments: map[string]Origin{}, principles: map[string]Origin{}, parameters: map[string]Origin{}}
	inheritFields(r, b)
	checkTailoring(b, c.Tailoring, p)
	layerCommitments(r, b, c, p)
	layerPrinciples(r, b, c, p)
	r.Sections = mergeByID(b.Sections, c.Sections, func(s *Section) string { return s.ID }, func(i int, s *Section) {
		p.add(s.Source, fmt.Sprintf("sections[%d].id", i), ErrLayering, "section %q is already defined by %s", s.ID, b.ID)
	})
	r.CodesOfPractice = mergeByID(b.CodesOfPractice, c.CodesOfPractice, func(s *CodeOfPractice) string { return s.ID },
		func(i int, s *CodeOfPractice) {
			p.add(s.Source, fmt.Sprintf("codesOfPractice[%d].id", i), ErrLayering, "code of practice %q is already defined by %s", s.ID, b.ID)
		})
	r.Facts = layerFacts(b.Facts, c, p)
	layerParameters(r, b, c, p)
	return r
}

// inheritFields fills the fields the local compact left empty from its base.
func inheritFields(r, b *Resolved) {
	for _, f := range []struct {
		dst *string
		src string
	}{{&r.Title, b.Title}, {&r.Area, b.Area}, {&r.Version, b.Version}, {&r.Purpose, b.Purpose}, {&r.Vision, b.Vision}, {&r.Mission, b.Mission}} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	if r.Scope == "" {
		r.Scope = b.Scope
	}
	if r.Adopted.IsZero() {
		r.Adopted = b.Adopted
	}
	if len(r.Aims) == 0 {
		r.Aims = b.Aims
	}
	if r.DisputeProcedure == nil {
		r.DisputeProcedure = b.DisputeProcedure
	}
}

// checkTailoring reports tailoring entries that name no commitment of the
// base, or that both include and exclude one.
func checkTailoring(b *Resolved, t *Tailoring, p *problems) {
	if t == nil {
		return
	}
	tpos := t.Source
	for i, id := range t.Include {
		if _, ok := b.Commitment(id); !ok {
			p.add(tpos, fmt.Sprintf("tailoring.include[%d]", i), ErrLayering, "%q is not a commitment of %s", id, b.ID)
		}
		if slices.Contains(t.Exclude, id) {
			p.add(tpos, fmt.Sprintf("tailoring.include[%d]", i), ErrLayering, "%q is both included and excluded", id)
		}
	}
	for i, id := range t.Exclude {
		if _, ok := b.Commitment(id); !ok {
			p.add(tpos, fmt.Sprintf("tailoring.exclude[%d]", i), ErrLayering, "%q is not a commitment of %s", id, b.ID)
		}
	}
}

// tailoredOut reports whether tailoring t leaves the base's commitment id out.
func tailoredOut(t *Tailoring, id string) bool {
	return t != nil && (slices.Contains(t.Exclude, id) || (len(t.Include) > 0 && !slices.Contains(t.Include, id)))
}

// layerCommitments tailors the base's commitments, then adds the local ones.
func layerCommitments(r, b *Resolved, c *Compact, p *problems) {
	r.Commitments = nil
	for _, x := range b.Commitments {
		if tailoredOut(c.Tailoring, x.ID) {
			continue
		}
		r.Commitments = append(r.Commitments, x)
		r.commitments[x.ID] = b.commitments[x.ID]
	}
	for i, x := range c.Commitments {
		if o, ok := r.commitments[x.ID]; ok {
			p.add(x.Source, fmt.Sprintf("commitments[%d].id", i), ErrLayering,
				"commitment %q is already adopted from %s; exclude it in tailoring to replace it", x.ID, o.By)
			continue
		}
		r.Commitments = append(r.Commitments, x)
		r.commitments[x.ID] = Origin{By: c.ID, Pos: x.Source}
	}
}

// layerPrinciples keeps the base's principles and adds the local ones.
func layerPrinciples(r, b *Resolved, c *Compact, p *problems) {
	r.Principles = slices.Clone(b.Principles)
	for id, o := range b.principles {
		r.principles[id] = o
	}
	for i, x := range c.Principles {
		if o, ok := r.principles[x.ID]; ok {
			p.add(x.Source, fmt.Sprintf("principles[%d].id", i), ErrLayering, "principle %q is already defined by %s", x.ID, o.By)
			continue
		}
		r.Principles = append(r.Principles, x)
		r.principles[x.ID] = Origin{By: c.ID, Pos: x.Source}
	}
}

// layerParameters takes the base's values, overridden by local ones of the
// same type (an int may replace a float, and becomes one).
func layerParameters(r, b *Resolved, c *Compact, p *problems) {
	r.Parameters = make(map[string]Value, len(b.Parameters)+len(c.Parameters))
	for k, v := range b.Parameters {
		r.Parameters[k] = v
		r.parameters[k] = b.parameters[k]
	}
	for _, k := range sortedKeys(c.Parameters) {
		v := c.Parameters[k]
		old, ok := b.Parameters[k]
		if ok && !assignable(old.Type(), v.Type()) {
			p.add(c.parameterPos(k), "parameters."+k, ErrLayering, "parameter %s is %s in %s; %s cannot replace it", k, old.Type(), b.parameters[k].By, v.Type())
			continue
		}
		if ok && old.Type() == TypeFloat && v.Type() == TypeInt {
			f, _ := v.AsFloat()
			v = FloatValue(f)
		}
		r.Parameters[k] = v
		o := Origin{By: c.ID, Pos: c.parameterPos(k)}
		if ok {
			o.Overrides = b.parameters[k].By
		}
		r.parameters[k] = o
	}
}

// assignable reports whether a value of type from may replace one of type to.
func assignable(to, from ValueType) bool {
	return to == from || (to == TypeFloat && from == TypeInt)
}

func mergeByID[T any](base, local []T, id func(*T) string, dup func(int, *T)) []T {
	out := slices.Clone(base)
	for i := range local {
		if _, ok := find(out, id(&local[i]), id); ok {
			dup(i, &local[i])
			continue
		}
		out = append(out, local[i])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
