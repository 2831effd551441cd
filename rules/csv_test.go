package rules_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/rules"
)

func TestSafeCSVCell(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"Town Council", "Town Council"},
		{`=HYPERLINK("http://evil.example")`, `'=HYPERLINK("http://evil.example")`},
		{"+44 1484 000000", "'+44 1484 000000"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, rules.SafeCSVCell(tc.in), "%q", tc.in)
	}
}

func TestCSVWriter(t *testing.T) {
	var b bytes.Buffer
	w, err := rules.NewCSVWriter(&b, []string{"a", "b"})
	require.NoError(t, err)
	require.NoError(t, w.Write("=1", "x"))
	require.NoError(t, w.Write("short"))
	require.NoError(t, w.Write("1", "2", "dropped"))
	require.NoError(t, w.Flush())
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Equal(t, [][]string{{"a", "b"}, {"'=1", "x"}, {"short", ""}, {"1", "2"}}, rows)
}

type brokenWriter struct{}

var errBroken = errors.New("broken pipe")

func (brokenWriter) Write([]byte) (int, error) { return 0, errBroken }

func TestCSVWriterKeepsTheFirstError(t *testing.T) {
	w, err := rules.NewCSVWriter(brokenWriter{}, []string{"a"})
	require.NoError(t, err, "the header is buffered")
	require.ErrorIs(t, w.Flush(), errBroken)
	require.ErrorIs(t, w.Write("x"), errBroken, "later writes return the first error")
	require.ErrorIs(t, rules.WriteCSV(brokenWriter{}, rules.Findings{{Rule: "r"}}), errBroken)
}

// Write rows for a spreadsheet: a cell that would run as a formula is
// written as text.
func ExampleCSVWriter() {
	w, _ := rules.NewCSVWriter(os.Stdout, []string{"organisation", "message"})
	_ = w.Write("council", `=HYPERLINK("http://evil.example","click") gave 2 months' notice`)
	_ = w.Write("cvs", "-10% cut")
	if err := w.Flush(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// organisation,message
	// council,"'=HYPERLINK(""http://evil.example"",""click"") gave 2 months' notice"
	// cvs,'-10% cut
}
