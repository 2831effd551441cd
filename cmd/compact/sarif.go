package main

import "runtime/debug"

// toolVersion is the module version compact was built at, for the tool
// descriptions of SARIF and JUnit output; empty for a development build,
// so that output does not change from build to build.
func toolVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return ""
}
