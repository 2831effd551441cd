package compact

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRecordsTreesReleased: a loaded area keeps no node tree or path index
// for its directory and records (they are most of its memory), and builds
// them again from the text, the same, when a later error needs them, from
// several goroutines at once.
func TestRecordsTreesReleased(t *testing.T) {
	lib, err := LoadLibrary(filepath.Join("testdata", "base"))
	require.NoError(t, err)
	a, err := LoadArea(filepath.Join("testdata", "area"), WithLibrary(lib))
	require.NoError(t, err)
	var recs *Document
	for _, d := range a.Documents {
		switch d.Kind {
		case KindRecords, KindDirectory:
			require.Nil(t, d.node, "%s released", d.Kind)
			require.Nil(t, d.paths)
			if d.Kind == KindRecords {
				recs = d
			}
		case KindCompact:
			require.NotNil(t, d.node, "a compact is read again by other packages")
		}
	}
	require.NotNil(t, recs)

	n := a.Records.Nominations[0]
	var wg sync.WaitGroup
	errs := make([]*Error, 8)
	for i := range errs {
		wg.Go(func() { errs[i] = a.Errorf(n.Source, "role", ErrReference, "unknown role") })
	}
	wg.Wait()
	for _, e := range errs {
		require.Equal(t, "nominations[0].role", e.Path)
		require.Equal(t, Position{File: n.Source.File, Line: 22, Column: 20}, e.Pos)
	}
	var again Records
	require.NoError(t, recs.Decode(&again))
	require.Equal(t, a.Records.Nominations, again.Nominations, "decoded again from the text, the same")
}
