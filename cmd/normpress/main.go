// Command normpress builds the publications of a normpress project: run it
// from the repository root, where chapters/normpress.yaml is.
package main

import (
	"os"
	"runtime/debug"
)

// memoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT says
// otherwise. A build's live heap is about 11 MB per example-sized project
// (180 MB at 16×); without a limit the collector lets the heap grow to twice
// that before it runs, so a 16× build peaked at 500 MB. With the limit it
// collects earlier when the heap nears it, for about a tenth more CPU at that
// size and nothing below it; a project whose live heap exceeds the limit
// still builds (the runtime caps the collector's share of CPU).
const memoryLimit = 256 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args, os.Stdout, os.Stderr, os.Getenv))
}
