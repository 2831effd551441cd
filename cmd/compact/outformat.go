package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// formatExtensions maps a file extension of -o FILE to the --format value
// it stands for. A command uses the entries whose format it offers.
var formatExtensions = map[string]string{
	".md":       "md",
	".markdown": "md",
	".html":     "html",
	".htm":      "html",
	".json":     "json",
	".csv":      "csv",
	".txt":      "text",
	".sarif":    "sarif",
	".xml":      "junit",
	".tap":      "tap",
}

// extensionsFor lists the extensions that name one of the allowed formats,
// for help texts: ".md (md), .html (html) ...".
func extensionsFor(allowed []string) string {
	var exts []string
	for ext, f := range formatExtensions {
		if slices.Contains(allowed, f) {
			exts = append(exts, ext)
		}
	}
	sort.Slice(exts, func(i, j int) bool {
		fi, fj := slices.Index(allowed, formatExtensions[exts[i]]), slices.Index(allowed, formatExtensions[exts[j]])
		if fi != fj {
			return fi < fj
		}
		return exts[i] < exts[j]
	})
	for i, e := range exts {
		exts[i] = e + " (" + formatExtensions[e] + ")"
	}
	return strings.Join(exts, ", ")
}

// addOutput adds -o FILE to a command whose --format is f. The help names
// the extensions that choose a format.
func addOutput(fs *flag.FlagSet, f *formatFlag, what string) *string {
	return fs.String("o", "", fmt.Sprintf("write %s to this `FILE` instead of standard output; its extension chooses the format: %s", what, extensionsFor(f.allowed)))
}

// resolveOutputFormat settles the format of a command with -o FILE: the
// extension of FILE chooses it when --format is not given, and a --format
// that contradicts the extension is a usage error. An extension that names
// no format the command offers leaves --format (or its default) in force,
// so "-o report" or "-o notes.log" still work. It returns the error
// sentence for the caller's usageError, or "".
func resolveOutputFormat(fs *flag.FlagSet, f *formatFlag, file string) string {
	if file == "" || file == "-" {
		return ""
	}
	ext := strings.ToLower(filepath.Ext(file))
	byExt, known := formatExtensions[ext]
	if known && !slices.Contains(f.allowed, byExt) {
		known = false
	}
	set := false
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == "format" {
			set = true
		}
	})
	switch {
	case !known && ext == "" && slices.Contains(f.allowed, file):
		return fmt.Sprintf("-o %s names a file called %q; to choose the format use --format %s, or give the file an extension (%s)", file, file, file, extensionsFor(f.allowed))
	case !known:
		return ""
	case set && f.value != byExt:
		return fmt.Sprintf("-o %s is a %s file by its extension, but --format is %s; drop --format or make them agree", file, byExt, f.value)
	}
	f.value = byExt
	return ""
}
