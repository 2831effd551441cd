package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, []string{"testdata/town/area.yaml"}))
	require.Equal(t, `area.yaml: rule pack town, 2 rules in force, as of 2025-03-31
  fail    breach   funding-notice: Town Council gave Youth Trust 1 months' notice; the compact asks for 3
  fail    breach   funding-rationale: Town Council gave no reasons for its decision on youth-cut
checked: 1 pass, 2 fail, 1 not applicable, 0 errors
  on save: youth-cut breaks 2 rule(s)
evaluated 2 funding decisions on 4 goroutines
`, out.String())

	require.Error(t, run(context.Background(), &out, nil))
	require.Error(t, run(context.Background(), &out, []string{"-as-of", "2024-13-01", "testdata/town/area.yaml"}))
}
