package dispute_test

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

// signedArea copies the riverside area into a folder with a keys document
// for a new steering-group key valid from 2020, and returns the folder,
// its procedure and the key.
func signedArea(t testing.TB, extraKeys string) (string, *dispute.Procedure, *dispute.Signer) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "riverside")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "disputes"), 0o755))
	for _, f := range []string{"compact.yaml", "directory.yaml", "records.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "riverside", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	s, err := dispute.GenerateSigner("steering-group-2020", rand.Reader)
	require.NoError(t, err)
	keys := fmt.Sprintf(`apiVersion: compactkit/v1
kind: DisputeKeys
id: riverside-keys
signedBy: body
keys:
  - id: steering-group-2020
    body: steering-group
    publicKey: %s
    from: 2020-04-01
%s`, s.Public(), extraKeys)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "disputes", "keys.yaml"), []byte(keys), 0o644))
	return dir, procedureAt(t, dir), s
}

func procedureAt(t testing.TB, dir string) *dispute.Procedure {
	t.Helper()
	p, err := dispute.New(loadArea(t, dir))
	require.NoError(t, err)
	return p
}

// signedCase writes the riverside case up to review, signed, and returns
// its file.
func signedCase(t testing.TB, dir string, p *dispute.Procedure, s *dispute.Signer) string {
	t.Helper()
	c, err := p.Open(t.Context(), "grant-cut-2023", toReview[0], dispute.SignWith(s))
	require.NoError(t, err)
	path := filepath.Join(dir, "disputes", "grant-cut-2023.yaml")
	require.NoError(t, p.Create(t.Context(), path, c, dispute.SignWith(s)))
	_, err = p.ApplyFile(t.Context(), path, toReview[1:], dispute.SignWith(s))
	require.NoError(t, err)
	return path
}

func TestSignedCaseLoads(t *testing.T) {
	dir, p, s := signedArea(t, "")
	path := signedCase(t, dir, p, s)
	c, err := procedureAt(t, dir).Load(t.Context(), path)
	require.NoError(t, err)
	assert.Empty(t, c.Warnings())
	for _, en := range c.Entries() {
		assert.Equal(t, "steering-group-2020", en.Key)
		assert.True(t, strings.HasPrefix(en.Sig, "ed25519:"))
	}
	heads, err := procedureAt(t, dir).Verify(t.Context())
	require.NoError(t, err)
	require.Len(t, heads, 1)
	assert.Equal(t, dispute.CaseHead{Case: "grant-cut-2023", File: path, Events: 5, Head: c.Head(), Checkpoint: 2}, heads[0])
}

func TestUnsignedRefusedWhereTheAreaSigns(t *testing.T) {
	_, p, _ := signedArea(t, "")
	_, err := p.Open(t.Context(), "grant-cut-2023", toReview[0])
	require.ErrorIs(t, err, dispute.ErrSignature)
	assert.Contains(t, err.Error(), "the area signs its dispute events from 2020-04-01")

	other, err := dispute.GenerateSigner("steering-group-2020", rand.Reader)
	require.NoError(t, err)
	_, err = p.Open(t.Context(), "grant-cut-2023", toReview[0], dispute.SignWith(other))
	require.ErrorIs(t, err, dispute.ErrSignature)
	assert.Contains(t, err.Error(), "not the one whose public half the area lists")
}

func TestRecorderKeys(t *testing.T) {
	eve, err := dispute.GenerateSigner("eve-2023", rand.Reader)
	require.NoError(t, err)
	dir, _, _ := signedArea(t, fmt.Sprintf("  - {id: eve-2023, person: eve, publicKey: '%s', from: 2023-01-01, to: 2023-12-31}\n", eve.Public()))
	path := filepath.Join(dir, "disputes", "keys.yaml")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), "signedBy: body", "signedBy: recorder", 1)), 0o644))
	p := procedureAt(t, dir)
	c, err := p.Open(t.Context(), "grant-cut-2023", toReview[0], dispute.SignWith(eve))
	require.NoError(t, err)
	// Dan records the next event; Eve's key is not his.
	err = c.Apply(t.Context(), toReview[1], dispute.SignWith(eve))
	require.ErrorIs(t, err, dispute.ErrSignature)
	assert.Contains(t, err.Error(), "signed by whoever records them, and key eve-2023 is not Dan Dale's")
	// Eve's key is not valid in 2024.
	late := toReview[0]
	late.At = dispute.MustParseTime("2024-01-02T10:00:00Z")
	_, err = p.Open(t.Context(), "late", late, dispute.SignWith(eve))
	require.ErrorIs(t, err, dispute.ErrSignature)
	assert.Contains(t, err.Error(), "key eve-2023 is valid from 2023-01-01 to 2023-12-31, not on 2024-01-02")
}

// TestForgeryDetected: editing, deleting or reordering an event and
// recomputing every hash is caught on load by the signatures, naming the
// first bad event with its file and place.
func TestForgeryDetected(t *testing.T) {
	forgeries := map[string]func(es []dispute.Entry) []dispute.Entry{
		"edit":    func(es []dispute.Entry) []dispute.Entry { es[2].Text = "Nothing to see."; return es },
		"delete":  func(es []dispute.Entry) []dispute.Entry { return append(es[:3], es[4:]...) },
		"reorder": func(es []dispute.Entry) []dispute.Entry { es[3], es[4] = es[4], es[3]; return es },
		"strip": func(es []dispute.Entry) []dispute.Entry {
			for i := range es {
				es[i].Key, es[i].Sig = "", ""
			}
			return es
		},
	}
	for name, forge := range forgeries {
		t.Run(name, func(t *testing.T) {
			dir, p, s := signedArea(t, "")
			path := signedCase(t, dir, p, s)
			c, err := p.Load(t.Context(), path)
			require.NoError(t, err)
			es := forge(c.Entries())
			for i := range es {
				prev := ""
				if i > 0 {
					prev = es[i-1].Hash
				}
				es[i].Hash, err = dispute.HashEvent(c.ID(), prev, &es[i].Event)
				require.NoError(t, err)
			}
			// JSON is YAML: the forger writes the case file anew.
			data, err := json.Marshal(&dispute.CaseFile{TypeMeta: compact.TypeMeta{APIVersion: compact.APIVersion, Kind: compact.KindDispute}, ID: c.ID(), Events: es})
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(path, data, 0o644))
			_, err = p.Load(t.Context(), path)
			require.ErrorIs(t, err, dispute.ErrSignature)
			errs := compact.AsErrors(err)
			require.Len(t, errs, 1)
			assert.Equal(t, path, errs[0].Pos.File)
			assert.Positive(t, errs[0].Pos.Line)
			assert.Regexp(t, `event \d+ \([a-z-]+\): `, errs[0].Msg)
		})
	}
}

// TestCheckpointDetectsTruncation: removing the last event leaves a chain
// and signatures that verify; the checkpoint log names the case.
func TestCheckpointDetectsTruncation(t *testing.T) {
	type edit func(t *testing.T, path string, old []byte)
	dropLast := func(t *testing.T, path string, _ []byte) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		text := string(data)
		i := strings.LastIndex(text, "\n  - type: ")
		require.NoError(t, os.WriteFile(path, []byte(text[:i+1]), 0o644))
	}
	tests := []struct {
		name string
		edit edit
		want string
	}{
		{"last event removed", dropLast, "the case has 4 events, but the checkpoint log recorded 5"},
		{"rolled back", func(t *testing.T, path string, old []byte) { require.NoError(t, os.WriteFile(path, old, 0o644)) },
			"the case has 1 events, but the checkpoint log recorded 5"},
		{"file removed", func(t *testing.T, path string, _ []byte) { require.NoError(t, os.Remove(path)) },
			"case grant-cut-2023 is in the checkpoint log with 5 events, but its case file is gone"},
		{"log line changed", func(t *testing.T, path string, _ []byte) {
			log := filepath.Join(filepath.Dir(path), dispute.CheckpointFile)
			data, err := os.ReadFile(log)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(log, []byte(strings.Replace(string(data), " 5 ", " 4 ", 1)), 0o644))
		}, "the checkpoint's signature does not verify"},
		{"log line removed", func(t *testing.T, path string, _ []byte) {
			log := filepath.Join(filepath.Dir(path), dispute.CheckpointFile)
			data, err := os.ReadFile(log)
			require.NoError(t, err)
			_, rest, _ := strings.Cut(string(data), "\n")
			require.NoError(t, os.WriteFile(log, []byte(rest), 0o644))
		}, "line 1 is numbered 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, p, s := signedArea(t, "")
			c, err := p.Open(t.Context(), "grant-cut-2023", toReview[0], dispute.SignWith(s))
			require.NoError(t, err)
			path := filepath.Join(dir, "disputes", "grant-cut-2023.yaml")
			require.NoError(t, p.Create(t.Context(), path, c, dispute.SignWith(s)))
			old, err := os.ReadFile(path)
			require.NoError(t, err)
			_, err = p.ApplyFile(t.Context(), path, toReview[1:], dispute.SignWith(s))
			require.NoError(t, err)
			_, err = procedureAt(t, dir).Verify(t.Context())
			require.NoError(t, err)

			tt.edit(t, path, old)
			q := procedureAt(t, dir)
			_, err = q.Verify(t.Context(), filepath.Join(dir, "disputes"))
			require.ErrorIs(t, err, dispute.ErrCheckpoint)
			assert.Contains(t, err.Error(), tt.want)
			// validate (Check) reports it too.
			require.ErrorIs(t, dispute.Check(t.Context(), loadArea(t, dir)), dispute.ErrCheckpoint)
		})
	}
}

func TestEmptiedCase(t *testing.T) {
	dir, p, s := signedArea(t, "")
	path := signedCase(t, dir, p, s)
	require.NoError(t, os.WriteFile(path, []byte("apiVersion: compactkit/v1\nkind: Dispute\nid: grant-cut-2023\nevents: []\n"), 0o644))
	_, err := procedureAt(t, dir).Verify(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a case starts with its raised event; this one has no events")
	assert.Contains(t, err.Error(), "case grant-cut-2023 is in the checkpoint log with 5 events, but its case file is gone or holds no case")
}

// TestSeal: a case written before the area signed loads with a warning;
// sealing signs it forward, and the warning goes.
func TestSeal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "riverside")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "disputes"), 0o755))
	for _, f := range []string{"compact.yaml", "directory.yaml", "records.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "riverside", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	p := procedureAt(t, dir)
	c, err := p.Open(t.Context(), "grant-cut-2023", toReview[0])
	require.NoError(t, err)
	for _, e := range toReview[1:] {
		require.NoError(t, c.Apply(t.Context(), e))
	}
	path := filepath.Join(dir, "disputes", "grant-cut-2023.yaml")
	require.NoError(t, p.Create(t.Context(), path, c))

	s, err := dispute.GenerateSigner("steering-group-2026", rand.Reader)
	require.NoError(t, err)
	keys := fmt.Sprintf("apiVersion: compactkit/v1\nkind: DisputeKeys\nid: k\nsignedBy: body\nsigningFrom: 2026-01-01\nkeys:\n  - {id: steering-group-2026, body: steering-group, publicKey: '%s', from: 2026-01-01}\n", s.Public())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "disputes", "keys.yaml"), []byte(keys), 0o644))
	p = procedureAt(t, dir)
	c, err = p.Load(t.Context(), path)
	require.NoError(t, err)
	require.Len(t, c.Warnings(), 1)
	assert.Contains(t, c.Warnings()[0].String(), "5 of the case's 5 events were written before signing")

	_, _, err = p.Seal(t.Context(), path, day("2025-12-31"), s)
	require.ErrorIs(t, err, dispute.ErrSignature, "the key is not valid yet")
	sealed, n, err := p.Seal(t.Context(), path, day("2026-12-02"), s)
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	assert.Empty(t, sealed.Warnings())
	c, err = procedureAt(t, dir).Load(t.Context(), path)
	require.NoError(t, err)
	assert.Empty(t, c.Warnings())
	assert.Equal(t, day("2026-12-02"), c.Entries()[0].Sealed)
	_, err = procedureAt(t, dir).Verify(t.Context())
	require.NoError(t, err)
}

// TestIndependentAdmissibility: a steering-group member of the respondent
// may not rule on admissibility; the refusal names them and their
// organisation.
func TestIndependentAdmissibility(t *testing.T) {
	p := riverside(t)
	c, err := p.Open(t.Context(), "c", toReview[0])
	require.NoError(t, err)
	err = c.Apply(t.Context(), ev(dispute.Admitted, "2023-11-07T10:00:00Z", "ann", role("steering-group-member")))
	require.ErrorIs(t, err, dispute.ErrGuard)
	assert.Contains(t, err.Error(), "whoever rules on admissibility comes from neither party; Ann Archer is of Riverside Council, which is the respondent")
	err = c.Apply(t.Context(), ev(dispute.Redirected, "2023-11-07T10:00:00Z", "ann", role("steering-group-member"), text("A decision.")))
	require.ErrorIs(t, err, dispute.ErrGuard)
	require.NoError(t, c.Apply(t.Context(), ev(dispute.Admitted, "2023-11-07T10:00:00Z", "dan")))
}
