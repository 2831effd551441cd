package docfmt

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFieldName(t *testing.T) {
	type doc struct {
		Plain   string
		Named   string `json:"named"`
		Options string `json:"options,omitempty"`
		Bare    string `json:",omitempty"`
		Hidden  string `json:"-"`
		Other   string `yaml:"other"`
	}
	for field, want := range map[string]string{
		"Plain": "Plain", "Named": "named", "Options": "options", "Bare": "Bare", "Hidden": "", "Other": "Other",
	} {
		f, ok := reflect.TypeFor[doc]().FieldByName(field)
		require.True(t, ok)
		require.Equal(t, want, FieldName(f), field)
	}
}
