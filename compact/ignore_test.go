package compact_test

import (
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

func TestIgnoreMatch(t *testing.T) {
	tests := []struct {
		patterns string
		path     string
		dir      bool
		want     bool
	}{
		{"schema/", "schema", true, true},
		{"schema/", "schema", false, false}, // a trailing slash is folders only
		{"schema/", "sub/schema", true, true},
		{"/schema/", "sub/schema", true, false}, // a leading slash anchors
		{"*.draft.yaml", "a.draft.yaml", false, true},
		{"*.draft.yaml", "deep/down/a.draft.yaml", false, true},
		{"*.draft.yaml", "a.yaml", false, false},
		{"exports/*.json", "exports/x.json", false, true},
		{"exports/*.json", "exports/more/x.json", false, false}, // * stays in one name
		{"exports/*.json", "sub/exports/x.json", false, false},  // an inner slash anchors too
		{"**/old/", "a/b/old", true, true},
		{"**/old/", "old", true, true},
		{"notes/**", "notes/a/b.yaml", false, true},
		{"a/**/z.yaml", "a/z.yaml", false, true},
		{"a/**/z.yaml", "a/b/c/z.yaml", false, true},
		{"file?.yaml", "file1.yaml", false, true},
		{"file?.yaml", "file10.yaml", false, false},
		{"file[0-9].yaml", "file7.yaml", false, true},
		{"file[!0-9].yaml", "file7.yaml", false, false},
		{"file[!0-9].yaml", "filex.yaml", false, true},
		{"*.yaml\n!keep.yaml", "keep.yaml", false, false},
		{"*.yaml\n!keep.yaml", "other.yaml", false, true},
		{"!keep.yaml\n*.yaml", "keep.yaml", false, true}, // the last match decides
		{"# a comment\n\n   \nx.yaml", "x.yaml", false, true},
		{`\#hash.yaml`, "#hash.yaml", false, true},
		{`\!bang.yaml`, "!bang.yaml", false, true},
		{"a.b", "axb", false, false}, // a dot is a dot
		{"", "anything.yaml", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.patterns+" "+tt.path, func(t *testing.T) {
			ig, err := compact.ParseIgnore(".compactignore", []byte(tt.patterns))
			require.NoError(t, err)
			assert.Equal(t, tt.want, ig.Match(tt.path, tt.dir))
		})
	}
	var zero *compact.Ignore
	assert.False(t, zero.Match("x.yaml", false), "no ignore file ignores nothing")
}

func TestIgnoreErrors(t *testing.T) {
	_, err := compact.ParseIgnore("area/.compactignore", []byte("ok.yaml\nbad[.yaml\n"))
	require.Error(t, err)
	list := compact.AsErrors(err)
	require.Len(t, list, 1)
	assert.Equal(t, compact.Position{File: "area/.compactignore", Line: 2, Column: 1}, list[0].Pos)
	assert.ErrorIs(t, err, compact.ErrSyntax)
	assert.Contains(t, list[0].Msg, "has a [ with no ]")
}

func TestReadFSSkipsIgnored(t *testing.T) {
	doc := func(id string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("apiVersion: compactkit/v1\nkind: Compact\nid: " + id + "\ntitle: T\n")}
	}
	fsys := fstest.MapFS{
		"area/.compactignore":       {Data: []byte("# schema copies and notes\nschema/\n*.notes.yaml\n")},
		"area/compact.yaml":         doc("a"),
		"area/schema/compact.json":  {Data: []byte(`{"$schema": "https://json-schema.org/draft/2020-12/schema"}`)},
		"area/minutes.notes.yaml":   {Data: []byte("just: notes")},
		"area/sub/more.notes.yaml":  {Data: []byte("more: notes")},
		"area/sub/other.yaml":       doc("b"),
		"plain/compact.yaml":        doc("c"),
		"plain/schema/compact.json": {Data: []byte(`{"not": "a document"}`)},
	}
	docs, err := compact.ReadFS(fsys, "area", "area")
	require.NoError(t, err)
	var files []string
	for _, d := range docs {
		files = append(files, d.File())
	}
	assert.Equal(t, []string{filepath.Join("area", "compact.yaml"), filepath.Join("area", "sub", "other.yaml")}, files)

	_, err = compact.ReadFS(fsys, "plain", "plain")
	require.Error(t, err, "without an ignore file the schema copy is read, and is not a document")

	bad := fstest.MapFS{".compactignore": {Data: []byte("[oops\n")}, "compact.yaml": doc("a")}
	_, err = compact.ReadFS(bad, ".", "bad")
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join("bad", ".compactignore")+":1:1:")
}

func FuzzParseIgnore(f *testing.F) {
	f.Add("schema/\n*.draft.yaml\n!keep.yaml\n**/old/\n/a/**/b\nx[0-9]?\n", "a/b/old/x1")
	f.Add("[", "x")
	f.Add(`\`, `\`)
	f.Fuzz(func(t *testing.T, patterns, path string) {
		ig, err := compact.ParseIgnore("f", []byte(patterns))
		if err != nil {
			return
		}
		_ = ig.Match(path, false)
		_ = ig.Match(path, true)
	})
}
