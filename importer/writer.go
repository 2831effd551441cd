package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"unicode/utf8"

	"github.com/compactkit/compactkit/compact"
)

// writer streams one Records document into a temporary file beside its
// final name, and renames it into place when the import of its source is
// done: readers of the area see the old file or the new one, never a part.
// Records are written one to a line, as JSON flow mappings (YAML reads JSON),
// so a million-row source never sits in memory; only a hash of each record
// id is kept, to refuse duplicates.
type writer struct {
	path     string // the records file
	dirPath  string // the directory file, beside it
	f        *os.File
	bw       *bufio.Writer
	kind     string // "funding" or "consultations"
	id       string
	n        int
	from, to compact.Date
	seen     map[uint64]struct{}
	buf      bytes.Buffer
	enc      *json.Encoder
	done     bool
}

func newWriter(path, kind string, src Source, file string) (*writer, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", compact.ErrIO, err)
	}
	w := &writer{path: path, dirPath: directoryPath(path), f: f, bw: bufio.NewWriterSize(f, 1<<16), kind: kind,
		id: idOf(filepath.Base(path[:len(path)-len(filepath.Ext(path))])), seen: map[uint64]struct{}{}}
	w.enc = json.NewEncoder(&w.buf)
	w.enc.SetEscapeHTML(false)
	fmt.Fprintf(w.bw, "# Written by compact import %s from %s. Import again to refresh it; edits here are lost.\n", src, filepath.Base(file))
	fmt.Fprintf(w.bw, "apiVersion: compactkit/v1\nkind: Records\nid: %s\n", w.id)
	return w, nil
}

// directoryPath is the directory file written beside a records file.
func directoryPath(records string) string {
	return records[:len(records)-len(filepath.Ext(records))] + ".directory.yaml"
}

// has reports whether a record with this id was written already.
func (w *writer) has(id string) bool {
	_, ok := w.seen[hashID(id)]
	return ok
}

func hashID(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// add writes one record dated on (its decision date, or its opening and
// closing dates), which widens the document's period.
func (w *writer) add(id string, rec any, from, to compact.Date) error {
	w.buf.Reset()
	if err := w.enc.Encode(rec); err != nil {
		return err
	}
	if w.n == 0 {
		fmt.Fprintf(w.bw, "%s:\n", w.kind)
	}
	w.bw.WriteString("- ")
	w.bw.Write(yamlSafe(w.buf.Bytes())) // Encode ends the line
	w.seen[hashID(id)] = struct{}{}
	if w.n == 0 || from.Before(w.from) {
		w.from = from
	}
	if w.n == 0 || to.After(w.to) {
		w.to = to
	}
	w.n++
	return nil
}

// end writes out the records and closes the temporary file, which stays
// until finish or abort: an import holds one file open at a time.
func (w *writer) end() error {
	if w.n == 0 {
		fmt.Fprintf(w.bw, "%s: []\n", w.kind)
	}
	if err := w.bw.Flush(); err != nil {
		return w.fail(err)
	}
	if err := w.f.Close(); err != nil {
		return w.fail(err)
	}
	return nil
}

// finish gives the document its period and renames it into place. The
// import writes every directory file before it finishes any records file,
// so records never name an organisation the area lacks.
func (w *writer) finish(period compact.Period) error {
	f, err := os.OpenFile(w.f.Name(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return w.fail(err)
	}
	w.f = f
	if w.n > 0 {
		if _, err := fmt.Fprintf(f, "period: %s..%s\n", period.From, period.To); err != nil {
			return w.fail(err)
		}
	}
	if err := commit(f, w.path); err != nil {
		return w.fail(err)
	}
	w.done = true
	return nil
}

func (w *writer) writeDirectory(orgs []compact.Organisation) error {
	if len(orgs) == 0 {
		if err := os.Remove(w.dirPath); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(w.dirPath), "."+filepath.Base(w.dirPath)+".tmp-*")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "# Written by compact import with %s. Import again to refresh it; edits here are lost.\n", filepath.Base(w.path))
	fmt.Fprintf(bw, "apiVersion: compactkit/v1\nkind: Directory\nid: %s\norganisations:\n", w.id)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, o := range orgs {
		buf.Reset()
		if err := enc.Encode(o); err != nil {
			f.Close()
			os.Remove(f.Name())
			return err
		}
		bw.WriteString("- ")
		bw.Write(yamlSafe(buf.Bytes()))
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	return commit(f, w.dirPath)
}

// commit syncs, closes and renames a temporary file to its name, readable
// by all as a document file is; on error the temporary file is removed.
func commit(f *os.File, name string) error {
	err := f.Chmod(0o644)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("%w: %w", compact.ErrIO, err)
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("%w: %w", compact.ErrIO, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("%w: %w", compact.ErrIO, err)
	}
	return nil
}

func (w *writer) fail(err error) error {
	w.abort()
	return fmt.Errorf("%w: writing %s: %w", compact.ErrIO, w.path, err)
}

// abort removes the temporary file of an import that did not finish.
func (w *writer) abort() {
	if w.done {
		return
	}
	w.done = true
	w.f.Close()
	os.Remove(w.f.Name())
}

// yamlSafe escapes, in encoded JSON, the characters YAML does not allow
// raw in a document or reads as a line break (DEL, the C1 controls with
// NEL, the byte order mark, U+FFFE and U+FFFF), so that a record written
// as a JSON line reads back as the same value. They can only be inside
// strings, where \u escapes mean the same in JSON and YAML.
func yamlSafe(b []byte) []byte {
	if !slices.ContainsFunc(b, func(c byte) bool { return c >= 0x7f }) {
		return b
	}
	var out bytes.Buffer
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0xfeff || r == 0xfffe || r == 0xffff {
			fmt.Fprintf(&out, "\\u%04x", r)
		} else {
			out.Write(b[:n])
		}
		b = b[n:]
	}
	return out.Bytes()
}
