package bench

import (
	"encoding/hex"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	cosmos "github.com/cosmos/ics23/go"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
	"github.com/interopkit/interop/lightclient/lightclienttest"
	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

// ---- proof/ics23 vs cosmos/ics23/go v0.11.0 ----

type hubICS23Vector struct {
	name             string
	spec             string
	key, value, root []byte
	proof            []byte
}

func hubICS23Vectors(tb testing.TB, pattern string) []hubICS23Vector {
	var out []hubICS23Vector
	for _, path := range vectors.Files(tb, "hub", pattern) {
		var v struct{ Key, Value, Root, Proof string }
		if err := json.Unmarshal(vectors.Read(tb, path), &v); err != nil || v.Key == "" {
			continue
		}
		d := func(s string) []byte { b, _ := hex.DecodeString(s); return b }
		out = append(out, hubICS23Vector{name: filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path),
			spec: filepath.Base(filepath.Dir(path)), key: d(v.Key), value: d(v.Value), root: d(v.Root), proof: d(v.Proof)})
	}
	return out
}

func hubSpecs(name string) (*ics23.ProofSpec, *cosmos.ProofSpec) {
	switch name {
	case "iavl":
		return ics23.IAVLSpec, cosmos.IavlSpec
	case "tendermint":
		return ics23.TendermintSpec, cosmos.TendermintSpec
	}
	return ics23.SMTSpec, cosmos.SmtSpec
}

// cosmosVerify decodes and verifies with cosmos/ics23, as an IBC client does with the
// proof bytes a relayer carries. A panic counts as a rejection.
func cosmosVerify(spec *cosmos.ProofSpec, root, proof, key, value []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	var p cosmos.CommitmentProof
	if p.Unmarshal(proof) != nil {
		return false
	}
	if len(value) == 0 {
		return cosmos.VerifyNonMembership(spec, root, &p, key)
	}
	return cosmos.VerifyMembership(spec, root, &p, key, value)
}

func ourVerify(spec *ics23.ProofSpec, root, proof, key, value []byte) bool {
	if len(value) == 0 {
		return ics23.VerifyNonMembership(spec, root, proof, key) == nil
	}
	return ics23.VerifyMembership(spec, root, proof, key, value) == nil
}

// TestDifferentialICS23 runs both verifiers on every single-proof vector and on
// thousands of mutations of them (bit flips, truncations, key and value changes), and
// on generated Tendermint-spec trees: they must agree on every canonically encoded
// input. Inputs the cosmos decoder accepts but which are not canonical protobuf (we may
// reject those) are counted, not failed.
func TestDifferentialICS23(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 23))
	agree, nonCanonical := 0, 0
	check := func(what string, ps *ics23.ProofSpec, cs *cosmos.ProofSpec, root, proof, key, value []byte) {
		c := cosmosVerify(cs, root, proof, key, value)
		o := ourVerify(ps, root, proof, key, value)
		if c == o {
			agree++
			return
		}
		if c && !o {
			var p cosmos.CommitmentProof
			if p.Unmarshal(proof) == nil {
				if re, err := p.Marshal(); err == nil && string(re) != string(proof) {
					nonCanonical++
					return
				}
			}
		}
		t.Fatalf("%s: cosmos %v, interop %v\nproof %x\nkey %x value %x", what, c, o, proof, key, value)
	}
	for _, v := range hubICS23Vectors(t, "ics23/*/*.json") {
		ps, cs := hubSpecs(v.spec)
		check(v.name, ps, cs, v.root, v.proof, v.key, v.value)
		for range 300 {
			p := append([]byte(nil), v.proof...)
			k, val := v.key, v.value
			switch rng.IntN(4) {
			case 0:
				i := rng.IntN(8 * len(p))
				p[i/8] ^= 1 << (i % 8)
			case 1:
				p = p[:rng.IntN(len(p))]
			case 2:
				k = append(append([]byte(nil), k...), byte(rng.IntN(256)))
			case 3:
				k = append([]byte(nil), k...)
				k[rng.IntN(len(k))] ^= byte(1 + rng.IntN(255))
			}
			check(v.name+" mutated", ps, cs, v.root, p, k, val)
		}
	}
	// Generated trees: members, absent keys and present keys asked as absent.
	for i := range 300 {
		n := 1 + rng.IntN(30)
		var keys, vals [][]byte
		seen := map[string]bool{}
		for len(keys) < n {
			k := []byte{byte('a' + rng.IntN(6)), byte('a' + rng.IntN(6)), byte('a' + rng.IntN(6))}
			if !seen[string(k)] {
				seen[string(k)] = true
				keys = append(keys, k)
				vals = append(vals, []byte{byte(i), byte(len(keys))})
			}
		}
		tr := ics23test.New(keys, vals)
		j := rng.IntN(len(tr.Keys))
		check("generated member", ics23.TendermintSpec, cosmos.TendermintSpec, tr.Root, tr.ProveMembership(j), tr.Keys[j], tr.Values[j])
		k := []byte{byte('a' + rng.IntN(6)), byte('a' + rng.IntN(6)), byte('a' + rng.IntN(7))}
		if _, ok := tr.Index(k); !ok {
			check("generated absent", ics23.TendermintSpec, cosmos.TendermintSpec, tr.Root, tr.ProveNonMembership(k), k, nil)
		}
	}
	t.Logf("%d agreements, %d non-canonical encodings accepted by cosmos only", agree, nonCanonical)
}

// BenchmarkICS23 verifies the IAVL existence vectors from proof bytes, both sides
// decoding the protobuf, as an IBC light client does per packet.
func BenchmarkICS23(b *testing.B) {
	for _, v := range hubICS23Vectors(b, "ics23/iavl/exist_*.json") {
		ps, cs := hubSpecs(v.spec)
		b.Run(v.name+"/impl=cosmos", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !cosmosVerify(cs, v.root, v.proof, v.key, v.value) {
					b.Fatal("rejected")
				}
			}
		})
		b.Run(v.name+"/impl=interop", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ics23.VerifyMembership(ps, v.root, v.proof, v.key, v.value) != nil {
					b.Fatal("rejected")
				}
			}
		})
	}
}

// ---- Hyperlane 13-of-20 checkpoint vs 13 bare RecoverAddress calls ----

type hubCheckpoint struct {
	ism      *hyperlane.MessageIDMultisig
	metadata []byte
	message  []byte
	digest   interop.Hash
	sigs     [][65]byte
}

func newHubCheckpoint() *hubCheckpoint {
	keys := hyperlanetest.Validators(20)
	m := hyperlane.Message{Version: 3, Nonce: 1, Origin: 10, Destination: 42161, Body: []byte("bench")}
	signers := make([]*secp256k1.PrivateKey, 0, 13)
	// 13 of the 20, spread over the list, so that the order scan skips validators.
	for i := 0; i < 20 && len(signers) < 13; i++ {
		if i%3 != 2 {
			signers = append(signers, keys[i])
		}
	}
	md := hyperlanetest.MessageIDMetadata(&m, interop.Hash{1}, interop.Hash{2}, 3, signers)
	parsed, err := hyperlane.DecodeMessageIDMetadata(md)
	if err != nil {
		panic(err)
	}
	ism, err := hyperlane.NewMessageIDMultisig(hyperlanetest.Addresses(keys), 13)
	if err != nil {
		panic(err)
	}
	msg, _ := m.AppendBinary(nil) // never fails
	cp := parsed.Checkpoint(m.Origin, m.ID())
	return &hubCheckpoint{
		ism:      ism,
		metadata: md, message: msg, digest: cp.Digest(), sigs: parsed.Signatures,
	}
}

func (c *hubCheckpoint) floor() {
	for i := range c.sigs {
		if _, err := secp256k1.RecoverAddress(c.digest, c.sigs[i]); err != nil {
			panic(err)
		}
	}
}

func (c *hubCheckpoint) verify() {
	if err := c.ism.Verify(c.metadata, c.message); err != nil {
		panic(err)
	}
}

// hubCommittee is the same 13-of-20 shape as a lightclient.Threshold committee, whose
// verdict reports every signature.
type hubCommittee struct {
	v     *lightclient.Committee
	claim lightclient.Claim
	att   *lightclient.Attestation
}

func newHubCommittee() *hubCommittee {
	ms := lightclienttest.Members(7, 20)
	c := lightclient.Claim{Origin: 10, Destination: 42161, Digest: interop.Hash{5}}
	v, err := lightclient.Threshold(13, lightclienttest.Signers(ms)...)
	if err != nil {
		panic(err)
	}
	return &hubCommittee{v: v, claim: c, att: lightclienttest.Attest(c, ms[:13]...)}
}

func (h *hubCommittee) verify() {
	if v := h.v.Verify(h.claim, h.att); !v.Accepted {
		panic(v.String())
	}
}

func BenchmarkHubCheckpoint13of20(b *testing.B) {
	c, h := newHubCheckpoint(), newHubCommittee()
	b.Run("impl=floor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.floor()
		}
	})
	b.Run("impl=interop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.verify()
		}
	})
	b.Run("impl=committee", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h.verify()
		}
	})
}

// TestHubRatios measures the two Performance targets in one process, interleaved, best
// of many rounds (the machine is shared): the 13-of-20 checkpoint against its floor, and
// IAVL existence verification against cosmos/ics23.
func TestHubRatios(t *testing.T) {
	if os.Getenv("BENCH_RATIOS") != "1" {
		t.Skip("set BENCH_RATIOS=1 to measure")
	}
	c, h := newHubCheckpoint(), newHubCommittee()
	pairs := []struct {
		name        string
		ours, other func()
		otherName   string
	}{
		{"hyperlane 13-of-20 checkpoint", c.verify, c.floor, "13×RecoverAddress"},
		{"lightclient 13-of-20 Threshold", h.verify, c.floor, "13×RecoverAddress"},
	}
	for _, v := range hubICS23Vectors(t, "ics23/iavl/exist_*.json") {
		ps, cs := hubSpecs(v.spec)
		pairs = append(pairs, struct {
			name        string
			ours, other func()
			otherName   string
		}{"ics23 " + v.name, func() { _ = ics23.VerifyMembership(ps, v.root, v.proof, v.key, v.value) },
			func() { cosmosVerify(cs, v.root, v.proof, v.key, v.value) }, "cosmos/ics23"})
	}
	for _, p := range pairs {
		n := 1
		for {
			start := time.Now()
			for range n {
				p.other()
			}
			if time.Since(start) > 2*time.Millisecond {
				break
			}
			n *= 2
		}
		best := [2]time.Duration{math.MaxInt64, math.MaxInt64}
		for range 60 {
			for j, op := range []func(){p.ours, p.other} {
				start := time.Now()
				for range n {
					op()
				}
				best[j] = min(best[j], time.Since(start))
			}
		}
		t.Logf("%-36s interop %9.0f ns/op %3.0f allocs   %-18s %9.0f ns/op %3.0f allocs   ratio %.3f",
			p.name, float64(best[0])/float64(n), testing.AllocsPerRun(20, p.ours), p.otherName,
			float64(best[1])/float64(n), testing.AllocsPerRun(20, p.other), float64(best[0])/float64(best[1]))
	}
}
