package compact

import "slices"

// Records streamed past an area (the lines of a JSON Lines records file,
// see [DecodeRecordLine]) are not the area's, but they are checked as its
// own are: [Area.CheckRecord] makes the checks NewArea makes on each
// record (valid id, every organisation, person and body it names known,
// dates in order, no negative amounts), and [RecordIDs] that no two
// records of a kind share an id, across the stream and the area's YAML
// records. The problems are the ones NewArea reports, with the same class
// and message, at the record's file:line:column, with the path of the
// field inside the record ("funder", "attendees[2]").

// CheckRecord checks a record that streams past the area (a
// *Consultation, *FundingDecision, *Meeting, *Nomination, *Signature or
// *Report) with the checks NewArea makes on each of the area's records,
// but for the uniqueness of its id (see [RecordIDs]), and returns the
// problems as [Errors], or nil. Its facts are typed already (a
// [RecordDecoder] types them); the ids reference facts hold are checked
// here. It is safe to call from several goroutines at once.
func (a *Area) CheckRecord(rec any) error {
	c := &areaCheck{check: check{p: &problems{}}, a: a}
	c.checkRecord("", rec)
	return c.p.err()
}

// RecordIDs remembers the ids of streamed records, of each kind, to report
// one used twice: by two streamed records, or by a streamed record and one
// of the area's YAML records of the kind. It holds a 64-bit hash of each
// kind and id (FNV-1a) and where it was first used (24 bytes a record in
// the map, about 25 MB for a million records), not the id itself: two
// different ids are taken for one with probability about n²/2⁶⁵ for n
// records (3×10⁻⁸ for a million, 3×10⁻⁴ for a hundred million), and the
// record then reported a duplicate of the other. One RecordIDs is for one
// goroutine.
type RecordIDs struct {
	first map[uint64]idAt
	files []string // the files of first positions, indexed by idAt.file
}

// idAt is where an id was first used.
type idAt struct{ file, line, column uint32 }

// NewRecordIDs returns the ids of the area's YAML records, to which Add
// adds streamed ones.
func (a *Area) NewRecordIDs() *RecordIDs {
	ids := &RecordIDs{first: map[uint64]idAt{}}
	r := &a.Records
	addIDs(ids, r.Consultations)
	addIDs(ids, r.Funding)
	addIDs(ids, r.Meetings)
	addIDs(ids, r.Nominations)
	addIDs(ids, r.Signatures)
	addIDs(ids, r.Reports)
	return ids
}

// addIDs adds the ids of a list of records (valid: NewArea checked them).
func addIDs[T any](ids *RecordIDs, list []T) {
	for i := range list {
		_ = ids.Add(&list[i])
	}
}

// Add adds a record's id, and returns the problem NewArea reports for an
// id used before ([ErrDuplicate], "funding decision id "f-1" is already
// used at FILE:LINE:COL"), or nil. A record without an id (a signature may
// have none) and a value that is not a record are ignored.
func (ids *RecordIDs) Add(rec any) *Error {
	kind, what, id, src := recordID(rec)
	if id == "" {
		return nil
	}
	h := hashKindID(kind, id)
	if at, dup := ids.first[h]; dup {
		p := &problems{}
		c := &check{p: p}
		first := Position{File: ids.files[at.file], Line: int(at.line), Column: int(at.column)}
		c.id(seenIDs{id: first}, "id", src, id, what)
		return p.list[0]
	}
	f := slices.Index(ids.files, src.File)
	if f < 0 {
		f = len(ids.files)
		ids.files = append(ids.files, src.File)
	}
	ids.first[h] = idAt{file: uint32(f), line: uint32(src.Line), column: uint32(src.Column)}
	return nil
}

// Len is how many ids there are.
func (ids *RecordIDs) Len() int { return len(ids.first) }

// recordID returns a record's kind (as in JSON Lines), the words for it in
// messages, its id and its source.
func recordID(rec any) (kind, what, id string, src Position) {
	switch x := rec.(type) {
	case *Consultation:
		return "consultation", "consultation", x.ID, x.Source
	case *FundingDecision:
		return "funding", "funding decision", x.ID, x.Source
	case *Meeting:
		return "meeting", "meeting", x.ID, x.Source
	case *Nomination:
		return "nomination", "nomination", x.ID, x.Source
	case *Signature:
		return "signature", "signature", x.ID, x.Source
	case *Report:
		return "report", "report", x.ID, x.Source
	}
	return "", "", "", Position{}
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
// (see [Area.CheckRecord] and [RecordIDs]); a is not changed.
func (a *Area) WithRecords(extra *Records) *Area {
	b := &Area{Name: a.Name, Path: a.Path, Compact: a.Compact, Directory: a.Directory, Records: a.Records,
		Documents: a.Documents, Library: a.Library, Warnings: a.Warnings, source: a.source, idx: a.idx}
	r := &b.Records
	r.Consultations = slices.Concat(r.Consultations, extra.Consultations)
	r.Funding = slices.Concat(r.Funding, extra.Funding)
	r.Meetings = slices.Concat(r.Meetings, extra.Meetings)
	r.Nominations = slices.Concat(r.Nominations, extra.Nominations)
	r.Signatures = slices.Concat(r.Signatures, extra.Signatures)
	r.Reports = slices.Concat(r.Reports, extra.Reports)
	return b
}
