package dispute

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
)

// These tests are inside the package: they interrupt writes and hold locks.

func testProcedure(t testing.TB) *Procedure {
	t.Helper()
	lib, err := examples.Library()
	require.NoError(t, err)
	a, err := compact.LoadArea(filepath.Join("testdata", "riverside"), compact.WithLibrary(lib))
	require.NoError(t, err)
	p, err := New(a)
	require.NoError(t, err)
	return p
}

func note(at, who, text string) Event {
	return Event{Type: Note, At: MustParseTime(at), Actor: Actor{Person: who}, Text: text}
}

// newCaseFile writes a riverside case, raised and admitted, to a new file
// and returns its path and text.
func newCaseFile(t testing.TB, p *Procedure, name string) (string, []byte) {
	t.Helper()
	c, err := p.Open(t.Context(), "grant-cut-2023", Event{Type: Raised, At: MustParseTime("2023-11-06T10:00:00Z"), Actor: Actor{Person: "eve"},
		Title: "Grant halved", Challenger: "small-charity", Respondent: "river-council", Text: "Two weeks' notice.",
		Decision: &Decision{Date: compact.MustParseDate("2023-11-01"), Text: "Halved."}})
	require.NoError(t, err)
	require.NoError(t, c.Apply(t.Context(), Event{Type: Admitted, At: MustParseTime("2023-11-07T10:00:00Z"), Actor: Actor{Person: "dan"}}))
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	require.NoError(t, p.Create(t.Context(), path, c))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return path, data
}

// leftovers lists the files in a case file's folder other than the case.
func leftovers(t testing.TB, path string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(path) && e.Name() != CheckpointFile {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestApplyFileAppendsAndKeepsComments(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	commented := "# yaml-language-server: $schema=../schema/dispute.json\n# Our case.\n" +
		strings.Replace(string(data), "  - type: admitted\n", "  # Admitted at the steering group.\n  - type: admitted\n", 1)
	require.NoError(t, os.WriteFile(path, []byte(commented), 0o600))
	require.NoError(t, os.Chmod(path, 0o600))

	c, err := p.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "Met the council."), note("2023-11-09T10:00:00Z", "ann", "Agreed to meet again.")})
	require.NoError(t, err)
	assert.Equal(t, 4, c.Len())
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(after), commented), "what was written stays byte for byte")
	assert.Contains(t, string(after)[len(commented):], "  - type: note\n    at: 2023-11-08T10:00:00Z\n    actor: {person: eve}\n    text: Met the council.\n")
	again, err := p.Load(t.Context(), path)
	require.NoError(t, err)
	assert.Equal(t, c.State(), again.State())
	assert.Equal(t, c.Head(), again.Head())
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the file keeps its permissions")
	assert.Empty(t, leftovers(t, path), "no temporary or lock file is left")
}

func TestApplyFileRewritesWhatItCannotAppendTo(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	// events first, id last: appending at the end would not add to the list.
	s := string(data)
	i := strings.Index(s, "id: grant-cut-2023\n")
	reordered := "# Kept.\n" + s[:i] + s[i+len("id: grant-cut-2023\n"):] + "id: grant-cut-2023\n"
	require.NoError(t, os.WriteFile(path, []byte(reordered), 0o644))
	c, err := p.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.NoError(t, err)
	after, _ := os.ReadFile(path)
	assert.True(t, strings.HasPrefix(string(after), "# Kept.\napiVersion: compactkit/v1\n"), "%s", after)
	again, err := p.Load(t.Context(), path)
	require.NoError(t, err)
	assert.Equal(t, c.Head(), again.Head())

	// A JSON case file is written as JSON.
	jpath, _ := newCaseFile(t, p, "case.json")
	_, err = p.ApplyFile(t.Context(), jpath, []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.NoError(t, err)
	after, _ = os.ReadFile(jpath)
	assert.True(t, strings.HasPrefix(string(after), "{\n  \"apiVersion\": \"compactkit/v1\""))
	_, err = p.Load(t.Context(), jpath)
	require.NoError(t, err)
}

func TestApplyFileRefusedLeavesTheFile(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	// The first event is fine, the second is refused: neither is written.
	_, err := p.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "x"),
		{Type: Withdrawn, At: MustParseTime("2023-11-09T10:00:00Z"), Actor: Actor{Person: "sam"}}})
	require.ErrorIs(t, err, ErrPermission)
	var r *Refusal
	require.True(t, errors.As(err, &r))
	assert.Equal(t, 3, r.Index, "counted from the start of the case")
	after, _ := os.ReadFile(path)
	assert.Equal(t, string(data), string(after))
	assert.Empty(t, leftovers(t, path))

	// A file that does not load is not written either.
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), "Two weeks", "Three weeks", 1)), 0o644))
	_, err = p.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.ErrorIs(t, err, ErrTampered)

	_, err = p.ApplyFile(t.Context(), filepath.Join(t.TempDir(), "missing.yaml"), []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.ErrorIs(t, err, compact.ErrIO)
}

func TestCreateNeverOverwrites(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	c, err := p.Load(t.Context(), path)
	require.NoError(t, err)
	require.NoError(t, c.Apply(t.Context(), note("2023-11-08T10:00:00Z", "eve", "x")))
	err = p.Create(t.Context(), path, c)
	require.ErrorIs(t, err, ErrExists)
	after, _ := os.ReadFile(path)
	assert.Equal(t, string(data), string(after))
}

// TestInterruptedWrite fails a write after the temporary file is written
// and synced, before it replaces the case file.
func TestInterruptedWrite(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	var tmp string
	p.hooks.beforeRename = func(name string) error {
		tmp = name
		written, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Contains(t, string(written), "type: note", "the new text is complete in the temporary file")
		return errors.New("disk pulled out")
	}
	_, err := p.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.ErrorContains(t, err, "disk pulled out")
	after, _ := os.ReadFile(path)
	assert.Equal(t, string(data), string(after), "the case is as it was")
	assert.True(t, strings.HasPrefix(filepath.Base(tmp), ".case.yaml.tmp-"))
	assert.NoFileExists(t, tmp, "the temporary file is removed")
	assert.Empty(t, leftovers(t, path))
}

// TestKilledMidWrite kills a process (os.Exit, so nothing is cleaned up)
// after it wrote the temporary file and before the rename.
func TestKilledMidWrite(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	out, err := helper(t, "kill", path).CombinedOutput()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the helper was killed: %v %s", err, out)
	assert.Equal(t, 7, exit.ExitCode(), "%s", out)

	after, _ := os.ReadFile(path)
	assert.Equal(t, string(data), string(after), "the case is as it was")
	left := leftovers(t, path)
	require.Len(t, left, 2, "the killed run left its lock file and its temporary file: %v", left)
	assert.Equal(t, ".case.yaml.lock", left[0])
	assert.True(t, strings.HasPrefix(left[1], ".case.yaml.tmp-"))

	// Areas do not load the stray file; the case loads as it was.
	docs, err := compact.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, docs, 1)
	_, err = p.Load(t.Context(), path)
	require.NoError(t, err)

	// The lock went with the process: the next apply takes it at once,
	// cleans up, and succeeds.
	q := *p
	q.wait = 0
	c, err := q.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "after the crash")})
	require.NoError(t, err)
	assert.Equal(t, 3, c.Len())
	assert.Empty(t, leftovers(t, path))
}

func TestLocked(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	l, err := lock(t.Context(), path, 0)
	require.NoError(t, err)

	q := *p
	q.wait = 0
	_, err = q.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.ErrorIs(t, err, ErrLocked)
	assert.Contains(t, err.Error(), "another apply is changing")
	after, _ := os.ReadFile(path)
	assert.Equal(t, string(data), string(after))

	// A waiting apply goes ahead once the lock is released.
	q.wait = 5 * time.Second
	go func() {
		time.Sleep(50 * time.Millisecond)
		l.unlock()
	}()
	c, err := q.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.NoError(t, err)
	assert.Equal(t, 3, c.Len())
}

// TestConcurrentApplies races applies on one case from goroutines: each
// waits its turn and sees the others' events; none is lost.
func TestConcurrentApplies(t *testing.T) {
	p := testProcedure(t)
	path, _ := newCaseFile(t, p, "case.yaml")
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = p.ApplyFile(t.Context(), path, []Event{note("2023-11-08T10:00:00Z", "dan", fmt.Sprintf("note %d", i))})
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	c, err := p.Load(t.Context(), path)
	require.NoError(t, err)
	assertNotes(t, c, "note %d", n)
	assert.Empty(t, leftovers(t, path))
}

// TestConcurrentProcesses races applies from separate processes.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	p := testProcedure(t)
	path, _ := newCaseFile(t, p, "case.yaml")
	const procs, each = 4, 5
	var wg sync.WaitGroup
	outs := make([][]byte, procs)
	errs := make([]error, procs)
	for i := range procs {
		wg.Go(func() {
			outs[i], errs[i] = helper(t, "notes", path, strconv.Itoa(i), strconv.Itoa(each)).CombinedOutput()
		})
	}
	wg.Wait()
	for i := range procs {
		require.NoError(t, errs[i], "%s", outs[i])
	}
	c, err := p.Load(t.Context(), path)
	require.NoError(t, err)
	assert.Equal(t, 2+procs*each, c.Len())
	for i := range procs {
		assertNotes(t, c, "process "+strconv.Itoa(i)+" note %d", each)
	}
}

// assertNotes checks that the case holds each of n notes exactly once.
func assertNotes(t *testing.T, c *Case, format string, n int) {
	t.Helper()
	seen := map[string]int{}
	for _, e := range c.Entries() {
		if e.Type == Note {
			seen[e.Text]++
		}
	}
	for i := range n {
		assert.Equal(t, 1, seen[fmt.Sprintf(format, i)], format, i)
	}
}

// helper runs this test binary as a helper process.
func helper(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "DISPUTE_TEST_HELPER="+strings.Join(args, "\x1f"))
	return cmd
}

// TestHelperProcess is not a test: it is the helper process of the tests
// above, when run with DISPUTE_TEST_HELPER set.
func TestHelperProcess(t *testing.T) {
	spec := os.Getenv("DISPUTE_TEST_HELPER")
	if spec == "" {
		return
	}
	args := strings.Split(spec, "\x1f")
	p := testProcedure(t)
	switch args[0] {
	case "kill":
		p.hooks.beforeRename = func(string) error {
			os.Exit(7) // as if killed: no deferred clean-up runs
			return nil
		}
		_, err := p.ApplyFile(t.Context(), args[1], []Event{note("2023-11-08T10:00:00Z", "eve", "never written")})
		fmt.Fprintln(os.Stderr, "not killed:", err)
		os.Exit(1)
	case "notes":
		n, _ := strconv.Atoi(args[3])
		for i := range n {
			e := note("2023-11-08T10:00:00Z", "dan", fmt.Sprintf("process %s note %d", args[2], i))
			if _, err := p.ApplyFile(t.Context(), args[1], []Event{e}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	os.Exit(2)
}

// TestLockWaitEndsWithTheContext: an apply waiting for a lock gives up
// when its context ends, long before the lock wait.
func TestLockWaitEndsWithTheContext(t *testing.T) {
	p := testProcedure(t)
	path, data := newCaseFile(t, p, "case.yaml")
	l, err := lock(t.Context(), path, 0)
	require.NoError(t, err)
	defer l.unlock()
	q := *p
	q.wait = time.Minute
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = q.ApplyFile(ctx, path, []Event{note("2023-11-08T10:00:00Z", "eve", "x")})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 10*time.Second)
	after, _ := os.ReadFile(path)
	assert.Equal(t, string(data), string(after))
}
