package compact

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Library holds documents that areas may build on: the national compact, the
// national rule pack, the reference role catalogue. When a document extends
// another by id, the area's own documents are searched first, then the
// library. A nil *Library is an empty library.
type Library struct {
	docs []*Document
	byID map[libKey]*Document
}

type libKey struct {
	kind Kind
	id   string
}

// NewLibrary builds a library from documents. Two documents of the same kind
// and id are an error.
func NewLibrary(docs ...*Document) (*Library, error) {
	l := &Library{byID: map[libKey]*Document{}}
	if err := l.add(docs); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *Library) add(docs []*Document) error {
	var errs Errors
	for _, d := range docs {
		if d.ID == "" {
			continue // documents without an id cannot be extended
		}
		k := libKey{d.Kind, d.ID}
		if first, dup := l.byID[k]; dup {
			if first.Pos == d.Pos {
				continue // the same file added twice
			}
			errs = append(errs, &Error{Pos: d.Pos, Path: "id", Err: ErrDuplicate,
				Msg: fmt.Sprintf("%s %q is already in the library from %s", d.Kind, d.ID, first.Pos)})
			continue
		}
		l.byID[k] = d
		l.docs = append(l.docs, d)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// LoadLibrary reads a library from folders (or files) of documents.
func LoadLibrary(paths ...string) (*Library, error) {
	var docs []*Document
	var errs Errors
	for _, p := range paths {
		d, _, err := readPath(p, readLimits{})
		errs = append(errs, AsErrors(err)...)
		docs = append(docs, d...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return NewLibrary(docs...)
}

// LibraryFS reads a library from a file system, such as an embed.FS.
func LibraryFS(fsys fs.FS, root, prefix string) (*Library, error) {
	docs, err := ReadFS(fsys, root, prefix)
	if err != nil {
		return nil, err
	}
	return NewLibrary(docs...)
}

// With returns a library holding l's documents and then other's; other's
// are found only where l has no document of that kind and id.
func (l *Library) With(other *Library) *Library {
	out := &Library{byID: map[libKey]*Document{}}
	for _, src := range []*Library{l, other} {
		if src == nil {
			continue
		}
		for _, d := range src.docs {
			if _, ok := out.byID[libKey{d.Kind, d.ID}]; !ok {
				out.byID[libKey{d.Kind, d.ID}] = d
				out.docs = append(out.docs, d)
			}
		}
	}
	return out
}

// Find returns the document of a kind with an id.
func (l *Library) Find(kind Kind, id string) (*Document, bool) {
	if l == nil {
		return nil, false
	}
	d, ok := l.byID[libKey{kind, id}]
	return d, ok
}

// Documents returns the library's documents of a kind, in the order added.
func (l *Library) Documents(kind Kind) []*Document {
	if l == nil {
		return nil
	}
	var out []*Document
	for _, d := range l.docs {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

// Option configures LoadArea and NewArea.
type Option func(*options)

type options struct {
	library    *Library
	allowEmpty bool
	read       readLimits // see read.go
}

// AllowEmpty makes [LoadArea] accept a folder or file with no documents in
// it: an empty area. Without it an empty area is an error ([ErrEmpty]), as
// it is most often a wrong path (an empty folder, /dev/null).
func AllowEmpty() Option { return func(o *options) { o.allowEmpty = true } }

// WithLibrary makes the documents of lib available to extend.
func WithLibrary(lib *Library) Option { return func(o *options) { o.library = o.library.With(lib) } }

// Area is everything loaded for one place: its compact (resolved against its
// base), its directory of organisations and people, its records, and every
// other document in its folder for the packages that own those kinds.
//
// An Area is read-only once loaded and safe to share between goroutines.
type Area struct {
	// Name of the area: its folder's (or file's) base name.
	Name string
	// Path the area was loaded from.
	Path string
	// Compact is the area's compact with its bases applied; nil when the area
	// has no compact.
	Compact *Resolved
	// Directory holds the organisations and people of all Directory documents.
	Directory Directory
	// Records holds the records of all Records documents.
	Records Records
	// Documents are all the area's documents, in file order.
	Documents []*Document
	// Library is where documents the area extends were looked up.
	Library *Library
	// Warnings are problems that did not stop loading: files skipped
	// because they are not regular files (class [ErrSkipped]).
	Warnings Errors

	source *Compact // the area's own compact, before resolving
	idx    index

	signOnce sync.Once
	signIdx  *Signings
}

type index struct {
	orgs   map[string]*Organisation
	people map[string]*Person
	bodies map[string]*Body
}

// LoadArea loads an area from a folder (every document file in it and its
// sub-folders) or from a single file holding a whole area. Every problem
// found, in every file, is reported together as [Errors]; on error no area is
// returned.
func LoadArea(path string, opts ...Option) (*Area, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	docs, warnings, err := readPath(path, o.read)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 && !o.allowEmpty {
		return nil, Errors{{Pos: Position{File: path}, Err: ErrEmpty,
			Msg: "no documents (.yaml, .yml or .json files with apiVersion and kind) in it; check the path"}}
	}
	a, err := NewArea(docs, opts...)
	if err != nil {
		return nil, err
	}
	a.Warnings = warnings
	a.Path = path
	a.Name = filepath.Base(filepath.Clean(path))
	return a, nil
}

// NewArea builds an area from parsed documents: it decodes the Compact,
// Directory and Records documents strictly, resolves the compact against its
// bases, and checks every id and reference.
func NewArea(docs []*Document, opts ...Option) (*Area, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	a := &Area{Documents: docs, Library: o.library}
	var srcs []*source
	for _, d := range docs {
		if !slices.Contains(srcs, d.src) {
			srcs = append(srcs, d.src)
		}
	}
	p := newProblems(srcs...)
	var compacts []*Compact
	var compactDocs []*Document
	var dirs []*Directory
	var dirDocs []*Document
	var recs []*Records
	var recDocs []*Document
	for _, d := range docs {
		switch d.Kind {
		case KindCompact:
			decodeInto(p, d, decodeCompact, &compacts, &compactDocs)
		case KindDirectory:
			decodeInto(p, d, decodeAs[Directory], &dirs, &dirDocs)
		case KindRecords:
			decodeInto(p, d, decodeAs[Records], &recs, &recDocs)
		}
	}
	if len(p.list) > 0 {
		return nil, p.list // structure first: references in broken documents mislead
	}

	// Per-document checks.
	for i, c := range compacts {
		(&check{p: p, doc: compactDocs[i]}).checkCompact(c)
	}
	a.source = a.pickCompact(compacts, compactDocs, p)
	if a.source != nil {
		r, err := Resolve(a.source, a.lookup(compacts))
		if err != nil {
			p.list = append(p.list, refine(AsErrors(err), compactDocs)...)
		} else {
			a.Compact = r
		}
	}

	// Merge and index the directory and records.
	a.Directory = Directory{TypeMeta: TypeMeta{APIVersion: APIVersion, Kind: KindDirectory}}
	for _, d := range dirs {
		a.Directory.Organisations = append(a.Directory.Organisations, d.Organisations...)
		a.Directory.People = append(a.Directory.People, d.People...)
	}
	a.Records = Records{TypeMeta: TypeMeta{APIVersion: APIVersion, Kind: KindRecords}}
	for _, r := range recs {
		if r.Period.To.After(a.Records.Period.To) {
			a.Records.Period = r.Period
		}
		a.Records.Consultations = append(a.Records.Consultations, r.Consultations...)
		a.Records.Funding = append(a.Records.Funding, r.Funding...)
		a.Records.Meetings = append(a.Records.Meetings, r.Meetings...)
		a.Records.Nominations = append(a.Records.Nominations, r.Nominations...)
		a.Records.Signatures = append(a.Records.Signatures, r.Signatures...)
		a.Records.Reports = append(a.Records.Reports, r.Reports...)
	}
	a.buildIndex()

	ac := &areaCheck{check: check{p: p}, a: a, consultations: seenIDs{}, funding: seenIDs{}, meetings: seenIDs{},
		nominations: seenIDs{}, signatures: seenIDs{}, reports: seenIDs{}, orgs: seenIDs{}, people: seenIDs{}}
	for i, d := range dirs {
		ac.doc = dirDocs[i]
		ac.checkDirectory(d)
	}
	for i, d := range dirs {
		ac.doc = dirDocs[i]
		ac.checkDirectoryRefs(d)
	}
	if a.Compact != nil {
		ac.doc = compactDocs[slices.Index(compacts, a.source)]
		ac.checkResolved(a.Compact, a.source)
	}
	for i, r := range recs {
		ac.doc = recDocs[i]
		ac.checkRecords(r)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	// The directory and records are decoded and checked: their node trees
	// are most of the area's memory and nothing reads them again (an
	// error about a record made later re-reads the text).
	for _, d := range slices.Concat(dirDocs, recDocs) {
		d.release()
	}
	return a, nil
}

// decodeInto decodes d and appends it and its value to docs and vals, or
// its problems to p.
func decodeInto[T any](p *problems, d *Document, decode func(*Document) (*T, error), vals *[]*T, docs *[]*Document) {
	x, err := decode(d)
	if err != nil {
		p.list = append(p.list, AsErrors(err)...)
		return
	}
	*vals, *docs = append(*vals, x), append(*docs, d)
}

// decodeAs decodes a document into a new T, taking the value decoded when
// its file was read, when there is one (see Document.decodeTo).
func decodeAs[T any](d *Document) (*T, error) {
	var x T
	if err := d.decodeTo(&x); err != nil {
		return nil, err
	}
	return &x, nil
}

func decodeCompact(d *Document) (*Compact, error) {
	c, err := decodeAs[Compact](d)
	if err != nil {
		return nil, err
	}
	c.paramPos = make(map[string]Position, len(c.Parameters))
	for k := range c.Parameters {
		c.paramPos[k] = d.PositionOf("parameters." + k)
	}
	return c, nil
}

// pickCompact finds the area's own compact: the one no other compact in the
// area extends.
func (a *Area) pickCompact(compacts []*Compact, docs []*Document, p *problems) *Compact {
	tops, loop := Top(compacts, func(c *Compact) string { return c.ID }, func(c *Compact) string { return c.Extends })
	switch {
	case loop:
		p.add(compacts[0].Source, "extends", ErrCycle, "%s", loopMessage("compacts"))
		return nil
	case len(tops) == 1:
		return tops[0]
	case len(tops) == 0:
		return nil
	}
	for _, c := range tops[1:] {
		i := slices.Index(compacts, c)
		(&check{p: p, doc: docs[i]}).errf("id", c.Source, ErrDuplicate,
			"an area has one compact, but %q and %q both stand alone; put base compacts in a library", tops[0].ID, c.ID)
	}
	return nil
}

// lookup finds base compacts among the area's own compacts, then in the
// library.
func (a *Area) lookup(local []*Compact) Lookup {
	return func(id string) (*Compact, error) {
		for _, c := range local {
			if c.ID == id {
				return c, nil
			}
		}
		d, ok := a.Library.Find(KindCompact, id)
		if !ok {
			return nil, fmt.Errorf("not found in the area or its library")
		}
		c, err := decodeCompact(d)
		if err != nil {
			return nil, fmt.Errorf("it does not load: %w", err)
		}
		return c, nil
	}
}

// refine moves errors to the exact position of their path, as seen by the
// document that holds them (the one that starts last before the error in the
// same file).
func refine(errs Errors, docs []*Document) Errors {
	for _, e := range errs {
		var holder *Document
		for _, d := range docs {
			if d.File() == e.Pos.File && d.Pos.Line <= e.Pos.Line && (holder == nil || d.Pos.Line > holder.Pos.Line) {
				holder = d
			}
		}
		if holder == nil || e.Path == "" {
			continue
		}
		if q, ok := holder.position(e.Path); ok {
			e.Pos = q
			e.Line = holder.src.line(q.Line)
		}
	}
	return errs
}

func (a *Area) buildIndex() {
	a.idx = index{orgs: map[string]*Organisation{}, people: map[string]*Person{}, bodies: map[string]*Body{}}
	for i := range a.Directory.Organisations {
		o := &a.Directory.Organisations[i]
		if _, dup := a.idx.orgs[o.ID]; !dup {
			a.idx.orgs[o.ID] = o
		}
	}
	for i := range a.Directory.People {
		p := &a.Directory.People[i]
		if _, dup := a.idx.people[p.ID]; !dup {
			a.idx.people[p.ID] = p
		}
	}
	if a.Compact != nil {
		for i := range a.Compact.Governance {
			b := &a.Compact.Governance[i]
			a.idx.bodies[b.ID] = b
		}
	}
}

// Errorf builds an error about a field of a decoded value (a record, a
// commitment, a body) whose Source is at: it finds the document and path of
// the value and points at the field itself when the document has it, with
// the path (for example "nominations[3].role") and a quoted source line. An
// empty field points at the value. Packages that check records against
// their own documents (roles, rules, disputes) report problems with it.
func (a *Area) Errorf(at Position, field string, class error, format string, args ...any) *Error {
	for _, d := range a.Documents {
		if d.File() != at.File {
			continue
		}
		if path, ok := d.pathAt(at); ok {
			if field != "" {
				path = join(path, field)
			}
			return d.Errorf(path, class, format, args...)
		}
	}
	p := newProblems()
	p.add(at, field, class, format, args...)
	return p.list[0]
}

// Organisation returns the organisation with the id.
func (a *Area) Organisation(id string) (*Organisation, bool) { o, ok := a.idx.orgs[id]; return o, ok }

// OrganisationNamed returns the organisation with an id, or else the first
// whose name matches, ignoring case and surrounding spaces: how a person
// names an organisation on the command line ("Kirklees Council" or
// "kirklees-council").
func (a *Area) OrganisationNamed(idOrName string) (*Organisation, bool) {
	if o, ok := a.Organisation(idOrName); ok {
		return o, true
	}
	for i := range a.Directory.Organisations {
		if o := &a.Directory.Organisations[i]; strings.EqualFold(strings.TrimSpace(o.Name), strings.TrimSpace(idOrName)) {
			return o, true
		}
	}
	return nil, false
}

// Person returns the person with the id.
func (a *Area) Person(id string) (*Person, bool) { p, ok := a.idx.people[id]; return p, ok }

// Body returns the governance body with the id.
func (a *Area) Body(id string) (*Body, bool) { b, ok := a.idx.bodies[id]; return b, ok }

// Find returns the document of a kind with an id: the area's own first, then
// the library's. Packages that let documents extend one another (rule packs,
// role catalogues) resolve extends with it.
func (a *Area) Find(kind Kind, id string) (*Document, bool) {
	for _, d := range a.Documents {
		if d.Kind == kind && d.ID == id {
			return d, true
		}
	}
	return a.Library.Find(kind, id)
}

// DocumentsOf returns the area's own documents of a kind, in file order.
func (a *Area) DocumentsOf(kind Kind) []*Document {
	var out []*Document
	for _, d := range a.Documents {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

// Signatures returns every signature: the compact's signatories and the
// signature records, in that order.
func (a *Area) Signatures() []Signature {
	var out []Signature
	if a.Compact != nil {
		out = append(out, a.Compact.Signatories...)
	}
	return append(out, a.Records.Signatures...)
}

// Signatories returns the ids of the organisations signed up on a date, in
// the order they first signed. See [SignatoriesOn] for the rule.
func (a *Area) Signatories(on Date) []string { return a.signings().signatories(on) }

// SignatureOn returns the signature that counts for an organisation on a
// date and whether it is signed up then, by the rule of the function
// [SignatureOn], from an index of the area's signatures built once.
func (a *Area) SignatureOn(org string, on Date) (*Signature, bool) { return a.signings().on(org, on) }

// signings returns the area's index of signatures, building it on first
// use (an area built as a struct literal has none yet).
func (a *Area) signings() *Signings {
	a.signOnce.Do(func() { a.signIdx = IndexSignatures(a.Signatures()) })
	return a.signIdx
}

// SignatoriesOn returns the ids of the organisations signed up on a date, in
// the order they first signed. For each organisation the latest signature on
// or before the date counts (a later entry in sigs wins a tie, so a signature
// record overrides the compact's own list): it is signed up unless that
// signature was withdrawn on or before the date. So a withdrawal can be
// recorded by repeating the signature with a withdrawn date, and a later
// signature re-admits the organisation. A caller asking about many dates
// or organisations indexes the signatures once with [IndexSignatures].
func SignatoriesOn(sigs []Signature, on Date) []string { return IndexSignatures(sigs).signatories(on) }

// SignatureOn returns the signature that counts for an organisation on a
// date (its latest on or before the date, the later entry winning a tie) and
// whether the organisation is signed up then. The signature is returned even
// when it has been withdrawn; it is nil when the organisation had not signed.
func SignatureOn(sigs []Signature, org string, on Date) (*Signature, bool) {
	var latest *Signature
	for i := range sigs {
		s := &sigs[i]
		if s.Organisation != org || s.Signed.After(on) {
			continue
		}
		if latest == nil || !s.Signed.Before(latest.Signed) {
			latest = s
		}
	}
	return inForce(latest, on)
}

func inForce(latest *Signature, on Date) (*Signature, bool) {
	if latest == nil {
		return nil, false
	}
	return latest, latest.Withdrawn.IsZero() || latest.Withdrawn.After(on)
}

// Signings is an index of signatures by organisation, for answering who is
// signed up on a date many times: each answer about one organisation is a
// binary search, and the list of signatories on a date takes time in
// proportion to the organisations, not the signatures squared. It answers
// exactly as [SignatureOn] and [SignatoriesOn] do on the same signatures.
// A Signings is read-only once built and safe to share between goroutines.
type Signings struct {
	sigs  []Signature
	order []string         // organisations in the order of their first signature entry
	by    map[string][]int // per organisation, indexes into sigs by date signed, ties in entry order
}

// IndexSignatures indexes signatures (it keeps the slice; do not change it
// afterwards).
func IndexSignatures(sigs []Signature) *Signings {
	x := &Signings{sigs: sigs, by: map[string][]int{}}
	for i := range sigs {
		org := sigs[i].Organisation
		if _, seen := x.by[org]; !seen {
			x.order = append(x.order, org)
		}
		x.by[org] = append(x.by[org], i)
	}
	for _, list := range x.by {
		slices.SortStableFunc(list, func(i, j int) int { return sigs[i].Signed.Compare(sigs[j].Signed) })
	}
	return x
}

// On returns the signature that counts for an organisation on a date and
// whether it is signed up then (see [SignatureOn]).
func (x *Signings) On(org string, on Date) (*Signature, bool) { return x.on(org, on) }

func (x *Signings) on(org string, on Date) (*Signature, bool) {
	list := x.by[org]
	// The first entry signed after the date; the one before it is the
	// latest on or before the date, the last entry of a tie.
	k, _ := slices.BinarySearchFunc(list, on, func(i int, d Date) int {
		if x.sigs[i].Signed.After(d) {
			return 1
		}
		return -1
	})
	if k == 0 {
		return nil, false
	}
	return inForce(&x.sigs[list[k-1]], on)
}

// Of returns an organisation's signatures in the order signed (entries
// signed the same day in entry order).
func (x *Signings) Of(org string) []*Signature {
	list := x.by[org]
	out := make([]*Signature, len(list))
	for k, i := range list {
		out[k] = &x.sigs[i]
	}
	return out
}

// Signatories returns the organisations signed up on a date, in the order
// they first signed (see [SignatoriesOn]).
func (x *Signings) Signatories(on Date) []string { return x.signatories(on) }

func (x *Signings) signatories(on Date) []string {
	var out []string
	for _, org := range x.order {
		if _, ok := x.on(org, on); ok {
			out = append(out, org)
		}
	}
	return out
}

// Joined returns the organisations signed up on end that were not signed
// up the day before from: the new signatories of the span from..end, in
// the order they first signed.
func (a *Area) Joined(from, end Date) []string {
	x, day := a.signings(), from.AddDays(-1)
	var out []string
	for _, org := range x.signatories(end) {
		if _, before := x.on(org, day); !before {
			out = append(out, org)
		}
	}
	return out
}

// Left returns the organisations signed up the day before from that were
// not signed up on end: the signatories that lapsed in the span.
func (a *Area) Left(from, end Date) []string {
	x := a.signings()
	var out []string
	for _, org := range x.signatories(from.AddDays(-1)) {
		if _, after := x.on(org, end); !after {
			out = append(out, org)
		}
	}
	return out
}

// IsSignatory reports whether an organisation is signed up on a date.
func (a *Area) IsSignatory(org string, on Date) bool { _, ok := a.signings().on(org, on); return ok }
