package compact

import (
	"fmt"
	"strings"
)

// MaxExtendsDepth is the longest chain of documents extending documents, for
// every kind that extends (compacts, rule packs, role catalogues). Real
// chains are one or two long (a district compact on a county one on the
// national one); the limit turns a mistaken chain into a clear error.
const MaxExtendsDepth = 8

// ErrCycle: documents extend one another in a loop (a compact, rule pack or
// role catalogue extending itself, directly or through others), or another
// relation loops (roles implying one another). It is a kind of
// [ErrLayering]: errors.Is(err, ErrLayering) holds for it too.
var ErrCycle = NewClass("cycle", "cycle", ErrLayering)

// Extends says how to follow the extends of one kind of document, for
// [Extends.Chain]: the one layering walk that compacts, rule packs and role
// catalogues share, with one cycle error ([ErrCycle]), one depth limit
// ([MaxExtendsDepth]) and one error for a base that is not there
// ([ErrReference]). T is the decoded document (a *Compact, a rule pack, a
// role catalogue). What a layer changes in its base stays with the package
// that owns the kind.
type Extends[T any] struct {
	// Noun names the kind in messages: "compact", "pack", "catalogue".
	Noun string
	// ID returns a document's id.
	ID func(T) string
	// Base returns the id a document extends; "" for a root.
	Base func(T) string
	// Find finds the base with an id: found reports whether it is there;
	// a non-nil error says the base is there but does not load, and is
	// returned as it is (usually [Errors] with positions).
	Find func(id string) (base T, found bool, err error)
	// Missing words the problem of a base that is not found, for example
	// `base pack "x" is not in the area or its library`.
	Missing func(from T, id string) string
	// Errorf builds the error about a document's extends field.
	Errorf func(at T, class error, format string, args ...any) *Error
}

// Chain follows top's extends to the root and returns the chain, base
// first and top last. A loop, a chain longer than [MaxExtendsDepth] or a
// base that is not found is an error about the extends field of the
// document that names it, as [Errors]; a base that does not load returns
// Find's error.
func (x Extends[T]) Chain(top T) ([]T, error) {
	chain := []T{top}
	seen := []string{x.ID(top)}
	for cur := top; x.Base(cur) != ""; {
		base := x.Base(cur)
		for _, id := range seen {
			if id == base {
				return nil, Errors{x.Errorf(cur, ErrCycle, "%s %q extends itself through %s",
					x.Noun, x.ID(cur), strings.Join(append(seen, base), " -> "))}
			}
		}
		if len(seen) > MaxExtendsDepth {
			return nil, Errors{x.Errorf(cur, ErrLimit, "more than %d %ss extend one another", MaxExtendsDepth, x.Noun)}
		}
		next, ok, err := x.Find(base)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, Errors{x.Errorf(cur, ErrReference, "%s", x.Missing(cur, base))}
		}
		chain = append(chain, next)
		seen = append(seen, x.ID(next))
		cur = next
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain, nil
}

// Top returns the documents of a set that no other document of the set
// extends: an area's own compact, rule pack or role catalogue is the one
// top of its documents of that kind. base returns the id a document
// extends (a document without an id is extended by none). When every document is extended by another (they extend one
// another in a loop), Top returns none and loop is true.
func Top[T comparable](docs []T, id, base func(T) string) (tops []T, loop bool) {
	for _, d := range docs {
		extended := false
		for _, o := range docs {
			if o != d && id(d) != "" && base(o) == id(d) {
				extended = true
				break
			}
		}
		if !extended {
			tops = append(tops, d)
		}
	}
	return tops, len(tops) == 0 && len(docs) > 0
}

// loopMessage is the problem of an area whose documents of a kind extend
// one another in a loop, so none of them is the area's own.
func loopMessage(plural string) string {
	return fmt.Sprintf("the %s in this area extend one another in a loop", plural)
}

// LoopError is the problem of an area whose documents of a kind (plural:
// "compacts", "rule packs", "role catalogues") extend one another in a loop,
// so none of them is the area's own: an [ErrCycle] at the first document's
// extends field.
func LoopError(first *Document, plural string) *Error {
	return first.Errorf("extends", ErrCycle, "%s", loopMessage(plural))
}
