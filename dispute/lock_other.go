//go:build !unix

package dispute

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// fileLock is a held lock on a case file: its lock file, created only if
// it did not exist. A run killed while holding it leaves the lock file
// behind; the message says to remove it.
type fileLock struct {
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
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return &fileLock{name: name}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("dispute: locking %s: %w", path, err)
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("%w: another apply is changing %s; try again when it has finished, "+
				"or remove %s if no apply is running", ErrLocked, path, name)
		}
		if err := pause(ctx, lockPoll); err != nil {
			return nil, fmt.Errorf("dispute: waiting for the lock of %s: %w", path, err)
		}
	}
}

// unlock removes the lock file.
func (l *fileLock) unlock() { os.Remove(l.name) }
