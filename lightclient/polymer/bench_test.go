package polymer

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

func BenchmarkValidateEvent(b *testing.B) {
	files := vectors.Files(b, "hub", "polymer/op-proof-v2.hex")
	proof := readHexB(b, files[0])
	v := Verifier{ClientType: "proof_api", Sequencer: interop.Address(mustHex(b, "8D3921B96A3815F403Fb3a4c7fF525969d16f9E0")), ChainID: interop.Hash{30: 0x03, 31: 0x85}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.ValidateEvent(proof); err != nil {
			b.Fatal(err)
		}
	}
}

func mustHex(b *testing.B, s string) []byte {
	out, err := interop.DecodeHex("0x" + s)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func readHexB(b *testing.B, path string) []byte {
	out, err := interop.DecodeHex(string(trim(vectors.Read(b, path))))
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func trim(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == ' ') {
		b = b[:len(b)-1]
	}
	return b
}
