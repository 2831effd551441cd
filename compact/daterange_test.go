package compact_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// TestDateRange holds every date computation to 0001-01-01..9999-12-31: the
// checked functions refuse to leave it with ErrDateRange, the plain ones
// stop at its ends, and nothing wraps (years were 16 bits: 40000 years on
// came out as a date in year -23512).
func TestDateRange(t *testing.T) {
	cases := []struct {
		name    string
		f       func() (compact.Date, error)
		want    string // the date, or the end of the range reached
		inRange bool
	}{
		{"days within", func() (compact.Date, error) { return d("2024-01-31").AddDaysChecked(29) }, "2024-02-29", true},
		{"days to the last", func() (compact.Date, error) { return d("9999-12-30").AddDaysChecked(1) }, "9999-12-31", true},
		{"days past the last", func() (compact.Date, error) { return d("9999-12-31").AddDaysChecked(1) }, "9999-12-31", false},
		{"days to the first", func() (compact.Date, error) { return d("0001-01-02").AddDaysChecked(-1) }, "0001-01-01", true},
		{"days before the first", func() (compact.Date, error) { return d("0001-01-01").AddDaysChecked(-1) }, "0001-01-01", false},
		{"a billion days", func() (compact.Date, error) { return d("2024-01-01").AddDaysChecked(1_000_000_000) }, "9999-12-31", false},
		{"minus a billion days", func() (compact.Date, error) { return d("2024-01-01").AddDaysChecked(-1_000_000_000) }, "0001-01-01", false},
		{"months within", func() (compact.Date, error) { return d("2024-01-31").AddMonthsChecked(1) }, "2024-02-29", true},
		{"months to the last", func() (compact.Date, error) { return d("9999-11-30").AddMonthsChecked(1) }, "9999-12-30", true},
		{"months past the last", func() (compact.Date, error) { return d("9999-12-01").AddMonthsChecked(1) }, "9999-12-31", false},
		{"months before the first", func() (compact.Date, error) { return d("0001-01-31").AddMonthsChecked(-1) }, "0001-01-01", false},
		{"years 40000 on", func() (compact.Date, error) { return d("2024-07-01").AddYearsChecked(40000) }, "9999-12-31", false},
		{"years 2100 back", func() (compact.Date, error) { return d("2024-07-01").AddYearsChecked(-2100) }, "0001-01-01", false},
		{"years to 9999", func() (compact.Date, error) { return d("2024-02-29").AddYearsChecked(7975) }, "9999-02-28", true},
		{"max int years", func() (compact.Date, error) { return d("2024-02-29").AddYearsChecked(int(^uint(0) >> 1)) }, "9999-12-31", false},
		{"min int months", func() (compact.Date, error) { return d("2024-02-29").AddMonthsChecked(-int(^uint(0)>>1) - 1) }, "0001-01-01", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.f()
			require.Equal(t, tc.want, got.String())
			require.True(t, got.InRange())
			if tc.inRange {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, compact.ErrDateRange)
			require.ErrorContains(t, err, "outside 0001-01-01..9999-12-31")
		})
	}
}

// TestDateRangePlain checks the unchecked functions stop at the ends and
// that comparisons and counts stay right there.
func TestDateRangePlain(t *testing.T) {
	start := d("2024-07-01")
	require.Equal(t, compact.MaxDate, start.AddYears(40000))
	require.True(t, start.AddYears(40000).After(start), "addYears(d, 40000) > d")
	require.Equal(t, compact.MinDate, start.AddYears(-2100))
	require.Equal(t, compact.MaxDate, start.AddDays(1<<40))
	require.Equal(t, compact.MinDate, start.AddMonths(-1<<40))
	require.Equal(t, compact.MaxDate, compact.NewDate(40000, time.January, 1))
	require.Equal(t, compact.MinDate, compact.NewDate(-5, time.January, 1))
	require.Equal(t, 3652058, compact.DaysBetween(compact.MinDate, compact.MaxDate))
	require.Equal(t, 9998*12+11, compact.MonthsBetween(compact.MinDate, compact.MaxDate))
	_, err := compact.ParsePeriod("9999-00")
	require.ErrorIs(t, err, compact.ErrDateRange)
	p, err := compact.ParsePeriod("9998-99")
	require.NoError(t, err)
	require.Equal(t, "9999-03-31", p.To.String())
}

// FuzzDateArithmetic adds days, months and years to any date in range and
// counts between any two: results stay in range, the checked functions
// agree with the counting ones, and nothing panics.
func FuzzDateArithmetic(f *testing.F) {
	f.Add(2024, 2, 29, 40000, -2100)
	f.Add(1, 1, 1, -1, 1)
	f.Add(9999, 12, 31, 1, -1)
	f.Fuzz(func(t *testing.T, y, m, day, n, k int) {
		a := compact.NewDate(y%10000, time.Month(m%13), day%32)
		if !a.InRange() {
			t.Fatalf("NewDate(%d, %d, %d) = %s, out of range", y, m, day, a)
		}
		b, err := a.AddDaysChecked(n)
		if !b.InRange() {
			t.Fatalf("%s + %d days = %s", a, n, b)
		}
		if err == nil && compact.DaysBetween(a, b) != n {
			t.Fatalf("days between %s and %s is %d, want %d", a, b, compact.DaysBetween(a, b), n)
		}
		c, err := a.AddMonthsChecked(k)
		if !c.InRange() {
			t.Fatalf("%s + %d months = %s", a, k, c)
		}
		if err == nil && compact.MonthsBetween(a, c) != k && c.Day() == a.Day() {
			t.Fatalf("months between %s and %s is %d, want %d", a, c, compact.MonthsBetween(a, c), k)
		}
		if e, _ := a.AddYearsChecked(n); !e.InRange() {
			t.Fatalf("%s + %d years = %s", a, n, e)
		}
		if s, err := compact.ParseDate(a.String()); err != nil || s != a {
			t.Fatalf("%s does not read back: %v", a, err)
		}
	})
}

// FuzzParseDate reads any text as a date and as a period: the result is
// an error or a value in range that writes back as it was read.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "0001-01-01", "9999-12-31", "0000-01-01", "+202-01-01", "2024-25", "2024",
		"2024-04-01..2025-03-31", "9999-00", "9998-99", "2025-01-01..2024-01-01", "１２３４-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := compact.ParseDate(s); err == nil {
			if !d.InRange() || d.String() != s {
				t.Fatalf("ParseDate(%q) = %s", s, d)
			}
		}
		if p, err := compact.ParsePeriod(s); err == nil {
			if !p.From.InRange() || !p.To.InRange() || p.To.Before(p.From) {
				t.Fatalf("ParsePeriod(%q) = %s..%s", s, p.From, p.To)
			}
			if q, err := compact.ParsePeriod(p.String()); err != nil || q != p {
				t.Fatalf("period %q does not read back: %v", p.String(), err)
			}
		}
	})
}

// TestDateStringKept: the text of a date is the same whether made or
// taken from what an earlier call kept, inside the years kept and out.
func TestDateStringKept(t *testing.T) {
	for _, text := range []string{"1899-12-31", "1900-01-01", "2024-02-29", "2025-03-31", "2155-12-31", "2156-01-01", "0001-01-01", "9999-12-31"} {
		d := compact.MustParseDate(text)
		for range 2 {
			require.Equal(t, text, d.String())
		}
	}
	require.Equal(t, "", compact.Date{}.String())
}
