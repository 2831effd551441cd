package compact

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
)

// IgnoreFile names the file, at the top of an area's folder, that lists
// files and folders that are not documents, so that loading skips them:
// local copies of the JSON Schemas (compact schema -o schema), exports,
// notes kept beside the documents. Its patterns are those of .gitignore:
//
//	# a comment; blank lines are ignored
//	schema/          a folder (a trailing slash matches folders only)
//	*.draft.yaml     a name at any depth (no slash but a trailing one)
//	/exports/*.json  a path from the area's folder (a leading or inner slash)
//	**/old/          "**" matches any number of folders
//	!keep.draft.yaml a later "!" pattern takes a name back in
//
// "*" and "?" match within one name, "[a-z]" a character of a class; "\"
// escapes the next character. The last pattern that matches decides; as
// in git, a file inside an ignored folder cannot be taken back in.
const IgnoreFile = ".compactignore"

// MaxIgnorePatterns bounds the patterns of an ignore file: each is tried on
// every file of the area, and a real list is a handful of lines.
const MaxIgnorePatterns = 1000

// Ignore is a parsed ignore file. The zero value ignores nothing.
type Ignore struct {
	rules []ignoreRule
}

type ignoreRule struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
}

// ParseIgnore parses the patterns of an ignore file; name is the file's
// name for errors. A pattern that cannot be read (an unclosed "[") is an
// error at its line.
func ParseIgnore(name string, data []byte) (*Ignore, error) {
	ig := &Ignore{}
	var errs Errors
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if !strings.HasSuffix(line, `\ `) {
			line = strings.TrimRight(line, " \t")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if len(ig.rules) == MaxIgnorePatterns {
			errs = append(errs, &Error{Pos: Position{File: name, Line: n}, Err: ErrLimit,
				Msg: fmt.Sprintf("more than %d patterns", MaxIgnorePatterns)})
			break
		}
		r, err := ignorePattern(line)
		if err != nil {
			errs = append(errs, &Error{Pos: Position{File: name, Line: n, Column: 1}, Err: ErrSyntax, Msg: err.Error(), Line: line})
			continue
		}
		ig.rules = append(ig.rules, r)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ig, nil
}

// ReadIgnore reads the ignore file at the top of root in fsys, if there is
// one; prefix names root in errors. No file is no patterns.
func ReadIgnore(fsys fs.FS, root, prefix string) (*Ignore, error) {
	p := IgnoreFile
	if root != "." {
		p = root + "/" + IgnoreFile
	}
	name := IgnoreFile
	if prefix != "" {
		name = filepath.Join(prefix, IgnoreFile)
	}
	data, err := fs.ReadFile(fsys, p)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		return &Ignore{}, nil
	default:
		return nil, Errors{{Pos: Position{File: name}, Msg: err.Error(), Err: ErrIO}}
	}
	if len(data) > MaxFileBytes {
		return nil, Errors{{Pos: Position{File: name}, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileBytes), Err: ErrLimit}}
	}
	return ParseIgnore(name, data)
}

// Match reports whether the path (slash-separated, relative to the area's
// folder) is ignored; dir says whether it names a folder.
func (ig *Ignore) Match(path string, dir bool) bool {
	if ig == nil {
		return false
	}
	ignored := false
	for _, r := range ig.rules {
		if r.dirOnly && !dir {
			continue
		}
		if r.re.MatchString(path) {
			ignored = !r.negate
		}
	}
	return ignored
}

// ignorePattern turns one gitignore pattern into a regular expression over
// slash-separated paths.
func ignorePattern(p string) (ignoreRule, error) {
	var r ignoreRule
	if strings.HasPrefix(p, "!") {
		r.negate, p = true, p[1:]
	} else if strings.HasPrefix(p, `\!`) || strings.HasPrefix(p, `\#`) {
		p = p[1:]
	}
	if strings.HasSuffix(p, "/") {
		r.dirOnly, p = true, strings.TrimRight(p, "/")
	}
	if p == "" {
		return r, fmt.Errorf("pattern %q matches nothing", "/")
	}
	anchored := strings.Contains(p, "/")
	p = strings.TrimPrefix(p, "/")
	var b strings.Builder
	if anchored {
		b.WriteString("^")
	} else {
		b.WriteString("^(?:.*/)?")
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(p[i:], "/**") && i+3 == len(p):
			b.WriteString("/.*")
			i += 2
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '\\' && i+1 < len(p):
			i++
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		case c == '[':
			end := strings.IndexByte(p[i+1:], ']')
			if end < 0 {
				return r, fmt.Errorf("pattern %q has a [ with no ]", p)
			}
			class := p[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return r, fmt.Errorf("pattern %q cannot be read: %v", p, err)
	}
	r.re = re
	return r, nil
}

// SchemaBaseURL is where the JSON Schemas of the documents of [APIVersion]
// are published; a schema's $id is SchemaBaseURL followed by its file name
// ("compact.json"). Package schema names it BaseURL.
const SchemaBaseURL = "https://compactkit.org/schema/v1/"
