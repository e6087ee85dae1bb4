// Command csllocales packs the locale files of the official CSL locales
// repository into the compressed archive the citation processor embeds
// (build/csl/locales/locales.zip), with their licence notice. It runs as
// go generate in build/csl, from the shared test data's copy of the
// repository:
//
//	go generate ./build/csl
//
// or by hand: go run ./cmd/csllocales -from DIR -notice README.md -out locales.zip
//
// The archive is reproducible: files in name order, one fixed time, the
// best deflate level, so the same locales give the same bytes.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	from := flag.String("from", "", "folder of the locales repository: locales-*.xml and locales.json")
	notice := flag.String("notice", "", "licence notice to put in the archive as README.md")
	out := flag.String("out", "", "archive to write")
	flag.Parse()
	if *from == "" || *out == "" || *notice == "" {
		fmt.Fprintln(os.Stderr, "usage: csllocales -from DIR -notice README.md -out locales.zip")
		os.Exit(2)
	}
	data, n, err := pack(*from, *notice)
	if err != nil {
		fmt.Fprintln(os.Stderr, "csllocales:", err)
		os.Exit(1)
	}
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "csllocales:", err)
		os.Exit(1)
	}
	if err := os.Rename(tmp, *out); err != nil {
		fmt.Fprintln(os.Stderr, "csllocales:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d locales, %d bytes\n", *out, n, len(data))
}

// pack returns the archive and the number of locale files in it.
func pack(dir, notice string) ([]byte, int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && (strings.HasPrefix(n, "locales-") && strings.HasSuffix(n, ".xml") || n == "locales.json") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	locales := len(names) - 1
	if !slices.Contains(names, "locales.json") || !slices.Contains(names, "locales-en-US.xml") {
		return nil, 0, fmt.Errorf("%s holds no locales.json or locales-en-US.xml: not the locales repository", dir)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	add := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	nb, err := os.ReadFile(notice)
	if err != nil {
		return nil, 0, err
	}
	if err := add("README.md", nb); err != nil {
		return nil, 0, err
	}
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, 0, err
		}
		if err := add(n, data); err != nil {
			return nil, 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), locales, nil
}
