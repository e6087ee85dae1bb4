package pdf

// LongPub is the generated long document of the benchmark, for the
// external tests (uacheck_test.go).
var LongPub = longPub
