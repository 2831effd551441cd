package compact_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render formats problems the way the CLI prints them.
func render(err error) string {
	var b strings.Builder
	for _, e := range compact.AsErrors(err) {
		b.WriteString(e.Error())
		b.WriteByte('\n')
		if s := e.Snippet(); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}

// TestErrorGolden loads each bad area under testdata/errors and compares every
// problem reported, with positions and snippets, to its golden file. The table
// says which error classes each file must produce, so a golden file rewritten
// by mistake cannot hide a lost class.
func TestErrorGolden(t *testing.T) {
	cases := []struct {
		file    string
		classes []error
	}{
		{"syntax.yaml", []error{compact.ErrSyntax}},
		{"header.yaml", []error{compact.ErrHeader, compact.ErrType}},
		{"unknown-field.yaml", []error{compact.ErrUnknownField, compact.ErrMissing}},
		{"types.yaml", []error{compact.ErrType, compact.ErrValue}},
		{"missing.yaml", []error{compact.ErrMissing}},
		{"yaml-features.yaml", []error{compact.ErrValue, compact.ErrDuplicate}},
		{"references.yaml", []error{compact.ErrReference, compact.ErrDuplicate, compact.ErrOrder, compact.ErrValue}},
		{"layering.yaml", []error{compact.ErrLayering}},
		{"no-base.yaml", []error{compact.ErrReference}},
		{"cycle.yaml", []error{compact.ErrLayering}},
		{"two-compacts.yaml", []error{compact.ErrDuplicate}},
		{"tailoring-without-base.yaml", []error{compact.ErrLayering}},
		{"bad.json", []error{compact.ErrValue, compact.ErrUnknownField}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "errors", tc.file)
			a, err := compact.LoadArea(path)
			require.Error(t, err)
			assert.Nil(t, a, "a failed load returns no area")
			for _, class := range tc.classes {
				assert.ErrorIs(t, err, class)
			}
			for _, e := range compact.AsErrors(err) {
				assert.Equal(t, path, e.Pos.File, "every problem names the file")
				if !errors.Is(e, compact.ErrSyntax) {
					assert.Positive(t, e.Pos.Line, "%s has a line", e)
				}
			}
			golden(t, strings.TrimSuffix(path, filepath.Ext(path))+".golden", render(err))
		})
	}
}

func TestMisspeltFieldNamesFileLineAndField(t *testing.T) {
	_, err := compact.LoadArea(filepath.Join("testdata", "errors", "unknown-field.yaml"))
	var e *compact.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, compact.Position{File: filepath.Join("testdata", "errors", "unknown-field.yaml"), Line: 4, Column: 1}, e.Pos)
	assert.Equal(t, "titel", e.Path)
	assert.Contains(t, e.Msg, `did you mean "title"?`)
	assert.ErrorIs(t, e, compact.ErrUnknownField)
}

func TestAsErrors(t *testing.T) {
	assert.Nil(t, compact.AsErrors(nil))
	plain := errors.New("plain")
	list := compact.AsErrors(plain)
	require.Len(t, list, 1)
	assert.ErrorIs(t, list[0], plain)
	one := &compact.Error{Msg: "one", Err: compact.ErrValue}
	assert.Equal(t, compact.Errors{one}, compact.AsErrors(one))
}

func TestErrorFormatting(t *testing.T) {
	cases := []struct {
		err  compact.Error
		want string
		snip string
	}{
		{compact.Error{Pos: compact.Position{File: "f.yaml", Line: 3, Column: 5}, Path: "a.b", Msg: "bad"}, "f.yaml:3:5: a.b: bad", ""},
		{compact.Error{Pos: compact.Position{File: "f.yaml", Line: 3}, Msg: "bad"}, "f.yaml:3: bad", ""},
		{compact.Error{Pos: compact.Position{File: "f.yaml"}, Msg: "bad"}, "f.yaml: bad", ""},
		{compact.Error{Msg: "bad"}, "bad", ""},
		{compact.Error{Pos: compact.Position{File: "f", Line: 1, Column: 3}, Msg: "m", Line: "\tab: c"}, "f:1:3: m", " | \tab: c\n | \t ^"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.err.Error())
		assert.Equal(t, tc.snip, tc.err.Snippet())
	}
	list := compact.Errors{&tc0, &tc1}
	assert.Equal(t, "x\ny", list.Error())
	assert.Len(t, list.Unwrap(), 2)
}

var tc0, tc1 = compact.Error{Msg: "x"}, compact.Error{Msg: "y"}
