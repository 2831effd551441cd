package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/compactkit/compactkit/dispute"
)

// copyWhole copies an example area with its cases and checkpoint log.
func copyWhole(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	return dst
}

// TestNominationEditKeepsCasesLoading: adding an end date to the
// nomination of the steering-group member who admitted every Kirklees case
// leaves every case, validate and report loadable, with a warning naming
// the event.
func TestNominationEditKeepsCasesLoading(t *testing.T) {
	area := copyWhole(t, kirkleesArea)
	records := filepath.Join(area, "records.yaml")
	text := mustRead(t, records)
	edited := strings.Replace(text, "    person: sarah-whitworth\n    from: 2012-10-01\n", "    person: sarah-whitworth\n    from: 2012-10-01\n    to: 2013-09-01\n", 1)
	require.NotEqual(t, text, edited)
	require.NoError(t, os.WriteFile(records, []byte(edited), 0o644))

	warning := `: event 2 \(admitted\): today's data contradicts this event, which was accepted when it was recorded: Sarah Whitworth does not hold the role steering-group-member on `
	code, _, stderr := compactRun("validate", area)
	assert.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `warning: .*community-transport-cut-2013\.yaml:\d+:\d+`+warning+`2013-09-26`, stderr)
	assert.Equal(t, 6, strings.Count(stderr, "warning: "), "one for each event Sarah Whitworth recorded as a steering-group member: 1, 1 and 4")
	code, _, stderr = compactRun("report", "--period", "2013-04-01..2014-03-31", area)
	assert.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `compact report: warning: .*befriending-grant-ending-2014\.yaml:\d+:\d+`+warning+`2014-02-06`, stderr)
	code, _, stderr = compactRun("dispute", "verify", area)
	assert.Equal(t, exitOK, code, stderr)
	for _, id := range []string{"befriending-grant-ending-2014", "community-transport-cut-2013", "community-grants-criteria-2014"} {
		code, stdout, stderr := compactRun("dispute", "show", "--as-of", "2014-03-31", area, id)
		assert.Equal(t, exitOK, code, stderr)
		assert.Regexp(t, `WARNING: .*`+id+`\.yaml:\d+:\d+: event 2 \(admitted\): today's data contradicts this event, which was accepted when it was recorded: `+
			`Sarah Whitworth does not hold the role steering-group-member on `, stdout, id)
	}
	code, _, stderr = compactRun("dispute", "due", "--as-of", "2014-03-31", area)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "compact dispute due: WARNING: ")
}

// TestRespondentCannotRuleOnAdmissibility: in the Kirklees example, a
// steering-group member from the respondent council may not admit a case.
func TestRespondentCannotRuleOnAdmissibility(t *testing.T) {
	t.Setenv(keyEnv, mustRead(t, exampleKey))
	area := copyArea(t, kirkleesArea)
	play(t, area, "kirklees", exampleSteps["kirklees"][:1])
	ev := filepath.Join(t.TempDir(), "admit.yaml")
	require.NoError(t, os.WriteFile(ev, []byte("apiVersion: compactkit/v1\nkind: DisputeEvent\ncase: befriending-grant-ending-2014\n"+
		"type: admitted\nat: 2014-02-06T16:00:00Z\nactor: {person: mark-ellison, role: steering-group-member}\n"), 0o644))
	code, _, stderr := compactRun("dispute", "apply", area, ev)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, stderr, "admitted refused (event 2, case admissibility): whoever rules on admissibility comes from neither party; "+
		"Mark Ellison is of Kirklees Council Communities and Leisure Service, which is part of Kirklees Council, a party (the respondent)")
}

func TestDisputeVerify(t *testing.T) {
	area := copyWhole(t, kirkleesArea)
	code, stdout, stderr := compactRun("dispute", "verify", area)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "kirklees: 3 cases match the checkpoint log\n")
	assert.Contains(t, stdout, "  community-transport-cut-2013: 13 events, head sha256:")

	// The last event removed: the chain and signatures still verify, the checkpoint does not.
	file := filepath.Join(area, "disputes", "community-transport-cut-2013.yaml")
	text := mustRead(t, file)
	require.NoError(t, os.WriteFile(file, []byte(text[:strings.LastIndex(text, "\n  - type: ")+1]), 0o644))
	code, _, stderr = compactRun("dispute", "show", "--as-of", "2014-03-31", area, "community-transport-cut-2013")
	assert.Equal(t, exitOK, code, "the case alone cannot tell: %s", stderr)
	for _, args := range [][]string{{"dispute", "verify", area}, {"validate", area}} {
		code, _, stderr = compactRun(args...)
		assert.Equal(t, exitInvalid, code, args)
		assert.Contains(t, stderr, "case community-transport-cut-2013: the case has 12 events, but the checkpoint log recorded 13", args)
	}
	code, stdout, _ = compactRun("dispute", "verify", "--format", "json", area)
	assert.Equal(t, exitInvalid, code)
	assert.True(t, json.Valid([]byte(stdout)))
}

// TestDisputeForged: an event edited and every hash recomputed is caught
// by its signature.
func TestDisputeForged(t *testing.T) {
	area := copyWhole(t, kirkleesArea)
	file := filepath.Join(area, "disputes", "community-transport-cut-2013.yaml")
	p := kirkleesProcedure(t, area)
	c, err := p.Load(t.Context(), file)
	require.NoError(t, err)
	es := c.Entries()
	es[3].Text = "The council is sorry and restores the grant."
	for i := 3; i < len(es); i++ {
		es[i].Hash, _ = dispute.HashEvent(c.ID(), es[i-1].Hash, &es[i].Event)
	}
	data, err := json.Marshal(map[string]any{"apiVersion": "compactkit/v1", "kind": "Dispute", "id": c.ID(), "events": es})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, data, 0o644))
	code, _, stderr := compactRun("dispute", "show", area, "community-transport-cut-2013")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "event 4 (responded): the signature does not verify with key example-steering-group-test-key")
}

func TestKeysNew(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sg.key")
	code, stdout, stderr := compactRun("keys", "new", "--id", "steering-group-2026", "--body", "steering-group", "--from", "2026-12-01", "--out", out)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Private key written to "+out+": keep it secret, and out of the area.")
	assert.Regexp(t, `  - id: steering-group-2026\n    body: steering-group\n    publicKey: ed25519:[A-Za-z0-9+/=]{44}\n    from: 2026-12-01\n`, stdout)
	info, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm())
	s, err := dispute.ParseSigner([]byte(mustRead(t, out)))
	require.NoError(t, err)
	assert.Contains(t, stdout, s.Public())

	code, _, stderr = compactRun("keys", "new", "--id", "x", "--body", "b", "--out", out)
	assert.Equal(t, exitCannotWrite, code)
	assert.Contains(t, stderr, "a key file is never overwritten")
	code, _, _ = compactRun("keys", "new", "--id", "x", "--out", out+"2")
	assert.Equal(t, exitUsage, code, "a holder is needed")
}

// TestDisputeAsOfDefaultsToToday: without --as-of, dispute commands look
// from today, and due counts only the cases raised by then.
func TestDisputeAsOfDefaultsToToday(t *testing.T) {
	defer func(c func() time.Time) { clock = c }(clock)
	clock = func() time.Time { return time.Date(2013, 11, 20, 12, 0, 0, 0, time.UTC) }
	_, byDefault, _ := compactRun("dispute", "due", kirkleesArea)
	_, given, _ := compactRun("dispute", "due", "--as-of", "2013-11-20", kirkleesArea)
	assert.Equal(t, given, byDefault)
	assert.Contains(t, byDefault, "Due on 2013-11-20 in kirklees (1 case)")

	_, shown, _ := compactRun("dispute", "show", kirkleesArea, "community-transport-cut-2013")
	assert.Contains(t, shown, "7 events to 2013-11-20 (6 later left out)")
}

func kirkleesProcedure(t *testing.T, area string) *dispute.Procedure {
	t.Helper()
	a, err := (&areaFlags{}).load(area)
	require.NoError(t, err)
	p, err := dispute.New(a)
	require.NoError(t, err)
	return p
}

// TestDisputeSeal: cases written before the area signed load with a
// warning; compact dispute seal signs them forward and checkpoints them.
func TestDisputeSeal(t *testing.T) {
	area := copyArea(t, kirkleesArea)
	keys := filepath.Join(area, "disputes", "keys.yaml")
	text := mustRead(t, keys)
	require.NoError(t, os.Remove(keys))
	for _, s := range exampleSteps["kirklees"][2:6] {
		sub := map[bool]string{true: "open", false: "apply"}[strings.HasSuffix(s, "-raised")]
		code, _, stderr := compactRun("dispute", sub, area, filepath.Join(eventsDir, "kirklees", s+".yaml"))
		require.Equal(t, exitOK, code, "unsigned, before the area signs: %s", stderr)
	}
	// The area starts signing in 2026, with the example key.
	text = strings.Replace(text, "signedBy: body\n", "signedBy: body\nsigningFrom: 2026-01-01\n", 1)
	text = strings.Replace(text, "from: 2012-10-01", "from: 2026-01-01", 1)
	require.NoError(t, os.WriteFile(keys, []byte(text), 0o644))

	code, stdout, stderr := compactRun("dispute", "show", "--as-of", "2014-03-31", area, "community-transport-cut-2013")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "13 events; hash chain verified; not signed; head ")
	assert.Contains(t, stdout, "WARNING: ")
	assert.Contains(t, stdout, "13 of the case's 13 events were written before signing and are not signed")

	code, _, stderr = compactRun("dispute", "seal", "--key", exampleKey, "--on", "2025-12-31", area, "community-transport-cut-2013")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, stderr, "key example-steering-group-test-key is valid from 2026-01-01, not on 2025-12-31")

	code, stdout, stderr = compactRun("dispute", "seal", "--key", exampleKey, "--on", "2026-12-02", area, "community-transport-cut-2013")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "community-transport-cut-2013: 13 events sealed with key example-steering-group-test-key; head ")
	code, stdout, stderr = compactRun("dispute", "show", "--as-of", "2014-03-31", area, "community-transport-cut-2013")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "13 events; hash chain and signatures verified; head ")
	assert.NotContains(t, stdout, "WARNING")
	code, _, stderr = compactRun("dispute", "verify", area)
	assert.Equal(t, exitOK, code, stderr)
	code, _, stderr = compactRun("validate", area)
	assert.Equal(t, exitOK, code, stderr)
}
