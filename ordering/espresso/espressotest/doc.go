// Package espressotest provides pgregory.net/rapid generators for package espresso, for
// users' property suites: headers of every supported version and leaves (header.go), QCs
// and stake tables (qc.go), VID payloads and namespace proofs (vid.go), and block trees
// and light-client states (finality.go). Generated values are well formed (they decode,
// re-encode and commit) but are not signed by any real Espresso network.
package espressotest
