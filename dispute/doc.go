// Package dispute runs challenges under a compact: a partner that believes
// another did not follow the compact challenges the process, and the
// challenge goes through the stages the compact sets, with their time
// limits, to an outcome the annual report can summarise.
//
// # The procedure is data
//
// A compact's disputeProcedure ([compact.DisputeProcedure]) lists the
// stages an area uses, in order. A local compact's procedure replaces the
// national one; an area without one inherits it. Each stage has a kind:
//
//   - admissibility: is the challenge about a process (a compact matter) or
//     about a decision? A decision goes to the normal complaints route.
//   - informal: the partners discuss it, citing the compact and the
//     evidence, and aim to agree. Its inform list names the roles told of
//     an agreement (the compact champion of each partner).
//   - review: people nominated by the stage's body (the steering group)
//     consider it and recommend to both parties. minReviewers says how many
//     must be nominated before they recommend; independentReviewers that
//     they come from neither party.
//   - complaint: the public body's own complaints procedure.
//   - advice: advice sought alongside any stage (Compact Voice).
//   - escalation: a national body (the Local Government Ombudsman for
//     councils; the Parliamentary Ombudsman, through an MP, for
//     departments; Compact Voice and the Office for Civil Society).
//   - legal: judicial review.
//
// A stage's after list names the stages that must be done before it; an
// optional stage that the case never reached does not hold anything up. A
// case moves forward only, through each stage at most once (advice may be
// sought again).
//
// A stage is done when it has done its work: admissibility when the case is
// admitted; informal when the partners agree or the case moves on (they
// tried); review at its first recommendation; complaint, escalation and
// legal at their final response (responded with final: true, or
// stage-2-responded); advice when it comes back. A stage that has overrun
// one of its time limits counts as done for the stages after it: so the
// Ombudsman, which comes after the council's complaints procedure, may be
// reached when that procedure is finished or has taken more than its
// twelve weeks.
//
// # Time limits and clocks
//
// A stage's limits are what must happen at it, and by when: within so many
// working-days, days, weeks, months or years of something (from), until
// something else happens (until). A procedure's clocks run whatever the
// stage: judicial review must be sought within three months of the
// decision, whether or not the local procedure has finished.
//
// from and until name anchors:
//
//   - decision: the date of the decision challenged (given when the case is
//     raised);
//   - aware: the day the challenger became aware of the matter (the
//     decision's date unless given);
//   - raised: the day the case was raised;
//   - an event type (acknowledged, stage-2-requested ...): the day of the
//     first such event (at the stage, for a limit; after the from anchor,
//     for until);
//   - a stage id: the day the case reached that stage.
//
// A limit without from counts from the day the case reached its stage; a
// limit without until is met when its stage is done. A clock without until
// runs until the case closes. Case dates cannot be an until, and a stage id
// must not be the name of a case date or an event type. [New] checks all of
// this and points at the field of the compact that is wrong.
//
// The last day allowed is counted from the day after the start: five
// working days from a complaint received on Friday 22 December 2023 end on
// Wednesday 3 January 2024 (Christmas Day, Boxing Day and New Year's Day
// are bank holidays). Months are calendar months (31 January plus one
// month is 29 February in a leap year). Working days are Monday to Friday
// less the bank holidays of England and Wales ([EnglandAndWales]: those of
// github.com/rickar/cal/v2/gb, with the special days it lacks, such as the
// State Funeral of Queen Elizabeth II on 19 September 2022); another
// [Calendar] can be given with [WithCalendar].
//
// [Case.Deadlines] reports every limit of the stages a case reached, every
// clock, and every person still to be told of an agreement, as they stand
// on a day: pending, due-soon (a clock within its warnDays), overdue (a
// limit past its last day), expired (a clock past its last day), met,
// met-late, or lapsed (the stage ended, or the case closed, first). A clock
// that is due soon or expired while the case is open carries a warning:
// the case is still at an earlier stage. [Case.Due] keeps only what still
// asks for something.
//
// # Area conditions
//
// Where the procedure's data is not enough, an area writes conditions in
// CEL, compiled with package rules (its date functions, limits and cost
// checks; [rules.CompileCondition]). A stage's guards refuse an event at
// the stage, or one that moves a case to it, unless they hold:
//
//	guards:
//	  - id: challenger-withdraws
//	    on: [withdrawn]                # event types; every event when empty
//	    check: actor.organisation.id == case.challenger.id
//	    message: Only the challenger withdraws a challenge
//
// A limit's or a clock's when condition says which cases it applies to
// (the Kirklees compact's Ombudsman clock runs only when the respondent is
// a council):
//
//	when: case.respondent.kind == 'local-authority'
//
// A guard reads event ([EventView]: type, day, stage, to, reference, text,
// outcome, final, people), actor and person ([Someone]: id, name,
// position, organisation, roles held on the day; person is the one the
// event names, a reviewer), case ([CaseView]: challenger and respondent
// organisations, decision, aware and raised dates, phase, stage, visited,
// commitments, reviewers, recommendations, agreed) and params (the
// compact's parameters). A when condition reads case and params. [New]
// compiles them and reports mistakes at their place in the compact. A
// guard that cannot be evaluated refuses the event; a when condition that
// cannot be evaluated leaves its deadline in force.
//
// # Cases are events
//
// A case is the append-only list of its events; everything about it is
// what its events add up to ([State]). An event has a type, a time (RFC
// 3339 with its zone offset: 2013-10-01T10:30:00+01:00), an actor (a
// person, an organisation, a person acting for an organisation, and the
// role they act in) and a payload. Deadlines count from the day an event
// happened in England, whatever offset its time was written with.
//
// A case file is a document of kind Dispute ([CaseFile]); an event to apply
// is a document of kind DisputeEvent ([EventFile]):
//
//	apiVersion: compactkit/v1
//	kind: DisputeEvent
//	case: community-transport-cut-2013
//	type: reviewer-nominated
//	at: 2013-11-19T15:00:00Z
//	actor: {person: sarah-whitworth, role: steering-group-member}
//	person: ruth-bentley
//
// [Case.Apply] checks an event and records it, or refuses it with a
// [*Refusal] that says why and changes nothing. The checks, in order:
//
//  1. the event type applies in the case's phase (the table below), else
//     ErrTransition;
//  2. its payload has the fields the type needs and no others, names
//     people, organisations, stages, commitments and records that exist,
//     and its time is not before the event before it, else ErrInvalidEvent;
//  3. its actor may record it (see Who below), else ErrPermission;
//  4. the guards of the type hold, and the area's guards (in CEL) of the
//     stage, else ErrGuard.
//
// # The state machine
//
// A case's phase is new before it is raised, the kind of the stage it is
// at while open, agreed once the parties have agreed (it waits to close),
// and closed. In the table, open means every phase of an open case (every
// stage kind, and agreed). Each row gives the phases that accept the event,
// where it leads, who may record it, its payload, and its guards.
//
// Table (generated from Transitions; do not edit by hand):
//
//   - raised: from new; to the first stage; by challenger. Needs title, challenger, respondent,
//     text. May have decision, aware, commitments, reference, url. Guards: the parties are
//     different organisations, neither part of the other; the commitments cited are the compact's;
//     the decision's date and the aware day are not after the day raised; the decision's record is
//     in the area's records.
//   - evidence-added: from open; to unchanged; by party, reviewer. Needs title. May have text, url,
//     reference, commitments. Guards: the commitments cited are the compact's.
//   - admitted: from admissibility; to the next stage, or the stage named; by body, officer. May
//     have stage, text. Guards: the stage moved to comes later in the procedure, has not been
//     visited, and every stage it comes after is done.
//   - redirected: from admissibility, informal; to closed (redirected); by body, officer,
//     challenger. Needs text. May have to, actions, lessons.
//   - referred: from informal, review, complaint; to the next informal, review or complaint stage,
//     or the stage named; by party. May have stage, text, reference. Guards: as admitted; the stage
//     is an informal, review or complaint stage.
//   - advice-sought: from open; to unchanged; by party. May have stage, to, text. Guards: the stage
//     named, if any, is an advice stage; the same advice is not already being sought.
//   - advice-received: from open; to unchanged; by party. May have stage, to, text, url, reference.
//     Guards: that advice is being sought.
//   - acknowledged: from any stage but admissibility; to unchanged; by respondent, body, handled.
//     May have text, reference.
//   - responded: from any stage but admissibility; to unchanged; by respondent, body, handled. May
//     have text, reference, url, final.
//   - stage-2-requested: from complaint; to unchanged; by challenger. May have text. Guards: the
//     stage 1 response was given, or a time limit of the stage ran out; stage 2 was not asked for
//     before.
//   - stage-2-acknowledged: from complaint; to unchanged; by respondent, handled. May have text,
//     reference. Guards: stage 2 was asked for.
//   - stage-2-responded: from complaint; to unchanged; by respondent, handled. May have text,
//     reference, url. Guards: stage 2 was asked for.
//   - reviewer-nominated: from review; to unchanged; by body. Needs person. May have text. Guards:
//     the person is in the directory and not already a reviewer; where the stage asks for
//     independent reviewers, the person works for neither party.
//   - reviewer-stood-down: from review; to unchanged; by body, self. Needs person. May have text.
//     Guards: the person is a reviewer.
//   - recommendation-issued: from review; to unchanged; by reviewer. Needs text. May have actions,
//     url. Guards: at least the stage's minReviewers reviewers are nominated and have not stood
//     down.
//   - agreement-reached: from any stage but admissibility; to agreed; by party. Needs text. May
//     have actions, url.
//   - informed: from open; to unchanged; by party, body, officer. Needs people. May have text.
//     Guards: the people are in the directory.
//   - escalated: from informal, review, complaint, escalation; to the next escalation (else legal)
//     stage, or the stage named; by challenger. May have stage, to, reference, text. Guards: as
//     admitted; the stage is an escalation or legal stage: escalation comes only after the stages
//     it follows are done, or after one of them overran a time limit.
//   - withdrawn: from open; to closed (withdrawn); by party. May have text, actions, lessons.
//   - closed: from open; to closed (the outcome); by party, body, officer. Needs outcome. May have
//     text, actions, lessons. Guards: resolved-by-agreement: an agreement was reached and everyone
//     to be told of it was told; upheld, partly-upheld, not-upheld: a recommendation was issued, a
//     final response given, or the case is at an escalation or legal stage; escalated: the case is
//     at an escalation or legal stage; withdrawn and redirected have events of their own.
//   - note: from open, closed; to unchanged; by anyone. Needs text. May have url, reference.
//
// End of table.
//
// Outcomes: resolved-by-agreement, upheld, partly-upheld, not-upheld,
// withdrawn, redirected and escalated, each with the actions undertaken
// (the agreement's and the closing event's) and the lessons learned, which
// [State] holds for the annual report. Reviews aim at learning, not blame.
//
// # Who may record what
//
// The actor acts for an organisation: the one named, or else the one the
// person works for. A person may act for another organisation only if it
// contains, or is part of, their own, or they hold a role for it on the
// day. An organisation counts as a party when it is the challenger or the
// respondent, is part of one (a council's service), or contains one. The
// classes of actor ([Who]):
//
//   - challenger, respondent, party: someone acting for them;
//   - reviewer: a reviewer nominated at the stage who has not stood down;
//   - body: a holder, on the day, of a role that belongs to the kind of the
//     stage's body (steering-group-member for a steering group); with no
//     body, the steering group's;
//   - officer: a holder of a role that is a point of contact for the whole
//     area (the compact officer);
//   - handled: a party, recording what an outside body (the stage's
//     handler, the Ombudsman) did;
//   - self: the person the event is about (a reviewer standing down);
//   - anyone: anyone in the directory.
//
// An actor who names a role must hold it on the day, and then only that
// role counts. Roles come from package roles ([roles.Register]); the
// compact champions told of an agreement are each party's own, or else its
// point of contact for the role (a parent organisation's champion, the
// champion who speaks for its sector).
//
// # The audit trail
//
// Each entry of a case file carries the hash of its event chained to the
// entry before it ([HashEvent]): SHA-256 over the case id, the previous
// hash and the event's canonical JSON. Loading a case ([Procedure.Load],
// [Procedure.Decode], [Procedure.Replay]) checks the chain and reports the
// first entry that does not match ([*ChainError], ErrTampered) with its
// file, line and column; then it replays every event, so a case that
// loads is one the procedure accepts, in the same state as when its events
// were applied one by one. A changed, removed, reordered or inserted event
// breaks the chain; so does moving events to another case. Removing the
// last events cannot be told from a shorter case: keep [Case.Head]
// elsewhere (in the minutes) to check that. The hash covers the values of
// events, not their layout: comments and formatting may change.
//
// # Case files on disk
//
// [Procedure.ApplyFile] changes a case file safely. It takes the file's
// lock (a hidden .NAME.lock file next to it, locked with flock where the
// system has it, so a killed process never leaves it locked; elsewhere
// created exclusively), reads the file under the lock, applies the events
// (all or none), and replaces the file atomically: the new text goes to a
// hidden temporary file in the same folder, which is synced, renamed over
// the case file, and the folder synced. A run killed at any point leaves the
// old file or the new one; a temporary file it leaves is never loaded and
// is removed by the next apply. Concurrent applies on one case, from
// goroutines or processes, run one after the other, each on the case as
// the last left it; one that cannot get the lock within [WithLockWait] is
// refused with ErrLocked. New events are appended to the file's text, so
// comments written by hand stay.
//
// # Using the package
//
// Load an area with [compact.LoadArea], build its procedure with [New],
// then open, load and apply:
//
//	p, err := dispute.New(area)
//	c, err := p.Load("examples/kirklees/disputes/community-transport-cut-2013.yaml")
//	for _, d := range c.Due(compact.MustParseDate("2013-11-20")) {
//		fmt.Println(d.Due, d.Status, d.Name, d.Warning)
//	}
//
// [Check] reports every problem with an area's procedure and cases; the
// compact validate command runs it. A [Procedure] is read-only and safe to
// share between goroutines; a [Case] is a value in memory, not safe for
// concurrent Apply. The package never reads the clock: every "as of" day
// is an argument.
package dispute
