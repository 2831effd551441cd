package importer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compactkit/compactkit/importer"
)

// Import a 360Giving file into an area folder, then read what it says the
// data does not publish.
func ExampleImport() {
	area, err := os.MkdirTemp("", "area")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(area)
	res, err := importer.Import(context.Background(), importer.Giving360,
		[]string{"testdata/small-grants.json"}, area)
	if err != nil {
		panic(err)
	}
	f := res.Files[0]
	fmt.Println(filepath.Base(f.Output), f.Records, "records,", f.Organisations, "organisations")
	fmt.Println("not published:", f.Unknown)
	for _, p := range f.Problems {
		fmt.Println(p)
	}
	// Output:
	// imported-360giving-small-grants.yaml 2 records, 3 organisations
	// not published: map[plannedDates: duration not published:1]
	// testdata/small-grants.json:27:20: /grants/2/awardDate: "24/07/2014" is not a date written YYYY-MM-DD
}
