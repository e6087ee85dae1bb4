// Package zipfile writes the ZIP packages the EPUB (OCF) and the DOCX
// (OPC) editions are, reproducibly: the same files and SOURCE_DATE_EPOCH
// give the same bytes, whatever the map's order or the clock.
package zipfile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"slices"
	"time"
)

// epoch0 is the earliest time a ZIP entry can carry (MS-DOS dates start in
// 1980); an earlier SOURCE_DATE_EPOCH, 0 included, is clamped to it.
var epoch0 = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Options say how a package is laid out.
type Options struct {
	// Epoch stamps every entry (SOURCE_DATE_EPOCH).
	Epoch int64
	// Level is the deflate level.
	Level int
	// Stored, if set, is written first, uncompressed, with no extra field
	// and no data descriptor: EPUB's "mimetype", which the OCF
	// specification wants readable at byte 38 of the file.
	Stored string
	// First are written next, in this order: a reader may look for them
	// at the start ("META-INF/container.xml", "[Content_Types].xml").
	First []string
}

// Write writes files as a ZIP: Stored, then First, then the rest in
// sorted order, deflated. A name in Stored or First that files lacks is
// skipped.
func Write(files map[string][]byte, o Options) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// Entries are written one after the other, so one compressor, reset
	// for each, serves them all (a new one allocates a megabyte).
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(w, o.Level)
			return fw, err
		}
		fw.Reset(w)
		return fw, nil
	})
	done := map[string]bool{}
	if data, ok := files[o.Stored]; ok && o.Stored != "" {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               o.Stored,
			Method:             zip.Store,
			CRC32:              crc32.ChecksumIEEE(data),
			CompressedSize64:   uint64(len(data)),
			UncompressedSize64: uint64(len(data)),
		})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
		done[o.Stored] = true
	}
	mod := time.Unix(o.Epoch, 0).UTC()
	if mod.Before(epoch0) {
		mod = epoch0
	}
	var names []string
	for _, n := range o.First {
		if _, ok := files[n]; ok && !done[n] {
			names = append(names, n)
			done[n] = true
		}
	}
	rest := make([]string, 0, len(files))
	for n := range files {
		if !done[n] {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	for _, n := range append(names, rest...) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
