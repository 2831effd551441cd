package atomicfile_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/internal/atomicfile"
)

// entries lists a folder's file names, to show no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	boom := errors.New("disk full")
	cases := []struct {
		name    string
		old     string // content before; "" for no file
		write   func(io.Writer) error
		want    string // content after
		wantErr error
	}{
		{"new file", "", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, "new", nil},
		{"replace", "old content", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, "new", nil},
		{"fails mid-way keeps the old file", "old content", func(w io.Writer) error {
			if _, err := io.WriteString(w, "half of the n"); err != nil {
				return err
			}
			return boom
		}, "old content", boom},
		{"fails mid-way on a new file leaves none", "", func(w io.Writer) error {
			_, _ = io.WriteString(w, "half")
			return boom
		}, "", boom},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "report.md")
			if tc.old != "" {
				require.NoError(t, os.WriteFile(name, []byte(tc.old), 0o600))
			}
			err := atomicfile.Write(name, 0o644, tc.write)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				require.Contains(t, err.Error(), name)
			} else {
				require.NoError(t, err)
			}
			got, readErr := os.ReadFile(name)
			if tc.want == "" {
				require.ErrorIs(t, readErr, os.ErrNotExist)
				require.Empty(t, entries(t, dir), "no temporary file is left")
				return
			}
			require.NoError(t, readErr)
			require.Equal(t, tc.want, string(got))
			require.Equal(t, []string{"report.md"}, entries(t, dir), "no temporary file is left")
			info, err := os.Stat(name)
			require.NoError(t, err)
			if tc.old != "" && runtime.GOOS != "windows" {
				require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "an existing file keeps its permissions")
			}
		})
	}
}

func TestWriteToReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		t.Skip("needs a folder the user cannot write to")
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "schema.json")
	require.NoError(t, os.WriteFile(name, []byte("old"), 0o644))
	require.NoError(t, os.Chmod(dir, 0o555))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	err := atomicfile.WriteFile(name, []byte("new"), 0o644)
	require.ErrorIs(t, err, os.ErrPermission)
	got, err := os.ReadFile(name)
	require.NoError(t, err)
	require.Equal(t, "old", string(got))
}

func TestWriteToAFolderThatIsNotThere(t *testing.T) {
	name := filepath.Join(t.TempDir(), "missing", "report.md")
	err := atomicfile.WriteFile(name, []byte("x"), 0o644)
	require.ErrorIs(t, err, os.ErrNotExist)
	require.Contains(t, err.Error(), name)
}

func TestWriteRefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	err := atomicfile.WriteFile(dir, []byte("x"), 0o644)
	require.ErrorContains(t, err, "not a regular file")
}

func ExampleWriteFile() {
	dir, _ := os.MkdirTemp("", "atomicfile")
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "report.md")
	if err := atomicfile.WriteFile(name, []byte("# Annual report\n"), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(name)
	fmt.Print(string(b))
	// Output: # Annual report
}
