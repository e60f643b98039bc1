package radius

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/keccak"
)

// Bounds of a signed order commitment.
const (
	// MaxRollupIDLen bounds the rollup id, a free-form string in tx_orderer.
	MaxRollupIDLen = 256
	// MaxPathLen bounds pre_merkle_path: it holds one root per set bit of the
	// transaction order, so at most 64.
	MaxPathLen = 64
	// MaxCommitmentJSON bounds the JSON of one commitment, refused before it is read: the
	// longest valid one (MaxPathLen path entries, a MaxRollupIDLen id of \u escapes) is
	// about 7 KiB.
	MaxCommitmentJSON = 16 << 10
)

// OrderCommitmentData is what tx_orderer's leader signs when it accepts a transaction
// (OrderCommitmentData in src/types/order_commitment/order_commitment_type/
// sign_order_commitment.rs): the transaction with hash TransactionHash is number
// TransactionOrder (from 0) of rollup RollupID's block BlockHeight, and PreMerklePath are
// the roots of the transaction Merkle tree over the transactions before it (see
// PreMerklePath).
type OrderCommitmentData struct {
	RollupID         string
	BlockHeight      uint64
	TransactionOrder uint64
	TransactionHash  interop.Hash
	PreMerklePath    []interop.Hash
	// NoTransactionHash marks the earlier data without transaction_hash (tx_orderer
	// dd9735d4): it commits to the position and the transactions before it, not to the
	// transaction at it. TransactionHash is then zero and neither signed nor encoded.
	NoTransactionHash bool
}

// SignedOrderCommitment is tx_orderer's SignOrderCommitment: the data and the leader's
// 65-byte Ethereum signature r ‖ s ‖ v, v in {27, 28}.
type SignedOrderCommitment struct {
	Data      OrderCommitmentData
	Signature [65]byte
	// Form is the JSON form the commitment was served in; AppendJSON keeps it.
	Form Form
}

// Form tells tx_orderer's two JSON forms of a signed commitment apart. They sign the
// same bytes: bincode does not name fields.
type Form uint8

const (
	// FormHex is the form of tx_orderer up to 11aa36cb: the height under "block_height"
	// and the signature as a "0x…" hex string (SignOrderCommitment.signature: String).
	FormHex Form = iota
	// FormBatch is the later form (tx_orderer 4e2c2c33): the height under
	// "batch_number" and the signature as radius-sdk's Signature(Vec<u8>), which
	// serde_json writes as an array of 65 numbers.
	FormBatch
)

// hashString is RawTransactionHash as tx_orderer keeps it: const_hex::encode_prefixed, so
// "0x" and 64 lowercase hex digits. It is what is signed and what the Merkle leaves hash.
func appendHashString(b []byte, h *interop.Hash) []byte {
	b = append(b, '0', 'x')
	return hex.AppendEncode(b, h[:])
}

// hashStringLen is len("0x") + 64.
const hashStringLen = 66

// AppendSigningBytes appends the message tx_orderer signs: bincode 1.x's serialize of
// OrderCommitmentData (radius-sdk signature::PrivateKeySigner::sign_message), little-endian
// fixed-width integers, strings and sequences prefixed by their u64 length, fields in
// declaration order. The hashes are serialized as their hex strings, as the struct's
// serialize_merkle_path and String fields make them.
func (d *OrderCommitmentData) AppendSigningBytes(b []byte) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(len(d.RollupID)))
	b = append(b, d.RollupID...)
	b = binary.LittleEndian.AppendUint64(b, d.BlockHeight)
	b = binary.LittleEndian.AppendUint64(b, d.TransactionOrder)
	if !d.NoTransactionHash {
		b = binary.LittleEndian.AppendUint64(b, hashStringLen)
		b = appendHashString(b, &d.TransactionHash)
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(len(d.PreMerklePath)))
	for i := range d.PreMerklePath {
		b = binary.LittleEndian.AppendUint64(b, hashStringLen)
		b = appendHashString(b, &d.PreMerklePath[i])
	}
	return b
}

// eip191Prefix is EIP-191 version 0x45 (personal_sign), radius-sdk's EIP191_PREFIX.
const eip191Prefix = "\x19Ethereum Signed Message:\n"

// Digest returns the hash the orderer signs: EIP-191 personal_sign over the signing
// bytes, keccak256("\x19Ethereum Signed Message:\n" ‖ decimal length ‖ message), as
// radius-sdk's EthereumSigner (chain_type/ethereum.rs, eip191_hash_message) computes it.
func (d *OrderCommitmentData) Digest() interop.Hash {
	var stack [1024]byte
	msg := d.AppendSigningBytes(stack[:0])
	return eip191Digest(msg)
}

func eip191Digest(msg []byte) interop.Hash {
	var pre [len(eip191Prefix) + 20]byte
	p := append(pre[:0], eip191Prefix...)
	p = strconv.AppendUint(p, uint64(len(msg)), 10)
	return keccak.Sum256Parts(p, msg)
}

// Sign signs d as tx_orderer's leader does, with an RFC 6979 low-s signature and v = 27 + parity.
func Sign(key *secp256k1.PrivateKey, d OrderCommitmentData) SignedOrderCommitment {
	sig := key.Sign(d.Digest())
	sig[64] += 27
	return SignedOrderCommitment{Data: d, Signature: sig}
}

// Signer recovers the address that signed c. It refuses (ErrInvalidSignature) v outside
// {27, 28}, r or s outside [1, n-1] and s above n/2: radius-sdk's EthereumVerifier takes v
// as 27 + recovery id, and k256, under it, rejects high-s signatures.
func (c *SignedOrderCommitment) Signer() (interop.Address, error) {
	sig := c.Signature
	if v := sig[64]; v != 27 && v != 28 {
		return interop.Address{}, fmt.Errorf("%w: v = %d, want 27 or 28", ErrInvalidSignature, v)
	}
	sig[64] -= 27
	addr, err := secp256k1.RecoverAddressStrict(c.Data.Digest(), sig)
	if err != nil {
		return interop.Address{}, fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	return addr, nil
}

// Verify checks that orderer signed c: one public-key recovery, as radius-sdk's
// Signature::verify_message does it (ErrInvalidSignature, ErrWrongSigner). It does not
// check the path against any block; see CheckBlock.
func (c *SignedOrderCommitment) Verify(orderer interop.Address) error {
	addr, err := c.Signer()
	if err != nil {
		return err
	}
	if addr != orderer {
		return fmt.Errorf("%w: recovered %x, orderer %x", ErrWrongSigner, addr, orderer)
	}
	return nil
}
