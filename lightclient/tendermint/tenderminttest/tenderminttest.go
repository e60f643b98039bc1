// Package tenderminttest generates CometBFT validator sets, headers and commits signed
// with real Ed25519 keys, for property tests of light-client verification.
package tenderminttest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"slices"
	"time"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/lightclient/tendermint"
)

// Set is a validator set with its signing keys, Keys[i] belonging to Vals.Validators[i].
type Set struct {
	Vals tendermint.ValidatorSet
	Keys []ed25519.PrivateKey
}

// Power returns the total voting power of the set.
func (s *Set) Power() int64 {
	var p int64
	for _, v := range s.Vals.Validators {
		p += int64(v.VotingPower)
	}
	return p
}

// ValidatorSet generates 1 to maxN Ed25519 validators with voting powers in [1, maxPower],
// in CometBFT's canonical order (power descending, then address ascending).
func ValidatorSet(maxN int, maxPower int64) *rapid.Generator[Set] {
	return rapid.Custom(func(t *rapid.T) Set {
		n := rapid.IntRange(1, maxN).Draw(t, "validators")
		keys := make([]ed25519.PrivateKey, n)
		powers := make([]int64, n)
		for i := range keys {
			keys[i] = ed25519.NewKeyFromSeed(rapid.SliceOfN(rapid.Byte(), ed25519.SeedSize, ed25519.SeedSize).Draw(t, "seed"))
			powers[i] = rapid.Int64Range(1, maxPower).Draw(t, "power")
		}
		return NewSet(keys, powers)
	})
}

// NewSet builds the validator set of the given keys and powers, in canonical order.
func NewSet(keys []ed25519.PrivateKey, powers []int64) Set {
	type member struct {
		v tendermint.Validator
		k ed25519.PrivateKey
	}
	ms := make([]member, len(keys))
	for i, k := range keys {
		pub := k.Public().(ed25519.PublicKey)
		addr := sha256.Sum256(pub)
		var v tendermint.Validator
		v.Address = addr[:20]
		v.PubKey.Type = "tendermint/PubKeyEd25519"
		v.PubKey.Value = pub
		v.VotingPower = tendermint.Int64(powers[i])
		ms[i] = member{v, k}
	}
	slices.SortFunc(ms, func(a, b member) int {
		if a.v.VotingPower != b.v.VotingPower {
			if a.v.VotingPower > b.v.VotingPower {
				return -1
			}
			return 1
		}
		return bytes.Compare(a.v.Address, b.v.Address)
	})
	var s Set
	for _, m := range ms {
		s.Vals.Validators = append(s.Vals.Validators, m.v)
		s.Keys = append(s.Keys, m.k)
	}
	return s
}

func hash(t *rapid.T, label string) tendermint.HexBytes {
	return rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, label)
}

// Header draws a header of chainID at height and time whose validator hashes name vals
// and next; the other hashes are random 32-byte values and the app hash any length.
func Header(t *rapid.T, chainID string, height int64, tm time.Time, vals, next *tendermint.ValidatorSet) tendermint.Header {
	var h tendermint.Header
	h.Version.Block = tendermint.BlockProtocol
	h.Version.App = tendermint.Int64(rapid.Int64Range(0, 3).Draw(t, "appVersion"))
	h.ChainID = chainID
	h.Height = tendermint.Int64(height)
	h.Time = tm
	h.LastBlockID = tendermint.BlockID{Hash: hash(t, "lastBlock"), PartSetHeader: tendermint.PartSetHeader{Total: 1, Hash: hash(t, "lastParts")}}
	h.LastCommitHash = hash(t, "lastCommit")
	h.DataHash = hash(t, "data")
	h.ValidatorsHash = vals.Hash()
	h.NextValidatorsHash = next.Hash()
	h.ConsensusHash = hash(t, "consensus")
	h.AppHash = rapid.SliceOfN(rapid.Byte(), 0, 40).Draw(t, "app")
	h.LastResultsHash = hash(t, "results")
	h.EvidenceHash = hash(t, "evidence")
	h.ProposerAddress = rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "proposer")
	return h
}

// Vote is what one validator contributes to a commit.
type Vote int

// The three entries a commit can hold for a validator.
const (
	Absent   Vote = iota // no vote
	ForBlock             // a precommit for the block (BlockIDFlag COMMIT)
	ForNil               // a precommit for nil (BlockIDFlag NIL)
)

// Votes draws an entry for each of n validators.
func Votes(n int) *rapid.Generator[[]Vote] {
	return rapid.SliceOfN(rapid.SampledFrom([]Vote{Absent, ForBlock, ForNil}), n, n)
}

// Commit signs h in the given round: validator i's entry is votes[i], signed with its key
// over the canonical vote sign bytes at a time just after the header's.
func Commit(h *tendermint.Header, s *Set, round int32, votes []Vote) tendermint.Commit {
	c := tendermint.Commit{
		Height:  h.Height,
		Round:   round,
		BlockID: tendermint.BlockID{Hash: h.Hash(), PartSetHeader: tendermint.PartSetHeader{Total: 1, Hash: bytes.Repeat([]byte{0xab}, 32)}},
	}
	for i, v := range s.Vals.Validators {
		sig := tendermint.CommitSig{BlockIDFlag: tendermint.FlagAbsent}
		if votes[i] != Absent {
			sig.BlockIDFlag = tendermint.FlagCommit
			if votes[i] == ForNil {
				sig.BlockIDFlag = tendermint.FlagNil
			}
			sig.ValidatorAddress = v.Address
			sig.Timestamp = h.Time.Add(time.Duration(i+1) * time.Millisecond)
			sig.Signature = ed25519.Sign(s.Keys[i], tendermint.VoteSignBytes(h.ChainID, &c, &sig))
		}
		c.Signatures = append(c.Signatures, sig)
	}
	return c
}

// Time draws a UTC time with nanoseconds between 2020 and 2040.
func Time(t *rapid.T) time.Time {
	return time.Unix(rapid.Int64Range(1577836800, 2208988800).Draw(t, "unix"), rapid.Int64Range(0, 999999999).Draw(t, "nanos")).UTC()
}

// Step is a light-client step: Trusted, signed by Set1, and Untrusted, at a later height,
// signed by Set2 (see AdjacentStep and SkippingStep for how the sets relate).
type Step struct {
	Set1, Set2         Set
	Trusted, Untrusted tendermint.SignedHeader
}

// AdjacentStep draws a step on chainID with up to four validators per set. Every validator
// of Set1 signs the trusted commit; Set2's votes on the untrusted one are all for the
// block when allSign, else drawn with Votes. The untrusted header is 1 ns to 1 h later.
func AdjacentStep(t *rapid.T, chainID string, allSign bool) Step {
	var s Step
	s.Set1 = ValidatorSet(4, 30).Draw(t, "set1")
	s.Set2 = ValidatorSet(4, 30).Draw(t, "set2")
	height := rapid.Int64Range(1, 1<<40).Draw(t, "height")
	t0 := Time(t)
	t1 := t0.Add(time.Duration(rapid.Int64Range(1, int64(time.Hour)).Draw(t, "blockTime")))
	th := Header(t, chainID, height, t0, &s.Set1.Vals, &s.Set2.Vals)
	s.Trusted = tendermint.SignedHeader{Header: th, Commit: Commit(&th, &s.Set1, 0, all(len(s.Set1.Vals.Validators)))}
	uh := Header(t, chainID, height+1, t1, &s.Set2.Vals, &s.Set2.Vals)
	votes := all(len(s.Set2.Vals.Validators))
	if !allSign {
		votes = Votes(len(votes)).Draw(t, "votes")
	}
	s.Untrusted = tendermint.SignedHeader{Header: uh, Commit: Commit(&uh, &s.Set2, int32(rapid.IntRange(0, 2).Draw(t, "round")), votes)}
	return s
}

func all(n int) []Vote {
	v := make([]Vote, n)
	for i := range v {
		v[i] = ForBlock
	}
	return v
}

// SkippingStep draws a non-adjacent step on chainID: Trusted at some height, signed by and
// naming Set1 as its validators, and Untrusted 2 to 1,000 heights later with validator set
// Set2, which keeps a random subset of Set1's keys (with new powers) and adds new ones.
// Set2's votes are all for the block when allSign, else drawn with Votes.
func SkippingStep(t *rapid.T, chainID string, allSign bool) Step {
	var s Step
	s.Set1 = ValidatorSet(4, 30).Draw(t, "set1")
	var keys []ed25519.PrivateKey
	var powers []int64
	for i, k := range s.Set1.Keys {
		if rapid.Bool().Draw(t, "keep") {
			keys = append(keys, k)
			powers = append(powers, int64(s.Set1.Vals.Validators[i].VotingPower)+rapid.Int64Range(-1, 1).Draw(t, "powerChange"))
			if powers[len(powers)-1] == 0 {
				powers[len(powers)-1] = 1
			}
		}
	}
	fresh := ValidatorSet(3, 30).Draw(t, "fresh")
	if len(keys) > 0 && rapid.Bool().Draw(t, "noFresh") {
		fresh = Set{}
	}
	for i, k := range fresh.Keys {
		keys = append(keys, k)
		powers = append(powers, int64(fresh.Vals.Validators[i].VotingPower))
	}
	s.Set2 = NewSet(keys, powers)
	height := rapid.Int64Range(1, 1<<40).Draw(t, "height")
	t0 := Time(t)
	t1 := t0.Add(time.Duration(rapid.Int64Range(1, int64(time.Hour)).Draw(t, "blockTime")))
	th := Header(t, chainID, height, t0, &s.Set1.Vals, &s.Set1.Vals)
	s.Trusted = tendermint.SignedHeader{Header: th, Commit: Commit(&th, &s.Set1, 0, all(len(s.Set1.Vals.Validators)))}
	uh := Header(t, chainID, height+rapid.Int64Range(2, 1000).Draw(t, "gap"), t1, &s.Set2.Vals, &s.Set2.Vals)
	votes := all(len(s.Set2.Vals.Validators))
	if !allSign {
		votes = Votes(len(votes)).Draw(t, "votes")
	}
	s.Untrusted = tendermint.SignedHeader{Header: uh, Commit: Commit(&uh, &s.Set2, int32(rapid.IntRange(0, 2).Draw(t, "round")), votes)}
	return s
}
