package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/compactkit/compactkit/compact"
)

// orgRef is an organisation as a source names it.
type orgRef struct {
	OrgID   string // an org-id.guide identifier (GB-CHC-1234567), checked
	LocalID string // the source's own id for it (360G-…, a GOV.UK slug), when it has no OrgID
	Name    string
	Sector  compact.Sector
	Kind    compact.OrgKind
	Website string
}

// orgIDPattern is the shape of an org-id.guide identifier: a country or
// "XI"/"XM" code, a register code, and the id in that register.
var orgIDPattern = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{2,}-[A-Za-z0-9][A-Za-z0-9._/-]*$`)

// localIDPrefix starts the ids 360Giving publishers make up for
// organisations with no registered number.
const localIDPrefix = "360G-"

// checkOrgID checks an organisation identifier: org-id.guide, or a
// 360Giving local id.
func checkOrgID(id string) error {
	if strings.HasPrefix(id, localIDPrefix) || orgIDPattern.MatchString(id) {
		return nil
	}
	return fmt.Errorf("%q is not an organisation identifier (org-id.guide, such as GB-CHC-1234567, GB-COH-01234567 or GB-LAE-TRF, or a 360G- local id)", id)
}

// sectorOf says what an identifier's register tells of an organisation:
// the sector and kind for registers that hold one kind only, unknown
// otherwise (a company may be a business, a charity or a public body).
func sectorOf(orgID string) (compact.Sector, compact.OrgKind) {
	parts := strings.SplitN(orgID, "-", 3)
	if len(parts) < 3 {
		return compact.SectorUnknown, compact.OrgUnknown
	}
	switch parts[0] + "-" + parts[1] {
	case "GB-LAE", "GB-LAS", "GB-LANI", "GB-PLA":
		return compact.SectorPublic, compact.OrgLocalAuthority
	case "GB-CHC", "GB-SC", "GB-NIC":
		return compact.SectorVoluntaryCommunity, compact.OrgCharity
	case "GB-NHS":
		return compact.SectorPublic, compact.OrgNHSBody
	case "GB-GOR":
		return compact.SectorPublic, compact.OrgPublicBody
	}
	return compact.SectorUnknown, compact.OrgUnknown
}

// directory matches the organisations a source names to the area's, and
// collects the ones it lacks.
type directory struct {
	byOrgID    map[string]string // upper-case org id -> the area's organisation id
	byName     map[string]string // normalised name -> id, for MatchNames
	names      map[string]string // the area's ids -> normalised names
	matchNames bool

	added   []compact.Organisation
	byKey   map[string]int // key -> index in added
	taken   map[string]bool
	matched int
	seen    map[string]bool // the area's ids matched so far

	recordIDs map[string]string // ids of the area's other consultations and funding decisions -> their file
}

// readDirectory reads the organisations of every Directory document in
// the area folder, and the ids of its hand-written consultations and
// funding decisions, except in the files this import writes (own, by path)
// and the records files of other imports (large; their ids are the
// sources' own, and a clash shows when the area loads).
func readDirectory(into string, own map[string]bool, matchNames bool) (*directory, error) {
	d := &directory{byOrgID: map[string]string{}, byName: map[string]string{}, names: map[string]string{},
		matchNames: matchNames, byKey: map[string]int{}, taken: map[string]bool{}, seen: map[string]bool{},
		recordIDs: map[string]string{}}
	var errs compact.Errors
	err := filepath.WalkDir(into, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		if e.IsDir() {
			if path != into && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(name))
		if (ext != ".yaml" && ext != ".yml" && ext != ".json") || own[filepath.Clean(path)] ||
			(strings.HasPrefix(name, "imported-") && !strings.HasSuffix(name, ".directory.yaml")) {
			return nil
		}
		errs = append(errs, d.readFile(path)...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: reading the area %s: %w", compact.ErrIO, into, err)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return d, nil
}

// readFile reads the organisations and record ids of one of the area's
// files.
func (d *directory) readFile(path string) compact.Errors {
	docs, err := compact.ReadFile(path)
	if err != nil {
		return compact.AsErrors(err)
	}
	var errs compact.Errors
	for _, doc := range docs {
		switch doc.Kind {
		case compact.KindRecords:
			if recs, ok := decode[compact.Records](doc, &errs); ok {
				for _, c := range recs.Consultations {
					d.recordIDs[c.ID] = path
				}
				for _, f := range recs.Funding {
					d.recordIDs[f.ID] = path
				}
			}
		case compact.KindDirectory:
			if dir, ok := decode[compact.Directory](doc, &errs); ok {
				for _, o := range dir.Organisations {
					d.know(o)
				}
			}
		}
	}
	return errs
}

// decode decodes doc as a T; when it does not decode, its problems are
// added to errs and ok is false.
func decode[T any](doc *compact.Document, errs *compact.Errors) (v T, ok bool) {
	if err := doc.Decode(&v); err != nil {
		*errs = append(*errs, compact.AsErrors(err)...)
		return v, false
	}
	return v, true
}

// know adds one of the area's organisations to match against.
func (d *directory) know(o compact.Organisation) {
	d.taken[o.ID] = true
	if o.OrgID != "" {
		d.byOrgID[strings.ToUpper(o.OrgID)] = o.ID
	}
	n := normName(o.Name)
	d.names[o.ID] = n
	if _, dup := d.byName[n]; !dup {
		d.byName[n] = o.ID
	}
}

// normName is a name for matching: lower case, letters and digits only,
// single spaces, "&" read as "and".
func normName(s string) string {
	return squeeze(strings.ReplaceAll(strings.ToLower(s), "&", " and "), func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}, ' ')
}

// squeeze keeps the runes of s that keep accepts, with one sep where a
// run of others stood between two of them (none at either end).
func squeeze(s string, keep func(rune) bool, sep byte) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		if !keep(r) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(r)
		gap = false
	}
	return b.String()
}

// errNoOrganisation: a source item names no organisation where a record
// needs one.
var errNoOrganisation = errors.New("no organisation identifier or name")

// resolve returns the area's id for an organisation, adding it to the
// directory when the area lacks it.
func (d *directory) resolve(r orgRef) (string, error) {
	if r.OrgID == "" && r.LocalID == "" && strings.TrimSpace(r.Name) == "" {
		return "", errNoOrganisation
	}
	n := normName(r.Name)
	if r.OrgID != "" {
		if id, ok := d.byOrgID[strings.ToUpper(r.OrgID)]; ok {
			return d.match(id), nil
		}
	}
	if r.LocalID != "" {
		// An earlier import of another file may have added it under the id
		// made from its local id; the same name confirms it.
		if id := idOf(r.LocalID); d.taken[id] && d.names[id] == n {
			return d.match(id), nil
		}
	}
	if d.matchNames && n != "" {
		if id, ok := d.byName[n]; ok {
			return d.match(id), nil
		}
	}
	key, base := "name:"+n, n
	switch {
	case r.OrgID != "":
		key, base = "org:"+strings.ToUpper(r.OrgID), r.OrgID
	case r.LocalID != "":
		key, base = "local:"+r.LocalID, r.LocalID
	}
	if i, ok := d.byKey[key]; ok {
		return d.added[i].ID, nil
	}
	id := idOf(base)
	for k := 2; d.taken[id]; k++ {
		id = fmt.Sprintf("%s-%d", idOf(base), k)
	}
	d.taken[id] = true
	name := strings.TrimSpace(r.Name)
	if name == "" {
		name = base
	}
	// The name first: the id is made from it, so a name too long makes an
	// id too long, and the name is what the source gave.
	if field, n, lim := overLimitFirst(&compact.Organisation{Name: name, OrgID: r.OrgID, Website: r.Website}, &compact.Organisation{ID: id}); field != "" {
		delete(d.taken, id)
		return "", fmt.Errorf("the organisation's %s is %d bytes; the loader accepts at most %d (compact.ValueLimit)", field, n, lim)
	}
	sector, kind := r.Sector, r.Kind
	if sector == "" {
		sector = compact.SectorUnknown
	}
	if kind == "" {
		kind = compact.OrgUnknown
	}
	d.byKey[key] = len(d.added)
	d.added = append(d.added, compact.Organisation{ID: id, Name: name, Sector: sector, Kind: kind, OrgID: r.OrgID, Website: r.Website})
	return id, nil
}

func (d *directory) match(id string) string {
	if !d.seen[id] {
		d.seen[id] = true
		d.matched++
	}
	return id
}

// idOf makes a document id from a source's id or name: lower case, with
// every run of characters other than letters, digits, "." and "_" made
// one "-".
func idOf(s string) string {
	id := squeeze(strings.ToLower(s), func(r rune) bool {
		return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_')
	}, '-')
	if id == "" {
		return "x"
	}
	return id
}

// slug is idOf, for file names.
func slug(s string) string { return idOf(s) }

// recordID makes a record id from the source's id. Record ids keep case,
// as sources write them (360G-traffordmbc-VSG1342).
func recordID(s string) string {
	return strings.Trim(squeeze(s, func(r rune) bool {
		return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-')
	}, '-'), "-")
}
