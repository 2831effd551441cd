package rules_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/rules"
)

// recordLines writes the area's records as JSON Lines, in the order Check
// takes them, and returns the text.
func recordLines(t *testing.T, a *compact.Area) []byte {
	t.Helper()
	var out []byte
	var err error
	add := func(rec any) {
		out, err = compact.AppendRecordLine(out, rec)
		require.NoError(t, err)
	}
	r := &a.Records
	for i := range r.Consultations {
		add(&r.Consultations[i])
	}
	for i := range r.Funding {
		add(&r.Funding[i])
	}
	for i := range r.Meetings {
		add(&r.Meetings[i])
	}
	for i := range r.Nominations {
		add(&r.Nominations[i])
	}
	for i := range r.Signatures {
		add(&r.Signatures[i])
	}
	for i := range r.Reports {
		add(&r.Reports[i])
	}
	return out
}

// key is what a finding says, apart from where its record was written.
func key(f rules.Finding) string {
	return strings.Join([]string{f.Rule, string(f.Kind), f.Subject, string(f.Outcome), f.Message, f.Error}, "|")
}

func recordKind(k rules.SubjectKind) bool {
	switch k {
	case rules.OnConsultation, rules.OnFunding, rules.OnMeeting, rules.OnNomination, rules.OnSignature, rules.OnReport:
		return true
	}
	return false
}

// TestCheckStreamMatchesCheck streams an area's records past an engine
// for the area without them and gets the findings Check gives on the whole
// area: first those on the streamed records, in file order, each pointing
// at its line, then the others (collections, the compact's signatories) in
// check order.
func TestCheckStreamMatchesCheck(t *testing.T) {
	a, full := compile(t, "testdata/borough")
	_, e := bulkArea(t, "testdata/borough")
	want, err := full.Check(ctx, asOf)
	require.NoError(t, err)
	var wantHead, wantEnd []rules.Finding
	for _, f := range want {
		if ownFinding(f) {
			wantEnd = append(wantEnd, f)
		} else {
			wantHead = append(wantHead, f)
		}
	}
	require.NotEmpty(t, wantHead)
	lines := recordLines(t, a)
	for _, workers := range []int{1, 2, 7} {
		var got []rules.Finding
		st, err := e.CheckStream(ctx, bytes.NewReader(lines), "records.jsonl", func(f rules.Finding) error {
			got = append(got, f)
			return nil
		}, []rules.EvalOption{asOf, rules.Workers(workers)})
		require.NoError(t, err)
		require.Len(t, got, len(want))
		var last int
		for _, f := range got[:len(wantHead)] {
			require.Equal(t, "records.jsonl", f.Source.File)
			require.GreaterOrEqual(t, f.Source.Line, last)
			last = f.Source.Line
		}
		require.Equal(t, whats(t, wantHead), whats(t, got[:len(wantHead)]), "workers %d", workers)
		require.Equal(t, whats(t, wantEnd), whats(t, got[len(wantHead):]), "workers %d", workers)
		require.Equal(t, int64(bytes.Count(lines, []byte("\n"))), st.Lines)
		require.Equal(t, int64(len(got)), st.Findings)
	}
}

// TestCheckStreamErrors: a bad line stops the stream with its position,
// after the findings of the lines before it; an emit error stops it too.
func TestCheckStreamErrors(t *testing.T) {
	a, _ := compile(t, "testdata/borough")
	_, e := bulkArea(t, "testdata/borough")
	lines := recordLines(t, a)
	n := bytes.Count(lines, []byte("\n"))
	bad := append(append([]byte{}, lines...), []byte(`{"record":"funding","id":"x","colour":"red"}`+"\n")...)
	bad = append(bad, lines...)
	var emitted int
	st, err := e.CheckStream(ctx, bytes.NewReader(bad), "r.jsonl", func(rules.Finding) error { emitted++; return nil },
		[]rules.EvalOption{asOf, rules.Workers(2)})
	require.ErrorIs(t, err, compact.ErrUnknownField)
	var list compact.Errors
	require.True(t, errors.As(err, &list))
	require.Equal(t, n+1, list[0].Pos.Line)
	require.Equal(t, int64(emitted), st.Findings)
	require.NotZero(t, emitted)

	stop := errors.New("enough")
	_, err = e.CheckStream(ctx, bytes.NewReader(bytes.Repeat(lines, 50)), "r.jsonl", func(rules.Finding) error { return stop },
		[]rules.EvalOption{asOf})
	require.ErrorIs(t, err, stop)

	_, err = e.CheckStream(ctx, bytes.NewReader(lines), "r.jsonl", func(rules.Finding) error { return nil }, nil)
	require.ErrorIs(t, err, rules.ErrNoAsOf)
}
