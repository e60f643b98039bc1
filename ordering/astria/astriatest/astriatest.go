// Package astriatest builds Astria sequencer blocks with their proofs, as astria-core's
// SequencerBlockBuilder and ExpandedBlockData::new_from_untyped_data do, and ties them
// to CometBFT steps from tenderminttest, for property tests of package astria.
package astriatest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"time"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/proof/nmt"
)

// Rollups draws 0 to maxRollups rollups with distinct ids, each with 0 to 5 transactions
// of 0 to 40 bytes.
func Rollups(maxRollups int) *rapid.Generator[[]ordering.AstriaRollup] {
	return rapid.Custom(func(t *rapid.T) []ordering.AstriaRollup {
		n := rapid.IntRange(0, maxRollups).Draw(t, "rollups")
		var rs []ordering.AstriaRollup
		seen := map[interop.Hash]bool{}
		for i := 0; i < n; i++ {
			id := ordering.AstriaRollupID(rapid.SliceOfN(rapid.Byte(), 1, 8).Draw(t, "name"))
			if seen[id] {
				continue
			}
			seen[id] = true
			rs = append(rs, ordering.AstriaRollup{ID: id, Txs: rapid.SliceOfN(rapid.SliceOfN(rapid.Byte(), 0, 40), 0, 5).Draw(t, "txs")})
		}
		return rs
	})
}

// Build returns the sequencer block of the rollups (any order) and user transactions:
// rollups sorted by id with their proofs, data_hash the RFC 6962 root of sha256 of each
// of [rollup_transactions_root, rollup_ids_root, userTxs...] (CometBFT's data hash of
// those transactions), and both roots' proofs. The header's chain id ("astria"), height
// (1), time, proposer (20 zero bytes) and the block hash are placeholders for Sign.
func Build(rollups []ordering.AstriaRollup, userTxs [][]byte) astria.SequencerBlock {
	sorted := slices.Clone(rollups)
	slices.SortFunc(sorted, func(a, b ordering.AstriaRollup) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	txsRoot, idsRoot, err := ordering.AstriaRoots(sorted)
	if err != nil {
		panic(err)
	}
	var s astria.SequencerBlock
	s.Header.RollupTransactionsRoot = txsRoot
	data := [][]byte{txsRoot[:], idsRoot[:]}
	data = append(data, userTxs...)
	leaves := make([][]byte, len(data))
	for i, tx := range data {
		h := sha256.Sum256(tx)
		leaves[i] = h[:]
	}
	s.Header.DataHash = nmt.RFC6962Root(leaves)
	s.RollupTransactionsProof, _ = astria.NewProof(leaves, 0)
	s.RollupIDsProof, _ = astria.NewProof(leaves, 1)
	rleaves := make([][]byte, len(sorted))
	for i, r := range sorted {
		root := nmt.RFC6962Root(r.Txs)
		rleaves[i] = append(append([]byte{}, r.ID[:]...), root[:]...)
	}
	for i, r := range sorted {
		p, _ := astria.NewProof(rleaves, i)
		s.RollupTransactions = append(s.RollupTransactions, astria.RollupTransactions{RollupID: r.ID, Transactions: r.Txs, Proof: p})
	}
	s.Header.ProposerAddress = make([]byte, 20)
	s.Header.ChainID, s.Header.Height = "astria", 1
	return s
}

// Filter cuts a block down to the given rollups, as the sequencer's
// GetFilteredSequencerBlock does (ids the block lacks are skipped).
func Filter(s *astria.SequencerBlock, ids ...interop.Hash) astria.FilteredSequencerBlock {
	f := astria.FilteredSequencerBlock{
		BlockHash: s.BlockHash, Header: s.Header,
		RollupTransactionsProof: s.RollupTransactionsProof, RollupIDsProof: s.RollupIDsProof,
		UpgradeChangeHashes: s.UpgradeChangeHashes, ExtendedCommitInfo: s.ExtendedCommitInfo,
	}
	for _, r := range s.RollupTransactions {
		f.AllRollupIDs = append(f.AllRollupIDs, r.RollupID)
		if slices.Contains(ids, r.RollupID) {
			f.RollupTransactions = append(f.RollupTransactions, r)
		}
	}
	return f
}

// Sign makes step's untrusted header the CometBFT header of the block: its data hash is
// the block's (or, when txs is not nil, CometBFT's hash of those raw transactions), its
// proposer the first validator of Set2, and Set2 signs it again (every
// validator for the block); the block then takes the header's chain id, height, time,
// proposer and hash.
func Sign(step *tenderminttest.Step, s *astria.SequencerBlock, txs [][]byte) {
	h := &step.Untrusted.Header
	h.DataHash = tendermint.HexBytes(s.Header.DataHash[:])
	if txs != nil {
		comet, _, _, err := astria.BlockDataHash(txs)
		if err != nil {
			panic(err)
		}
		h.DataHash = comet[:]
	}
	h.ProposerAddress = step.Set2.Vals.Validators[0].Address
	votes := make([]tenderminttest.Vote, len(step.Set2.Vals.Validators))
	for i := range votes {
		votes[i] = tenderminttest.ForBlock
	}
	step.Untrusted.Commit = tenderminttest.Commit(h, &step.Set2, 0, votes)
	s.Header.ChainID = h.ChainID
	s.Header.Height = uint64(h.Height)
	s.Header.Time = astria.Timestamp{Seconds: h.Time.Unix(), Nanos: int32(h.Time.Nanosecond())}
	s.Header.ProposerAddress = h.ProposerAddress
	copy(s.BlockHash[:], h.Hash())
}

// Now returns a time at which step's light-client check passes (just after the
// untrusted header).
func Now(step *tenderminttest.Step) time.Time { return step.Untrusted.Header.Time.Add(time.Second) }

// FixedStep returns a deterministic adjacent light-client step on chainID at heights
// 100 and 101, with the given number of validators (keys derived from seed, power 10
// each), the same set trusted and signing; every validator signs both headers. For
// examples and benchmarks, where no rapid.T is at hand.
func FixedStep(chainID string, validators int, seed byte) tenderminttest.Step {
	keys := make([]ed25519.PrivateKey, validators)
	powers := make([]int64, validators)
	for i := range keys {
		var s [ed25519.SeedSize]byte
		s[0], s[1], s[2] = seed, byte(i), byte(i>>8)
		keys[i] = ed25519.NewKeyFromSeed(s[:])
		powers[i] = 10
	}
	set := tenderminttest.NewSet(keys, powers)
	t0 := time.Date(2024, 5, 13, 14, 9, 17, 228905487, time.UTC)
	header := func(height int64, tm time.Time, fill byte) tendermint.Header {
		var h tendermint.Header
		h.Version.Block = tendermint.BlockProtocol
		h.ChainID, h.Height, h.Time = chainID, tendermint.Int64(height), tm
		h32 := func(b byte) tendermint.HexBytes { return bytes.Repeat([]byte{b}, 32) }
		h.LastBlockID = tendermint.BlockID{Hash: h32(fill), PartSetHeader: tendermint.PartSetHeader{Total: 1, Hash: h32(fill + 1)}}
		h.LastCommitHash, h.DataHash, h.ConsensusHash = h32(fill+2), h32(fill+3), h32(fill+4)
		h.LastResultsHash, h.EvidenceHash = h32(fill+5), h32(fill+6)
		h.ValidatorsHash, h.NextValidatorsHash = set.Vals.Hash(), set.Vals.Hash()
		h.ProposerAddress = set.Vals.Validators[0].Address
		return h
	}
	votes := make([]tenderminttest.Vote, validators)
	for i := range votes {
		votes[i] = tenderminttest.ForBlock
	}
	th := header(100, t0, 0x10)
	uh := header(101, t0.Add(2*time.Second), 0x20)
	return tenderminttest.Step{
		Set1: set, Set2: set,
		Trusted:   tendermint.SignedHeader{Header: th, Commit: tenderminttest.Commit(&th, &set, 0, votes)},
		Untrusted: tendermint.SignedHeader{Header: uh, Commit: tenderminttest.Commit(&uh, &set, 0, votes)},
	}
}

// BuildTyped is Build for a block of typed DataItems (astria-core new_from_typed_data):
// it returns the block and its raw CometBFT transactions: the two roots as DataItems,
// an UpgradeChangeHashes item when upgrades is not empty, an ExtendedCommitInfo item when
// eci is not nil, then userTxs. data_hash and the two proofs are over Astria's leaves
// (sha256 of each root, of eci, of each user transaction).
func BuildTyped(rollups []ordering.AstriaRollup, userTxs, upgrades [][]byte, eci []byte) (astria.SequencerBlock, [][]byte) {
	s := Build(rollups, nil)
	_, idsRoot, _ := ordering.AstriaRoots(rollups)
	item := func(num byte, v []byte) []byte {
		return append(binary.AppendUvarint([]byte{num<<3 | 2}, uint64(len(v))), v...)
	}
	txs := [][]byte{item(1, s.Header.RollupTransactionsRoot[:]), item(2, idsRoot[:])}
	var leaves [][]byte
	add := func(b []byte) { h := sha256.Sum256(b); leaves = append(leaves, h[:]) }
	add(s.Header.RollupTransactionsRoot[:])
	add(idsRoot[:])
	if len(upgrades) > 0 {
		var inner []byte
		for _, u := range upgrades {
			inner = append(inner, item(1, u)...)
		}
		txs = append(txs, item(3, inner))
	}
	if eci != nil {
		txs = append(txs, item(4, eci))
		add(eci)
	}
	for _, tx := range userTxs {
		txs = append(txs, tx)
		add(tx)
	}
	s.Header.DataHash = nmt.RFC6962Root(leaves)
	s.RollupTransactionsProof, _ = astria.NewProof(leaves, 0)
	s.RollupIDsProof, _ = astria.NewProof(leaves, 1)
	s.UpgradeChangeHashes = upgrades
	return s, txs
}

// LegacyTxs returns the raw CometBFT transactions of a block made by Build with the same
// user transactions: the two 32-byte roots, then userTxs.
func LegacyTxs(rollups []ordering.AstriaRollup, userTxs [][]byte) [][]byte {
	txsRoot, idsRoot, _ := ordering.AstriaRoots(rollups)
	return append([][]byte{txsRoot[:], idsRoot[:]}, userTxs...)
}
