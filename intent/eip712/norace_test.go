//go:build !race

package eip712

// raceEnabled is set under the race detector, whose sync.Pool drops items at random.
const raceEnabled = false
