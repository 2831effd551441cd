package dispute

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/London, wherever the program runs: event days must not depend on the machine

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/workdays"
)

// london is the zone event days are counted in. The embedded time zone
// database makes it available on every machine.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(fmt.Sprintf("dispute: the time zone Europe/London is not available: %v", err))
	}
	return loc
}()

// Calendar says which days are working days. Time limits written in
// working days (the complaint handling code's "acknowledge within 5
// working days") count them. The calendar lives in an internal package
// shared with package rules, whose plans count working days the same way.
type Calendar = workdays.Calendar

// MaxWorkingDays is the most working days a limit may count. A year is
// about 253 working days; limits in working days are days or weeks long.
// The bound keeps a mistaken limit (or a calendar with no working days)
// from looping for ever.
const MaxWorkingDays = workdays.MaxWorkingDays

// AddWorkingDays returns the n-th working day after d (d itself does not
// count, whether or not it is a working day): the last day of a limit of n
// working days that starts on d. Zero or negative n returns d.
func AddWorkingDays(c Calendar, d compact.Date, n int) compact.Date {
	if n <= 0 {
		return d
	}
	return workdays.Add(c, d, n)
}

// WorkingDaysBetween returns the working days after a up to and including
// b: how many working days a limit starting on a has used by the end of b.
// It is negative when b is before a. It counts at most MaxWorkingDays (and
// looks at most ten calendar days for each), so that dates centuries apart
// cost no more than a long limit.
func WorkingDaysBetween(c Calendar, a, b compact.Date) int { return workdays.Between(c, a, b) }

// EnglandAndWales returns the working-day calendar of England and Wales:
// Monday to Friday, less the bank holidays, with substitute days when a
// holiday falls at a weekend.
//
// The bank holidays come from github.com/rickar/cal/v2/gb, which knows the
// regular ones and the special ones of 2020 (VE Day), 2022 (the Platinum
// Jubilee, with the spring holiday moved) and 2023 (the Coronation). It
// lacks a few special days proclaimed since 1999; this calendar adds them:
// the Millennium (31 December 1999), the Golden Jubilee (3 and 4 June 2002,
// the spring holiday moved from 27 May), the Royal Wedding (29 April 2011),
// the Diamond Jubilee (4 and 5 June 2012, the spring holiday moved from
// 28 May) and the State Funeral of Queen Elizabeth II (19 September 2022).
//
// The calendar is safe to share between goroutines; package rules counts
// working days (addWorkingDays) with the same one.
func EnglandAndWales() Calendar { return workdays.EnglandAndWales() }
