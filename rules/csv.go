package rules

import (
	"encoding/csv"
	"io"
	"strings"
)

// formulaStarts are the characters that make a spreadsheet read a cell as a
// formula (or, for tab and carriage return, hide one): =, +, -, @, tab and
// carriage return. OWASP's advice on CSV injection lists the same.
const formulaStarts = "=+-@\t\r"

// CSVWriter writes CSV for spreadsheets: a header row, then rows, with
// every cell that starts with =, +, -, @, a tab or a carriage return
// prefixed with an apostrophe, so that a name such as
// =HYPERLINK("http://...") shows as text and never runs. It is the one CSV
// writer of compactkit: findings ([WriteCSV], compact check --format csv)
// and the annual report's failures use it.
//
// The first write error is kept: later writes do nothing and return it,
// and [CSVWriter.Flush] returns it.
type CSVWriter struct {
	cw    *csv.Writer
	width int
	err   error
}

// NewCSVWriter returns a writer that has written header to w.
func NewCSVWriter(w io.Writer, header []string) (*CSVWriter, error) {
	c := &CSVWriter{cw: csv.NewWriter(w), width: len(header)}
	return c, c.Write(header...)
}

// Write writes one row, neutralising each cell (see [SafeCSVCell]). A row
// is written in the header's width: missing cells are empty and extra
// cells are dropped, so a spreadsheet never sees a ragged row.
func (c *CSVWriter) Write(cells ...string) error {
	if c.err != nil {
		return c.err
	}
	row := make([]string, c.width)
	for i := range row {
		if i < len(cells) {
			row[i] = SafeCSVCell(cells[i])
		}
	}
	if err := c.cw.Write(row); err != nil {
		c.err = err
	}
	return c.err
}

// Flush writes any buffered rows and returns the first error of any write.
func (c *CSVWriter) Flush() error {
	if c.err != nil {
		return c.err
	}
	c.cw.Flush()
	c.err = c.cw.Error()
	return c.err
}

// SafeCSVCell returns s as a CSV cell a spreadsheet reads as text: with an
// apostrophe in front when it starts with =, +, -, @, a tab or a carriage
// return, else unchanged.
func SafeCSVCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}
