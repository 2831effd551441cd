// Package plan Compact-proofs a decision before it is made: given a draft —
// a proposed funding change with its intended effective date, or a
// consultation with its intended opening — it works out the dated
// checklist the area's compact asks for, and what would fail if the draft
// went ahead as planned.
//
// The dates come from the rules, not from a second copy of them: each rule
// of a pack may declare plan steps beside its checks (see rules.PlanStep),
// compiled and type-checked with the pack, and [Make] asks the area's rule
// engine for them (rules.Engine.Plan). Each step cites the commitment it
// keeps, the parameter values in force and the layer that set them (the
// national default, a local pack's override, the area's compact), and
// counts calendar or working days as its rule does (the working days of
// England and Wales, as the dispute clocks count them).
//
// A draft is a Draft document holding one record, written as in a Records
// document, with the dates intended (the decision and its effect, a
// consultation's opening and closing) and without the ones the plan is to
// give ([ReadDraft], [DecodeDraft]):
//
//	apiVersion: compactkit/v1
//	kind: Draft
//	id: harbourside-cut-2025
//	funding:
//	  id: harbourside-cut-2025
//	  funder: dover-dc
//	  recipient: harbourside-community-centre
//	  kind: reduction
//	  decided: 2025-03-03
//	  reasons: The council's community budget for 2025-26 is cut by a tenth.
//	  noticeForm: written
//	  effective: 2025-10-01
//
// In Kent, whose compact gives six months' notice, its plan says notice must
// be given in writing by 2025-04-01. A draft that already gives a date (a
// decision on 3 March for a cut on 3 May) has it compared with the step's
// date, and the plan's findings are those the pack gives on the draft as
// planned ("gave 2 months' notice ...; the compact asks for 6").
//
// A plan is written for people ([WriteText]), as JSON ([WriteJSON], with
// the schema schema/plan.json) and as an iCalendar file of the deadlines
// ([WriteICS], RFC 5545: all-day events, CRLF line endings, lines folded at
// 75 octets, a stable UID per step, DTSTAMP the plan's as-of date). The
// package never reads the clock: the as-of date is an input, so the same
// draft gives the same plan and the same calendar file on any day.
// `compact plan AREA DRAFT.yaml` is a thin layer over [ReadDraft], [Make]
// and the writers.
package plan
