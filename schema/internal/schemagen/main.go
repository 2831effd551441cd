// Command schemagen rewrites the schema files of package schema from the Go
// types. It is run by "go generate ./schema", in the schema folder.
package main

import (
	"fmt"
	"os"

	"github.com/compactkit/compactkit/schema"
)

func main() {
	g, err := schema.NewGenerator("..")
	if err == nil {
		err = g.WriteFiles(".")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}
