package examples

import (
	"embed"
	"sync"

	"github.com/compactkit/compactkit/compact"
)

// National holds the documents of examples/national: the national Compact
// (England, 2010) and the national baseline built on it.
//
//go:embed national
var National embed.FS

var national = sync.OnceValues(func() (*compact.Library, error) {
	return compact.LibraryFS(National, "national", "national")
})

// Library returns the national baseline as a library, so that a local
// compact (or rule pack, or role catalogue) can extend it by id without the
// national folder on disk. It is read once; the result is shared and must
// not be changed.
func Library() (*compact.Library, error) { return national() }
