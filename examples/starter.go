package examples

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// relativeSchema matches the yaml-language-server comment of an example
// document, which names its schema by a path to the repository's schema
// folder ("../../schema/compact.json").
var relativeSchema = regexp.MustCompile(`(?m)^(# yaml-language-server: \$schema=)(?:\.\./)*schema/([a-z-]+\.json)[ \t]*\r?$`)

// publishedSchemas points the yaml-language-server comments of a file at
// the published schemas, so they resolve wherever the file is.
func publishedSchemas(data []byte) []byte {
	return relativeSchema.ReplaceAll(data, []byte("${1}"+compact.SchemaBaseURL+"${2}"))
}

// areas holds every example area, for [Starter] to copy.
//
//go:embed national kirklees worcestershire lincolnshire-rutland compact-voice-ocs kent
var areas embed.FS

// File is one file of a new working area: its path below the area's
// folder (slash-separated) and its contents.
type File struct {
	Path string
	Data []byte
}

// Areas lists the example areas [Starter] can copy, by name.
func Areas() []string {
	entries, _ := fs.ReadDir(areas, ".")
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// IgnoreTemplate is the [compact.IgnoreFile] of a new area: the folder
// "compact schema -o schema" writes the schemas into is not documents.
const IgnoreTemplate = `# Files and folders of this area that are not compact documents: loading
# skips them. Patterns as in .gitignore ("name" at any depth, "/path" from
# this folder, "folder/" for folders only, "*", "**", "!" to take back in).

# Local copies of the JSON Schemas, written by: compact schema -o schema
schema/
`

// Starter returns the files of a new working area called name (its
// folder's name, say; it gives the compact and pack their ids and titles).
// With from empty the area extends the national baseline: a compact that
// extends national-2010, an empty directory and records, and a rule pack
// that extends the national pack, each with comments on what to fill in.
// With from the name of an example area (see [Areas]) the files are that
// example's. Either way every YAML document starts with a
// yaml-language-server comment naming its schema by its published $id, so
// the area validates in an editor wherever its folder is (the examples'
// comments, which name the repository's schema folder, are pointed at the
// published URLs), and the area
// has an [IgnoreTemplate] ignore file. The files are in path order.
func Starter(name, from string) ([]File, error) {
	var files []File
	if from == "" {
		files = blankArea(name)
	} else {
		if !slices.Contains(Areas(), from) {
			msg := fmt.Sprintf("no example area %q; the examples are %s", from, strings.Join(Areas(), ", "))
			if near := docfmt.Closest(from, Areas()); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return nil, fmt.Errorf("%s", msg)
		}
		var err error
		if files, err = exampleFiles(from); err != nil {
			return nil, err
		}
	}
	for i, f := range files {
		if ext := path.Ext(f.Path); ext == ".yaml" || ext == ".yml" {
			files[i].Data = publishedSchemas(f.Data)
		}
	}
	if !slices.ContainsFunc(files, func(f File) bool { return f.Path == compact.IgnoreFile }) {
		files = append(files, File{Path: compact.IgnoreFile, Data: []byte(IgnoreTemplate)})
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

func exampleFiles(from string) ([]File, error) {
	var files []File
	err := fs.WalkDir(areas, from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(areas, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: strings.TrimPrefix(p, from+"/"), Data: data})
		return nil
	})
	return files, err
}

// slug makes an id from a name: lower case, runs of other characters a
// single "-".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return "local"
	}
	return s
}

// titleOf makes a title from a name: words split at "-", "_" and spaces,
// each with a capital.
func titleOf(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return "Local"
	}
	return strings.Join(words, " ")
}

func blankArea(name string) []File {
	id, title := slug(name), titleOf(name)
	head := func(file string) string {
		return "# yaml-language-server: $schema=" + compact.SchemaBaseURL + file + "\n"
	}
	compactDoc := head("compact.json") + fmt.Sprintf(`# The %[2]s Compact. Fill in what your compact says; "compact validate ." checks it,
# and your editor completes and checks it as you type from the schema named above.
apiVersion: compactkit/v1
kind: Compact
id: %[1]s
title: The %[2]s Compact
area: %[2]s
scope: cross-sector          # or public-sector, for a compact between public bodies only
extends: national-2010       # the national Compact (England, 2010) is built in
# adopted: 2024-04-01        # the date the compact was adopted
# tailoring:                 # leave out national commitments that do not apply here
#   exclude: [free-crb-checks]
#   reason: An undertaking of central government.
parameters: {}               # local numbers, e.g. fundingNoticeMonths: 6
`, id, title)
	directory := head("directory.json") + `# The organisations and people of the area: signatories, partners, role holders.
apiVersion: compactkit/v1
kind: Directory
organisations: []            # - {id: council, name: Town Council, sector: public, kind: local-authority}
people: []                   # - {id: ann, name: Ann Lee, organisation: council}
`
	records := head("records.json") + `# A period's records: consultations, funding decisions, meetings, nominations,
# signatures and reports delivered. "compact check ." checks them against the compact.
apiVersion: compactkit/v1
kind: Records
# period: 2024-25
`
	pack := head("rule-pack.json") + fmt.Sprintf(`# The area's compliance rules: the national pack, with local rules and tests added here.
# "compact rules test ." runs the tests; "compact rules explain RULE ." shows a rule in force.
apiVersion: compactkit/v1
kind: RulePack
id: %[1]s
title: %[2]s checks
extends: national
`, id, title)
	return []File{
		{Path: "compact.yaml", Data: []byte(compactDoc)},
		{Path: "directory.yaml", Data: []byte(directory)},
		{Path: "records.yaml", Data: []byte(records)},
		{Path: "rules.yaml", Data: []byte(pack)},
	}
}
