package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/compactkit/compactkit/dispute"
)

var keysCommand = &command{
	name:    "keys",
	summary: "make a key pair that signs dispute events",
	run:     runKeys,

	subcommands: keysSubcommands,
}

// keyEnv is the environment variable that may hold a private key's text,
// instead of --key FILE.
const keyEnv = "COMPACTKIT_DISPUTE_KEY"

// keysSubcommands are the subcommands of compact keys.
var keysSubcommands = []subcommand{
	{"new", "make an Ed25519 key pair for signing dispute events", runKeysNew},
}

func runKeys(c *cli, _ *flag.FlagSet, args []string) int {
	return c.runSubcommand("keys", "subcommand", keysSubcommands, args, keysUsage)
}

// keysUsage is what "compact keys --help" prints.
const keysUsage = `Usage: compact keys new --id ID --out FILE [--person ID | --body ID] [--from DATE]

Subcommands:
  new    make an Ed25519 key pair for signing dispute events

Run "compact keys new --help" for its flags.
`

func runKeysNew(c *cli, args []string) int {
	fs := c.flagSet("keys new", "keys new --id ID --out FILE [--person ID | --body ID] [--from DATE]", `
Makes an Ed25519 key pair for signing an area's dispute events. The private
key is written to --out, readable by you alone; it never goes in the area.
Keep it where only its holder can read it (a password manager, an
encrypted drive), and give it to compact dispute open, apply and seal with
--key FILE or in the environment variable `+keyEnv+`.

The public key is printed as an entry for the keys list of the area's
document of kind DisputeKeys (disputes/keys.yaml): add it there, with the
days it is valid for. An existing --out file is never overwritten.

Exits 0 when the key is made, 2 on a usage error, 5 when it cannot be
written.`)
	id := fs.String("id", "", "the key's id, as the keys document will list it (steering-group-2026)")
	out := fs.String("out", "", "the file to write the private key to")
	person := fs.String("person", "", "the person who holds the key (an area that signs by recorder)")
	body := fs.String("body", "", "the body that holds the key (an area that signs by body)")
	from := &dateFlag{}
	fs.Var(from, "from", "the first day the key signs events (YYYY-MM-DD); default: today")
	if _, code := c.parseExactly(fs, args, 0, "keys new takes no arguments, only flags"); code >= 0 {
		return code
	}
	switch {
	case *id == "" || *out == "":
		return c.usageError(fs, "give --id and --out")
	case (*person == "") == (*body == ""):
		return c.usageError(fs, "give one of --person and --body: who holds the key")
	}
	s, err := dispute.GenerateSigner(*id, rand.Reader)
	if err != nil {
		return c.usageError(fs, "%v", err)
	}
	text, _ := s.MarshalText()
	text = append([]byte("# A private key for signing dispute events. Keep it secret; never put it in an area.\n"), text...)
	if err := writeNew(*out, text, 0o600); err != nil {
		fmt.Fprintf(c.stderr, "compact keys new: %v\n", err)
		return exitCannotWrite
	}
	day := from.d
	if day.IsZero() {
		day = today()
	}
	holder := "person: " + *person
	if *body != "" {
		holder = "body: " + *body
	}
	fmt.Fprintf(c.stdout, "Private key written to %s: keep it secret, and out of the area.\n", *out)
	fmt.Fprintf(c.stdout, "Add the public key to the keys of the area's DisputeKeys document (disputes/keys.yaml):\n\n")
	fmt.Fprintf(c.stdout, "  - id: %s\n    %s\n    publicKey: %s\n    from: %s\n", *id, holder, s.Public(), day)
	return exitOK
}

// exitCannotWrite is the exit code for output that cannot be written (5,
// the code the README gives for I/O errors).
const exitCannotWrite = 5

// writeNew writes a file that must not exist yet, atomically: a temporary
// file in the same folder, synced, then linked into place, so a reader
// never sees half a key and an existing file is never replaced.
func writeNew(path string, data []byte, perm fs.FileMode) (err error) {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s exists; a key file is never overwritten", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err = f.Chmod(perm); err == nil {
		if _, err = f.Write(data); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	// A hard link fails if path appeared meanwhile; rename would replace it.
	if err := os.Link(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
