package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// kentWith copies the Kent example area into a temporary folder, replacing
// old with new in one of its files.
func kentWith(t *testing.T, file, old, new string) string {
	t.Helper()
	src := filepath.Join("..", "..", "examples", "kent")
	dir := t.TempDir()
	for _, name := range []string{"compact.yaml", "directory.yaml", "records.yaml", "rules.yaml"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		require.NoError(t, err)
		s := string(b)
		if name == file {
			require.Contains(t, s, old)
			s = strings.Replace(s, old, new, 1)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644))
	}
	return dir
}

func TestParametersDeclared(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		cmd                  string
		code                 int
		want                 []string
	}{
		{"a misspelt parameter in the compact", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonth: 6", "check", exitInvalid,
			[]string{"compact.yaml:22:23: parameters.fundingNoticeMonth:", "did you mean fundingNoticeMonths?"}},
		{"a misspelt parameter fails validate too", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonth: 6", "validate", exitInvalid,
			[]string{"compact.yaml:22:23:", "did you mean fundingNoticeMonths?"}},
		{"a negative notice period", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonths: -3", "check", exitInvalid,
			[]string{"compact.yaml:22:24:", "parameter fundingNoticeMonths is from 1 to 24 months; -3 is out of range"}},
		{"a string where a number is due", "compact.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonths: three", "check", exitInvalid,
			[]string{"compact.yaml:22:24:", "parameter fundingNoticeMonths is int in national-2010; string cannot replace it"}},
		{"a pack override out of range", "rules.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonths: 60", "check", exitInvalid,
			[]string{"rules.yaml:", "overrides.fundingNoticeMonths: parameter fundingNoticeMonths is from 1 to 24 months; 60 is out of range"}},
		{"a misspelt placeholder in a rule title", "rules.yaml", "organisation {fundingAppealDays} to appeal", "organisation {fundingAppealDay} to appeal", "rules", exitInvalid,
			[]string{"rules.yaml:43:12: rules[0].title: the text names {fundingAppealDay}, which no rule pack of national > kent declares; did you mean {fundingAppealDays}?"}},
		{"a misspelt placeholder in a commitment", "compact.yaml", "within {fundingAppealDays}, and", "within {fundingAppealDay}, and", "check", exitInvalid,
			[]string{"compact.yaml:", "commitment funding-appeal: the text names {fundingAppealDay}", "did you mean {fundingAppealDays}?"}},
		{"a misspelt pack override", "rules.yaml", "  fundingNoticeMonths: 6", "  fundingNoticeMonth: 6", "check", exitInvalid,
			[]string{"overrides.fundingNoticeMonth:", "did you mean fundingNoticeMonths?"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := kentWith(t, tc.file, tc.old, tc.new)
			args := []string{tc.cmd, dir}
			if tc.cmd == "rules" {
				args = []string{"rules", "test", dir}
			}
			code, out, errb := compactRun(args...)
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out, errb)
			for _, w := range tc.want {
				require.Contains(t, errb, w)
			}
		})
	}
}

// TestParameterPrecedence: a local pack's override beats the national
// compact's value; the area's own compact beats both.
func TestParameterPrecedence(t *testing.T) {
	dir := kentWith(t, "compact.yaml", "  fundingNoticeMonths: 6   # overrides the national 3\n", "")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(strings.Replace(mustRead(t, filepath.Join(dir, "rules.yaml")),
		"  fundingNoticeMonths: 6", "  fundingNoticeMonths: 5", 1)), 0o644))
	code, out, errb := compactRun("rules", "explain", "funding-notice", dir)
	require.Equal(t, exitOK, code, errb)
	require.Contains(t, out, "fundingNoticeMonths = 5 (int)")
	lines := strings.Split(out[strings.Index(out, "fundingNoticeMonths = 5"):], "\n")
	require.Contains(t, lines[1], "default  3 in pack national")
	require.Contains(t, lines[2], "base-compact 3 in compact national-2010")
	require.Contains(t, lines[3], "override 5 in pack kent")
	require.Contains(t, lines[3], "<- in force")
}
