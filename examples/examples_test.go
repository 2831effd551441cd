package examples_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/examples"
)

func TestLibraryHasTheNationalCompact(t *testing.T) {
	lib, err := examples.Library()
	require.NoError(t, err)
	d, ok := lib.Find(compact.KindCompact, "national-2010")
	require.True(t, ok)
	assert.Equal(t, filepath.Join("national", "compact.yaml"), d.File())
	again, err := examples.Library()
	require.NoError(t, err)
	assert.Same(t, lib, again, "read once and shared")
}

// TestEveryAreaLoads loads every example folder with the embedded library.
func TestEveryAreaLoads(t *testing.T) {
	lib, err := examples.Library()
	require.NoError(t, err)
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var n int
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "embed" {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			a, err := compact.LoadArea(e.Name(), compact.WithLibrary(lib))
			require.NoError(t, err)
			require.NotNil(t, a.Compact, "every example has a compact")
		})
	}
	assert.Positive(t, n)
}

func ExampleLibrary() {
	lib, err := examples.Library()
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := lib.Find(compact.KindCompact, "national-2010")
	fmt.Println(d.Kind, d.ID, "from", d.File())
	// Output: Compact national-2010 from national/compact.yaml
}
