package rules

import (
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/overloads"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/workdays"
)

// variable is one variable a rule's expressions can use.
type variable struct {
	name string
	typ  *types.Type
	doc  string
	// get looks the variable up from the subject's record (the first
	// variable) when a rule first reads it; nil for variables set when the
	// subject is made.
	get func(w *world, rec any) any
}

func orgOf(id func(rec any) string) func(*world, any) any {
	return func(w *world, rec any) any { return w.org(id(rec)) }
}

func bodyOf(id func(rec any) string) func(*world, any) any {
	return func(w *world, rec any) any { return w.body(id(rec)) }
}

func object(t string) *types.Type { return types.NewObjectType(t) }

func listOf(t string) *types.Type { return types.NewListType(types.NewObjectType(t)) }

// commonVars are the variables of every subject kind.
var commonVars = []variable{
	{"asOf", DateType, "the date the rules are evaluated as of", nil},
	{"period", PeriodType, "the period checked (period.from, period.to); by default the financial year containing asOf", nil},
	{"params", paramsType, "the pack's parameters in force (params.consultationWeeks)", nil},
	{"compact", object("compact.Compact"), "the area's compact, resolved against its base (empty when the area has none)", nil},
}

// kindVars are the variables of each subject kind, in the order the
// activation holds them.
var kindVars = map[SubjectKind][]variable{
	OnConsultation: {
		{"consultation", object("compact.Consultation"), "the consultation", nil},
		{"owner", object("compact.Organisation"), "the organisation that runs it",
			orgOf(func(r any) string { return r.(*compact.Consultation).Owner })},
	},
	OnFunding: {
		{"funding", object("compact.FundingDecision"), "the funding decision", nil},
		{"funder", object("compact.Organisation"), "the organisation that funds",
			orgOf(func(r any) string { return r.(*compact.FundingDecision).Funder })},
		{"recipient", object("compact.Organisation"), "the organisation funded",
			orgOf(func(r any) string { return r.(*compact.FundingDecision).Recipient })},
	},
	OnMeeting: {
		{"meeting", object("compact.Meeting"), "the meeting", nil},
		{"body", object("compact.Body"), "the governance body that met",
			bodyOf(func(r any) string { return r.(*compact.Meeting).Body })},
	},
	OnNomination: {
		{"nomination", object("compact.Nomination"), "the nomination", nil},
		{"organisation", object("compact.Organisation"), "the organisation the person holds the role for",
			orgOf(func(r any) string { return r.(*compact.Nomination).Organisation })},
		{"person", object("compact.Person"), "the person nominated",
			func(w *world, r any) any { return w.person(r.(*compact.Nomination).Person) }},
	},
	OnSignature: {
		{"signature", object("compact.Signature"), "the signature", nil},
		{"organisation", object("compact.Organisation"), "the organisation that signed",
			orgOf(func(r any) string { return r.(*compact.Signature).Organisation })},
	},
	OnReport: {
		{"report", object("compact.Report"), "the report", nil},
		{"body", object("compact.Body"), "the body that wrote it",
			bodyOf(func(r any) string { return r.(*compact.Report).Body })},
		{"receivedBy", object("compact.Body"), "the body it was delivered to",
			bodyOf(func(r any) string { return r.(*compact.Report).To })},
	},
	OnBody: {
		{"body", object("compact.Body"), "the governance body", nil},
		{"meetings", listOf("compact.Meeting"), "its meetings in the period, up to asOf, in date order", nil},
		{"reports", listOf("compact.Report"), "every report it delivered up to asOf, in date order", nil},
		{"reportsTo", object("compact.Body"), "the body it reports to (body.reporting.to); an empty body when it has no reporting duty", nil},
	},
	OnSignatory: {
		{"organisation", object("compact.Organisation"), "the organisation signed up on asOf", nil},
		{"signature", object("compact.Signature"), "its signature in force", nil},
		{"nominations", listOf("compact.Nomination"), "its nominations in force on asOf, for every role", nil},
		{"champions", types.NewListType(types.StringType), "who holds the compact-champion role for it on asOf, as package roles works it out from the role catalogue: nominated, by office (ex officio), or through a role the catalogue says implies it; person ids, or the office when nobody in the directory fills it", nil},
	},
	OnMember: {
		{"member", object("rules.Member"), "the organisation's membership: since, until, nominations, attended, held, committed", nil},
		{"body", object("compact.Body"), "the governance body", nil},
		{"organisation", object("compact.Organisation"), "the member organisation", nil},
		{"meetings", listOf("compact.Meeting"), "the body's meetings in the period, up to asOf, in date order", nil},
	},
	OnCompact: {
		{"signatories", types.NewListType(types.StringType), "the ids of the organisations signed up on asOf", nil},
	},
}

// maxVars is the most variables a subject kind has, besides the common ones.
const maxVars = 4

// environment holds the CEL environments of one resolved pack: one per
// subject kind, sharing the provider.
type environment struct {
	prov   *provider
	byKind map[SubjectKind]*cel.Env
	lim    limits
}

func newEnvironment(settings []*Setting, facts compact.FactDecls) (*environment, error) {
	prov, err := newProvider(settings)
	if err != nil {
		return nil, err
	}
	prov.withFacts(facts)
	opts := envOptions(prov)
	for _, v := range commonVars {
		opts = append(opts, cel.Variable(v.name, v.typ))
	}
	base, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, fmt.Errorf("rules: building the CEL environment: %w", err)
	}
	e := &environment{prov: prov, byKind: map[SubjectKind]*cel.Env{}}
	for _, k := range subjectKinds {
		var vs []cel.EnvOption
		for _, v := range kindVars[k] {
			vs = append(vs, cel.Variable(v.name, v.typ))
		}
		env, err := base.Extend(vs...)
		if err != nil {
			return nil, fmt.Errorf("rules: building the CEL environment for %s: %w", k, err)
		}
		e.byKind[k] = env
	}
	return e, nil
}

// envOptions are the options of every CEL environment: the provider, the
// limits, the extensions and the date functions. Variables are added by
// the caller.
func envOptions(prov *provider) []cel.EnvOption {
	opts := []cel.EnvOption{
		cel.CustomTypeProvider(prov),
		cel.CustomTypeAdapter(prov),
		cel.CrossTypeNumericComparisons(true),
		cel.ParserExpressionSizeLimit(MaxExpressionLength),
		cel.ParserRecursionLimit(MaxNestingDepth),
		cel.ExpressionNodeLimit(MaxExpressionNodes),
		ext.Strings(),
		ext.Math(),
		ext.Bindings(),
		costModels(),
		cel.EnableMacroCallTracking(), // so a cost refusal names the loop as written (exists, map ...)
	}
	opts = append(opts, concatFunctions()...)
	return append(opts, dateFunctions()...)
}

// dateOverloads are the overload ids of the date functions, which cost one
// unit each. It is never changed.
var dateOverloads = map[string]bool{
	"daysBetween_date_date": true, "weeksBetween_date_date": true, "monthsBetween_date_date": true,
	"yearsBetween_date_date": true, "addDays_date_int": true, "addWeeks_date_int": true, "addMonths_date_int": true,
	"addYears_date_int": true, "date_string": true, "string_date": true, "string_period": true,
	"period_contains_date": true, "addWorkingDays_date_int": true, "workingDaysBetween_date_date": true,
}

func dateFunctions() []cel.EnvOption {
	dd := []*cel.Type{DateType, DateType}
	di := []*cel.Type{DateType, cel.IntType}
	between := func(name string, f func(a, b compact.Date) int) cel.EnvOption {
		id := name + "_date_date"
		return cel.Function(name, cel.Overload(id, dd, cel.IntType, cel.BinaryBinding(func(a, b ref.Val) ref.Val {
			x, y, err := twoDates(name, a, b)
			if err != nil {
				return err
			}
			return types.Int(f(x, y))
		})))
	}
	add := func(name string, f func(d compact.Date, n int) (compact.Date, error)) cel.EnvOption {
		id := name + "_date_int"
		return cel.Function(name, cel.Overload(id, di, DateType, cel.BinaryBinding(func(a, b ref.Val) ref.Val {
			d, ok := a.(dateVal)
			n, isInt := b.(types.Int)
			if !ok || !isInt {
				return types.MaybeNoSuchOverloadErr(b)
			}
			if !d.given() {
				return types.NewErr("%s: %s", name, errNotGiven)
			}
			r, err := f(*d.p, int(max(min(n, 1<<40), -1<<40)))
			if err != nil {
				return types.NewErr("%s: %v", name, err)
			}
			return newDateVal(r)
		})))
	}
	// Comparison operators: the standard library compares values with the
	// Comparer trait, which dates have; these declarations let the checker
	// accept dates on both sides.
	var compare []cel.EnvOption
	for _, op := range []struct{ fn, id string }{
		{operators.Less, "less_date"}, {operators.LessEquals, "less_equals_date"},
		{operators.Greater, "greater_date"}, {operators.GreaterEquals, "greater_equals_date"},
	} {
		compare = append(compare, cel.Function(op.fn, cel.Overload(op.id, dd, cel.BoolType)))
	}
	return append(compare,
		between("daysBetween", compact.DaysBetween),
		between("weeksBetween", compact.WeeksBetween),
		between("monthsBetween", compact.MonthsBetween),
		between("yearsBetween", compact.YearsBetween),
		add("addDays", compact.Date.AddDaysChecked),
		add("addWeeks", func(d compact.Date, n int) (compact.Date, error) { return d.AddDaysChecked(7 * n) }),
		add("addMonths", compact.Date.AddMonthsChecked),
		add("addYears", compact.Date.AddYearsChecked),
		// Working days of England and Wales, as the dispute clocks count them.
		add("addWorkingDays", func(d compact.Date, n int) (compact.Date, error) {
			if n > MaxWorkingDays || n < -MaxWorkingDays {
				return compact.Date{}, fmt.Errorf("%w: %d working days is more than %d (rules.MaxWorkingDays)", compact.ErrDateRange, n, MaxWorkingDays)
			}
			return workdays.Add(workdays.EnglandAndWales(), d, n), nil
		}),
		between("workingDaysBetween", func(a, b compact.Date) int { return workdays.Between(workdays.EnglandAndWales(), a, b) }),
		cel.Function("date", cel.Overload("date_string", []*cel.Type{cel.StringType}, DateType,
			cel.UnaryBinding(func(v ref.Val) ref.Val {
				s, ok := v.(types.String)
				if !ok {
					return types.MaybeNoSuchOverloadErr(v)
				}
				d, err := compact.ParseDate(string(s))
				if err != nil {
					return types.NewErr("date: %v", err)
				}
				return newDateVal(d)
			}))),
		cel.Function("string",
			cel.Overload("string_date", []*cel.Type{DateType}, cel.StringType, cel.UnaryBinding(func(v ref.Val) ref.Val {
				if d, ok := v.(dateVal); ok {
					return types.String(d.String())
				}
				return types.MaybeNoSuchOverloadErr(v)
			})),
			cel.Overload("string_period", []*cel.Type{PeriodType}, cel.StringType, cel.UnaryBinding(func(v ref.Val) ref.Val {
				if p, ok := v.(periodVal); ok {
					return types.String(p.p.String())
				}
				return types.MaybeNoSuchOverloadErr(v)
			}))),
		// change(funding) is compact.FundingDecision.Change: 'reduction' or
		// 'ending' for a cut in substance (a renewal at a lower amount is a
		// reduction), '' otherwise.
		cel.Function("change", cel.Overload("change_funding", []*cel.Type{cel.ObjectType("compact.FundingDecision")}, cel.StringType,
			cel.UnaryBinding(func(v ref.Val) ref.Val {
				switch f := v.Value().(type) {
				case *compact.FundingDecision:
					return types.String(f.Change())
				case compact.FundingDecision:
					return types.String(f.Change())
				}
				return types.MaybeNoSuchOverloadErr(v)
			}))),
		cel.Function("contains", cel.MemberOverload("period_contains_date", []*cel.Type{PeriodType, DateType}, cel.BoolType,
			cel.BinaryBinding(func(a, b ref.Val) ref.Val {
				p, ok := a.(periodVal)
				d, isDate := b.(dateVal)
				if !ok || !isDate {
					return types.MaybeNoSuchOverloadErr(b)
				}
				return types.Bool(d.given() && p.p.Contains(*d.p))
			}))),
	)
}

func twoDates(fn string, a, b ref.Val) (compact.Date, compact.Date, ref.Val) {
	x, ok1 := a.(dateVal)
	y, ok2 := b.(dateVal)
	if !ok1 || !ok2 {
		return zeroDate, zeroDate, types.MaybeNoSuchOverloadErr(b)
	}
	if !x.given() || !y.given() {
		return zeroDate, zeroDate, types.NewErr("%s: %s", fn, errNotGiven)
	}
	return *x.p, *y.p, nil
}

// estimator tells cel-go's cost estimator the sizes rules can expect and
// the cost of the date functions (one unit each). Every string a rule
// reads comes from a document value, which decoding holds to its field's
// compact.ValueLimit, so that is the size of every string read. lists
// is the size assumed for lists: 0 for any length, which makes the
// estimate of an expression without a loop a true upper bound.
//
// With lists set (the assumed estimate of an expression that runs under
// the tracker, which the tracker bounds whatever the data), free text is
// taken to be text long, a typical long value rather than the longest.
type estimator struct{ lists, text uint64 }

// EstimateSize implements cost.Estimator. Sizes of what functions compute
// come from their cost models; for the few without one, a string is
// unknown (unbounded) in the true bound and MaxValueBytes in the assumed
// estimate.
func (e estimator) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	path := n.Path()
	var s cost.SizeEstimate
	switch n.Type().Kind() {
	case types.ListKind, types.MapKind:
		if e.lists == 0 {
			return nil // any length
		}
		s = cost.RangedSizeEstimate(0, e.lists)
	case types.StringKind, types.BytesKind:
		limit := uint64(compact.ValueLimit(fieldOf(path)))
		switch {
		case e.lists == 0 && len(path) == 0:
			return nil // computed by a function without a model: unknown
		case e.lists > 0 && limit == compact.MaxValueBytes:
			limit = e.text
		}
		s = cost.RangedSizeEstimate(0, limit)
	case types.OpaqueKind, types.StructKind:
		s = cost.FixedSizeEstimate(1) // a date, a period, a record: compared as one value
	default:
		return nil
	}
	return &s
}

// fieldOf returns the field a path reads: its last name that is not a
// placeholder for a list's items or a map's keys and values.
func fieldOf(path []string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if !strings.HasPrefix(path[i], "@") {
			return path[i]
		}
	}
	return ""
}

// dateStringSizes are the lengths of the strings the date functions make.
var dateStringSizes = map[string]uint64{"string_date": 10, "string_period": 22}

// conversionSizes are the longest strings string() makes of a number or a
// bool, which cel-go's model leaves unknown (and so unbounded).
var conversionSizes = map[string]uint64{overloads.IntToString: 20, overloads.UintToString: 20,
	overloads.DoubleToString: 32, overloads.BoolToString: 5}

// EstimateCallCost implements cost.Estimator.
func (estimator) EstimateCallCost(function, overloadID string, target *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	if n, ok := conversionSizes[overloadID]; ok {
		size := cost.FixedSizeEstimate(n)
		return cost.NewCallEstimate(cost.FixedCostEstimate(1), &size)
	}
	if overloadID == "change_funding" {
		// compact.FundingDecision.Change: one of two kinds, or ''.
		size := cost.FixedSizeEstimate(uint64(max(len(compact.FundingReduction), len(compact.FundingEnding))))
		return cost.NewCallEstimate(cost.FixedCostEstimate(1), &size)
	}
	if dateOverloads[overloadID] {
		if n, ok := dateStringSizes[overloadID]; ok {
			size := cost.FixedSizeEstimate(n)
			return cost.NewCallEstimate(cost.FixedCostEstimate(1), &size)
		}
		return cost.NewCallEstimate(cost.FixedCostEstimate(1), nil)
	}
	return nil
}

// formatItemBytes bounds how long format() writes one number: a double at
// the precision limit of the strings extension (100 digits) with its
// exponent and grouping.
const formatItemBytes = 160

// costModels model the cost of the functions of the strings extension
// that cel-go leaves unmodelled, so that neither the estimate nor the
// runtime tracker takes them to cost one unit whatever they build: format()
// on a long field used to pass the estimate and exhaust memory. Each pays
// for the string it builds, like the extension's modelled functions.
func costModels() cel.EnvOption {
	build := cost.EvalCost(cost.Sum(cost.Const(cost.CallCost), cost.StringScan(cost.Length(cost.Target())), cost.Length(cost.Result())))
	return cel.CostModel(
		cost.MemberOverload("string_format", build,
			cost.ResultSize(cost.AtMost(cost.Sum(cost.Target(),
				cost.Scale(cost.ElemTotal(cost.Arg(0)), 2),
				cost.Mul(cost.Length(cost.Arg(0)), cost.Const(formatItemBytes)))))),
		cost.Overload("strings_quote",
			cost.EvalCost(cost.Sum(cost.Const(cost.CallCost), cost.StringScan(cost.Length(cost.Arg(0))), cost.Length(cost.Result()))),
			cost.ResultSize(cost.AtMost(cost.Sum(cost.Scale(cost.Arg(0), 6), cost.Const(2))))),
	)
}
