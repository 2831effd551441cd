package rules

import (
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/operators"
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
	}
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
	add := func(name string, f func(d compact.Date, n int) compact.Date) cel.EnvOption {
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
			if n > 1_000_000 || n < -1_000_000 {
				return types.NewErr("%s: %d is out of range", name, n)
			}
			return newDateVal(f(*d.p, int(n)))
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
		add("addDays", compact.Date.AddDays),
		add("addWeeks", func(d compact.Date, n int) compact.Date { return d.AddDays(7 * n) }),
		add("addMonths", compact.Date.AddMonths),
		add("addYears", compact.Date.AddYears),
		// Working days of England and Wales, as the dispute clocks count them.
		add("addWorkingDays", func(d compact.Date, n int) compact.Date { return workdays.Add(workdays.EnglandAndWales(), d, n) }),
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
// the cost of the date functions (one unit each).
type estimator struct{}

// textFields are the fields that hold free text rather than a name, an id or
// a kind; their cost is estimated with EstimatedMaxTextSize.
var textFields = map[string]bool{
	"text": true, "reasons": true, "termReasons": true, "shortPeriodRationale": true, "purpose": true,
	"description": true, "statement": true, "vision": true, "mission": true, "summary": true, "balance": true,
	"scope": true, "redirect": true, "duties": true, "covers": true,
}

// EstimateSize implements cost.Estimator.
func (estimator) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	var s cost.SizeEstimate
	switch n.Type().Kind() {
	case types.ListKind, types.MapKind:
		s = cost.RangedSizeEstimate(0, EstimatedMaxListSize)
	case types.StringKind, types.BytesKind:
		s = cost.RangedSizeEstimate(0, EstimatedMaxStringSize)
		for _, p := range n.Path() {
			if textFields[p] {
				s = cost.RangedSizeEstimate(0, EstimatedMaxTextSize)
			}
		}
	case types.OpaqueKind, types.StructKind:
		s = cost.FixedSizeEstimate(1) // a date, a period, a record: compared as one value
	default:
		return nil
	}
	return &s
}

// EstimateCallCost implements cost.Estimator.
func (estimator) EstimateCallCost(function, overloadID string, target *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	if dateOverloads[overloadID] {
		return cost.NewCallEstimate(cost.FixedCostEstimate(1), nil)
	}
	return nil
}
