package tendermint_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
)

func signedPower(s *tenderminttest.Set, votes []tenderminttest.Vote) int64 {
	var p int64
	for i, v := range votes {
		if v == tenderminttest.ForBlock {
			p += int64(s.Vals.Validators[i].VotingPower)
		}
	}
	return p
}

// A commit verifies exactly when the validators that precommitted for the block hold
// more than 2/3 of the total power; nil votes and absences count for nothing.
func TestPropCommitThreshold(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := tenderminttest.ValidatorSet(8, 50).Draw(t, "set")
		h := tenderminttest.Header(t, "chain-a", rapid.Int64Range(1, 1<<40).Draw(t, "height"), tenderminttest.Time(t), &s.Vals, &s.Vals)
		votes := tenderminttest.Votes(len(s.Vals.Validators)).Draw(t, "votes")
		c := tenderminttest.Commit(&h, &s, int32(rapid.IntRange(0, 3).Draw(t, "round")), votes)
		sh := tendermint.SignedHeader{Header: h, Commit: c}
		if err := sh.ValidateBasic("chain-a"); err != nil {
			t.Fatalf("generated signed header: %v", err)
		}
		err := s.Vals.VerifyCommitLight("chain-a", &c.BlockID, int64(h.Height), &c)
		want := 3*signedPower(&s, votes) > 2*s.Power()
		if (err == nil) != want {
			t.Fatalf("signed %d of %d: %v", signedPower(&s, votes), s.Power(), err)
		}
		if err != nil && !errors.Is(err, tendermint.ErrInvalidCommit) {
			t.Fatalf("unwrapped: %v", err)
		}
	})
}

// A verifying commit stops verifying when the first block signature it checks, the
// round, the height, the block id or the chain id changes.
func TestPropCommitTamper(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := tenderminttest.ValidatorSet(6, 50).Draw(t, "set")
		h := tenderminttest.Header(t, "chain-a", rapid.Int64Range(1, 1<<40).Draw(t, "height"), tenderminttest.Time(t), &s.Vals, &s.Vals)
		votes := make([]tenderminttest.Vote, len(s.Vals.Validators))
		for i := range votes {
			votes[i] = tenderminttest.ForBlock
		}
		c := tenderminttest.Commit(&h, &s, 0, votes)
		height, chain, id := int64(h.Height), "chain-a", c.BlockID
		switch rapid.IntRange(0, 4).Draw(t, "what") {
		case 0:
			sig := bytes.Clone(c.Signatures[0].Signature)
			sig[rapid.IntRange(0, len(sig)-1).Draw(t, "at")] ^= byte(rapid.IntRange(1, 255).Draw(t, "xor"))
			c.Signatures[0].Signature = sig
		case 1:
			c.Round++
		case 2:
			c.Height++
			height++
		case 3:
			id.Hash = bytes.Clone(id.Hash)
			id.Hash[rapid.IntRange(0, 31).Draw(t, "at")] ^= 1
			c.BlockID = id
		default:
			chain = "chain-b"
		}
		if err := s.Vals.VerifyCommitLight(chain, &id, height, &c); !errors.Is(err, tendermint.ErrInvalidCommit) {
			t.Fatalf("tampered commit: %v", err)
		}
	})
}

// Every header field is bound by the header hash.
func TestPropHeaderHashBindsFields(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := tenderminttest.ValidatorSet(3, 10).Draw(t, "set")
		h := tenderminttest.Header(t, "chain-a", rapid.Int64Range(1, 1<<40).Draw(t, "height"), tenderminttest.Time(t), &s.Vals, &s.Vals)
		want := h.Hash()
		g := h
		byteFields := []*tendermint.HexBytes{&g.LastBlockID.Hash, &g.LastCommitHash, &g.DataHash, &g.ValidatorsHash,
			&g.NextValidatorsHash, &g.ConsensusHash, &g.AppHash, &g.LastResultsHash, &g.EvidenceHash, &g.ProposerAddress}
		switch f := rapid.IntRange(0, 4+len(byteFields)).Draw(t, "field"); f {
		case 0:
			g.Version.App++
		case 1:
			g.ChainID += "x"
		case 2:
			g.Height++
		case 3:
			g.Time = g.Time.Add(time.Nanosecond)
		case 4:
			g.LastBlockID.PartSetHeader.Total++
		default:
			b := bytes.Clone(*byteFields[f-5])
			if len(b) == 0 {
				b = tendermint.HexBytes{1}
			} else {
				b[rapid.IntRange(0, len(b)-1).Draw(t, "at")] ^= 1
			}
			*byteFields[f-5] = b
		}
		if bytes.Equal(g.Hash(), want) {
			t.Fatal("changed header, same hash")
		}
	})
}

// An adjacent step verifies when everything lines up, and each broken condition gives
// its own sentinel.
func TestPropAdjacent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		st := tenderminttest.AdjacentStep(t, "chain-a", true)
		trusted, untrusted := st.Trusted, st.Untrusted
		s1, s2 := &st.Set1, &st.Set2
		t0, t1 := trusted.Header.Time, untrusted.Header.Time
		period, drift := 24*time.Hour, 10*time.Second
		now := t1.Add(time.Duration(rapid.Int64Range(0, int64(time.Hour)).Draw(t, "delay")))
		if err := tendermint.VerifyAdjacent(&trusted, &untrusted, &s2.Vals, period, now, drift); err != nil {
			t.Fatalf("valid step: %v", err)
		}
		vals := &s2.Vals
		var want error
		switch rapid.IntRange(0, 6).Draw(t, "break") {
		case 0:
			now = t0.Add(period)
			want = tendermint.ErrExpired
		case 1:
			now = t1.Add(-drift)
			want = tendermint.ErrFuture
		case 2:
			untrusted.Header.Height++
			want = tendermint.ErrInvalidHeader
		case 3:
			vals = &s1.Vals
			if bytes.Equal(s1.Vals.Hash(), s2.Vals.Hash()) {
				return
			}
			want = tendermint.ErrInvalidHeader
		case 4:
			untrusted.Header.ProposerAddress = untrusted.Header.ProposerAddress[:19]
			want = tendermint.ErrInvalidHeader
		case 5:
			untrusted.Header.AppHash = append(bytes.Clone(untrusted.Header.AppHash), 0)
			want = tendermint.ErrInvalidCommit // the commit no longer names the header
		default:
			// Only the first validator's precommit remains.
			first := untrusted.Commit.Signatures[0]
			untrusted.Commit = tenderminttest.Commit(&untrusted.Header, s2, untrusted.Commit.Round, make([]tenderminttest.Vote, len(s2.Vals.Validators)))
			untrusted.Commit.Signatures[0] = first
			if 3*int64(s2.Vals.Validators[0].VotingPower) > 2*s2.Power() {
				return
			}
			want = tendermint.ErrInvalidCommit
		}
		if err := tendermint.VerifyAdjacent(&trusted, &untrusted, vals, period, now, drift); !errors.Is(err, want) {
			t.Fatalf("want %v, got %v", want, err)
		}
	})
}

// ValidateBasic refuses what CometBFT's stateless checks refuse.
func TestPropValidateBasic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := tenderminttest.ValidatorSet(3, 10).Draw(t, "set")
		h := tenderminttest.Header(t, "chain-a", rapid.Int64Range(1, 1<<40).Draw(t, "height"), tenderminttest.Time(t), &s.Vals, &s.Vals)
		c := tenderminttest.Commit(&h, &s, 0, tenderminttest.Votes(len(s.Vals.Validators)).Draw(t, "votes"))
		want := tendermint.ErrInvalidHeader
		switch rapid.IntRange(0, 9).Draw(t, "break") {
		case 0:
			h.Version.Block = tendermint.Int64(rapid.SampledFrom([]int64{0, 10, 12}).Draw(t, "protocol"))
		case 1:
			h.ChainID = string(bytes.Repeat([]byte{'c'}, tendermint.MaxChainIDLen+1))
		case 2:
			h.Height = tendermint.Int64(-rapid.Int64Range(0, 5).Draw(t, "height"))
		case 3:
			h.DataHash = h.DataHash[:rapid.IntRange(1, 31).Draw(t, "len")]
		case 4:
			h.LastBlockID.PartSetHeader.Hash = append(bytes.Clone(h.LastBlockID.PartSetHeader.Hash), 0)
		case 5:
			h.ProposerAddress = nil
		case 6:
			c.Round = -1
			want = tendermint.ErrInvalidCommit
		case 7:
			c.Signatures[0].BlockIDFlag = rapid.SampledFrom([]int{0, 4, 255}).Draw(t, "flag")
			want = tendermint.ErrInvalidCommit
		case 8:
			c.Signatures[0] = tendermint.CommitSig{BlockIDFlag: tendermint.FlagAbsent, Signature: []byte{1}}
			want = tendermint.ErrInvalidCommit
		default:
			c.Signatures = nil
			want = tendermint.ErrInvalidCommit
		}
		sh := tendermint.SignedHeader{Header: h, Commit: c}
		if err := sh.ValidateBasic("chain-a"); !errors.Is(err, want) {
			t.Fatalf("want %v, got %v", want, err)
		}
	})
}

// A skipping step verifies exactly when the members of the trusted set that signed hold
// more than the trust level of its power and the new set signed with more than 2/3; the
// first failure is ErrNotTrusted, the second ErrInvalidCommit.
func TestPropNonAdjacent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		st := tenderminttest.SkippingStep(t, "chain-a", rapid.Bool().Draw(t, "allSign"))
		level := rapid.SampledFrom([]tendermint.TrustLevel{{Num: 1, Den: 3}, {Num: 1, Den: 2},
			{Num: 2, Den: 3}, {Num: 1, Den: 1}}).Draw(t, "level")
		trustedPower := map[string]int64{}
		for _, v := range st.Set1.Vals.Validators {
			trustedPower[string(v.PubKey.Value)] = int64(v.VotingPower)
		}
		var fromTrusted, fromNew int64
		for i, s := range st.Untrusted.Commit.Signatures {
			if s.BlockIDFlag == tendermint.FlagCommit {
				v := st.Set2.Vals.Validators[i]
				fromTrusted += trustedPower[string(v.PubKey.Value)]
				fromNew += int64(v.VotingPower)
			}
		}
		now := st.Untrusted.Header.Time.Add(time.Minute)
		err := tendermint.VerifyNonAdjacent(&st.Trusted, &st.Set1.Vals, &st.Untrusted, &st.Set2.Vals, 24*time.Hour, now, 10*time.Second, level)
		switch {
		case uint64(fromTrusted)*level.Den <= uint64(st.Set1.Power())*level.Num:
			if !errors.Is(err, tendermint.ErrNotTrusted) {
				t.Fatalf("trusted signers %d of %d at %d/%d: %v", fromTrusted, st.Set1.Power(), level.Num, level.Den, err)
			}
		case 3*fromNew <= 2*st.Set2.Power():
			if !errors.Is(err, tendermint.ErrInvalidCommit) {
				t.Fatalf("new signers %d of %d: %v", fromNew, st.Set2.Power(), err)
			}
		default:
			if err != nil {
				t.Fatalf("valid skipping step: %v", err)
			}
		}
		// The same step refused: another trusted set, an adjacent height, a bad level.
		if !bytes.Equal(st.Set1.Vals.Hash(), st.Set2.Vals.Hash()) {
			if err := tendermint.VerifyNonAdjacent(&st.Trusted, &st.Set2.Vals, &st.Untrusted, &st.Set2.Vals, 24*time.Hour, now, 10*time.Second, level); !errors.Is(err, tendermint.ErrInvalidHeader) {
				t.Fatalf("trusted set not the trusted header's: %v", err)
			}
		}
		bad := tendermint.TrustLevel{Num: 1, Den: rapid.SampledFrom([]uint64{0, 4, 100}).Draw(t, "badDen")}
		if err := tendermint.VerifyNonAdjacent(&st.Trusted, &st.Set1.Vals, &st.Untrusted, &st.Set2.Vals, 24*time.Hour, now, 10*time.Second, bad); !errors.Is(err, tendermint.ErrTrustLevel) {
			t.Fatalf("trust level 1/%d: %v", bad.Den, err)
		}
		adj := st.Untrusted
		adj.Header.Height = st.Trusted.Header.Height + 1
		if err := tendermint.VerifyNonAdjacent(&st.Trusted, &st.Set1.Vals, &adj, &st.Set2.Vals, 24*time.Hour, now, 10*time.Second, level); !errors.Is(err, tendermint.ErrInvalidHeader) {
			t.Fatalf("adjacent height: %v", err)
		}
	})
}
