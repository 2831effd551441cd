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

func (fi *fileImport) ocdsAward(ocid, relPtr string, a, buyer map[string]any, parties map[string]map[string]any) error {
	ptr, _ := a[ptrKey].(string)
	if ptr == "" {
		ptr = relPtr
	}
	at := func(field string) (compact.Position, string) { return fi.pos(ptr + "/" + field), ptr + "/" + field }
	if st, _ := a["status"].(string); st == "cancelled" || st == "unsuccessful" || st == "pending" {
		fi.res.Left["award with status "+st]++
		return nil
	}
	awardID := str(a["id"])
	bad := false
	dateOf := func(field, s string) compact.Date {
		if s == "" {
			return compact.Date{}
		}
		d, err := civilDate(s)
		if err != nil || !plausible(d) {
			pos, p := at(field)
			if err == nil {
				err = fmt.Errorf("%s is not a plausible date (after %d)", s, MaxPlausibleYear)
			}
			fi.problem(pos, p, compact.ErrValue, "%s", err)
			bad = true
		}
		return d
	}
	decided := dateOf("date", str(a["date"]))
	period := asMap(a["contractPeriod"])
	start, end := dateOf("contractPeriod/startDate", str(period["startDate"])), dateOf("contractPeriod/endDate", str(period["endDate"]))
	if decided.IsZero() && !bad {
		pos, p := at("date")
		fi.problem(pos, p, compact.ErrMissing, "the award has no date")
		bad = true
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		pos, p := at("contractPeriod/endDate")
		fi.problem(pos, p, compact.ErrOrder, "the contract ends on %s, before it starts on %s", end, start)
		bad = true
	}
	suppliers := asList(a["suppliers"])
	if len(suppliers) == 0 {
		fi.res.Unknown["award with no suppliers"]++
		bad = true
	}
	if bad {
		fi.res.Skipped++
		return nil
	}
	if start.IsZero() || end.IsZero() {
		fi.res.Unknown["contractPeriod: duration not published"]++
	}
	amount := 0.0
	value := asMap(a["value"])
	if n, ok := value["amount"].(json.Number); ok {
		if cur := str(value["currency"]); cur == "" || cur == "GBP" {
			amount, _ = n.Float64()
		} else {
			fi.res.Unmapped["awards.value in "+cur]++
		}
	}
	funderRef := fi.ocdsParty(buyer, parties, "buyer")
	funder, err := fi.dir.resolve(funderRef)
	if err != nil {
		fi.res.Unknown["award with no buyer"]++
		fi.res.Skipped++
		return nil
	}
	for i, s := range suppliers {
		ref := fi.ocdsParty(s, parties, "supplier")
		recipient, err := fi.dir.resolve(ref)
		if err != nil {
			pos, p := at("suppliers/" + strconv.Itoa(i))
			fi.problem(pos, p, compact.ErrMissing, "the supplier has no id or name")
			continue
		}
		id := recordID(ocid + "-" + strings.TrimPrefix(awardID, ocid+"-"))
		if len(suppliers) > 1 {
			id += "-" + strconv.Itoa(i+1)
		}
		if recipient == funder {
			pos, p := at("suppliers/" + strconv.Itoa(i))
			fi.problem(pos, p, compact.ErrValue, "the supplier is the buyer: funder and recipient are the same organisation")
			continue
		}
		if fi.dir.recordIDs[id] != "" {
			pos, p := at("id")
			fi.problem(pos, p, compact.ErrDuplicate, "record id %q is already used in %s", id, fi.dir.recordIDs[id])
			continue
		}
		if fi.w.has(id) {
			pos, p := at("id")
			fi.problem(pos, p, compact.ErrDuplicate, "award %q of %s is given twice", awardID, ocid)
			continue
		}
		title := str(a["title"])
		fd := compact.FundingDecision{ID: id, Title: title, Funder: funder, Recipient: recipient, Kind: compact.FundingNew,
			Amount: amount, Decided: decided, Start: start, End: end,
			Provenance: &compact.Provenance{Source: string(OCDS), File: fi.file, Pointer: ptr, ID: ocid}}
		if err := fi.w.add(id, &fd, decided, decided); err != nil {
			return err
		}
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
