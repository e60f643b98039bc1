package bench

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	gnarkgroth16 "github.com/consensys/gnark/backend/groth16"
	gnarkbn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/logger"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/groth16"
)

func init() { logger.Disable() }

// g16Fixture is one key, proof and public inputs in both libraries' forms.
type g16Fixture struct {
	name     string
	vk       *groth16.VerifyingKey
	proof    *groth16.Proof
	public   [][32]byte
	gvk      *gnarkbn254.VerifyingKey
	gproof   *gnarkbn254.Proof
	gpublic  fr.Vector
	vkBytes  []byte
	prfBytes []byte
}

func toGnark(tb testing.TB, f *g16Fixture) {
	tb.Helper()
	f.gvk = new(gnarkbn254.VerifyingKey)
	if _, err := f.gvk.ReadFrom(bytes.NewReader(f.vkBytes)); err != nil {
		tb.Fatal(err)
	}
	f.gproof = new(gnarkbn254.Proof)
	if _, err := f.gproof.ReadFrom(bytes.NewReader(f.prfBytes)); err != nil {
		tb.Fatal(err)
	}
	f.gpublic = make(fr.Vector, len(f.public))
	for i := range f.public {
		if err := f.gpublic[i].SetBytesCanonical(f.public[i][:]); err != nil {
			tb.Fatal(err)
		}
	}
}

// sp1Fixture loads the SP1 v6.0.0 key (gnark .bin) and its proof (5 public inputs).
func sp1G16Fixture(tb testing.TB) *g16Fixture {
	tb.Helper()
	paths := vectors.Files(tb, "zk", "**/sp1-v6.0.0/fixture.json")
	var fx struct {
		Derived struct {
			PublicInputs []string `json:"public_inputs"`
			ProofEVM     string   `json:"groth16_proof_evm"`
		} `json:"derived"`
	}
	if err := json.Unmarshal(vectors.Read(tb, paths[0]), &fx); err != nil {
		tb.Fatal(err)
	}
	f := &g16Fixture{name: "sp1-v6"}
	f.vkBytes = vectors.Read(tb, filepath.Join(filepath.Dir(paths[0]), "groth16_vk.bin"))
	var err error
	if f.vk, err = groth16.ParseGnarkVerifyingKey(f.vkBytes); err != nil {
		tb.Fatal(err)
	}
	raw, _ := hex.DecodeString(strings.TrimPrefix(fx.Derived.ProofEVM, "0x"))
	if f.proof, err = groth16.ParseEVMProof(raw); err != nil {
		tb.Fatal(err)
	}
	f.prfBytes = f.proof.GnarkBytes(true)
	for _, s := range fx.Derived.PublicInputs {
		b, _ := hex.DecodeString(strings.TrimPrefix(s, "0x"))
		f.public = append(f.public, [32]byte(b))
	}
	toGnark(tb, f)
	return f
}

// mulCircuit proves knowledge of A, B with A·B = X and A + B = Y; with Commits > 0 it
// also uses gnark's commitment extension (api.Commit), so that keys and proofs carry
// Pedersen commitments.
type mulCircuit struct {
	X, Y    frontend.Variable `gnark:",public"`
	A, B    frontend.Variable
	Commits int `gnark:"-"`
}

func (c *mulCircuit) Define(api frontend.API) error {
	api.AssertIsEqual(api.Mul(c.A, c.B), c.X)
	api.AssertIsEqual(api.Add(c.A, c.B), c.Y)
	committer, ok := api.(frontend.Committer)
	if !ok {
		return errors.New("no committer")
	}
	vars := [][]frontend.Variable{{c.A, c.X}, {c.B, c.Y}, {c.A, c.B}}
	for i := 0; i < c.Commits; i++ {
		cm, err := committer.Commit(vars[i]...)
		if err != nil {
			return err
		}
		api.AssertIsDifferent(api.Mul(cm, c.A), 0)
	}
	return nil
}

// gnarkFixture compiles mulCircuit, runs gnark's setup and prover, and reads the key and
// proof into this library through gnark's own serialization.
func gnarkFixture(tb testing.TB, commits int, compressed bool, a, b int64) *g16Fixture {
	tb.Helper()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &mulCircuit{Commits: commits})
	if err != nil {
		tb.Fatal(err)
	}
	pk, vk, err := gnarkgroth16.Setup(ccs)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := frontend.NewWitness(&mulCircuit{X: a * b, Y: a + b, A: a, B: b, Commits: commits}, ecc.BN254.ScalarField())
	if err != nil {
		tb.Fatal(err)
	}
	prf, err := gnarkgroth16.Prove(ccs, pk, w)
	if err != nil {
		tb.Fatal(err)
	}
	f := &g16Fixture{name: "gnark"}
	var kb, pb bytes.Buffer
	if compressed {
		_, _ = vk.WriteTo(&kb)
		_, _ = prf.WriteTo(&pb)
	} else {
		_, _ = vk.WriteRawTo(&kb)
		_, _ = prf.WriteRawTo(&pb)
	}
	f.vkBytes, f.prfBytes = kb.Bytes(), pb.Bytes()
	if f.vk, err = groth16.ParseGnarkVerifyingKey(f.vkBytes); err != nil {
		tb.Fatalf("parse gnark key (commits %d, compressed %v): %v", commits, compressed, err)
	}
	if f.proof, err = groth16.ParseGnarkProof(f.prfBytes); err != nil {
		tb.Fatalf("parse gnark proof (commits %d, compressed %v): %v", commits, compressed, err)
	}
	f.public = [][32]byte{scalar32(a * b), scalar32(a + b)}
	toGnark(tb, f)
	return f
}

func scalar32(v int64) [32]byte {
	var out [32]byte
	big.NewInt(v).FillBytes(out[:])
	return out
}

// TestDifferentialGroth16Gnark proves with gnark (0 to 3 commitments, compressed and raw
// encodings), verifies with both libraries, and checks they agree on tampered inputs; and
// that gnark reads this library's re-encoding of its key and proof.
func TestDifferentialGroth16Gnark(t *testing.T) {
	for commits := 0; commits <= 3; commits++ {
		for _, compressed := range []bool{true, false} {
			f := gnarkFixture(t, commits, compressed, 3+int64(commits), 11)
			if f.vk.NumCommitments() != commits {
				t.Fatalf("commits %d: key has %d", commits, f.vk.NumCommitments())
			}
			agree(t, f, f.public, true)
			for i := range f.public {
				mod := append([][32]byte(nil), f.public...)
				mod[i][31] ^= 1
				agree(t, f, mod, false)
			}
			if !bytes.Equal(f.vk.GnarkBytes(compressed), f.vkBytes) {
				t.Errorf("commits %d compressed %v: key re-encoding differs", commits, compressed)
			}
			if !bytes.Equal(f.proof.GnarkBytes(compressed), f.prfBytes) {
				t.Errorf("commits %d compressed %v: proof re-encoding differs", commits, compressed)
			}
		}
	}
}

func agree(t *testing.T, f *g16Fixture, public [][32]byte, want bool) {
	t.Helper()
	pub := make(fr.Vector, len(public))
	for i := range public {
		if err := pub[i].SetBytesCanonical(public[i][:]); err != nil {
			t.Fatal(err)
		}
	}
	gerr := gnarkbn254.Verify(f.gproof, f.gvk, pub)
	ierr := groth16.Verify(f.vk, f.proof, public)
	if (gerr == nil) != want || (ierr == nil) != want {
		t.Errorf("want valid=%v: gnark %v, interop %v", want, gerr, ierr)
	}
}

var sinkErr error

// BenchmarkGroth16Verify verifies the same key, proof and inputs with gnark's
// groth16/bn254.Verify and this library's Verify: SP1 v6.0.0 (5 inputs), and a gnark
// circuit with one commitment.
func BenchmarkGroth16Verify(b *testing.B) {
	fs := []*g16Fixture{sp1G16Fixture(b), gnarkFixture(b, 1, true, 5, 7)}
	fs[1].name = "gnark-commit1"
	for _, f := range fs {
		b.Run(f.name+"/impl=gnark", func(b *testing.B) {
			measure(b, func() { sinkErr = gnarkbn254.Verify(f.gproof, f.gvk, f.gpublic) })
		})
		b.Run(f.name+"/impl=interop", func(b *testing.B) {
			measure(b, func() { sinkErr = groth16.Verify(f.vk, f.proof, f.public) })
		})
	}
}

// repeated is the fixture's proof and public inputs n times over, a batch for BatchVerify.
func (f *g16Fixture) repeated(n int) ([]*groth16.Proof, [][][32]byte) {
	proofs := make([]*groth16.Proof, n)
	publics := make([][][32]byte, n)
	for i := range proofs {
		proofs[i], publics[i] = f.proof, f.public
	}
	return proofs, publics
}

// BenchmarkGroth16Batch verifies 64 SP1 proofs under one key: 64 gnark Verify calls, 64
// interop Verify calls, and one interop BatchVerify.
func BenchmarkGroth16Batch(b *testing.B) {
	f := sp1G16Fixture(b)
	const n = 64
	proofs, publics := f.repeated(n)
	b.Run("n=64/impl=gnark", func(b *testing.B) {
		measure(b, func() {
			for range n {
				sinkErr = gnarkbn254.Verify(f.gproof, f.gvk, f.gpublic)
			}
		})
	})
	b.Run("n=64/impl=interop", func(b *testing.B) {
		measure(b, func() {
			for i := range n {
				sinkErr = groth16.Verify(f.vk, proofs[i], publics[i])
			}
		})
	})
	b.Run("n=64/impl=interop-batch", func(b *testing.B) {
		measure(b, func() { sinkErr = groth16.BatchVerify(f.vk, proofs, publics) })
	})
}

// BenchmarkGroth16BatchScaling is BatchVerify of 64 SP1 proofs with GOMAXPROCS and the
// workers pinned to 1 and to 2 cores: its scaling. gnark v0.16.1 has no batch verifier
// for Groth16 to set beside it (BenchmarkGroth16Batch times 64 of its Verify calls).
func BenchmarkGroth16BatchScaling(b *testing.B) {
	f := sp1G16Fixture(b)
	const n = 64
	proofs, publics := f.repeated(n)
	for _, cores := range []int{1, 2} {
		b.Run(fmt.Sprintf("n=64/cores=%d/impl=interop", cores), func(b *testing.B) {
			onCores(b, cores, func() {
				if err := groth16.BatchVerify(f.vk, proofs, publics, interop.Workers(cores)); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// TestGroth16Ratios logs interop/gnark CPU-time ratios for Verify (below 1 means interop
// is faster) and the batch speedup, measured in one process.
func TestGroth16Ratios(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	f := sp1G16Fixture(t)
	cpu := func(body func()) (float64, int64) {
		var ns float64
		var allocs int64
		r := testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				body()
			}
			ns = float64(cpuTime()-start) / float64(b.N)
		})
		allocs = r.AllocsPerOp()
		return ns, allocs
	}
	g, ga := cpu(func() { sinkErr = gnarkbn254.Verify(f.gproof, f.gvk, f.gpublic) })
	i, ia := cpu(func() { sinkErr = groth16.Verify(f.vk, f.proof, f.public) })
	t.Logf("Verify SP1 v6: interop %.0f cpu-ns/op %d allocs | gnark %.0f cpu-ns/op %d allocs | ratio %.2f", i, ia, g, ga, i/g)
	const n = 64
	proofs := make([]*groth16.Proof, n)
	publics := make([][][32]byte, n)
	for k := range proofs {
		proofs[k], publics[k] = f.proof, f.public
	}
	bt, _ := cpu(func() { sinkErr = groth16.BatchVerify(f.vk, proofs, publics) })
	t.Logf("BatchVerify 64: %.0f cpu-ns/proof, %.1f× faster than 64 Verify calls", bt/n, i*n/bt)
}
