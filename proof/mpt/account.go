package mpt

import (
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
)

// Account is the state of an Ethereum account as the state trie stores it:
// RLP([nonce, balance, storageRoot, codeHash]).
type Account struct {
	Nonce       uint64
	Balance     uint256.Int
	StorageRoot interop.Hash
	CodeHash    interop.Hash
}

// EncodeRLP appends the account's canonical RLP encoding to dst.
func (a *Account) EncodeRLP(dst []byte) []byte {
	size := rlp.Uint64Size(a.Nonce) + rlp.Uint256Size(&a.Balance) + 2*33
	dst = rlp.AppendListHeader(dst, size)
	dst = rlp.AppendUint64(dst, a.Nonce)
	dst = rlp.AppendUint256(dst, &a.Balance)
	dst = rlp.AppendString(dst, a.StorageRoot[:])
	return rlp.AppendString(dst, a.CodeHash[:])
}

// DecodeAccount decodes a state-trie leaf strictly: a list of exactly four items, canonical
// integers (nonce within 64 bits, balance within 256), and 32-byte roots. It allocates
// nothing and reads b once.
func DecodeAccount(b []byte) (Account, error) {
	var a Account
	content, rest, err := rlp.SplitList(b)
	if err != nil {
		return a, fmt.Errorf("%w: %w", ErrInvalidAccount, err)
	}
	if len(rest) != 0 {
		return a, fmt.Errorf("%w: %d trailing bytes", ErrInvalidAccount, len(rest))
	}
	if a.Nonce, content, err = rlp.SplitUint64(content); err != nil {
		return a, fmt.Errorf("%w: nonce: %w", ErrInvalidAccount, err)
	}
	bal, content, err := rlp.SplitString(content)
	if err != nil {
		return a, fmt.Errorf("%w: balance: %w", ErrInvalidAccount, err)
	}
	if err := rlp.Uint256(bal, &a.Balance); err != nil {
		return a, fmt.Errorf("%w: balance: %w", ErrInvalidAccount, err)
	}
	if content, err = splitHash(content, &a.StorageRoot); err != nil {
		return a, fmt.Errorf("%w: storageRoot: %w", ErrInvalidAccount, err)
	}
	if content, err = splitHash(content, &a.CodeHash); err != nil {
		return a, fmt.Errorf("%w: codeHash: %w", ErrInvalidAccount, err)
	}
	if len(content) != 0 {
		return a, fmt.Errorf("%w: more than four items", ErrInvalidAccount)
	}
	return a, nil
}

// VerifyAccount proves the account at addr in the state trie with root stateRoot.
// EIP-1186: the trie key is keccak256(address). A valid proof of absence returns
// exists == false and a zero Account, with a nil error.
func VerifyAccount(stateRoot interop.Hash, addr interop.Address, proof [][]byte) (acc Account, exists bool, err error) {
	key := Keccak256(addr[:])
	val, err := VerifyProof(stateRoot, key[:], proof)
	if err != nil {
		return Account{}, false, fmt.Errorf("account %s: %w", addr, err)
	}
	if val == nil {
		return Account{}, false, nil
	}
	acc, err = DecodeAccount(val)
	if err != nil {
		return Account{}, false, fmt.Errorf("account %s: %w", addr, err)
	}
	return acc, true, nil
}

// VerifyStorage proves the value of a storage slot in the storage trie with root
// storageRoot. EIP-1186: the trie key is keccak256(slot), the slot left-padded to 32 bytes;
// the leaf is RLP of the value's big-endian bytes without leading zeros. An absent slot is
// zero.
func VerifyStorage(storageRoot interop.Hash, slot interop.Hash, proof [][]byte) (uint256.Int, error) {
	var v uint256.Int
	key := Keccak256(slot[:])
	val, err := VerifyProof(storageRoot, key[:], proof)
	if err != nil {
		return v, fmt.Errorf("slot %s: %w", slot, err)
	}
	if val == nil {
		return v, nil
	}
	content, rest, err := rlp.SplitString(val)
	if err != nil {
		return v, fmt.Errorf("slot %s: %w: %w", slot, ErrInvalidValue, err)
	}
	if len(rest) != 0 {
		return v, fmt.Errorf("slot %s: %w: %d trailing bytes", slot, ErrInvalidValue, len(rest))
	}
	if len(content) == 0 {
		// Zero is never stored: writing zero deletes the slot.
		return v, fmt.Errorf("slot %s: %w: explicit zero", slot, ErrInvalidValue)
	}
	if err := rlp.Uint256(content, &v); err != nil {
		return v, fmt.Errorf("slot %s: %w: %w", slot, ErrInvalidValue, err)
	}
	return v, nil
}

// splitHash reads a 32-byte string item into h.
func splitHash(b []byte, h *interop.Hash) ([]byte, error) {
	v, rest, err := rlp.SplitString(b)
	if err != nil {
		return b, err
	}
	if len(v) != 32 {
		return b, fmt.Errorf("%d-byte hash", len(v))
	}
	copy(h[:], v)
	return rest, nil
}
