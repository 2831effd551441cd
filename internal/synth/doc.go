// Package synth writes synthetic areas of any size: a compact that extends
// the national one, a directory of organisations and people, and records
// (consultations, funding decisions, meetings, nominations, signatures,
// reports) in a realistic mix, some of which break the national
// commitments on purpose. The same [Config] always writes the same files,
// so anyone can reproduce a benchmark's figures:
//
//	compact generate --records 100000 --organisations 2000 /tmp/area100k
//	compact check /tmp/area100k
//
// The governance records follow the directory, as in a real area: every
// organisation signs the compact once (one in ten signs again, and now and
// then withdraws), each nominates one person, the steering group and the
// champions meet 24 times in the year between them and the steering group
// reports once; in a small area none of these is more than 12 records in
// 100. The rest, the bulk a national file is made of, are consultations (23
// in 100) and funding decisions. One organisation in
// ten is a public body (councils, NHS bodies, police, fire and rescue);
// the others are voluntary and community organisations, each with two
// people. Public bodies own consultations and fund; voluntary ones are
// funded. Nominations put an organisation's own people in the champion and
// steering group roles, meetings are of the steering group and the
// champions, and signatures sign up (and now and then withdraw) the
// organisations.
//
// Records are split over files of at most [Config.RecordsPerFile] records
// (records-0001.yaml, ...), as a national run splits its input, so the
// loader's work per file stays bounded.
//
// How a national run shards across machines is in the compactkit package
// documentation ("Scale").
package synth
