package rules

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/compactkit/compactkit/compact"
)

// SARIF (Static Analysis Results Interchange Format) 2.1.0 is the format
// code hosts read to show a checker's findings beside the lines they are
// about. WriteSARIF writes findings in it.
const (
	// SARIFVersion is the version of SARIF written.
	SARIFVersion = "2.1.0"
	// SARIFSchema is the published JSON Schema of SARIF 2.1.0, named in
	// the $schema of every log written.
	SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// SARIFRun is one area's check for [WriteSARIF]: the pack it was checked
// with and its findings, or the problems that stopped it being checked.
type SARIFRun struct {
	// Area names the area (its folder or file, as given).
	Area string
	// Pack is the resolved pack; nil when the area did not load or compile.
	Pack *Pack
	// Findings of the check. Only failures and rules that could not be
	// evaluated become SARIF results; passes and not-applicable outcomes
	// are counted in the run's properties.
	Findings Findings
	// Problems that stopped the check (see [compact.AsErrors]); each
	// becomes a tool execution notification at its position.
	Problems error
	// ToolVersion is the version of the program that checked, if known.
	ToolVersion string
}

// SARIF levels for each severity: a breach is an error, a warning a
// warning, advice a note.
var sarifLevels = map[Severity]string{Breach: "error", Warning: "warning", Advice: "note"}

// WriteSARIF writes a SARIF 2.1.0 log with one run per area. Each rule of
// a run's pack in force is a rule descriptor with its title, the
// commitments it enforces and its severity as default level; each failure
// is a result of kind "fail" at the level of its severity, and each rule
// that could not be evaluated a result of kind "review", both at the file,
// line and column of the subject. File names are written as relative
// URIs (forward slashes) when relative, and as file: URIs when absolute.
func WriteSARIF(w io.Writer, runs []SARIFRun) error {
	log := sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{}}
	for _, r := range runs {
		log.Runs = append(log.Runs, sarifRunOf(r))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func sarifRunOf(r SARIFRun) sarifRun {
	driver := sarifDriver{
		Name:           "compact",
		FullName:       "compactkit compact check",
		InformationURI: "https://compactkit.org",
		Version:        r.ToolVersion,
		Rules:          []sarifRule{},
	}
	index := map[string]int{}
	if r.Pack != nil {
		for _, pr := range r.Pack.Rules {
			if !pr.InForce() {
				continue
			}
			index[pr.ID] = len(driver.Rules)
			rule := sarifRule{
				ID:               pr.ID,
				ShortDescription: &sarifText{Text: orID(pr.Title, pr.ID)},
				DefaultConfig:    &sarifConfig{Level: sarifLevels[pr.Severity]},
				Properties:       map[string]any{"pack": pr.Pack, "on": pr.On, "enforces": nonNil(pr.Enforces)},
			}
			if pr.Notes != "" {
				rule.FullDescription = &sarifText{Text: strings.TrimSpace(pr.Notes)}
			}
			driver.Rules = append(driver.Rules, rule)
		}
	}
	run := sarifRun{
		Tool:              sarifTool{Driver: driver},
		AutomationDetails: &sarifAutomation{ID: "compact/check/" + filepath.ToSlash(r.Area) + "/"},
		Results:           []sarifResult{},
		ColumnKind:        "unicodeCodePoints",
	}
	inv := sarifInvocation{ExecutionSuccessful: r.Problems == nil}
	for _, e := range compact.AsErrors(r.Problems) {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.Error()}}
		if loc, ok := sarifLocationOf(e.Pos); ok {
			n.Locations = []sarifLocation{loc}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	run.Invocations = []sarifInvocation{inv}
	counts := map[Outcome]int{}
	for _, f := range r.Findings {
		counts[f.Outcome]++
		if f.Outcome != Fail && f.Outcome != Errored {
			continue
		}
		res := sarifResult{
			RuleID:     f.Rule,
			Kind:       "fail",
			Level:      sarifLevels[f.Severity],
			Message:    sarifText{Text: orID(f.Message, f.Rule+" fails on "+string(f.Kind)+" "+f.Subject)},
			Properties: map[string]any{"kind": f.Kind, "subject": f.Subject, "outcome": f.Outcome, "severity": f.Severity, "enforces": nonNil(f.Enforces)},
			PartialFingerprints: map[string]string{
				"compactkitFinding/v1": f.Rule + "/" + string(f.Kind) + "/" + f.Subject,
			},
		}
		if f.Organisation != "" {
			res.Properties["organisation"] = f.Organisation
		}
		if len(f.Values) > 0 {
			res.Properties["values"] = f.Values
		}
		if f.Outcome == Errored {
			res.Kind, res.Level = "review", "warning"
			res.Message.Text = f.Rule + " could not be evaluated on " + string(f.Kind) + " " + f.Subject + ": " + f.Error
		}
		if i, ok := index[f.Rule]; ok {
			res.RuleIndex = &i
		}
		if loc, ok := sarifLocationOf(f.Source); ok {
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	run.Properties = map[string]any{"area": r.Area, "outcomes": map[string]int{
		string(Pass): counts[Pass], string(Fail): counts[Fail], string(NotApplicable): counts[NotApplicable], string(Errored): counts[Errored],
	}}
	if r.Pack != nil {
		run.Properties["pack"] = r.Pack.ID
		run.Properties["chain"] = r.Pack.Chain
	}
	return run
}

// sarifLocationOf turns a position into a SARIF location; false when it
// names no file.
func sarifLocationOf(p compact.Position) (sarifLocation, bool) {
	if p.File == "" {
		return sarifLocation{}, false
	}
	phys := &sarifPhysical{Artifact: sarifArtifact{URI: sarifURI(p.File)}}
	if p.Line > 0 {
		phys.Region = &sarifRegion{StartLine: p.Line}
		if p.Column > 0 {
			phys.Region.StartColumn = p.Column
		}
	}
	return sarifLocation{Physical: phys}, true
}

// sarifURI is a file name as a URI reference: forward slashes, each
// segment escaped; an absolute name becomes a file: URI.
func sarifURI(name string) string {
	slashed := filepath.ToSlash(filepath.Clean(name))
	parts := strings.Split(slashed, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	u := strings.Join(parts, "/")
	if filepath.IsAbs(name) {
		if !strings.HasPrefix(u, "/") {
			u = "/" + u // a Windows drive letter
		}
		return "file://" + u
	}
	return u
}

func orID(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// The SARIF objects written; field names are SARIF's.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool              sarifTool         `json:"tool"`
		Invocations       []sarifInvocation `json:"invocations,omitempty"`
		AutomationDetails *sarifAutomation  `json:"automationDetails,omitempty"`
		Results           []sarifResult     `json:"results"`
		ColumnKind        string            `json:"columnKind,omitempty"`
		Properties        map[string]any    `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		FullName       string      `json:"fullName,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string         `json:"id"`
		ShortDescription *sarifText     `json:"shortDescription,omitempty"`
		FullDescription  *sarifText     `json:"fullDescription,omitempty"`
		DefaultConfig    *sarifConfig   `json:"defaultConfiguration,omitempty"`
		Properties       map[string]any `json:"properties,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifAutomation struct {
		ID string `json:"id"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           *int              `json:"ruleIndex,omitempty"`
		Kind                string            `json:"kind"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
		Properties          map[string]any    `json:"properties,omitempty"`
	}
	sarifLocation struct {
		Physical *sarifPhysical `json:"physicalLocation,omitempty"`
	}
	sarifPhysical struct {
		Artifact sarifArtifact `json:"artifactLocation"`
		Region   *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)
