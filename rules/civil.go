package rules

import (
	"time"

	"github.com/compactkit/compactkit/compact"
)

// Calendar arithmetic on the hot path of evaluation. compact.DaysBetween,
// MonthsBetween and Date.String go through time.Time and fmt; these give the
// same answers (a test compares them over two centuries of dates) with
// integer arithmetic only, which matters when a pack runs over a hundred
// thousand records.

// dayNumber counts days from a fixed day in the proleptic Gregorian
// calendar (H. Hinnant's days_from_civil), so the days between two dates
// are a subtraction.
func dayNumber(d compact.Date) int {
	y, m, day := d.Year(), int(d.Month()), d.Day()
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + day - 1
	return era*146097 + yoe*365 + yoe/4 - yoe/100 + doy
}

// daysBetween is compact.DaysBetween: the days from a to b.
func daysBetween(a, b compact.Date) int { return dayNumber(b) - dayNumber(a) }

// weeksBetween is compact.WeeksBetween: whole weeks from a to b, rounded
// toward zero.
func weeksBetween(a, b compact.Date) int { return daysBetween(a, b) / 7 }

// monthsBetween is compact.MonthsBetween: the largest n with a plus n
// calendar months on or before b (negative when b is before a).
func monthsBetween(a, b compact.Date) int {
	if b.Before(a) {
		return -monthsBetween(b, a)
	}
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	// a plus n months falls in b's month, on a's day or the month's last.
	if min(a.Day(), daysIn(b.Month(), b.Year())) > b.Day() {
		n--
	}
	return n
}

// yearsBetween is whole years from a to b: whole months divided by 12.
func yearsBetween(a, b compact.Date) int { return monthsBetween(a, b) / 12 }

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func daysIn(m time.Month, y int) int {
	if m == time.February && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return monthDays[m]
}

// formatDate is Date.String: YYYY-MM-DD.
func formatDate(d compact.Date) string {
	y := d.Year()
	if y < 0 || y > 9999 {
		return d.String()
	}
	m, day := int(d.Month()), d.Day()
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}
