// Command normpress builds the publications of a normpress project: run it
// from the repository root, where chapters/normpress.yaml is.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr, os.Getenv))
}
