// Package tooltest finds the publishers' tools (EPUBCheck, qpdf, poppler,
// Chromium, Node) that tests validate outputs with. A test that needs one
// skips with a clear message when it is missing, unless
// NORMPRESS_REQUIRE_TOOLS=1 (set by CI), which turns the skip into a failure
// so that CI can never pass by skipping.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether NORMPRESS_REQUIRE_TOOLS asks for every tool.
func Required() bool { return os.Getenv("NORMPRESS_REQUIRE_TOOLS") == "1" }

// Need returns the path of an executable, or skips (fails under
// NORMPRESS_REQUIRE_TOOLS=1) when none of the names is on PATH.
func Need(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	missing(t, names[0], "install it (Debian: see .ci/run)")
	return ""
}

// NeedFile returns a file path (a jar, a node_modules folder) that must
// exist, or skips/fails as Need does.
func NeedFile(t testing.TB, path, what string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		missing(t, what, "expected at "+path)
		return ""
	}
	return path
}

// Missing skips a test whose input (a tool, the shared test data) is
// missing, or fails it under NORMPRESS_REQUIRE_TOOLS=1.
func Missing(t testing.TB, what, hint string) {
	t.Helper()
	missing(t, what, hint)
}

func missing(t testing.TB, what, hint string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s is required (NORMPRESS_REQUIRE_TOOLS=1) but missing: %s", what, hint)
	}
	t.Skipf("%s not found, skipping: %s; set NORMPRESS_REQUIRE_TOOLS=1 to make this a failure", what, hint)
}

// EPUBCheck returns the command line that runs EPUBCheck: java -jar on the
// Debian jar. (Debian's /usr/bin/epubcheck is a symbolic link to that jar,
// which runs only where binfmt_misc knows jar files, so it is not used.)
func EPUBCheck(t testing.TB) []string {
	t.Helper()
	const jar = "/usr/share/java/epubcheck.jar"
	if _, err := os.Stat(jar); err == nil {
		if java, err := exec.LookPath("java"); err == nil {
			return []string{java, "-jar", jar}
		}
	}
	missing(t, "EPUBCheck", "Debian packages epubcheck and a Java runtime")
	return nil
}
