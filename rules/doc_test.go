package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDocNamesEverything: the manual in doc.go names every variable of
// every subject kind, every subject kind and every date function, so it
// cannot fall behind the code.
func TestDocNamesEverything(t *testing.T) {
	data, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	doc := string(data)
	for _, v := range commonVars {
		require.Contains(t, doc, "//\t"+v.name+" ", "common variable %s", v.name)
	}
	for _, k := range subjectKinds {
		require.Contains(t, doc, "//\t"+string(k)+" ", "subject kind %s", k)
		for _, v := range kindVars[k] {
			require.Contains(t, doc, v.name, "variable %s of %s", v.name, k)
		}
	}
	for id := range dateOverloads {
		name, _, _ := strings.Cut(id, "_")
		if name == "period" {
			name = "contains"
		}
		require.Contains(t, doc, name+"(", "function %s", id)
	}
	for _, f := range []string{"since", "until", "nominations", "attended", "held", "committed"} {
		require.Contains(t, doc, f)
	}
}
