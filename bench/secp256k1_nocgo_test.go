//go:build nacl || js || wasip1 || !cgo || gofuzz || tinygo

package bench

// gethSecpBackend names go-ethereum's secp256k1 implementation in this build (see
// go-ethereum crypto/signature_nocgo.go).
const gethSecpBackend = "decred"
