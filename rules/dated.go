package rules

import (
	"slices"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/compactkit/compactkit/compact"
)

// epoch is the parameter values in force from a date on, when a parameter
// changes value on that date (see Parameter.From).
type epoch struct {
	from   compact.Date
	params *params
}

// epochsOf returns the parameter values for each date on which one of the
// settings changes value, in date order; nil when none has dated values.
// base holds the values before the first date.
func epochsOf(settings []*Setting, base *params) []epoch {
	var dates []compact.Date
	for _, s := range settings {
		for _, d := range s.From {
			if !slices.Contains(dates, d.Date) {
				dates = append(dates, d.Date)
			}
		}
	}
	slices.SortFunc(dates, compact.Date.Compare)
	out := make([]epoch, 0, len(dates))
	for _, d := range dates {
		q := *base
		q.values = slices.Clone(base.values)
		for i, name := range q.names {
			for _, s := range settings {
				if s.Name == name && len(s.From) > 0 {
					q.values[i] = types.DefaultTypeAdapter.NativeToValue(s.On(d).Interface())
				}
			}
		}
		out = append(out, epoch{from: d, params: &q})
	}
	return out
}

// paramsOn returns the parameter values in force on a date.
func (r *run) paramsOn(d compact.Date) ref.Val {
	p := r.params
	for _, e := range r.epochs {
		if e.from.After(d) {
			break
		}
		p = e.params
	}
	return p
}

// date is the day a subject is judged on for dated parameters: a record's
// own date (a consultation's opening, a funding decision, a meeting, the
// start of a nomination, a signature, a report's delivery); the as-of date
// for bodies, members, signatories and the compact.
func (s *subject) date() compact.Date {
	switch x := s.vars[0].(type) {
	case *compact.Consultation:
		return x.Opens
	case *compact.FundingDecision:
		return x.Decided
	case *compact.Meeting:
		return x.Date
	case *compact.Nomination:
		return x.From
	case *compact.Signature:
		return x.Signed
	case *compact.Report:
		return x.Delivered
	}
	return s.run.asOf
}
