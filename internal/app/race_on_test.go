//go:build race

package app_test

// raceDetector says the tests run under the race detector, which makes each request ten
// times slower.
const raceDetector = true
