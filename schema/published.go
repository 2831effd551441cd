package schema

import (
	"embed"
	"io/fs"
)

// published holds the generated schema files, as committed.
//
//go:embed *.json
var published embed.FS

// Published returns the published schema of a kind: the file committed in the
// schema folder, which the tests keep identical to what [Generator.Generate]
// makes from the code.
func Published(k Kind) ([]byte, error) {
	return fs.ReadFile(published, k.File)
}
