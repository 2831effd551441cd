package rules

import (
	"context"
	"reflect"
	"testing"

	"cel.dev/cel-go/common/types"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

// TestExpressions evaluates expressions on a funding decision: the date
// type and its functions, periods, parameters, and values as reported.
func TestExpressions(t *testing.T) {
	settings := []*Setting{
		{Name: "months", Type: compact.TypeInt, Value: compact.IntValue(3)},
		{Name: "rate", Type: compact.TypeFloat, Value: compact.FloatValue(0.5)},
		{Name: "label", Type: compact.TypeString, Value: compact.StringValue("x")},
		{Name: "strict", Type: compact.TypeBool, Value: compact.BoolValue(false)},
	}
	env, err := newEnvironment(settings, nil)
	require.NoError(t, err)
	d := compact.MustParseDate
	w := worldOfFixture(&Fixture{
		Organisations: []compact.Organisation{{ID: "council", Name: "Borough Council"}},
		Funding: []compact.FundingDecision{{ID: "cut", Funder: "council", Recipient: "club", Kind: compact.FundingEnding,
			Decided: d("2024-07-01"), Effective: d("2024-10-15"), Reasons: "not a date",
			Clauses: []compact.Clause{{Kind: compact.ClauseMonitoring, Text: "returns"}}}},
	}, nil, nil)
	r := &run{asOf: d("2025-03-31"), period: compact.FinancialYear(2024), params: env.prov.params, compact: w.compactVar}
	var s subject
	w.recordSubject(&s, &w.records.Funding[0], r)
	docs, err := compact.Parse("p.yaml", []byte("apiVersion: compactkit/v1\nkind: RulePack\n"))
	require.NoError(t, err)
	pr := &PackRule{Rule: Rule{On: OnFunding}, doc: docs[0], path: "rules[0]"}

	eval := func(expr string) (any, error) {
		p, _, errs := env.compile(pr, "check", Expr{Text: expr}, nil)
		require.Empty(t, errs, expr)
		v, _, err := p.eval(context.Background(), &s)
		if err != nil {
			return nil, err
		}
		return export(v, 0), nil
	}
	for _, tc := range []struct {
		expr string
		want any
	}{
		{"funding.decided < funding.effective", true},
		{"funding.decided >= funding.effective", false},
		{"funding.decided == date('2024-07-01')", true},
		{"funding.decided != funding.effective", true},
		{"string(funding.decided)", "2024-07-01"},
		{"string(funding.impactAssessed)", "not given"},
		{"has(funding.impactAssessed)", false},
		{"has(funding.effective)", true},
		{"funding.impactAssessed", nil},
		{"daysBetween(funding.decided, funding.effective)", int64(106)},
		{"daysBetween(funding.effective, funding.decided)", int64(-106)},
		{"weeksBetween(funding.decided, funding.effective)", int64(15)},
		{"monthsBetween(funding.decided, funding.effective)", int64(3)},
		{"yearsBetween(date('2020-01-01'), date('2024-06-01'))", int64(4)},
		{"addDays(funding.decided, 10) == date('2024-07-11')", true},
		{"addWeeks(funding.decided, 2)", "2024-07-15"},
		{"addMonths(date('2024-01-31'), 1)", "2024-02-29"},
		{"addYears(date('2024-02-29'), 1)", "2025-02-28"},
		{"period.contains(funding.decided)", true},
		{"period.contains(date('2025-04-01'))", false},
		{"period.contains(funding.impactAssessed)", false},
		{"string(period)", "2024-25"},
		{"period", "2024-25"},
		{"period.from", "2024-04-01"},
		{"asOf", "2025-03-31"},
		{"params.months + 1", int64(4)},
		{"params.rate * 2.0", 1.0},
		{"params.label + 'y'", "xy"},
		{"params.strict", false},
		{"params.months > 2.5", true},
		{"[funding.decided, funding.effective]", []any{"2024-07-01", "2024-10-15"}},
		{"funding.clauses.map(c, c.kind)", []any{"monitoring"}},
		{"funding.amount", 0.0},
		{"funder.name", "Borough Council"},
		{"recipient.name", "club"},
		{"compact.title", ""},
		{"cel.bind(m, monthsBetween(funding.decided, funding.effective), m * 2)", int64(6)},
		{"math.least(3, 5)", int64(3)},
		{"'a,b'.split(',').join(' and ')", "a and b"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			got, err := eval(tc.expr)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}

	for _, tc := range []struct{ expr, err string }{
		{"funding.impactAssessed < asOf", "a date that is not given cannot be used here"},
		{"daysBetween(funding.impactAssessed, asOf) > 0", "daysBetween: a date that is not given"},
		{"addDays(funding.impactAssessed, 1) < asOf", "addDays: a date that is not given"},
		{"addDays(funding.decided, 5000000) < asOf", "addDays: date out of range: adding days: 5000000 from 2024-07-01 falls outside 0001-01-01..9999-12-31"},
		{"addYears(funding.decided, 40000) > funding.decided", "addYears: date out of range: adding years: 40000"},
		{"addYears(funding.decided, -2100) < funding.decided", "addYears: date out of range: adding years: -2100"},
		{"addMonths(funding.decided, -9223372036854775807) < asOf", "addMonths: date out of range"},
		{"addWeeks(funding.decided, 9223372036854775807) < asOf", "addWeeks: date out of range"},
		{"date(funding.reasons) < asOf", `date: "not a date" is not a date written YYYY-MM-DD`},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			_, err := eval(tc.expr)
			require.ErrorContains(t, err, tc.err)
		})
	}

	// A record value reported as an explain value is the record.
	got, err := eval("funder")
	require.NoError(t, err)
	require.Equal(t, w.orgs["council"], got)
}

// TestValues covers the conversions of the date, period and params values.
func TestValues(t *testing.T) {
	day := compact.MustParseDate("2024-07-01")
	dv := newDateVal(day)
	v, err := dv.ConvertToNative(reflect.TypeFor[compact.Date]())
	require.NoError(t, err)
	require.Equal(t, day, v)
	v, err = dv.ConvertToNative(reflect.TypeFor[*compact.Date]())
	require.NoError(t, err)
	require.Equal(t, &day, v)
	v, err = dv.ConvertToNative(reflect.TypeFor[string]())
	require.NoError(t, err)
	require.Equal(t, "2024-07-01", v)
	_, err = dv.ConvertToNative(reflect.TypeFor[int]())
	require.Error(t, err)
	require.Equal(t, types.String("2024-07-01"), dv.ConvertToType(types.StringType))
	require.Equal(t, dv, dv.ConvertToType(DateType))
	require.Equal(t, DateType, dv.ConvertToType(types.TypeType))
	require.True(t, types.IsError(dv.ConvertToType(types.IntType)))
	require.Equal(t, types.True, dv.Equal(newDateVal(day)))
	require.Equal(t, types.False, dv.Equal(types.String("2024-07-01")))
	require.True(t, types.IsError(dv.Compare(types.String("x"))))
	require.Equal(t, day, dv.Value())
	require.Equal(t, compact.Date{}, dateVal{}.date())
	require.Equal(t, "not given", dateVal{}.String())

	p := compact.FinancialYear(2024)
	pv := periodVal{&p}
	v, err = pv.ConvertToNative(reflect.TypeFor[compact.Period]())
	require.NoError(t, err)
	require.Equal(t, p, v)
	v, err = pv.ConvertToNative(reflect.TypeFor[string]())
	require.NoError(t, err)
	require.Equal(t, "2024-25", v)
	_, err = pv.ConvertToNative(reflect.TypeFor[int]())
	require.Error(t, err)
	require.Equal(t, types.String("2024-25"), pv.ConvertToType(types.StringType))
	require.Equal(t, pv, pv.ConvertToType(PeriodType))
	require.Equal(t, PeriodType, pv.ConvertToType(types.TypeType))
	require.True(t, types.IsError(pv.ConvertToType(types.IntType)))
	q := p
	require.Equal(t, types.True, pv.Equal(periodVal{&q}))
	require.Equal(t, PeriodType, pv.Type())

	ps := newParams([]*Setting{{Name: "n", Type: compact.TypeInt, Value: compact.IntValue(2)}})
	m, err := ps.ConvertToNative(reflect.TypeFor[map[string]any]())
	require.NoError(t, err)
	require.Equal(t, map[string]any{"n": int64(2)}, m)
	_, err = ps.ConvertToNative(reflect.TypeFor[int]())
	require.Error(t, err)
	require.Equal(t, types.True, ps.Equal(ps))
	require.Equal(t, paramsType, ps.ConvertToType(types.TypeType))
	require.True(t, types.IsError(ps.ConvertToType(types.IntType)))
	_, err = ps.fields["n"].GetFrom("not params")
	require.Error(t, err)

	prov, err := newProvider(nil)
	require.NoError(t, err)
	require.Equal(t, dateVal{&day}, prov.NativeToValue(&day))
	require.Equal(t, day, prov.NativeToValue(day).Value())
	require.Equal(t, "2024-25", prov.NativeToValue(p).(periodVal).p.String())
	names, ok := prov.FindStructFieldNames(PeriodType.TypeName())
	require.True(t, ok)
	require.Equal(t, []string{"from", "to"}, names)
	_, ok = prov.FindStructType("compact.Date")
	require.False(t, ok, "dates are not objects")
	_, ok = prov.FindStructFieldType(PeriodType.TypeName(), "From")
	require.False(t, ok)

	// A struct held by value (not a pointer) is read by copying the field.
	m2 := compact.Meeting{ID: "m", Date: day}
	ft, ok := prov.FindStructFieldType("compact.Meeting", "date")
	require.True(t, ok)
	got, err := ft.GetFrom(m2)
	require.NoError(t, err)
	require.Equal(t, day, got.(dateVal).date())
	got, err = ft.GetFrom(42)
	require.NoError(t, err)
	require.False(t, got.(dateVal).given())
}
