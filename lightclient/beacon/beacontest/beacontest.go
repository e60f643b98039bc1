// Package beacontest makes valid light-client data from scratch, for property tests of code
// that consumes lightclient/beacon: a sync committee whose secret keys it holds, beacon
// states reduced to the Merkle paths the light client checks, and signed bootstraps and
// updates. It also has rapid generators of participation bitvectors.
package beacontest

import (
	"crypto/sha256"
	"encoding/binary"
	"math/big"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/proof/ssz"
	"pgregory.net/rapid"
)

// blsOrder is r, the order of the BLS12-381 groups.
var blsOrder, _ = new(big.Int).SetString("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16)

// Committee is a sync committee with its secret keys.
type Committee struct {
	Secrets []*bls.SecretKey
	SSZ     ssz.SyncCommittee
	scalars []*big.Int
}

// NewCommittee derives n keys deterministically from seed.
func NewCommittee(seed uint64, n int) *Committee {
	c := &Committee{SSZ: ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, n)}}
	pks := make([]*bls.PublicKey, n)
	for i := range n {
		var in [16]byte
		binary.BigEndian.PutUint64(in[:8], seed)
		binary.BigEndian.PutUint64(in[8:], uint64(i))
		for ctr := byte(0); ; ctr++ {
			h := sha256.Sum256(append(in[:], ctr))
			k := new(big.Int).Mod(new(big.Int).SetBytes(h[:]), blsOrder)
			var b [32]byte
			k.FillBytes(b[:])
			sk, err := bls.SecretKeyFromBytes(b[:])
			if err != nil {
				continue // zero: try the next counter
			}
			c.Secrets = append(c.Secrets, sk)
			c.scalars = append(c.scalars, k)
			pks[i] = sk.PublicKey()
			c.SSZ.Pubkeys[i] = pks[i].Bytes()
			break
		}
	}
	agg, err := bls.AggregatePublicKeys(pks)
	if err == nil {
		c.SSZ.AggregatePubkey = agg.Bytes()
	}
	return c
}

// Sign returns the aggregate signature over msg of the members whose bit is set (bits is
// the little-endian bitvector of SyncAggregate). It signs once with the sum of their secret
// keys, which equals the aggregate of their signatures. With no participant it returns the
// infinity signature.
func (c *Committee) Sign(bits []byte, msg []byte) ssz.BLSSignature {
	sum := new(big.Int)
	for i, k := range c.scalars {
		if bits[i/8]>>(i%8)&1 == 1 {
			sum.Add(sum, k)
		}
	}
	sum.Mod(sum, blsOrder)
	var out ssz.BLSSignature
	if sum.Sign() == 0 {
		out[0] = 0xc0
		return out
	}
	var b [32]byte
	sum.FillBytes(b[:])
	sk, _ := bls.SecretKeyFromBytes(b[:])
	return sk.Sign(msg).Bytes()
}

// State is a beacon state reduced to what the light client checks: a Merkle tree in which
// chosen generalized indices hold chosen roots, and every other node is derived from a seed.
type State struct {
	nodes map[ssz.GeneralizedIndex]interop.Hash
	Root  interop.Hash
}

// NewState builds a tree of the given depth whose nodes at the keys of leaves hold their
// values (a leaf may sit above the bottom: it then replaces its subtree).
func NewState(seed uint64, depth int, leaves map[ssz.GeneralizedIndex]interop.Hash) *State {
	s := &State{nodes: map[ssz.GeneralizedIndex]interop.Hash{}}
	s.Root = s.build(1, depth, seed, leaves)
	return s
}

func (s *State) build(g ssz.GeneralizedIndex, depth int, seed uint64, leaves map[ssz.GeneralizedIndex]interop.Hash) interop.Hash {
	if v, ok := leaves[g]; ok {
		s.nodes[g] = v
		return v
	}
	var h interop.Hash
	if g.Depth() == depth {
		var in [16]byte
		binary.BigEndian.PutUint64(in[:8], seed)
		binary.BigEndian.PutUint64(in[8:], uint64(g))
		h = sha256.Sum256(in[:])
	} else {
		h = ssz.HashPair(s.build(2*g, depth, seed, leaves), s.build(2*g+1, depth, seed, leaves))
	}
	s.nodes[g] = h
	return h
}

// Branch returns the Merkle branch of g, bottom up, as is_valid_merkle_branch takes it.
func (s *State) Branch(g ssz.GeneralizedIndex) []interop.Hash {
	var out []interop.Hash
	for ; g > 1; g /= 2 {
		out = append(out, s.nodes[g^1])
	}
	return out
}

// Chain makes signed light-client data for one network. Headers of slots in Capella and
// later carry an execution payload header (block number = slot) proven under their body
// root, in the layout of their slot's fork; earlier headers carry none.
type Chain struct {
	Config     beacon.Config
	Committees map[uint64]*Committee // by sync-committee period
	Seed       uint64
}

// NewChain returns a chain on cfg with one committee per period, derived from seed.
func NewChain(cfg beacon.Config, seed uint64) *Chain {
	return &Chain{Config: cfg, Committees: map[uint64]*Committee{}, Seed: seed}
}

// Committee returns the committee of a period.
func (ch *Chain) Committee(period uint64) *Committee {
	c, ok := ch.Committees[period]
	if !ok {
		c = NewCommittee(ch.Seed*1_000_003+period, ch.Config.Preset.SyncCommitteeSize)
		ch.Committees[period] = c
	}
	return c
}

// Header returns the beacon header of slot, whose state proves the slot's current and next
// committees and, when finalized is non-nil, that header as finalized checkpoint.
func (ch *Chain) Header(slot uint64, finalized *ssz.BeaconBlockHeader) (ssz.LightClientHeader, *State) {
	cfg := &ch.Config
	f := cfg.ForkAtSlot(slot)
	period := cfg.Period(slot)
	leaves := map[ssz.GeneralizedIndex]interop.Hash{
		f.CurrentSyncCommitteeGindex(): ch.Committee(period).SSZ.HashTreeRoot(),
		f.NextSyncCommitteeGindex():    ch.Committee(period + 1).SSZ.HashTreeRoot(),
	}
	if finalized != nil {
		leaves[f.FinalizedRootGindex()] = finalized.HashTreeRoot()
	}
	st := NewState(ch.Seed^slot, f.FinalizedRootGindex().Depth(), leaves)
	var body [8]byte
	binary.BigEndian.PutUint64(body[:], slot)
	h := ssz.BeaconBlockHeader{Slot: slot, ProposerIndex: slot % 1000, StateRoot: st.Root, BodyRoot: sha256.Sum256(body[:])}
	lc := ssz.LightClientHeader{Fork: f, Beacon: h}
	if f.HasExecution() {
		e := ssz.ExecutionPayloadHeader{Fork: min(f, ssz.Deneb), BlockNumber: slot, GasLimit: 30_000_000, Timestamp: 1_600_000_000 + 12*slot}
		e.StateRoot = sha256.Sum256(append([]byte("state"), body[:]...))
		e.ReceiptsRoot = sha256.Sum256(append([]byte("receipts"), body[:]...))
		e.BlockHash = sha256.Sum256(append([]byte("block"), body[:]...))
		root, err := e.HashTreeRoot()
		if err != nil {
			panic(err) // a fixed, valid header
		}
		bodyTree := NewState(ch.Seed^slot^0xb0d1, ssz.ExecutionBranchDepth, map[ssz.GeneralizedIndex]interop.Hash{ssz.ExecutionPayloadGindex: root})
		lc.Beacon.BodyRoot = bodyTree.Root
		e.Fork = f
		lc.Execution = e
		copy(lc.ExecutionBranch[:], bodyTree.Branch(ssz.ExecutionPayloadGindex))
	}
	return lc, st
}

// Bootstrap returns a trusted block root and the bootstrap of the header at slot.
func (ch *Chain) Bootstrap(slot uint64) (interop.Hash, *ssz.LightClientBootstrap) {
	h, st := ch.Header(slot, nil)
	f := h.Fork
	return h.Beacon.HashTreeRoot(), &ssz.LightClientBootstrap{
		Fork: f, Header: h,
		CurrentSyncCommittee:       ch.Committee(ch.Config.Period(slot)).SSZ,
		CurrentSyncCommitteeBranch: st.Branch(f.CurrentSyncCommitteeGindex()),
	}
}

// Update returns an update attesting the header at attested, finalizing the header at
// finalized (if withFinality), carrying the next committee (if withNext), signed at
// signatureSlot by the members set in bits of the committee of that slot's period.
func (ch *Chain) Update(attested, finalized, signatureSlot uint64, bits []byte, withNext, withFinality bool) *ssz.LightClientUpdate {
	cfg := &ch.Config
	f := cfg.ForkAtSlot(attested)
	n := cfg.Preset.SyncCommitteeSize
	u := &ssz.LightClientUpdate{
		Fork:                    f,
		NextSyncCommittee:       ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, n)},
		NextSyncCommitteeBranch: make([]interop.Hash, f.SyncCommitteeBranchDepth()),
		FinalizedHeader:         ssz.LightClientHeader{Fork: f},
		FinalityBranch:          make([]interop.Hash, f.FinalityBranchDepth()),
		SignatureSlot:           signatureSlot,
	}
	var fin *ssz.BeaconBlockHeader
	if withFinality {
		fh, _ := ch.Header(finalized, nil)
		fh.Fork = f
		u.FinalizedHeader = fh
		fin = &fh.Beacon
	}
	ah, st := ch.Header(attested, fin)
	ah.Fork = f
	u.AttestedHeader = ah
	if withFinality {
		u.FinalityBranch = st.Branch(f.FinalizedRootGindex())
	}
	if withNext {
		u.NextSyncCommittee = ch.Committee(cfg.Period(attested) + 1).SSZ
		u.NextSyncCommitteeBranch = st.Branch(f.NextSyncCommitteeGindex())
	}
	ch.Sign(u, bits)
	return u
}

// Sign sets u's sync aggregate: bits, and the signature of the committee of the signature
// slot's period over the attested header's signing root.
func (ch *Chain) Sign(u *ssz.LightClientUpdate, bits []byte) {
	cfg := &ch.Config
	domain := cfg.SyncCommitteeDomain(u.SignatureSlot)
	root := ssz.ComputeSigningRoot(u.AttestedHeader.Beacon.HashTreeRoot(), domain)
	u.SyncAggregate.SyncCommitteeBits = append([]byte(nil), bits...)
	u.SyncAggregate.SyncCommitteeSignature = ch.Committee(cfg.Period(u.SignatureSlot)).Sign(bits, root[:])
}

// Bits generates a participation bitvector of n members with at least min set.
func Bits(n, min int) *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		count := rapid.IntRange(min, n).Draw(t, "participants")
		perm := rapid.Permutation(seq(n)).Draw(t, "order")
		return BitsOf(n, perm[:count])
	})
}

// BitsOf returns the bitvector of n members with the given members set.
func BitsOf(n int, members []int) []byte {
	b := make([]byte, (n+7)/8)
	for _, i := range members {
		b[i/8] |= 1 << (i % 8)
	}
	return b
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
