package dispute_test

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2/gb"
	"github.com/stretchr/testify/assert"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

func TestWorkingDays(t *testing.T) {
	ew := dispute.EnglandAndWales()
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"a plain week", "2024-03-04", 5, "2024-03-11"},
		{"over a weekend", "2024-03-08", 1, "2024-03-11"},
		{"from a Saturday", "2024-03-09", 1, "2024-03-11"},
		{"zero", "2024-03-09", 0, "2024-03-09"},
		// Christmas Day and Boxing Day, then New Year's Day.
		{"across Christmas 2023", "2023-12-22", 5, "2024-01-03"},
		// Christmas 2021 fell on a Saturday: Monday 27 and Tuesday 28 were the bank holidays.
		{"Christmas at a weekend", "2021-12-24", 1, "2021-12-29"},
		// New Year's Day 2022 was a Saturday; Monday 3 January was the holiday.
		{"New Year at a weekend", "2021-12-31", 1, "2022-01-04"},
		// Good Friday 29 March and Easter Monday 1 April 2024.
		{"across Easter 2024", "2024-03-28", 1, "2024-04-02"},
		// Good Friday 29 March and Easter Monday 1 April 2013: the Kent example.
		{"across Easter 2013", "2013-03-26", 5, "2013-04-04"},
		// The early May and spring bank holidays of 2013.
		{"across May 2013", "2013-05-02", 20, "2013-06-03"},
		// Special bank holidays.
		{"the State Funeral of Queen Elizabeth II", "2022-09-16", 1, "2022-09-20"},
		{"the Coronation of King Charles III", "2023-05-05", 1, "2023-05-09"},
		{"the Platinum Jubilee and the moved spring holiday", "2022-06-01", 1, "2022-06-06"},
		{"VE Day 2020 (the early May holiday moved)", "2020-05-07", 1, "2020-05-11"},
		{"the Diamond Jubilee and the moved spring holiday", "2012-06-01", 1, "2012-06-06"},
		{"the last Monday of May 2012 was a working day", "2012-05-25", 1, "2012-05-28"},
		{"the Royal Wedding and the early May holiday", "2011-04-28", 1, "2011-05-03"},
		{"the Golden Jubilee", "2002-05-31", 1, "2002-06-05"},
		{"the Millennium", "1999-12-30", 1, "2000-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dispute.AddWorkingDays(ew, day(tt.start), tt.n)
			assert.Equal(t, tt.want, got.String())
			if tt.n > 0 {
				assert.True(t, ew.IsWorkingDay(got), "the last day of a limit is a working day")
				assert.Equal(t, tt.n, dispute.WorkingDaysBetween(ew, day(tt.start), got))
				assert.Equal(t, -tt.n, dispute.WorkingDaysBetween(ew, got, day(tt.start)))
			}
		})
	}
}

func TestWorkingDayCalendar(t *testing.T) {
	ew := dispute.EnglandAndWales()
	for _, d := range []string{"2024-03-29", "2024-04-01", "2023-12-25", "2023-12-26", "2024-01-01", "2022-09-19", "2023-05-08",
		"2024-03-09", "2024-03-10", "2024-08-26", "2012-06-04", "2012-06-05"} {
		assert.False(t, ew.IsWorkingDay(day(d)), d)
	}
	// The first Monday of August is a holiday in Scotland, not in England and Wales.
	for _, d := range []string{"2024-08-05", "2024-03-28", "2012-05-28", "2023-05-09"} {
		assert.True(t, ew.IsWorkingDay(day(d)), d)
	}
}

// TestSpecialHolidaysStillMissing fails when the calendar library learns
// the special bank holidays this package adds, so the additions can go.
func TestSpecialHolidaysStillMissing(t *testing.T) {
	for _, d := range []string{"2022-09-19", "2012-06-05", "2011-04-29", "2002-06-03", "1999-12-31"} {
		date := day(d).Time()
		for _, h := range gb.Holidays {
			actual, observed := h.Calc(date.Year())
			if sameDay(actual, date) || sameDay(observed, date) {
				t.Errorf("rickar/cal/v2/gb now has %s (%s): remove it from specialBankHolidays", d, h.Name)
			}
		}
	}
}

func sameDay(a, b time.Time) bool {
	return !a.IsZero() && a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}

// weekdays is a calendar with no holidays.
type weekdays struct{}

func (weekdays) IsWorkingDay(d compact.Date) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// never is a calendar with no working days.
type never struct{}

func (never) IsWorkingDay(compact.Date) bool { return false }

func TestOtherCalendars(t *testing.T) {
	assert.Equal(t, "2023-12-27", dispute.AddWorkingDays(weekdays{}, day("2023-12-22"), 3).String(),
		"a calendar without bank holidays counts Christmas")
	got := dispute.AddWorkingDays(never{}, day("2024-01-01"), 5)
	assert.True(t, got.After(day("2024-01-01")), "a calendar without working days ends, far ahead")
	assert.Equal(t, 0, dispute.WorkingDaysBetween(never{}, day("2024-01-01"), day("2024-02-01")))
}

func TestEventDaysAreEnglish(t *testing.T) {
	// 23:30 UTC on 1 July is 00:30 on 2 July in England (summer time).
	assert.Equal(t, "2023-07-02", dispute.MustParseTime("2023-07-01T23:30:00Z").Day().String())
	// In winter England keeps UTC.
	assert.Equal(t, "2023-12-01", dispute.MustParseTime("2023-12-01T23:30:00Z").Day().String())
	// Written with another offset, the same moment is the same day.
	assert.Equal(t, "2023-07-02", dispute.MustParseTime("2023-07-01T19:30:00-04:00").Day().String())
}

func TestWorkingDaysAreBounded(t *testing.T) {
	ew := dispute.EnglandAndWales()
	assert.Equal(t, dispute.MaxWorkingDays, dispute.WorkingDaysBetween(ew, day("2014-01-01"), day("9999-12-31")))
	assert.Equal(t, -dispute.MaxWorkingDays, dispute.WorkingDaysBetween(ew, day("9999-12-31"), day("2014-01-01")))
	assert.Equal(t, "2014-01-02", dispute.AddWorkingDays(ew, day("2014-01-01"), 1).String())
	assert.Equal(t, dispute.AddWorkingDays(ew, day("2014-01-01"), dispute.MaxWorkingDays),
		dispute.AddWorkingDays(ew, day("2014-01-01"), 1<<40), "counts at most MaxWorkingDays")
}
