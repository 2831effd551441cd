package compact_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already canonical", "apiVersion: compactkit/v1\nkind: Compact\nid: a\ntitle: A\n", "apiVersion: compactkit/v1\nkind: Compact\nid: a\ntitle: A\n"},
		{"four spaces become two, comments move with their keys",
			"# head\nkind: Compact\nparameters:\n    # the local notice\n    fundingNoticeMonths: 6   # months\n    other: 1\n",
			"# head\nkind: Compact\nparameters:\n  # the local notice\n  fundingNoticeMonths: 6   # months\n  other: 1\n"},
		{"a sequence goes under its key",
			"exclude:\n- a\n- b\nrules:\n- id: x\n  check: \"true\"\n",
			"exclude:\n  - a\n  - b\nrules:\n  - id: x\n    check: \"true\"\n"},
		{"folded text moves with its key and keeps its wrapping",
			"rules:\n    - id: x\n      message: >-\n        a long\n        message\n      severity: breach\n",
			"rules:\n  - id: x\n    message: >-\n      a long\n      message\n    severity: breach\n"},
		{"trailing spaces, blank runs, CRLF and the end",
			"a: 1   \r\n\r\n\r\n\r\nb: 2\r\n\n\n",
			"a: 1\n\nb: 2\n"},
		{"documents and flow mappings stay",
			"# yaml-language-server: $schema=x\nkind: Directory\norganisations:\n    - {id: c, name: Council}\n---\nkind: Records\n",
			"# yaml-language-server: $schema=x\nkind: Directory\norganisations:\n  - {id: c, name: Council}\n---\nkind: Records\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := compact.Format("f.yaml", []byte(tt.in))
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
			again, err := compact.Format("f.yaml", got)
			require.NoError(t, err)
			assert.Equal(t, string(got), string(again), "formatting formatted text changes nothing")
		})
	}
}

func TestFormatRefuses(t *testing.T) {
	_, err := compact.Format("bad.yaml", []byte("a: [1, 2\n"))
	require.Error(t, err)
	assert.ErrorIs(t, err, compact.ErrSyntax)
	assert.Contains(t, err.Error(), "bad.yaml:")

	// Trailing spaces inside literal text are part of the value: the file
	// is refused rather than changed.
	_, err = compact.Format("lit.yaml", []byte("text: |\n  keep   \n  this\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot be formatted faithfully: its values would change")
}

func FuzzFormat(f *testing.F) {
	f.Add("a:\n    b: 1\n    c:\n    - x\n    - y # c\n")
	f.Add("- a\n- b: |\n    text\n")
	f.Add("k: >-\n  folded\n\n\n  more\n---\nz: 1\n")
	f.Fuzz(func(t *testing.T, in string) {
		out, err := compact.Format("f.yaml", []byte(in))
		if err != nil {
			return
		}
		again, err := compact.Format("f.yaml", out)
		require.NoError(t, err)
		require.Equal(t, string(out), string(again))
	})
}
