package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	kirkleesArea = filepath.Join("..", "..", "examples", "kirklees")
	kentArea     = filepath.Join("..", "..", "examples", "kent")
	eventsDir    = filepath.Join("testdata", "dispute")
	// exampleKey signs the example cases: a public test key (see
	// dispute/testdata/README.md).
	exampleKey = filepath.Join("..", "..", "dispute", "testdata", "example-steering-group.key")
)

// exampleSteps are the event files the example cases were written from,
// in order, with the area they belong to.
var exampleSteps = map[string][]string{
	"kirklees": {"befriending-1-raised", "befriending-2-to-close", "transport-1-raised", "transport-2-to-review",
		"transport-3-reviewers", "transport-4-to-close", "grants-criteria-1-raised", "grants-criteria-2-admitted"},
	"kent": {"arts-grant-1-raised", "arts-grant-2-complaint", "arts-grant-3-stage-1", "arts-grant-4-stage-2"},
}

// copyArea copies an example area, less its cases and checkpoint log (its
// keys stay), into a temporary folder.
func copyArea(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if filepath.Base(filepath.Dir(path)) == "disputes" && d.Name() != "keys.yaml" {
			return nil // the cases and their log; the keys stay
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	require.NoError(t, err)
	return dst
}

// play opens and applies event files in an area through the CLI.
func play(t *testing.T, area, region string, steps []string) {
	t.Helper()
	for _, s := range steps {
		sub := "apply"
		if strings.HasSuffix(s, "-raised") {
			sub = "open"
		}
		code, _, stderr := compactRun("dispute", sub, "--key", exampleKey, area, filepath.Join(eventsDir, region, s+".yaml"))
		require.Equal(t, exitOK, code, "%s: %s", s, stderr)
	}
}

// withoutLeadingComments drops the comment lines a file starts with.
func withoutLeadingComments(s string) string {
	for strings.HasPrefix(s, "#") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return s
}

// TestExampleCasesAreWhatTheCommandWrites replays the event files through
// compact dispute open and apply, and compares the case files written with
// the examples: the examples can be rebuilt, and the command writes what
// people would write.
func TestExampleCasesAreWhatTheCommandWrites(t *testing.T) {
	for region, steps := range exampleSteps {
		t.Run(region, func(t *testing.T) {
			src := filepath.Join("..", "..", "examples", region)
			area := copyArea(t, src)
			play(t, area, region, steps)
			written, err := filepath.Glob(filepath.Join(area, "disputes", "*-*.yaml")) // the cases, not keys.yaml
			require.NoError(t, err)
			examples, err := filepath.Glob(filepath.Join(src, "disputes", "*-*.yaml"))
			require.NoError(t, err)
			require.Len(t, written, len(examples))
			for _, w := range written {
				got, err := os.ReadFile(w)
				require.NoError(t, err)
				want, err := os.ReadFile(filepath.Join(src, "disputes", filepath.Base(w)))
				require.NoError(t, err)
				assert.Equal(t, withoutLeadingComments(string(want)), string(got), filepath.Base(w))
			}
			got, err := os.ReadFile(filepath.Join(area, "disputes", "checkpoints.log"))
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join(src, "disputes", "checkpoints.log"))
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), "the checkpoint log")
		})
	}
}

func TestDisputeGolden(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{"show resolved informally", []string{"dispute", "show", "--as-of", "2014-03-31", kirkleesArea, "befriending-grant-ending-2014"}, exitOK, "show-befriending.txt"},
		{"show under review, as it was", []string{"dispute", "show", "--as-of", "2013-11-20", kirkleesArea, "community-transport-cut-2013"}, exitOK, "show-transport-review.txt"},
		{"show escalated", []string{"dispute", "show", "--as-of", "2014-03-31", kirkleesArea, "community-transport-cut-2013"}, exitOK, "show-transport.txt"},
		{"show json", []string{"dispute", "show", "--as-of", "2014-03-31", "--format", "json", kirkleesArea, "community-transport-cut-2013"}, exitOK, "show-transport.json"},
		{"show a complaint in working days", []string{"dispute", "show", "--as-of", "2013-04-18", kentArea, "arts-grant-reduction-2013"}, exitOK, "show-kent.txt"},
		{"show before it was raised", []string{"dispute", "show", "--as-of", "2013-01-01", kentArea, "arts-grant-reduction-2013"}, exitOK, "show-not-yet.txt"},
		{"due at the end of the year", []string{"dispute", "due", "--as-of", "2014-03-31", kirkleesArea}, exitOK, "due-kirklees.txt"},
		{"due under review", []string{"dispute", "due", "--as-of", "2013-11-20", kirkleesArea}, exitOK, "due-kirklees-review.txt"},
		{"due json", []string{"dispute", "due", "--as-of", "2014-03-31", "--format", "json", kirkleesArea}, exitOK, "due-kirklees.json"},
		{"overdue", []string{"dispute", "due", "--as-of", "2013-04-18", kentArea}, exitFindings, "due-kent-overdue.txt"},
		{"nothing due", []string{"dispute", "due", "--as-of", "2013-07-01", kentArea}, exitOK, "due-kent-nothing.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := compactRun(tt.args...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			assert.Empty(t, stderr)
			if strings.HasSuffix(tt.golden, ".json") {
				assert.True(t, json.Valid([]byte(stdout)), "valid JSON")
			}
			golden(t, filepath.Join("dispute", tt.golden), stdout)
		})
	}
}

// caseAtReview plays the transport case up to its reviewers in a copy of
// Kirklees, and returns the area and the case file.
func caseAtReview(t *testing.T) (area, file string) {
	t.Helper()
	area = copyArea(t, kirkleesArea)
	play(t, area, "kirklees", exampleSteps["kirklees"][2:5])
	return area, filepath.Join(area, "disputes", "community-transport-cut-2013.yaml")
}

// eventFile writes an event file for the transport case.
func eventFile(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "event.yaml")
	head := "apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: community-transport-cut-2013\n"
	require.NoError(t, os.WriteFile(path, []byte(head+body), 0o644))
	return path
}

func TestDisputeApply(t *testing.T) {
	t.Setenv(keyEnv, mustRead(t, exampleKey))
	area, file := caseAtReview(t)
	before, err := os.ReadFile(file)
	require.NoError(t, err)

	// A reviewer from the council's own service is refused; the file is untouched.
	refused := eventFile(t, "type: reviewer-nominated\nat: 2013-12-02T10:00:00Z\nactor: {person: sarah-whitworth}\nperson: mark-ellison\n")
	code, stdout, stderr := compactRun("dispute", "apply", area, refused)
	assert.Equal(t, exitFindings, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "compact dispute apply: "+file+": refused: reviewer-nominated refused (event 8, case review): reviewers come from "+
		"neither party; Mark Ellison works for Kirklees Council Communities and Leisure Service, which is part of Kirklees Council, a party\n"+
		"The case file is unchanged.\n", stderr)
	after, _ := os.ReadFile(file)
	assert.Equal(t, string(before), string(after))

	// The same as JSON.
	code, stdout, _ = compactRun("dispute", "apply", "--format", "json", area, refused)
	assert.Equal(t, exitFindings, code)
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	assert.Equal(t, true, out["refused"])
	assert.Equal(t, "condition not met", out["class"])
	assert.Equal(t, "person", out["field"])
	assert.EqualValues(t, 7, out["index"])

	// A recommendation with too few reviewers is refused until the second is nominated.
	code, _, stderr = compactRun("dispute", "apply", area, eventFile(t, "type: recommendation-issued\nat: 2014-01-20T12:00:00Z\n"+
		"actor: {person: ruth-bentley}\ntext: Confirm it in writing.\n"))
	assert.Equal(t, exitOK, code, "two reviewers were nominated: %s", stderr)

	// Several events in one file: all or nothing.
	both := eventFile(t, "type: note\nat: 2014-01-21T10:00:00Z\nactor: {person: pat-brearley}\ntext: Received.\n---\n"+
		"apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: community-transport-cut-2013\n"+
		"type: withdrawn\nat: 2014-01-22T10:00:00Z\nactor: {person: ruth-bentley}\n")
	before, _ = os.ReadFile(file)
	code, _, stderr = compactRun("dispute", "apply", area, both)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, stderr, "withdrawn refused (event 10, case review): only a party")
	after, _ = os.ReadFile(file)
	assert.Equal(t, string(before), string(after), "the note before the refused event is not written either")

	code, stdout, stderr = compactRun("dispute", "apply", area, eventFile(t, "type: escalated\nat: 2014-02-17T10:00:00Z\n"+
		"actor: {person: pat-brearley}\nto: Local Government Ombudsman\n"))
	assert.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "community-transport-cut-2013: event 9 escalated: escalated to Local Government Ombudsman\n"+
		"community-transport-cut-2013: at (c) National structures; written to "+file+"\n", stdout)

	code, _, stderr = compactRun("validate", area)
	assert.Equal(t, exitOK, code, stderr)
}

func TestDisputeOpen(t *testing.T) {
	t.Setenv(keyEnv, mustRead(t, exampleKey))
	area := copyArea(t, kirkleesArea)
	raised := filepath.Join(eventsDir, "kirklees", "transport-1-raised.yaml")
	code, stdout, stderr := compactRun("dispute", "open", area, raised)
	require.Equal(t, exitOK, code, stderr)
	file := filepath.Join(area, "disputes", "community-transport-cut-2013.yaml")
	assert.Contains(t, stdout, "written to "+file)
	before, _ := os.ReadFile(file)

	code, _, stderr = compactRun("dispute", "open", area, raised)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, stderr, `refused: case already exists: case "community-transport-cut-2013" is already in `)
	after, _ := os.ReadFile(file)
	assert.Equal(t, string(before), string(after))

	// --out, and JSON.
	out := filepath.Join(t.TempDir(), "case.json")
	other := copyArea(t, kirkleesArea)
	code, stdout, stderr = compactRun("dispute", "open", "--format", "json", "--out", out, other, raised)
	require.Equal(t, exitOK, code, stderr)
	var res map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &res))
	assert.Equal(t, out, res["file"])
	assert.Equal(t, "admissibility", res["phase"])
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, json.Valid(data), "a .json case file is JSON")

	// A raised event the procedure refuses.
	bad := filepath.Join(t.TempDir(), "raised.yaml")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(mustRead(t, raised), "actor: {person: pat-brearley}", "actor: {person: mark-ellison}", 1)), 0o644))
	code, _, stderr = compactRun("dispute", "open", copyArea(t, kirkleesArea), bad)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, stderr, "only the challenger (Spenborough Wheels Community Transport) may record raised")
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func TestDisputeTampered(t *testing.T) {
	area, file := caseAtReview(t)
	text := mustRead(t, file)
	require.NoError(t, os.WriteFile(file, []byte(strings.Replace(text, "person: james-holroyd", "person: david-okafor", 1)), 0o644))
	for _, args := range [][]string{
		{"dispute", "show", area, "community-transport-cut-2013"},
		{"dispute", "due", area},
		{"validate", area},
	} {
		code, _, stderr := compactRun(args...)
		assert.Equal(t, exitInvalid, code, args)
		assert.Contains(t, stderr, "community-transport-cut-2013.yaml:", args)
		assert.Contains(t, stderr, "events[6].hash: case community-transport-cut-2013: the hash of event 7 (reviewer-nominated) does not match", args)
	}
	code, _, stderr := compactRun("dispute", "apply", area, eventFile(t, "type: note\nat: 2014-01-21T10:00:00Z\nactor: {person: pat-brearley}\ntext: x\n"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "does not match")
	assert.Equal(t, strings.Replace(text, "person: james-holroyd", "person: david-okafor", 1), mustRead(t, file), "left as it was")
}

func TestDisputeUsage(t *testing.T) {
	area := kirkleesArea
	raised := filepath.Join(eventsDir, "kirklees", "transport-1-raised.yaml")
	later := filepath.Join(eventsDir, "kirklees", "transport-3-reviewers.yaml")
	mixed := filepath.Join(t.TempDir(), "mixed.yaml")
	require.NoError(t, os.WriteFile(mixed, []byte(mustRead(t, later)+"---\n"+strings.Replace(mustRead(t, filepath.Join(eventsDir, "kirklees", "grants-criteria-2-admitted.yaml")), "case: community-grants-criteria-2014", "case: another", 1)), 0o644))
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	require.NoError(t, os.WriteFile(broken, []byte("apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: x\ntype: notice\nat: 2014-01-01\nactor: {person: x}\n"), 0o644))
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr, or in stdout for a success
	}{
		{"no subcommand", []string{"dispute"}, exitUsage, "Usage: compact dispute SUBCOMMAND"},
		{"help", []string{"dispute", "--help"}, exitOK, "Subcommands:"},
		{"help via help", []string{"help", "dispute"}, exitOK, "open   open a case from a raised event file"},
		{"unknown subcommand", []string{"dispute", "close"}, exitUsage, `unknown subcommand "close"`},
		{"open help", []string{"dispute", "open", "--help"}, exitOK, "Usage: compact dispute open"},
		{"apply help", []string{"dispute", "apply", "--help"}, exitOK, "Either every event is accepted"},
		{"show help", []string{"dispute", "show", "--help"}, exitOK, "Usage: compact dispute show"},
		{"due help", []string{"dispute", "due", "--help"}, exitOK, "bank holidays of England and Wales"},
		{"open without an event", []string{"dispute", "open", area}, exitUsage, "give AREA (the area folder) and EVENT_FILE"},
		{"open with a later event", []string{"dispute", "open", area, later}, exitUsage, "must hold one event, of type raised"},
		{"apply a raised event", []string{"dispute", "apply", area, raised}, exitUsage, "a raised event opens a case: use compact dispute open"},
		{"apply to a case that is not there", []string{"dispute", "apply", copyArea(t, area), later}, exitUsage, `the area has no case "community-transport-cut-2013"`},
		{"events for two cases", []string{"dispute", "apply", area, mixed}, exitInvalid, `every event in a file is for the same case; this one is for "another"`},
		{"a broken event file", []string{"dispute", "apply", area, broken}, exitInvalid, `"notice" is not a event type; expected one of`},
		{"a missing event file", []string{"dispute", "apply", area, "no/such/file.yaml"}, exitInvalid, "no/such/file.yaml: invalid"},
		{"show without a case", []string{"dispute", "show", area}, exitUsage, "give AREA (the area folder) and CASE"},
		{"show a misspelt case", []string{"dispute", "show", area, "community-transport-cut-2014"}, exitUsage, `did you mean "community-transport-cut-2013"?`},
		{"show a bad date", []string{"dispute", "show", "--as-of", "20/11/2013", area, "x"}, exitUsage, "not a date written YYYY-MM-DD"},
		{"due with two areas", []string{"dispute", "due", area, area}, exitUsage, "give AREA (the area folder)"},
		{"an area with no procedure", []string{"dispute", "due", filepath.Join("..", "..", "examples", "lincolnshire-rutland")}, exitInvalid, "no dispute procedure"},
		{"an area that does not load", []string{"dispute", "due", "no/such/area"}, exitInvalid, "no/such/area: invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := compactRun(tt.args...)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", stdout, stderr)
			if code == exitOK {
				assert.Contains(t, stdout, tt.want)
			} else {
				assert.Contains(t, stderr, tt.want)
			}
		})
	}
}
