//go:build unix

package dispute

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// fileLock is a held lock on a case file: an exclusive flock on its lock
// file. The kernel releases it when the holder exits, however it exits, so
// a killed apply never leaves a case locked.
type fileLock struct {
	f    *os.File
	name string
}

// lockPoll is how often a waiting apply tries the lock again.
const lockPoll = 10 * time.Millisecond

// lock takes the lock of the case file at path, waiting up to wait, or
// until ctx ends.
func lock(ctx context.Context, path string, wait time.Duration) (*fileLock, error) {
	name := lockName(path)
	deadline := time.Now().Add(wait)
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("dispute: locking %s: %w", path, err)
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			// The holder before us removes the lock file as it unlocks; if
			// it did after we opened it, our lock is on a file no one else
			// will open. Lock the file that is there now instead.
			if same(f, name) {
				return &fileLock{f: f, name: name}, nil
			}
			f.Close()
			continue
		}
		f.Close()
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("dispute: locking %s: %w", path, err)
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("%w: another apply is changing %s; try again when it has finished", ErrLocked, path)
		}
		if err := pause(ctx, lockPoll); err != nil {
			return nil, fmt.Errorf("dispute: waiting for the lock of %s: %w", path, err)
		}
	}
}

// same reports whether the open file f is the file now at name.
func same(f *os.File, name string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(name)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// unlock removes the lock file and releases the lock.
func (l *fileLock) unlock() {
	os.Remove(l.name)
	l.f.Close() // closing releases the flock
}
