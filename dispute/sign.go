package dispute

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// Signed events. Every event of a case is signed with Ed25519 by the key
// of whoever recorded it, or by a key of the area's steering group, as the
// area's keys document says ([KeysFile]). The area holds public keys only;
// a private key stays with its holder ([Signer], [ParseSigner]).

// signatureDomain starts the message of every event signature.
const signatureDomain = "compactkit/v1 dispute signature"

// publicKeyPrefix starts a public key, a private key's text and a
// signature, and names the algorithm.
const publicKeyPrefix = "ed25519:"

// signerHeader starts the text of a private key file.
const signerHeader = "compactkit-dispute-key-v1"

// SignedBy says whose keys sign an area's events.
type SignedBy string

// Signing policies.
const (
	// SignedByRecorder: each event is signed by a key of the person who
	// records it (the event's actor.person).
	SignedByRecorder SignedBy = "recorder"
	// SignedByBody: each event is signed by a key of one of the area's
	// bodies (the steering group), whoever records it.
	SignedByBody SignedBy = "body"
)

var signingPolicies = []SignedBy{SignedByRecorder, SignedByBody}

// Values lists the signing policies.
func (SignedBy) Values() []string { return docfmt.EnumStrings(signingPolicies) }

// UnmarshalScalar implements [docfmt.ScalarUnmarshaler].
func (s *SignedBy) UnmarshalScalar(v docfmt.Scalar) (err error) {
	*s, err = docfmt.ParseEnum(v, signingPolicies, "signing policy")
	return
}

// KeysFile is a document of kind DisputeKeys: the public keys that sign
// an area's dispute events, with the days each is valid for. An area has
// at most one. Private keys are never in it.
//
//	apiVersion: compactkit/v1
//	kind: DisputeKeys
//	id: kirklees-dispute-keys
//	signedBy: body
//	signingFrom: 2013-01-01
//	keys:
//	  - id: steering-group-2013
//	    body: kirklees-compact-steering-group
//	    publicKey: ed25519:...
//	    from: 2013-01-01
type KeysFile struct {
	compact.TypeMeta
	// ID of the document.
	ID string `json:"id"`
	// SignedBy says whose keys sign events: recorder or body.
	SignedBy SignedBy `json:"signedBy"`
	// SigningFrom is the first day events must be signed: an unsigned
	// event dated on or after it does not load; one dated before it loads
	// with a warning (a case written before signing; seal it). When not
	// given, the earliest from of the keys.
	SigningFrom compact.Date `json:"signingFrom,omitzero"`
	// Keys are the public keys.
	Keys []PublicKey `json:"keys"`

	// Source is where the document starts.
	Source compact.Position `json:"-"`
}

// PublicKey is a public key of the area, with who holds it and the days
// it is valid for.
type PublicKey struct {
	// ID names the key; signatures name it in their key field.
	ID string `json:"id"`
	// Person who holds the key, by id in the directory (signedBy:
	// recorder).
	Person string `json:"person,omitempty"`
	// Body that holds the key, by id in the compact's governance (signedBy:
	// body).
	Body string `json:"body,omitempty"`
	// PublicKey is "ed25519:" and the standard base64 of the 32-byte key.
	PublicKey string `json:"publicKey"`
	// From is the first day the key signs events.
	From compact.Date `json:"from"`
	// To is the last day it signs events; open when not given. Set it to
	// retire or revoke a key.
	To compact.Date `json:"to,omitzero"`
}

// validOn reports whether the key signs events on a day.
func (k *PublicKey) validOn(d compact.Date) bool {
	return !d.Before(k.From) && (k.To.IsZero() || !d.After(k.To))
}

// keyring is an area's keys document, decoded and checked.
type keyring struct {
	file *KeysFile
	doc  *compact.Document
	keys map[string]ed25519.PublicKey
}

// key returns the public key with an id.
func (r *keyring) key(id string) (*PublicKey, ed25519.PublicKey, bool) {
	if r == nil {
		return nil, nil, false
	}
	i := slices.IndexFunc(r.file.Keys, func(k PublicKey) bool { return k.ID == id })
	if i < 0 {
		return nil, nil, false
	}
	return &r.file.Keys[i], r.keys[id], true
}

// required reports whether an event on a day must be signed.
func (r *keyring) required(d compact.Date) bool {
	return r != nil && !d.Before(r.file.SigningFrom)
}

// loadKeys decodes and checks the area's keys document; nil when it has
// none.
func loadKeys(area *compact.Area) (*keyring, error) {
	docs := area.DocumentsOf(compact.KindDisputeKeys)
	if len(docs) == 0 {
		return nil, nil
	}
	var errs compact.Errors
	for _, d := range docs[1:] {
		errs = append(errs, d.Errorf("kind", compact.ErrDuplicate, "an area has one document of kind %s; the first is at %s", compact.KindDisputeKeys, docs[0].Pos))
	}
	d := docs[0]
	var f KeysFile
	if err := d.Decode(&f); err != nil {
		return nil, append(errs, compact.AsErrors(err)...)
	}
	f.Source = d.Pos
	r := &keyring{file: &f, doc: d, keys: map[string]ed25519.PublicKey{}}
	if f.SignedBy == "" {
		errs = append(errs, d.Errorf("signedBy", compact.ErrMissing, "say whose keys sign events: signedBy: recorder or body"))
	}
	earliest := compact.Date{}
	for i, k := range f.Keys {
		at := fmt.Sprintf("keys[%d]", i)
		switch {
		case !docfmt.ValidID(k.ID):
			errs = append(errs, d.Errorf(at+".id", compact.ErrValue, "%q is not a valid key id", k.ID))
		case r.keys[k.ID] != nil:
			errs = append(errs, d.Errorf(at+".id", compact.ErrDuplicate, "key id %q is used twice", k.ID))
		}
		pub, err := parsePublicKey(k.PublicKey)
		if err != nil {
			errs = append(errs, d.Errorf(at+".publicKey", compact.ErrValue, "%v", err))
		}
		r.keys[k.ID] = pub
		switch {
		case k.From.IsZero():
			errs = append(errs, d.Errorf(at+".from", compact.ErrMissing, "a key needs the first day it signs events"))
		case !k.To.IsZero() && k.To.Before(k.From):
			errs = append(errs, d.Errorf(at+".to", compact.ErrValue, "the key's last day (%s) is before its first (%s)", k.To, k.From))
		}
		if (k.Person == "") == (k.Body == "") {
			errs = append(errs, d.Errorf(at, compact.ErrValue, "a key is held by a person or by a body: give one of person and body"))
		} else if _, ok := area.Person(k.Person); k.Person != "" && !ok {
			errs = append(errs, d.Errorf(at+".person", compact.ErrReference, "unknown person %q", k.Person))
		} else if _, ok := area.Body(k.Body); k.Body != "" && !ok {
			errs = append(errs, d.Errorf(at+".body", compact.ErrReference, "unknown body %q", k.Body))
		}
		if earliest.IsZero() || k.From.Before(earliest) {
			earliest = k.From
		}
	}
	if len(f.Keys) == 0 {
		errs = append(errs, d.Errorf("keys", compact.ErrMissing, "a keys document lists at least one public key"))
	}
	if f.SigningFrom.IsZero() {
		f.SigningFrom = earliest
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

// parsePublicKey reads "ed25519:" and the base64 of a public key.
func parsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := decodePrefixed(s, ed25519.PublicKeySize)
	if err != nil {
		return nil, fmt.Errorf("a public key is written ed25519: and the base64 of its %d bytes: %v", ed25519.PublicKeySize, err)
	}
	return ed25519.PublicKey(b), nil
}

// decodePrefixed reads "ed25519:" and the standard base64 of n bytes.
func decodePrefixed(s string, n int) ([]byte, error) {
	rest, ok := strings.CutPrefix(s, publicKeyPrefix)
	if !ok {
		return nil, fmt.Errorf("it does not start with %s", publicKeyPrefix)
	}
	b, err := base64.StdEncoding.Strict().DecodeString(rest)
	if err != nil {
		return nil, fmt.Errorf("bad base64")
	}
	if len(b) != n {
		return nil, fmt.Errorf("%d bytes, not %d", len(b), n)
	}
	return b, nil
}

// EncodePublicKey writes a public key as a keys document holds it:
// "ed25519:" and its standard base64.
func EncodePublicKey(k ed25519.PublicKey) string {
	return publicKeyPrefix + base64.StdEncoding.EncodeToString(k)
}

// Signer signs events with a private key: one the area lists by id in its
// keys document. Keep the private key out of the area (a key file
// readable only by its holder, or an environment variable).
type Signer struct {
	id   string
	priv ed25519.PrivateKey
}

// NewSigner returns a signer for the key id with a private key.
func NewSigner(id string, priv ed25519.PrivateKey) *Signer {
	return &Signer{id: id, priv: slices.Clone(priv)}
}

// GenerateSigner makes a new key pair with randomness from rand
// (crypto/rand.Reader).
func GenerateSigner(id string, rand io.Reader) (*Signer, error) {
	if !docfmt.ValidID(id) {
		return nil, fmt.Errorf("%q is not a valid key id", id)
	}
	_, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return nil, fmt.Errorf("dispute: making a key: %w", err)
	}
	return &Signer{id: id, priv: priv}, nil
}

// KeyID returns the id of the signer's key.
func (s *Signer) KeyID() string { return s.id }

// Public returns the public half of the key, as a keys document holds it.
func (s *Signer) Public() string { return EncodePublicKey(s.priv.Public().(ed25519.PublicKey)) }

// MarshalText writes the private key as a key file holds it: one line,
// "compactkit-dispute-key-v1 ID ed25519:BASE64-SEED". Keep it secret.
func (s *Signer) MarshalText() ([]byte, error) {
	return fmt.Appendf(nil, "%s %s %s%s\n", signerHeader, s.id, publicKeyPrefix, base64.StdEncoding.EncodeToString(s.priv.Seed())), nil
}

// ParseSigner reads a private key written by [Signer.MarshalText] (a key
// file, or the value of an environment variable). Lines starting with #
// are comments.
func ParseSigner(text []byte) (*Signer, error) {
	for line := range bytes.SplitSeq(text, []byte("\n")) {
		l := strings.TrimSpace(string(line))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Fields(l)
		if len(f) != 3 || f[0] != signerHeader {
			return nil, fmt.Errorf("dispute: a private key is one line: %s ID ed25519:BASE64", signerHeader)
		}
		seed, err := decodePrefixed(f[2], ed25519.SeedSize)
		if err != nil {
			return nil, fmt.Errorf("dispute: private key %s: %v", f[1], err)
		}
		return &Signer{id: f[1], priv: ed25519.NewKeyFromSeed(seed)}, nil
	}
	return nil, fmt.Errorf("dispute: no private key found")
}

// SignatureMessage returns the bytes an event's signature signs:
//
//	"compactkit/v1 dispute signature" NUL id NUL key NUL sealed NUL hash
//
// where id is the case id, key the key id, sealed the day a legacy event
// was sealed (YYYY-MM-DD) or empty for an event signed when recorded, and
// hash the entry's hash as stored ("sha256:..."). Each part is followed by
// a NUL byte, the last one too. The hash covers the case id, the previous
// hash and the event, so a signature covers the whole case up to its event.
func SignatureMessage(id, key string, sealed compact.Date, hash string) []byte {
	var b bytes.Buffer
	s := ""
	if !sealed.IsZero() {
		s = sealed.String()
	}
	for _, part := range []string{signatureDomain, id, key, s, hash} {
		b.WriteString(part)
		b.WriteByte(0)
	}
	return b.Bytes()
}

// sign signs the entry at the end of a case's entries.
func (s *Signer) sign(id string, en *Entry, sealed compact.Date) {
	en.Key, en.Sealed = s.id, sealed
	en.Sig = publicKeyPrefix + base64.StdEncoding.EncodeToString(ed25519.Sign(s.priv, SignatureMessage(id, s.id, sealed, en.Hash)))
}

// signBytes signs a message (a checkpoint line).
func (s *Signer) signBytes(msg []byte) string {
	return publicKeyPrefix + base64.StdEncoding.EncodeToString(ed25519.Sign(s.priv, msg))
}

// verifySig checks a signature written "ed25519:BASE64" of msg.
func verifySig(pub ed25519.PublicKey, msg []byte, sig string) bool {
	b, err := decodePrefixed(sig, ed25519.SignatureSize)
	return err == nil && pub != nil && ed25519.Verify(pub, msg, b)
}
