// Command compact loads, validates and checks UK Compacts: the agreements
// between public bodies and the voluntary and community sector.
//
// Run "compact help" for the list of commands and "compact COMMAND --help"
// for one command's flags; "compact --version" prints the version, as
// "compact version" does. A mistyped command, subcommand or flag gets a
// "did you mean" hint (and exit code 2). "compact completion bash|zsh|fish"
// prints a shell completion script, generated from the command table.
//
// # Exit codes
//
// The same for every command:
//
//	0    success: valid input, checks passed
//	1    checks found failures, or a dispute event was refused
//	2    usage error: the command line is wrong
//	3    invalid input: a document does not load, validate or compile, or an area has no documents
//	4    rule pack tests ran and some failed
//	5    I/O or environment failure: an output could not be written (full disk, read-only folder, closed pipe)
//	130  interrupted (Ctrl-C or SIGTERM)
//
// Every file the command writes (report -o, schema -o, schema --annotate)
// is written atomically: a failed write leaves the old file as it was.
// Output shows control characters other than tab and newline as \u00XX.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit codes, the same for every command.
const (
	exitOK        = 0 // success: valid input, checks passed
	exitFindings  = 1 // checks found failures, or an event was refused
	exitUsage     = 2 // the command line is wrong
	exitInvalid   = 3 // the input does not load, validate or compile
	exitTestsFail = 4 // rule pack tests ran and some failed
	exitIO        = 5 // an output could not be written: full disk, read-only folder, closed pipe

	// exitInterrupt is the shells' code for a command stopped by SIGINT
	// (128 + 2); SIGTERM gets it too.
	exitInterrupt = 130
)

// command is one of compact's commands.
type command struct {
	name    string
	summary string
	// usage and help, for a command that has flags, are its synopsis
	// after "compact" ("fmt [--check] PATH...") and the paragraphs after
	// it that --help prints: its flag set is made of them (see
	// cli.flagSet). Empty for a command that takes a subcommand first.
	usage, help string
	// run runs the command on args, the words after its name: it adds
	// its flags to fs and parses args (fs is nil without a usage).
	run func(c *cli, fs *flag.FlagSet, args []string) int
	// subcommands are the command's subcommands, for help's "did you
	// mean" and for shell completion; nil for most commands.
	subcommands []subcommand
}

// commands lists the subcommands in the order "compact help" shows them.
func commands() []*command {
	return []*command{
		initCommand,
		validateCommand,
		checkCommand,
		rulesCommand,
		rolesCommand,
		disputeCommand,
		keysCommand,
		reportCommand, consultationsCommand,
		importCommand,
		planCommand,
		schemaCommand,
		fmtCommand,
		generateCommand,
		completionCommand,
		versionCommand,
	}
}

// start runs the command on args, with its flag set.
func (cmd *command) start(c *cli, args []string) int {
	var fs *flag.FlagSet
	if cmd.usage != "" {
		fs = c.flagSet(cmd.name, cmd.usage, cmd.help)
	}
	return cmd.run(c, fs, args)
}

// cli carries what every command needs: where output goes and a context
// that ends on interrupt.
type cli struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	// maxErrors is --max-errors: the most problems printed, the rest
	// counted; 0 prints every one.
	maxErrors int
	// collect, when set, is given each flag set parse is asked to parse,
	// and the command stops there (exit 0) having done nothing: shell
	// completion lists the commands' flags so.
	collect func(*flag.FlagSet)
}

// defaultMaxErrors is how many problems a command prints before it counts
// the rest: a screenful. A mistake repeated down a spreadsheet export can
// give a hundred thousand problems, and 30 MB of them helps nobody.
const defaultMaxErrors = 50

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code: the command's,
// or exitIO when its output could not be written, or exitInterrupt when ctx
// ended (an interrupt) while it ran.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out, errs := newOutWriter(stdout), newOutWriter(stderr)
	code := dispatch(ctx, args, out, errs)
	if err := out.close(); err != nil {
		fmt.Fprintf(errs, "compact: cannot write the output: %v\n", err)
		code = exitIO
	}
	if ctx.Err() != nil && code != exitOK {
		fmt.Fprintln(errs, "compact: interrupted")
		code = exitInterrupt
	}
	_ = errs.close() // nowhere left to report a failing stderr
	return code
}

// dispatch runs the command args name.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := &cli{ctx: ctx, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		c.usage(stderr)
		return exitUsage
	}
	switch {
	case args[0] == "--version" || args[0] == "-version":
		return versionCommand.start(c, args[1:])
	case isHelp(args[0]):
		if len(args) > 1 {
			return dispatch(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		c.usage(stdout)
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.start(c, args[1:])
		}
	}
	fmt.Fprintf(stderr, "compact: unknown command %q%s\n\n", args[0], didYouMean(args[0], commandNames()))
	c.usage(stderr)
	return exitUsage
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintln(w, "compact: load, validate and check UK Compacts between public bodies and the voluntary and community sector.")
	fmt.Fprintln(w, "\nUsage: compact COMMAND [flags] [arguments]\n\nCommands:")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintln(w, "\nRun \"compact COMMAND --help\" for a command's flags, \"compact --version\" for the version.")
	fmt.Fprintln(w, "\nExit codes: 0 success; 1 checks found failures; 2 usage error; 3 invalid input; 4 rule pack tests failed;")
	fmt.Fprintln(w, "5 output could not be written (full disk, read-only folder); 130 interrupted.")
}

// flagSet makes a flag set for a command whose errors and help go to the
// command's writers. usage is the synopsis line; help the paragraph after it.
func (c *cli) flagSet(name, usage, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.IntVar(&c.maxErrors, "max-errors", defaultMaxErrors, "the most problems to print; the rest are counted (0 prints all)")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: compact %s\n\n%s\n", usage, strings.TrimSpace(help))
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(w, "\nFlags:")
			printFlags(w, fs)
		}
	}
	return fs
}

// parse parses flags and positional arguments in any order ("--" ends the
// flags). It returns the positional arguments, and an exit code of -1 to go
// on, or the code to stop with (0 after --help).
func (c *cli) parse(fs *flag.FlagSet, args []string) ([]string, int) {
	if c.collect != nil {
		c.collect(fs)
		return nil, exitOK
	}
	usage := fs.Usage
	fs.Usage = func() {} // the flag package would print it on every error
	defer func() { fs.Usage = usage }()
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(c.stdout)
				usage()
				return nil, exitOK
			}
			if hint := flagHint(fs, err); hint != "" {
				fmt.Fprintln(c.stderr, hint)
			}
			fmt.Fprintf(c.stderr, "Run \"compact %s --help\" for usage.\n", fs.Name())
			return nil, exitUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, -1
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), -1
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// parseExactly is parse for a command that takes n positional arguments:
// any other number is a usage error, and want says what to give.
func (c *cli) parseExactly(fs *flag.FlagSet, args []string, n int, want string) ([]string, int) {
	pos, code := c.parse(fs, args)
	if code < 0 && len(pos) != n {
		return nil, c.usageError(fs, "%s", want)
	}
	return pos, code
}

// parseAtLeastOne is parse for a command that takes one or more positional
// arguments; want says what to give when there are none.
func (c *cli) parseAtLeastOne(fs *flag.FlagSet, args []string, want string) ([]string, int) {
	pos, code := c.parse(fs, args)
	if code < 0 && len(pos) == 0 {
		return nil, c.usageError(fs, "%s", want)
	}
	return pos, code
}

// usageError reports a command-line mistake and returns exitUsage.
func (c *cli) usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "compact %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fmt.Fprintf(c.stderr, "Run \"compact %s --help\" for usage.\n", fs.Name())
	return exitUsage
}
