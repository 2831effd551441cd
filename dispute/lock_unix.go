//go:build unix

package dispute

import (
	"errors"
	"os"
	"syscall"
)

// fileLock is a held lock on a case file: an exclusive flock on its lock
// file. The kernel releases it when the holder exits, however it exits, so
// a killed apply never leaves a case locked.
type fileLock struct {
	f    *os.File
	name string
}

// tryLock tries once to take the lock file name; busy reports that another
// apply holds it.
func tryLock(name string) (l *fileLock, busy bool, err error) {
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, false, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			// The holder before us removes the lock file as it unlocks; if
			// it did after we opened it, our lock is on a file no one else
			// will open. Lock the file that is there now instead.
			if same(f, name) {
				return &fileLock{f: f, name: name}, false, nil
			}
			f.Close()
			continue
		}
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, true, nil
		}
		return nil, false, err
	}
}

// staleHint is what a refusal for a lock held too long adds: nothing, for
// the kernel releases the lock of a killed apply.
func staleHint(string) string { return "" }

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
