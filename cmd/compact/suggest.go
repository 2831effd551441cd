package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/compactkit/compactkit/internal/docfmt"

	"github.com/compactkit/compactkit/schema"
)

// subcommand is one subcommand of a command (dispute apply, rules test).
// Run parses its own flags from args.
type subcommand struct {
	name    string
	summary string
	run     func(c *cli, args []string) int
}

// subcommandNames lists the names of subs, in order.
func subcommandNames(subs []subcommand) []string {
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.name
	}
	return names
}

// runSubcommand runs the subcommand of compact's command name that args
// name first. Asked for help, it prints usage on stdout and returns
// exitOK; given no subcommand, or one it does not know (said, with a "did
// you mean"), it prints usage on stderr and returns exitUsage. noun is
// what the subcommands are called: "subcommand", or "shell".
func (c *cli) runSubcommand(name, noun string, subs []subcommand, args []string, usage string) int {
	if len(args) > 0 {
		for _, s := range subs {
			if s.name == args[0] {
				return s.run(c, args[1:])
			}
		}
	}
	w, code := c.stderr, exitUsage
	if len(args) > 0 && isHelp(args[0]) {
		w, code = c.stdout, exitOK
	} else if len(args) > 0 {
		fmt.Fprintf(c.stderr, "compact %s: unknown %s %q%s\n\n", name, noun, args[0], didYouMean(args[0], subcommandNames(subs)))
	}
	fmt.Fprint(w, usage)
	return code
}

// isHelp reports whether arg asks for help: help, -h, -help or --help.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// commandNames lists the names of the commands, in the order help shows
// them.
func commandNames() []string {
	var names []string
	for _, cmd := range commands() {
		names = append(names, cmd.name)
	}
	return names
}

// didYouMean is a "did you mean" hint for a mistyped name: "; did you mean
// check?", or "" when no candidate is near enough (see compact.Closest).
func didYouMean(name string, candidates []string) string {
	if near := docfmt.Closest(name, candidates); near != "" {
		return fmt.Sprintf("; did you mean %s?", near)
	}
	return ""
}

// undefinedFlag is the start of the flag package's error for a flag the
// set does not define.
const undefinedFlag = "flag provided but not defined: "

// flagHint is the "did you mean" line for a flag parse error err: for an
// undefined flag near one of fs's (--as-off for --as-of), "Did you mean
// --as-of?"; otherwise "".
func flagHint(fs *flag.FlagSet, err error) string {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return ""
	}
	name, ok := strings.CutPrefix(err.Error(), undefinedFlag)
	if !ok {
		return ""
	}
	name = strings.TrimLeft(name, "-")
	if len([]rune(name)) < 2 {
		return "" // any one letter is one edit from any other: no hint
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if near := docfmt.Closest(name, names); near != "" {
		return fmt.Sprintf("Did you mean %s?", flagName(near))
	}
	return ""
}

// flagName is how help and usage lines spell a flag: --as-of, but -o for
// a one-letter name.
func flagName(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// schemaKindNames are the names compact schema takes for a KIND, as it
// lists them: Records, not records.json.
func schemaKindNames() []string {
	var names []string
	for _, k := range schema.Kinds() {
		names = append(names, k.Name)
	}
	return names
}
