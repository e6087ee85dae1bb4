package main

import (
	"runtime/debug"
	"strings"
)

// version is set by the linker (-ldflags "-X main.version=v1.2.0") for a
// build that has no module information; otherwise it comes from the build
// information the go command records.
var version = ""

// versionString is what `normpress version` prints and what goes into the
// PDF's Producer and the HTML generator meta element (after "normpress "):
// the module version, and the VCS revision when the binary was built from a
// checkout. `go install …/cmd/normpress@v1.2.0` gives "v1.2.0"; `go build` in a
// clone gives "v0.0.0-20261207141738-2bb3f6050824+dirty (2bb3f6050824,
// modified)", so a file says exactly which sources typeset it.
func versionString() string {
	bi, _ := debug.ReadBuildInfo()
	return formatVersion(version, bi)
}

func formatVersion(linked string, bi *debug.BuildInfo) string {
	v := linked
	var rev string
	var modified bool
	if bi != nil {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	if rev == "" {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		rev += ", modified"
	}
	return v + " (" + rev + ")"
}

// moduleVersion is the released module version this binary was built as
// ("v1.2.0", or a pseudo-version of a pushed commit), or "" for a build from
// a checkout with local changes or without module information: the
// version a scaffolded project pins.
func moduleVersion() string {
	v := version
	if bi, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = bi.Main.Version
	}
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") {
		return ""
	}
	return v
}
