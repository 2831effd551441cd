package importer

import (
	"errors"
	"fmt"
	"io"
	"reflect"
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
	m := fi.o.mapping
	cell := func(field string) (string, compact.Position, string) {
		if i, ok := cols[field]; ok {
			v := ""
			if i < len(cells) {
				v = strings.TrimSpace(cells[i])
			}
			return v, rows.cellPos(i), head[i]
		}
		return m.Defaults[field], m.Source, "defaults." + field
	}
	bad := false
	var rec reflect.Value
	var c *compact.Consultation
	var fd *compact.FundingDecision
	if m.Record == MapConsultations {
		c = &compact.Consultation{}
		rec = reflect.ValueOf(c).Elem()
	} else {
		fd = &compact.FundingDecision{Kind: compact.FundingNew}
		rec = reflect.ValueOf(fd).Elem()
	}
	orgIDFields := map[string]bool{}
	for _, of := range orgFields[m.Record] {
		orgIDFields[of[0]], orgIDFields[of[1]] = true, true
	}
	for field, index := range fields {
		if orgIDFields[field] {
			continue
		}
		s, pos, path := cell(field)
		if s == "" {
			continue
		}
		if err := setField(rec.FieldByIndex(index), s, m.DateFormat); err != nil {
			fi.problem(pos, path, compact.ErrValue, "%s: %v", field, err)
			bad = true
		}
	}
	id, idPos, idPath := cell("id")
	if id == "" {
		fi.problem(idPos, idPath, compact.ErrMissing, "the row has no id")
		bad = true
	} else if rid := recordID(id); fi.w.has(rid) {
		fi.problem(idPos, idPath, compact.ErrDuplicate, "id %q is given twice in this file", id)
		bad = true
	} else {
		rec.FieldByIndex(fields["id"]).SetString(rid)
	}
	refs := map[string]orgRef{}
	for _, of := range orgFields[m.Record] {
		name, _, _ := cell(of[0])
		oid, pos, path := cell(of[1])
		r := orgRef{Name: name}
		if oid != "" {
			if err := checkOrgID(oid); err != nil {
				fi.problem(pos, path, compact.ErrValue, "%v", err)
				bad = true
			} else if strings.HasPrefix(oid, localIDPrefix) {
				r.LocalID = oid
			} else {
				r.OrgID = oid
				r.Sector, r.Kind = sectorOf(oid)
			}
		}
		if r.OrgID == "" && r.LocalID == "" && name == "" {
			fi.problem(pos, path, compact.ErrMissing, "the row gives no %s (by name or by %s)", of[0], of[1])
			bad = true
		}
		refs[of[0]] = r
	}
	if bad {
		fi.res.Skipped++
		return nil
	}
	for _, of := range orgFields[m.Record] {
		oid, err := fi.dir.resolve(refs[of[0]])
		if err != nil {
			fi.res.Skipped++
			return nil
		}
		rec.FieldByIndex(fields[of[0]]).SetString(oid)
	}
	if msg, field := tableRecordProblem(c, fd); msg != "" {
		_, pos, path := cell(field)
		fi.problem(pos, path, compact.ErrValue, "%s", msg)
		fi.res.Skipped++
		return nil
	}
	if rid := rec.FieldByIndex(fields["id"]).String(); fi.dir.recordIDs[rid] != "" {
		fi.problem(idPos, idPath, compact.ErrDuplicate, "record id %q is already used in %s", rid, fi.dir.recordIDs[rid])
		fi.res.Skipped++
		return nil
	}
	prov := &compact.Provenance{Source: string(Table), File: fi.file, Row: row, Sheet: rows.sheet(), ID: id}
	if c != nil {
		c.Provenance = prov
		return fi.w.add(c.ID, c, c.Opens, c.Closes)
	}
	fd.Provenance = prov
	if fd.TermMonths == 0 && (fd.Start.IsZero() || fd.End.IsZero()) && (fd.Kind == compact.FundingNew || fd.Kind == compact.FundingRenewal) {
		fi.res.Unknown["term: duration not published"]++
	}
	return fi.w.add(fd.ID, fd, fd.Decided, fd.Decided)
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
