package tendermint

// Commit verification: CometBFT's VerifyCommitLight and VerifyCommitLightTrusting.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"math/bits"
	"slices"

	"github.com/interopkit/interop"
)

// VerifyCommitLight is ValidatorSet.VerifyCommitLight: the commit is for blockID at
// height, has one entry per validator, and the COMMIT signatures, each well formed (a
// 20-byte address, 1 to 64 signature bytes) and verified with Ed25519 over
// VoteSignBytes under the key of the validator at its index, carry more than 2/3 of the
// total voting power. As in CometBFT, signatures are checked in order until the power
// suffices, and an entry's validator address, which the vote does not sign, is not
// compared with the validator's. One difference: CometBFT v0.38 checks an entry's form
// only on its one-signature path, not in the batch path it takes for two or more
// entries, so it can accept a commit whose counted entry has, say, an empty address;
// such a commit fails Commit.ValidateBasic, which VerifyAdjacent (here and in
// CometBFT's light client) runs first, so their verdicts agree there.
//
// Before any signature is checked it refuses, as bounds: a chain id over MaxChainIDLen
// (ErrInvalidHeader), a commit block id whose hashes are not empty or 32 bytes, more than
// MaxValidators validators, and a total power over MaxTotalVotingPower (ErrInvalidCommit).
// Cost: at most len(vs.Validators) Ed25519 verifications over sign bytes of at most ~200
// bytes, in a reused buffer.
func (vs *ValidatorSet) VerifyCommitLight(chainID string, blockID *BlockID, height int64, c *Commit) error {
	if len(vs.Validators) != len(c.Signatures) {
		return fmt.Errorf("%w: %d signatures for %d validators", ErrInvalidCommit, len(c.Signatures), len(vs.Validators))
	}
	if err := checkSignBytesBounds(chainID, c); err != nil {
		return err
	}
	if int64(c.Height) != height {
		return fmt.Errorf("%w: commit height %d, want %d", ErrInvalidCommit, c.Height, height)
	}
	if !bytes.Equal(c.BlockID.proto(), blockID.proto()) {
		return fmt.Errorf("%w: commit for block %X, want %X", ErrInvalidCommit, c.BlockID.Hash, blockID.Hash)
	}
	total, err := vs.totalPower()
	if err != nil {
		return err
	}
	needed := total * 2 / 3 // total ≤ MaxTotalVotingPower: no overflow
	tallied, err := vs.tally(chainID, c, uint64(needed), false)
	if err != nil {
		return err
	}
	if tallied <= uint64(needed) {
		return fmt.Errorf("%w: %d of %d voting power signed, need more than %d", ErrInvalidCommit, tallied, total, needed)
	}
	return nil
}

// checkSignBytesBounds refuses, before any signature is checked, what would make each
// signature's sign bytes long: every counted entry is verified over bytes that carry the
// chain id and the block id, so a long one would be hashed once per signature (work
// quadratic in the input). Headers that pass ValidateBasic always pass this.
func checkSignBytesBounds(chainID string, c *Commit) error {
	if len(chainID) > MaxChainIDLen {
		return fmt.Errorf("%w: chain id of %d bytes (max %d)", ErrInvalidHeader, len(chainID), MaxChainIDLen)
	}
	if len(c.Signatures) > MaxValidators {
		return fmt.Errorf("%w: %d signatures, max %d", ErrInvalidCommit, len(c.Signatures), MaxValidators)
	}
	if err := c.BlockID.validateBasic("block id"); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidCommit, err)
	}
	return nil
}

// totalPower sums the voting powers, as CometBFT's ValidatorSet does: at most
// MaxValidators members, each power non-negative, the total at most MaxTotalVotingPower,
// and no Ed25519 key twice (NewValidatorSet refuses duplicates; vote sign bytes name no
// validator, so a repeated key would have one signature counted once per listing). The
// duplicate check sorts a copy of the keys: O(n log n), 32n bytes.
func (vs *ValidatorSet) totalPower() (int64, error) {
	if len(vs.Validators) > MaxValidators {
		return 0, fmt.Errorf("%w: %d validators, max %d", ErrInvalidCommit, len(vs.Validators), MaxValidators)
	}
	var total int64
	keys := make([][ed25519.PublicKeySize]byte, 0, len(vs.Validators))
	for i, v := range vs.Validators {
		if v.VotingPower < 0 || total > MaxTotalVotingPower-int64(v.VotingPower) {
			return 0, fmt.Errorf("%w: voting power %d of validator %d takes the total over %d", ErrInvalidCommit, v.VotingPower, i, int64(MaxTotalVotingPower))
		}
		total += int64(v.VotingPower)
		if len(v.PubKey.Value) == ed25519.PublicKeySize {
			keys = append(keys, [ed25519.PublicKeySize]byte(v.PubKey.Value))
		}
	}
	slices.SortFunc(keys, func(a, b [ed25519.PublicKeySize]byte) int { return bytes.Compare(a[:], b[:]) })
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			return 0, fmt.Errorf("%w: validator key %X listed twice", ErrInvalidCommit, keys[i])
		}
	}
	return total, nil
}

// tally is CometBFT's verifyCommitSingle: it walks c's COMMIT entries in order, checks each
// entry's form, finds its validator — the one at the same index, or byAddress the one whose
// Ed25519 key hashes to the entry's address (entries of no member are skipped, a member
// counted twice is an error) — verifies the signature and adds the power, stopping as soon
// as the sum exceeds needed. It returns the sum.
func (vs *ValidatorSet) tally(chainID string, c *Commit, needed uint64, byAddress bool) (uint64, error) {
	var index map[[addressSize]byte]int
	var seen []bool
	if byAddress {
		index = make(map[[addressSize]byte]int, len(vs.Validators))
		for i, v := range vs.Validators {
			if len(v.PubKey.Value) == ed25519.PublicKeySize {
				h := sha256.Sum256(v.PubKey.Value)
				index[[addressSize]byte(h[:addressSize])] = i
			}
		}
		seen = make([]bool, len(vs.Validators))
	}
	blockID := c.BlockID.proto()
	var sb signBytes
	var tallied uint64
	for i := range c.Signatures {
		s := &c.Signatures[i]
		if s.BlockIDFlag != FlagCommit {
			continue
		}
		if len(s.ValidatorAddress) != addressSize || len(s.Signature) == 0 || len(s.Signature) > maxSigSize {
			return tallied, fmt.Errorf("%w: signature %d: %d-byte address, %d-byte signature", ErrInvalidCommit, i, len(s.ValidatorAddress), len(s.Signature))
		}
		vi := i
		if byAddress {
			var ok bool
			if vi, ok = index[[addressSize]byte(s.ValidatorAddress)]; !ok {
				continue
			}
			if seen[vi] {
				return tallied, fmt.Errorf("%w: validator %X signed twice (entry %d)", ErrInvalidCommit, s.ValidatorAddress, i)
			}
			seen[vi] = true
		}
		v := &vs.Validators[vi]
		if v.PubKey.Type != "tendermint/PubKeyEd25519" || len(v.PubKey.Value) != ed25519.PublicKeySize {
			return tallied, fmt.Errorf("%w: validator %d key type %q", ErrInvalidCommit, vi, v.PubKey.Type)
		}
		if !ed25519.Verify(ed25519.PublicKey(v.PubKey.Value), sb.of(chainID, c, blockID, s), s.Signature) {
			return tallied, fmt.Errorf("%w: bad signature %d by %X", ErrInvalidCommit, i, s.ValidatorAddress)
		}
		tallied += uint64(v.VotingPower)
		if tallied > needed {
			return tallied, nil
		}
	}
	return tallied, nil
}

// TrustLevel is the fraction of a trusted validator set's power that must sign a header
// for a skipping (non-adjacent) step to trust it; CometBFT's light client accepts levels
// in [1/3, 1] and defaults to 1/3. It is the module's one fraction type, interop.Fraction.
type TrustLevel = interop.Fraction

// DefaultTrustLevel is 1/3, CometBFT's light.DefaultTrustLevel.
var DefaultTrustLevel = TrustLevel{Num: 1, Den: 3}

func validateTrustLevel(l TrustLevel) error {
	if l.Den == 0 || l.Num > l.Den {
		return fmt.Errorf("%w: %d/%d", ErrTrustLevel, l.Num, l.Den)
	}
	// Num·3 < Den, without overflow.
	if hi, lo := bits.Mul64(l.Num, 3); hi == 0 && lo < l.Den {
		return fmt.Errorf("%w: %d/%d", ErrTrustLevel, l.Num, l.Den)
	}
	return nil
}

// VerifyCommitLightTrusting is ValidatorSet.VerifyCommitLightTrusting: the COMMIT entries
// of c signed by members of vs — found by address, since vs need not be the set that
// produced c — carry more than level of vs's total power. The threshold is computed
// exactly (CometBFT refuses levels whose numerator times the total overflows int64).
// Too little power is ErrNotTrusted; a bad or repeated signature ErrInvalidCommit. The
// bounds of VerifyCommitLight apply, and more than MaxValidators signatures is refused
// first; entries of non-members cost one map lookup each, members one verification each
// at most (a member counted twice is an error, not a second verification).
func (vs *ValidatorSet) VerifyCommitLightTrusting(chainID string, c *Commit, level TrustLevel) error {
	if level.Den == 0 {
		return fmt.Errorf("%w: zero denominator", ErrTrustLevel)
	}
	if err := checkSignBytesBounds(chainID, c); err != nil {
		return err
	}
	total, err := vs.totalPower()
	if err != nil {
		return err
	}
	hi, lo := bits.Mul64(uint64(total), level.Num)
	if hi >= level.Den {
		return fmt.Errorf("%w: %d/%d", ErrTrustLevel, level.Num, level.Den)
	}
	needed, _ := bits.Div64(hi, lo, level.Den)
	tallied, err := vs.tally(chainID, c, needed, true)
	if err != nil {
		return err
	}
	if tallied <= needed {
		return fmt.Errorf("%w: %d of %d trusted voting power signed, need more than %d", ErrNotTrusted, tallied, total, needed)
	}
	return nil
}
