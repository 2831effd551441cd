package compact

import "slices"

// Records streamed past an area (the lines of a JSON Lines records file,
// see [DecodeRecordLine]) are not the area's, but a [RecordChecker] checks
// them as NewArea checks its own: each id valid and not used before by a
// record of the kind (in the stream or the area's YAML records), every
// organisation, person and body a record names known, dates in order, no
// negative amounts. The problems are the ones NewArea reports, with the
// same class and message, at the record's file:line:column, with the path
// of the field inside the record ("funder", "attendees[2]").

// RecordChecker checks records that stream past an area, one after
// another, with the checks NewArea makes on each of the area's records.
// For the ids it holds a 64-bit hash of each record's kind and id (FNV-1a)
// and where it was first used (about 25 bytes a record: 25 MB for a
// million), not the id itself: two different ids are taken for one with
// probability about n²/2⁶⁵ for n records (3×10⁻⁸ for a million, 3×10⁻⁴
// for a hundred million), and the later record is then reported a
// duplicate of the other. One RecordChecker is for one goroutine.
type RecordChecker struct {
	c   areaCheck
	ids *hashedIDs
}

// NewRecordChecker returns a checker of records streamed past the area,
// which knows the ids of the area's own records.
func (a *Area) NewRecordChecker() *RecordChecker {
	ids := &hashedIDs{first: map[uint64]idAt{}}
	rc := &RecordChecker{ids: ids, c: areaCheck{check: check{p: &problems{}}, a: a, consultations: ids,
		funding: ids, meetings: ids, nominations: ids, signatures: ids, reports: ids}}
	rc.c.checkRecords(&a.Records) // valid (NewArea checked them): this notes their ids
	rc.c.p.list = nil
	return rc
}

// Check checks a record that streams past the area (a *Consultation,
// *FundingDecision, *Meeting, *Nomination, *Signature or *Report), notes
// its id, and returns its problems as [Errors], or nil. Its facts are typed
// already (a [RecordDecoder] types them); the ids reference facts hold are
// checked here.
func (rc *RecordChecker) Check(rec any) error {
	rc.c.checkRecord("", rec)
	list := rc.c.p.list
	rc.c.p.list = nil
	if len(list) == 0 {
		return nil
	}
	return list
}

// IDs is how many ids the checker holds.
func (rc *RecordChecker) IDs() int { return len(rc.ids.first) }

// hashedIDs are the ids of a stream, hashed with their kind.
type hashedIDs struct {
	first map[uint64]idAt
	files []string // the files of first positions, indexed by idAt.file
}

// idAt is where an id was first used.
type idAt struct{ file, line, column uint32 }

func (h *hashedIDs) use(what, id string, pos Position) (Position, bool) {
	k := hashKindID(what, id)
	if at, dup := h.first[k]; dup {
		return Position{File: h.files[at.file], Line: int(at.line), Column: int(at.column)}, true
	}
	f := len(h.files) - 1 // records come a file at a time: most often the last one
	if f < 0 || h.files[f] != pos.File {
		f = slices.Index(h.files, pos.File)
	}
	if f < 0 {
		f = len(h.files)
		h.files = append(h.files, pos.File)
	}
	h.first[k] = idAt{file: uint32(f), line: uint32(pos.Line), column: uint32(pos.Column)}
	return Position{}, false
}

// hashKindID is the 64-bit FNV-1a hash of kind, a zero byte and id.
func hashKindID(kind, id string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(kind); i++ {
		h = (h ^ uint64(kind[i])) * prime
	}
	h *= prime // the zero byte
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * prime
	}
	return h
}

// WithRecords returns an area like a with extra records after its own: the
// records of collections (meetings, nominations, signatures, reports) a
// streaming check accumulates, so the subjects that need every record are
// built by the code that builds them for the area. extra is not checked
// (see [RecordChecker]) and its lists are shared, not copied, where a has
// none of the kind; a is not changed.
func (a *Area) WithRecords(extra *Records) *Area {
	b := &Area{Name: a.Name, Path: a.Path, Compact: a.Compact, Directory: a.Directory, Records: a.Records,
		Documents: a.Documents, Library: a.Library, Warnings: a.Warnings, source: a.source, idx: a.idx}
	r := &b.Records
	r.Consultations = after(r.Consultations, extra.Consultations)
	r.Funding = after(r.Funding, extra.Funding)
	r.Meetings = after(r.Meetings, extra.Meetings)
	r.Nominations = after(r.Nominations, extra.Nominations)
	r.Signatures = after(r.Signatures, extra.Signatures)
	r.Reports = after(r.Reports, extra.Reports)
	return b
}

// after returns the records of list then those of extra: extra itself
// when list is empty (the usual case of a stream, whose area has its
// records in the stream), so a national stream's records are not copied.
func after[T any](list, extra []T) []T {
	if len(list) == 0 {
		return extra
	}
	return slices.Concat(list, extra)
}
