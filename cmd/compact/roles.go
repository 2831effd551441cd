package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/roles"
)

var rolesCommand = &command{
	name:    "roles",
	summary: "who holds which compact role, vacancies, terms ending soon; who to contact",
	usage:   "roles [--as-of DATE] [--within DAYS] [--duties] [--format text|json] [--base DIR] PATH",
	help: `
Prints the directory of compact roles for the area at PATH (a folder of
documents, or one file holding a whole area): for each role, who holds it
and for which organisation (nominated, ex officio, or implied by another
role, as a steering group member is a compact champion), the requirements
in force, the vacancies (organisations that should hold a role and do not)
and the terms ending soon.

Roles come from the area's RoleCatalogue, or the built-in reference
catalogue; holders come from the nomination records. --as-of defaults to the
last day of the area's records period, or today when the records have none.

  compact roles contact ORG PATH   says who to contact about an organisation's
                                   compact issues (run with --help for more).

Exits 0 when the directory is printed and 3 when the area, its catalogue or
its nominations do not load.

With --format json the output has the shape published as
schema/roles.json; input that does not load, schema/invalid.json.`,
	run: runRoles,

	subcommands: rolesSubcommands,
}

// defaultWithin is how far ahead "terms ending soon" looks: a quarter, the
// notice a steering group needs to find a successor.
const defaultWithin = 90

// rolesSubcommands are the subcommands of compact roles, which without
// one prints the directory of roles.
var rolesSubcommands = []subcommand{
	{"contact", "say who to contact about an organisation's compact issues", runRolesContact},
}

func runRoles(c *cli, fs *flag.FlagSet, args []string) int {
	if len(args) > 0 && args[0] == "contact" {
		return runRolesContact(c, args[1:])
	}
	asOf := addAsOf(fs)
	within := fs.Int("within", defaultWithin, "how many days ahead to look for terms ending")
	duties := fs.Bool("duties", false, "list each role's duties (text format; JSON always has them)")
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	paths, code := c.parseExactly(fs, args, 1, "give one PATH (an area folder or a file holding a whole area)")
	if code >= 0 {
		return code
	}
	switch {
	case *within < 0:
		return c.usageError(fs, "--within must be 0 or more days")
	}
	reg, code := loadRegister(c, af, paths[0], format.value)
	if code >= 0 {
		return code
	}
	on := asOfDate(asOf, reg.Area())
	snap := reg.Snapshot(on, *within)
	if format.value == "json" {
		return c.printJSON(reg.SnapshotOutput(snap), exitOK)
	}
	printSnapshot(c.stdout, reg, snap, *duties)
	return exitOK
}

func runRolesContact(c *cli, args []string) int {
	fs := c.flagSet("roles contact", "roles contact [--as-of DATE] [--format text|json] [--base DIR] ORG PATH", `
Says who to contact about the compact issues of organisation ORG (its id or
its name, as in the directory) in the area at PATH, on the --as-of date.

The initial point of contact is, in this order:
  1. the organisation's own Compact Champion (or whoever holds a role the
     catalogue marks "contact: organisation"), including a steering group
     member, who is a champion too;
  2. the champion of the organisation it is part of (a council for one of
     its services);
  3. a champion who speaks for its sector: nominated on behalf of others
     (a network nominating for the voluntary and community sector), or held
     for a network or infrastructure body of the same sector;
  4. the area's Compact Officer (roles marked "contact: area"), who
     signposts anyone.
Every step that has someone is listed, so you can see where to go next.

Exits 0 when someone is found, 1 when no one holds a contact role, 2 when
ORG is not in the directory, and 3 when the area does not load.

With --format json the output has the shape published as
schema/roles-contact.json; input that does not load, schema/invalid.json.`)
	asOf := addAsOf(fs)
	format := addFormat(fs, "text", "json")
	af := addAreaFlags(fs)
	rest, code := c.parsePair(fs, args, "ORG PATH", 1, "give ORG (an organisation id or name) and PATH (the area)")
	if code >= 0 {
		return code
	}
	reg, code := loadRegister(c, af, rest[1], format.value)
	if code >= 0 {
		return code
	}
	area := reg.Area()
	org := findOrganisation(area, rest[0])
	on := asOfDate(asOf, area)
	contact, err := reg.Contact(org, on)
	if err != nil {
		return c.usageError(fs, "%v", err)
	}
	exit := exitOK
	if len(contact.Options) == 0 {
		exit = exitFindings
	}
	if format.value == "json" {
		return c.printJSON(reg.ContactOutput(contact), exit)
	}
	printContact(c.stdout, reg, contact)
	return exit
}

// loadRegister loads an area and builds its register; see loadWith.
func loadRegister(c *cli, af *areaFlags, path, format string) (*roles.Register, int) {
	return loadWith(c, af, path, format, func(a *compact.Area) (*roles.Register, error) { return roles.New(a) })
}

// findOrganisation is the id of the organisation arg names (by id or by
// name, compact.Area.OrganisationNamed), or arg unchanged when nothing
// matches, so the library's error (with its suggestion) is reported.
func findOrganisation(a *compact.Area, arg string) string {
	if o, ok := a.OrganisationNamed(arg); ok {
		return o.ID
	}
	return arg
}

// names for text output

func orgLabel(a *compact.Area, id string) string {
	return label(id, a.Organisation, func(o *compact.Organisation) string { return o.Name })
}

func personLabel(a *compact.Area, id string) string {
	return label(id, a.Person, func(p *compact.Person) string {
		if p.Name != "" && p.Position != "" {
			return p.Name + ", " + p.Position
		}
		return p.Name
	})
}

func personName(a *compact.Area, id string) string {
	return label(id, a.Person, func(p *compact.Person) string { return p.Name })
}

func roleLabel(reg *roles.Register, id string) string {
	return label(id, reg.Catalogue().Role, func(r *roles.Role) string { return r.Title })
}

// label is what text output calls the thing id names: its name (see
// name) when find finds it and the name is not empty, else id.
func label[T any](id string, find func(string) (*T, bool), name func(*T) string) string {
	if v, ok := find(id); ok {
		if n := name(v); n != "" {
			return n
		}
	}
	return id
}

func term(x roles.Assignment) string {
	switch {
	case x.From.IsZero() && x.To.IsZero():
		return "no fixed term"
	case x.To.IsZero():
		return "since " + x.From.String()
	case x.From.IsZero():
		return "until " + x.To.String()
	}
	return x.From.String() + " to " + x.To.String()
}

// note says how a holding came about, when it is not a plain nomination.
func note(reg *roles.Register, x roles.Assignment) string {
	a := reg.Area()
	var parts []string
	switch x.Basis {
	case roles.BasisImplied:
		s := "implied: " + roleLabel(reg, x.ImpliedBy)
		if x.Via != "" {
			s += " via " + roleLabel(reg, x.Via)
		}
		parts = append(parts, s)
	case roles.BasisExOfficio:
		if x.Office != "" {
			parts = append(parts, "ex officio as "+x.Office)
		} else {
			parts = append(parts, "ex officio")
		}
	}
	if x.DeputyFor != "" {
		parts = append(parts, "deputy for "+personName(a, x.DeputyFor))
	}
	if x.NominatedBy != "" && x.Basis != roles.BasisImplied {
		by := x.NominatedBy
		if _, ok := a.Organisation(by); ok {
			by = orgLabel(a, by)
		}
		parts = append(parts, "nominated by "+by)
	}
	return strings.Join(parts, "; ")
}

func printSnapshot(w io.Writer, reg *roles.Register, s *roles.Snapshot, duties bool) {
	a := reg.Area()
	cat := reg.Catalogue()
	fmt.Fprintf(w, "Compact roles in %s on %s\n", s.Area, s.AsOf)
	fmt.Fprintf(w, "Catalogue: %s\n", strings.Join(s.Chain, " <- "))
	vacant := map[string]int{}
	for _, v := range s.Vacancies {
		vacant[v.Role]++
	}
	var unused []string
	for _, e := range s.Roles {
		if len(e.Holders) == 0 && vacant[e.Role.ID] == 0 && !duties {
			unused = append(unused, e.Role.Title)
			continue
		}
		fmt.Fprintf(w, "\n%s (%s)\n", e.Role.Title, e.Role.ID)
		if len(e.Holders) == 0 {
			fmt.Fprintln(w, "  no one holds this role")
		} else {
			var buf strings.Builder
			tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
			for _, x := range e.Holders {
				who := personLabel(a, x.Person)
				if x.Person == "" {
					who = "(the organisation)"
				}
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", orgLabel(a, x.Organisation), who, term(x), note(reg, x))
			}
			tw.Flush()
			for line := range strings.Lines(buf.String()) {
				fmt.Fprintln(w, strings.TrimRight(line, " \n"))
			}
		}
		if imp := cat.Implied(e.Role.ID); len(imp) > 0 {
			var titles []string
			for _, i := range imp {
				titles = append(titles, roleLabel(reg, i.Role))
			}
			fmt.Fprintf(w, "  Holders are also: %s\n", strings.Join(titles, ", "))
		}
		if n := vacant[e.Role.ID]; n > 0 {
			fmt.Fprintf(w, "  Vacant: %d (see Vacancies)\n", n)
		}
		for _, q := range e.Requirements {
			if q.InForce {
				fmt.Fprintf(w, "  Requirement: %s\n", requirementLine(q))
			}
		}
		for _, n := range e.Role.Notes {
			fmt.Fprintf(w, "  Note: %s\n", n)
		}
		if duties {
			for _, d := range e.Role.Duties {
				src := ""
				if d.Source != "" {
					src = " [" + d.Source + "]"
				}
				fmt.Fprintf(w, "  Duty: %s%s\n", d.Text, src)
			}
		}
	}
	if len(unused) > 0 {
		fmt.Fprintf(w, "\nHeld by no one here: %s\n", strings.Join(unused, ", "))
	}
	fmt.Fprintf(w, "\nVacancies on %s: %d\n", s.AsOf, len(s.Vacancies))
	for _, v := range s.Vacancies {
		fmt.Fprintf(w, "  %s\n", v.Reason)
	}
	fmt.Fprintf(w, "\nTerms ending within %d days (by %s): %d\n", s.Within, s.AsOf.AddDays(s.Within), len(s.EndingSoon))
	for _, x := range s.EndingSoon {
		line := fmt.Sprintf("  %s  %s, %s for %s", x.To, personName(a, x.Person), roleLabel(reg, x.Role), orgLabel(a, x.Organisation))
		if x.Nomination != "" {
			line += fmt.Sprintf(" (nomination %s)", x.Nomination)
		}
		if imp := cat.Implied(x.Role); len(imp) > 0 {
			var titles []string
			for _, i := range imp {
				titles = append(titles, roleLabel(reg, i.Role))
			}
			line += "; also ends their " + strings.Join(titles, ", ")
		}
		fmt.Fprintln(w, line)
	}
}

func requirementLine(q roles.Setting) string {
	r := q.Requirement
	var b strings.Builder
	b.WriteString(r.Text)
	var facts []string
	switch {
	case q.Value > 0:
		facts = append(facts, fmt.Sprintf("%s %d", r.Kind, q.Value))
	case q.Text != "":
		facts = append(facts, fmt.Sprintf("%s: %s", r.Kind, q.Text))
	case r.Kind != "":
		facts = append(facts, string(r.Kind))
	}
	facts = append(facts, "set by "+q.SetBy)
	if r.Rule != "" {
		facts = append(facts, "checked by rule "+r.Rule)
	} else if r.Kind == "" {
		facts = append(facts, "not checked automatically")
	}
	fmt.Fprintf(&b, " [%s]", strings.Join(facts, "; "))
	return b.String()
}

func printContact(w io.Writer, reg *roles.Register, c roles.Contact) {
	a := reg.Area()
	fmt.Fprintf(w, "Who to contact about %s's compact issues, on %s\n", orgLabel(a, c.Organisation), c.AsOf)
	if len(c.Options) == 0 {
		fmt.Fprintln(w, "\nNo one holds a contact role for it, its sector or the area. Ask the compact's steering group.")
		return
	}
	for i, o := range c.Options {
		head := "Initial point of contact"
		if i > 0 {
			head = "Then"
		}
		fmt.Fprintf(w, "\n%s (%s): %s\n", head, o.Basis, o.Why)
		for _, x := range o.Holders {
			who := personLabel(a, x.Person)
			if x.Person == "" {
				who = orgLabel(a, x.Organisation)
			}
			line := fmt.Sprintf("  %s, %s for %s", who, roleLabel(reg, x.Role), orgLabel(a, x.Organisation))
			if n := note(reg, x); n != "" {
				line += " (" + n + ")"
			}
			fmt.Fprintln(w, line)
			if p, ok := a.Person(x.Person); ok {
				var how []string
				for _, s := range []string{p.Email, p.Phone} {
					if s != "" {
						how = append(how, s)
					}
				}
				if len(how) > 0 {
					fmt.Fprintf(w, "    %s\n", strings.Join(how, ", "))
				}
			}
		}
	}
}
