package compact

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

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

// TestReadFSInFileOrder: files parsed on several cores come back in file
// order, documents and problems alike.
func TestReadFSInFileOrder(t *testing.T) {
	fsys := fstest.MapFS{}
	var want, wantBad []string
	for i := range 40 {
		name := fmt.Sprintf("d%02d.yaml", i)
		if i%7 == 3 {
			fsys[name] = &fstest.MapFile{Data: []byte("apiVersion: compactkit/v1\nkind: Nope\n")}
			wantBad = append(wantBad, filepath.Join("p", name))
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(fmt.Sprintf("apiVersion: compactkit/v1\nkind: Directory\nid: dir-%02d\n", i))}
		want = append(want, fmt.Sprintf("dir-%02d", i))
	}
	_, err := ReadFS(fsys, ".", "p")
	var bad []string
	for _, e := range AsErrors(err) {
		bad = append(bad, e.Pos.File)
	}
	require.Equal(t, wantBad, bad)

	for name := range fsys {
		if string(fsys[name].Data[len(fsys[name].Data)-5:]) == "Nope\n" {
			delete(fsys, name)
		}
	}
	docs, err := (&reader{eager: true}).readFS(fsys, ".", "p")
	require.NoError(t, err)
	var got []string
	for _, d := range docs {
		got = append(got, d.ID)
		require.NotNil(t, d.pre, "decoded as read")
	}
	require.Equal(t, want, got)
}
