package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/compactkit/compactkit/compact"
	"github.com/stretchr/testify/require"
)

func TestOutWriterEscapesControlCharacters(t *testing.T) {
	cases := []struct {
		name string
		in   []string // written one after another
		want string
	}{
		{"plain", []string{"Town Council\n"}, "Town Council\n"},
		{"tab and newline kept", []string{"a\tb\nc"}, "a\tb\nc"},
		{"escape sequence", []string{"Town \x1b[2JCouncil"}, `Town \u001b[2JCouncil`},
		{"bell, CR, backspace, DEL", []string{"a\x07b\rc\bd\x7f"}, `a\u0007b\u000dc\u0008d\u007f`},
		{"C1 CSI", []string{"x\u009b31my"}, `x\u009b31my`},
		{"C1 cut between writes", []string{"x\xc2", "\x9by"}, `x\u009by`},
		{"other UTF-8 cut between writes", []string{"Caf\xc3", "\xa9 \u2014 ok"}, "Caf\u00e9 \u2014 ok"},
		{"invalid UTF-8 passes", []string{"a\xffb"}, "a\xffb"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			w := newOutWriter(&b)
			for _, s := range tc.in {
				n, err := w.Write([]byte(s))
				require.NoError(t, err)
				require.Equal(t, len(s), n)
			}
			require.NoError(t, w.close())
			require.Equal(t, tc.want, b.String())
		})
	}
	var j bytes.Buffer
	require.NoError(t, writeJSON(newOutWriter(&j), map[string]string{"name": "a\x7fb\u0085c\x1bd"}))
	var back map[string]string
	require.NoError(t, json.Unmarshal(j.Bytes(), &back), "escaped JSON is still JSON: %s", j.String())
	require.Equal(t, "a\x7fb\u0085c\x1bd", back["name"], "and reads back as written")
}

// failingWriter accepts limit bytes, then fails like a full disk.
type failingWriter struct {
	limit int
	got   bytes.Buffer
}

var errDiskFull = errors.New("no space left on device")

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.got.Len()+len(p) > f.limit {
		return 0, errDiskFull
	}
	return f.got.Write(p)
}

// hostileTown is the test town with names that attack spreadsheets and
// terminals.
func hostileTown(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"compact.yaml", "directory.yaml", "records.yaml", "rules.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "town", name))
		require.NoError(t, err)
		s := strings.Replace(string(b), "name: Town Council,", `name: "=HYPERLINK(\"http://evil.example\",\"Town\") \e]0;owned\a Council",`, 1)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644))
	}
	return dir
}

func TestCheckCSVNeutralisesFormulas(t *testing.T) {
	code, stdout, stderr := compactRun("check", "--format", "csv", hostileTown(t))
	require.Equal(t, exitFindings, code, stderr)
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	require.NoError(t, err)
	var hostile int
	for _, row := range rows {
		for _, cell := range row {
			require.False(t, cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])), "cell %q could run as a formula", cell)
			if strings.HasPrefix(cell, "'=HYPERLINK(") {
				hostile++
			}
		}
	}
	require.Positive(t, hostile, "the council's name starts some messages, neutralised:\n%s", stdout)
}

func TestTextOutputEscapesControlCharacters(t *testing.T) {
	code, stdout, stderr := compactRun("check", hostileTown(t))
	require.Equal(t, exitFindings, code, stderr)
	require.NotContains(t, stdout, "\x1b")
	require.NotContains(t, stdout, "\a")
	require.Contains(t, stdout, `\u001b]0;owned\u0007 Council`)
}

func TestOutputThatCannotBeWrittenExits5(t *testing.T) {
	for _, format := range []string{"text", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			w := &failingWriter{limit: 100}
			var errb bytes.Buffer
			code := run(context.Background(), []string{"check", "--format", format, filepath.Join("testdata", "town")}, w, &errb)
			require.Equal(t, exitIO, code, errb.String())
			require.Contains(t, errb.String(), "cannot write the output")
			require.Contains(t, errb.String(), errDiskFull.Error())
		})
	}
}

func TestInterruptExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as if Ctrl-C came while the check ran
	var out, errb bytes.Buffer
	code := run(ctx, []string{"check", filepath.Join("testdata", "town")}, &out, &errb)
	require.Equal(t, exitInterrupt, code, errb.String())
	require.Contains(t, errb.String(), "interrupted")
}

func TestReportToFileKeepsTheOldFileWhenTheWriteFails(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.md")
	require.NoError(t, os.WriteFile(target, []byte("last year's report"), 0o644))
	// A folder where the temporary file would go cannot be made: the
	// write fails before the target is touched.
	code, _, stderr := compactRun("report", "-o", filepath.Join(dir, "gone", "report.md"), kirklees)
	require.Equal(t, exitIO, code, stderr)
	b, err := os.ReadFile(target)
	require.NoError(t, err)
	require.Equal(t, "last year's report", string(b))

	code, _, stderr = compactRun("report", "-o", target, kirklees)
	require.Equal(t, exitOK, code, stderr)
	b, err = os.ReadFile(target)
	require.NoError(t, err)
	require.Contains(t, string(b), "# The Kirklees Compact")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file is left")
}

func TestAnnotateIntoAReadOnlyFolderExits5(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root can write to a read-only folder")
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "town", "compact.yaml"))
	require.NoError(t, err)
	file := filepath.Join(dir, "compact.yaml")
	require.NoError(t, os.WriteFile(file, src, 0o644))
	require.NoError(t, os.Chmod(dir, 0o555))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	code, stdout, stderr := compactRun("schema", "--annotate", file)
	require.Equal(t, exitIO, code, stderr)
	require.Contains(t, stdout, "0 files annotated")
	require.Contains(t, stderr, "the file is unchanged")
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, string(src), string(b))
}

func TestEmptyAreaIsInvalidUnlessAllowed(t *testing.T) {
	empty := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"empty folder", []string{"validate", empty}, exitInvalid, ""},
		{"/dev/null", []string{"validate", os.DevNull}, exitInvalid, ""}, // a device: not read at all
		{"empty folder json", []string{"validate", "--format", "json", empty}, exitInvalid, `"code": "empty-area"`},
		{"allowed", []string{"validate", "--allow-empty", empty}, exitOK, "0 documents"},
		{"check", []string{"check", empty}, exitInvalid, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.args[len(tc.args)-1] == os.DevNull {
				if _, err := os.Stat(os.DevNull); err != nil {
					t.Skip("no null device")
				}
			}
			code, stdout, stderr := compactRun(tc.args...)
			require.Equal(t, tc.code, code, "stdout %s\nstderr %s", stdout, stderr)
			require.Contains(t, stdout, tc.out)
			if tc.code == exitInvalid && !strings.Contains(strings.Join(tc.args, " "), "json") {
				want := "no documents"
				if tc.args[len(tc.args)-1] == os.DevNull {
					want = "only regular files are read"
				}
				require.Contains(t, stderr, want)
			}
		})
	}
}

func TestIOFailure(t *testing.T) {
	denied := &fs.PathError{Op: "open", Path: "records.yaml", Err: syscall.EACCES}
	full := &fs.PathError{Op: "write", Path: ".case.yaml.tmp-1", Err: syscall.ENOSPC}
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"permission denied", denied, true},
		{"disk full", fmt.Errorf("dispute: writing case.yaml: %w", full), true},
		{"read-only file system", &os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EROFS}, true},
		{"not there is invalid input", &fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, false},
		{"not a folder is invalid input", &fs.PathError{Op: "open", Path: "x/y", Err: syscall.ENOTDIR}, false},
		{"a problem with a file is invalid input", compact.Errors{{Msg: "unknown field", Err: compact.ErrUnknownField}}, false},
		{"a problem reading a file keeps its cause", compact.Errors{{Msg: "cannot read", Err: compact.ErrIO, Cause: denied}}, true},
		{"plain", errors.New("x"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, ioFailure(tc.err))
		})
	}
}

// FuzzOutWriter checks that, however the text is cut into writes, no
// control character but tab and newline reaches the terminal, and that text
// without control characters passes unchanged.
func FuzzOutWriter(f *testing.F) {
	f.Add("Town \x1b[2JCouncil\n", 3)
	f.Add("x\u009b31m\u00e9\r\x7f", 1)
	f.Add("plain text\twith tabs\n", 0)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		var b bytes.Buffer
		w := newOutWriter(&b)
		if cut > 0 && cut < len(s) {
			_, _ = w.Write([]byte(s[:cut]))
			_, _ = w.Write([]byte(s[cut:]))
		} else {
			_, _ = w.Write([]byte(s))
		}
		require.NoError(t, w.close())
		got := b.String()
		for i := 0; i < len(got); i++ {
			if c := got[i]; (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				t.Fatalf("control byte %#x passed in %q", c, got)
			}
		}
		for _, r := range got {
			if r >= 0x80 && r <= 0x9f {
				t.Fatalf("C1 control %U passed in %q", r, got)
			}
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) }) {
			require.Equal(t, s, got, "text without control characters is unchanged")
		}
	})
}
