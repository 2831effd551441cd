package workdays_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/workdays"
)

func TestAddBothWays(t *testing.T) {
	ew := workdays.EnglandAndWales()
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"forward over a weekend", "2024-03-08", 1, "2024-03-11"},
		{"zero", "2024-03-09", 0, "2024-03-09"},
		{"back over a weekend", "2024-03-11", -1, "2024-03-08"},
		// Good Friday 29 March and Easter Monday 1 April 2024.
		{"back across Easter 2024", "2024-04-02", -1, "2024-03-28"},
		{"back across Christmas 2023", "2024-01-03", -5, "2023-12-22"},
		{"back ten from a Saturday", "2025-03-15", -10, "2025-03-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := compact.MustParseDate(tt.start)
			require.Equal(t, tt.want, workdays.Add(ew, d, tt.n).String())
			if ew.IsWorkingDay(d) {
				require.Equal(t, tt.n, workdays.Between(ew, d, workdays.Add(ew, d, tt.n)), "counting back the days added")
			}
		})
	}
}
