package docx

import "github.com/normpress/normpress/build/zipfile"

// writeZip writes the OPC package: [Content_Types].xml first (some
// readers look for it there), then every part in sorted order, deflated,
// all stamped with the build's time, so equal input gives equal bytes.
func writeZip(files map[string][]byte, epoch int64) ([]byte, error) {
	return zipfile.Write(files, zipfile.Options{Epoch: epoch, Level: 5, First: []string{"[Content_Types].xml"}})
}
