package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"slices"
	"time"
)

// zipEpoch is the earliest time a zip entry can carry.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writeZip writes the OPC package: [Content_Types].xml first (some
// readers look for it there), then every part in sorted order, deflated,
// all stamped with the build's time, so equal input gives equal bytes.
func writeZip(files map[string][]byte, epoch int64) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(w, 5)
			return fw, err
		}
		fw.Reset(w)
		return fw, nil
	})
	mod := time.Unix(epoch, 0).UTC()
	if mod.Before(zipEpoch) {
		mod = zipEpoch
	}
	names := make([]string, 0, len(files))
	for n := range files {
		if n != "[Content_Types].xml" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	names = append([]string{"[Content_Types].xml"}, names...)
	for _, n := range names {
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
