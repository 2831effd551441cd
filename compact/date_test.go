package compact_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

func d(s string) compact.Date { return compact.MustParseDate(s) }

func TestParseDate(t *testing.T) {
	cases := []struct {
		in      string
		want    string
		wantErr string
	}{
		{"2024-03-01", "2024-03-01", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"2023-02-29", "", "not a day in the calendar"},
		{"2024-13-01", "", "not a day in the calendar"},
		{"2024-00-10", "", "not a day in the calendar"},
		{"2024-04-31", "", "not a day in the calendar"},
		{"2024-3-1", "", "YYYY-MM-DD"},
		{"01/03/2024", "", "YYYY-MM-DD"},
		{"2024-03-01T00:00:00Z", "", "YYYY-MM-DD"},
		{"0000-01-01", "", "before 0001-01-01, the first date"},
		{"+202-01-01", "", "YYYY-MM-DD"},
		{"9999-12-31", "9999-12-31", ""},
		{"abcd-ef-gh", "", "YYYY-MM-DD"},
		{"", "", "YYYY-MM-DD"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := compact.ParseDate(tc.in)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.String())
		})
	}
	assert.Panics(t, func() { compact.MustParseDate("nope") })
}

func TestDateArithmetic(t *testing.T) {
	cases := []struct {
		a, b                string
		days, weeks, months int
	}{
		{"2024-01-15", "2024-04-15", 91, 13, 3},
		{"2024-01-15", "2024-04-14", 90, 12, 2},
		{"2024-01-31", "2024-04-30", 90, 12, 3}, // a short month counts to its last day
		{"2024-01-31", "2024-02-29", 29, 4, 1},
		{"2024-03-01", "2024-05-24", 84, 12, 2}, // exactly 12 weeks
		{"2024-03-01", "2024-03-01", 0, 0, 0},
		{"2024-04-15", "2024-01-15", -91, -13, -3},
		{"2023-03-26", "2023-03-27", 1, 0, 0}, // across the clocks changing: still one day
		{"2020-02-29", "2021-02-28", 365, 52, 12},
	}
	for _, tc := range cases {
		t.Run(tc.a+"→"+tc.b, func(t *testing.T) {
			assert.Equal(t, tc.days, compact.DaysBetween(d(tc.a), d(tc.b)), "days")
			assert.Equal(t, tc.weeks, compact.WeeksBetween(d(tc.a), d(tc.b)), "weeks")
			assert.Equal(t, tc.months, compact.MonthsBetween(d(tc.a), d(tc.b)), "months")
		})
	}
}

func TestDateMethods(t *testing.T) {
	x := d("2024-01-31")
	assert.Equal(t, "2024-02-29", x.AddMonths(1).String())
	assert.Equal(t, "2023-12-31", x.AddMonths(-1).String())
	assert.Equal(t, "2025-01-31", x.AddMonths(12).String())
	assert.Equal(t, "2025-02-28", d("2024-02-29").AddYears(1).String())
	assert.Equal(t, "2024-03-01", d("2024-02-28").AddDays(2).String())
	assert.Equal(t, 2024, x.Year())
	assert.Equal(t, time.January, x.Month())
	assert.Equal(t, 31, x.Day())
	assert.Equal(t, time.Wednesday, x.Weekday())
	assert.Equal(t, time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), x.Time())
	assert.Equal(t, x, compact.DateOf(time.Date(2024, 1, 31, 23, 59, 0, 0, time.UTC)))
	assert.Equal(t, d("2024-05-01"), compact.NewDate(2024, time.April, 31))
	assert.True(t, x.Before(d("2024-02-01")))
	assert.True(t, x.After(d("2023-12-31")))
	assert.Equal(t, 0, x.Compare(d("2024-01-31")))
	assert.Equal(t, -1, d("2023-05-05").Compare(x))
	assert.Equal(t, 1, d("2024-02-01").Compare(x))
	var zero compact.Date
	assert.True(t, zero.IsZero())
	assert.Equal(t, "", zero.String())
	assert.False(t, x.IsZero())
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		When  compact.Date `json:"when"`
		Maybe compact.Date `json:"maybe,omitzero"`
	}
	b, err := json.Marshal(rec{When: d("2024-03-01")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"when":"2024-03-01"}`, string(b))
	var back rec
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, d("2024-03-01"), back.When)
	assert.Error(t, json.Unmarshal([]byte(`{"when":"2024-02-30"}`), &back))
}

func TestParsePeriod(t *testing.T) {
	cases := []struct {
		in, from, to, str string
		wantErr           bool
	}{
		{"2024-25", "2024-04-01", "2025-03-31", "2024-25", false},
		{"1999-00", "1999-04-01", "2000-03-31", "1999-00", false},
		{"2024", "2024-01-01", "2024-12-31", "2024", false},
		{"2024-03-01..2024-05-31", "2024-03-01", "2024-05-31", "2024-03-01..2024-05-31", false},
		{" 2013-14 ", "2013-04-01", "2014-03-31", "2013-14", false},
		{"2024-26", "", "", "", true},
		{"2024-05-31..2024-03-01", "", "", "", true},
		{"2024-02-30..2024-03-01", "", "", "", true},
		{"2024-02-01..2024-03-32", "", "", "", true},
		{"last year", "", "", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			p, err := compact.ParsePeriod(tc.in)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.from, p.From.String())
			assert.Equal(t, tc.to, p.To.String())
			assert.Equal(t, tc.str, p.String())
		})
	}
}

func TestPeriodMethods(t *testing.T) {
	fy := compact.FinancialYear(2024)
	assert.Equal(t, fy, compact.FinancialYearOf(d("2025-03-31")))
	assert.Equal(t, fy, compact.FinancialYearOf(d("2024-04-01")))
	assert.Equal(t, compact.FinancialYear(2023), compact.FinancialYearOf(d("2024-03-31")))
	assert.True(t, fy.Contains(d("2024-04-01")))
	assert.True(t, fy.Contains(d("2025-03-31")))
	assert.False(t, fy.Contains(d("2025-04-01")))
	assert.False(t, fy.Contains(compact.Date{}))
	assert.True(t, fy.Overlaps(d("2023-01-01"), compact.Date{}))
	assert.True(t, fy.Overlaps(d("2023-01-01"), d("2024-04-01")))
	assert.False(t, fy.Overlaps(d("2023-01-01"), d("2024-03-31")))
	assert.False(t, fy.Overlaps(d("2025-04-01"), compact.Date{}))
	assert.Equal(t, compact.FinancialYear(2023), fy.Previous())
	cal, _ := compact.ParsePeriod("2024")
	assert.Equal(t, "2023", cal.Previous().String())
	odd, _ := compact.ParsePeriod("2024-03-10..2024-03-19")
	assert.Equal(t, "2024-02-29..2024-03-09", odd.Previous().String())
	b, err := json.Marshal(fy)
	require.NoError(t, err)
	assert.Equal(t, `"2024-25"`, string(b))
	var back compact.Period
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, fy, back)
}

// TestCalendarArithmeticAgainstTime checks the integer calendar arithmetic
// against definitions written with package time, over pairs of dates across
// two centuries, every month end and leap day included.
func TestCalendarArithmeticAgainstTime(t *testing.T) {
	var dates []compact.Date
	for x := d("1900-01-01"); x.Before(d("2100-12-31")); x = x.AddDays(13) {
		dates = append(dates, x)
	}
	for _, s := range []string{"2000-02-29", "2024-02-29", "1900-02-28", "2023-01-31", "2023-03-31", "2024-12-31", "2100-03-01"} {
		dates = append(dates, d(s))
	}
	monthsByDefinition := func(a, b compact.Date) int { // the largest n with a + n months on or before b
		if b.Before(a) {
			n := 0
			for !b.AddMonths(n + 1).After(a) {
				n++
			}
			return -n
		}
		n := 0
		for !a.AddMonths(n + 1).After(b) {
			n++
		}
		return n
	}
	for i, a := range dates {
		require.Equal(t, fmt.Sprintf("%04d-%02d-%02d", a.Year(), a.Month(), a.Day()), a.String())
		for _, b := range []compact.Date{dates[(i*7919)%len(dates)], a.AddDays(1), a.AddDays(-1), a.AddMonths(3), a.AddMonths(3).AddDays(-1), a.AddYears(3)} {
			require.Equal(t, int(b.Time().Sub(a.Time()).Hours()/24), compact.DaysBetween(a, b), "days %s %s", a, b)
			if i%20 == 0 { // the loop definition is slow; a sample is enough
				require.Equal(t, monthsByDefinition(a, b), compact.MonthsBetween(a, b), "months %s %s", a, b)
			}
			require.Equal(t, compact.MonthsBetween(a, b)/12, compact.YearsBetween(a, b))
		}
	}
	assert.Equal(t, 3652058, compact.DaysBetween(d("0001-01-01"), d("9999-12-31")), "no overflow across the whole calendar")
}
