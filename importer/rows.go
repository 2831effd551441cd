package importer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/compactkit/compactkit/compact"
)

// rowReader reads a spreadsheet a row at a time: a CSV file or an XLSX
// worksheet. Neither is held in memory whole.
type rowReader interface {
	// header is the first row, the column names.
	header() []string
	// next returns the cells of the next row and its 1-based number (the
	// header is row 1), or io.EOF.
	next() ([]string, int, error)
	// cellPos is the position of cell i of the row next returned.
	cellPos(i int) compact.Position
	// sheet is the XLSX worksheet read; empty for CSV.
	sheet() string
	close() error
}

// openRows opens a CSV or XLSX file by its extension.
func openRows(name, sheet string) (rowReader, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return openXLSX(name, sheet)
	default:
		return openCSV(name)
	}
}

type csvRows struct {
	name string
	f    *os.File
	r    *csv.Reader
	head []string
	row  int
	// fields is how many cells the row last read has (csv.Reader.FieldPos
	// panics past them).
	fields int
}

func openCSV(name string) (*csvRows, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrIO, Msg: err.Error()}}
	}
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1 // a short row has empty cells at its end
	r.ReuseRecord = true
	c := &csvRows{name: name, f: f, r: r}
	head, err := r.Read()
	if err != nil {
		f.Close()
		if errors.Is(err, io.EOF) {
			return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrMissing, Msg: "the file is empty: no header row"}}
		}
		return nil, csvError(name, err)
	}
	c.head = make([]string, len(head))
	for i, h := range head {
		c.head[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	c.row = 1
	return c, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &compact.Error{Pos: compact.Position{File: name, Line: pe.Line, Column: pe.Column}, Err: compact.ErrSyntax, Msg: pe.Err.Error()}
	}
	return &compact.Error{Pos: compact.Position{File: name}, Err: compact.ErrIO, Msg: err.Error()}
}

func (c *csvRows) header() []string { return c.head }
func (c *csvRows) sheet() string    { return "" }
func (c *csvRows) close() error     { return c.f.Close() }

func (c *csvRows) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		return nil, 0, csvError(c.name, err)
	}
	c.row++
	c.fields = len(rec)
	return rec, c.row, nil
}

// cellPos is where cell i of the row last read starts. A short row (fewer
// cells than the header) has no cell i: its position is the row's end,
// after its last cell.
func (c *csvRows) cellPos(i int) compact.Position {
	if n := c.fields; i >= n {
		if n == 0 {
			return compact.Position{File: c.name, Line: c.row}
		}
		line, col := c.r.FieldPos(n - 1)
		return compact.Position{File: c.name, Line: line, Column: col}
	}
	line, col := c.r.FieldPos(max(i, 0))
	return compact.Position{File: c.name, Line: line, Column: col}
}

type xlsxRows struct {
	name, sh string
	f        *excelize.File
	rows     *excelize.Rows
	head     []string
	row      int
}

func openXLSX(name, sheet string) (*xlsxRows, error) {
	f, err := excelize.OpenFile(name)
	if err != nil {
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrIO, Msg: err.Error()}}
	}
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrValue, Msg: fmt.Sprintf("worksheet %q: %v", sheet, err)}}
	}
	x := &xlsxRows{name: name, sh: sheet, f: f, rows: rows}
	if !rows.Next() {
		x.close()
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrMissing, Msg: fmt.Sprintf("worksheet %q is empty: no header row", sheet)}}
	}
	head, err := rows.Columns()
	if err != nil {
		x.close()
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrSyntax, Msg: err.Error()}}
	}
	for i := range head {
		head[i] = strings.TrimSpace(head[i])
	}
	x.head, x.row = head, 1
	return x, nil
}

func (x *xlsxRows) header() []string { return x.head }
func (x *xlsxRows) sheet() string    { return x.sh }

func (x *xlsxRows) close() error {
	x.rows.Close()
	return x.f.Close()
}

func (x *xlsxRows) next() ([]string, int, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, 0, &compact.Error{Pos: compact.Position{File: x.name, Line: x.row + 1}, Err: compact.ErrSyntax, Msg: err.Error()}
		}
		return nil, 0, io.EOF
	}
	x.row++
	cells, err := x.rows.Columns()
	if err != nil {
		return nil, 0, &compact.Error{Pos: compact.Position{File: x.name, Line: x.row}, Err: compact.ErrSyntax, Msg: err.Error()}
	}
	return cells, x.row, nil
}

// cellPos is the row as the line and the column number as the column:
// a spreadsheet's own coordinates (row 5, column 3 is C5).
func (x *xlsxRows) cellPos(i int) compact.Position {
	return compact.Position{File: x.name, Line: x.row, Column: i + 1}
}
