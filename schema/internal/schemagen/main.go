// Command schemagen rewrites the schema files of package schema from the Go
// types. It is run by "go generate ./schema", in the schema folder.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/compactkit/compactkit/schema"
)

func main() { os.Exit(run("..", ".", os.Stderr)) }

// run generates the files and returns the exit code, reporting a failure on
// stderr.
func run(root, out string, stderr io.Writer) int {
	if err := generate(root, out); err != nil {
		fmt.Fprintln(stderr, "schemagen:", err)
		return 1
	}
	return 0
}

// generate writes every schema, built from the module's source at root,
// into the folder out.
func generate(root, out string) error {
	g, err := schema.NewGenerator(root)
	if err != nil {
		return err
	}
	return g.WriteFiles(out)
}
