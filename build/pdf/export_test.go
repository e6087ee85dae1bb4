package pdf

// LongPub is the generated long document of the benchmark, for the
// external tests (uacheck_test.go).
var LongPub = longPub

// SamplePub is the sample publication of the internal tests.
var SamplePub = samplePub
