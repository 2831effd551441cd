// Package roles says who holds which compact role, what each role owes, and
// who to contact about an organisation's compact issues.
//
// # Roles and the catalogue
//
// A compact works through people in roles: the members of its steering
// group, the compact champion each signatory nominates ("the initial point
// of contact for issues relating to the Compact"), the community groups
// champion, the local compact officer who signposts and keeps a watch on
// consultations, the networks support officer beside them, the compact lead
// of each government department, and the national bodies, Compact Voice
// and the Office for Civil Society. A [Role] says what the role is for
// (purpose), what its holders undertake ([Duty], quoted word for word from
// the source that sets it), what they must meet ([Requirement]: a minimum
// term, attendance, a meeting cadence, a written commitment, seniority, a
// holder for every signatory), how they are appointed ([Appointment]), which
// other roles holding it brings with it (Implies: a steering group member
// is automatically a compact champion) and whom its holders are a point of
// contact for ([ContactScope]).
//
// Roles are written in documents of kind RoleCatalogue ([RoleCatalogue]).
// The library ships the reference catalogue, examples/national/roles.yaml,
// with id [ReferenceID]: the roles of the source documents with their duties
// as published. An area uses it as it is, or writes a catalogue that
// extends it and changes what differs locally:
//
//	apiVersion: compactkit/v1
//	kind: RoleCatalogue
//	id: kirklees
//	extends: reference
//	alter:
//	  - role: compact-champion
//	    appointment: {by: signatory, each: signatory, max: 1}
//	    exOfficio:
//	      - {organisation: kirklees-council, position: Assistant Director for Communities and Leisure}
//	    notes: [A Health Compact Champion will be identified when structures are in place.]
//
// [Resolve] applies the chain of catalogues and checks the result; implied
// roles must not loop, and a loop is reported at the implies entry that
// closes it, with the loop spelled out.
//
// # Assignments
//
// Holders come from the area's nomination records (who, for which
// organisation, from and to, nominated by whom, deputy for whom) and from
// the catalogue's offices: "unless otherwise stated the Compact Champions
// will be the Chair of the Third Sector Leaders Group and the Assistant
// Director for Communities and Leisure" becomes an [Office] whose holder,
// found by position in the directory, holds the role while the
// organisation has nominated no one else. [New] builds a [Register] from a
// loaded area and checks every nomination against the catalogue; problems
// are reported together as [compact.Errors] pointing at the field of the
// record (file, line, column, path), with a class for [errors.Is]:
//
//   - a role the catalogue does not define: compact.ErrReference, with a
//     suggestion when the id is misspelt;
//   - a role nominated by each signatory, nominated by an organisation that
//     was not a signatory on the first day of the term: [ErrNotSignatory];
//   - more people nominated to a role for one organisation at once than its
//     appointment allows: [ErrTooManyHolders], at the nomination that starts
//     last;
//   - a nominator or deputy that breaks the role's appointment rules:
//     [ErrAppointment].
//
// Who may nominate is the role's appointment method ([Method]). For a role
// nominated by each signatory, the nominator is nominatedBy, or else the
// organisation itself, and must be a signatory on the first day. A
// signatory may nominate on behalf of others (Kirklees Third Sector Leaders
// nominates a champion for the voluntary, community and third sector): the
// holder's organisation need not be a signatory then, and the nominating
// signatory's place counts as filled. A role appointed by a body names the
// body in nominatedBy.
//
// # Questions
//
// Every question takes an explicit date; the package never reads the clock.
// Terms include their first and last days.
//
//   - [Register.Holders]: who holds a role for an organisation, implied
//     holders included (marked [BasisImplied], with the role that implies
//     them);
//   - [Register.RolesOf]: which roles a person holds;
//   - [Register.Vacancies]: which organisations should hold a role and do
//     not (every signatory for a champion; every organisation represented
//     on the steering group for its members);
//   - [Register.EndingWithin]: whose term ends within N days;
//   - [Register.Contact]: who is the initial point of contact for an
//     organisation's compact issues: its own champion, then its parent
//     organisation's, then a champion who speaks for its sector, then the
//     area's compact officer;
//   - [Register.Requirements]: each requirement of a role as it applies in
//     the area, with the number in force and where it comes from;
//   - [Register.Snapshot]: all of it on a date, for reports.
//
// # Duties as checks
//
// Requirements with a machine-readable kind can be checked from records.
// The number usually comes from the area's compact (a steering group's
// membership.minTermYears, minMeetingsPerYear), which is also where the
// rule pack reads it; the requirement's rule field names the rule that
// checks it (champion-per-signatory, meeting-cadence, membership-term,
// membership-attendance, membership-written-commitment), so reports can put
// a finding next to the duty it enforces. Duties and requirements without
// a kind are documented text: reports print them, nothing checks them.
//
// A [Catalogue] and a [Register] are read-only once built and safe to share
// between goroutines.
package roles
