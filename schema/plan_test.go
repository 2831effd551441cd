package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// TestPlanOutputValidates: the JSON compact plan writes (the plan
// package's golden files, which its tests keep current) validates against
// schema/plan.json, and a plan with a step that is not dated as a date does
// not.
func TestPlanOutputValidates(t *testing.T) {
	v := compiled(t)["plan"]
	require.NotNil(t, v)
	for _, name := range []string{"kent-reduction.json"} {
		data, err := os.ReadFile(filepath.Join("..", "plan", "testdata", "golden", name))
		require.NoError(t, err)
		doc, err := jsv.UnmarshalJSON(bytes.NewReader(data))
		require.NoError(t, err)
		require.NoError(t, v.Validate(doc), name)

		bad := bytes.Replace(data, []byte(`"date": "2025-04-01"`), []byte(`"date": "1 April 2025"`), 1)
		require.NotEqual(t, data, bad)
		doc, err = jsv.UnmarshalJSON(bytes.NewReader(bad))
		require.NoError(t, err)
		require.Error(t, v.Validate(doc), "a date that is not YYYY-MM-DD")
	}
}
