package dispute

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/internal/docfmt"
)

// The checkpoint log. A case file can be rewritten whole by whoever can
// write it: its last events removed, or an older copy put back. Its hash
// chain and signatures still verify. So every change to a case also
// appends the case's new head to a log beside the case files, which no
// case file can rewrite: checkpoints.log, one line a change,
//
//	v1 SEQ CASE EVENTS HEAD PREV KEY SIG
//
// separated by single spaces: SEQ the line's number from 1; CASE the case
// id; EVENTS how many events the case has; HEAD the hash of its last
// event; PREV "sha256:" and the hex SHA-256 of the line before (its bytes
// without the newline), or "-" on the first line; KEY the id of the key
// that signed the line and SIG "ed25519:" and the base64 of the Ed25519
// signature of
//
//	"compactkit/v1 dispute checkpoint" NUL LINE NUL
//
// where LINE is the line up to, not including, the space before SIG. KEY
// and SIG are "-" in an area that does not sign its events. The log is
// append-only: lines are added, never changed, so removing or changing a
// line breaks the PREV chain of the line after it. [Procedure.Verify]
// checks every case against the last line for it.

// CheckpointFile is the name of the checkpoint log, in the folder of the
// case files it anchors.
const CheckpointFile = "checkpoints.log"

// checkpointDomain starts the message of every checkpoint signature.
const checkpointDomain = "compactkit/v1 dispute checkpoint"

// checkpointVersion starts every line of the log.
const checkpointVersion = "v1"

// Checkpoint is one line of a checkpoint log: the head of a case after a
// change.
type Checkpoint struct {
	// Seq is the line's number, from 1.
	Seq int `json:"seq"`
	// Case is the id of the case.
	Case string `json:"case"`
	// Events is how many events the case had.
	Events int `json:"events"`
	// Head is the hash of its last event.
	Head string `json:"head"`
	// Prev is the hash of the line before, or "-".
	Prev string `json:"prev"`
	// Key is the id of the key that signed the line, or "-".
	Key string `json:"key"`
	// Sig is the signature, or "-".
	Sig string `json:"sig"`
}

// body is the line without its signature: what the signature signs.
func (c *Checkpoint) body() string {
	return strings.Join([]string{checkpointVersion, strconv.Itoa(c.Seq), c.Case, strconv.Itoa(c.Events), c.Head, c.Prev, c.Key}, " ")
}

// String writes the checkpoint as a line of the log, without the newline.
func (c *Checkpoint) String() string { return c.body() + " " + c.Sig }

// CheckpointMessage returns the bytes a checkpoint line's signature signs,
// given the line up to, not including, the space before its signature.
func CheckpointMessage(body string) []byte {
	return []byte(checkpointDomain + "\x00" + body + "\x00")
}

// lineHash is the PREV of the line after a line.
func lineHash(line string) string {
	sum := sha256.Sum256([]byte(line))
	return hashPrefix + hex.EncodeToString(sum[:])
}

// ParseCheckpoints reads a checkpoint log and checks its chain of PREV
// hashes. A malformed line, or one whose PREV does not match the line
// before, is [compact.Errors] naming the file and line, of class
// ErrCheckpoint. Signatures are checked by [Procedure.Verify], which knows
// the area's keys.
func ParseCheckpoints(file string, data []byte) ([]Checkpoint, error) {
	var out []Checkpoint
	errAt := func(line int, format string, args ...any) error {
		return compact.Errors{{Pos: compact.Position{File: file, Line: line, Column: 1}, Err: ErrCheckpoint, Msg: fmt.Sprintf(format, args...)}}
	}
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		return nil, errAt(strings.Count(text, "\n")+1, "the last line of the checkpoint log is cut short: a write was interrupted, or the log was edited")
	}
	prev := "-"
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if text == "" {
			break
		}
		f := strings.Split(line, " ")
		if len(f) != 8 || f[0] != checkpointVersion {
			return nil, errAt(i+1, "a checkpoint line is %s SEQ CASE EVENTS HEAD PREV KEY SIG, separated by single spaces", checkpointVersion)
		}
		seq, err1 := strconv.Atoi(f[1])
		n, err2 := strconv.Atoi(f[3])
		c := Checkpoint{Seq: seq, Case: f[2], Events: n, Head: f[4], Prev: f[5], Key: f[6], Sig: f[7]}
		switch {
		case err1 != nil || seq != i+1:
			return nil, errAt(i+1, "line %d is numbered %s: lines were removed or inserted", i+1, f[1])
		case err2 != nil || n < 1 || !docfmt.ValidID(c.Case):
			return nil, errAt(i+1, "a checkpoint names a valid case id and a number of events from 1")
		case c.Prev != prev:
			return nil, errAt(i+1, "the line does not follow the line before it (its PREV is %s, not %s): the log was changed", c.Prev, prev)
		}
		out = append(out, c)
		prev = lineHash(line)
	}
	return out, nil
}

// checkpoint appends the head of c, whose file is at path, to the
// checkpoint log beside it, signed with s (nil in an area that does not
// sign). It holds the log's lock; the log is replaced atomically.
func (p *Procedure) checkpoint(ctx context.Context, path string, c *Case, s *Signer) error {
	log := filepath.Join(filepath.Dir(path), CheckpointFile)
	l, err := lock(ctx, log, p.wait)
	if err != nil {
		return err
	}
	defer l.unlock()
	removeTemps(log)
	data, err := readLimited(log)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	lines, err := ParseCheckpoints(log, data)
	if err != nil {
		return err
	}
	cp := Checkpoint{Seq: len(lines) + 1, Case: c.id, Events: c.Len(), Head: c.Head(), Prev: "-", Key: "-", Sig: "-"}
	if n := len(lines); n > 0 {
		cp.Prev = lineHash(lines[n-1].String())
	}
	if s != nil {
		cp.Key = s.id
		cp.Sig = s.signBytes(CheckpointMessage(cp.body()))
	}
	out := append(slices.Clone(data), cp.String()+"\n"...)
	return writeAtomic(log, out, 0o644, p.hooks)
}

// CaseHead is where a case stands against its checkpoint log, as
// [Procedure.Verify] found it.
type CaseHead struct {
	// Case is the id of the case.
	Case string `json:"case"`
	// File is the case file.
	File string `json:"file"`
	// Events is how many events the case file has.
	Events int `json:"events"`
	// Head is the hash of its last event.
	Head string `json:"head"`
	// Checkpoint is the last line of the log for the case (0 for none).
	Checkpoint int `json:"checkpoint"`
}

// Verify checks every case of the area against the checkpoint log beside
// its file, and the logs in dirs too (the area's disputes folder, so a
// case whose file is gone is found). For each case it reports, as
// [compact.Errors] of class ErrCheckpoint naming the case and the log line:
//
//   - a case with fewer events than its last checkpoint (its last events
//     removed, or an older copy put back), or whose event at the
//     checkpoint's place is not the checkpoint's head (rewritten);
//   - events after the last checkpoint (written by something that does not
//     keep the log);
//   - a case in a log whose file is gone, or empty;
//   - a log line changed, removed or inserted, or whose signature does not
//     verify; an unsigned line in an area that signs.
//
// A case that does not load is reported as [Procedure.Cases] reports it.
// An area that signs its events must have a log beside its cases; one that
// does not may do without. The heads are returned in file order.
func (p *Procedure) Verify(ctx context.Context, dirs ...string) ([]CaseHead, error) {
	var errs compact.Errors
	var heads []CaseHead
	byDir := map[string][]*compact.Document{}
	if p.keys != nil && p.keys.doc.File() != "" {
		// The keys document lives with the cases: a log there is checked
		// even when every case file is gone.
		if dir := filepath.Dir(p.keys.doc.File()); !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	for _, d := range p.area.DocumentsOf(compact.KindDispute) {
		dir := filepath.Dir(d.File())
		if !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
		byDir[dir] = append(byDir[dir], d)
	}
	for _, dir := range dirs {
		log := filepath.Join(dir, CheckpointFile)
		data, err := readLimited(log)
		if errors.Is(err, fs.ErrNotExist) {
			if p.keys != nil && len(byDir[dir]) > 0 {
				errs = append(errs, &compact.Error{Pos: compact.Position{File: log}, Err: ErrCheckpoint,
					Msg: "the area signs its dispute events but has no checkpoint log beside its cases: truncation and rollback cannot be detected"})
			}
			data = nil
		} else if err != nil {
			errs = append(errs, &compact.Error{Pos: compact.Position{File: log}, Err: compact.ErrIO, Msg: err.Error()})
			continue
		}
		lines, err := ParseCheckpoints(log, data)
		if err != nil {
			errs = append(errs, compact.AsErrors(err)...)
			continue
		}
		errs = append(errs, p.verifyLines(log, lines)...)
		last := map[string]Checkpoint{}
		for _, c := range lines {
			last[c.Case] = c
		}
		seen := map[string]bool{}
		for _, d := range byDir[dir] {
			c, err := p.Decode(ctx, d)
			if err != nil {
				errs = append(errs, compact.AsErrors(err)...)
				continue
			}
			seen[c.ID()] = true
			cp, ok := last[c.ID()]
			h := CaseHead{Case: c.ID(), File: d.File(), Events: c.Len(), Head: c.Head(), Checkpoint: cp.Seq}
			heads = append(heads, h)
			if !ok {
				if len(lines) > 0 || p.keys != nil {
					errs = append(errs, d.Errorf("events", ErrCheckpoint, "case %s is not in the checkpoint log %s: it was not written by compact dispute, or its lines were removed", c.ID(), log))
				}
				continue
			}
			if msg := compareHead(c, cp); msg != "" {
				errs = append(errs, d.Errorf("events", ErrCheckpoint, "case %s: %s (checkpoint log %s, line %d)", c.ID(), msg, log, cp.Seq))
			}
		}
		for _, c := range lines {
			if !seen[c.Case] && last[c.Case].Seq == c.Seq {
				errs = append(errs, &compact.Error{Pos: compact.Position{File: log, Line: c.Seq, Column: 1}, Err: ErrCheckpoint,
					Msg: fmt.Sprintf("case %s is in the checkpoint log with %d events, but its case file is gone or holds no case", c.Case, c.Events)})
			}
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *compact.Error) int {
			if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
				return c
			}
			return a.Pos.Line - b.Pos.Line
		})
		return heads, errs
	}
	return heads, nil
}

// compareHead says how a case differs from its last checkpoint, or "".
func compareHead(c *Case, cp Checkpoint) string {
	entries := c.entries
	switch {
	case len(entries) < cp.Events:
		return fmt.Sprintf("the case has %d events, but the checkpoint log recorded %d: its last events were removed, or an older copy was put back",
			len(entries), cp.Events)
	case entries[cp.Events-1].Hash != cp.Head:
		return fmt.Sprintf("event %d is not the one the checkpoint log recorded (head %s): the case was rewritten, or an older copy was put back",
			cp.Events, cp.Head)
	case len(entries) > cp.Events:
		return fmt.Sprintf("events %d to %d are not in the checkpoint log: they were written by something that does not keep it",
			cp.Events+1, len(entries))
	}
	return ""
}

// verifyLines checks the signatures of a log's lines.
func (p *Procedure) verifyLines(log string, lines []Checkpoint) compact.Errors {
	var errs compact.Errors
	bad := func(c Checkpoint, format string, args ...any) {
		errs = append(errs, &compact.Error{Pos: compact.Position{File: log, Line: c.Seq, Column: 1}, Err: ErrCheckpoint, Msg: fmt.Sprintf(format, args...)})
	}
	signed := false
	for _, c := range lines {
		if c.Key == "-" && c.Sig == "-" {
			// Lines from before the area signed are kept; after a signed
			// line, every line is signed.
			if signed {
				bad(c, "the checkpoint of case %s is not signed, though a line before it is", c.Case)
			}
			continue
		}
		signed = true
		_, pub, ok := p.keys.key(c.Key)
		switch {
		case !ok:
			bad(c, "the checkpoint is signed with key %q, which the area's keys document does not list", c.Key)
		case !verifySig(pub, CheckpointMessage(c.body()), c.Sig):
			bad(c, "the checkpoint's signature does not verify with key %s: the line was changed", c.Key)
		}
	}
	return errs
}
