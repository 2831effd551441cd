package compact_test

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/compactkit/compactkit/compact"
)

// Load an area whose compact extends a base compact kept in a library, and
// ask where a parameter's value came from.
func ExampleLoadArea() {
	lib, err := compact.LoadLibrary(filepath.Join("testdata", "base"))
	if err != nil {
		fmt.Println(err)
		return
	}
	area, err := compact.LoadArea(filepath.Join("testdata", "area"), compact.WithLibrary(lib))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := area.Compact
	fmt.Println(c.Title, "extends", c.Extends)
	fmt.Println(len(c.Commitments), "commitments")
	notice, _ := c.Parameter("fundingNoticeMonths")
	origin, _ := c.ParameterOrigin("fundingNoticeMonths")
	fmt.Printf("funding notice: %s months, set by %s (overriding %s)\n", notice, origin.By, origin.Overrides)
	fmt.Println("signatories on 1 August 2013:", area.Signatories(compact.MustParseDate("2013-08-01")))
	// Output:
	// The Town Compact extends base-2010
	// 5 commitments
	// funding notice: 6 months, set by town (overriding base-2010)
	// signatories on 1 August 2013: [council cvs nhs]
}

// Every problem in a document is reported together, each with its file,
// line, column and field path.
func ExampleParse() {
	src := `apiVersion: compactkit/v1
kind: Records
consultations:
  - id: library-review
    title: Library review
    owner: council
    opens: 2024-03-01
    closes: 2024-04-31
    formall: true
`
	docs, err := compact.Parse("records.yaml", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	var recs compact.Records
	err = docs[0].Decode(&recs)
	fmt.Println(err)
	fmt.Println(errors.Is(err, compact.ErrUnknownField))
	// Output:
	// records.yaml:8:13: consultations[0].closes: "2024-04-31" is not a day in the calendar
	// records.yaml:9:5: consultations[0].formall: unknown field "formall"; did you mean "formal"?
	// true
}

// Months between civil dates are calendar months, the way notice periods are
// written.
func ExampleMonthsBetween() {
	notice := compact.MustParseDate("2024-01-31")
	fmt.Println(compact.MonthsBetween(notice, compact.MustParseDate("2024-04-30")))
	fmt.Println(compact.MonthsBetween(notice, compact.MustParseDate("2024-04-29")))
	fmt.Println(notice.AddMonths(1))
	// Output:
	// 3
	// 2
	// 2024-02-29
}

// Limits on input are options; what they refuse is an error that states
// the limit.
func ExampleWithMaxFileBytes() {
	lib, err := compact.LoadLibrary(filepath.Join("testdata", "base"))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = compact.LoadArea(filepath.Join("testdata", "area"), compact.WithLibrary(lib), compact.WithMaxFileBytes(1000))
	fmt.Println(errors.Is(err, compact.ErrLimit))
	fmt.Println(compact.AsErrors(err)[0].Msg)
	// Output:
	// true
	// limit exceeded: file is 1142 bytes; the limit for one file is 1000
}
