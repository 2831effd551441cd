package compact

// DefaultAsOf returns the date a command is made as of when none is given:
// the last day of the area's records period, or else today. The library
// never reads the clock: the caller passes today (the command line passes
// the current date; tests pass a fixed one).
func (a *Area) DefaultAsOf(today Date) Date {
	if !a.Records.Period.To.IsZero() {
		return a.Records.Period.To
	}
	return today
}

// PeriodFor returns the period checked and reported on as of a date when
// none is given: the area's records period when it contains the date, or
// else the financial year that contains it. `compact check`, `compact
// report`, the rules engine bound to the area and the annual report all
// choose their period with it, so they agree figure for figure.
func (a *Area) PeriodFor(asOf Date) Period {
	if p := a.Records.Period; p.Contains(asOf) {
		return p
	}
	return FinancialYearOf(asOf)
}

// Span returns the as-of date and the period of a command: asOf, or
// [Area.DefaultAsOf] when it is zero; and period, or [Area.PeriodFor] that
// date when period is zero.
func (a *Area) Span(asOf Date, period Period, today Date) (Date, Period) {
	if asOf.IsZero() {
		asOf = a.DefaultAsOf(today)
	}
	if period == (Period{}) {
		period = a.PeriodFor(asOf)
	}
	return asOf, period
}

// Counts reports whether a record dated d counts in period p as of asOf:
// dated in the period, and not after asOf. Checks and reports select the
// dated records of a period with it, so they count the same records.
func Counts(d Date, p Period, asOf Date) bool { return p.Contains(d) && !d.After(asOf) }
