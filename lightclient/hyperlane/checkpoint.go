package hyperlane

import (
	"encoding/binary"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/keccak"
)

// DomainHash is CheckpointLib.domainHash: keccak256(u32be(origin) ‖ merkleTreeHook ‖
// "HYPERLANE"). It binds a checkpoint to the origin chain and the hook whose tree it
// roots.
func DomainHash(origin uint32, merkleTreeHook interop.Hash) interop.Hash {
	var o [4]byte
	binary.BigEndian.PutUint32(o[:], origin)
	return keccak.Sum256Parts(o[:], merkleTreeHook[:], []byte("HYPERLANE"))
}

// AnnouncementDomainHash is ValidatorAnnounce's domain hash, with "HYPERLANE_ANNOUNCEMENT".
func AnnouncementDomainHash(origin uint32, mailbox interop.Hash) interop.Hash {
	var o [4]byte
	binary.BigEndian.PutUint32(o[:], origin)
	return keccak.Sum256Parts(o[:], mailbox[:], []byte("HYPERLANE_ANNOUNCEMENT"))
}

// Checkpoint is a validator's statement that the origin hook's tree had Root after the
// leaf at Index, for the message MessageID at that index. MessageID is zero for the
// legacy checkpoints that did not carry one.
type Checkpoint struct {
	Origin         uint32
	MerkleTreeHook interop.Hash
	Root           interop.Hash
	Index          uint32
	MessageID      interop.Hash
}

// SigningHash is what validators sign, before EIP-191: keccak256(domainHash ‖ root ‖
// u32be(index) ‖ messageId) (CheckpointLib.digest's inner hash).
func (c *Checkpoint) SigningHash() interop.Hash {
	d := DomainHash(c.Origin, c.MerkleTreeHook)
	var i [4]byte
	binary.BigEndian.PutUint32(i[:], c.Index)
	return keccak.Sum256Parts(d[:], c.Root[:], i[:], c.MessageID[:])
}

// LegacySigningHash is the signing hash of checkpoints without a message id:
// keccak256(domainHash ‖ root ‖ u32be(index)).
func (c *Checkpoint) LegacySigningHash() interop.Hash {
	d := DomainHash(c.Origin, c.MerkleTreeHook)
	var i [4]byte
	binary.BigEndian.PutUint32(i[:], c.Index)
	return keccak.Sum256Parts(d[:], c.Root[:], i[:])
}

// Digest is CheckpointLib.digest: the EIP-191 hash of SigningHash, which the ISMs
// ecrecover.
func (c *Checkpoint) Digest() interop.Hash { return EthSignedMessageHash(c.SigningHash()) }

// EthSignedMessageHash is ECDSA.toEthSignedMessageHash (EIP-191 version 0x45 over 32
// bytes): keccak256("\x19Ethereum Signed Message:\n32" ‖ h).
func EthSignedMessageHash(h interop.Hash) interop.Hash {
	return keccak.Sum256Parts([]byte("\x19Ethereum Signed Message:\n32"), h[:])
}

// Recover returns the address that signed digest, under OpenZeppelin ECDSA.recover's
// rules, which the ISMs use: v is 27 or 28 and s at most n/2 (EIP-2); anything else is
// ErrSignature. Cost: one secp256k1 recovery, no allocation beyond an error.
func Recover(digest interop.Hash, sig [65]byte) (interop.Address, error) {
	if sig[64] != 27 && sig[64] != 28 {
		return interop.Address{}, errorf(ErrSignature, "v = %d", sig[64])
	}
	a, err := secp256k1.RecoverAddressStrict(digest, sig)
	if err != nil {
		return interop.Address{}, errorf(ErrSignature, "%v", err)
	}
	return a, nil
}
