package dispute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/atomicfile"
)

// Case files on disk. A case file holds one document of kind Dispute. It
// is only ever replaced whole, atomically: the new text goes to a
// temporary file in the same folder, which is synced to disk and then
// renamed over the case file, and the folder is synced. A run killed at
// any point leaves either the old file or the new one, never a mix; a
// temporary file it leaves behind starts with a dot, so areas do not load
// it, and the next apply removes it.
//
// An apply holds the case file's lock (a hidden .NAME.lock file next to
// it) from reading the file to renaming the new one into place, so two
// applies on one case run one after the other: the second reads the case
// as the first left it. See [Procedure.ApplyFile].

// hooks let tests interrupt a write. The zero value does nothing.
type hooks struct {
	// beforeRename runs once the temporary file is written and synced,
	// before atomicfile.Write closes it and renames it over the case file;
	// an error it returns fails the write.
	beforeRename func(tmp string) error
}

// lockName returns the lock file of a case file.
func lockName(path string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".lock")
}

// lockPoll is how often a waiting apply tries the lock again.
const lockPoll = 10 * time.Millisecond

// lock takes the lock of the case file at path, waiting up to wait, or
// until ctx ends. How a lock is taken depends on the system (tryLock).
func lock(ctx context.Context, path string, wait time.Duration) (*fileLock, error) {
	name := lockName(path)
	deadline := time.Now().Add(wait)
	for {
		l, busy, err := tryLock(name)
		switch {
		case err != nil:
			return nil, fmt.Errorf("dispute: locking %s: %w", path, err)
		case !busy:
			return l, nil
		case !time.Now().Before(deadline):
			return nil, fmt.Errorf("%w: another apply is changing %s; try again when it has finished%s", ErrLocked, path, staleHint(name))
		}
		if err := pause(ctx, lockPoll); err != nil {
			return nil, fmt.Errorf("dispute: waiting for the lock of %s: %w", path, err)
		}
	}
}

// Load reads the case file at path (one document of kind Dispute) and
// replays it. Problems are [compact.Errors] pointing into the file: its
// structure, a broken hash chain, a refused event.
func (p *Procedure) Load(ctx context.Context, path string) (*Case, error) {
	_, c, err := p.read(ctx, path)
	return c, err
}

// read reads a case file, returning its bytes and the case.
func (p *Procedure) read(ctx context.Context, path string) ([]byte, *Case, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, nil, compact.Errors{{Pos: compact.Position{File: path}, Msg: err.Error(), Err: compact.ErrIO}}
	}
	docs, err := compact.Parse(path, data) // refuses more than compact.MaxFileBytes
	if err != nil {
		return nil, nil, err
	}
	if len(docs) != 1 || docs[0].Kind != compact.KindDispute {
		return nil, nil, compact.Errors{{Pos: compact.Position{File: path}, Err: compact.ErrHeader,
			Msg: fmt.Sprintf("a case file holds one document of kind %s", compact.KindDispute)}}
	}
	c, err := p.Decode(ctx, docs[0])
	if err != nil {
		return nil, nil, err
	}
	return data, c, nil
}

// readLimited reads a file, but no more than one byte over the largest
// document file compact reads.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, compact.MaxFileBytes+1))
}

// Create writes a new case to path, as YAML (JSON for a .json name), and
// its head to the checkpoint log beside it, signed with the key
// [SignWith] gives. It refuses with ErrExists when the file exists: an
// existing case is never overwritten. Waiting for the file's lock ends
// with ctx.
func (p *Procedure) Create(ctx context.Context, path string, c *Case, opts ...ApplyOption) error {
	l, err := lock(ctx, path, p.wait)
	if err != nil {
		return err
	}
	defer l.unlock()
	removeTemps(path)
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%w: %s", ErrExists, path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	data, err := Marshal(c, path)
	if err != nil {
		return err
	}
	if err := writeAtomic(path, data, 0o644, p.hooks); err != nil {
		return err
	}
	return p.checkpoint(ctx, path, c, applyOpts(opts).signer)
}

// ApplyFile applies events, in order, to the case kept in the file at
// path, and writes the file with them; then it appends the case's new
// head to the checkpoint log beside the file ([CheckpointFile]). Events
// are signed with the key [SignWith] gives. It holds the file's lock
// throughout, so concurrent applies (from goroutines or processes) run one
// at a time, each on the case as the one before left it; it waits for the
// lock as long as [WithLockWait] allows, then fails with ErrLocked, or
// with ctx's error when ctx ends first. The area's guards run under ctx.
//
// Either every event is accepted and the file gains them all, or the
// file is left exactly as it was: a refused event is a [*Refusal] (its
// Index counts from the start of the case), a file that does not load is
// [compact.Errors]. The new events are appended to the file's text, so its
// comments and layout stay as they were; a file that cannot be appended to
// (events not last, say) is written anew, keeping the comments it starts
// with.
func (p *Procedure) ApplyFile(ctx context.Context, path string, events []Event, opts ...ApplyOption) (*Case, error) {
	o := applyOpts(opts)
	l, err := lock(ctx, path, p.wait)
	if err != nil {
		return nil, err
	}
	defer l.unlock()
	removeTemps(path)
	old, c, err := p.read(ctx, path)
	if err != nil {
		return nil, err
	}
	next := c.clone()
	for _, e := range events {
		if err := next.push(ctx, e, o.signer); err != nil {
			return nil, err
		}
	}
	data, err := p.render(old, next, path, c.Len())
	if err != nil {
		return nil, err
	}
	if err := writeAtomic(path, data, 0o644, p.hooks); err != nil {
		return nil, fmt.Errorf("dispute: %w", err) // atomicfile names the file
	}
	if err := p.checkpoint(ctx, path, next, o.signer); err != nil {
		return nil, fmt.Errorf("dispute: %s is written, but its checkpoint is not (compact dispute verify will say so): %w", path, err)
	}
	return next, nil
}

// Seal signs, with s, every unsigned event of the case kept in the file at
// path: a case written before the area signed its events. It loads the
// case first, so only a case whose hash chain verifies and whose events
// replay is sealed; each signature records the day of sealing, on, for the
// key must be valid on that day (the library never reads the clock). The
// file is written anew and the new head checkpointed. A case with nothing
// to seal is left as it is, and its head checkpointed.
func (p *Procedure) Seal(ctx context.Context, path string, on compact.Date, s *Signer) (*Case, int, error) {
	l, err := lock(ctx, path, p.wait)
	if err != nil {
		return nil, 0, err
	}
	defer l.unlock()
	removeTemps(path)
	old, c, err := p.read(ctx, path)
	if err != nil {
		return nil, 0, err
	}
	next := c.clone()
	sealed := 0
	for i := range next.entries {
		en := &next.entries[i]
		if en.Sig != "" {
			continue
		}
		if on.Before(en.Day()) {
			return nil, 0, fmt.Errorf("dispute: case %s: event %d is dated %s, after the day of sealing %s", c.id, i+1, en.Day(), on)
		}
		if r := p.checkSigner(next, en, s, on); r != nil {
			r.Index = i
			return nil, 0, r
		}
		s.sign(c.id, en, on)
		sealed++
	}
	if sealed > 0 {
		next.warnings = slices.DeleteFunc(next.warnings, func(w Warning) bool { return w.Index < 0 })
		data, err := rewrite(old, next, path)
		if err != nil {
			return nil, 0, err
		}
		if !p.readsBackAs(path, data, next) {
			return nil, 0, fmt.Errorf("dispute: case %s does not read back as sealed; the file is left as it was", c.id)
		}
		if err := writeAtomic(path, data, 0o644, p.hooks); err != nil {
			return nil, 0, fmt.Errorf("dispute: %w", err) // atomicfile names the file
		}
	}
	if err := p.checkpoint(ctx, path, next, s); err != nil {
		return nil, 0, err
	}
	return next, sealed, nil
}

// render returns the new text of a case file: the old text with the new
// entries appended when that reads back as the same case, or else the
// whole file written anew.
func (p *Procedure) render(old []byte, c *Case, path string, had int) ([]byte, error) {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		if data, ok := appendEntries(old, c.entries[had:]); ok && p.readsBackAs(path, data, c) {
			return data, nil
		}
	}
	data, err := rewrite(old, c, path)
	if err != nil {
		return nil, err
	}
	if !p.readsBackAs(path, data, c) {
		return nil, fmt.Errorf("dispute: case %s does not read back as written; the file is left as it was", c.id)
	}
	return data, nil
}

// readsBackAs reports whether data decodes to exactly the entries of c.
func (p *Procedure) readsBackAs(path string, data []byte, c *Case) bool {
	docs, err := compact.Parse(path, data)
	if err != nil || len(docs) != 1 {
		return false
	}
	var f CaseFile
	if docs[0].Decode(&f) != nil || f.ID != c.id {
		return false
	}
	return reflect.DeepEqual(normal(f.Events), normal(c.entries))
}

// normal makes entries comparable by their canonical form and hash, which
// is what the hash chain covers.
func normal(entries []Entry) []string {
	out := make([]string, len(entries))
	for i := range entries {
		b, _ := CanonicalJSON(&entries[i].Event)
		en := &entries[i]
		out[i] = fmt.Sprintf("%s %s %s %s %s", b, en.Hash, en.Key, en.Sealed, en.Sig)
	}
	return out
}

// writeAtomic replaces the file at path with data through
// [atomicfile.Write]: a temporary file in the same folder, synced, renamed
// over path, and the folder synced. A test's beforeRename hook runs once
// the temporary file is written and synced.
func writeAtomic(path string, data []byte, perm fs.FileMode, h hooks) error {
	return atomicfile.Write(path, perm, func(w io.Writer) error {
		if _, err := w.Write(data); err != nil {
			return err
		}
		if h.beforeRename == nil {
			return nil
		}
		f, ok := w.(*os.File) // atomicfile writes to the temporary file itself
		if !ok {
			return fmt.Errorf("the test hook needs the temporary file, not a %T", w)
		}
		if err := f.Sync(); err != nil {
			return err
		}
		return h.beforeRename(f.Name())
	})
}

// removeTemps removes temporary files a killed run left behind. It runs
// under the lock, when no other apply can be writing one.
func removeTemps(path string) {
	dir := filepath.Dir(path)
	prefix := "." + filepath.Base(path) + ".tmp-" // the temporary files of atomicfile.Write
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// pause waits for d, or until ctx ends, and then returns ctx's error.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
