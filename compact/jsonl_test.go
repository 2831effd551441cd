package compact

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecodeRecordLine(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		want  any
		class error
		at    string // file:line:col of the first error
	}{
		{name: "funding", line: `{"record":"funding","id":"f1","funder":"council","recipient":"advice","kind":"ending","decided":"2024-05-01"}`,
			want: &FundingDecision{ID: "f1", Funder: "council", Recipient: "advice", Kind: FundingEnding,
				Decided: MustParseDate("2024-05-01"), Source: Position{File: "r.jsonl", Line: 7, Column: 1}}},
		{name: "meeting", line: `  {"id":"m1","record":"meeting","body":"sg","date":"2024-06-01","attendees":["p1"]}`,
			want: &Meeting{ID: "m1", Body: "sg", Date: MustParseDate("2024-06-01"), Attendees: []string{"p1"},
				Source: Position{File: "r.jsonl", Line: 7, Column: 3}}},
		{name: "blank", line: "   "},
		{name: "unknown field", line: `{"record":"signature","organisation":"o","signed":"2024-01-01","colour":"red"}`,
			class: ErrUnknownField, at: "r.jsonl:7:"},
		{name: "bad enum", line: `{"record":"funding","id":"f1","funder":"c","recipient":"a","kind":"cut","decided":"2024-05-01"}`,
			class: ErrValue, at: "r.jsonl:7:"},
		{name: "missing field", line: `{"record":"report","id":"r1","body":"sg","to":"board","period":"2024-25"}`,
			class: ErrMissing, at: "r.jsonl:7:"},
		{name: "no kind", line: `{"id":"x"}`, class: ErrMissing, at: "r.jsonl:7:1"},
		{name: "unknown kind", line: `{"record":"grant","id":"x"}`, class: ErrValue, at: "r.jsonl:7:"},
		{name: "not an object", line: `[1,2]`, class: ErrSyntax, at: "r.jsonl:7:1"},
		{name: "broken", line: `{"record":"funding",`, class: ErrSyntax, at: "r.jsonl:7:21"},
		{name: "bad escape", line: `{"record":"meeting","id":"a\q"}`, class: ErrSyntax, at: "r.jsonl:7:"},
		{name: "trailing text", line: `{"record":"meeting"} x`, class: ErrSyntax, at: "r.jsonl:7:"},
		{name: "wrong type", line: `{"record":"meeting","id":"m","body":"b","date":"2024-01-01","attendees":"p1"}`, class: ErrType, at: "r.jsonl:7:"},
		{name: "escaped string", line: `{"record":"meeting","id":"m\u00e9","body":"b","date":"2024-01-01"}`,
			want: &Meeting{ID: "mé", Body: "b", Date: MustParseDate("2024-01-01"), Source: Position{File: "r.jsonl", Line: 7, Column: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeRecordLine("r.jsonl", 7, []byte(tt.line))
			if tt.class == nil {
				require.NoError(t, err)
				require.Equal(t, tt.want, got)
				return
			}
			require.Error(t, err)
			require.True(t, errors.Is(err, tt.class), "%v", err)
			var list Errors
			require.True(t, errors.As(err, &list))
			require.True(t, strings.HasPrefix(list[0].Pos.String(), tt.at), "%s", list[0].Pos)
		})
	}
}

func TestReadRecordsJSONL(t *testing.T) {
	in := `{"record":"consultation","id":"c1","title":"Parks","owner":"council","opens":"2024-05-01","closes":"2024-06-01"}

{"record":"signature","organisation":"advice","signed":"2024-01-01"}
{"record":"signature","organisation":"advice","signed":"2024-01-0x"}
`
	var lines []int
	err := ReadRecordsJSONL(strings.NewReader(in), "a.jsonl", func(rec any) error {
		switch x := rec.(type) {
		case *Consultation:
			lines = append(lines, x.Source.Line)
		case *Signature:
			lines = append(lines, x.Source.Line)
		}
		return nil
	})
	require.Equal(t, []int{1, 3}, lines)
	require.ErrorIs(t, err, ErrBadDate)
	require.Contains(t, err.Error(), "a.jsonl:4:")
}

func TestAppendRecordLineRoundTrip(t *testing.T) {
	yes := true
	recs := []any{
		&FundingDecision{ID: "f1", Funder: "c", Recipient: "a", Kind: FundingReduction, Amount: 10, PreviousAmount: 20,
			Decided: MustParseDate("2024-05-01"), FullCostRecovery: &yes, NoticeForm: NoticeWritten,
			Clauses: []Clause{{Kind: ClauseCampaigningRestriction, Text: "no lobbying"}}},
		&Consultation{ID: "c1", Title: "T", Owner: "c", Opens: MustParseDate("2024-05-01"), Closes: MustParseDate("2024-06-01"), Formal: true},
		&Meeting{ID: "m1", Body: "sg", Date: MustParseDate("2024-06-01"), Attendees: []string{"p1", "p2"}},
		&Nomination{ID: "n1", Role: "compact-champion", Organisation: "a", Person: "p1", From: MustParseDate("2024-01-01")},
		&Signature{Organisation: "a", Signed: MustParseDate("2024-01-01"), WrittenCommitment: true},
		&Report{ID: "r1", Body: "sg", To: "board", Period: FinancialYear(2024), Delivered: MustParseDate("2025-03-01")},
	}
	for i, rec := range recs {
		line, err := AppendRecordLine(nil, rec)
		require.NoError(t, err)
		require.Equal(t, byte('\n'), line[len(line)-1])
		got, err := DecodeRecordLine("x.jsonl", i+1, line)
		require.NoError(t, err, "%s", line)
		reflect.ValueOf(rec).Elem().FieldByName("Source").Set(reflect.ValueOf(Position{File: "x.jsonl", Line: i + 1, Column: 1}))
		require.Equal(t, rec, got)
	}
	_, err := AppendRecordLine(nil, &Organisation{})
	require.Error(t, err)
}

// FuzzDecodeRecordLine: no line panics the decoder, every error names the
// line, a record that decodes writes a line that decodes to it again, and
// the decoder's fast path gives what the document decoder alone gives.
func FuzzDecodeRecordLine(f *testing.F) {
	for _, s := range []string{
		`{"record":"funding","id":"f1","funder":"c","recipient":"a","kind":"ending","decided":"2024-05-01","amount":1.5e3}`,
		`{"record":"meeting","id":"m\u00e9","body":"b","date":"2024-01-01","attendees":["a","b"]}`,
		`{"record":"signature","organisation":"o","signed":"2024-01-01","facts":{"x":[1,{"y":null}]}}`,
		`{"record":"consultation"`, `[]`, `{"record":"report","id":"r","body":"b","to":"t","period":"2024-25","delivered":"2025-01-01"}`,
	} {
		f.Add([]byte(s))
	}
	rd := NewRecordDecoder("f.jsonl", nil)
	slow := NewRecordDecoder("f.jsonl", nil)
	slow.fast.off = true
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, err := rd.Decode(3, line)
		want, wantErr := slow.Decode(3, line)
		require.Equal(t, want, rec, "the fast path decodes as the document decoder")
		require.Equal(t, wantErr, err, "the fast path decodes as the document decoder")
		if err != nil {
			var list Errors
			require.True(t, errors.As(err, &list))
			for _, e := range list {
				require.Equal(t, 3, e.Pos.Line, "%v", e)
			}
			return
		}
		if rec == nil {
			return
		}
		out, err := AppendRecordLine(nil, rec)
		require.NoError(t, err)
		again, err := DecodeRecordLine("f.jsonl", 3, out)
		require.NoError(t, err, "%s", out)
		out2, err := AppendRecordLine(nil, again)
		require.NoError(t, err)
		require.Equal(t, string(out), string(out2))
	})
}

// TestRecordDecoderFastPath: on good lines of every kind and on bad ones,
// the decoder (its fast path on good lines) gives exactly what the
// document decoder alone gives: the same record, or the same errors.
func TestRecordDecoderFastPath(t *testing.T) {
	lines := []string{
		`{"record":"funding","id":"f1","title":"Grant","funder":"c","recipient":"a","kind":"ending","amount":68000,"decided":"2024-05-01","reasons":"r","start":"2024-10-08","end":"2027-10-07","termMonths":36,"firstPayment":"2024-10-23","fullCostRecovery":true,"noticeForm":"written"}`,
		`{"record":"funding","id":"f1","funder":"c","recipient":"a","kind":"ending","decided":"2024-05-01","clauses":[{"kind":"campaigning-restriction","text":"no lobbying"}]}`,
		`{"record":"funding","id":"f1","funder":"c","recipient":"a","kind":"ending","decided":"2024-05-01","amount":1.5e3}`,
		`  {"record":"consultation","id":"c1","title":"T","owner":"o","opens":"2024-11-05","closes":"2025-01-27","formal":true,"feedbackPublished":"2025-05-02","responses":1180}`,
		`{"record":"meeting","id":"m\u00e9","body":"b","date":"2024-01-01","attendees":["a","b"]}`,
		`{"record":"nomination","id":"n","role":"steering-group-member","organisation":"o","person":"p","from":"2021-04-01","to":"2022-03-31"}`,
		`{"record":"signature","organisation":"o","position":"Chief Executive","signed":"2020-04-03"}`,
		`{"record":"signature","organisation":"o","signed":"2024-01-01","facts":{"x":[1,{"y":null}]}}`,
		`{"record":"report","id":"r","body":"b","to":"t","period":"2024-25","delivered":"2025-01-01"}`,
		`{"record":"consultation","id":"c1","title":"T","owner":"o","opens":"2024-11-05","closes":"2025-01-27","provenance":{"source":"table","file":"x.csv","row":3}}`,
		// bad lines: each a different problem
		`{"record":"signature","organisation":"o","signed":"2024-01-0x"}`,
		`{"record":"signature","organisation":"o"}`,
		`{"record":"signature","organisation":"o","signed":"2024-01-01","signed":"2024-01-02"}`,
		`{"record":"signature","organisation":"o","signed":"2024-01-01","sined":"x"}`,
		`{"record":"signature","organisation":7,"signed":"2024-01-01"}`,
		`{"record":"consultation","id":"c1","title":"T","owner":"o","opens":"2024-11-05","closes":"2025-01-27","formal":"yes","responses":1.5}`,
		`{"record":"consultation","id":"c1","title":"T","owner":"o","opens":"2024-11-05","closes":"2025-01-27","responses":99999999999999999999}`,
		`{"record":"meeting","id":"m","body":"b","date":"2024-01-01","attendees":"a"}`,
		`{"record":"meeting","id":"m","body":"b","date":"2024-01-01","attendees":[1,null]}`,
		`{"record":"funding","id":"f1","funder":"c","recipient":"a","kind":"sideways","decided":"2024-05-01"}`,
		`{"record":"funding","id":"f1","funder":"c","recipient":"a","kind":"ending","decided":"2024-05-01","fullCostRecovery":null}`,
	}
	fast := NewRecordDecoder("f.jsonl", nil)
	slow := NewRecordDecoder("f.jsonl", nil)
	slow.fast.off = true
	for i, line := range lines {
		t.Run(line, func(t *testing.T) {
			want, wantErr := slow.Decode(i+1, []byte(line))
			got, err := fast.Decode(i+1, []byte(line))
			require.Equal(t, wantErr, err)
			require.Equal(t, want, got)
			if i < 10 && i != 7 { // the facts of line 8 are not declared
				require.NoError(t, err)
			}
		})
	}
}
