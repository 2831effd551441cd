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

// registerHolders says who holds a role from a register: what
// roles.Register.Holders gives, person ids or the office. Holders works out
// every assignment held on the date (sorting them all) for each
// organisation asked about, so a national directory's signatories would
// cost signatories times nominations: this works them out once per date
// and keeps the last date's, by role and organisation. It is safe for
// concurrent use (Evaluate).
func registerHolders(reg *roles.Register) holderFunc {
	var mu sync.Mutex
	var on compact.Date
	var by map[[2]string][]string
	return func(role, org string, d compact.Date) []string {
		mu.Lock()
		defer mu.Unlock()
		if by == nil || d != on {
			on, by = d, map[[2]string][]string{}
			for _, h := range reg.Held(d) { // Holders(role, org, d) is this list, filtered
				who := h.Person
				if who == "" {
					who = h.Office
				}
				if k := [2]string{h.Role, h.Organisation}; !slices.Contains(by[k], who) {
					by[k] = append(by[k], who)
				}
			}
		}
		return by[[2]string{role, org}]
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
