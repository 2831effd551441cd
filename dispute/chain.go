package dispute

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// hashPrefix starts every stored hash and names its algorithm.
const hashPrefix = "sha256:"

// hashDomain starts the input of every event hash, so that an event hash
// can never be mistaken for the hash of anything else.
const hashDomain = "compactkit/v1 dispute event"

// HashEvent returns the hash of an event that follows the entry with hash
// prev (empty for the first event) in case id:
//
//	"sha256:" + hex(SHA-256("compactkit/v1 dispute event" NUL id NUL prev NUL canonical NUL))
//
// where NUL is a zero byte (one after every part, the last one too) and
// canonical is the event as JSON with its keys sorted and no spaces (see
// [CanonicalJSON]; the package documentation defines it exactly, and
// testdata/vectors.json has test vectors). The case id and the previous hash are in the input,
// so an event cannot be moved to another case or another place in the list
// without the chain breaking. The hash covers the event's values, not their
// spelling: reformatting a case file, reordering its fields or changing
// comments leaves it intact.
func HashEvent(id, prev string, e *Event) (string, error) {
	canon, err := CanonicalJSON(e)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, part := range [][]byte{[]byte(hashDomain), []byte(id), []byte(prev), canon} {
		h.Write(part)
		h.Write([]byte{0})
	}
	return hashPrefix + hex.EncodeToString(h.Sum(nil)), nil
}

// CanonicalJSON returns the canonical form of an event: its JSON with the
// keys of every object sorted and no insignificant space. Fields that are
// not set are left out, so a field added to Event in a later version does
// not change the hash of events that do not use it.
func CanonicalJSON(e *Event) ([]byte, error) {
	raw, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("dispute: encoding the event: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("dispute: encoding the event: %w", err)
	}
	// encoding/json writes map keys in sorted order.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("dispute: encoding the event: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// verifyChain checks the hash of every entry and returns the first that
// does not match.
func verifyChain(id string, entries []Entry) error {
	prev := ""
	for i := range entries {
		want, err := HashEvent(id, prev, &entries[i].Event)
		if err != nil {
			return err
		}
		if entries[i].Hash != want {
			return &ChainError{Case: id, Index: i, Event: entries[i].Type, Want: want, Got: entries[i].Hash}
		}
		prev = want
	}
	return nil
}
