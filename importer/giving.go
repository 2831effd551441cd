package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// grantIn is a 360Giving grant as read from JSON or a spreadsheet, before
// it is checked: every value is text as published, with where it is.
type grantIn struct {
	vals map[string]string                             // by grantField
	at   func(field string) (compact.Position, string) // the position and field path of a value
	prov compact.Provenance
}

// The grant fields the importer maps, by their JSON names (plannedDates
// and the organisations flattened to their first entry).
const (
	gID            = "id"
	gTitle         = "title"
	gCurrency      = "currency"
	gAmount        = "amountAwarded"
	gAwardDate     = "awardDate"
	gStart         = "plannedDates/0/startDate"
	gEnd           = "plannedDates/0/endDate"
	gDuration      = "plannedDates/0/duration"
	gRecipientID   = "recipientOrganization/0/id"
	gRecipientName = "recipientOrganization/0/name"
	gRecipientURL  = "recipientOrganization/0/url"
	gFunderID      = "fundingOrganization/0/id"
	gFunderName    = "fundingOrganization/0/name"
	gProgramme     = "grantProgramme/0/title"
)

// givingColumns are the 360Giving spreadsheet (CSV and XLSX) column titles
// of the mapped fields, as the standard's templates write them.
var givingColumns = map[string]string{
	"Identifier":                      gID,
	"Title":                           gTitle,
	"Currency":                        gCurrency,
	"Amount Awarded":                  gAmount,
	"Award Date":                      gAwardDate,
	"Planned Dates:Start Date":        gStart,
	"Planned Dates:End Date":          gEnd,
	"Planned Dates:Duration (months)": gDuration,
	"Recipient Org:Identifier":        gRecipientID,
	"Recipient Org:Name":              gRecipientName,
	"Recipient Org:Web Address":       gRecipientURL,
	"Funding Org:Identifier":          gFunderID,
	"Funding Org:Name":                gFunderName,
	"Grant Programme:Title":           gProgramme,
}

// giving imports a 360Giving file: a JSON package, or the CSV or XLSX
// layout.
func (fi *fileImport) giving() error {
	if strings.HasSuffix(strings.ToLower(fi.file), ".json") {
		return fi.givingJSON()
	}
	return fi.givingRows()
}

func (fi *fileImport) givingJSON() error {
	data, err := fi.readJSON()
	if err != nil {
		return err
	}
	var pkg struct {
		Grants []json.RawMessage `json:"grants"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		fi.problem(jsonErrorPos(fi.file, data, err), "", compact.ErrSyntax, "%s", err)
		return nil
	}
	for i, raw := range pkg.Grants {
		if err := fi.ctx.Err(); err != nil {
			return err
		}
		ptr := "/grants/" + strconv.Itoa(i)
		g := grantIn{vals: map[string]string{}, prov: compact.Provenance{Source: string(Giving360), File: fi.file, Pointer: ptr}}
		g.at = func(field string) (compact.Position, string) { return fi.pos(ptr + "/" + field), ptr + "/" + field }
		if !fi.flattenGrant(raw, &g) {
			fi.res.Skipped++
			continue
		}
		if err := fi.addGrant(&g); err != nil {
			return err
		}
	}
	return nil
}

// jsonErrorPos positions a JSON syntax error.
func jsonErrorPos(file string, data []byte, err error) compact.Position {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		ix := newJSONIndex(file, data[:0])
		ix.data, ix.lines = data, []int{0}
		for i, c := range data {
			if c == '\n' {
				ix.lines = append(ix.lines, i+1)
			}
		}
		ix.at[""] = int(max(se.Offset-1, 0))
		return ix.position("")
	}
	return compact.Position{File: file}
}

// flattenGrant reads the mapped fields of one JSON grant as text, counts
// the others as unmapped, and reports values of the wrong type.
func (fi *fileImport) flattenGrant(raw json.RawMessage, g *grantIn) bool {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		pos, path := g.at("")
		fi.problem(pos, path, compact.ErrType, "a grant must be an object")
		return false
	}
	ok := true
	for k, v := range top {
		switch k {
		case gID, gTitle, gCurrency, gAmount, gAwardDate:
			ok = fi.scalar(g, k, v) && ok
		case "plannedDates", "recipientOrganization", "fundingOrganization", "grantProgramme":
			var list []map[string]json.RawMessage
			if err := json.Unmarshal(v, &list); err != nil {
				pos, path := g.at(k)
				fi.problem(pos, path, compact.ErrType, "%s must be a list of objects", k)
				ok = false
				continue
			}
			if len(list) > 1 {
				fi.res.Unmapped[k+" after the first"]++
			}
			if len(list) == 0 {
				continue
			}
			for sub, sv := range list[0] {
				field := k + "/0/" + sub
				switch field {
				case gStart, gEnd, gDuration, gRecipientID, gRecipientName, gRecipientURL, gFunderID, gFunderName, gProgramme:
					ok = fi.scalar(g, field, sv) && ok
				default:
					if string(sv) != "null" {
						fi.res.Unmapped[k+"."+sub]++
					}
				}
			}
		default:
			if string(v) != "null" {
				fi.res.Unmapped[k]++
			}
		}
	}
	return ok
}

// scalar stores a JSON string or number as text.
func (fi *fileImport) scalar(g *grantIn, field string, v json.RawMessage) bool {
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		g.vals[field] = s
		return true
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err == nil {
		g.vals[field] = n.String()
		return true
	}
	if string(v) == "null" {
		return true
	}
	pos, path := g.at(field)
	fi.problem(pos, path, compact.ErrType, "%s must be a string or a number, not %s", field, describeJSON(v))
	return false
}

func describeJSON(v json.RawMessage) string {
	switch {
	case len(v) == 0:
		return "nothing"
	case v[0] == '{':
		return "an object"
	case v[0] == '[':
		return "a list"
	case v[0] == 't' || v[0] == 'f':
		return "true or false"
	}
	return string(v)
}

// givingRows imports the 360Giving spreadsheet layout, a row at a time.
func (fi *fileImport) givingRows() error {
	rows, err := openRows(fi.file, fi.o.sheet)
	if err != nil {
		return err
	}
	defer rows.close()
	head := rows.header()
	cols := make([]string, len(head)) // column -> grant field, "" when unmapped
	have := map[string]bool{}
	for i, h := range head {
		cols[i] = givingColumns[h]
		have[cols[i]] = true
	}
	for _, need := range []string{gID, gAwardDate, gFunderID} {
		if !have[need] {
			title := ""
			for t, f := range givingColumns {
				if f == need {
					title = t
				}
			}
			fi.problem(compact.Position{File: fi.file, Line: 1}, title, compact.ErrMissing,
				"no %q column: this is not the 360Giving spreadsheet layout", title)
			return nil
		}
	}
	var row int
	var cells []string
	g := grantIn{vals: map[string]string{}}
	g.at = func(field string) (compact.Position, string) {
		for i, c := range cols {
			if c == field {
				return rows.cellPos(i), head[i]
			}
		}
		return compact.Position{File: fi.file, Line: row}, field
	}
	for {
		if err := fi.ctx.Err(); err != nil {
			return err
		}
		cells, row, err = rows.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			fi.problem(positionOf(err, fi.file), "", compact.ErrSyntax, "%s", errMessage(err))
			return nil
		}
		clear(g.vals)
		blank := true
		for i, c := range cells {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			blank = false
			if i >= len(cols) || cols[i] == "" {
				if i < len(head) {
					fi.res.Unmapped[head[i]]++
				}
				continue
			}
			g.vals[cols[i]] = c
		}
		if blank {
			continue
		}
		g.prov = compact.Provenance{Source: string(Giving360), File: fi.file, Row: row, Sheet: rows.sheet()}
		if err := fi.addGrant(&g); err != nil {
			return err
		}
	}
}

func positionOf(err error, file string) compact.Position {
	var e *compact.Error
	if errors.As(err, &e) {
		return e.Pos
	}
	return compact.Position{File: file}
}

func errMessage(err error) string {
	var e *compact.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return err.Error()
}

// addGrant checks one grant and writes it as a funding decision; a grant
// with a bad value is reported and skipped.
func (fi *fileImport) addGrant(g *grantIn) error {
	c := &grantCheck{fi: fi, g: g, v: g.vals}
	fd := compact.FundingDecision{ID: c.id(), Title: c.v[gTitle], Kind: compact.FundingNew, Programme: c.v[gProgramme]}
	c.dates(&fd)
	c.amount(&fd)
	c.duration(&fd)
	funder := fi.grantOrg(g, gFunderID, gFunderName, &c.bad)
	recipient := fi.grantOrg(g, gRecipientID, gRecipientName, &c.bad)
	if !c.bad {
		fd.Funder, fd.Recipient = fi.org(funder, g, gFunderID, &c.bad), fi.org(recipient, g, gRecipientID, &c.bad)
	}
	if !c.bad {
		c.againstArea(&fd)
	}
	if c.bad {
		fi.res.Skipped++
		return nil
	}
	if fd.TermMonths == 0 && (fd.Start.IsZero() || fd.End.IsZero()) {
		fi.res.Unknown["plannedDates: duration not published"]++
	}
	prov := g.prov
	prov.ID = c.v[gID]
	fd.Provenance = &prov
	return fi.add(fd.ID, &fd, fd.Provenance, fd.Decided, fd.Decided)
}

// grantCheck reads one grant's values, reporting each bad one.
type grantCheck struct {
	fi  *fileImport
	g   *grantIn
	v   map[string]string
	bad bool // a value was bad: the grant is not imported
}

func (c *grantCheck) fail(field string, class error, format string, args ...any) {
	pos, path := c.g.at(field)
	c.fi.problem(pos, path, class, format, args...)
	c.bad = true
}

// id is the grant's record id: its identifier, once in the file.
func (c *grantCheck) id() string {
	raw := c.v[gID]
	id := recordID(raw)
	switch {
	case strings.TrimSpace(raw) == "":
		c.fail(gID, compact.ErrMissing, "the grant has no identifier")
	case id == "":
		c.fail(gID, compact.ErrValue, "the identifier %q has no letters or digits to make a record id of", raw)
	case c.fi.w.has(id):
		c.fail(gID, compact.ErrDuplicate, "grant %q is given twice in this file", raw)
	}
	return id
}

// date reads a date field, if given.
func (c *grantCheck) date(field string) compact.Date {
	s := c.v[field]
	if s == "" {
		return compact.Date{}
	}
	d, err := civilDate(s)
	if err != nil {
		c.fail(field, compact.ErrValue, "%s", err)
	} else if !plausible(d) {
		c.fail(field, compact.ErrValue, "%s is not a plausible date (after %d)", s, MaxPlausibleYear)
	}
	return d
}

// dates reads the award date (required) and the planned start and end.
func (c *grantCheck) dates(fd *compact.FundingDecision) {
	if c.v[gAwardDate] == "" {
		c.fail(gAwardDate, compact.ErrMissing, "the grant has no award date")
	}
	fd.Decided = c.date(gAwardDate)
	fd.Start, fd.End = c.date(gStart), c.date(gEnd)
	if !fd.Start.IsZero() && !fd.End.IsZero() && fd.End.Before(fd.Start) {
		c.fail(gEnd, compact.ErrOrder, "the planned end %s is before the start %s", fd.End, fd.Start)
	}
}

// amount reads the amount awarded, in pounds; another currency's amount
// is counted as unmapped.
func (c *grantCheck) amount(fd *compact.FundingDecision) {
	s := c.v[gAmount]
	if s == "" {
		return
	}
	a, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || a < 0 || math.IsInf(a, 0) || math.IsNaN(a):
		c.fail(gAmount, compact.ErrValue, "%q is not an amount", s)
	case c.v[gCurrency] == "" || strings.EqualFold(c.v[gCurrency], "GBP"):
		fd.Amount = a
	default:
		c.fi.res.Unmapped["amountAwarded in "+c.v[gCurrency]]++
	}
}

// duration reads the planned duration, in whole months.
func (c *grantCheck) duration(fd *compact.FundingDecision) {
	s := c.v[gDuration]
	if s == "" {
		return
	}
	m, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || m <= 0 || m > math.MaxInt32:
		c.fail(gDuration, compact.ErrValue, "%q is not a duration in months", s)
	case m != math.Trunc(m):
		c.fi.res.Unknown["plannedDates: duration not in whole months"]++
	default:
		fd.TermMonths = int(m)
	}
}

// againstArea refuses what the area would refuse: a funder that is its own
// recipient, an id a hand-written record has.
func (c *grantCheck) againstArea(fd *compact.FundingDecision) {
	if fd.Funder == fd.Recipient {
		c.fail(gRecipientID, compact.ErrValue, "the recipient %q is the funder %q: funder and recipient are the same organisation",
			strings.TrimSpace(c.v[gRecipientName]+" "+c.v[gRecipientID]), strings.TrimSpace(c.v[gFunderName]+" "+c.v[gFunderID]))
	}
	if file := c.fi.dir.recordIDs[fd.ID]; file != "" {
		c.fail(gID, compact.ErrDuplicate, "record id %q is already used in %s", fd.ID, file)
	}
}

// grantOrg reads a grant's funder or recipient, checking its identifier.
func (fi *fileImport) grantOrg(g *grantIn, idField, nameField string, bad *bool) orgRef {
	id, name := strings.TrimSpace(g.vals[idField]), strings.TrimSpace(g.vals[nameField])
	r := orgRef{Name: name}
	if idField == gRecipientID {
		r.Website = g.vals[gRecipientURL]
	}
	if id == "" {
		return r
	}
	if err := checkOrgID(id); err != nil {
		pos, path := g.at(idField)
		fi.problem(pos, path, compact.ErrValue, "%s", err)
		*bad = true
		return r
	}
	if strings.HasPrefix(id, localIDPrefix) {
		r.LocalID = id
		r.Sector, r.Kind = compact.SectorUnknown, compact.OrgUnknown
	} else {
		r.OrgID = id
		r.Sector, r.Kind = sectorOf(id)
	}
	return r
}

// org resolves an organisation to the area's id, reporting one the item
// does not name.
func (fi *fileImport) org(r orgRef, g *grantIn, field string, bad *bool) string {
	id, err := fi.dir.resolve(r)
	if err != nil {
		pos, path := g.at(field)
		fi.problem(pos, path, compact.ErrMissing, "%s", fmt.Sprintf("%s: %v", field, err))
		*bad = true
	}
	return id
}
