package examples_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmeSnippet is a Go block in the README, with the example it comes from.
var readmeSnippet = regexp.MustCompile("(?s)<!-- example: ([^ ]+) ([A-Za-z_]+) -->\n```go\n(.*?)```\n")

// TestReadmeSnippetsAreCompiledExamples checks that every Go block in the
// README is, line for line, the part between "// README begin" and
// "// README end" of the Example function it names, so the README shows
// code that compiles and runs (go test runs the Examples and checks their
// output).
func TestReadmeSnippetsAreCompiledExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	text := string(readme)
	blocks := strings.Count(text, "```go\n")
	found := readmeSnippet.FindAllStringSubmatch(text, -1)
	require.Len(t, found, blocks, "every Go block in the README names its example: <!-- example: FILE ExampleName -->")
	require.NotEmpty(t, found)
	for _, m := range found {
		file, name, snippet := m[1], m[2], m[3]
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(file)))
			require.NoError(t, err)
			s := string(src)
			start := strings.Index(s, "\nfunc "+name+"() {\n")
			require.GreaterOrEqual(t, start, 0, "%s has func %s", file, name)
			body := s[start:]
			body = body[:strings.Index(body, "\n}\n")]
			begin := strings.Index(body, "\t// README begin\n")
			end := strings.Index(body, "\t// README end\n")
			require.True(t, begin >= 0 && end > begin, "%s marks the README part with // README begin and // README end", name)
			var want strings.Builder
			for _, line := range strings.SplitAfter(body[begin+len("\t// README begin\n"):end], "\n") {
				want.WriteString(strings.TrimPrefix(line, "\t"))
			}
			require.Equal(t, want.String(), snippet, "the README's snippet from %s %s", file, name)
		})
	}
}
