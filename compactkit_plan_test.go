package compactkit_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/plan"
)

func TestAreaPlan(t *testing.T) {
	area, err := compactkit.Load("examples/kent")
	require.NoError(t, err)
	draft, err := plan.ReadDraft("plan/testdata/drafts/kent-reduction.yaml", area.Area)
	require.NoError(t, err)
	p, err := area.Plan(context.Background(), draft, compact.MustParseDate("2025-01-06"))
	require.NoError(t, err)
	var notice string
	for _, s := range p.Steps {
		if s.Step == "noticeBy" {
			notice = plan.Sentence(s)
		}
	}
	require.Equal(t, "Notice must be given in writing by 2025-04-01", notice)
}

// TestValidateChecksDrafts: a Draft document in an area's folder is
// checked with the rest.
func TestValidateChecksDrafts(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"compact.yaml", "directory.yaml", "records.yaml", "rules.yaml"} {
		data, err := os.ReadFile(filepath.Join("examples", "riverford", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	_, err := compactkit.Validate(context.Background(), dir)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "draft.yaml"), []byte("apiVersion: compactkit/v1\nkind: Draft\nid: d\n"), 0o644))
	_, err = compactkit.Validate(context.Background(), dir)
	require.ErrorContains(t, err, "draft.yaml:1:1: funding: a draft gives one record")
}
