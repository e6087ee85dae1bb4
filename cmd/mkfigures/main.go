// Command mkfigures draws the figures of the example project in chapters/.
// Run it from the repository root:
//
//	go run ./cmd/mkfigures
//
// It regenerates chapters/images/un-processes-timeline.png, the timeline of the
// UN processes on ICTs in the context of international security that the
// commentary's introduction shows as figure fig:un-timeline. The figure is
// drawn from the data in timeline.go with the Go fonts only, so the same
// source gives the same PNG bytes on every machine: the test in this package
// fails when the committed image no longer matches what the program draws.
//
// The dates in the figure are those confirmed for the bibliography in
// chapters/bib (see the literature notes): a date is shown to the day only
// where the day is known, otherwise to the month.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// figureName is the file the commentary's introduction embeds.
const figureName = "un-processes-timeline.png"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mkfigures", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", filepath.Join("chapters", "images"), "folder to write the figures into")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	info, err := os.Stat(*dir)
	if err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "mkfigures: %s is not a folder; run from the repository root or pass -dir\n", *dir)
		return 1
	}
	png, err := timelinePNG()
	if err != nil {
		fmt.Fprintf(stderr, "mkfigures: %v\n", err)
		return 1
	}
	path := filepath.Join(*dir, figureName)
	if err := writeIfChanged(path, png); err != nil {
		fmt.Fprintf(stderr, "mkfigures: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\t%d bytes\n", path, len(png))
	return 0
}

// writeIfChanged leaves an identical file untouched, so that a rerun does
// not change its modification time and wake up file watchers for nothing.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".mkfigures-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
