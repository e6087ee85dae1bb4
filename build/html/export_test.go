package html

import "testing"

// CheckSite runs the browser checks on a written site, for the example
// project's test in package html_test.
func CheckSite(t *testing.T, args ...string) { checkSite(t, args...) }
