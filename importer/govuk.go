package importer

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// govukItem is the part of a GOV.UK consultation content item the
// importer reads.
type govukItem struct {
	BasePath        string `json:"base_path"`
	Title           string `json:"title"`
	DocumentType    string `json:"document_type"`
	PublicUpdatedAt string `json:"public_updated_at"`
	WithdrawnNotice *struct {
		WithdrawnAt string `json:"withdrawn_at"`
	} `json:"withdrawn_notice"`
	Details struct {
		OpeningDate                   string `json:"opening_date"`
		ClosingDate                   string `json:"closing_date"`
		PublicFeedbackPublicationDate string `json:"public_feedback_publication_date"`
	} `json:"details"`
	Links struct {
		Organisations []struct {
			Title    string `json:"title"`
			BasePath string `json:"base_path"`
		} `json:"organisations"`
	} `json:"links"`
}

// withdrawn reports whether the item carries a withdrawn notice with a
// date: an empty notice ({}) is not a withdrawal.
func (it *govukItem) withdrawn() bool {
	return it.WithdrawnNotice != nil && it.WithdrawnNotice.WithdrawnAt != ""
}

// govukMapped are the fields read, top level and in details; the others
// are counted as unmapped.
var (
	govukMappedTop = map[string]bool{"base_path": true, "title": true, "document_type": true, "public_updated_at": true,
		"withdrawn_notice": true, "details": true, "links": true}
	govukMappedDetails = map[string]bool{"opening_date": true, "closing_date": true, "public_feedback_publication_date": true}
)

// govukPlan decides, before any file is written, which file's item stands
// for each consultation (by base path) when several files hold one: a
// withdrawn item wins, then the latest public_updated_at, then the later
// file. A file that cannot be read here is left for its own import to
// report.
func govukPlan(files []string, limit int64) map[string]int {
	type best struct {
		i         int
		withdrawn bool
		updated   string
	}
	win := map[string]best{}
	for i, f := range files {
		data, err := readLimitedFile(f, limit)
		if err != nil {
			continue
		}
		var it govukItem
		if json.Unmarshal(data, &it) != nil || it.BasePath == "" {
			continue
		}
		b, seen := win[it.BasePath]
		if !seen || (it.withdrawn() && !b.withdrawn) ||
			(it.withdrawn() == b.withdrawn && it.PublicUpdatedAt >= b.updated) {
			win[it.BasePath] = best{i, it.withdrawn(), it.PublicUpdatedAt}
		}
	}
	out := make(map[string]int, len(win))
	for k, b := range win {
		out[k] = b.i
	}
	return out
}

// govuk imports one GOV.UK consultation content item.
func (fi *fileImport) govuk() error {
	data, err := fi.readJSON()
	if err != nil {
		return err
	}
	var it govukItem
	if err := json.Unmarshal(data, &it); err != nil {
		fi.problem(jsonErrorPos(fi.file, data, err), "", compact.ErrSyntax, "%s", err)
		fi.res.Skipped++
		return nil
	}
	fi.govukUnmapped(data)
	if !fi.govukWanted(&it) {
		fi.res.Skipped++
		return nil
	}
	c := compact.Consultation{ID: recordID(path.Base(it.BasePath)), Title: it.Title, URL: "https://www.gov.uk" + it.BasePath}
	ok := fi.govukDates(&it, &c) && fi.govukOwner(&it, &c)
	if !ok {
		fi.res.Skipped++
		return nil
	}
	if fi.o.formal {
		c.Formal = true
	} else {
		fi.res.Unknown["formality not published (use Formal to say the consultations are formal)"]++
	}
	c.Provenance = &compact.Provenance{Source: string(GOVUK), File: fi.file, Pointer: "", ID: it.BasePath}
	return fi.add(c.ID, &c, c.Provenance, c.Opens, c.Closes)
}

// govukAt is the position and path of a value in the item.
func (fi *fileImport) govukAt(ptr string) (compact.Position, string) { return fi.pos(ptr), ptr }

// govukUnmapped counts the item's fields that no record field takes.
func (fi *fileImport) govukUnmapped(data []byte) {
	var top map[string]json.RawMessage
	var raw struct {
		Details map[string]json.RawMessage `json:"details"`
	}
	_ = json.Unmarshal(data, &top)
	_ = json.Unmarshal(data, &raw)
	for k := range top {
		if !govukMappedTop[k] {
			fi.res.Unmapped[k]++
		}
	}
	for k := range raw.Details {
		if !govukMappedDetails[k] {
			fi.res.Unmapped["details."+k]++
		}
	}
}

// govukWanted reports whether the item is imported: it has a base path,
// is the one chosen for its consultation, and is not withdrawn.
func (fi *fileImport) govukWanted(it *govukItem) bool {
	switch w, chosen := fi.o.govukWinner[it.BasePath]; {
	case it.BasePath == "":
		pos, p := fi.govukAt("/base_path")
		fi.problem(pos, p, compact.ErrMissing, "the content item has no base_path")
	case chosen && w != fi.index:
		fi.res.Left["the same consultation (base_path) is imported from "+fi.o.govukFiles[w]]++
	case it.withdrawn():
		fi.res.Left["withdrawn (withdrawn_notice.withdrawn_at)"]++
	default:
		return true
	}
	return false
}

// govukDate reads one of the item's dates; a missing required one is
// counted as not published.
func (fi *fileImport) govukDate(ptr, s string, required bool, ok *bool) compact.Date {
	if s == "" {
		if required {
			fi.res.Unknown[strings.TrimPrefix(ptr, "/")+" not published"]++
			*ok = false
		}
		return compact.Date{}
	}
	d, err := civilDate(s)
	if err == nil && !plausible(d) {
		err = fmt.Errorf("%s is not a plausible date (after %d): GOV.UK's examples use far-future dates to stay open", s, MaxPlausibleYear)
	}
	if err != nil {
		pos, p := fi.govukAt(ptr)
		fi.problem(pos, p, compact.ErrValue, "%s", err)
		*ok = false
	}
	return d
}

// govukDates reads the opening, closing and feedback dates, in order, and
// checks the record id against the area's own records.
func (fi *fileImport) govukDates(it *govukItem, c *compact.Consultation) bool {
	ok := true
	c.Opens = fi.govukDate("/details/opening_date", it.Details.OpeningDate, true, &ok)
	c.Closes = fi.govukDate("/details/closing_date", it.Details.ClosingDate, true, &ok)
	c.FeedbackPublished = fi.govukDate("/details/public_feedback_publication_date", it.Details.PublicFeedbackPublicationDate, false, &ok)
	fail := func(ptr string, class error, format string, args ...any) bool {
		pos, p := fi.govukAt(ptr)
		fi.problem(pos, p, class, format, args...)
		return false
	}
	switch {
	case !ok:
		return false
	case c.Closes.Before(c.Opens):
		return fail("/details/closing_date", compact.ErrOrder, "the consultation closes on %s, before it opens on %s", c.Closes, c.Opens)
	case !c.FeedbackPublished.IsZero() && c.FeedbackPublished.Before(c.Opens):
		return fail("/details/public_feedback_publication_date", compact.ErrOrder,
			"feedback was published on %s, before the consultation opened on %s", c.FeedbackPublished, c.Opens)
	case fi.dir.recordIDs[c.ID] != "":
		return fail("/base_path", compact.ErrDuplicate, "record id %q is already used in %s", c.ID, fi.dir.recordIDs[c.ID])
	}
	return true
}

// govukOwner makes the first of the item's organisations the owner; GOV.UK
// organisations are public bodies, of a kind the item does not say.
func (fi *fileImport) govukOwner(it *govukItem, c *compact.Consultation) bool {
	orgs := it.Links.Organisations
	if len(orgs) == 0 {
		fi.res.Unknown["links.organisations not published"]++
		return false
	}
	if len(orgs) > 1 {
		fi.res.Unmapped["links.organisations after the first"] += len(orgs) - 1
	}
	owner, err := fi.dir.resolve(orgRef{LocalID: path.Base(orgs[0].BasePath), Name: orgs[0].Title,
		Sector: compact.SectorPublic, Kind: compact.OrgUnknown, Website: "https://www.gov.uk" + orgs[0].BasePath})
	if err != nil {
		pos, p := fi.govukAt("/links/organisations/0")
		fi.problem(pos, p, compact.ErrMissing, "%v", err)
		return false
	}
	c.Owner = owner
	return true
}
