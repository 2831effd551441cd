package compact

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/compactkit/compactkit/internal/docfmt"
)

// Date is a civil date (a day in the calendar, with no time or zone), written
// 2024-03-01 in documents. The zero Date means "not given"; IsZero reports it.
//
// Dates compare with Compare, Before and After; months are counted as
// calendar months (see MonthsBetween), which is how notice periods in
// compacts are written.
type Date struct {
	y int16
	m uint8
	d uint8
}

// The range of dates. Every date this package makes, parses or computes
// lies between MinDate and MaxDate: four-digit years, as documents write
// them. A date computed beyond either end is an [ErrDateRange] error from
// the checked functions ([Date.AddDaysChecked] and its siblings), which
// rules and dispute clocks use; the plain ones ([Date.AddDays] ...) stop at
// the end of the range rather than wrap.
var (
	// MinDate is the first date: 0001-01-01.
	MinDate = Date{y: 1, m: 1, d: 1}
	// MaxDate is the last date: 9999-12-31.
	MaxDate = Date{y: 9999, m: 12, d: 31}
)

// ErrDateRange is the error of a date computed outside MinDate..MaxDate. It
// is a kind of [ErrValue]: errors.Is(err, ErrValue) holds for it too.
var ErrDateRange = NewClass("date-out-of-range", "date out of range", ErrValue)

// NewDate returns the date y-m-d, normalising out-of-range values the way
// [time.Date] does (31 April is 1 May). A date before MinDate or after
// MaxDate is clamped to the range.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's location, clamped to
// MinDate..MaxDate.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	switch {
	case y < 1:
		return MinDate
	case y > 9999:
		return MaxDate
	}
	return Date{y: int16(y), m: uint8(m), d: uint8(d)}
}

// InRange reports whether d lies within MinDate..MaxDate. Every date but
// the zero Date does: the zero Date means "not given".
func (d Date) InRange() bool { return !d.Before(MinDate) && !d.After(MaxDate) }

// MaxLimitYears is the longest a time limit or clock of a dispute
// procedure may run, in years: no procedure waits a century, and a limit
// that long keeps every deadline far inside MinDate..MaxDate.
const MaxLimitYears = 100

// maxWithin is the most units of u a limit of MaxLimitYears holds.
func maxWithin(u TimeUnit) int {
	switch u {
	case UnitYears:
		return MaxLimitYears
	case UnitMonths:
		return 12 * MaxLimitYears
	case UnitWeeks:
		return 53 * MaxLimitYears
	}
	return 366 * MaxLimitYears // days and working days
}

// rangeError is the error of a date computation that leaves the range.
func rangeError(what string, d Date, n int) error {
	return fmt.Errorf("%w: %s %d from %s falls outside %s..%s", ErrDateRange, what, n, d, MinDate, MaxDate)
}

// ParseDate parses a date written YYYY-MM-DD, strictly: no time, no zone,
// and a day that exists in that month.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q is not a date written YYYY-MM-DD", s)
	}
	for i := range len(s) {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return Date{}, fmt.Errorf("%q is not a date written YYYY-MM-DD", s)
		}
	}
	y, _ := strconv.Atoi(s[0:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:10])
	if y < 1 {
		return Date{}, fmt.Errorf("%w: %q is before %s, the first date", ErrDateRange, s, MinDate)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return Date{}, fmt.Errorf("%q is not a day in the calendar", s)
	}
	return Date{y: int16(y), m: uint8(m), d: uint8(d)}, nil
}

// MustParseDate is ParseDate for dates known to be valid, such as literals in
// tests and examples. It panics on a bad date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// daysIn returns the number of days in month m of year y.
func daysIn(m time.Month, y int) int {
	if m == time.February && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return monthDays[m]
}

// dayNumber counts days from a fixed day in the proleptic Gregorian
// calendar (H. Hinnant's days_from_civil), so the days between two dates
// are a subtraction. Integer arithmetic only: rules evaluate it on every
// record, and it does not overflow however far apart two dates are.
func dayNumber(d Date) int {
	y, m, day := int(d.y), int(d.m), int(d.d)
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

// IsZero reports whether d is the zero Date ("not given").
func (d Date) IsZero() bool { return d == Date{} }

// Year returns the year.
func (d Date) Year() int { return int(d.y) }

// Month returns the month.
func (d Date) Month() time.Month { return time.Month(d.m) }

// Day returns the day of the month.
func (d Date) Day() int { return int(d.d) }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Date(int(d.y), time.Month(d.m), int(d.d), 0, 0, 0, 0, time.UTC)
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// String returns the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := int(d.y), int(d.m), int(d.d)
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	}
	slot := (*atomic.Pointer[string])(nil)
	if y >= dateTextFrom && y < dateTextFrom+dateTextYears && m >= 1 && m <= 12 && day >= 1 && day <= 31 {
		slot = &dateTexts[(y-dateTextFrom)*12*31+(m-1)*31+day-1]
		if s := slot.Load(); s != nil {
			return *s
		}
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10)}
	s := string(b[:])
	if slot != nil {
		slot.Store(&s)
	}
	return s
}

// dateTexts holds the text of each date of the years from dateTextFrom
// that has been written: a check writes the same few hundred days
// millions of times (in messages and explain values), and each would
// otherwise be a string of its own. Its pages are touched only for the
// years written.
var dateTexts [dateTextYears * 12 * 31]atomic.Pointer[string]

const dateTextFrom, dateTextYears = 1900, 256

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.y != e.y:
		return cmpInt(int(d.y), int(e.y))
	case d.m != e.m:
		return cmpInt(int(d.m), int(e.m))
	default:
		return cmpInt(int(d.d), int(e.d))
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// maxDayShift is more days than lie between MinDate and MaxDate; a shift
// by more is out of range whatever the date, and checking it first keeps
// the arithmetic far from overflow.
const maxDayShift = 4_000_000

// AddDays returns the date n days after d (before, for negative n),
// stopping at MinDate or MaxDate; see [Date.AddDaysChecked].
func (d Date) AddDays(n int) Date { return clamped(d.AddDaysChecked(n)) }

// AddDaysChecked returns the date n days after d (before, for negative n),
// or an [ErrDateRange] error when it falls outside MinDate..MaxDate.
func (d Date) AddDaysChecked(n int) (Date, error) {
	if n > maxDayShift || n < -maxDayShift {
		return d.edge(n), rangeError("adding days:", d, n)
	}
	num := dayNumber(d) + n
	if num < dayNumber(MinDate) {
		return MinDate, rangeError("adding days:", d, n)
	}
	if num > dayNumber(MaxDate) {
		return MaxDate, rangeError("adding days:", d, n)
	}
	return DateOf(d.Time().AddDate(0, 0, n)), nil
}

// edge is the end of the range a shift by n leaves it at.
func (d Date) edge(n int) Date {
	if n < 0 {
		return MinDate
	}
	return MaxDate
}

func clamped(d Date, _ error) Date { return d }

// AddMonths returns the same day n calendar months after d. When that month
// is shorter, the result is its last day: 31 January plus one month is
// 28 (or 29) February, not 2 March. It stops at MinDate or MaxDate; see
// [Date.AddMonthsChecked].
func (d Date) AddMonths(n int) Date { return clamped(d.AddMonthsChecked(n)) }

// AddMonthsChecked is AddMonths with an [ErrDateRange] error when the
// result falls outside MinDate..MaxDate.
func (d Date) AddMonthsChecked(n int) (Date, error) {
	const maxMonthShift = 12 * 10_000
	if n > maxMonthShift || n < -maxMonthShift {
		return d.edge(n), rangeError("adding months:", d, n)
	}
	total := int(d.y)*12 + int(d.m) - 1 + n
	y, m := total/12, time.Month(total%12+1)
	if total < 12 { // before year 1
		return MinDate, rangeError("adding months:", d, n)
	}
	if y > 9999 {
		return MaxDate, rangeError("adding months:", d, n)
	}
	day := int(d.d)
	if last := daysIn(m, y); day > last {
		day = last
	}
	return Date{y: int16(y), m: uint8(m), d: uint8(day)}, nil
}

// YearsBetween returns the number of whole years from a to b: whole
// calendar months divided by 12.
func YearsBetween(a, b Date) int { return MonthsBetween(a, b) / 12 }

// AddYears returns the same day n years after d (29 February becomes
// 28 February in a year that is not a leap year), stopping at MinDate or
// MaxDate; see [Date.AddYearsChecked].
func (d Date) AddYears(n int) Date { return clamped(d.AddYearsChecked(n)) }

// AddYearsChecked is AddYears with an [ErrDateRange] error when the result
// falls outside MinDate..MaxDate.
func (d Date) AddYearsChecked(n int) (Date, error) {
	if n > 10_000 || n < -10_000 {
		return d.edge(n), rangeError("adding years:", d, n)
	}
	r, err := d.AddMonthsChecked(12 * n)
	if err != nil {
		return r, rangeError("adding years:", d, n)
	}
	return r, nil
}

// DaysBetween returns the number of days from a to b: positive when b is
// after a.
func DaysBetween(a, b Date) int { return dayNumber(b) - dayNumber(a) }

// WeeksBetween returns the number of whole weeks from a to b (rounded toward
// zero).
func WeeksBetween(a, b Date) int { return DaysBetween(a, b) / 7 }

// MonthsBetween returns the number of whole calendar months from a to b: the
// largest n with a.AddMonths(n) on or before b (negative when b is before a).
// Notice given on 15 January and taking effect on 15 April is three months;
// on 14 April it is two.
func MonthsBetween(a, b Date) int {
	if b.Before(a) {
		return -MonthsBetween(b, a)
	}
	n := (int(b.y)-int(a.y))*12 + int(b.m) - int(a.m)
	// a plus n months falls in b's month, on a's day or the month's last.
	if min(int(a.d), daysIn(b.Month(), b.Year())) > int(b.d) {
		n--
	}
	return n
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error { return parseInto(d, ParseDate, b) }

// parseInto sets *dst to the value parse reads from text, unless parse
// fails: the UnmarshalText of the civil types.
func parseInto[T any](dst *T, parse func(string) (T, error), text []byte) error {
	v, err := parse(string(text))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// UnmarshalScalar reads a date from a document. It implements
// [docfmt.ScalarUnmarshaler].
func (d *Date) UnmarshalScalar(s docfmt.Scalar) error {
	if s.Kind != docfmt.ScalarString && s.Kind != docfmt.ScalarTimestamp {
		return &docfmt.TypeMismatch{Want: "a date (YYYY-MM-DD)", Got: s}
	}
	if err := d.UnmarshalText([]byte(s.Text)); err != nil {
		return &classed{class: ErrBadDate, msg: err.Error()}
	}
	return nil
}

// Period is a span of days from From to To, both included. Compact years are
// usually financial years, written "2024-25" (1 April 2024 to 31 March 2025).
type Period struct {
	From Date
	To   Date
}

// ParsePeriod reads a period written as a financial year "2024-25", a
// calendar year "2024", or two dates "2024-04-01..2025-03-31".
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if from, to, ok := strings.Cut(s, ".."); ok {
		f, err := ParseDate(from)
		if err != nil {
			return Period{}, err
		}
		t, err := ParseDate(to)
		if err != nil {
			return Period{}, err
		}
		if t.Before(f) {
			return Period{}, fmt.Errorf("period %q ends before it starts", s)
		}
		return Period{From: f, To: t}, nil
	}
	if len(s) == 4 && allDigits(s) {
		y, err := strconv.Atoi(s)
		if err == nil && y > 0 {
			return Period{From: NewDate(y, time.January, 1), To: NewDate(y, time.December, 31)}, nil
		}
	}
	if len(s) == 7 && s[4] == '-' && allDigits(s[:4]) && allDigits(s[5:]) {
		y, err1 := strconv.Atoi(s[:4])
		yy, err2 := strconv.Atoi(s[5:])
		if y == MaxDate.Year() {
			return Period{}, fmt.Errorf("%w: the financial year %q ends after %s, the last date", ErrDateRange, s, MaxDate)
		}
		if err1 == nil && err2 == nil && y > 0 && (y+1)%100 == yy {
			return FinancialYear(y), nil
		}
	}
	return Period{}, fmt.Errorf("%q is not a period: write a financial year (2024-25), a year (2024) or from..to dates", s)
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FinancialYear returns the UK financial year that starts on 1 April of y.
func FinancialYear(y int) Period {
	return Period{From: NewDate(y, time.April, 1), To: NewDate(y+1, time.March, 31)}
}

// FinancialYearOf returns the financial year that contains d.
func FinancialYearOf(d Date) Period {
	if d.Month() < time.April {
		return FinancialYear(d.Year() - 1)
	}
	return FinancialYear(d.Year())
}

// Contains reports whether d falls within the period.
func (p Period) Contains(d Date) bool {
	return !d.IsZero() && !d.Before(p.From) && !d.After(p.To)
}

// Overlaps reports whether the span from..to (a zero to means open-ended)
// shares at least one day with the period.
func (p Period) Overlaps(from, to Date) bool {
	if !from.IsZero() && from.After(p.To) {
		return false
	}
	return to.IsZero() || !to.Before(p.From)
}

// Previous returns the period of the same length that ends the day before p
// starts. For a financial year it is the financial year before.
func (p Period) Previous() Period {
	if next := p.To.AddDays(1); p.From.Day() == 1 && next.Day() == 1 {
		months := MonthsBetween(p.From, next)
		return Period{From: p.From.AddMonths(-months), To: p.From.AddDays(-1)}
	}
	days := DaysBetween(p.From, p.To)
	return Period{From: p.From.AddDays(-days - 1), To: p.From.AddDays(-1)}
}

// String writes the period as "2024-25" for a financial year, "2024" for a
// calendar year, and "from..to" otherwise.
func (p Period) String() string {
	switch {
	case p == FinancialYear(p.From.Year()):
		return fmt.Sprintf("%04d-%02d", p.From.Year(), (p.From.Year()+1)%100)
	case p.From == NewDate(p.From.Year(), time.January, 1) && p.To == NewDate(p.From.Year(), time.December, 31):
		return fmt.Sprintf("%04d", p.From.Year())
	default:
		return p.From.String() + ".." + p.To.String()
	}
}

// MarshalText writes the period as String does.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads a period as ParsePeriod does.
func (p *Period) UnmarshalText(b []byte) error { return parseInto(p, ParsePeriod, b) }

// UnmarshalScalar reads a period from a document. It implements
// [docfmt.ScalarUnmarshaler].
func (p *Period) UnmarshalScalar(s docfmt.Scalar) error {
	if s.Kind != docfmt.ScalarString && s.Kind != docfmt.ScalarInt {
		return &docfmt.TypeMismatch{Want: `a period ("2024-25", "2024" or "from..to")`, Got: s}
	}
	return p.UnmarshalText([]byte(s.Text))
}
