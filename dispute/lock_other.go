//go:build !unix

package dispute

import (
	"errors"
	"io/fs"
	"os"
)

// fileLock is a held lock on a case file: its lock file, created only if
// it did not exist. A run killed while holding it leaves the lock file
// behind; the message says to remove it.
type fileLock struct {
	name string
}

// tryLock tries once to take the lock file name; busy reports that another
// apply holds it.
func tryLock(name string) (l *fileLock, busy bool, err error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	switch {
	case err == nil:
		f.Close()
		return &fileLock{name: name}, false, nil
	case errors.Is(err, fs.ErrExist):
		return nil, true, nil
	}
	return nil, false, err
}

// staleHint is what a refusal for a lock held too long adds: a killed run
// leaves its lock file behind.
func staleHint(name string) string {
	return ", or remove " + name + " if no apply is running"
}

// unlock removes the lock file.
func (l *fileLock) unlock() { os.Remove(l.name) }
