package importer

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/compactkit/compactkit/compact"
)

var (
	dateType   = reflect.TypeFor[compact.Date]()
	valuesType = reflect.TypeFor[interface{ Values() []string }]()
)

// table imports a council's own register with its mapping, a row at a
// time.
func (fi *fileImport) table() error {
	m := fi.o.mapping
	sheet := fi.o.sheet
	if sheet == "" {
		sheet = m.Sheet
	}
	rows, err := openRows(fi.file, sheet)
	if err != nil {
		return err
	}
	defer rows.close()
	head := rows.header()
	colOf := map[string]int{}
	for i, h := range head {
		if _, dup := colOf[h]; !dup {
			colOf[h] = i
		}
	}
	mappedCol := map[int]bool{}
	cols := map[string]int{} // field -> column
	for field, title := range m.Columns {
		i, ok := colOf[title]
		if !ok {
			fi.problem(compact.Position{File: fi.file, Line: 1}, title, compact.ErrMissing,
				"no column %q (mapped to %s by %s at %s)", title, field, m, m.Source)
			return nil
		}
		cols[field] = i
		mappedCol[i] = true
	}
	fields := recordFields(m.Record)
	for {
		if err := fi.ctx.Err(); err != nil {
			return err
		}
		cells, row, err := rows.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			fi.problem(positionOf(err, fi.file), "", compact.ErrSyntax, "%s", errMessage(err))
			return nil
		}
		blank := true
		for i, c := range cells {
			if strings.TrimSpace(c) == "" {
				continue
			}
			blank = false
			if !mappedCol[i] && i < len(head) {
				fi.res.Unmapped[head[i]]++
			}
		}
		if blank {
			continue
		}
		if err := fi.tableRow(rows, head, cells, row, cols, fields); err != nil {
			return err
		}
	}
}

// tableRow makes one record of one row.
func (fi *fileImport) tableRow(rows rowReader, head, cells []string, row int, cols map[string]int, fields map[string][]int) error {
	r := &tableRowCheck{fi: fi, m: fi.o.mapping, rows: rows, head: head, cells: cells, cols: cols, fields: fields, ok: true}
	var c *compact.Consultation
	var fd *compact.FundingDecision
	if r.m.Record == MapConsultations {
		c = &compact.Consultation{}
		r.rec = reflect.ValueOf(c).Elem()
	} else {
		fd = &compact.FundingDecision{Kind: compact.FundingNew}
		r.rec = reflect.ValueOf(fd).Elem()
	}
	r.setCells()
	id := r.id()
	refs := r.orgRefs()
	if r.ok {
		r.resolveOrgs(refs)
	}
	if r.ok {
		if msg, field := tableRecordProblem(c, fd); msg != "" {
			r.fail(field, compact.ErrValue, "%s", msg)
		}
	}
	if rid := r.rec.FieldByIndex(fields["id"]).String(); r.ok && fi.dir.recordIDs[rid] != "" {
		r.fail("id", compact.ErrDuplicate, "record id %q is already used in %s", rid, fi.dir.recordIDs[rid])
	}
	if !r.ok {
		fi.res.Skipped++
		return nil
	}
	prov := &compact.Provenance{Source: string(Table), File: fi.file, Row: row, Sheet: rows.sheet(), ID: id}
	if c != nil {
		c.Provenance = prov
		return fi.add(c.ID, c, c.Provenance, c.Opens, c.Closes)
	}
	fd.Provenance = prov
	if fd.TermMonths == 0 && (fd.Start.IsZero() || fd.End.IsZero()) && (fd.Kind == compact.FundingNew || fd.Kind == compact.FundingRenewal) {
		fi.res.Unknown["term: duration not published"]++
	}
	return fi.add(fd.ID, fd, fd.Provenance, fd.Decided, fd.Decided)
}

// tableRowCheck reads one row into a record, reporting each bad cell.
type tableRowCheck struct {
	fi     *fileImport
	m      *Mapping
	rows   rowReader
	head   []string
	cells  []string
	cols   map[string]int   // record field -> column
	fields map[string][]int // record field -> index in the record's Go type
	rec    reflect.Value
	ok     bool
}

// cell is the text a field gets: its column's cell, or the mapping's
// default; with where it is.
func (r *tableRowCheck) cell(field string) (string, compact.Position, string) {
	if i, ok := r.cols[field]; ok {
		v := ""
		if i < len(r.cells) {
			v = strings.TrimSpace(r.cells[i])
		}
		return v, r.rows.cellPos(i), r.head[i]
	}
	return r.m.Defaults[field], r.m.Source, "defaults." + field
}

func (r *tableRowCheck) fail(field string, class error, format string, args ...any) {
	_, pos, path := r.cell(field)
	r.fi.problem(pos, path, class, format, args...)
	r.ok = false
}

// setCells sets the record's fields from their cells, in field order,
// leaving out the organisations (resolved after).
func (r *tableRowCheck) setCells() {
	orgFieldNames := map[string]bool{}
	for _, of := range orgFields[r.m.Record] {
		orgFieldNames[of[0]], orgFieldNames[of[1]] = true, true
	}
	for _, field := range slices.Sorted(maps.Keys(r.fields)) {
		if orgFieldNames[field] {
			continue
		}
		s, _, _ := r.cell(field)
		if s == "" {
			continue
		}
		if err := setField(r.rec.FieldByIndex(r.fields[field]), s, r.m.DateFormat); err != nil {
			r.fail(field, compact.ErrValue, "%s: %v", field, err)
		}
	}
}

// id sets the record's id from the row's, once in the file.
func (r *tableRowCheck) id() string {
	id, _, _ := r.cell("id")
	rid := recordID(id)
	switch {
	case id == "":
		r.fail("id", compact.ErrMissing, "the row has no id")
	case rid == "":
		r.fail("id", compact.ErrValue, "the id %q has no letters or digits to make a record id of", id)
	case r.fi.w.has(rid):
		r.fail("id", compact.ErrDuplicate, "id %q is given twice in this file", id)
	default:
		r.rec.FieldByIndex(r.fields["id"]).SetString(rid)
	}
	return id
}

// orgRefs reads the row's organisations, by name, identifier or both.
func (r *tableRowCheck) orgRefs() map[string]orgRef {
	refs := map[string]orgRef{}
	for _, of := range orgFields[r.m.Record] {
		name, _, _ := r.cell(of[0])
		oid, _, _ := r.cell(of[1])
		ref := orgRef{Name: name}
		switch err := checkOrgID(oid); {
		case oid == "":
		case err != nil:
			r.fail(of[1], compact.ErrValue, "%v", err)
		case strings.HasPrefix(oid, localIDPrefix):
			ref.LocalID = oid
		default:
			ref.OrgID = oid
			ref.Sector, ref.Kind = sectorOf(oid)
		}
		if oid == "" && name == "" {
			r.fail(of[1], compact.ErrMissing, "the row gives no %s (by name or by %s)", of[0], of[1])
		}
		refs[of[0]] = ref
	}
	return refs
}

// resolveOrgs sets the record's organisations to the area's ids.
func (r *tableRowCheck) resolveOrgs(refs map[string]orgRef) {
	for _, of := range orgFields[r.m.Record] {
		oid, err := r.fi.dir.resolve(refs[of[0]])
		if err != nil {
			r.fail(of[0], compact.ErrMissing, "%v", err)
			return
		}
		r.rec.FieldByIndex(r.fields[of[0]]).SetString(oid)
	}
}

// setField sets a record field from a cell's text, by the field's type.
func setField(v reflect.Value, s string, df DateFormat) error {
	switch {
	case v.Type() == dateType:
		d, err := tableDate(s, df)
		if err != nil {
			return err
		}
		if !plausible(d) {
			return errors.New(s + " is not a plausible date")
		}
		v.Set(reflect.ValueOf(d))
	case v.Type().Implements(valuesType):
		vals := v.Interface().(interface{ Values() []string }).Values()
		for _, x := range vals {
			if strings.EqualFold(x, s) {
				v.SetString(x)
				return nil
			}
		}
		return errors.New(strconv.Quote(s) + " is not one of " + strings.Join(vals, ", "))
	case v.Kind() == reflect.String:
		v.SetString(s)
	case v.Kind() == reflect.Int:
		n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
		if err != nil {
			return errors.New(strconv.Quote(s) + " is not a whole number")
		}
		v.SetInt(int64(n))
	case v.Kind() == reflect.Float64:
		t := strings.NewReplacer("£", "", ",", "", " ", "").Replace(s)
		f, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return errors.New(strconv.Quote(s) + " is not an amount")
		}
		v.SetFloat(f)
	case v.Kind() == reflect.Bool:
		switch strings.ToLower(s) {
		case "yes", "y", "true", "1":
			v.SetBool(true)
		case "no", "n", "false", "0":
			v.SetBool(false)
		default:
			return errors.New(strconv.Quote(s) + " is not yes or no")
		}
	default:
		return errors.New("this field cannot be read from a cell")
	}
	return nil
}

// tableDate reads a register's date in its format (or RFC 3339).
func tableDate(s string, df DateFormat) (compact.Date, error) {
	if df == DateDMY && strings.Contains(s, "/") {
		t, err := time.Parse("2/1/2006", s)
		if err != nil {
			return compact.Date{}, errors.New(strconv.Quote(s) + " is not a date written DD/MM/YYYY")
		}
		return compact.DateOf(t), nil
	}
	return civilDate(s)
}

// tableRecordProblem says what is wrong with a record a row made, as the
// area's loader would refuse it, and the field to point at; "" when
// nothing is.
func tableRecordProblem(c *compact.Consultation, fd *compact.FundingDecision) (string, string) {
	if c != nil {
		switch {
		case c.Closes.Before(c.Opens):
			return fmt.Sprintf("the consultation closes on %s, before it opens on %s", c.Closes, c.Opens), "closes"
		case !c.FeedbackPublished.IsZero() && c.FeedbackPublished.Before(c.Opens):
			return fmt.Sprintf("feedback was published on %s, before the consultation opened on %s", c.FeedbackPublished, c.Opens), "feedbackPublished"
		case c.Responses < 0:
			return "responses cannot be negative", "responses"
		}
		return "", ""
	}
	switch {
	case fd.Funder == fd.Recipient:
		return "funder and recipient are the same organisation", "recipient"
	case !fd.Start.IsZero() && !fd.End.IsZero() && fd.End.Before(fd.Start):
		return fmt.Sprintf("the term ends on %s, before it starts on %s", fd.End, fd.Start), "end"
	case !fd.AppealDecided.IsZero() && fd.AppealLodged.IsZero():
		return "an appeal was decided but no appealLodged date is given", "appealDecided"
	case !fd.AppealDecided.IsZero() && fd.AppealDecided.Before(fd.AppealLodged):
		return fmt.Sprintf("the appeal was decided on %s, before it was lodged on %s", fd.AppealDecided, fd.AppealLodged), "appealDecided"
	case fd.TermMonths < 0:
		return "termMonths cannot be negative", "termMonths"
	case fd.Amount < 0 || fd.PreviousAmount < 0:
		return "amounts cannot be negative", "amount"
	}
	return "", ""
}
