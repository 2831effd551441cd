// Package examples holds every system from the source documents as data,
// one folder per area, plus runnable programs that embed the library.
//
// The folders are areas that the compact command and the library load:
//
//   - national: the national Compact (England, 2010), its five outcomes and
//     the commitments with numbers, and the national baseline built on it.
//     It is embedded in this package ([National], [Library]) so that local
//     areas can extend it by id wherever they are.
//   - kirklees: the Kirklees Compact (October 2012).
//   - worcestershire: the Worcestershire Compact and its champion roles.
//   - lincolnshire-rutland: the Lincolnshire & Rutland public sector compact
//     charter (2008-2011), its aims and annual priorities.
//   - compact-voice-ocs: the parties to the 2014/15 joint action plan of
//     Compact Voice and the Office for Civil Society.
//   - kent: the Dover District Compact and its compact officer.
//
// Each local area holds its compact, a directory of organisations and
// people, and a year of records in which some commitments are kept and some
// are broken. The records are invented to exercise the rules; they do not
// describe real events.
//
// Kirklees and Kent also hold challenges under their dispute procedures
// (disputes/, documents of kind Dispute read by package dispute): in
// Kirklees one resolved by the partners, one reviewed by two people from
// neither party and taken to the Ombudsman, and one still open as the time
// for judicial review runs out; in Kent a complaint under the national
// procedure, with its limits in working days. They are invented too, and
// were written by compact dispute open and apply from the event files in
// cmd/compact/testdata/dispute.
package examples
