// Package workdays is the working-day calendar of England and Wales, shared
// by the packages that count limits in working days: dispute (its clocks)
// and rules (plans whose steps count working days). Package dispute
// re-exports it as dispute.Calendar, dispute.EnglandAndWales,
// dispute.AddWorkingDays and dispute.WorkingDaysBetween.
package workdays

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"

	"github.com/compactkit/compactkit/compact"
)

// Calendar says which days are working days. Time limits written in
// working days (the complaint handling code's "acknowledge within 5
// working days") count them.
type Calendar interface {
	// IsWorkingDay reports whether d is a working day.
	IsWorkingDay(d compact.Date) bool
}

// MaxWorkingDays is the most working days a limit may count. A year is
// about 253 working days; limits in working days are days or weeks long.
// The bound keeps a mistaken limit (or a calendar with no working days)
// from looping for ever.
const MaxWorkingDays = 3660

// Add returns the n-th working day after d when n is positive, the n-th
// working day before d when n is negative (d itself does not count, whether
// or not it is a working day), and d when n is zero. It counts at most
// MaxWorkingDays.
func Add(c Calendar, d compact.Date, n int) compact.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	n = min(n, MaxWorkingDays)
	// Ten calendar days for every working day is far more than any calendar
	// with working days needs; it only stops a calendar with none.
	for i := 0; n > 0 && i < 10*MaxWorkingDays; i++ {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// Between returns the working days after a up to and including b: how many
// working days a limit starting on a has used by the end of b. It is
// negative when b is before a. It counts at most MaxWorkingDays (and looks
// at most ten calendar days for each), so that dates centuries apart cost
// no more than a long limit.
func Between(c Calendar, a, b compact.Date) int {
	if b.Before(a) {
		return -Between(c, b, a)
	}
	n := 0
	for d, step := a.AddDays(1), 0; !d.After(b) && n < MaxWorkingDays && step < 10*MaxWorkingDays; d, step = d.AddDays(1), step+1 {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// englandAndWales is the calendar of England and Wales: Monday to Friday,
// less the bank holidays.
type englandAndWales struct {
	bc *cal.BusinessCalendar
}

// ew is the one England and Wales calendar; it is never changed.
var ew = newEnglandAndWales()

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
// The calendar is safe to share between goroutines.
func EnglandAndWales() Calendar { return ew }

func newEnglandAndWales() Calendar {
	bc := cal.NewBusinessCalendar() // Monday to Friday; no cache, so no shared writes
	for _, h := range gb.Holidays {
		if h == gb.SpringHoliday {
			h = h.Clone(&cal.Holiday{Except: append([]int{2002, 2012}, h.Except...)})
		}
		bc.AddHoliday(h)
	}
	bc.AddHoliday(specialBankHolidays...)
	return englandAndWales{bc: bc}
}

// specialBankHolidays are the special bank holidays of England and Wales
// since 1999 that gb.Holidays lacks, and the spring holidays moved in 2002
// and 2012 (gb.SpringHoliday is told to skip those years).
var specialBankHolidays = []*cal.Holiday{
	oneDay("Millennium Day", 1999, time.December, 31),
	oneDay("Golden Jubilee", 2002, time.June, 3),
	oneDay("Spring Bank Holiday", 2002, time.June, 4),
	oneDay("Royal Wedding", 2011, time.April, 29),
	oneDay("Spring Bank Holiday", 2012, time.June, 4),
	oneDay("Diamond Jubilee", 2012, time.June, 5),
	oneDay("State Funeral of Queen Elizabeth II", 2022, time.September, 19),
}

func oneDay(name string, year int, month time.Month, day int) *cal.Holiday {
	return &cal.Holiday{Name: name, Type: cal.ObservanceBank, Month: month, Day: day, Func: cal.CalcDayOfMonth,
		StartYear: year, EndYear: year}
}

// IsWorkingDay reports whether d is a working day in England and Wales.
func (c englandAndWales) IsWorkingDay(d compact.Date) bool {
	return c.bc.IsWorkday(d.Time())
}
