package espressotest

import (
	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/espresso"
)

// Versions lists the header versions espresso decodes and commits to.
var Versions = []espresso.Version{espresso.V01, espresso.V02, espresso.V03, espresso.V04, espresso.V05, espresso.V06}

func hash() *rapid.Generator[interop.Hash] {
	return rapid.Custom(func(t *rapid.T) interop.Hash {
		return interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "hash"))
	})
}

func address() *rapid.Generator[interop.Address] {
	return rapid.Custom(func(t *rapid.T) interop.Address {
		return interop.Address(rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "address"))
	})
}

func u256() *rapid.Generator[uint256.Int] {
	return rapid.Custom(func(t *rapid.T) uint256.Int {
		var v uint256.Int
		switch rapid.IntRange(0, 2).Draw(t, "u256 kind") {
		case 0:
			v.SetUint64(rapid.Uint64().Draw(t, "small"))
		case 1:
			v.SetBytes(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "full"))
		}
		return v
	})
}

func optAddress(t *rapid.T, label string) *interop.Address {
	if rapid.Bool().Draw(t, label+" present") {
		a := address().Draw(t, label)
		return &a
	}
	return nil
}

// ChainConfig draws a chain config for header version v (a stake table contract only
// from v0.3).
func ChainConfig(v espresso.Version) *rapid.Generator[espresso.ChainConfig] {
	return rapid.Custom(func(t *rapid.T) espresso.ChainConfig {
		c := espresso.ChainConfig{
			ChainID:      u256().Draw(t, "chain id"),
			MaxBlockSize: rapid.Uint64().Draw(t, "max block size"),
			BaseFee:      u256().Draw(t, "base fee"),
			FeeContract:  optAddress(t, "fee contract"),
			FeeRecipient: address().Draw(t, "fee recipient"),
		}
		if v.Minor >= 3 {
			c.StakeTableContract = optAddress(t, "stake table contract")
		}
		return c
	})
}

// NsTable draws the bytes of a well-formed namespace table of up to 6 namespaces.
func NsTable() *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		n := rapid.IntRange(0, 6).Draw(t, "namespaces")
		b := make([]byte, 4, 4+8*n)
		b[0] = byte(n)
		end := uint32(0)
		for i := range n {
			id := uint32(i)*1000 + rapid.Uint32Range(0, 999).Draw(t, "ns id")
			end += rapid.Uint32Range(1, 1<<16).Draw(t, "ns len")
			b = append(b, byte(id), byte(id>>8), byte(id>>16), byte(id>>24), byte(end), byte(end>>8), byte(end>>16), byte(end>>24))
		}
		return b
	})
}

func merkleRoot() *rapid.Generator[[]byte] {
	return rapid.SliceOfN(rapid.Byte(), 1, 64)
}

// Header draws a header of version v with every field of that version filled.
func Header(v espresso.Version) *rapid.Generator[*espresso.Header] {
	return rapid.Custom(func(t *rapid.T) *espresso.Header {
		h := &espresso.Header{
			Version:             v,
			Height:              rapid.Uint64().Draw(t, "height"),
			Timestamp:           rapid.Uint64().Draw(t, "timestamp"),
			L1Head:              rapid.Uint64().Draw(t, "l1 head"),
			BuilderCommitment:   hash().Draw(t, "builder commitment"),
			NsTable:             NsTable().Draw(t, "ns table"),
			BlockMerkleTreeRoot: merkleRoot().Draw(t, "block root"),
			FeeMerkleTreeRoot:   merkleRoot().Draw(t, "fee root"),
			FeeInfo:             espresso.FeeInfo{Account: address().Draw(t, "fee account"), Amount: u256().Draw(t, "fee amount")},
		}
		if rapid.Bool().Draw(t, "full chain config") {
			c := ChainConfig(v).Draw(t, "chain config")
			h.ChainConfig.Config = &c
		} else {
			h.ChainConfig.Commitment = hash().Draw(t, "chain config commitment")
		}
		if rapid.Bool().Draw(t, "l1 finalized") {
			h.L1Finalized = &espresso.L1BlockInfo{
				Number:    rapid.Uint64().Draw(t, "l1 number"),
				Timestamp: u256().Draw(t, "l1 timestamp"),
				Hash:      hash().Draw(t, "l1 hash"),
			}
		}
		tag := rapid.SampledFrom([]string{espresso.TagAdvz, espresso.TagAvidM}).Draw(t, "vid tag")
		h.PayloadCommitment = espresso.VidCommitment{Tag: tag, Value: hash().Draw(t, "payload commitment")}
		if rapid.Bool().Draw(t, "builder signature") {
			h.BuilderSignature = &espresso.BuilderSignature{R: u256().Draw(t, "r"), S: u256().Draw(t, "s"), V: rapid.Uint64().Draw(t, "v")}
		}
		if v.Minor >= 3 {
			h.RewardMerkleTreeRoot = merkleRoot().Draw(t, "reward root")
		}
		if v.Minor >= 4 {
			h.TimestampMillis = rapid.Uint64().Draw(t, "timestamp millis")
			h.TotalRewardDistributed = u256().Draw(t, "total reward")
			if rapid.Bool().Draw(t, "next stake table") {
				s := hash().Draw(t, "next stake table hash")
				h.NextStakeTableHash = &s
			}
		}
		if v.Minor >= 5 {
			for i := range h.LeaderCounts {
				h.LeaderCounts[i] = rapid.Uint16().Draw(t, "leader count")
			}
		}
		return h
	})
}

// AnyHeader draws a header of any supported version.
func AnyHeader() *rapid.Generator[*espresso.Header] {
	return rapid.Custom(func(t *rapid.T) *espresso.Header {
		return Header(rapid.SampledFrom(Versions).Draw(t, "version")).Draw(t, "header")
	})
}

// Leaf draws a leaf with an unsigned justify QC (signed QCs come from qc.go's
// generators), with or without the epoch members.
func Leaf() *rapid.Generator[*espresso.Leaf] {
	return rapid.Custom(func(t *rapid.T) *espresso.Leaf {
		qc := func(label string) *espresso.QuorumCertificate {
			q := &espresso.QuorumCertificate{
				LeafCommit: hash().Draw(t, label+" leaf"),
				ViewNumber: rapid.Uint64().Draw(t, label+" view"),
			}
			if rapid.Bool().Draw(t, label+" epoch") {
				e := rapid.Uint64().Draw(t, label+" epoch number")
				q.Epoch = &e
			}
			q.VoteCommitment = q.ExpectedVoteCommitment()
			return q
		}
		l := &espresso.Leaf{
			ViewNumber:       rapid.Uint64().Draw(t, "view"),
			ParentCommitment: hash().Draw(t, "parent"),
			BlockHeader:      AnyHeader().Draw(t, "header"),
			JustifyQC:        qc("justify"),
			WithEpoch:        rapid.Bool().Draw(t, "with epoch"),
		}
		if rapid.Bool().Draw(t, "upgrade certificate") {
			u := hash().Draw(t, "upgrade certificate commitment")
			l.UpgradeCertificate = &u
		}
		if l.WithEpoch {
			if rapid.Bool().Draw(t, "next epoch qc") {
				l.NextEpochJustifyQC = qc("next epoch")
			}
			if rapid.Bool().Draw(t, "drb") {
				d := [32]byte(hash().Draw(t, "drb result"))
				l.NextDrbResult = &d
			}
		}
		return l
	})
}
