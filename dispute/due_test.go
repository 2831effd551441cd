package dispute_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

func TestBreached(t *testing.T) {
	tests := []struct {
		name string
		due  []dispute.Deadline
		want bool
	}{
		{"none", nil, false},
		{"pending only", []dispute.Deadline{{Status: dispute.StatusPending}}, false},
		{"one overdue", []dispute.Deadline{{Status: dispute.StatusPending}, {Status: dispute.StatusOverdue}}, true},
		{"a clock run out", []dispute.Deadline{{Status: dispute.StatusExpired}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, dispute.Breached(tt.due))
		})
	}
	raised, due := dispute.DueOn(t.Context(), nil, compact.MustParseDate("2024-01-01"))
	require.Empty(t, raised)
	require.Empty(t, due)
}
