package compact_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// copyArea copies testdata/area into a temporary folder for a test to add
// hostile files to.
func copyArea(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("testdata/area/*.yaml")
	require.NoError(t, err)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644))
	}
	return dir
}

// TestReadOnlyRegularFiles: a named pipe, a socket-like link to a folder
// and a dangling link are never opened (a pipe used to hang loading
// forever); each is skipped with a warning naming it or reported, and the
// rest of the area loads.
func TestReadOnlyRegularFiles(t *testing.T) {
	lib, err := compact.LoadLibrary(filepath.Join("testdata", "base"))
	require.NoError(t, err)
	dir := copyArea(t)
	pipe := filepath.Join(dir, "pipe.yaml")
	require.NoError(t, syscall.Mkfifo(pipe, 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "sub", "up.yaml")))
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "sub", "loop")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "directory.yaml"), filepath.Join(dir, "sub", "again.yml.txt")))

	done := make(chan struct{})
	var a *compact.Area
	go func() {
		defer close(done)
		a, err = compact.LoadArea(dir, compact.WithLibrary(lib))
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("loading an area with a named pipe in it hangs")
	}
	require.NoError(t, err)
	require.ErrorIs(t, a.Warnings, compact.ErrSkipped)
	require.Equal(t, pipe+": skipped: a named pipe, not a regular file\n"+
		dir+"/sub/loop: skipped: a link to a folder; links to folders are not followed\n"+
		dir+"/sub/up.yaml: skipped: a link to a folder; links to folders are not followed", a.Warnings.Error())

	_, err = compact.ReadFile(pipe)
	require.ErrorIs(t, err, compact.ErrIO)
	require.ErrorContains(t, err, "is a named pipe; only regular files are read")
	_, err = compact.ReadFile(os.DevNull)
	require.ErrorContains(t, err, "is a device; only regular files are read")
}

// TestSymlinkLoop: a link that leads back to itself is reported as a loop.
func TestSymlinkLoop(t *testing.T) {
	dir := copyArea(t)
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	require.NoError(t, os.Symlink(b, a))
	require.NoError(t, os.Symlink(a, b))
	_, err := compact.ReadDir(dir)
	require.ErrorIs(t, err, compact.ErrIO)
	require.ErrorContains(t, err, a+" is a loop of symbolic links")
	_, err = compact.ReadFile(a)
	require.ErrorContains(t, err, "is a loop of symbolic links")
}

// TestReadLimits: the per-file and per-area limits are refused with the
// limit stated, and can be set.
func TestReadLimits(t *testing.T) {
	dir := copyArea(t)
	cases := []struct {
		name string
		opts []compact.Option
		want string
	}{
		{"defaults", nil, ""},
		{"file", []compact.Option{compact.WithMaxFileBytes(100)}, "the limit for one file is 100"},
		{"area", []compact.Option{compact.WithMaxAreaBytes(2000)}, "more than 2000 bytes, the limit for one area"},
	}
	lib, err := compact.LoadLibrary(filepath.Join("testdata", "base"))
	require.NoError(t, err)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compact.LoadArea(dir, append(tc.opts, compact.WithLibrary(lib))...)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, compact.ErrLimit)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// TestEncodingErrorsHavePlaces: NUL bytes, bytes that are not UTF-8 and
// UTF-16 text are refused at their line and column.
func TestEncodingErrorsHavePlaces(t *testing.T) {
	head := "apiVersion: compactkit/v1\nkind: Records\n"
	cases := []struct {
		name, data string
		want       string
	}{
		{"nul", head + "funding:\n  - id: a\x00b\n", "x.yaml:4:10: a NUL byte"},
		{"latin-1", head + "# caf\xe9\n", "x.yaml:3:6: byte 0xe9 is not UTF-8"},
		{"after a character", head + "# é\xff\n", "x.yaml:3:4: byte 0xff is not UTF-8"},
		{"utf-16", "\xff\xfea\x00p\x00", "x.yaml:1:1: the file is UTF-16 text"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compact.Parse("x.yaml", []byte(tc.data))
			require.ErrorIs(t, err, compact.ErrSyntax)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// TestLongValuesAndLines: a value over MaxValueBytes is refused at its
// place with the limit stated, and an error on a line ten megabytes long
// quotes at most MaxQuotedLine characters of it, with the caret in place.
func TestLongValuesAndLines(t *testing.T) {
	long := strings.Repeat("x", compact.MaxValueBytes+1)
	data := "apiVersion: compactkit/v1\nkind: Records\nfunding:\n  - id: a\n    reasons: " + long + "\n"
	_, err := compact.Parse("x.yaml", []byte(data))
	require.ErrorIs(t, err, compact.ErrLimit)
	require.ErrorContains(t, err, "x.yaml:5:14: funding[0].reasons: the value is 16385 bytes long; the limit for one value is 16384")

	line := "apiVersion: compactkit/v1\nkind: Records\nfunding: [" + strings.Repeat(" ", 10<<20) + "{id: b, bogus: 1}]\n"
	docs, err := compact.Parse("y.yaml", []byte(line))
	require.NoError(t, err)
	var r compact.Records
	err = docs[0].Decode(&r)
	list := compact.AsErrors(err)
	require.NotEmpty(t, list)
	snip := list[0].Snippet()
	require.Less(t, len(snip), 2*compact.MaxQuotedLine+16, "snippet of %d bytes", len(snip))
	require.Contains(t, snip, "bogus")
	lines := strings.Split(snip, "\n")
	caret := strings.Index(lines[1], "^") - len(" | ")
	require.Equal(t, "bogus", lines[0][len(" | ")+caret:][:5])
}
