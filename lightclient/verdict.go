package lightclient

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// Claim is what an attestation vouches for: a digest (a message id, a state root, a
// packet hash) in a domain — the route from Origin to Destination — and the committee
// epoch that signs it. Every field is signed, so an attestation for one route or epoch
// never verifies for another.
type Claim struct {
	Origin      interop.ChainID
	Destination interop.ChainID
	Epoch       uint64
	Digest      interop.Hash
}

// claimTag domain-separates committee signatures from every other keccak256 preimage a
// signer might be asked to sign.
const claimTag = "interopkit/lightclient/claim/v1"

// SigningDigest is the 32 bytes committee members sign for c:
// keccak256(claimTag ‖ u64be(Origin) ‖ u64be(Destination) ‖ u64be(Epoch) ‖ Digest).
// ECDSA members sign it as the digest; BLS members sign it as the message.
func (c Claim) SigningDigest() interop.Hash {
	var buf [len(claimTag) + 24 + 32]byte
	n := copy(buf[:], claimTag)
	binary.BigEndian.PutUint64(buf[n:], uint64(c.Origin))
	binary.BigEndian.PutUint64(buf[n+8:], uint64(c.Destination))
	binary.BigEndian.PutUint64(buf[n+16:], c.Epoch)
	copy(buf[n+24:], c.Digest[:])
	return keccak.Sum256(buf[:])
}

func (c Claim) String() string {
	return fmt.Sprintf("%s on route %d→%d, epoch %d", c.Digest, c.Origin, c.Destination, c.Epoch)
}

// SignatureStatus is what a committee made of one signature in an attestation.
type SignatureStatus uint8

const (
	// Counted: a valid signature by a member, counted towards the threshold.
	Counted SignatureStatus = iota + 1
	// Duplicate: a valid signature by a member already counted; ignored.
	Duplicate
	// Outsider: a signature by a key outside the committee; ignored.
	Outsider
	// Invalid: a signature that does not verify or decode; ignored.
	Invalid
)

func (s SignatureStatus) String() string {
	switch s {
	case Counted:
		return "counted"
	case Duplicate:
		return "duplicate"
	case Outsider:
		return "outsider"
	case Invalid:
		return "invalid"
	}
	return fmt.Sprintf("SignatureStatus(%d)", uint8(s))
}

// SignatureReport says what became of one signature of an attestation.
type SignatureReport struct {
	// Index is the signature's position in Attestation.ECDSA or Attestation.BLS.
	Index int
	// Signer is the recovered or named key; zero for an ECDSA signature that did not
	// recover.
	Signer Signer
	Status SignatureStatus
	// Weight is the stake counted for it (1 per member under a Threshold rule).
	Weight uint64
}

// Verdict is a verifier's answer with its reasons: for a combinator, the verdicts of
// its children; for a committee, what became of every signature. A Verdict is only
// about its Claim: Satisfies checks both.
type Verdict struct {
	// Verifier describes the rule that produced this verdict ("2 of 3, epoch 0").
	Verifier string
	Claim    Claim
	Accepted bool
	// Reason says why, in words, for a person reading the tree.
	Reason     string
	Signatures []SignatureReport
	Children   []Verdict
	err        error
}

// Accept returns an accepting verdict; verifiers outside this package build theirs with
// it and Reject.
func Accept(verifier string, c Claim, reason string) Verdict {
	return Verdict{Verifier: verifier, Claim: c, Accepted: true, Reason: reason}
}

// Reject returns a rejecting verdict whose Err is err (which should wrap a sentinel).
func Reject(verifier string, c Claim, err error) Verdict {
	if err == nil {
		err = ErrRejected
	}
	return Verdict{Verifier: verifier, Claim: c, Reason: err.Error(), err: err}
}

// Err is nil for an accepting verdict, and otherwise an error wrapping the sentinels
// that say why (errors.Is(v.Err(), ErrThreshold), ...).
func (v *Verdict) Err() error {
	if v.Accepted {
		return nil
	}
	if v.err == nil {
		return fmt.Errorf("%w: %s", ErrRejected, v.Reason)
	}
	return v.err
}

// Satisfies reports whether the verdict accepts exactly the claim c: same digest, same
// route, same epoch. A verdict for one route never satisfies another.
func (v *Verdict) Satisfies(c Claim) bool { return v.Accepted && v.Claim == c }

// String renders the verdict tree, one verifier per line, children indented, with every
// signature that was not counted.
func (v *Verdict) String() string {
	var b strings.Builder
	v.write(&b, 0)
	return b.String()
}

func (v *Verdict) write(b *strings.Builder, depth int) {
	indent := strings.Repeat("  ", depth)
	mark := "REJECT"
	if v.Accepted {
		mark = "ACCEPT"
	}
	fmt.Fprintf(b, "%s%s %s: %s\n", indent, mark, v.Verifier, v.Reason)
	for _, s := range v.Signatures {
		fmt.Fprintf(b, "%s  sig %d %s: %s\n", indent, s.Index, s.Signer, s.Status)
	}
	for i := range v.Children {
		v.Children[i].write(b, depth+1)
	}
}
