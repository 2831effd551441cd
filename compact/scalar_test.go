package compact_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

func TestValue(t *testing.T) {
	cases := []struct {
		v    compact.Value
		typ  compact.ValueType
		str  string
		json string
	}{
		{compact.IntValue(3), compact.TypeInt, "3", "3"},
		{compact.FloatValue(2.5), compact.TypeFloat, "2.5", "2.5"},
		{compact.StringValue("six"), compact.TypeString, "six", `"six"`},
		{compact.BoolValue(true), compact.TypeBool, "true", "true"},
		{compact.Value{}, "", "", "null"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.typ, tc.v.Type())
		assert.Equal(t, tc.str, tc.v.String())
		b, err := json.Marshal(tc.v)
		require.NoError(t, err)
		assert.Equal(t, tc.json, string(b))
		if tc.typ != "" {
			var back compact.Value
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tc.v, back)
		}
	}
	i, ok := compact.IntValue(3).AsInt()
	assert.True(t, ok)
	assert.Equal(t, int64(3), i)
	f, ok := compact.IntValue(3).AsFloat()
	assert.True(t, ok)
	assert.InDelta(t, 3.0, f, 0)
	_, ok = compact.StringValue("x").AsFloat()
	assert.False(t, ok)
	s, ok := compact.StringValue("x").AsString()
	assert.True(t, ok && s == "x")
	b, ok := compact.BoolValue(true).AsBool()
	assert.True(t, ok && b)
	assert.True(t, compact.Value{}.IsZero())
	assert.Equal(t, int64(3), compact.IntValue(3).Interface())
	var v compact.Value
	assert.Error(t, json.Unmarshal([]byte(`[1]`), &v))
	assert.Error(t, json.Unmarshal([]byte(`{`), &v))
}

func TestValueUnmarshalScalar(t *testing.T) {
	cases := []struct {
		s       docfmt.Scalar
		want    compact.Value
		wantErr string
	}{
		{docfmt.Scalar{Kind: docfmt.ScalarInt, Text: "12"}, compact.IntValue(12), ""},
		{docfmt.Scalar{Kind: docfmt.ScalarInt, Text: "0x10"}, compact.IntValue(16), ""},
		{docfmt.Scalar{Kind: docfmt.ScalarInt, Text: "99999999999999999999"}, compact.Value{}, "out of range"},
		{docfmt.Scalar{Kind: docfmt.ScalarFloat, Text: "1.5"}, compact.FloatValue(1.5), ""},
		{docfmt.Scalar{Kind: docfmt.ScalarFloat, Text: ".inf"}, compact.Value{}, "not a number"},
		{docfmt.Scalar{Kind: docfmt.ScalarBool, Text: "true"}, compact.BoolValue(true), ""},
		{docfmt.Scalar{Kind: docfmt.ScalarBool, Text: "True"}, compact.BoolValue(true), ""},
		{docfmt.Scalar{Kind: docfmt.ScalarString, Text: "x"}, compact.StringValue("x"), ""},
		{docfmt.Scalar{Kind: docfmt.ScalarTimestamp, Text: "2024-01-01"}, compact.StringValue("2024-01-01"), ""},
		{docfmt.Scalar{Kind: docfmt.ScalarNull}, compact.Value{}, "found nothing"},
		{docfmt.Scalar{Kind: docfmt.ScalarList}, compact.Value{}, "found a list"},
	}
	for _, tc := range cases {
		var v compact.Value
		err := v.UnmarshalScalar(tc.s)
		if tc.wantErr != "" {
			require.ErrorContains(t, err, tc.wantErr)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, v)
	}
}

func TestEnums(t *testing.T) {
	enums := []docfmt.Enum{compact.Sector(""), compact.OrgKind(""), compact.Party(""), compact.Scope(""),
		compact.FundingKind(""), compact.NoticeForm(""), compact.ClauseKind(""), compact.BodyKind(""),
		compact.TimeUnit(""), compact.StageKind(""), compact.Kind("")}
	for _, e := range enums {
		assert.NotEmpty(t, e.Values(), "%T lists its values", e)
	}
	assert.True(t, compact.SectorPublic.Valid())
	assert.False(t, compact.Sector("public-sector").Valid())
	assert.True(t, compact.OrgCharity.Valid())
	assert.True(t, compact.PartyNamed.Valid())
	assert.True(t, compact.FundingEnding.IsCut())
	assert.True(t, compact.FundingReduction.IsCut())
	assert.False(t, compact.FundingRenewal.IsCut())

	binds := []struct {
		p      compact.Party
		sector compact.Sector
		id     string
		named  []string
		want   bool
	}{
		{compact.PartyAll, compact.SectorPrivate, "x", nil, true},
		{compact.PartyPublic, compact.SectorPublic, "x", nil, true},
		{compact.PartyPublic, compact.SectorVoluntaryCommunity, "x", nil, false},
		{compact.PartyVoluntaryCommunity, compact.SectorVoluntaryCommunity, "x", nil, true},
		{compact.PartyNamed, compact.SectorPublic, "ocs", []string{"cv", "ocs"}, true},
		{compact.PartyNamed, compact.SectorPublic, "dwp", []string{"cv", "ocs"}, false},
		{compact.Party("other"), compact.SectorPublic, "x", nil, false},
	}
	for _, b := range binds {
		assert.Equal(t, b.want, b.p.Binds(b.sector, b.id, b.named), "%s binds %s/%s", b.p, b.sector, b.id)
	}
	assert.Len(t, compact.Kinds(), 12)
}
