package compact_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
	"github.com/compactkit/compactkit/roles"
	"github.com/compactkit/compactkit/rules"
)

// allClasses is every error class of compactkit with the code it must keep.
// A code is part of the API: changing one here is a breaking change.
var allClasses = []struct {
	name  string
	class error
	code  string
}{
	{"compact.ErrSyntax", compact.ErrSyntax, "syntax"},
	{"compact.ErrHeader", compact.ErrHeader, "bad-header"},
	{"compact.ErrUnknownField", compact.ErrUnknownField, "unknown-field"},
	{"compact.ErrType", compact.ErrType, "wrong-type"},
	{"compact.ErrMissing", compact.ErrMissing, "missing-field"},
	{"compact.ErrValue", compact.ErrValue, "bad-value"},
	{"compact.ErrBadDate", compact.ErrBadDate, "bad-date"},
	{"compact.ErrDuplicate", compact.ErrDuplicate, "duplicate"},
	{"compact.ErrReference", compact.ErrReference, "dangling-reference"},
	{"compact.ErrOrder", compact.ErrOrder, "dates-out-of-order"},
	{"compact.ErrLayering", compact.ErrLayering, "layering"},
	{"compact.ErrLimit", compact.ErrLimit, "limit-exceeded"},
	{"compact.ErrEmpty", compact.ErrEmpty, "empty-area"},
	{"compact.ErrIO", compact.ErrIO, "io"},
	{"compact.ErrSkipped", compact.ErrSkipped, "skipped"},
	{"compact.ErrDateRange", compact.ErrDateRange, "date-out-of-range"},
	{"rules.ErrCompile", rules.ErrCompile, "does-not-compile"},
	{"rules.ErrNoPack", rules.ErrNoPack, "no-rule-pack"},
	{"rules.ErrNoAsOf", rules.ErrNoAsOf, "no-as-of"},
	{"rules.ErrSubject", rules.ErrSubject, "not-a-subject"},
	{"compact.ErrCycle", compact.ErrCycle, "cycle"},
	{"roles.ErrTooManyHolders", roles.ErrTooManyHolders, "too-many-holders"},
	{"roles.ErrNotSignatory", roles.ErrNotSignatory, "not-a-signatory"},
	{"roles.ErrAppointment", roles.ErrAppointment, "appointment-rules"},
	{"roles.ErrNoCatalogue", roles.ErrNoCatalogue, "no-role-catalogue"},
	{"roles.ErrUnknownOrganisation", roles.ErrUnknownOrganisation, "unknown-organisation"},
	{"dispute.ErrRefused", dispute.ErrRefused, "event-refused"},
	{"dispute.ErrTransition", dispute.ErrTransition, "not-allowed-in-state"},
	{"dispute.ErrGuard", dispute.ErrGuard, "condition-not-met"},
	{"dispute.ErrPermission", dispute.ErrPermission, "not-permitted"},
	{"dispute.ErrInvalidEvent", dispute.ErrInvalidEvent, "invalid-event"},
	{"dispute.ErrTampered", dispute.ErrTampered, "tampered"},
	{"dispute.ErrSignature", dispute.ErrSignature, "bad-signature"},
	{"dispute.ErrCheckpoint", dispute.ErrCheckpoint, "checkpoint-mismatch"},
	{"dispute.ErrNoProcedure", dispute.ErrNoProcedure, "no-dispute-procedure"},
	{"dispute.ErrLocked", dispute.ErrLocked, "case-locked"},
	{"dispute.ErrExists", dispute.ErrExists, "case-exists"},
}

// TestCodesAreStableUniqueAndDocumented checks each class's code, that no
// two classes share one, and that the table in the package documentation and
// the README's list the same codes for the same classes.
func TestCodesAreStableUniqueAndDocumented(t *testing.T) {
	seen := map[string]string{}
	for _, c := range allClasses {
		require.Equal(t, c.code, compact.Code(c.class), c.name)
		require.Regexp(t, `^[a-z]+(-[a-z]+)*$`, c.code)
		require.NotContains(t, seen, c.code, "%s and %s share a code", seen[c.code], c.name)
		seen[c.code] = c.name
	}
	row := regexp.MustCompile(`(?m)^//\t([a-z-]+) +([a-z]+\.Err[A-Za-z]+) `)
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = m[2]
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	inReadme := map[string]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\| `([a-z]+\\.Err[A-Za-z]+)` \\|").FindAllStringSubmatch(string(readme), -1) {
		inReadme[m[1]] = m[2]
	}
	require.Equal(t, seen, documented, "the code table in doc.go")
	require.Equal(t, seen, inReadme, "the code table in README.md")
}

func TestCode(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"plain", errors.New("plain"), compact.CodeUnclassified},
		{"class", compact.ErrReference, "dangling-reference"},
		{"wrapped", fmtWrap(compact.ErrLimit), "limit-exceeded"},
		{"problem", &compact.Error{Msg: "m", Err: compact.ErrUnknownField}, "unknown-field"},
		{"list", compact.Errors{{Msg: "m", Err: compact.ErrMissing}}, "missing-field"},
		{"refusal", &dispute.Refusal{Class: dispute.ErrGuard}, "condition-not-met"},
		{"custom class", compact.NewClass("my-code", "mine", compact.ErrValue), "my-code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, compact.Code(tc.err))
		})
	}
	narrow := compact.NewClass("my-code", "mine", compact.ErrValue)
	require.ErrorIs(t, narrow, compact.ErrValue, "a narrower class is its parent too")
	require.NotErrorIs(t, compact.ErrValue, narrow)
}

func fmtWrap(err error) error { return errors.Join(errors.New("context"), err) }

func TestReadFileKeepsTheCause(t *testing.T) {
	_, err := compact.ReadFile(filepath.Join(t.TempDir(), "missing.yaml"))
	require.ErrorIs(t, err, fs.ErrNotExist)
	require.ErrorIs(t, err, compact.ErrIO)
	var pe *fs.PathError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "io", compact.Code(err))
	list := compact.AsErrors(err)
	require.Len(t, list, 1)
	require.Equal(t, "io", list[0].Code())
}

func TestBadDateHasItsOwnCode(t *testing.T) {
	src := "apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\nconsultations:\n  - id: c\n    title: C\n    owner: o\n    opens: 2024-02-30\n    closes: 2024-05-01\n"
	docs, err := compact.Parse("r.yaml", []byte(src))
	require.NoError(t, err)
	var r compact.Records
	err = docs[0].Decode(&r)
	require.Error(t, err)
	var bad *compact.Error
	for _, e := range compact.AsErrors(err) {
		if strings.HasSuffix(e.Path, "opens") {
			bad = e
		}
	}
	require.NotNil(t, bad, "%v", err)
	require.Equal(t, "bad-date", bad.Code())
	require.ErrorIs(t, bad, compact.ErrBadDate)
	require.ErrorIs(t, bad, compact.ErrValue, "a bad date is still a bad value")
	require.Equal(t, compact.Position{File: "r.yaml", Line: 8, Column: 12}, bad.Pos)
}

func TestErrorsSortIsStable(t *testing.T) {
	at := func(file string, line, col int, msg string) *compact.Error {
		return &compact.Error{Pos: compact.Position{File: file, Line: line, Column: col}, Msg: msg}
	}
	list := compact.Errors{at("b", 1, 1, "b1"), at("a", 2, 1, "a2"), at("a", 1, 5, "first"), at("a", 1, 5, "second"), at("a", 1, 2, "a12")}
	list.Sort()
	var got []string
	for _, e := range list {
		got = append(got, e.Msg)
	}
	require.Equal(t, []string{"a12", "first", "second", "a2", "b1"}, got)
}

// Match problems on their stable machine code, not on their English text.
func ExampleCode() {
	docs, _ := compact.Parse("records.yaml", []byte("apiVersion: compactkit/v1\nkind: Records\nperiod: 2024-25\nmeetings:\n  - {id: m, body: b, date: 2024-02-30, atendees: [ann]}\n"))
	var r compact.Records
	err := docs[0].Decode(&r)
	for _, e := range compact.AsErrors(err) {
		fmt.Println(e.Code(), e.Pos, e.Path)
	}
	fmt.Println(errors.Is(err, compact.ErrValue), compact.Code(compact.ErrReference))
	// Output:
	// bad-date records.yaml:5:28 meetings[0].date
	// unknown-field records.yaml:5:40 meetings[0].atendees
	// true dangling-reference
}
