package kzg

import "bytes"

// gnark-crypto's fr.Vector arithmetic runs AVX-512 code that returns without VZEROUPPER.
// Until something clears the upper vector state, every legacy-SSE instruction afterwards
// pays a transition penalty — among them SHA-NI, which crypto/sha256 uses: hashing a blob
// took 23 ms instead of 0.3 ms after one fr.Vector.Mul on this project's machines, and the
// compiled Go code of callers suffers the same way. Every function here that uses
// fr.Vector ends with vzeroupper.
var upperA, upperB [256]byte

// vzeroupper clears the upper vector state without assembly: the runtime's AVX2 memequal,
// which bytes.Equal uses for inputs of 64 bytes and more, ends with VZEROUPPER. On CPUs
// without AVX2 there is no upper state to clear and this is a short compare.
func vzeroupper() {
	if !bytes.Equal(upperA[:], upperB[:]) {
		upperA = upperB // never runs: both stay zero; the branch keeps the compare alive
	}
}
