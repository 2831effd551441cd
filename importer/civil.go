package importer

import (
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // UK civil dates of UTC instants must not depend on the host's zone files

	"github.com/compactkit/compactkit/compact"
)

var london = sync.OnceValue(func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("importer: Europe/London is not in the embedded time zone data: " + err.Error())
	}
	return l
})

// dateTimeLayouts are the date-time forms published data uses: RFC 3339
// with or without seconds and fractions.
var dateTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04"}

// civilDate reads a published date as a UK civil date:
//   - a plain date (2024-03-01) is that date;
//   - a date-time with a numeric offset (2016-10-31T17:00+01:00) is the
//     date as written: the publisher's own clock, even where the offset is
//     not London's on that day (GOV.UK says +01:00 in November);
//   - a date-time in UTC ("Z") is an instant, whose date is taken on the
//     London clock (2024-08-31T23:30:00Z is 1 September);
//   - a date-time with no offset is the date as written.
func civilDate(s string) (compact.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) == len("2006-01-02") {
		return compact.ParseDate(s)
	}
	for _, layout := range dateTimeLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
			t = t.In(london())
		}
		return compact.NewDate(t.Year(), t.Month(), t.Day()), nil
	}
	return compact.Date{}, fmt.Errorf("%q is not a date (YYYY-MM-DD, or an RFC 3339 date-time)", s)
}

// plausible reports whether a date can be a real published one.
func plausible(d compact.Date) bool { return d.Year() <= MaxPlausibleYear }

// parseInstant reads an RFC 3339 date-time (or a plain date, as midnight
// UTC) as an instant, for ordering releases.
func parseInstant(s string) (time.Time, error) {
	for _, layout := range append([]string{"2006-01-02"}, dateTimeLayouts...) {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date-time", s)
}
