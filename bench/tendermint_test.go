package bench

// lightclient/tendermint against CometBFT v0.38.17 itself on generated chains: random
// Ed25519 validator sets sign adjacent and skipping steps (tenderminttest), one random
// corruption is applied, and both libraries must compute the same header hash,
// validator-set hash and vote sign bytes, and reach the same verdict in
// SignedHeader.ValidateBasic, VerifyCommitLight, VerifyCommitLightTrusting,
// light.VerifyAdjacent and light.VerifyNonAdjacent.

import (
	"bytes"
	"errors"
	"testing"
	"time"

	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	cmtmath "github.com/cometbft/cometbft/libs/math"
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

// corrupt applies one of 20 corruptions (or none) to the untrusted side of a step: a
// signature byte, flag, length or address, a vote time, the round, heights, header fields
// ValidateBasic checks, times, the part-set header, an entry made absent, an entry copied
// onto another (a validator counted twice), or the app hash. It reports whether the
// untrusted validator set should be swapped for the trusted one.
func corrupt(t *rapid.T, u *tendermint.SignedHeader, t0 time.Time) (swapVals bool) {
	i := rapid.IntRange(0, len(u.Commit.Signatures)-1).Draw(t, "sigIndex")
	sig := &u.Commit.Signatures[i]
	switch rapid.IntRange(0, 19).Draw(t, "corruption") {
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
		return true
	case 15:
		u.Header.Time = t0.Add(-time.Duration(rapid.Int64Range(0, 10).Draw(t, "back")))
	case 16:
		u.Commit.BlockID.PartSetHeader.Total = rapid.Uint32Range(0, 3).Draw(t, "total")
	case 17:
		*sig = tendermint.CommitSig{BlockIDFlag: tendermint.FlagAbsent, Timestamp: rapid.SampledFrom([]time.Time{{}, u.Header.Time}).Draw(t, "absentTime")}
	case 18:
		u.Commit.Signatures[rapid.IntRange(0, len(u.Commit.Signatures)-1).Draw(t, "to")] = *sig
	default:
		u.Header.AppHash = append(bytes.Clone(u.Header.AppHash), 1)
	}
	return false
}

// compareCommon checks the hashes, vote sign bytes and the ValidateBasic and
// VerifyCommitLight verdicts of an untrusted side in both libraries.
func compareCommon(t *rapid.T, chainID string, u *tendermint.SignedHeader, cu *cmttypes.SignedHeader, vals *tendermint.ValidatorSet, cvals *cmttypes.ValidatorSet) {
	if got, want := u.Header.Hash(), cu.Header.Hash(); !bytes.Equal(got, want) {
		t.Fatalf("header hash %X, CometBFT %X", got, want)
	}
	if got, want := vals.Hash(), cvals.Hash(); !bytes.Equal(got, want) {
		t.Fatalf("validators hash %X, CometBFT %X", got, want)
	}
	for i, s := range u.Commit.Signatures {
		if s.BlockIDFlag == tendermint.FlagCommit || s.BlockIDFlag == tendermint.FlagNil {
			if got, want := tendermint.VoteSignBytes(chainID, &u.Commit, &u.Commit.Signatures[i]), cu.Commit.VoteSignBytes(chainID, int32(i)); !bytes.Equal(got, want) {
				t.Fatalf("vote sign bytes %d: %x, CometBFT %x", i, got, want)
			}
		}
	}
	sameVerdict(t, "ValidateBasic", u.ValidateBasic(chainID), cu.ValidateBasic(chainID))
	// CometBFT's VerifyCommitLight checks each entry's form on its one-signature path
	// only (see the tendermint package doc); compare where the commit is well formed.
	if u.Commit.ValidateBasic() == nil {
		sameVerdict(t, "VerifyCommitLight",
			vals.VerifyCommitLight(chainID, &u.Commit.BlockID, int64(u.Header.Height), &u.Commit),
			cvals.VerifyCommitLight(chainID, cu.Commit.BlockID, cu.Height, cu.Commit))
	}
}

// stepClock draws a trusting period, a clock drift and a time around the untrusted header.
func stepClock(t *rapid.T, t1 time.Time) (period, drift time.Duration, now time.Time) {
	period = time.Duration(rapid.Int64Range(1, 48).Draw(t, "periodHours")) * time.Hour
	drift = time.Duration(rapid.Int64Range(0, 20).Draw(t, "driftSeconds")) * time.Second
	now = t1.Add(time.Duration(rapid.Int64Range(-int64(time.Minute), 3*int64(time.Hour)).Draw(t, "delay")))
	return period, drift, now
}

func TestDifferentialCometBFT(t *testing.T) {
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		st := tenderminttest.AdjacentStep(t, "chain-a", rapid.Bool().Draw(t, "allSign"))
		trusted, untrusted := st.Trusted, st.Untrusted
		period, drift, now := stepClock(t, untrusted.Header.Time)
		vals := &st.Set2.Vals
		if corrupt(t, &untrusted, trusted.Header.Time) {
			vals = &st.Set1.Vals
		}
		ct, cu := cmtSignedHeader(&trusted), cmtSignedHeader(&untrusted)
		cvals := cmtValidatorSet(t, vals)
		compareCommon(t, "chain-a", &untrusted, cu, vals, cvals)
		ours := tendermint.VerifyAdjacent(&trusted, &untrusted, vals, period, now, drift)
		sameVerdict(t, "VerifyAdjacent", ours, light.VerifyAdjacent(ct, cu, cvals, period, now, drift))
		if ours == nil {
			accepted++
		} else {
			refused++
		}
	})
	t.Logf("adjacent steps: %d accepted by both, %d refused by both", accepted, refused)
}

// TestDifferentialCometBFTSkipping is the same for skipping steps: the untrusted set keeps
// some of the trusted validators, and VerifyCommitLightTrusting (members found by address,
// trust levels 1/3 to 1) and light.VerifyNonAdjacent must agree.
func TestDifferentialCometBFTSkipping(t *testing.T) {
	accepted, notTrusted, refused := 0, 0, 0
	rapid.Check(t, func(t *rapid.T) {
		st := tenderminttest.SkippingStep(t, "chain-a", rapid.Bool().Draw(t, "allSign"))
		trusted, untrusted := st.Trusted, st.Untrusted
		period, drift, now := stepClock(t, untrusted.Header.Time)
		level := rapid.SampledFrom([]tendermint.TrustLevel{{Num: 1, Den: 3}, {Num: 1, Den: 2},
			{Num: 2, Den: 3}, {Num: 7, Den: 9}, {Num: 1, Den: 1}}).Draw(t, "level")
		vals := &st.Set2.Vals
		if corrupt(t, &untrusted, trusted.Header.Time) {
			vals = &st.Set1.Vals
		}
		ct, cu := cmtSignedHeader(&trusted), cmtSignedHeader(&untrusted)
		cvals, ctrusted := cmtValidatorSet(t, vals), cmtValidatorSet(t, &st.Set1.Vals)
		compareCommon(t, "chain-a", &untrusted, cu, vals, cvals)
		frac := cmtmath.Fraction{Numerator: level.Num, Denominator: level.Den}
		if untrusted.Commit.ValidateBasic() == nil {
			sameVerdict(t, "VerifyCommitLightTrusting",
				st.Set1.Vals.VerifyCommitLightTrusting("chain-a", &untrusted.Commit, level),
				ctrusted.VerifyCommitLightTrusting("chain-a", cu.Commit, frac))
		}
		ours := tendermint.VerifyNonAdjacent(&trusted, &st.Set1.Vals, &untrusted, vals, period, now, drift, level)
		sameVerdict(t, "VerifyNonAdjacent", ours, light.VerifyNonAdjacent(ct, ctrusted, cu, cvals, period, now, drift, frac))
		switch {
		case ours == nil:
			accepted++
		case errors.Is(ours, tendermint.ErrNotTrusted):
			notTrusted++
		default:
			refused++
		}
	})
	t.Logf("skipping steps: %d accepted by both, %d refused for too little trusted power, %d refused otherwise", accepted, notTrusted, refused)
}
