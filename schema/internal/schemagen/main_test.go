package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGenerateWritesTheCommittedFiles runs the generator into a temporary
// folder: it must write exactly the schema files committed in schema/.
func TestGenerateWritesTheCommittedFiles(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, generate(filepath.Join("..", "..", ".."), out))
	written, err := filepath.Glob(filepath.Join(out, "*.json"))
	require.NoError(t, err)
	committed, err := filepath.Glob(filepath.Join("..", "..", "*.json"))
	require.NoError(t, err)
	require.Len(t, written, len(committed))
	for _, w := range written {
		got, err := os.ReadFile(w)
		require.NoError(t, err)
		want, err := os.ReadFile(filepath.Join("..", "..", filepath.Base(w)))
		require.NoError(t, err, "%s is not committed", filepath.Base(w))
		assert.Equal(t, string(want), string(got), filepath.Base(w))
	}
	var stderr strings.Builder
	assert.Equal(t, 1, run(filepath.Join(out, "no-module-here"), out, &stderr))
	assert.Contains(t, stderr.String(), "schemagen:")
	assert.Equal(t, 0, run(filepath.Join("..", "..", ".."), t.TempDir(), &stderr))
}
