package importer

import (
	"encoding/json"
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
	var raw struct {
		Top     map[string]json.RawMessage
		Details map[string]json.RawMessage `json:"details"`
	}
	_ = json.Unmarshal(data, &raw.Top)
	_ = json.Unmarshal(data, &raw)
	for k := range raw.Top {
		if !govukMappedTop[k] {
			fi.res.Unmapped[k]++
		}
	}
	for k := range raw.Details {
		if !govukMappedDetails[k] {
			fi.res.Unmapped["details."+k]++
		}
	}
	at := func(ptr string) (compact.Position, string) { return fi.pos(ptr), ptr }
	if it.BasePath == "" {
		pos, p := at("/base_path")
		fi.problem(pos, p, compact.ErrMissing, "the content item has no base_path")
		fi.res.Skipped++
		return nil
	}
	if w, ok := fi.o.govukWinner[it.BasePath]; ok && w != fi.index {
		fi.res.Left["the same consultation (base_path) is imported from "+fi.o.govukFiles[w]]++
		fi.res.Skipped++
		return nil
	}
	if it.withdrawn() {
		fi.res.Left["withdrawn (withdrawn_notice.withdrawn_at)"]++
		fi.res.Skipped++
		return nil
	}
	bad := false
	date := func(ptr, s string, required bool) compact.Date {
		if s == "" {
			if required {
				fi.res.Unknown[strings.TrimPrefix(ptr, "/")+" not published"]++
				bad = true
			}
			return compact.Date{}
		}
		d, err := civilDate(s)
		if err != nil {
			pos, p := at(ptr)
			fi.problem(pos, p, compact.ErrValue, "%s", err)
			bad = true
		} else if !plausible(d) {
			pos, p := at(ptr)
			fi.problem(pos, p, compact.ErrValue, "%s is not a plausible date (after %d): GOV.UK's examples use far-future dates to stay open", s, MaxPlausibleYear)
			bad = true
		}
		return d
	}
	c := compact.Consultation{ID: recordID(path.Base(it.BasePath)), Title: it.Title, URL: "https://www.gov.uk" + it.BasePath}
	c.Opens = date("/details/opening_date", it.Details.OpeningDate, true)
	c.Closes = date("/details/closing_date", it.Details.ClosingDate, true)
	c.FeedbackPublished = date("/details/public_feedback_publication_date", it.Details.PublicFeedbackPublicationDate, false)
	if !bad && c.Closes.Before(c.Opens) {
		pos, p := at("/details/closing_date")
		fi.problem(pos, p, compact.ErrOrder, "the consultation closes on %s, before it opens on %s", c.Closes, c.Opens)
		bad = true
	}
	if !bad && !c.FeedbackPublished.IsZero() && c.FeedbackPublished.Before(c.Opens) {
		pos, p := at("/details/public_feedback_publication_date")
		fi.problem(pos, p, compact.ErrOrder, "feedback was published on %s, before the consultation opened on %s", c.FeedbackPublished, c.Opens)
		bad = true
	}
	if !bad && fi.dir.recordIDs[c.ID] != "" {
		pos, p := at("/base_path")
		fi.problem(pos, p, compact.ErrDuplicate, "record id %q is already used in %s", c.ID, fi.dir.recordIDs[c.ID])
		bad = true
	}
	orgs := it.Links.Organisations
	if len(orgs) == 0 {
		fi.res.Unknown["links.organisations not published"]++
		bad = true
	}
	if bad {
		fi.res.Skipped++
		return nil
	}
	if len(orgs) > 1 {
		fi.res.Unmapped["links.organisations after the first"] += len(orgs) - 1
	}
	owner, err := fi.dir.resolve(orgRef{LocalID: path.Base(orgs[0].BasePath), Name: orgs[0].Title,
		Sector: compact.SectorPublic, Kind: compact.OrgUnknown, Website: "https://www.gov.uk" + orgs[0].BasePath})
	if err != nil {
		pos, p := at("/links/organisations/0")
		fi.problem(pos, p, compact.ErrMissing, "%v", err)
		fi.res.Skipped++
		return nil
	}
	c.Owner = owner
	if fi.o.formal {
		c.Formal = true
	} else {
		fi.res.Unknown["formality not published (use Formal to say the consultations are formal)"]++
	}
	c.Provenance = &compact.Provenance{Source: string(GOVUK), File: fi.file, Pointer: "", ID: it.BasePath}
	return fi.w.add(c.ID, &c, c.Opens, c.Closes)
}
