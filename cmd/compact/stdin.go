package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/compactkit/compactkit/compact"
	"github.com/compactkit/compactkit/plan"
)

// stdin is what a file argument of "-" reads: standard input. Tests set it.
var stdin io.Reader = os.Stdin

// stdinName is standard input's name in positions and messages
// (<stdin>:3:5), for a file argument of "-".
const stdinName = "<stdin>"

// inputName is how messages name a file argument: the path, or <stdin>
// for "-".
func inputName(path string) string {
	if path == "-" {
		return stdinName
	}
	return path
}

// readInput reads a file argument whole: the file, or standard input for
// "-", which must hold at most compact.MaxFileBytes, the limit for a file.
func readInput(path string) ([]byte, error) {
	if path != "-" {
		return os.ReadFile(path)
	}
	data, err := io.ReadAll(io.LimitReader(stdin, compact.MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", stdinName, err)
	}
	if len(data) > compact.MaxFileBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes, the limit for one file", compact.ErrLimit, stdinName, compact.MaxFileBytes)
	}
	return data, nil
}

// parseEvent is parseExactly for a dispute command that takes AREA and
// EVENT_FILE, signing with the key in the --key file keyFile: it stops too
// when both would be read from standard input (see oneStdin).
func (c *cli) parseEvent(fs *flag.FlagSet, args []string, keyFile *string, want string) ([]string, int) {
	pos, code := c.parseExactly(fs, args, 2, want)
	if code < 0 {
		code = c.oneStdin(fs, *keyFile, pos[1])
	}
	if code >= 0 {
		return nil, code
	}
	return pos, -1
}

// oneStdin refuses --key - with an EVENT_FILE of - (standard input can be
// read once): it returns exitUsage after saying so, or -1 to go on.
func (c *cli) oneStdin(fs *flag.FlagSet, keyFile, eventFile string) int {
	if keyFile == "-" && eventFile == "-" {
		return c.usageError(fs, "--key - and an EVENT_FILE of - both read standard input; give one of them as a file")
	}
	return -1
}

// readDocuments reads the documents in a file argument: compact.ReadFile
// for a path, compact.Parse of standard input for "-".
func readDocuments(path string) ([]*compact.Document, error) {
	if path != "-" {
		return compact.ReadFile(path)
	}
	data, err := readInput(path)
	if errors.Is(err, compact.ErrLimit) {
		return nil, compact.Errors{{Pos: compact.Position{File: stdinName}, Err: compact.ErrLimit, Msg: err.Error()}}
	} else if err != nil {
		return nil, compact.Errors{{Pos: compact.Position{File: stdinName}, Err: compact.ErrIO, Msg: err.Error(), Cause: err}}
	}
	return compact.Parse(stdinName, data)
}

// readDraft is plan.ReadDraft, reading standard input for "-".
func readDraft(path string, area *compact.Area) (*plan.Draft, error) {
	if path != "-" {
		return plan.ReadDraft(path, area)
	}
	docs, err := readDocuments(path)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, compact.Errors{{Pos: compact.Position{File: stdinName}, Err: compact.ErrValue,
			Msg: fmt.Sprintf("a draft file holds one Draft document; this one holds %d", len(docs))}}
	}
	return plan.DecodeDraft(docs[0], area)
}

// fmtStdin is compact fmt -: the document on standard input laid out on
// standard output; with check, nothing but "<stdin>: not formatted" (exit
// 1) when it is not laid out so.
func (c *cli) fmtStdin(check bool) int {
	data, err := readInput("-")
	var out []byte
	if err == nil {
		out, err = compact.Format(stdinName, data)
	}
	switch {
	case err != nil && len(compact.AsErrors(err)) > 0:
		c.printProblems(err)
		return exitInvalid
	case err != nil:
		fmt.Fprintf(c.stderr, "compact fmt: %v\n", err)
		return exitInvalid
	case check && !bytes.Equal(out, data):
		fmt.Fprintf(c.stdout, "%s: not formatted\n", stdinName)
		return exitFindings
	case check:
		return exitOK
	}
	_, _ = c.stdout.Write(out) // run reports a failed write
	return exitOK
}
