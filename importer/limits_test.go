package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/importer"
)

// TestValuesOverTheLoadersLimitsAreRefusedByRow: a row whose value the
// area's loader would refuse (a name over compact.MaxNameBytes, a title
// over compact.MaxValueBytes) is a problem at its row, the other rows
// import, and what is written loads.
func TestValuesOverTheLoadersLimitsAreRefusedByRow(t *testing.T) {
	long := strings.Repeat("A", compact.MaxNameBytes+1)
	title := strings.Repeat("t", compact.MaxValueBytes+1)
	cases := []struct {
		name, row, want string
	}{
		{"a recipient name over the name limit", "g1,2024-01-01,GB-LAE-X,Council," + long + ",", "the organisation's name is 257 bytes"},
		{"a title over the value limit", "g1,2024-01-01,GB-LAE-X,Council,Club," + title, "title is 16385 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "grants.csv")
			csv := "Identifier,Award Date,Funding Org:Identifier,Funding Org:Name,Recipient Org:Name,Title\n" +
				tc.row + "\n" + "g2,2024-02-01,GB-LAE-X,Council,Good Club,Fine\n"
			require.NoError(t, os.WriteFile(src, []byte(csv), 0o644))
			area := filepath.Join(dir, "area")
			res, err := importer.Import(context.Background(), importer.Giving360, []string{src}, area)
			require.NoError(t, err)
			require.Equal(t, 1, res.Files[0].Records)
			probs := res.Problems()
			require.Len(t, probs, 1)
			require.Contains(t, probs[0].Msg, tc.want)
			require.Equal(t, 2, probs[0].Pos.Line, "the source row")
			_, err = compact.LoadArea(area, compact.AllowEmpty())
			require.NoError(t, err)
		})
	}
}
