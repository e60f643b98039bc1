package bench

// lightclient/tendermint against CometBFT v0.38.17 itself on generated chains: random
// Ed25519 validator sets sign adjacent headers (tenderminttest), one random corruption is
// applied, and both libraries must compute the same header hash, validator-set hash and
// vote sign bytes, and reach the same verdict in SignedHeader.ValidateBasic,
// VerifyCommitLight and light.VerifyAdjacent.

import (
	"bytes"
	"testing"
	"time"

	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	"github.com/cometbft/cometbft/light"
	cmtversion "github.com/cometbft/cometbft/proto/tendermint/version"
	cmttypes "github.com/cometbft/cometbft/types"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
)

func cmtBlockID(id *tendermint.BlockID) cmttypes.BlockID {
	return cmttypes.BlockID{Hash: cmtbytes.HexBytes(id.Hash), PartSetHeader: cmttypes.PartSetHeader{Total: id.PartSetHeader.Total, Hash: cmtbytes.HexBytes(id.PartSetHeader.Hash)}}
}

func cmtSignedHeader(sh *tendermint.SignedHeader) *cmttypes.SignedHeader {
	h := &sh.Header
	ch := &cmttypes.Header{
		Version: cmtversion.Consensus{Block: uint64(h.Version.Block), App: uint64(h.Version.App)},
		ChainID: h.ChainID, Height: int64(h.Height), Time: h.Time,
		LastBlockID:        cmtBlockID(&h.LastBlockID),
		LastCommitHash:     cmtbytes.HexBytes(h.LastCommitHash),
		DataHash:           cmtbytes.HexBytes(h.DataHash),
		ValidatorsHash:     cmtbytes.HexBytes(h.ValidatorsHash),
		NextValidatorsHash: cmtbytes.HexBytes(h.NextValidatorsHash),
		ConsensusHash:      cmtbytes.HexBytes(h.ConsensusHash),
		AppHash:            cmtbytes.HexBytes(h.AppHash),
		LastResultsHash:    cmtbytes.HexBytes(h.LastResultsHash),
		EvidenceHash:       cmtbytes.HexBytes(h.EvidenceHash),
		ProposerAddress:    cmttypes.Address(h.ProposerAddress),
	}
	c := &cmttypes.Commit{Height: int64(sh.Commit.Height), Round: sh.Commit.Round, BlockID: cmtBlockID(&sh.Commit.BlockID)}
	for _, s := range sh.Commit.Signatures {
		c.Signatures = append(c.Signatures, cmttypes.CommitSig{
			BlockIDFlag: cmttypes.BlockIDFlag(s.BlockIDFlag), ValidatorAddress: cmttypes.Address(s.ValidatorAddress),
			Timestamp: s.Timestamp, Signature: s.Signature,
		})
	}
	return &cmttypes.SignedHeader{Header: ch, Commit: c}
}

func cmtValidatorSet(t *rapid.T, vs *tendermint.ValidatorSet) *cmttypes.ValidatorSet {
	var vals []*cmttypes.Validator
	for _, v := range vs.Validators {
		vals = append(vals, cmttypes.NewValidator(cmted25519.PubKey(v.PubKey.Value), int64(v.VotingPower)))
	}
	set, err := cmttypes.ValidatorSetFromExistingValidators(vals)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range set.Validators {
		if !bytes.Equal(v.Address, vs.Validators[i].Address) {
			t.Fatalf("validator %d: CometBFT orders the set differently", i)
		}
	}
	return set
}

func sameVerdict(t *rapid.T, what string, ours, theirs error) {
	if (ours == nil) != (theirs == nil) {
		t.Fatalf("%s: interop %v, CometBFT %v", what, ours, theirs)
	}
}

func TestDifferentialCometBFT(t *testing.T) {
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		st := tenderminttest.AdjacentStep(t, "chain-a", rapid.Bool().Draw(t, "allSign"))
		s1, s2, trusted, untrusted := &st.Set1, &st.Set2, st.Trusted, st.Untrusted
		t0, t1 := trusted.Header.Time, untrusted.Header.Time
		period := time.Duration(rapid.Int64Range(1, 48).Draw(t, "periodHours")) * time.Hour
		drift := time.Duration(rapid.Int64Range(0, 20).Draw(t, "driftSeconds")) * time.Second
		now := t1.Add(time.Duration(rapid.Int64Range(-int64(time.Minute), 3*int64(time.Hour)).Draw(t, "delay")))
		vals := &s2.Vals

		u := &untrusted
		sig := &u.Commit.Signatures[rapid.IntRange(0, len(u.Commit.Signatures)-1).Draw(t, "sigIndex")]
		switch rapid.IntRange(0, 18).Draw(t, "corruption") {
		case 0: // none
		case 1:
			if len(sig.Signature) > 0 {
				sig.Signature = bytes.Clone(sig.Signature)
				sig.Signature[rapid.IntRange(0, len(sig.Signature)-1).Draw(t, "at")] ^= 1
			}
		case 2:
			sig.BlockIDFlag = rapid.IntRange(0, 4).Draw(t, "flag")
		case 3:
			sig.Signature = sig.Signature[:rapid.IntRange(0, len(sig.Signature)).Draw(t, "sigLen")]
		case 4:
			sig.Signature = append(bytes.Clone(sig.Signature), 0)
		case 5:
			sig.ValidatorAddress = rapid.SliceOfN(rapid.Byte(), 0, 21).Draw(t, "address")
		case 6:
			sig.Timestamp = sig.Timestamp.Add(time.Nanosecond)
		case 7:
			u.Commit.Round = int32(rapid.IntRange(-1, 3).Draw(t, "round"))
		case 8:
			u.Commit.Height += tendermint.Int64(rapid.SampledFrom([]int64{-1, 1}).Draw(t, "dh"))
		case 9:
			u.Header.Version.Block = tendermint.Int64(rapid.IntRange(9, 12).Draw(t, "block"))
		case 10:
			u.Header.ChainID = rapid.SampledFrom([]string{"chain-b", string(bytes.Repeat([]byte{'c'}, 51)), ""}).Draw(t, "chain")
		case 11:
			u.Header.ProposerAddress = rapid.SliceOfN(rapid.Byte(), 0, 21).Draw(t, "proposer")
		case 12:
			u.Header.DataHash = rapid.SliceOfN(rapid.Byte(), 0, 33).Draw(t, "dataHash")
		case 13:
			u.Header.Height += tendermint.Int64(rapid.SampledFrom([]int64{-1, 1}).Draw(t, "dh"))
		case 14:
			vals = &s1.Vals
		case 15:
			u.Header.Time = t0.Add(-time.Duration(rapid.Int64Range(0, 10).Draw(t, "back")))
		case 16:
			u.Commit.BlockID.PartSetHeader.Total = rapid.Uint32Range(0, 3).Draw(t, "total")
		case 17:
			*sig = tendermint.CommitSig{BlockIDFlag: tendermint.FlagAbsent, Timestamp: rapid.SampledFrom([]time.Time{{}, t1}).Draw(t, "absentTime")}
		default:
			u.Header.AppHash = append(bytes.Clone(u.Header.AppHash), 1)
		}

		ct, cu := cmtSignedHeader(&trusted), cmtSignedHeader(u)
		cvals := cmtValidatorSet(t, vals)
		if got, want := u.Header.Hash(), cu.Header.Hash(); !bytes.Equal(got, want) {
			t.Fatalf("header hash %X, CometBFT %X", got, want)
		}
		if got, want := vals.Hash(), cvals.Hash(); !bytes.Equal(got, want) {
			t.Fatalf("validators hash %X, CometBFT %X", got, want)
		}
		for i, s := range u.Commit.Signatures {
			if s.BlockIDFlag == tendermint.FlagCommit || s.BlockIDFlag == tendermint.FlagNil {
				if got, want := tendermint.VoteSignBytes(ct.ChainID, &u.Commit, &u.Commit.Signatures[i]), cu.Commit.VoteSignBytes(ct.ChainID, int32(i)); !bytes.Equal(got, want) {
					t.Fatalf("vote sign bytes %d: %x, CometBFT %x", i, got, want)
				}
			}
		}
		basic := u.ValidateBasic("chain-a")
		sameVerdict(t, "ValidateBasic", basic, cu.ValidateBasic("chain-a"))
		// CometBFT's VerifyCommitLight checks each entry's form on its one-signature path
		// only (see the tendermint package doc); compare where the commit is well formed.
		if u.Commit.ValidateBasic() == nil {
			sameVerdict(t, "VerifyCommitLight",
				vals.VerifyCommitLight("chain-a", &u.Commit.BlockID, int64(u.Header.Height), &u.Commit),
				cvals.VerifyCommitLight("chain-a", cu.Commit.BlockID, cu.Height, cu.Commit))
		}
		ours := tendermint.VerifyAdjacent(&trusted, u, vals, period, now, drift)
		sameVerdict(t, "VerifyAdjacent", ours, light.VerifyAdjacent(ct, cu, cvals, period, now, drift))
		if ours == nil {
			accepted++
		} else {
			refused++
		}
	})
	t.Logf("adjacent steps: %d accepted by both, %d refused by both", accepted, refused)
}
