package dispute_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/dispute"
)

// vectors are the test vectors in testdata/vectors.json: what an
// integrator in another language checks a case file with.
type vectors struct {
	Comment string        `json:"comment"`
	Key     vectorKey     `json:"key"`
	Events  []eventVector `json:"events"`
	Lines   []lineVector  `json:"checkpoints"`
}

type vectorKey struct {
	ID        string `json:"id"`
	Seed      string `json:"seedBase64"`
	PublicKey string `json:"publicKey"`
}

type eventVector struct {
	Case       string `json:"case"`
	Prev       string `json:"prev"`
	Event      any    `json:"event"`
	Canonical  string `json:"canonical"`
	HashInput  string `json:"hashInputHex"`
	Hash       string `json:"hash"`
	Sealed     string `json:"sealed,omitempty"`
	SigMessage string `json:"signatureMessageHex"`
	Sig        string `json:"sig"`
}

type lineVector struct {
	Line       string `json:"line"`
	SigMessage string `json:"signatureMessageHex"`
	NextPrev   string `json:"prevOfNextLine"`
}

// makeVectors computes the vectors from fixed inputs with the package.
func makeVectors(t *testing.T) vectors {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "example-steering-group.key"))
	require.NoError(t, err)
	s, err := dispute.ParseSigner(text)
	require.NoError(t, err)
	f := strings.Fields(string(text[bytes.LastIndex(text, []byte("compactkit-dispute-key-v1")):]))
	v := vectors{
		Comment: "Test vectors for compactkit/v1 dispute cases: see the package documentation of " +
			"github.com/compactkit/compactkit/dispute, 'The audit trail'. The key is a public test key.",
		Key: vectorKey{ID: s.KeyID(), Seed: strings.TrimPrefix(f[2], "ed25519:"), PublicKey: s.Public()},
	}
	events := []dispute.Event{
		{Type: dispute.Raised, At: dispute.MustParseTime("2013-09-24T09:30:00+01:00"), Actor: dispute.Actor{Person: "pat-brearley"},
			Title: "Grant cut by telephone", Challenger: "spenborough-wheels", Respondent: "kirklees-council",
			Decision:    &dispute.Decision{Date: compact.MustParseDate("2013-09-10"), Text: "The grant falls to £35,000."},
			Commitments: []string{"statutory-notice-of-change"}, Text: "Told \"by phone\" <no letter> & no reasons.\nTwo days later."},
		{Type: dispute.Admitted, At: dispute.MustParseTime("2013-09-26T15:00:00.5Z"), Actor: dispute.Actor{Person: "sarah-whitworth", Role: "steering-group-member"}},
		{Type: dispute.Responded, At: dispute.MustParseTime("2013-10-18T12:00:00+01:00"), Actor: dispute.Actor{Person: "mark-ellison"}, Final: true,
			Text: "Café — “quotes” and \u2028 a line separator."},
	}
	prev := ""
	for i, e := range events {
		canon, err := dispute.CanonicalJSON(&e)
		require.NoError(t, err)
		h, err := dispute.HashEvent("vector-case", prev, &e)
		require.NoError(t, err)
		input := []byte("compactkit/v1 dispute event\x00vector-case\x00" + prev + "\x00" + string(canon) + "\x00")
		sealed := compact.Date{}
		if i == 2 {
			sealed = compact.MustParseDate("2026-12-02")
		}
		msg := dispute.SignatureMessage("vector-case", s.KeyID(), sealed, h)
		raw, _ := json.Marshal(e)
		var generic any
		require.NoError(t, json.Unmarshal(raw, &generic))
		ev := eventVector{Case: "vector-case", Prev: prev, Event: generic, Canonical: string(canon), HashInput: hex.EncodeToString(input), Hash: h,
			SigMessage: hex.EncodeToString(msg), Sig: signed(t, text, msg)}
		if !sealed.IsZero() {
			ev.Sealed = sealed.String()
		}
		v.Events = append(v.Events, ev)
		prev = h
	}
	lineBody := "v1 1 vector-case 3 " + prev + " - " + s.KeyID()
	msg := dispute.CheckpointMessage(lineBody)
	line := lineBody + " " + signed(t, text, msg)
	sum := sha256.Sum256([]byte(line))
	v.Lines = []lineVector{{Line: line, SigMessage: hex.EncodeToString(msg), NextPrev: "sha256:" + hex.EncodeToString(sum[:])}}
	return v
}

// signed signs msg with the key file's key, independently of the package.
func signed(t *testing.T, keyFile []byte, msg []byte) string {
	t.Helper()
	f := strings.Fields(string(keyFile[bytes.LastIndex(keyFile, []byte("compactkit-dispute-key-v1")):]))
	seed, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(f[2], "ed25519:"))
	require.NoError(t, err)
	return "ed25519:" + base64.StdEncoding.EncodeToString(ed25519.Sign(ed25519.NewKeyFromSeed(seed), msg))
}

// TestVectors checks testdata/vectors.json two ways: the package computes
// the same values, and the standard library alone (SHA-256 and Ed25519 of
// the bytes written out in hex) confirms each step, as an integrator in
// another language would.
func TestVectors(t *testing.T) {
	want := makeVectors(t)
	path := filepath.Join("testdata", "vectors.json")
	if *update {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		require.NoError(t, enc.Encode(want))
		require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var got vectors
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, want, got, "the package computes the vectors in the file (go test ./dispute -run TestVectors -update rewrites it)")

	seed, err := base64.StdEncoding.DecodeString(got.Key.Seed)
	require.NoError(t, err)
	pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	assert.Equal(t, got.Key.PublicKey, "ed25519:"+base64.StdEncoding.EncodeToString(pub))
	prev := ""
	for i, v := range got.Events {
		input, err := hex.DecodeString(v.HashInput)
		require.NoError(t, err)
		assert.Equal(t, "compactkit/v1 dispute event\x00"+v.Case+"\x00"+prev+"\x00"+v.Canonical+"\x00", string(input), "event %d: hash input", i)
		sum := sha256.Sum256(input)
		assert.Equal(t, "sha256:"+hex.EncodeToString(sum[:]), v.Hash, "event %d: hash", i)
		msg, err := hex.DecodeString(v.SigMessage)
		require.NoError(t, err)
		assert.Equal(t, "compactkit/v1 dispute signature\x00"+v.Case+"\x00"+got.Key.ID+"\x00"+v.Sealed+"\x00"+v.Hash+"\x00", string(msg), "event %d: signed message", i)
		sig, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(v.Sig, "ed25519:"))
		require.NoError(t, err)
		assert.True(t, ed25519.Verify(pub, msg, sig), "event %d: signature", i)
		prev = v.Hash
	}
	for _, l := range got.Lines {
		i := strings.LastIndexByte(l.Line, ' ')
		msg, err := hex.DecodeString(l.SigMessage)
		require.NoError(t, err)
		assert.Equal(t, "compactkit/v1 dispute checkpoint\x00"+l.Line[:i]+"\x00", string(msg))
		sig, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(l.Line[i+1:], "ed25519:"))
		require.NoError(t, err)
		assert.True(t, ed25519.Verify(pub, msg, sig), "checkpoint signature")
		sum := sha256.Sum256([]byte(l.Line))
		assert.Equal(t, "sha256:"+hex.EncodeToString(sum[:]), l.NextPrev)
		cps, err := dispute.ParseCheckpoints("vectors", []byte(l.Line+"\n"))
		require.NoError(t, err)
		assert.Equal(t, 3, cps[0].Events)
	}
}
