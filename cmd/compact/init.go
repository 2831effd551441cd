package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
	"github.com/compactkit/compactkit/internal/atomicfile"
)

var initCommand = &command{
	name:    "init",
	summary: "create a working area: a compact extending the national baseline, or a copy of an example",
	usage:   "init [--from EXAMPLE] DIR",
	help: `
Creates a working area in DIR (made if missing; it must be empty): a
compact that extends the national Compact (England, 2010), an empty
directory and records, and a rule pack that extends the national pack,
each commented with what to fill in. With --from EXAMPLE it copies one of
the example areas instead (` + strings.Join(examples.Areas(), ", ") + `).

Every YAML document starts with a yaml-language-server comment naming its
JSON Schema by its published URL (https://compactkit.org/schema/v1/...),
so an editor validates and completes it wherever the folder is. To work
offline, write a local copy of the schemas into the area with
"compact schema -o DIR/schema" and point the comments at it with
"compact schema --annotate --ref DIR/schema DIR".

The area's ` + compact.IgnoreFile + ` lists files and folders that are not
documents, which loading skips; it starts with schema/. Its patterns are
those of .gitignore: "name" matches at any depth, "/path" from the area's
folder, "folder/" folders only; "*", "?", "[a-z]" and "**" as in git; a
later "!pattern" takes a name back in; "#" starts a comment.

Exits 0 when the area is written, 2 on a usage error (DIR missing or not
empty, an unknown example), 3 when a file cannot be written.`,
	run: runInit,
}

func runInit(c *cli, flags *flag.FlagSet, args []string) int {
	from := flags.String("from", "", "copy this example area instead of starting from the national baseline")
	rest, code := c.parse(flags, args)
	if code >= 0 {
		return code
	}
	if len(rest) != 1 {
		return c.usageError(flags, "give one DIR, the folder to create the area in")
	}
	dir := rest[0]
	abs, err := filepath.Abs(dir)
	if err != nil {
		return c.usageError(flags, "%v", err)
	}
	files, err := examples.Starter(filepath.Base(abs), *from)
	if err != nil {
		return c.usageError(flags, "--from: %v", err)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return c.usageError(flags, "%s is not empty; init writes a new area into an empty or new folder", dir)
	case err == nil: // an empty folder: write into it
		err = writeArea(dir, files)
	case errors.Is(err, fs.ErrNotExist):
		err = writeNewArea(dir, files)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "compact init: %v\n", err)
		return exitInvalid
	}
	what := "extending the national baseline"
	if *from != "" {
		what = "copied from the " + *from + " example"
	}
	fmt.Fprintf(c.stdout, "created %s (%s): %d files\n", dir, what, len(files))
	for _, f := range files {
		fmt.Fprintf(c.stdout, "  %s\n", filepath.FromSlash(f.Path))
	}
	fmt.Fprintf(c.stdout, "\nNext:\n  compact validate %[1]s\n  compact check %[1]s\n  compact rules test %[1]s\n", dir)
	return exitOK
}

// writeArea writes the files into dir, each atomically.
func writeArea(dir string, files []examples.File) error {
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeNewArea writes the files into a temporary folder beside dir and
// renames it to dir, so that a failure leaves no half-written area.
func writeNewArea(dir string, files []examples.File) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".init-*")
	if err != nil {
		return err
	}
	if err := writeArea(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}
