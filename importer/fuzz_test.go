package importer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/importer"
)

// FuzzImport: whatever a source file holds, an import returns problems or
// an error and never panics, and what it writes always loads as an area.
func FuzzImport(f *testing.F) {
	seeds := []struct {
		src  byte
		file string
	}{
		{0, "testdata/small-grants.json"},
		{0, "testdata/360giving/edited-wellcome-grants-invalid.json"},
		{1, "testdata/govuk/closed_consultation.json"},
		{2, "testdata/ocds/contracts-finder-releases.json"},
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s.file)
		require.NoError(f, err)
		if len(data) > 2000 {
			data = data[:2000]
		}
		f.Add(s.src, data)
	}
	f.Add(byte(3), []byte("Identifier,Award Date,Funding Org:Identifier,Recipient Org:Name\r\nx,2024-01-01,GB-LAE-X,\u0085A\u00a0B\r\n"))
	f.Add(byte(0), []byte(`{"grants":[{"id":"\u0085","awardDate":"2024-01-01","fundingOrganization":[{"id":"GB-LAE-X","name":"\ufeff"}],"recipientOrganization":[{"name":"\u2028"}]}]}`))
	f.Fuzz(func(t *testing.T, src byte, data []byte) {
		dir := t.TempDir()
		sources := []struct {
			s   importer.Source
			ext string
		}{{importer.Giving360, ".json"}, {importer.GOVUK, ".json"}, {importer.OCDS, ".json"}, {importer.Giving360, ".csv"}}
		s := sources[int(src)%len(sources)]
		file := filepath.Join(dir, "source"+s.ext)
		require.NoError(t, os.WriteFile(file, data, 0o644))
		area := filepath.Join(dir, "area")
		_, err := importer.Import(context.Background(), s.s, []string{file}, area)
		if err != nil {
			var list compact.Errors
			var one *compact.Error
			require.True(t, errors.As(err, &list) || errors.As(err, &one), "%v", err)
			return
		}
		_, err = compact.LoadArea(area)
		require.NoError(t, err)
	})
}
