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
// The mix of records, per 100: 15 consultations, 50 funding decisions, 10
// meetings, 12 nominations, 12 signatures and 1 report. One organisation in
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
// # Sharding a national run
//
// A national run (every published grant, a department's whole funding
// register, a year of Contracts Finder notices) is too big for one process
// only because of its input, never because of its logic: every fact a
// rule reads is one record plus the area it belongs to (its compact, its
// directory, the members of its bodies on a date), and the library keeps
// no state between areas, no global registries, caches or clocks. So a
// batch engine (a Kubernetes Job with indexed completions, an Argo or
// Airflow fan-out, GNU parallel on a file list, a Spark or Beam map step
// that shells out to compact check) shards the run by area: each task
// loads one area's compact and directory (small: kilobytes to a few
// megabytes) and the records of its shard, checks them, and writes its
// findings as JSON Lines or CSV. When one area is itself too large (a
// national funder), the records split further by funder or by financial
// year: the directory and compact are copied into every shard (they are
// read-only), and each shard is an area of its own. The findings of the
// shards are concatenated; they need no merge, because a finding depends
// only on its record, its area and the as-of date, which every task is
// given explicitly (never the wall clock). Aggregates that span records
// (meetings per body per year, counts for the annual report) are sums per
// key, so a shard split by funder or year adds up by key; a body's
// meetings must stay in one shard, which a split by area or year keeps.
package synth
