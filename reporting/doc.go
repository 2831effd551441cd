// Package reporting makes the annual compact report of an area, and tracks
// its joint action plans and statements of annual priorities, for the
// board that receives the report and for programs that read it.
//
// # Plans and priorities
//
// Two kinds of document hold what an area plans to do:
//
//   - ActionPlan ([ActionPlan]): a joint action plan. Its parties are the
//     plan's columns, each an organisation of the directory (Compact Voice)
//     or the holders of a role (the departmental Compact leads); its
//     objectives are the rows, each with the undertaking of every party,
//     in the plan's words, naming the compact commitment it is where the
//     compact records it. The 2014/15 Joint Action Plan of Compact Voice
//     and the Office for Civil Society is examples/compact-voice-ocs/plan.yaml.
//   - Priorities ([Priorities]): a statement of annual priorities. Each
//     priority names the compact's aims it serves ("Ref (Aims)"), the sub
//     groups that lead it ("Ref TG"), comments, and impact measures with a
//     numeric target; later, what was achieved. The Lincolnshire & Rutland
//     statement for 2008-09 and its 2007-08 priorities with their
//     achievements are examples/lincolnshire-rutland/priorities.yaml.
//
// Progress is measured by [Measure]s. Where the records allow, the
// achieved value is counted from them ([Count]: the meetings of a body in
// the period, as against "at least three meetings with Compact Leads
// Group"; new signatories; organisations holding a role); where they do
// not, it is recorded by hand (achieved: 64), or in words with a status.
//
// [DecodeActionPlan] and [DecodePriorities] read one document strictly,
// with every problem reported as [compact.Errors] at its file, line, column
// and field path; [LoadPlans] reads an area's documents and checks their
// references (parties, commitments, sections, aims, bodies and roles), and
// [Check] is what "compact validate" runs. A [Tracker] measures them on an
// as-of date.
//
// # Red, amber and green
//
// Measures, priorities and undertakings are rated by [RAGRule]:
//
//   - green: the achieved value reaches the target, or the work is
//     recorded as achieved ("implemented and successful", "delivered");
//   - amber: the achieved value is at least half-way from the baseline to
//     the target, or the work is under way ("good progress", "in progress");
//   - red: less than half-way, or not begun ("still on the agenda");
//   - not rated: nothing achieved is recorded yet, or there is no target.
//
// A status not recorded by hand is read from the achievement text by
// [DeriveStatus]. A priority or undertaking with a status of its own is
// rated by it, otherwise by the lowest rating of its measures. The report
// prints the rule in its notes.
//
// # The annual report
//
// [Build] makes the [Report] of an area for a period, as of a date (the end
// of the period unless [AsOf] says otherwise; the package never reads the
// clock, and records dated after the as-of date are not counted). Its
// sections:
//
//   - signatories: how many at the start and the end, who joined, who left;
//   - roles: who holds each compact role, vacancies, terms ending soon
//     (from package roles);
//   - governance: meetings of each body against the cadence the compact
//     sets, attendance of the member organisations against the minimum,
//     reports delivered;
//   - compliance: checks passed and failed, failures by rule, commitment,
//     organisation and severity, with the change from the period before
//     where that period has findings ([WithFindings]);
//   - consultations: how many ran, the share of formal ones that ran for
//     the weeks the compact asks (consultationWeeks), summaries of
//     responses published in time, and the consultation watch ([Watch]):
//     those open on the as-of date, closing soonest first;
//   - funding: decisions by kind, and for each reduction or ending the
//     notice given against the compact's minimum (fundingNoticeMonths, in
//     writing);
//   - disputes: challenges raised, by stage and outcome, time to resolve,
//     actions taken and lessons learned, as the Kirklees Compact asks of
//     its report to the board ([WithCases]);
//   - plans and priorities: target against achieved, rated.
//
// Each section has a summary in plain sentences, and the figures behind
// it. Compliance findings and dispute cases come from sources the caller
// gives ([FindingSource], [CaseSource]), so the report does not depend on
// how they are made. The usual sources are the rules engine
// ([RuleFindings], which runs the area's rule pack for the period and the
// period before) and the dispute procedure ([DisputeCases], the state of
// each case of the area).
//
// # Formats
//
// A Report writes itself as Markdown ([Report.WriteMarkdown]), as one
// self-contained HTML page with inline SVG charts and a print style sheet
// ([Report.WriteHTML]: nothing is loaded from the network), as JSON
// ([Report.WriteJSON], in the shape of the Report type, published as
// schema/report.json and stable within compactkit/v1), and its compliance
// failures as CSV ([Report.WriteFindingsCSV]).
package reporting
