package rules

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// TestCivilMatchesCompact checks the fast calendar arithmetic against
// package compact's, over pairs of dates across two centuries, every month
// end and leap day included.
func TestCivilMatchesCompact(t *testing.T) {
	var dates []compact.Date
	for d := compact.MustParseDate("1900-01-01"); d.Before(compact.MustParseDate("2100-12-31")); d = d.AddDays(13) {
		dates = append(dates, d)
	}
	for _, s := range []string{"2000-02-29", "2024-02-29", "1900-02-28", "2023-01-31", "2023-03-31", "2024-12-31", "2100-03-01"} {
		dates = append(dates, compact.MustParseDate(s))
	}
	for i, a := range dates {
		require.Equal(t, a.String(), formatDate(a))
		for _, b := range []compact.Date{dates[(i*7919)%len(dates)], a.AddDays(1), a.AddDays(-1), a.AddMonths(3), a.AddMonths(3).AddDays(-1), a.AddYears(3)} {
			require.Equal(t, compact.DaysBetween(a, b), daysBetween(a, b), "days %s %s", a, b)
			require.Equal(t, compact.WeeksBetween(a, b), weeksBetween(a, b), "weeks %s %s", a, b)
			require.Equal(t, compact.MonthsBetween(a, b), monthsBetween(a, b), "months %s %s", a, b)
			require.Equal(t, compact.MonthsBetween(a, b)/12, yearsBetween(a, b), "years %s %s", a, b)
		}
	}
}
