package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/importer"
	"github.com/compactkit/compactkit/reporting"
	"github.com/compactkit/compactkit/rules"
)

// TestReportRowsNameTheSource: every failure row of the annual report made
// from imported records names its source row.
func TestReportRowsNameTheSource(t *testing.T) {
	_, a, _ := importAndCheck(t, importer.Giving360, []string{"testdata/360giving/trafford-council-vcs-grants.csv"})
	e, err := rules.Compile(a)
	require.NoError(t, err)
	r, err := reporting.Build(context.Background(), a, span(a), reporting.WithFindings(reporting.RuleFindings(e)))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.WriteFindingsCSV(&buf))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Equal(t, "source", rows[0][len(rows[0])-1])
	require.Len(t, rows, 1+1665)
	for _, row := range rows[1:] {
		src := row[len(row)-1]
		require.True(t, strings.HasPrefix(src, "testdata/360giving/trafford-council-vcs-grants.csv:"), src)
		require.True(t, strings.HasSuffix(src, " ["+row[2]+"]"), "%s names subject %s", src, row[2])
	}
	var md bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&md))
	require.True(t, strings.Contains(md.String(), `Source: testdata/360giving/trafford-council-vcs-grants.csv:2 \[360G-traffordmbc-VSG1342\].`),
		"the Markdown table names the source row")
}
