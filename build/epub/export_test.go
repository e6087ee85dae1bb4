package epub

import "testing"

// Validate runs EPUBCheck and Ace on an EPUB file, for the example
// project's test in package epub_test.
func Validate(t *testing.T, path string) {
	checkEPUB(t, epubcheck(t), path)
	runAce(t, path)
}
