package importer

import (
	"fmt"
	"io"
	"os"

	"github.com/compactkit/compactkit/compact"
)

// readLimitedFile reads a whole file of at most limit bytes.
func readLimitedFile(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrIO, Msg: err.Error()}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrIO, Msg: err.Error()}}
	}
	if int64(len(data)) > limit {
		return nil, compact.Errors{{Pos: compact.Position{File: name}, Err: compact.ErrLimit,
			Msg: fmt.Sprintf("file is larger than %d bytes, the limit for a JSON source", limit)}}
	}
	return data, nil
}
