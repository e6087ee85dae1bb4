package pdf

// LongPub is the generated long document of the benchmark, for the
// external tests (uacheck_test.go).
var LongPub = longPub

// SamplePub is the sample publication of the internal tests.
var SamplePub = samplePub

// WithoutLineNumbers is opts for a consultation draft without its line
// numbers.
func WithoutLineNumbers(opts Options) Options {
	opts.noLineNumbers = true
	return opts
}
