package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/compactkit/compactkit/compact"
)

// swapped catches two positional arguments given the wrong way round:
// path should name a file or folder but does not, and other does. usage
// is the order they go in ("RULE PATH"). It returns exitUsage after saying
// so, or -1 to go on.
func (c *cli) swapped(fs *flag.FlagSet, usage, path, other string) int {
	if _, err := os.Stat(path); err == nil {
		return -1
	}
	if _, err := os.Stat(other); err != nil {
		return -1
	}
	return c.usageError(fs, "%q is not a file or folder, but %q is: the arguments go %s; did you swap them?", path, other, usage)
}

// parsePair is parseExactly for a command that takes a path and one other
// argument, in the order usage says ("AREA CASE", "RULE PATH"); path is
// the index of the path. It stops too when the two look swapped (see
// swapped).
func (c *cli) parsePair(fs *flag.FlagSet, args []string, usage string, path int, want string) ([]string, int) {
	pos, code := c.parseExactly(fs, args, 2, want)
	if code < 0 {
		code = c.swapped(fs, usage, pos[path], pos[1-path])
	}
	if code >= 0 {
		return nil, code
	}
	return pos, -1
}

// swappedPaths catches AREA and FILE given the wrong way round: the area
// is a file and the file a folder. It returns exitUsage after saying so,
// or -1 to go on.
func (c *cli) swappedPaths(fs *flag.FlagSet, usage, area, file string) int {
	a, errA := os.Stat(area)
	f, errF := os.Stat(file)
	if errA != nil || errF != nil || a.IsDir() || !f.IsDir() {
		return c.swapped(fs, usage, area, file)
	}
	return c.usageError(fs, "%q is a file and %q a folder: the arguments go %s; did you swap them?", area, file, usage)
}

// noRecordsIn says that an area has no records dated in a period (nor
// plans for it), and which period its records are for, when they say.
func noRecordsIn(a *compact.Area, p compact.Period) string {
	msg := fmt.Sprintf("%s has no records dated in %s and no plans for it, so its report would be empty", a.Name, p)
	if rp := a.Records.Period; !rp.From.IsZero() && rp != p {
		msg += fmt.Sprintf("; its records are for %s: give --period %s, or add the records of %s", rp, rp, p)
	}
	return msg
}
