package schema

import (
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
)

// comments holds the doc comments of the Go packages in the module, read
// from source on demand: the descriptions in the schemas.
type comments struct {
	root   string // module root folder
	module string // module path
	pkgs   map[string]*pkgComments
}

type pkgComments struct {
	types  map[string]string            // type name -> doc comment
	fields map[string]string            // "Type.Field" -> doc comment
	values map[string]map[string]string // enum type name -> value -> line comment
}

// newComments reads the module path from root/go.mod.
func newComments(root string) (*comments, error) {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("schema: the Go sources are needed for descriptions: %w", err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return &comments{root: root, module: strings.Trim(strings.TrimSpace(rest), `"`), pkgs: map[string]*pkgComments{}}, nil
		}
	}
	return nil, fmt.Errorf("schema: %s has no module line", filepath.Join(root, "go.mod"))
}

// pkg returns the comments of a package, parsing it the first time. A
// package outside the module has none.
func (c *comments) pkg(path string) (*pkgComments, error) {
	if p, ok := c.pkgs[path]; ok {
		return p, nil
	}
	p := &pkgComments{types: map[string]string{}, fields: map[string]string{}, values: map[string]map[string]string{}}
	c.pkgs[path] = p
	rel, ok := strings.CutPrefix(path, c.module)
	if !ok || (rel != "" && rel[0] != '/') {
		return p, nil
	}
	dir := filepath.Join(c.root, filepath.FromSlash(strings.TrimPrefix(rel, "/")))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("schema: reading the comments of %s: %w", path, err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("schema: reading the comments of %s: %w", path, err)
		}
		p.collect(f)
	}
	return p, nil
}

func (p *pkgComments) collect(f *ast.File) {
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				doc := s.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				p.types[s.Name.Name] = doc.Text()
				if st, ok := s.Type.(*ast.StructType); ok {
					for _, fld := range st.Fields.List {
						text := fld.Doc.Text()
						if text == "" {
							text = fld.Comment.Text()
						}
						for _, n := range fld.Names {
							p.fields[s.Name.Name+"."+n.Name] = text
						}
					}
				}
			case *ast.ValueSpec:
				typ, ok := s.Type.(*ast.Ident)
				if !ok || gd.Tok != token.CONST || len(s.Values) != 1 {
					continue
				}
				lit, ok := s.Values[0].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				v, err := strconv.Unquote(lit.Value)
				if err != nil {
					continue
				}
				text := s.Comment.Text()
				if text == "" {
					text = s.Doc.Text()
				}
				if p.values[typ.Name] == nil {
					p.values[typ.Name] = map[string]string{}
				}
				p.values[typ.Name][v] = text
			}
		}
	}
}

// typeDoc returns the first paragraph of a type's doc comment.
func (c *comments) typeDoc(t reflect.Type) (string, error) {
	p, err := c.pkg(t.PkgPath())
	if err != nil {
		return "", err
	}
	text := plain(p.types[t.Name()])
	first, _, _ := strings.Cut(text, "\n\n")
	return first, nil
}

// fieldDoc returns a struct field's doc comment, with a leading Go field name
// replaced by the document's name for it ("MinMeetingsPerYear is ..."
// becomes "minMeetingsPerYear is ...").
func (c *comments) fieldDoc(t reflect.Type, field, key string) (string, error) {
	p, err := c.pkg(t.PkgPath())
	if err != nil {
		return "", err
	}
	text := plain(p.fields[t.Name()+"."+field])
	if rest, ok := strings.CutPrefix(text, field); ok && (rest == "" || rest[0] == ' ' || rest[0] == ':' || rest[0] == ',') {
		text = key + rest
	}
	return text, nil
}

// valueDocs returns the comments on an enumeration's constants, in the order
// of values.
func (c *comments) valueDocs(t reflect.Type, values []string) ([]string, error) {
	p, err := c.pkg(t.PkgPath())
	if err != nil {
		return nil, err
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = plain(p.values[t.Name()][v])
	}
	return out, nil
}

// plain renders a Go doc comment as plain text: doc links become their
// names, lines within a paragraph are joined, paragraphs are separated by a
// blank line.
func plain(text string) string {
	if text == "" {
		return ""
	}
	p := comment.Parser{
		LookupPackage: func(string) (string, bool) { return "", true },
		LookupSym:     func(string, string) bool { return true },
	}
	pr := comment.Printer{TextWidth: -1}
	return strings.TrimSpace(string(pr.Text(p.Parse(text))))
}
