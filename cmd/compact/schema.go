package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/atomicfile"
	"github.com/compactkit/compactkit/schema"
)

var schemaCommand = &command{
	name:    "schema",
	summary: "list, print or write the JSON Schema of every document kind; name schemas in YAML files for editors",
	usage:   "schema [KIND] [-o DIR] | schema --annotate [--ref DIR|URL] [--check] PATH...",
	help: `
With no arguments, lists the schemas: one per document kind, one per output,
and document.json, which accepts a document of any kind. KIND names one by
its kind (Compact), its file (compact.json) or its file without .json.

  compact schema KIND           prints the schema of KIND
  compact schema -o DIR         writes every schema into DIR (or only the KINDs named)
  compact schema --area AREA [KIND] [-o DIR]
                                the schemas of one area (compact, records, rule-pack,
                                document): its declared facts are typed properties of
                                its records, and parameters are those its rule pack
                                declares, each with its type and range
  compact schema --annotate PATH...
                                starts every document of each YAML file under PATH
                                with a comment naming its schema, which editors with
                                the YAML language server read to validate and complete
                                as you type:
                                  # yaml-language-server: $schema=...
                                The comment names the published URL, or with --ref DIR
                                a path from the file to DIR (write DIR with -o first),
                                or with --ref URL the file under that URL. Running it
                                again changes nothing; --check only reports files
                                that need it, and exits 1 if any do.

The schemas are JSON Schema draft 2020-12; their $ids stay the same for all
of compactkit/v1. Exits 0 on success, 2 for an unknown KIND, 3 when a file
cannot be read, written or annotated.

With --format json the list has the shape published as
schema/schemas.json.`,
	run: runSchema,
}

func runSchema(c *cli, fs *flag.FlagSet, args []string) int {
	format := addFormat(fs, "text", "json")
	out := fs.String("o", "", "write the schemas into this `DIR` instead of printing")
	annotate := fs.Bool("annotate", false, "add a yaml-language-server line to every document of the YAML files under each PATH")
	ref := fs.String("ref", "", "with --annotate: a schema `DIR` (named by relative path) or a base URL; the published URLs when empty")
	check := fs.Bool("check", false, "with --annotate: report files that need the line, change nothing, exit 1 if any")
	area := fs.String("area", "", "the schemas of one `AREA` (a folder): its declared facts and its rule pack's parameters typed")
	af := addAreaFlags(fs)
	rest, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if *area != "" {
		if *annotate {
			return c.usageError(fs, "--area and --annotate do not go together")
		}
		return c.areaSchemas(fs, af, *area, rest, *out)
	}
	if *annotate {
		if *out != "" {
			return c.usageError(fs, "--annotate and -o do not go together")
		}
		if len(rest) == 0 {
			return c.usageError(fs, "--annotate needs at least one PATH (a folder or a YAML file)")
		}
		return c.annotate(rest, *ref, *check)
	}
	if *ref != "" || *check {
		return c.usageError(fs, "--ref and --check go with --annotate")
	}
	var kinds []schema.Kind
	for _, name := range rest {
		k, ok := schema.Find(name)
		if !ok {
			return c.usageError(fs, "unknown kind %q%s; run \"compact schema\" for the list", name, didYouMean(name, schemaKindNames()))
		}
		kinds = append(kinds, k)
	}
	switch {
	case *out != "":
		if len(kinds) == 0 {
			kinds = schema.Kinds()
		}
		return c.writeSchemas(*out, kinds)
	case len(kinds) > 1:
		return c.usageError(fs, "print one KIND at a time, or write several with -o DIR")
	case len(kinds) == 1:
		b, err := schema.Published(kinds[0])
		if err != nil {
			fmt.Fprintf(c.stderr, "compact schema: %v\n", err)
			return exitInvalid
		}
		c.stdout.Write(b)
		return exitOK
	}
	list := schema.List()
	if format.value == "json" {
		return c.printJSON(list, exitOK)
	}
	for _, l := range list.Schemas {
		fmt.Fprintf(c.stdout, "%-14s %-20s %s\n", l.Name, l.File, l.ID)
	}
	return exitOK
}

func (c *cli) writeSchemas(dir string, kinds []schema.Kind) int {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(c.stderr, "compact schema: %v\n", err)
		return exitIO
	}
	for _, k := range kinds {
		b, err := schema.Published(k)
		if err != nil {
			fmt.Fprintf(c.stderr, "compact schema: %v\n", err)
			return exitInvalid
		}
		if err := atomicfile.WriteFile(filepath.Join(dir, k.File), b, 0o644); err != nil {
			fmt.Fprintf(c.stderr, "compact schema: %v\n", err)
			return exitIO
		}
		fmt.Fprintf(c.stdout, "wrote %s\n", filepath.Join(dir, k.File))
	}
	return exitOK
}

// schemaRef returns how a file names its schemas: the published URL; a URL
// under base; or the path from the file's folder to the schema in dir.
func schemaRef(ref, file string) (func(schema.Kind) string, error) {
	switch {
	case ref == "":
		return func(k schema.Kind) string { return k.ID }, nil
	case strings.Contains(ref, "://"):
		base := strings.TrimSuffix(ref, "/") + "/"
		return func(k schema.Kind) string { return base + k.File }, nil
	}
	dir, err := filepath.Abs(ref)
	if err != nil {
		return nil, err
	}
	from, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return nil, err
	}
	return func(k schema.Kind) string {
		rel, err := filepath.Rel(from, filepath.Join(dir, k.File))
		if err != nil { // only on Windows, across drives
			return filepath.ToSlash(filepath.Join(dir, k.File))
		}
		return filepath.ToSlash(rel)
	}, nil
}

// missingSchemas lists the schemas of kinds that a --ref folder lacks.
func missingSchemas(ref string, kinds []schema.Kind) error {
	if ref == "" || strings.Contains(ref, "://") {
		return nil
	}
	for _, k := range kinds {
		if _, err := os.Stat(filepath.Join(ref, k.File)); err != nil {
			return fmt.Errorf("%s has no %s; write the schemas there first: compact schema -o %s", ref, k.File, ref)
		}
	}
	return nil
}

// listYAML is yamlFiles for the command name: when a path cannot be
// walked, it says so and returns exitInvalid; otherwise -1, to go on.
func (c *cli) listYAML(name string, paths []string) ([]string, int) {
	list, err := yamlFiles(paths)
	if err != nil {
		fmt.Fprintf(c.stderr, "compact %s: %v\n", name, err)
		return nil, exitInvalid
	}
	return list, -1
}

// yamlFiles lists the YAML files under each path as the loader would find
// them (hidden folders and testdata skipped); a path naming a file is taken
// as it is.
func yamlFiles(paths []string) ([]string, error) {
	var files []string
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p == root && !d.IsDir() {
				files = append(files, p)
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") || name == "testdata") {
					return filepath.SkipDir
				}
				return nil
			}
			if ext := strings.ToLower(filepath.Ext(name)); (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(name, ".") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

func (c *cli) annotate(paths []string, ref string, check bool) int {
	list, code := c.listYAML("schema", paths)
	if code >= 0 {
		return code
	}
	var tally fileTally
	for _, file := range list {
		err := func() error {
			data, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			refs, err := schemaRef(ref, file)
			if err != nil {
				return err
			}
			var used []schema.Kind
			got, err := schema.Annotate(file, data, func(k schema.Kind) string {
				used = append(used, k)
				return refs(k)
			})
			if err != nil {
				return err
			}
			if err := missingSchemas(ref, used); err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			if bytes.Equal(got, data) {
				tally.current++
				return nil
			}
			if check {
				tally.changed++
				fmt.Fprintf(c.stdout, "%s: needs its yaml-language-server lines\n", file)
				return nil
			}
			if err := atomicfile.WriteFile(file, got, 0o644); err != nil {
				tally.writeFailed++
				return fmt.Errorf("%w; the file is unchanged", err)
			}
			tally.changed++
			fmt.Fprintf(c.stdout, "annotated %s\n", file)
			return nil
		}()
		if err != nil {
			tally.failed++
			var list compact.Errors
			if errors.As(err, &list) {
				c.printProblems(err)
			} else {
				fmt.Fprintf(c.stderr, "%v\n", err)
			}
		}
	}
	return tally.finish(c.stdout, check, "annotated", "to annotate", "current")
}

// files says "1 file" or "n files".
func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// fileTally counts what a command that rewrites files in place (fmt,
// schema --annotate) did with them.
type fileTally struct {
	changed     int // rewritten, or with --check to be rewritten
	current     int // already as they should be
	failed      int // that could not be read, rewritten or written
	writeFailed int // of the failed, those that could not be written
}

// finish writes the tally's summary line, "3 files formatted, 2 already
// formatted, 1 could not be formatted" (done, or toDo with --check; the
// unchanged ones "already" state), and returns the command's exit code:
// exitIO when a file could not be written, exitInvalid when one failed
// otherwise, exitFindings with --check when some are to be rewritten.
func (t fileTally) finish(w io.Writer, check bool, done, toDo, state string) int {
	verb := done
	if check {
		verb = toDo
	}
	fmt.Fprintf(w, "%s %s, %d already %s", files(t.changed), verb, t.current, state)
	if t.failed > 0 {
		fmt.Fprintf(w, ", %d could not be %s", t.failed, done)
	}
	fmt.Fprintln(w)
	switch {
	case t.writeFailed > 0:
		return exitIO
	case t.failed > 0:
		return exitInvalid
	case check && t.changed > 0:
		return exitFindings
	}
	return exitOK
}

// areaSchemas prints or writes the schemas of one area.
func (c *cli) areaSchemas(fs *flag.FlagSet, af *areaFlags, path string, names []string, out string) int {
	a, err := af.load(path)
	if err != nil {
		return c.invalid(path, err, "text")
	}
	files, err := schema.AreaSchemas(a)
	if err != nil {
		return c.invalid(path, err, "text")
	}
	var want []string
	for _, name := range names {
		k, ok := schema.Find(name)
		if !ok || files[k.File] == nil {
			return c.usageError(fs, "%q has no area schema; the area schemas are compact, records, rule-pack and document", name)
		}
		want = append(want, k.File)
	}
	if out == "" {
		if len(want) != 1 {
			return c.usageError(fs, "with --area, print one KIND, or write them all with -o DIR")
		}
		c.stdout.Write(files[want[0]])
		return exitOK
	}
	if len(want) == 0 {
		want = slices.Sorted(maps.Keys(files))
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintf(c.stderr, "compact schema: %v\n", err)
		return exitInvalid
	}
	for _, f := range want {
		if err := os.WriteFile(filepath.Join(out, f), files[f], 0o644); err != nil {
			fmt.Fprintf(c.stderr, "compact schema: %v\n", err)
			return exitInvalid
		}
		fmt.Fprintf(c.stdout, "wrote %s\n", filepath.Join(out, f))
	}
	return exitOK
}
