package synth

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/atomicfile"
	yaml "go.yaml.in/yaml/v3"
)

const (
	// DefaultRecordsPerFile is how many records a generated records file
	// holds at most: 10,000 records are about 3 MB of YAML, a file an
	// editor opens and a loader decodes in well under a second.
	DefaultRecordsPerFile = 10_000

	// MinOrganisations is the fewest organisations an area is generated
	// with: three steering group seats, public bodies to fund and be
	// consulted by, and voluntary organisations to fund.
	MinOrganisations = 10

	// OrganisationsPerFile is the most organisations one directory file
	// holds, with their people: a directory of more is written as
	// directory-NNNN.yaml files, which the area merges. A YAML document's
	// node tree is tens of times its text, and a file's is held while it is
	// decoded: a national directory in one file (20,000 organisations for a
	// million records) would set a streaming check's peak memory.
	OrganisationsPerFile = 2000

	// MaxRecords bounds a generated area, so a typing slip (an extra
	// zero or three) does not fill a disk: 100 million records are about
	// 30 GB of YAML.
	MaxRecords = 100_000_000
)

// ErrConfig is the class of errors about a [Config] out of range.
var ErrConfig = errors.New("config out of range")

// Config says what to generate. The zero value of each field but Records
// has a default.
type Config struct {
	// Records is how many records to write (consultations, funding
	// decisions, meetings, nominations, signatures and reports together).
	Records int
	// Organisations in the directory; 0 means one per 50 records, and never
	// fewer than MinOrganisations.
	Organisations int
	// Seed makes a different area of the same size; the same seed always
	// writes the same files.
	Seed uint64
	// RecordsPerFile is the most records one file holds; 0 means
	// DefaultRecordsPerFile.
	RecordsPerFile int
	// Format of the records files: FormatYAML (the zero value) or
	// FormatJSONL.
	Format Format
}

// Format is how a generated area's records are written.
type Format string

const (
	// FormatYAML writes records-NNNN.yaml Records documents, which every
	// command loads.
	FormatYAML Format = ""
	// FormatJSONL writes records-NNNN.jsonl JSON Lines files (see
	// compact.DecodeRecordLine), the same records line by line, for the
	// streaming check (compact check --stream), beside a records.yaml
	// that holds only their period, so the default as-of date is the
	// same.
	FormatJSONL Format = "jsonl"
)

// The period every generated area's records cover: the financial year
// 2024-25.
var (
	periodFrom = compact.MustParseDate("2024-04-01")
	periodDays = 365
)

// The governance records of an area scale with its directory and bodies,
// not with its bulk: each organisation signs the compact once (one in ten
// signs again), each nominates someone, and the two bodies that meet do so
// about monthly, while a national file's millions are funding decisions and
// consultations. In a small area none of these takes more than the share
// of the records govShare gives it.
const (
	meetingsPerYear = 24 // the steering group's and the champions', a year
	reportsPerYear  = 1  // the steering group's to the partnership board
)

// govShare is the most of each governance kind, per 100 records.
var govShare = map[string]int{"signatures": 12, "nominations": 12, "meetings": 10, "reports": 1}

// consultationsPer100Bulk is how many of every 100 records left after the
// governance ones are consultations; funding decisions are the rest.
const consultationsPer100Bulk = 23

// Counts returns how many records of each kind (consultations, funding,
// meetings, nominations, signatures, reports) a config generates: the
// governance records from the directory (see govShare), the rest
// consultations and funding decisions.
func (c Config) Counts() map[string]int {
	orgs := c.organisations()
	want := map[string]int{"signatures": orgs + orgs/10, "nominations": orgs, "meetings": meetingsPerYear, "reports": reportsPerYear}
	out := map[string]int{}
	left := c.Records
	for _, kind := range []string{"signatures", "nominations", "meetings", "reports"} {
		out[kind] = max(0, min(want[kind], c.Records*govShare[kind]/100, left))
		left -= out[kind]
	}
	out["consultations"] = left * consultationsPer100Bulk / 100
	out["funding"] = left - out["consultations"]
	return out
}

// organisations is the directory's size: Organisations, or one per 50
// records, and never fewer than MinOrganisations.
func (c Config) organisations() int {
	n := c.Organisations
	if n == 0 {
		n = c.Records / 50
	}
	return max(n, MinOrganisations)
}

func (c Config) withDefaults() (Config, error) {
	if c.Records < 0 || c.Records > MaxRecords {
		return c, fmt.Errorf("%w: records: %d is outside 0..%d", ErrConfig, c.Records, MaxRecords)
	}
	if c.Organisations < 0 {
		return c, fmt.Errorf("%w: organisations: %d is negative", ErrConfig, c.Organisations)
	}
	c.Organisations = c.organisations()
	if c.RecordsPerFile <= 0 {
		c.RecordsPerFile = DefaultRecordsPerFile
	}
	if c.Format != FormatYAML && c.Format != FormatJSONL {
		return c, fmt.Errorf("%w: format: %q is not yaml or jsonl", ErrConfig, c.Format)
	}
	return c, nil
}

// Write writes a generated area into dir (made if missing): compact.yaml,
// directory.yaml (directory-NNNN.yaml for more than OrganisationsPerFile
// organisations) and records-NNNN.yaml (or, with FormatJSONL, records.yaml
// holding the period and records-NNNN.jsonl). Every file is written
// atomically.
// It returns the names of the files written.
func Write(dir string, c Config) ([]string, error) {
	c, err := c.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	g := newGen(c)
	var names []string
	write := func(name string, f func(w *bufio.Writer)) error {
		path := filepath.Join(dir, name)
		names = append(names, path)
		return atomicfile.Write(path, 0o644, func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 1<<16)
			f(bw)
			return bw.Flush()
		})
	}
	if err := write("compact.yaml", g.compact); err != nil {
		return nil, err
	}
	dirFiles := (c.Organisations + OrganisationsPerFile - 1) / OrganisationsPerFile
	for i := range dirFiles {
		name := fmt.Sprintf("directory-%04d.yaml", i+1)
		if dirFiles == 1 {
			name = "directory.yaml"
		}
		lo, hi := i*OrganisationsPerFile, min(c.Organisations, (i+1)*OrganisationsPerFile)
		if err := write(name, func(w *bufio.Writer) { g.directory(w, i+1, lo, hi) }); err != nil {
			return nil, err
		}
	}
	files := max(1, (c.Records+c.RecordsPerFile-1)/c.RecordsPerFile)
	if c.Format == FormatJSONL {
		if err := write("records.yaml", g.period); err != nil {
			return nil, err
		}
	}
	for i := range files {
		lo, hi := i*c.RecordsPerFile, min(c.Records, (i+1)*c.RecordsPerFile)
		var err error
		if c.Format == FormatJSONL {
			err = write(fmt.Sprintf("records-%04d.jsonl", i+1), func(w *bufio.Writer) { g.lines(w, lo, hi) })
		} else {
			err = write(fmt.Sprintf("records-%04d.yaml", i+1), func(w *bufio.Writer) { g.records(w, i+1, lo, hi) })
		}
		if err != nil {
			return nil, err
		}
	}
	return names, nil
}

type gen struct {
	c      Config
	counts map[string]int
	public int // organisations 0..public-1 are public bodies
}

func newGen(c Config) *gen {
	return &gen{c: c, counts: c.Counts(), public: max(3, c.Organisations/10)}
}

// rng returns the random source for record i: each record draws from its
// own stream, so a record does not depend on how the records are split
// into files.
func (g *gen) rng(i int) *rand.Rand { return rand.New(rand.NewPCG(g.c.Seed, uint64(i))) }

func org(i int) string    { return fmt.Sprintf("org-%06d", i) }
func person(i int) string { return fmt.Sprintf("person-%06d", i) }

var publicKinds = []string{"local-authority", "nhs-body", "police", "fire-and-rescue", "public-body", "education"}
var vcsKinds = []string{"charity", "community-group", "social-enterprise", "infrastructure-body", "network"}

func (g *gen) compact(w *bufio.Writer) {
	fmt.Fprintf(w, `# A SYNTHETIC area written by compactkit's generator (internal/synth): %d records, %d organisations, seed %d.
apiVersion: compactkit/v1
kind: Compact
id: synthetic-compact
title: The Synthetic Compact
area: Synthetic (generated)
scope: cross-sector
extends: national-2010
governance:
  - id: steering-group
    name: Synthetic Compact Steering Group
    kind: steering-group
    represented: [%s, %s, %s]
    minMeetingsPerYear: 2
    reporting:
      to: partnership-board
      everyMonths: 12
  - id: partnership-board
    name: Synthetic Partnership Board
    kind: board
    external: true
  - id: champions
    name: Synthetic Compact Champions
    kind: champions
    minMeetingsPerYear: 1
signatories:
  - organisation: %s
    signed: 2020-04-01
  - organisation: %s
    signed: 2020-04-01
`, g.c.Records, g.c.Organisations, g.c.Seed, org(0), org(1), org(g.public), org(0), org(g.public))
}

// directory writes organisations lo..hi-1 and their people as Directory
// document number file (the only one when it is numbered 1 and holds
// every organisation).
func (g *gen) directory(w *bufio.Writer, file, lo, hi int) {
	id := "synthetic"
	if hi-lo < g.c.Organisations {
		id = fmt.Sprintf("synthetic-%04d", file)
	}
	fmt.Fprintf(w, "# A SYNTHETIC directory written by compactkit's generator (internal/synth).\napiVersion: compactkit/v1\nkind: Directory\nid: %s\norganisations:\n", id)
	for i := lo; i < hi; i++ {
		if i < g.public {
			fmt.Fprintf(w, "  - {id: %s, name: Public Body %d, sector: public, kind: %s}\n", org(i), i, publicKinds[i%len(publicKinds)])
		} else {
			fmt.Fprintf(w, "  - {id: %s, name: Community Organisation %d, sector: voluntary-community, kind: %s}\n", org(i), i, vcsKinds[i%len(vcsKinds)])
		}
	}
	w.WriteString("people:\n")
	for i := 2 * lo; i < 2*hi; i++ {
		fmt.Fprintf(w, "  - {id: %s, name: Person %d, organisation: %s}\n", person(i), i, org(i/2))
	}
}

// day returns a date in the period.
func day(r *rand.Rand) compact.Date { return periodFrom.AddDays(r.IntN(periodDays)) }

func (g *gen) publicOrg(r *rand.Rand) int { return r.IntN(g.public) }
func (g *gen) vcsOrg(r *rand.Rand) int    { return g.public + r.IntN(g.c.Organisations-g.public) }

// records writes records lo..hi-1 (numbered across the whole area) as one
// Records document.
func (g *gen) records(w *bufio.Writer, file, lo, hi int) {
	fmt.Fprintf(w, "# SYNTHETIC records written by compactkit's generator (internal/synth).\napiVersion: compactkit/v1\nkind: Records\nid: synthetic-%04d\nperiod: 2024-25\n", file)
	start := 0
	for _, k := range kindsInOrder {
		n := g.counts[k.list]
		a, b := max(lo, start), min(hi, start+n)
		if a < b {
			fmt.Fprintf(w, "%s:\n", k.list)
			for i := a; i < b; i++ {
				g.record(w, k.list, i, i-start)
			}
		}
		start += n
	}
}

// kindsInOrder are the record kinds in the order they are generated, each
// with its Records list name and the "record" of its JSON Lines line.
var kindsInOrder = []struct{ list, record string }{
	{"consultations", "consultation"}, {"funding", "funding"}, {"meetings", "meeting"},
	{"nominations", "nomination"}, {"signatures", "signature"}, {"reports", "report"},
}

// period writes the Records document of a JSON Lines area: its period and
// no records.
func (g *gen) period(w *bufio.Writer) {
	w.WriteString("# The period of the SYNTHETIC records in records-NNNN.jsonl, written by compactkit's generator (internal/synth).\napiVersion: compactkit/v1\nkind: Records\nid: synthetic-period\nperiod: 2024-25\n")
}

// lines writes records lo..hi-1 as JSON Lines: each record is written as
// the YAML records file has it, then turned into one JSON line, so both
// formats hold the same records.
func (g *gen) lines(w *bufio.Writer, lo, hi int) {
	var buf bytes.Buffer
	var line []byte
	bw := bufio.NewWriter(&buf)
	start := 0
	for _, k := range kindsInOrder {
		n := g.counts[k.list]
		for i := max(lo, start); i < min(hi, start+n); i++ {
			buf.Reset()
			g.record(bw, k.list, i, i-start)
			bw.Flush()
			if buf.Len() == 0 {
				continue // a nomination with nobody to nominate
			}
			line = yamlItemToJSON(line[:0], k.record, buf.Bytes())
			w.Write(line)
		}
		start += n
	}
}

// yamlItemToJSON turns one YAML list item ("  - id: x\n    title: y") into
// a JSON Lines record of the kind, its fields in the order written: dates
// and other plain scalars that are not numbers or booleans are strings.
func yamlItemToJSON(dst []byte, record string, item []byte) []byte {
	var n yaml.Node
	if err := yaml.Unmarshal(item, &n); err != nil {
		panic(fmt.Sprintf("synth: a generated record is not YAML: %v\n%s", err, item)) // the generator's own text
	}
	m := n.Content[0].Content[0] // document > list > the item
	dst = append(dst, `{"record":`...)
	dst = strconv.AppendQuote(dst, record)
	for i := 0; i+1 < len(m.Content); i += 2 {
		dst = append(dst, ',')
		dst = strconv.AppendQuote(dst, m.Content[i].Value)
		dst = append(dst, ':')
		dst = appendJSONValue(dst, m.Content[i+1])
	}
	return append(dst, "}\n"...)
}

func appendJSONValue(dst []byte, v *yaml.Node) []byte {
	if v.Kind == yaml.SequenceNode {
		dst = append(dst, '[')
		for j, c := range v.Content {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONValue(dst, c)
		}
		return append(dst, ']')
	}
	switch v.ShortTag() {
	case "!!int", "!!float", "!!bool":
		return append(dst, v.Value...)
	}
	b, _ := json.Marshal(v.Value) // a string: never fails
	return append(dst, b...)
}

func (g *gen) record(w *bufio.Writer, kind string, i, k int) {
	r := g.rng(i)
	switch kind {
	case "consultations":
		g.consultation(w, r, k)
	case "funding":
		g.funding(w, r, k)
	case "meetings":
		g.meeting(w, r, k)
	case "nominations":
		g.nomination(w, r, k)
	case "signatures":
		g.signature(w, r, k)
	case "reports":
		fmt.Fprintf(w, "  - {id: rep-%07d, body: steering-group, to: partnership-board, period: 2024-25, delivered: %s}\n", k, day(r))
	}
}

func (g *gen) consultation(w *bufio.Writer, r *rand.Rand, k int) {
	opens := day(r)
	weeks := 12 + r.IntN(3)
	short := r.IntN(5) == 0
	if short {
		weeks = 4 + r.IntN(6)
	}
	closes := opens.AddDays(7*weeks - 1)
	fmt.Fprintf(w, "  - id: cons-%07d\n    title: Consultation %d\n    owner: %s\n    opens: %s\n    closes: %s\n", k, k, org(g.publicOrg(r)), opens, closes)
	if r.IntN(10) < 7 {
		w.WriteString("    formal: true\n")
	}
	if short && r.IntN(2) == 0 {
		w.WriteString("    shortPeriodRationale: The decision is due before the budget is set.\n")
	}
	if r.IntN(5) != 0 {
		fmt.Fprintf(w, "    feedbackPublished: %s\n    responses: %d\n", closes.AddDays(14+r.IntN(100)), r.IntN(2000))
	}
}

func (g *gen) funding(w *bufio.Writer, r *rand.Rand, k int) {
	decided := day(r)
	fmt.Fprintf(w, "  - id: fund-%07d\n    title: Grant %d\n    funder: %s\n    recipient: %s\n", k, k, org(g.publicOrg(r)), org(g.vcsOrg(r)))
	amount := 1000 * (1 + r.IntN(100))
	switch x := r.IntN(100); {
	case x < 70:
		kind := "new"
		if x >= 40 {
			kind = "renewal"
		}
		term := []int{12, 24, 36, 36}[r.IntN(4)]
		start := decided.AddDays(14 + r.IntN(60))
		fmt.Fprintf(w, "    kind: %s\n    amount: %d\n    decided: %s\n    reasons: Meets the programme's priorities.\n    start: %s\n    end: %s\n    termMonths: %d\n",
			kind, amount, decided, start, start.AddMonths(term).AddDays(-1), term)
		if term < 36 && r.IntN(2) == 0 {
			w.WriteString("    termReasons: The programme is funded for one year at a time.\n")
		}
		pay := start.AddDays(r.IntN(40) - 10)
		fmt.Fprintf(w, "    firstPayment: %s\n", pay)
		if r.IntN(3) != 0 {
			w.WriteString("    fullCostRecovery: true\n")
		}
	default:
		kind := "reduction"
		if x >= 85 {
			kind = "ending"
		}
		fmt.Fprintf(w, "    kind: %s\n    previousAmount: %d\n", kind, amount)
		if kind == "reduction" {
			fmt.Fprintf(w, "    amount: %d\n", amount/2)
		}
		notice := decided.AddDays(1 + r.IntN(7))
		fmt.Fprintf(w, "    decided: %s\n    reasons: The budget falls.\n    impactAssessed: %s\n    responseInvited: %s\n    responseConsidered: %s\n    noticeGiven: %s\n    noticeForm: %s\n    effective: %s\n",
			decided, decided.AddDays(-20-r.IntN(20)), decided.AddDays(-30-r.IntN(10)), decided.AddDays(-r.IntN(10)-1),
			notice, []string{"written", "written", "written", "verbal"}[r.IntN(4)], notice.AddMonths(2+r.IntN(4)))
	}
}

func (g *gen) meeting(w *bufio.Writer, r *rand.Rand, k int) {
	body := "champions"
	if r.IntN(5) < 2 {
		body = "steering-group"
	}
	fmt.Fprintf(w, "  - id: meet-%07d\n    body: %s\n    date: %s\n    attendees: [", k, body, day(r))
	n := 2 + r.IntN(5)
	first, people := r.IntN(2*g.c.Organisations), 2*g.c.Organisations
	for j := range n {
		if j > 0 {
			w.WriteString(", ")
		}
		w.WriteString(person((first + 7*j) % people)) // distinct: people > 7*6
	}
	w.WriteString("]\n")
}

// Nominations and signatures are laid out so the area validates: every
// organisation that nominates signs first (signatures 0..M-1 sign each
// organisation before 2021-04-01; later ones re-sign, and one in twenty of
// those withdraws during the period), and each person's nominations are
// consecutive terms that never overlap, inside 2021-04-01..2024-03-31.
var (
	firstSigned = compact.MustParseDate("2020-04-01")
	nomFrom     = compact.MustParseDate("2021-04-01")
	nomDays     = 1096
)

// signed returns how many organisations sign (and so may nominate).
func (g *gen) signed() int { return min(g.c.Organisations, g.counts["signatures"]) }

func (g *gen) nomination(w *bufio.Writer, r *rand.Rand, k int) {
	people := 2 * g.signed()
	if people == 0 {
		return
	}
	p, slot := k%people, k/people
	slots := (g.counts["nominations"] + people - 1) / people
	length := max(1, nomDays/slots)
	role := "compact-champion"
	if p%5 == 0 {
		role = "steering-group-member"
	}
	from := nomFrom.AddDays(slot * length)
	fmt.Fprintf(w, "  - id: nom-%07d\n    role: %s\n    organisation: %s\n    person: %s\n    from: %s\n", k, role, org(p/2), person(p), from)
	if slot < slots-1 || r.IntN(4) == 0 {
		fmt.Fprintf(w, "    to: %s\n", from.AddDays(length-1))
	}
}

func (g *gen) signature(w *bufio.Writer, r *rand.Rand, k int) {
	o := k % g.c.Organisations
	signed := firstSigned.AddDays(r.IntN(300))
	if k >= g.c.Organisations {
		signed = periodFrom.AddDays(-r.IntN(2 * periodDays))
	}
	fmt.Fprintf(w, "  - id: sig-%07d\n    organisation: %s\n    position: Chief Executive\n    signed: %s\n", k, org(o), signed)
	if r.IntN(3) != 0 {
		w.WriteString("    writtenCommitment: true\n")
	}
	if k >= g.c.Organisations && r.IntN(20) == 0 {
		fmt.Fprintf(w, "    withdrawn: %s\n", periodFrom.AddDays(r.IntN(periodDays)))
	}
}
