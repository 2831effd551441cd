package importer_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/importer"
)

const givingHeader = "Identifier,Title,Currency,Amount Awarded,Award Date,Planned Dates:Duration (months),Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Description\r\n"

// description fills each generated row as published descriptions do.
var description = strings.Repeat("Running community activities for older people across the borough. ", 2)

// writeGrants writes n generated 360Giving CSV rows (1,000 recipients).
func writeGrants(w *bufio.Writer, n int) error {
	if _, err := w.WriteString(givingHeader); err != nil {
		return err
	}
	for i := range n {
		fmt.Fprintf(w, "360G-gen-%d,Grant %d,GBP,%d,2024-%02d-%02d,12,GB-CHC-%07d,Charity %d,GB-LAE-GEN,Generated Council,%s\r\n",
			i, i, 100+i%5000, 1+i%12, 1+i%28, 1000000+i%1000, i%1000, description)
	}
	return w.Flush()
}

// TestMillionRowsStream imports a million-row CSV through a named pipe,
// which cannot be read twice or seeked, and checks the heap stays far
// below the size of the file (about 240 MB): rows stream from the source
// to the records file. What grows with the rows is an 8-byte hash of each
// record id, kept to refuse duplicates.
func TestMillionRowsStream(t *testing.T) {
	if testing.Short() || os.Getenv("COMPACTKIT_LONG") == "" {
		t.Skip("a million rows, about 240 MB through a pipe (minutes under -race): set COMPACTKIT_LONG=1 to run it")
	}
	const rows = 1_000_000
	// Collect garbage eagerly, so the heap in use is close to what is live.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	dir := t.TempDir()
	fifo := filepath.Join(dir, "grants.csv")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	var written atomic.Int64
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		cw := &countWriter{f: f, n: &written}
		_ = writeGrants(bufio.NewWriterSize(cw, 1<<16), rows)
	}()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	res, err := importer.Import(context.Background(), importer.Giving360, []string{fifo}, filepath.Join(dir, "area"))
	close(done)
	require.NoError(t, err)
	require.Equal(t, rows, res.Files[0].Records)
	require.Equal(t, 1001, res.Files[0].Organisations)
	require.Empty(t, res.Files[0].Problems)
	t.Logf("source %d MB, peak heap in use %d MB", written.Load()>>20, peak.Load()>>20)
	require.Greater(t, written.Load(), int64(200<<20))
	require.Less(t, peak.Load(), uint64(written.Load()/4), "the heap must stay well below the file's size")
}

type countWriter struct {
	f *os.File
	n *atomic.Int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.f.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// BenchmarkImportCSV imports generated 360Giving CSV rows; b.N rows.
func BenchmarkImportCSV(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "grants.csv")
	f, err := os.Create(path)
	require.NoError(b, err)
	require.NoError(b, writeGrants(bufio.NewWriter(f), b.N))
	require.NoError(b, f.Close())
	b.ResetTimer()
	res, err := importer.Import(context.Background(), importer.Giving360, []string{path}, filepath.Join(dir, "area"))
	require.NoError(b, err)
	require.Equal(b, b.N, res.Files[0].Records)
}
