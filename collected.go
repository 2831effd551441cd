package compactkit

import (
	"context"
	"slices"

	"github.com/compactkit/compactkit/rules"
)

// CheckCollected evaluates, after the last of several [Area.CheckStream]
// calls that shared c (rules.Collect in StreamOptions), the rules on
// collections (bodies, members, signatories, the compact) over the area
// plus the records streamed, and the rules on the area's own records, as
// of the date and for the period [Area.Check] would choose, and emits
// their findings (or, with rules.Encoded in StreamOptions, writes them):
// with the streams' findings, those Check gives when the streamed records
// are the area's (see [rules.Engine.CheckCollected]).
func (a *Area) CheckCollected(ctx context.Context, c *rules.Collection, emit func(rules.Finding) error, opts ...RunOption) (rules.StreamStats, error) {
	run, err := a.span(opts)
	if err != nil {
		return rules.StreamStats{}, err
	}
	e, err := a.Engine()
	if err != nil {
		return rules.StreamStats{}, err
	}
	return e.CheckCollected(ctx, c, emit, append(slices.Clone(run.eval), rules.AsOf(run.asOf), rules.Period(run.period)), run.stream...)
}
