package ssz_test

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

// This file is a slow, generic SSZ merkleizer driven by type descriptors, written from
// simple-serialize.md without sharing code with the package: it walks SSZ bytes, pads
// trees by recursion rather than zero-hash ladders, and hashes through its own sha256
// calls. Tests use it as the reference for HashTreeRoot and to compute the roots of
// BeaconState objects, which the package does not model.

type styp interface {
	fixed() int // SSZ size, or -1 when variable
	root(b []byte) (interop.Hash, error)
}

var errRef = errors.New("ref: malformed")

func h2(a, b interop.Hash) interop.Hash {
	return sha256.Sum256(append(append([]byte{}, a[:]...), b[:]...))
}

// refZeros[d] is the root of an all-zero tree of height d, built by hashing up.
var refZeros = func() (z [65]interop.Hash) {
	for i := 1; i < len(z); i++ {
		z[i] = h2(z[i-1], z[i-1])
	}
	return z
}()

func refZero(depth int) interop.Hash { return refZeros[depth] }

// refMerkleize is merkleize(chunks, limit) by recursion over the padded tree.
func refMerkleize(chunks []interop.Hash, limit uint64) interop.Hash {
	depth := 0
	for uint64(1)<<depth < limit {
		depth++
	}
	var rec func(c []interop.Hash, d int) interop.Hash
	rec = func(c []interop.Hash, d int) interop.Hash {
		if len(c) == 0 {
			return refZero(d)
		}
		if d == 0 {
			return c[0]
		}
		half := 1 << (d - 1)
		if len(c) <= half {
			return h2(rec(c, d-1), refZero(d-1))
		}
		return h2(rec(c[:half], d-1), rec(c[half:], d-1))
	}
	return rec(chunks, depth)
}

func refPack(b []byte) []interop.Hash {
	var out []interop.Hash
	for i := 0; i < len(b); i += 32 {
		var c interop.Hash
		copy(c[:], b[i:])
		out = append(out, c)
	}
	return out
}

func refMix(r interop.Hash, n uint64) interop.Hash {
	var l interop.Hash
	binary.LittleEndian.PutUint64(l[:], n)
	return h2(r, l)
}

type tUint struct{ n int }

func (t tUint) fixed() int { return t.n }
func (t tUint) root(b []byte) (interop.Hash, error) {
	if len(b) != t.n {
		return interop.Hash{}, errRef
	}
	var c interop.Hash
	copy(c[:], b)
	return c, nil
}

type tBool struct{}

func (tBool) fixed() int { return 1 }
func (tBool) root(b []byte) (interop.Hash, error) {
	if len(b) != 1 || b[0] > 1 {
		return interop.Hash{}, errRef
	}
	return interop.Hash{b[0]}, nil
}

type tBytes struct{ n int }

func (t tBytes) fixed() int { return t.n }
func (t tBytes) root(b []byte) (interop.Hash, error) {
	if len(b) != t.n {
		return interop.Hash{}, errRef
	}
	return refMerkleize(refPack(b), uint64((t.n+31)/32)), nil
}

type tBitvec struct{ n int }

func (t tBitvec) fixed() int { return (t.n + 7) / 8 }
func (t tBitvec) root(b []byte) (interop.Hash, error) {
	if len(b) != t.fixed() || (t.n%8 != 0 && b[len(b)-1]>>(t.n%8) != 0) {
		return interop.Hash{}, errRef
	}
	return refMerkleize(refPack(b), uint64((t.n+255)/256)), nil
}

// tBitlist is Bitlist[limit]: the bits up to the delimiter (the highest set bit of the last
// byte), packed, merkleized to the limit, and the bit count mixed in.
type tBitlist struct{ limit uint64 }

func (tBitlist) fixed() int { return -1 }
func (t tBitlist) root(b []byte) (interop.Hash, error) {
	if len(b) == 0 || b[len(b)-1] == 0 {
		return interop.Hash{}, errRef
	}
	last := b[len(b)-1]
	top := 7
	for last>>top == 0 {
		top--
	}
	n := uint64(8*(len(b)-1) + top)
	if n > t.limit {
		return interop.Hash{}, errRef
	}
	bits := append([]byte{}, b...)
	bits[len(bits)-1] &^= 1 << top
	if top == 0 {
		bits = bits[:len(bits)-1]
	}
	return refMix(refMerkleize(refPack(bits), (t.limit+255)/256), n), nil
}

// isBasic reports whether elements pack into chunks rather than being merkleized by root.
func isBasic(t styp) (int, bool) {
	switch e := t.(type) {
	case tUint:
		return e.n, true
	case tBool:
		return 1, true
	}
	return 0, false
}

// elems splits the bytes of a sequence of t into its elements.
func elems(t styp, b []byte) ([][]byte, error) {
	if s := t.fixed(); s > 0 {
		if len(b)%s != 0 {
			return nil, errRef
		}
		var out [][]byte
		for i := 0; i < len(b); i += s {
			out = append(out, b[i:i+s])
		}
		return out, nil
	}
	if len(b) == 0 {
		return nil, nil
	}
	if len(b) < 4 {
		return nil, errRef
	}
	first := int(binary.LittleEndian.Uint32(b))
	if first%4 != 0 || first == 0 || first > len(b) {
		return nil, errRef
	}
	offs := make([]int, first/4)
	for i := range offs {
		offs[i] = int(binary.LittleEndian.Uint32(b[4*i:]))
		if offs[i] > len(b) || (i > 0 && offs[i] < offs[i-1]) {
			return nil, errRef
		}
	}
	var out [][]byte
	for i, o := range offs {
		end := len(b)
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		out = append(out, b[o:end])
	}
	return out, nil
}

func seqRoots(t styp, parts [][]byte) ([]interop.Hash, error) {
	var roots []interop.Hash
	for _, p := range parts {
		r, err := t.root(p)
		if err != nil {
			return nil, err
		}
		roots = append(roots, r)
	}
	return roots, nil
}

type tVec struct {
	elem styp
	n    int
}

func (t tVec) fixed() int {
	if s := t.elem.fixed(); s > 0 {
		return s * t.n
	}
	return -1
}
func (t tVec) root(b []byte) (interop.Hash, error) {
	if s, ok := isBasic(t.elem); ok {
		if len(b) != s*t.n {
			return interop.Hash{}, errRef
		}
		return refMerkleize(refPack(b), uint64((s*t.n+31)/32)), nil
	}
	parts, err := elems(t.elem, b)
	if err != nil || len(parts) != t.n {
		return interop.Hash{}, errRef
	}
	roots, err := seqRoots(t.elem, parts)
	if err != nil {
		return interop.Hash{}, err
	}
	return refMerkleize(roots, uint64(t.n)), nil
}

type tList struct {
	elem  styp
	limit uint64
}

func (t tList) fixed() int { return -1 }
func (t tList) root(b []byte) (interop.Hash, error) {
	if s, ok := isBasic(t.elem); ok {
		if len(b)%s != 0 || uint64(len(b)/s) > t.limit {
			return interop.Hash{}, errRef
		}
		return refMix(refMerkleize(refPack(b), (t.limit*uint64(s)+31)/32), uint64(len(b)/s)), nil
	}
	parts, err := elems(t.elem, b)
	if err != nil || uint64(len(parts)) > t.limit {
		return interop.Hash{}, errRef
	}
	roots, err := seqRoots(t.elem, parts)
	if err != nil {
		return interop.Hash{}, err
	}
	return refMix(refMerkleize(roots, t.limit), uint64(len(parts))), nil
}

type tCont []styp

func (t tCont) fixed() int {
	n := 0
	for _, f := range t {
		s := f.fixed()
		if s < 0 {
			return -1
		}
		n += s
	}
	return n
}

// fields splits a container's bytes into its fields.
func (t tCont) fields(b []byte) ([][]byte, error) {
	fixedLen := 0
	for _, f := range t {
		if s := f.fixed(); s > 0 {
			fixedLen += s
		} else {
			fixedLen += 4
		}
	}
	if len(b) < fixedLen {
		return nil, errRef
	}
	parts := make([][]byte, len(t))
	var varIdx, offs []int
	pos := 0
	for i, f := range t {
		if s := f.fixed(); s > 0 {
			parts[i] = b[pos : pos+s]
			pos += s
			continue
		}
		varIdx = append(varIdx, i)
		offs = append(offs, int(binary.LittleEndian.Uint32(b[pos:])))
		pos += 4
	}
	if len(offs) == 0 && len(b) != fixedLen || len(offs) > 0 && offs[0] != fixedLen {
		return nil, errRef
	}
	for k, i := range varIdx {
		end := len(b)
		if k+1 < len(offs) {
			end = offs[k+1]
		}
		if offs[k] > end || end > len(b) {
			return nil, errRef
		}
		parts[i] = b[offs[k]:end]
	}
	return parts, nil
}

func (t tCont) root(b []byte) (interop.Hash, error) {
	parts, err := t.fields(b)
	if err != nil {
		return interop.Hash{}, err
	}
	var roots []interop.Hash
	for i, f := range t {
		r, err := f.root(parts[i])
		if err != nil {
			return interop.Hash{}, fmt.Errorf("field %d: %w", i, err)
		}
		roots = append(roots, r)
	}
	return refMerkleize(roots, uint64(len(roots))), nil
}

// Type descriptors of consensus-specs containers.
var (
	u8, u64, u256   = tUint{1}, tUint{8}, tUint{32}
	b4, b20, b32    = tBytes{4}, tBytes{20}, tBytes{32}
	b48, b96, bloom = tBytes{48}, tBytes{96}, tBytes{256}

	refBeaconBlockHeader = tCont{u64, u64, b32, b32, b32}
	refCheckpoint        = tCont{u64, b32}
	refEth1Data          = tCont{b32, u64, b32}
	refForkT             = tCont{b4, b4, u64}
	refValidator         = tCont{b48, b32, u64, tBool{}, u64, u64, u64, u64}
)

func refSyncCommittee(n int) tCont { return tCont{tVec{b48, n}, b48} }
func refSyncAggregate(n int) tCont { return tCont{tBitvec{n}, b96} }

// refExecutionHeader is the ExecutionPayloadHeader of bellatrix (14 fields), capella (15)
// or deneb and later (17).
func refExecutionHeader(f ssz.Fork) tCont {
	t := tCont{b32, b20, b32, b32, bloom, b32, u64, u64, u64, u64, tList{u8, 32}, u256, b32, b32}
	if f >= ssz.Capella {
		t = append(t, b32)
	}
	if f >= ssz.Deneb {
		t = append(t, u64, u64)
	}
	return t
}

func refLightClientHeader(f ssz.Fork) styp {
	if f < ssz.Capella {
		return tCont{refBeaconBlockHeader}
	}
	return tCont{refBeaconBlockHeader, refExecutionHeader(f), tVec{b32, 4}}
}

func refBootstrap(f ssz.Fork, n int) tCont {
	return tCont{refLightClientHeader(f), refSyncCommittee(n), tVec{b32, f.SyncCommitteeBranchDepth()}}
}

func refUpdate(f ssz.Fork, n int) tCont {
	return tCont{refLightClientHeader(f), refSyncCommittee(n), tVec{b32, f.SyncCommitteeBranchDepth()},
		refLightClientHeader(f), tVec{b32, f.FinalityBranchDepth()}, refSyncAggregate(n), u64}
}

func refFinalityUpdate(f ssz.Fork, n int) tCont {
	return tCont{refLightClientHeader(f), refLightClientHeader(f), tVec{b32, f.FinalityBranchDepth()}, refSyncAggregate(n), u64}
}

func refOptimisticUpdate(f ssz.Fork, n int) tCont {
	return tCont{refLightClientHeader(f), refSyncAggregate(n), u64}
}

// refBeaconState is the BeaconState of the minimal preset, altair to fulu.
func refBeaconState(f ssz.Fork) tCont {
	const (
		slotsPerHistoricalRoot = 64
		historicalRootsLimit   = 1 << 24
		eth1VotesLimit         = 4 * 8
		registryLimit          = 1 << 40
		historicalVector       = 64
		slashingsVector        = 64
		syncCommitteeSize      = 32
	)
	t := tCont{
		u64, b32, u64, refForkT, refBeaconBlockHeader,
		tVec{b32, slotsPerHistoricalRoot}, tVec{b32, slotsPerHistoricalRoot}, tList{b32, historicalRootsLimit},
		refEth1Data, tList{refEth1Data, eth1VotesLimit}, u64,
		tList{refValidator, registryLimit}, tList{u64, registryLimit},
		tVec{b32, historicalVector}, tVec{u64, slashingsVector},
		tList{u8, registryLimit}, tList{u8, registryLimit},
		tBitvec{4}, refCheckpoint, refCheckpoint, refCheckpoint,
		tList{u64, registryLimit}, refSyncCommittee(syncCommitteeSize), refSyncCommittee(syncCommitteeSize),
	}
	if f >= ssz.Bellatrix {
		t = append(t, refExecutionHeader(f))
	}
	if f >= ssz.Capella {
		t = append(t, u64, u64, tList{tCont{b32, b32}, historicalRootsLimit})
	}
	if f >= ssz.Electra {
		t = append(t, u64, u64, u64, u64, u64, u64,
			tList{tCont{b48, b32, u64, b96, u64}, 1 << 27}, // pending_deposits
			tList{tCont{u64, u64, u64}, 64},                // pending_partial_withdrawals (minimal)
			tList{tCont{u64, u64}, 64},                     // pending_consolidations (minimal)
		)
	}
	if f >= ssz.Fulu {
		t = append(t, tVec{u64, 2 * 8}) // proposer_lookahead: (MIN_SEED_LOOKAHEAD + 1) * SLOTS_PER_EPOCH
	}
	return t
}

// refExecutionPayload is the ExecutionPayload of the minimal preset, bellatrix to fulu:
// the header's fields with the transactions and withdrawals lists in place of their roots.
func refExecutionPayload(f ssz.Fork) tCont {
	const (
		maxBytesPerTransaction    = 1 << 30
		maxTransactionsPerPayload = 1 << 20
		maxWithdrawalsPerPayload  = 4 // minimal capella.yaml [customized]
	)
	t := tCont{b32, b20, b32, b32, bloom, b32, u64, u64, u64, u64, tList{u8, 32}, u256, b32,
		tList{tList{u8, maxBytesPerTransaction}, maxTransactionsPerPayload}}
	if f >= ssz.Capella {
		t = append(t, tList{tCont{u64, u64, b20, u64}, maxWithdrawalsPerPayload})
	}
	if f >= ssz.Deneb {
		t = append(t, u64, u64)
	}
	return t
}

// refBeaconBlockBody is the BeaconBlockBody of the minimal preset, altair to fulu.
func refBeaconBlockBody(f ssz.Fork) tCont {
	const (
		maxValidatorsPerCommittee = 2048
		maxCommitteesPerSlot      = 4 // minimal phase0.yaml [customized]
		syncCommitteeSize         = 32
		// 4096 in the v1.6 minimal preset: the blob_kzg_commitment proofs of these vectors
		// are KZG_COMMITMENT_INCLUSION_PROOF_DEPTH = 17 = 4 + 1 + log2(4096) deep.
		maxBlobCommitmentsPerBlock = 4096
	)
	signedHeader := tCont{refBeaconBlockHeader, b96}
	attData := tCont{u64, u64, b32, refCheckpoint, refCheckpoint}
	indexed := func(limit uint64) tCont { return tCont{tList{u64, limit}, attData, b96} }
	deposit := tCont{tVec{b32, 33}, tCont{b48, b32, u64, b96}}
	signedExit := tCont{tCont{u64, u64}, b96}

	attesterSlashings := tList{tCont{indexed(maxValidatorsPerCommittee), indexed(maxValidatorsPerCommittee)}, 2}
	attestations := tList{tCont{tBitlist{maxValidatorsPerCommittee}, attData, b96}, 128}
	if f >= ssz.Electra {
		// EIP-7549: attestations span the committees of a slot.
		const perSlot = maxValidatorsPerCommittee * maxCommitteesPerSlot
		attesterSlashings = tList{tCont{indexed(perSlot), indexed(perSlot)}, 1}
		attestations = tList{tCont{tBitlist{perSlot}, attData, b96, tBitvec{maxCommitteesPerSlot}}, 8}
	}
	t := tCont{
		b96, refEth1Data, b32,
		tList{tCont{signedHeader, signedHeader}, 16},
		attesterSlashings, attestations,
		tList{deposit, 16},
		tList{signedExit, 16},
		refSyncAggregate(syncCommitteeSize),
	}
	if f >= ssz.Bellatrix {
		t = append(t, refExecutionPayload(f))
	}
	if f >= ssz.Capella {
		t = append(t, tList{tCont{tCont{u64, b48, b20}, b96}, 16})
	}
	if f >= ssz.Deneb {
		t = append(t, tList{b48, maxBlobCommitmentsPerBlock})
	}
	if f >= ssz.Electra {
		// execution_requests. The v1.6 minimal preset keeps mainnet's limits here (its
		// random blocks carry up to 1,903 deposit and 12 withdrawal requests); earlier
		// minimal presets had customized 4 and 2.
		t = append(t, tCont{
			tList{tCont{b48, b32, u64, b96, u64}, 8192}, // MAX_DEPOSIT_REQUESTS_PER_PAYLOAD
			tList{tCont{b20, b48, u64}, 16},             // MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD
			tList{tCont{b20, b48, b48}, 2},              // MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD
		})
	}
	return t
}
