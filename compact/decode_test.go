package compact_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// sample exercises every shape the decoder supports, for packages that
// decode their own document kinds with it.
type sample struct {
	compact.TypeMeta
	Name    string                   `json:"name"`
	Count   int8                     `json:"count,omitempty"`
	Big     uint16                   `json:"big,omitempty"`
	Ratio   float32                  `json:"ratio,omitempty"`
	On      bool                     `json:"on,omitempty"`
	Tags    []string                 `json:"tags,omitempty"`
	Limits  map[string]int           `json:"limits,omitempty"`
	Child   *child                   `json:"child,omitempty"`
	Params  map[string]compact.Value `json:"params,omitempty"`
	Expr    expr                     `json:"expr,omitempty"`
	Skipped string                   `json:"-"`
	Here    compact.Position         `json:"-"`
	//lint:ignore U1000 never set: it shows that a document cannot set an unexported field
	hidden string
}

type child struct {
	When compact.Date     `json:"when"`
	Here compact.Position `json:"-"`
}

// expr records the scalar it was read from, as a CEL expression field would.
type expr struct{ s docfmt.Scalar }

func (e *expr) UnmarshalScalar(s docfmt.Scalar) error {
	if s.Kind != docfmt.ScalarString {
		return &docfmt.TypeMismatch{Want: "an expression", Got: s}
	}
	e.s = s
	return nil
}

func decodeSample(t *testing.T, src string) (sample, error) {
	t.Helper()
	docs, err := compact.Parse("s.yaml", []byte("apiVersion: compactkit/v1\nkind: RulePack\n"+src))
	require.NoError(t, err)
	require.Len(t, docs, 1)
	var s sample
	err = docs[0].Decode(&s)
	return s, err
}

func TestDecodeShapes(t *testing.T) {
	s, err := decodeSample(t, `name: x
count: -5
big: 0x10
ratio: 2
on: true
tags: [a, b]
limits: {a: 1, b: 2}
child:
  when: 2024-01-02
params: {n: 3, f: 1.5, s: text, b: false}
expr: |
  a > b
`)
	require.NoError(t, err)
	assert.Equal(t, int8(-5), s.Count)
	assert.Equal(t, uint16(16), s.Big)
	assert.InDelta(t, 2.0, s.Ratio, 0)
	assert.True(t, s.On)
	assert.Equal(t, []string{"a", "b"}, s.Tags)
	assert.Equal(t, map[string]int{"a": 1, "b": 2}, s.Limits)
	require.NotNil(t, s.Child)
	assert.Equal(t, d("2024-01-02"), s.Child.When)
	assert.Equal(t, 11, s.Child.Here.Line)
	assert.Equal(t, 1, s.Here.Line)
	assert.Equal(t, compact.IntValue(3), s.Params["n"])
	assert.Equal(t, compact.FloatValue(1.5), s.Params["f"])
	assert.Equal(t, compact.StringValue("text"), s.Params["s"])
	assert.Equal(t, compact.BoolValue(false), s.Params["b"])
	assert.Equal(t, "a > b\n", s.Expr.s.Text)
	assert.Equal(t, docfmt.StyleLiteral, s.Expr.s.Style)
	assert.Equal(t, 13, s.Expr.s.Pos.Line)
	assert.Equal(t, compact.KindRulePack, s.Kind)
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
		class           error
	}{
		{"int overflow", "name: x\ncount: 300\n", "count: integer 300 is out of range", compact.ErrValue},
		{"negative unsigned", "name: x\nbig: -1\n", "big: -1 is not a whole number", compact.ErrValue},
		{"unsigned type", "name: x\nbig: one\n", "big: expected a whole number of zero or more", compact.ErrType},
		{"float type", "name: x\nratio: high\n", "ratio: expected a number", compact.ErrType},
		{"float inf", "name: x\nratio: .inf\n", "ratio: expected a number", compact.ErrType},
		{"map type", "name: x\nlimits: [1]\n", "limits: expected a mapping", compact.ErrType},
		{"map value", "name: x\nlimits: {a: b}\n", "limits.a: expected an integer", compact.ErrType},
		{"map key", "name: x\nlimits: {[a]: 1}\n", "limits: a key must be a name", compact.ErrType},
		{"duplicate map key", "name: x\nlimits: {a: 1, a: 2}\n", `limits.a: "a" is given twice`, compact.ErrDuplicate},
		{"struct type", "name: x\nchild: 3\n", "child: expected a mapping of fields", compact.ErrType},
		{"scalar unmarshaler gets a list", "name: x\nexpr: [a]\n", "expr: expected an expression, found a list", compact.ErrType},
		{"scalar unmarshaler gets a map", "name: x\nexpr: {a: 1}\n", "expr: expected an expression, found a mapping", compact.ErrType},
		{"date gets a number", "name: x\nchild: {when: 20240101}\n", "child.when: expected a date (YYYY-MM-DD), found an integer", compact.ErrType},
		{"value gets a list", "name: x\nparams: {n: [1]}\n", "params.n: expected a number, a string or true/false, found a list", compact.ErrType},
		{"hidden fields are unknown", "name: x\nhidden: y\n", `unknown field "hidden"`, compact.ErrUnknownField},
		{"skipped fields are unknown", "name: x\nSkipped: y\n", `unknown field "Skipped"`, compact.ErrUnknownField},
		{"case hint", "Name: x\n", `did you mean "name"?`, compact.ErrUnknownField},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeSample(t, tc.src)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.ErrorIs(t, err, tc.class)
		})
	}
}

func TestDecodeNeedsPointer(t *testing.T) {
	docs, err := compact.Parse("s.yaml", []byte("apiVersion: compactkit/v1\nkind: Records\n"))
	require.NoError(t, err)
	assert.Panics(t, func() { _ = docs[0].Decode(compact.Records{}) })
}

func TestParseSkipsEmptyDocuments(t *testing.T) {
	docs, err := compact.Parse("s.yaml", []byte("# only a comment\n---\n---\napiVersion: compactkit/v1\nkind: Records\nid: r\n"))
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, "r", docs[0].ID)
	assert.Equal(t, compact.APIVersion, docs[0].APIVersion)
	assert.Equal(t, compact.Position{File: "s.yaml", Line: 4, Column: 1}, docs[0].Pos)
	assert.Equal(t, compact.Position{File: "s.yaml", Line: 6, Column: 5}, docs[0].PositionOf("id"))
	assert.Equal(t, docs[0].Pos, docs[0].PositionOf("no.such.path"))
	e := docs[0].Errorf("id", compact.ErrValue, "bad %s", "id")
	assert.Equal(t, "s.yaml:6:5: id: bad id", e.Error())
	assert.Equal(t, " | id: r\n |     ^", e.Snippet())
}

func TestParseJSONWithTabs(t *testing.T) {
	docs, err := compact.Parse("t.json", []byte("{\n\t\"apiVersion\": \"compactkit/v1\",\n\t\"kind\": \"Records\"\n}\n"))
	require.NoError(t, err)
	require.Len(t, docs, 1)
	_, err = compact.Parse("t.yaml", []byte("apiVersion: compactkit/v1\nkind: Records\nconsultations:\n\t- x\n"))
	require.ErrorIs(t, err, compact.ErrSyntax)
}

func TestPositionString(t *testing.T) {
	assert.Equal(t, "", compact.Position{}.String())
	assert.False(t, compact.Position{File: "x"}.IsValid())
	assert.True(t, compact.Position{Line: 1}.IsValid())
	assert.Equal(t, "x:2:3", compact.Position{File: "x", Line: 2, Column: 3}.String())
}
