package espressotest

import (
	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls/bn254"
	"github.com/interopkit/interop/crypto/bls/bn254/bn254test"
	"github.com/interopkit/interop/ordering/espresso"
)

// Committee is a generated stake table with the secret keys of its entries, in order.
type Committee struct {
	Keys  []*bn254.SecretKey
	Table *espresso.StakeTable
}

// StakeTable generates a stake table of 1 to maxEntries entries (distinct keys, stakes from
// 1 to 1000) with its secret keys. Keys cost a G2 multiplication each; keep maxEntries small.
func StakeTable(maxEntries int) *rapid.Generator[Committee] {
	return rapid.Custom(func(t *rapid.T) Committee {
		n := rapid.IntRange(1, maxEntries).Draw(t, "entries")
		var c Committee
		var entries []espresso.StakeTableEntry
		seen := map[[bn254.PublicKeyCompressedSize]byte]bool{}
		for len(entries) < n {
			sk := bn254test.SecretKey().Draw(t, "sk")
			pk := sk.PublicKey()
			if seen[pk.BytesCompressed()] {
				continue
			}
			seen[pk.BytesCompressed()] = true
			stake := rapid.Uint64Range(1, 1000).Draw(t, "stake")
			c.Keys = append(c.Keys, sk)
			entries = append(entries, espresso.StakeTableEntry{Key: pk, Stake: *uint256.NewInt(stake)})
		}
		table, err := espresso.NewStakeTable(entries)
		if err != nil {
			panic(err) // distinct keys, non-zero small stakes
		}
		c.Table = table
		return c
	})
}

// SignQC returns the QuorumCertificate2 over leaf (with epoch and block number, at view)
// that the entries marked in signers sign, as HotShot assembles it: each signs the vote
// commitment, the signatures are summed, and the bit vector marks the signers. With no
// signer it returns the unsigned certificate.
func SignQC(c Committee, signers []bool, leaf interop.Hash, epoch, block, view uint64) *espresso.QuorumCertificate {
	qc := &espresso.QuorumCertificate{LeafCommit: leaf, Epoch: &epoch, BlockNumber: &block, ViewNumber: view}
	qc.VoteCommitment = qc.ExpectedVoteCommitment()
	var sigs []*bn254.Signature
	for i, s := range signers {
		if s {
			sigs = append(sigs, c.Keys[i].Sign(qc.VoteCommitment[:]))
		}
	}
	if len(sigs) > 0 {
		qc.Signature, _ = bn254.Aggregate(sigs)
	}
	qc.Signers = espresso.NewSignerBits(signers)
	return qc
}

// Quorum draws a signer set of c whose stake reaches the table's threshold: a random subset,
// completed in table order until it does.
func Quorum(t *rapid.T, c Committee) []bool {
	n := c.Table.Len()
	signers := make([]bool, n)
	var signed uint256.Int
	for i := range n {
		if rapid.Bool().Draw(t, "signs") {
			signers[i] = true
			st := c.Table.Entry(i).Stake
			signed.Add(&signed, &st)
		}
	}
	thr := c.Table.Threshold()
	for i := 0; i < n && signed.Lt(&thr); i++ {
		if !signers[i] {
			signers[i] = true
			st := c.Table.Entry(i).Stake
			signed.Add(&signed, &st)
		}
	}
	return signers
}

// SignedQC is a committee, a leaf and a QC its quorum signed over the leaf.
type SignedQC struct {
	Committee
	Leaf    interop.Hash
	Signers []bool
	QC      *espresso.QuorumCertificate
}

// QC generates a committee of up to maxEntries entries and a valid QC that a quorum of it
// signed over a generated leaf.
func QC(maxEntries int) *rapid.Generator[SignedQC] {
	return rapid.Custom(func(t *rapid.T) SignedQC {
		c := StakeTable(maxEntries).Draw(t, "committee")
		var leaf interop.Hash
		copy(leaf[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "leaf"))
		signers := Quorum(t, c)
		epoch := rapid.Uint64().Draw(t, "epoch")
		block := rapid.Uint64().Draw(t, "block")
		view := rapid.Uint64().Draw(t, "view")
		return SignedQC{Committee: c, Leaf: leaf, Signers: signers, QC: SignQC(c, signers, leaf, epoch, block, view)}
	})
}
