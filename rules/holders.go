package rules

import (
	"fmt"
	"slices"
	"sync"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
	"github.com/compactkit/compactkit/roles"
)

// championRole is the role whose holders the signatory variable champions
// lists: the id of the compact champion in the reference role catalogue.
const championRole = "compact-champion"

// holderFunc says who holds a role for an organisation on a date: person
// ids, or the office for one nobody in the directory fills.
type holderFunc func(role, org string, on compact.Date) []string

// holdersOf returns who holds roles in an area, as package roles works it
// out from the area's role catalogue: nominated holders, holders by office
// (ex officio) while the organisation has nominated no one, and holders
// through a role that implies the role. An area whose roles do not load
// (no catalogue, or nominations the catalogue refuses: compact roles reports
// those) falls back to its nominations, with the catalogue's implications
// when it has one. The catalogue is returned for pack tests.
func holdersOf(a *compact.Area, w *world) (holderFunc, *roles.Catalogue) {
	cat, _ := roles.LoadCatalogue(a)
	if reg, err := roles.New(a); err == nil {
		return registerHolders(reg), cat
	}
	return nominatedHolders(w, cat), cat
}

// registerHolders says who holds a role as the register works it out
// (reg.Holders, people and offices each once, in the register's order).
// The register is asked for everything held on a date once, and the
// answers for every role and organisation on that date come from it: a
// check asks once per signatory, and asking the register each time is
// quadratic in the size of the directory.
func registerHolders(reg *roles.Register) holderFunc {
	type key struct{ role, org string }
	var mu sync.Mutex
	var on compact.Date
	var byKey map[key][]string
	return func(role, org string, date compact.Date) []string {
		mu.Lock()
		defer mu.Unlock()
		if byKey == nil || date != on {
			on, byKey = date, map[key][]string{}
			seen := map[[3]string]bool{}
			for _, h := range reg.Held(date) {
				who := h.Person
				if who == "" {
					who = h.Office
				}
				for _, k := range [...]key{{h.Role, h.Organisation}, {h.Role, ""}} {
					if !seen[[3]string{k.role, k.org, who}] {
						seen[[3]string{k.role, k.org, who}] = true
						byKey[k] = append(byKey[k], who)
					}
				}
			}
		}
		return slices.Clone(byKey[key{role, org}])
	}
}

// nominatedHolders says who holds a role from nominations alone: those
// nominated to it, and those nominated to a role the catalogue (which may
// be nil) says implies it. Pack tests use it: a fixture has no offices.
func nominatedHolders(w *world, cat *roles.Catalogue) holderFunc {
	return func(role, org string, on compact.Date) []string {
		var out []string
		for _, n := range w.nominations[org] {
			if n.From.After(on) || (!n.To.IsZero() && n.To.Before(on)) {
				continue
			}
			holds := n.Role == role
			if !holds && cat != nil {
				holds = slices.ContainsFunc(cat.Implied(n.Role), func(i roles.Implication) bool { return i.Role == role })
			}
			if holds && !slices.Contains(out, n.Person) {
				out = append(out, n.Person)
			}
		}
		return out
	}
}

// checkRuleRefs checks that every rule id the area's role catalogue names
// (the rule that checks a requirement) is a rule of the pack, in force or
// disabled, and reports each one that is not at the line that names it. A
// catalogue that does not load is reported by package roles, not here. The
// library's reference catalogue names the national pack's rules, so an area
// with no catalogue of its own is checked only when its pack builds on the
// national one ([DefaultPack]).
func (p *Pack) checkRuleRefs(a *compact.Area) error {
	if a == nil || (len(a.DocumentsOf(compact.KindRoleCatalogue)) == 0 && !slices.Contains(p.Chain, DefaultPack)) {
		return nil
	}
	cat, err := roles.LoadCatalogue(a)
	if err != nil || cat == nil {
		return nil
	}
	var errs compact.Errors
	for _, ref := range cat.RuleRefs() {
		if _, ok := p.Rule(ref.Rule); ok {
			continue
		}
		msg := fmt.Sprintf("requirement %s of role %s is checked by rule %q, which rule pack %s does not have", ref.Requirement, ref.Role, ref.Rule, p.ID)
		if near := docfmt.Closest(ref.Rule, ruleIDs(p.Rules)); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		errs = append(errs, ref.Errorf(compact.ErrReference, "%s", msg))
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
