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
		type member struct {
			v tendermint.Validator
			k ed25519.PrivateKey
		}
		ms := make([]member, n)
		for i := range ms {
			seed := rapid.SliceOfN(rapid.Byte(), ed25519.SeedSize, ed25519.SeedSize).Draw(t, "seed")
			k := ed25519.NewKeyFromSeed(seed)
			pub := k.Public().(ed25519.PublicKey)
			addr := sha256.Sum256(pub)
			var v tendermint.Validator
			v.Address = addr[:20]
			v.PubKey.Type = "tendermint/PubKeyEd25519"
			v.PubKey.Value = pub
			v.VotingPower = tendermint.Int64(rapid.Int64Range(1, maxPower).Draw(t, "power"))
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
	})
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

// Step is an adjacent light-client step: Trusted at some height, signed by Set1 and naming
// Set2 as the next validators, and Untrusted one height later, signed by Set2.
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
