package dispute_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

func TestReplayEqualsIncremental(t *testing.T) {
	p := riverside(t)
	for name, script := range map[string][]dispute.Event{"admissibility": toAdmissibility, "review": toReview, "legal": toLegal,
		"agreed": toAgreed, "closed": toClosed, "christmas": christmasComplaint} {
		t.Run(name, func(t *testing.T) {
			c := open(t, p, script)
			again, err := p.Replay(t.Context(), c.ID(), c.Entries())
			require.NoError(t, err)
			assert.Equal(t, c.State(), again.State())
			assert.Equal(t, c.Entries(), again.Entries())
			assert.Equal(t, c.Head(), again.Head())
			assert.Equal(t, c.Deadlines(t.Context(), day("2024-01-10")), again.Deadlines(t.Context(), day("2024-01-10")))

			// Through the file format and back.
			for _, name := range []string{"case.yaml", "case.json"} {
				data, err := dispute.Marshal(c, name)
				require.NoError(t, err)
				docs, err := compact.Parse(name, data)
				require.NoError(t, err)
				back, err := p.Decode(t.Context(), docs[0])
				require.NoError(t, err, "%s", data)
				assert.Equal(t, c.State(), back.State(), name)
				assert.Equal(t, c.Head(), back.Head(), name)
			}
		})
	}
}

// TestExamplesReplay loads the example cases and checks what they add up to.
func TestExamplesReplay(t *testing.T) {
	p := kirklees(t)
	cases, err := p.Cases(t.Context())
	require.NoError(t, err)
	byID := map[string]*dispute.Case{}
	for _, c := range cases {
		byID[c.ID()] = c
		again, err := p.Replay(t.Context(), c.ID(), c.Entries())
		require.NoError(t, err)
		assert.Equal(t, c.State(), again.State(), c.ID())
	}
	require.Len(t, byID, 3)

	informal := byID["befriending-grant-ending-2014"].State()
	assert.Equal(t, dispute.ResolvedByAgreement, informal.Outcome)
	assert.Equal(t, []string{"admissibility", "informal"}, visited(informal))
	assert.Equal(t, "informal", informal.Agreement.Stage)
	for _, target := range informal.Inform {
		assert.True(t, target.Met(), "the champion of %s was told", target.Organisation)
	}
	assert.Len(t, informal.Actions, 3)
	assert.Len(t, informal.Lessons, 2)

	escalated := byID["community-transport-cut-2013"].State()
	assert.Equal(t, dispute.OutcomeEscalated, escalated.Outcome)
	assert.Equal(t, []string{"admissibility", "informal", "review", "escalation"}, visited(escalated))
	require.Len(t, escalated.Reviewers, 2)
	assert.Equal(t, []string{"ruth-bentley", "james-holroyd"}, []string{escalated.Reviewers[0].Person, escalated.Reviewers[1].Person})
	require.Len(t, escalated.Recommendations, 1)
	require.Len(t, escalated.Escalations, 1)
	assert.Equal(t, "Local Government Ombudsman", escalated.Escalations[0].To)

	open := byID["community-grants-criteria-2014"]
	assert.Equal(t, dispute.Phase("informal"), open.Phase())
	due := open.Due(t.Context(), day("2014-03-31"))
	require.Len(t, due, 2)
	assert.Equal(t, "judicial-review", due[1].ID)
	assert.Equal(t, dispute.StatusDueSoon, due[1].Status)
	assert.Contains(t, due[1].Warning, "the case is still at (a) Discussion between the partners")

	kent, err := dispute.New(loadArea(t, filepath.Join("..", "examples", "kent")))
	require.NoError(t, err)
	kentCases, err := kent.Cases(t.Context())
	require.NoError(t, err)
	require.Len(t, kentCases, 1)
	assert.Equal(t, dispute.PartlyUpheld, kentCases[0].State().Outcome)
	assert.Equal(t, []string{"informal", "complaint"}, visited(kentCases[0].State()))
}

func visited(st dispute.State) []string {
	var out []string
	for _, v := range st.Visits {
		out = append(out, v.Stage)
	}
	return out
}

func TestTamperedLogs(t *testing.T) {
	p := riverside(t)
	c := open(t, p, toEscalation)
	entries := c.Entries()
	tests := []struct {
		name   string
		change func(es []dispute.Entry) []dispute.Entry
		at     int
	}{
		{"a word of the text changed", func(es []dispute.Entry) []dispute.Entry {
			es[5].Text = "Give six months' notice."
			return es
		}, 5},
		{"the time moved by a second", func(es []dispute.Entry) []dispute.Entry {
			es[2].At = dispute.MustParseTime("2023-11-10T10:00:01Z")
			return es
		}, 2},
		{"the actor changed", func(es []dispute.Entry) []dispute.Entry {
			es[3].Actor.Person = "ann"
			return es
		}, 3},
		{"a role claimed after the fact", func(es []dispute.Entry) []dispute.Entry {
			es[1].Actor.Role = "compact-officer"
			return es
		}, 1},
		{"an edited event with its hash recomputed", func(es []dispute.Entry) []dispute.Entry {
			es[4].Person = "ann"
			es[4].Hash, _ = dispute.HashEvent("grant-cut-2023", es[3].Hash, &es[4].Event)
			return es
		}, 5},
		{"an event removed", func(es []dispute.Entry) []dispute.Entry { return append(es[:2], es[3:]...) }, 2},
		{"two events swapped", func(es []dispute.Entry) []dispute.Entry {
			es[3], es[4] = es[4], es[3]
			return es
		}, 3},
		{"an event added with a made-up hash", func(es []dispute.Entry) []dispute.Entry {
			e := dispute.Entry{Event: ev(dispute.Note, "2023-11-30T10:00:00Z", "dan", text("x")), Hash: "sha256:00"}
			return append(es, e)
		}, 7},
		{"the hash itself changed", func(es []dispute.Entry) []dispute.Entry {
			es[0].Hash = strings.Replace(es[0].Hash, "a", "b", 1)
			return es
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := tt.change(c.Entries())
			_, err := p.Replay(t.Context(), "grant-cut-2023", changed)
			require.ErrorIs(t, err, dispute.ErrTampered)
			var ce *dispute.ChainError
			require.True(t, errors.As(err, &ce))
			assert.Equal(t, tt.at, ce.Index)
			assert.Equal(t, changed[tt.at].Type, ce.Event)
			assert.Contains(t, err.Error(), "does not match")
		})
	}
	_, err := p.Replay(t.Context(), "another-case", entries)
	require.ErrorIs(t, err, dispute.ErrTampered, "events moved to another case")
	assert.Equal(t, entries, c.Entries(), "the case is untouched")
}

// TestTamperedFile edits a case file by hand and loads it.
func TestTamperedFile(t *testing.T) {
	p := riverside(t)
	c := open(t, p, toReview)
	data, err := dispute.Marshal(c, "case.yaml")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "case.yaml")

	// Reformatting keeps the chain: comments, flow style, another order.
	reformatted := "# A comment the hash does not cover\n" + strings.Replace(string(data), "actor: {person: sam}", "actor:\n      person: sam", 1)
	require.NoError(t, os.WriteFile(path, []byte(reformatted), 0o644))
	again, err := p.Load(t.Context(), path)
	require.NoError(t, err)
	assert.Equal(t, c.Head(), again.Head())

	// Changing who was nominated does not.
	edited := strings.Replace(string(data), "person: fin", "person: hal", 1)
	require.NotEqual(t, string(data), edited)
	require.NoError(t, os.WriteFile(path, []byte(edited), 0o644))
	_, err = p.Load(t.Context(), path)
	require.ErrorIs(t, err, dispute.ErrTampered)
	errs := compact.AsErrors(err)
	require.Len(t, errs, 1)
	assert.Equal(t, "events[4].hash", errs[0].Path)
	assert.Equal(t, path, errs[0].Pos.File)
	assert.Positive(t, errs[0].Pos.Line)
	assert.Contains(t, errs[0].Snippet(), "hash: sha256:")
	assert.Contains(t, errs[0].Error(), "the hash of event 5 (reviewer-nominated) does not match")
}

// TestFaithfulOnReplay: a case whose chain is intact but whose events
// today's data contradicts (written under an older directory, or by hand
// with hashes recomputed in an area that does not sign) still loads: the
// contradiction is a warning naming the event, at its place in the file.
// An event out of the state machine's order is still refused.
func TestFaithfulOnReplay(t *testing.T) {
	p := riverside(t)
	c := open(t, p, toReview)
	es := c.Entries()
	es[3].Person = "hal" // part of the respondent
	rehash := func(es []dispute.Entry) {
		for i := 1; i < len(es); i++ {
			es[i].Hash, _ = dispute.HashEvent(c.ID(), es[i-1].Hash, &es[i].Event)
		}
	}
	rehash(es)
	got, err := p.Replay(t.Context(), c.ID(), es)
	require.NoError(t, err)
	require.Len(t, got.Warnings(), 1)
	w := got.Warnings()[0]
	assert.Equal(t, 3, w.Index)
	assert.Equal(t, dispute.ReviewerNominated, w.Event)
	assert.Contains(t, w.Message, "reviewers come from neither party")

	forged := &dispute.CaseFile{TypeMeta: compact.TypeMeta{APIVersion: compact.APIVersion, Kind: compact.KindDispute}, ID: c.ID(), Events: es}
	data, err := json.MarshalIndent(forged, "", "  ")
	require.NoError(t, err)
	docs, err := compact.Parse("forged.json", data)
	require.NoError(t, err)
	got, err = p.Decode(t.Context(), docs[0])
	require.NoError(t, err)
	require.Len(t, got.Warnings(), 1)
	assert.Equal(t, "forged.json", got.Warnings()[0].Pos.File)
	assert.Positive(t, got.Warnings()[0].Pos.Line)
	assert.Contains(t, got.Warnings()[0].String(), "event 4 (reviewer-nominated)")

	// Out of order: referred to review before it was admitted.
	es = c.Entries()
	es[1], es[2] = es[2], es[1]
	es[2].At = es[1].At
	rehash(es)
	_, err = p.Replay(t.Context(), c.ID(), es)
	require.ErrorIs(t, err, dispute.ErrTransition)
	var r *dispute.Refusal
	require.True(t, errors.As(err, &r))
	assert.Equal(t, 1, r.Index)
}

func TestCanonicalJSON(t *testing.T) {
	e := ev(dispute.Note, "2023-11-20T10:00:00+01:00", "dan", text("Fish & chips <3"), func(e *dispute.Event) { e.URL = "https://example.org/?a=1&b=2" })
	b, err := dispute.CanonicalJSON(&e)
	require.NoError(t, err)
	assert.Equal(t, `{"actor":{"person":"dan"},"at":"2023-11-20T10:00:00+01:00","text":"Fish & chips <3","type":"note","url":"https://example.org/?a=1&b=2"}`, string(b))
	h1, err := dispute.HashEvent("a-case", "", &e)
	require.NoError(t, err)
	h2, _ := dispute.HashEvent("a-case", "sha256:00", &e)
	h3, _ := dispute.HashEvent("b-case", "", &e)
	assert.True(t, strings.HasPrefix(h1, "sha256:"))
	assert.Len(t, h1, len("sha256:")+64)
	assert.NotEqual(t, h1, h2, "the previous hash counts")
	assert.NotEqual(t, h1, h3, "the case id counts")
	same := e
	same.At = dispute.MustParseTime("2023-11-20T10:00:00+01:00")
	h4, _ := dispute.HashEvent("a-case", "", &same)
	assert.Equal(t, h1, h4)
}
