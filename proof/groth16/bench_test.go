package groth16

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

// sp1Bench loads the SP1 v6.0.0 key and the raw Groth16 proof and inputs of its fixture.
func sp1Bench(b *testing.B) (*VerifyingKey, *Proof, [][32]byte, []byte) {
	paths := vectors.Files(b, "zk", "**/sp1-v6.0.0/fixture.json")
	var fx sp1Fixture
	if err := json.Unmarshal(vectors.Read(b, paths[0]), &fx); err != nil {
		b.Fatal(err)
	}
	bin, err := os.ReadFile(filepath.Join(filepath.Dir(paths[0]), "groth16_vk.bin"))
	if err != nil {
		b.Fatal(err)
	}
	vk, err := ParseGnarkVerifyingKey(bin)
	if err != nil {
		b.Fatal(err)
	}
	p, err := ParseEVMProof(unhex(b, fx.Derived.ProofEVM))
	if err != nil {
		b.Fatal(err)
	}
	var pub [][32]byte
	for _, s := range fx.Derived.PublicInputs {
		pub = append(pub, hash32(b, s))
	}
	return vk, p, pub, bin
}

func BenchmarkVerify(b *testing.B) {
	vk, p, pub, _ := sp1Bench(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Verify(vk, p, pub); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBatchVerify(b *testing.B) {
	vk, p, pub, _ := sp1Bench(b)
	const n = 16
	proofs := make([]*Proof, n)
	pubs := make([][][32]byte, n)
	for i := range proofs {
		proofs[i], pubs[i] = p, pub
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := BatchVerify(vk, proofs, pubs, interop.Workers(w)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/proof")
		})
	}
}

func BenchmarkParseGnarkVerifyingKey(b *testing.B) {
	_, _, _, bin := sp1Bench(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseGnarkVerifyingKey(bin); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseEVMProof(b *testing.B) {
	_, p, _, _ := sp1Bench(b)
	evm := p.EVMBytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseEVMProof(evm[:]); err != nil {
			b.Fatal(err)
		}
	}
}
