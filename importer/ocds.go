package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// The release and award fields the importer reads; the others are counted
// as unmapped, once per contracting process or award.
var (
	ocdsMappedRelease = map[string]bool{"ocid": true, "id": true, "date": true, "tag": true, "buyer": true, "parties": true, "awards": true, ptrKey: true}
	ocdsMappedAward   = map[string]bool{"id": true, "status": true, "date": true, "value": true, "suppliers": true, "contractPeriod": true, "title": true, ptrKey: true}
)

// ocdsUnmapped counts an object's fields that no record field takes.
func (fi *fileImport) ocdsUnmapped(obj map[string]any, mapped map[string]bool, prefix string) {
	for k, v := range obj {
		if !mapped[k] && v != nil {
			fi.res.Unmapped[prefix+k]++
		}
	}
}

// ptrKey is where a merged object remembers the JSON pointer of the
// release it was last taken from; no OCDS field name starts with a NUL.
const ptrKey = "\x00ptr"

// ocdsRelease is one release with its place in the file.
type ocdsRelease struct {
	ptr  string
	date string
	rel  map[string]any
}

// ocds imports an OCDS release package (releases of one contracting
// process, by ocid, are merged in date order) or record package (each
// record's compiledRelease, or its releases merged).
func (fi *fileImport) ocds() error {
	data, err := fi.readJSON()
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var pkg struct {
		Releases []map[string]any `json:"releases"`
		Records  []struct {
			OCID            string           `json:"ocid"`
			Releases        []map[string]any `json:"releases"`
			CompiledRelease map[string]any   `json:"compiledRelease"`
		} `json:"records"`
	}
	if err := dec.Decode(&pkg); err != nil {
		fi.problem(jsonErrorPos(fi.file, data, err), "", compact.ErrSyntax, "%s", err)
		return nil
	}
	var processes [][]ocdsRelease
	byOCID := map[string]int{}
	for i, r := range pkg.Releases {
		ptr := "/releases/" + strconv.Itoa(i)
		ocid, _ := r["ocid"].(string)
		if ocid == "" {
			pos := fi.pos(ptr)
			fi.problem(pos, ptr+"/ocid", compact.ErrMissing, "the release has no ocid")
			fi.res.Skipped++
			continue
		}
		date, _ := r["date"].(string)
		k, ok := byOCID[ocid]
		if !ok {
			k = len(processes)
			byOCID[ocid] = k
			processes = append(processes, nil)
		}
		processes[k] = append(processes[k], ocdsRelease{ptr, date, r})
	}
	for i, rec := range pkg.Records {
		ptr := "/records/" + strconv.Itoa(i)
		if rec.CompiledRelease != nil {
			processes = append(processes, []ocdsRelease{{ptr + "/compiledRelease", "", rec.CompiledRelease}})
			continue
		}
		var rels []ocdsRelease
		for j, r := range rec.Releases {
			if _, linked := r["url"]; linked && r["ocid"] == nil {
				continue // a linked release: only its url, date and tag
			}
			date, _ := r["date"].(string)
			rels = append(rels, ocdsRelease{ptr + "/releases/" + strconv.Itoa(j), date, r})
		}
		if len(rels) == 0 {
			fi.res.Unknown["record with neither compiledRelease nor embedded releases"]++
			continue
		}
		processes = append(processes, rels)
	}
	for _, rels := range processes {
		if err := fi.ctx.Err(); err != nil {
			return err
		}
		if err := fi.ocdsProcess(rels); err != nil {
			return err
		}
	}
	return nil
}

// ocdsProcess merges the releases of one contracting process in date order
// (RFC 3339 instants compared as instants, ties in file order) and writes
// one funding decision per award and supplier.
func (fi *fileImport) ocdsProcess(rels []ocdsRelease) error {
	sortReleases(rels)
	merged := map[string]any{}
	for _, r := range rels {
		mergeRelease(merged, r.rel, r.ptr)
	}
	last := rels[len(rels)-1]
	fi.ocdsUnmapped(merged, ocdsMappedRelease, "")
	ocid, _ := merged["ocid"].(string)
	awards, _ := merged["awards"].([]any)
	if len(awards) == 0 {
		fi.res.Left["contracting process with no award (tender or planning notice)"]++
		return nil
	}
	parties := map[string]map[string]any{}
	for _, p := range asList(merged["parties"]) {
		if id, _ := p["id"].(string); id != "" {
			parties[id] = p
		}
	}
	buyer := asMap(merged["buyer"])
	for _, a := range asList(awards) {
		if err := fi.ocdsAward(ocid, last.ptr, a, buyer, parties); err != nil {
			return err
		}
	}
	return nil
}

// ocdsAward writes one funding decision per supplier of an award.
func (fi *fileImport) ocdsAward(ocid, relPtr string, a, buyer map[string]any, parties map[string]map[string]any) error {
	ptr, _ := a[ptrKey].(string)
	if ptr == "" {
		ptr = relPtr
	}
	aw := &ocdsAwardCheck{fi: fi, ptr: ptr, a: a, ok: true}
	fi.ocdsUnmapped(a, ocdsMappedAward, "awards.")
	if st, _ := a["status"].(string); st == "cancelled" || st == "unsuccessful" || st == "pending" {
		fi.res.Left["award with status "+st]++
		return nil
	}
	fd := compact.FundingDecision{Kind: compact.FundingNew, Title: str(a["title"])}
	aw.dates(&fd)
	aw.amount(&fd)
	suppliers := asList(a["suppliers"])
	if len(suppliers) == 0 {
		fi.res.Unknown["award with no suppliers"]++
		aw.ok = false
	}
	if !aw.ok {
		fi.res.Skipped++
		return nil
	}
	if fd.Start.IsZero() || fd.End.IsZero() {
		fi.res.Unknown["contractPeriod: duration not published"]++
	}
	funder, err := fi.dir.resolve(fi.ocdsParty(buyer, parties, "buyer"))
	if err != nil {
		fi.res.Unknown["award with no buyer"]++
		fi.res.Skipped++
		return nil
	}
	fd.Funder = funder
	awardID := strings.TrimPrefix(str(a["id"]), ocid+"-")
	for i, s := range suppliers {
		id := recordID(ocid + "-" + awardID)
		if len(suppliers) > 1 {
			id += "-" + strconv.Itoa(i+1)
		}
		rec := fd
		rec.ID = id
		rec.Provenance = &compact.Provenance{Source: string(OCDS), File: fi.file, Pointer: ptr, ID: ocid}
		if err := aw.supplier(&rec, i, fi.ocdsParty(s, parties, "supplier")); err != nil {
			return err
		}
	}
	return nil
}

// ocdsAwardCheck reads one award's values, reporting each bad one.
type ocdsAwardCheck struct {
	fi  *fileImport
	ptr string // the award's JSON pointer
	a   map[string]any
	ok  bool
}

func (aw *ocdsAwardCheck) fail(field string, class error, format string, args ...any) {
	p := aw.ptr + "/" + field
	aw.fi.problem(aw.fi.pos(p), p, class, format, args...)
	aw.ok = false
}

func (aw *ocdsAwardCheck) date(field, s string) compact.Date {
	if s == "" {
		return compact.Date{}
	}
	d, err := civilDate(s)
	if err == nil && !plausible(d) {
		err = fmt.Errorf("%s is not a plausible date (after %d)", s, MaxPlausibleYear)
	}
	if err != nil {
		aw.fail(field, compact.ErrValue, "%s", err)
	}
	return d
}

// dates reads the award's date (required) and its contract period.
func (aw *ocdsAwardCheck) dates(fd *compact.FundingDecision) {
	fd.Decided = aw.date("date", str(aw.a["date"]))
	period := asMap(aw.a["contractPeriod"])
	fd.Start = aw.date("contractPeriod/startDate", str(period["startDate"]))
	fd.End = aw.date("contractPeriod/endDate", str(period["endDate"]))
	if fd.Decided.IsZero() && aw.ok {
		aw.fail("date", compact.ErrMissing, "the award has no date")
	}
	if !fd.Start.IsZero() && !fd.End.IsZero() && fd.End.Before(fd.Start) {
		aw.fail("contractPeriod/endDate", compact.ErrOrder, "the contract ends on %s, before it starts on %s", fd.End, fd.Start)
	}
}

// amount reads the award's value, in pounds.
func (aw *ocdsAwardCheck) amount(fd *compact.FundingDecision) {
	value := asMap(aw.a["value"])
	n, ok := value["amount"].(json.Number)
	if !ok {
		return
	}
	if cur := str(value["currency"]); cur != "" && cur != "GBP" {
		aw.fi.res.Unmapped["awards.value in "+cur]++
		return
	}
	f, err := n.Float64()
	if err != nil || f < 0 {
		aw.fail("value/amount", compact.ErrValue, "%s is not an amount", n)
		return
	}
	fd.Amount = f
}

// supplier writes the award's record for one supplier.
func (aw *ocdsAwardCheck) supplier(fd *compact.FundingDecision, i int, ref orgRef) error {
	fi, at := aw.fi, "suppliers/"+strconv.Itoa(i)
	recipient, err := fi.dir.resolve(ref)
	switch {
	case err != nil:
		aw.fail(at, compact.ErrMissing, "the supplier has no id or name")
	case recipient == fd.Funder:
		aw.fail(at, compact.ErrValue, "the supplier is the buyer: funder and recipient are the same organisation")
	case fi.dir.recordIDs[fd.ID] != "":
		aw.fail("id", compact.ErrDuplicate, "record id %q is already used in %s", fd.ID, fi.dir.recordIDs[fd.ID])
	case fi.w.has(fd.ID):
		aw.fail("id", compact.ErrDuplicate, "award %q of %s is given twice", str(aw.a["id"]), fd.Provenance.ID)
	default:
		fd.Recipient = recipient
		return fi.add(fd.ID, fd, fd.Provenance, fd.Decided, fd.Decided)
	}
	return nil
}

// ocdsParty reads an organisation reference ({id, name}) with what its
// party entry says: its identifier, and for a supplier whether it is a
// VCSE (details.vcse, a Crown Commercial Service extension). A supplier
// marked vcse false is not thereby private; its sector stays unknown.
func (fi *fileImport) ocdsParty(ref map[string]any, parties map[string]map[string]any, role string) orgRef {
	id, name := str(ref["id"]), str(ref["name"])
	p := parties[id]
	r := orgRef{Name: name, Sector: compact.SectorUnknown, Kind: compact.OrgUnknown}
	if p != nil {
		if r.Name == "" {
			r.Name = str(p["name"])
		}
		ident := asMap(p["identifier"])
		if scheme, pid := str(ident["scheme"]), str(ident["id"]); scheme != "" && pid != "" && orgIDPattern.MatchString(scheme+"-"+pid) {
			r.OrgID = scheme + "-" + pid
			r.Sector, r.Kind = sectorOf(r.OrgID)
		}
		details := asMap(p["details"])
		switch v := details["vcse"].(type) {
		case bool:
			if v {
				r.Sector = compact.SectorVoluntaryCommunity
			}
		default:
			if role == "supplier" {
				fi.res.Unknown["supplier: VCSE status (parties.details.vcse) not published"]++
			}
		}
	}
	if r.OrgID == "" {
		if orgIDPattern.MatchString(id) {
			r.OrgID = id
		} else {
			r.LocalID = id
		}
	}
	return r
}

// sortReleases orders releases by date, as instants; a release with no
// date, or one that does not parse, goes first, and ties keep file order.
func sortReleases(rels []ocdsRelease) {
	slices.SortStableFunc(rels, func(a, b ocdsRelease) int {
		da, ea := parseInstant(a.date)
		db, eb := parseInstant(b.date)
		switch {
		case ea != nil && eb != nil:
			return 0
		case ea != nil:
			return -1
		case eb != nil:
			return 1
		}
		return da.Compare(db)
	})
}

// mergeRelease merges src into dst by the OCDS merge rules: objects field
// by field, lists of objects with ids by id, anything else replaced; a
// null removes the field. Objects merged from src remember src's pointer.
func mergeRelease(dst, src map[string]any, ptr string) {
	for k, v := range src {
		switch sv := v.(type) {
		case nil:
			delete(dst, k)
		case map[string]any:
			dv, ok := dst[k].(map[string]any)
			if !ok {
				dv = map[string]any{}
				dst[k] = dv
			}
			mergeRelease(dv, sv, ptr+"/"+escapePointer(k))
		case []any:
			dst[k] = mergeList(asAnyList(dst[k]), sv, ptr+"/"+escapePointer(k))
		default:
			dst[k] = v
		}
	}
	dst[ptrKey] = ptr
}

func mergeList(dst, src []any, ptr string) []any {
	byID := map[string]int{}
	for i, x := range dst {
		if m, ok := x.(map[string]any); ok {
			if id := str(m["id"]); id != "" {
				byID[id] = i
			}
		}
	}
	allIDs := len(src) > 0
	for _, x := range src {
		m, ok := x.(map[string]any)
		if !ok || str(m["id"]) == "" {
			allIDs = false
		}
	}
	if !allIDs {
		out := make([]any, len(src))
		for i, x := range src {
			if m, ok := x.(map[string]any); ok {
				c := map[string]any{}
				mergeRelease(c, m, ptr+"/"+strconv.Itoa(i))
				out[i] = c
			} else {
				out[i] = x
			}
		}
		return out
	}
	for i, x := range src {
		m := x.(map[string]any)
		if j, ok := byID[str(m["id"])]; ok {
			d, _ := dst[j].(map[string]any)
			if d == nil {
				d = map[string]any{}
				dst[j] = d
			}
			mergeRelease(d, m, ptr+"/"+strconv.Itoa(i))
			continue
		}
		c := map[string]any{}
		mergeRelease(c, m, ptr+"/"+strconv.Itoa(i))
		byID[str(m["id"])] = len(dst)
		dst = append(dst, c)
	}
	return dst
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	}
	return ""
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asAnyList(v any) []any {
	l, _ := v.([]any)
	return l
}

func asList(v any) []map[string]any {
	var out []map[string]any
	for _, x := range asAnyList(v) {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
