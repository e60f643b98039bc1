package bench

// 1→2 core scaling of the batch verifiers, measured so that a shared, busy machine cannot
// fake it: every op runs the same work once on one core and once on two, back to back
// (GOMAXPROCS pinned, interop.Workers to match), and the benchmark reports the ratio of
// the summed times as x-scaling. Sub-benchmarks run one after the other, so separate
// cores=1 and cores=2 benchmarks can land in different load; within one op they cannot.
// work=ceiling is the same measurement on independent field multiplications, which
// share nothing: the most two cores gave at that moment. A scaling below target next to a
// ceiling near 2 is this library's; next to a ceiling near 1 it is the machine's.
// work=keccak-ceiling is the ceiling for hash-bound work such as MPT proofs: independent
// eight-lane Keccak-256 batches, as mpt hashes a proof's nodes. Two vCPUs that share a
// physical core's execution units give far less for it than for the multiplications'
// dependency chains.

import (
	"runtime"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/proof/kzg"
	"github.com/interopkit/interop/proof/mpt"
)

// measureScaling runs work(1) on one core and work(2) on two in every op and reports
// x-scaling = Σ time(1 core) / Σ time(2 cores). Each timed run follows an untimed one at
// the same core count: switching GOMAXPROCS wakes a thread for the new core, which a
// caller's back-to-back calls do not find awake (see measureCores).
func measureScaling(b *testing.B, work func(cores int)) {
	b.ReportAllocs()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var t [3]time.Duration
	for b.Loop() {
		for _, cores := range []int{1, 2} {
			runtime.GOMAXPROCS(cores)
			work(cores)
			start := time.Now()
			work(cores)
			t[cores] += time.Since(start)
		}
	}
	b.ReportMetric(float64(t[1])/float64(t[2]), "x-scaling")
}

var sinkFp fp.Element

// ceilingWork is about 10 ms of field multiplications split over cores goroutines that
// share no memory.
func ceilingWork(cores int) {
	const total = 1 << 17
	done := make(chan fp.Element, cores)
	for range cores {
		go func() {
			var c [8]fp.Element
			var m fp.Element
			m.SetUint64(5)
			for i := range c {
				c[i].SetUint64(uint64(i + 7))
			}
			for range total / cores {
				for i := range c {
					c[i].Mul(&c[i], &m)
				}
			}
			done <- c[3]
		}()
	}
	for range cores {
		sinkFp = <-done
	}
}

var sinkHashes [8]interop.Hash

// keccakCeilingWork is about 10 ms of eight-lane Keccak-256 batches of 532-byte messages
// (four blocks, a mainnet branch node's size) split over cores goroutines that share no
// memory.
func keccakCeilingWork(cores int) {
	const total = 1 << 11
	done := make(chan interop.Hash, cores)
	for range cores {
		go func() {
			var msgs [8][]byte
			for i := range msgs {
				msgs[i] = make([]byte, 532)
				msgs[i][0] = byte(i)
			}
			var out [8]interop.Hash
			for range total / cores {
				keccak.Sum256Many(out[:], msgs[:])
				msgs[0][1] = out[0][0]
			}
			done <- out[3]
		}()
	}
	for range cores {
		sinkHashes[0] = <-done
	}
}

func BenchmarkCoresScaling(b *testing.B) {
	f := kzgFixtureOrSkip(b)
	cases := loadProofCases(b)
	qs := make([]mpt.Query, len(cases))
	for i, c := range cases {
		qs[i] = mpt.Query{Root: interop.Hash(c.root), Key: c.key, Proof: c.nodes}
	}
	workers := []interop.BatchOption{{}, interop.Workers(1), interop.Workers(2)}
	b.Run("work=ceiling", func(b *testing.B) { measureScaling(b, ceilingWork) })
	b.Run("work=keccak-ceiling", func(b *testing.B) { measureScaling(b, keccakCeilingWork) })
	b.Run("work=kzg-blob-batch64", func(b *testing.B) {
		measureScaling(b, func(cores int) {
			if err := kzg.VerifyBlobKZGProofBatch(f.blobs, f.cs, f.ps, workers[cores]); err != nil {
				b.Fatal(err)
			}
		})
	})
	// The real proofs eight times over (520 KB of nodes, enough to be split), 10 rounds
	// per run so that a run lasts milliseconds, as the other works do, and goroutine
	// start-up is measured as often as a caller pays it.
	var qs8 []mpt.Query
	for range 8 {
		qs8 = append(qs8, qs...)
	}
	b.Run("work=mpt-real-proofs-x8", func(b *testing.B) {
		measureScaling(b, func(cores int) {
			for range 10 {
				if _, err := mpt.VerifyProofs(qs8, workers[cores]); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
