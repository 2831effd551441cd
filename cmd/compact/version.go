package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/compactkit/compactkit/compact"
)

var versionCommand = &command{
	name:    "version",
	summary: "print the version of compact and the document format it reads",
	usage:   "version",
	help:    "Prints the module version, the VCS revision it was built from, the Go version and the document format (apiVersion).",
	run:     runVersion,
}

func runVersion(c *cli, fs *flag.FlagSet, args []string) int {
	if rest, code := c.parse(fs, args); code >= 0 {
		return code
	} else if len(rest) > 0 {
		return c.usageError(fs, "takes no arguments")
	}
	version, revision := "(devel)", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				revision = " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(c.stdout, "compact %s%s %s documents %s\n", version, revision, runtime.Version(), compact.APIVersion)
	return exitOK
}
