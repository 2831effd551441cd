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
//  4. where the procedure sets independentAdmissibility, whoever admits or
//     redirects a case at its admissibility stage comes from neither party
//     (the refusal names them and their organisation); the guards of the
//     type hold, and the area's guards (in CEL) of the stage, else
//     ErrGuard;
//  5. where the area signs its events, the event is signed ([SignWith])
//     with a key its keys document lists, valid on the event's day and
//     held by the recorder or by a body, as the area asks, else
//     ErrSignature.
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
// # Strict on write, faithful on read
//
// Recording an event ([Case.Apply], [Procedure.ApplyFile]) keeps every
// check above. Reading a stored case ([Procedure.Replay], [Procedure.Load],
// [Procedure.Decode], [Procedure.Cases]) verifies its hash chain, every
// signature and the state machine's order (the phase each event applies
// in, its payload's fields, the time order, the stage it moves to), and
// refuses a case that fails them. What depends on the area's data (who
// may record an event, the guards, the people, organisations and records
// an event names) is judged against the directory and roles as they stood
// on the event's day; where today's data contradicts an event accepted
// when it was recorded (a nomination given an end date, a person removed
// from the directory), the case loads and carries a [Warning] naming the
// event, its file, line and column ([Case.Warnings]). An area is never
// refused for it: compact validate and compact report still load it.
//
// # The audit trail
//
// A case file proves its history three ways: a hash chain, a signature on
// every event, and a checkpoint log of case heads outside the case file.
// Each is defined here exactly, so that an integrator in another language
// can check a case file without this package; testdata/vectors.json has
// test vectors (checked by TestVectors).
//
// The canonical form of an event ([CanonicalJSON]) is its JSON object with
// the members of every object sorted by key (byte order of their UTF-8),
// no space outside strings, and members whose value is empty (an empty
// string, false, an empty list, no decision, a zero date) left out. The
// members are type, at, actor (person, organisation, role), title,
// challenger, respondent, decision (date, text, record), aware,
// commitments, text, stage, to, reference, url, person, people, final,
// outcome, actions (text, owner) and lessons: the fields of an entry less
// hash, key, sealed and sig. Strings are written as Go's encoding/json
// writes them without HTML escaping: UTF-8 kept as it is, with " and \
// escaped by a backslash, U+0008, U+000C, U+000A, U+000D and U+0009 as
// \b, \f, \n, \r and \t, other control characters below U+0020 as \u00XX
// (lowercase hex), and U+2028 and U+2029 as \u2028 and \u2029. Times are
// the RFC 3339 text with its offset (fractional seconds without trailing
// zeros), dates YYYY-MM-DD.
//
// The hash of an event ([HashEvent]) chains it to the entry before it:
//
//	hash = "sha256:" + lowercase hex of SHA-256(
//	    "compactkit/v1 dispute event" NUL id NUL prev NUL canonical NUL)
//
// where id is the case id, prev the hash of the entry before ("" for the
// first), canonical the canonical form and NUL a zero byte. The case id
// and the previous hash are in the input, so an event cannot be moved to
// another case or another place in the list without the chain breaking.
// The hash covers the values of events, not their layout: comments and
// formatting may change.
//
// The signature of an entry (key, sealed and sig beside its hash) is
// Ed25519 (RFC 8032, crypto/ed25519) over
//
//	"compactkit/v1 dispute signature" NUL id NUL key NUL sealed NUL hash NUL
//
// ([SignatureMessage]) where key is the key's id, sealed the day the entry
// was sealed (YYYY-MM-DD) or empty, and hash the entry's hash as stored;
// sig is "ed25519:" and the standard base64 (with padding) of the 64-byte
// signature. The public key is in the area's document of kind DisputeKeys
// ([KeysFile]): "ed25519:" and the base64 of its 32 bytes, with the days
// it is valid for and who holds it (a person, or a body such as the
// steering group). The area chooses, in signedBy, whether events are
// signed by whoever records them (recorder) or by a key of one of its
// bodies (body). A signature signs the hash, and the hash covers
// everything before it: one good signature on the last event vouches for
// the case up to it.
//
// Loading checks, in order: the chain (a [*ChainError], ErrTampered, at
// the first entry whose hash does not match), then every signature (a
// [*SignatureError], ErrSignature, at the first entry that is unsigned
// where it must be signed, names a key the area does not list or one not
// valid on the day it signed, or does not verify), then the events. An
// entry may be unsigned only if it is dated before the area's signingFrom
// (the first day of its earliest key, unless given) and no entry before
// it is signed: a case written before signing loads with a warning, and
// [Procedure.Seal] (compact dispute seal) signs it forward, each signature
// recording the day of sealing.
//
// Removing the last events of a case leaves a chain and signatures that
// verify, and so does putting back an older copy of the file. So every
// write ([Procedure.Create], [Procedure.ApplyFile], [Procedure.Seal])
// also appends the case's head to the checkpoint log beside the case
// file ([CheckpointFile], checkpoints.log; its format is at
// [ParseCheckpoints]): an append-only list of lines, each with the case,
// its number of events and its head, chained to the line before by its
// SHA-256 and signed with the same key. [Procedure.Verify] (compact
// dispute verify, and compact validate through [Check]) checks every case
// against the last line for it, and names a case with fewer events than
// its checkpoint, a different event at the checkpoint's place, events
// that were never checkpointed, a case in the log whose file is gone or
// empty, and a line of the log changed, removed or inserted. The annual
// report prints the heads it was made from, so a printed report anchors
// them too.
//
// # Threat model
//
// Detected: anyone who can write a case file but does not hold a private
// key the area lists cannot change, add, remove, reorder or move an event
// (between places or cases) without a load failing at the first event
// affected; stripping the signatures fails too, for events dated from the
// day the area signs. Removing the last events, emptying a case, putting
// an older copy back or deleting a case file is detected against the
// checkpoint log; changing or cutting lines inside the log is detected by
// its chain and signatures.
//
// Not detected: someone who holds a listed private key can sign whatever
// they like, dated within the key's validity: a signature says which key
// signed, not that the event is true. Someone who can rewrite both a case
// file and the checkpoint log can remove the last lines of both together
// (the log's chain cannot tell a shorter log from an older one): keep the
// heads elsewhere too (the minutes of the steering group, the printed
// annual report) and compare. A case written before the area signed
// (entirely unsigned, dated before signingFrom) proves only that it is
// consistent within itself until it is sealed; sealing vouches for what
// the case said on the day it was sealed. An area without a keys document
// has the hash chain only. Who recorded an event is the actor it names:
// with signedBy: body, the steering group's key vouches for every event
// recorded through it.
//
// What the area must keep safe: the private keys (never in the area, its
// repository or its backups: in a key file readable by its holder alone,
// or an environment variable; compact keys new makes a pair); the keys
// document, whose changes (a key added, a validity date moved) deserve the
// same review as a change of who is on the steering group; and the
// checkpoint log, backed up where the case files' writers cannot reach. A
// key that may have leaked is retired by setting its to date: events it
// signs after that day do not load. The example areas are signed with a
// public test key whose private half is in testdata: it proves nothing.
//
// # Case files on disk
//
// [Procedure.ApplyFile] changes a case file safely. It takes the file's
// lock (a hidden .NAME.lock file next to it, locked with flock where the
// system has it, so a killed process never leaves it locked; elsewhere
// created exclusively), reads the file under the lock, applies the events
// (all or none), and replaces the file atomically: the new text goes to a
// hidden temporary file in the same folder, which is synced, renamed over
// the case file, and the folder synced. The checkpoint log is then
// appended to the same way, under its own lock. A run killed at any point
// leaves the old file or the new one; a temporary file it leaves is never
// loaded and is removed by the next apply; a run killed between the case
// file and the log leaves a case one change ahead of its checkpoint,
// which compact dispute verify reports. Concurrent applies on one case,
// from goroutines or processes, run one after the other, each on the case
// as the last left it; one that cannot get the lock within [WithLockWait]
// is refused with ErrLocked, and one whose context ends while it waits
// stops with the context's error. New events are appended to the file's
// text, so comments written by hand stay.
//
// # Using the package
//
// Load an area with [compact.LoadArea], build its procedure with [New],
// then open, load and apply:
//
//	p, err := dispute.New(area)
//	c, err := p.Load(ctx, "examples/kirklees/disputes/community-transport-cut-2013.yaml")
//	for _, d := range c.Due(ctx, compact.MustParseDate("2013-11-20")) {
//		fmt.Println(d.Due, d.Status, d.Name, d.Warning)
//	}
//
// Record events with a key: load it with [ParseSigner] and give
// [SignWith] to [Procedure.Open], [Procedure.Create], [Case.Apply] and
// [Procedure.ApplyFile]. Everything that evaluates the area's guards or
// waits for a lock takes a context first.
//
// [Check] reports every problem with an area's procedure and cases; the
// compact validate command runs it. A [Procedure] is read-only and safe to
// share between goroutines; a [Case] is a value in memory, not safe for
// concurrent Apply. The package never reads the clock: every "as of" day
// is an argument.
package dispute
