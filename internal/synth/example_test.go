package synth_test

import (
	"fmt"
	"log"
	"os"

	"github.com/compactkit/compactkit"
	"github.com/compactkit/compactkit/internal/synth"
)

// Write a synthetic area of 1,000 records and load it.
func ExampleWrite() {
	dir, err := os.MkdirTemp("", "synth")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if _, err := synth.Write(dir, synth.Config{Records: 1000, Organisations: 40}); err != nil {
		log.Fatal(err)
	}
	a, err := compactkit.Load(dir)
	if err != nil {
		log.Fatal(err)
	}
	c := a.Counts()
	fmt.Println(a.RecordCount(), "records;", c["organisations"], "organisations;", c["funding"], "funding decisions")
	// Output: 1000 records; 40 organisations; 687 funding decisions
}
