package mpt

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/parallel"
)

// GetProofResult is the result object of an EIP-1186 eth_getProof response, as go-ethereum,
// Erigon, Reth, Nethermind and Besu return it. Unknown fields (such as "code") are ignored;
// the seven EIP-1186 fields are required.
//
// Decoding is strict: hashes and addresses must be "0x" and exactly their length in hex;
// proof nodes must be even-length "0x" hex; nonce, balance and storage values are JSON-RPC
// quantities ("0x0", or "0x" and hex digits without a leading zero). A storage key may be
// given as 32-byte data or as a quantity ("0x0"): it is the slot number either way, left-
// padded to 32 bytes.
type GetProofResult struct {
	Address      interop.Address
	AccountProof [][]byte
	Balance      uint256.Int
	CodeHash     interop.Hash
	Nonce        uint64
	StorageHash  interop.Hash
	StorageProof []StorageResult
}

// StorageResult is one entry of a response's storageProof.
type StorageResult struct {
	Key   interop.Hash
	Value uint256.Int
	Proof [][]byte
}

// Verify checks the response against a trusted state root:
//
//	a) the account proof leads from stateRoot to the account, or proves it absent;
//	b) an existing account's nonce, balance, storageHash and codeHash equal the proven leaf;
//	   an absent account must be reported empty (nonce and balance zero, storageHash the
//	   empty root or zero, codeHash keccak256("") or zero) (ErrValueMismatch);
//	c) every storage proof leads from storageHash to the reported value, a zero value by a
//	   proof of absence (ErrValueMismatch, or the proof's error).
//
// The first failure in that order is returned (the account's, else the lowest storage
// proof's). Nothing in the response is trusted until Verify returns nil.
//
// Bound: one VerifyProof per proof in the response, nothing allocated beyond them on one
// worker.
//
// Cost: the proofs are independent walks. With more than one worker (opts:
// interop.Workers, default GOMAXPROCS) and at least 128 KiB of proof nodes in the
// response (about fifty mainnet proofs), the account proof and the storage proofs are
// walked by the caller's goroutine and up to workers-1 more, each taking the next proof
// not yet taken, the storage proofs checked against the reported storageHash (the empty
// root if it is zero) while the account proof is walked; should the proven account then
// name another storage root (only an account whose storage root is the zero hash can),
// the storage proofs are walked again against it. Smaller responses, and one worker, run
// on the caller's goroutine without allocating. The result, error included, is the same
// for any number of workers.
func (r *GetProofResult) Verify(stateRoot interop.Hash, opts ...interop.BatchOption) error {
	workers := interop.Batch(opts...).Workers
	if workers <= 1 || len(r.StorageProof) == 0 || !worthSplitting(1+len(r.StorageProof), r.proof) {
		storageRoot, err := r.verifyAccount(stateRoot)
		if err != nil {
			return err
		}
		return r.verifySlots(storageRoot, 0, len(r.StorageProof))
	}
	guess := r.StorageHash
	if guess.IsZero() {
		guess = EmptyRoot
	}
	var storageRoot interop.Hash
	var accountErr error
	var accountFailed atomic.Bool
	var first parallel.FirstError // the lowest failing storage proof
	// Block 0 is the account proof, block i > 0 storage proof i-1, each taken by whichever
	// worker is free.
	stop := func(i int) bool { return accountFailed.Load() || first.Past(i-1) }
	parallel.Blocks(1+len(r.StorageProof), 1, workers, stop, func(i, _, _ int) {
		if i == 0 {
			if storageRoot, accountErr = r.verifyAccount(stateRoot); accountErr != nil {
				accountFailed.Store(true)
			}
			return
		}
		if err := r.verifySlots(guess, i-1, i); err != nil {
			first.Report(i-1, err)
		}
	})
	switch {
	case accountErr != nil:
		return accountErr
	case storageRoot != guess:
		return r.verifySlots(storageRoot, 0, len(r.StorageProof))
	}
	return first.Err()
}

// proof returns the account proof for i = 0, else storage proof i-1.
func (r *GetProofResult) proof(i int) [][]byte {
	if i == 0 {
		return r.AccountProof
	}
	return r.StorageProof[i-1].Proof
}

// verifyAccount checks the account proof and the reported account fields, and returns the
// storage root the storage proofs must lead from.
func (r *GetProofResult) verifyAccount(stateRoot interop.Hash) (interop.Hash, error) {
	acc, exists, err := VerifyAccount(stateRoot, r.Address, r.AccountProof)
	if err != nil {
		return interop.Hash{}, err
	}
	if !exists {
		switch {
		case r.Nonce != 0 || !r.Balance.IsZero():
			return interop.Hash{}, fmt.Errorf("%w: account %s proven absent but reported with nonce %d, balance %s", ErrValueMismatch, r.Address, r.Nonce, r.Balance.Dec())
		case r.StorageHash != EmptyRoot && !r.StorageHash.IsZero():
			return interop.Hash{}, fmt.Errorf("%w: account %s proven absent but reported with storageHash %s", ErrValueMismatch, r.Address, r.StorageHash)
		case r.CodeHash != EmptyCodeHash && !r.CodeHash.IsZero():
			return interop.Hash{}, fmt.Errorf("%w: account %s proven absent but reported with codeHash %s", ErrValueMismatch, r.Address, r.CodeHash)
		}
		return EmptyRoot, nil
	}
	switch {
	case acc.Nonce != r.Nonce:
		return interop.Hash{}, fmt.Errorf("%w: account %s nonce %d, proven %d", ErrValueMismatch, r.Address, r.Nonce, acc.Nonce)
	case !acc.Balance.Eq(&r.Balance):
		return interop.Hash{}, fmt.Errorf("%w: account %s balance %s, proven %s", ErrValueMismatch, r.Address, r.Balance.Dec(), acc.Balance.Dec())
	case acc.StorageRoot != r.StorageHash:
		return interop.Hash{}, fmt.Errorf("%w: account %s storageHash %s, proven %s", ErrValueMismatch, r.Address, r.StorageHash, acc.StorageRoot)
	case acc.CodeHash != r.CodeHash:
		return interop.Hash{}, fmt.Errorf("%w: account %s codeHash %s, proven %s", ErrValueMismatch, r.Address, r.CodeHash, acc.CodeHash)
	}
	return acc.StorageRoot, nil
}

// verifySlots checks storage proofs lo to hi-1 against storageRoot, in order, and returns
// the first failure.
func (r *GetProofResult) verifySlots(storageRoot interop.Hash, lo, hi int) error {
	for i := lo; i < hi; i++ {
		sp := &r.StorageProof[i]
		v, err := VerifyStorage(storageRoot, sp.Key, sp.Proof)
		if err != nil {
			return fmt.Errorf("account %s: storage proof %d: %w", r.Address, i, err)
		}
		if !v.Eq(&sp.Value) {
			return fmt.Errorf("%w: account %s slot %s value %s, proven %s", ErrValueMismatch, r.Address, sp.Key, sp.Value.Hex(), v.Hex())
		}
	}
	return nil
}

type getProofJSON struct {
	Address      *interop.Address    `json:"address"`
	AccountProof *[]interop.Bytes    `json:"accountProof"`
	Balance      *quantity           `json:"balance"`
	CodeHash     *interop.Hash       `json:"codeHash"`
	Nonce        *quantity           `json:"nonce"`
	StorageHash  *interop.Hash       `json:"storageHash"`
	StorageProof *[]storageProofJSON `json:"storageProof"`
}

type storageProofJSON struct {
	Key   *storageKey      `json:"key"`
	Value *quantity        `json:"value"`
	Proof *[]interop.Bytes `json:"proof"`
}

// UnmarshalJSON decodes an eth_getProof result object (not the JSON-RPC envelope).
// Proofs of more than MaxProofNodes nodes are refused (ErrInvalidJSON). Bound: linear in
// len(input); about 30 bytes allocated per input byte at worst (many empty nodes).
func (r *GetProofResult) UnmarshalJSON(input []byte) error {
	var dec getProofJSON
	if err := json.Unmarshal(input, &dec); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidJSON, err)
	}
	var missing string
	switch {
	case dec.Address == nil:
		missing = "address"
	case dec.AccountProof == nil:
		missing = "accountProof"
	case dec.Balance == nil:
		missing = "balance"
	case dec.CodeHash == nil:
		missing = "codeHash"
	case dec.Nonce == nil:
		missing = "nonce"
	case dec.StorageHash == nil:
		missing = "storageHash"
	case dec.StorageProof == nil:
		missing = "storageProof"
	}
	if missing != "" {
		return fmt.Errorf("%w: missing field %q", ErrInvalidJSON, missing)
	}
	if !dec.Nonce.IsUint64() {
		return fmt.Errorf("%w: nonce %s exceeds 64 bits", ErrInvalidJSON, (*uint256.Int)(dec.Nonce).Hex())
	}
	if len(*dec.AccountProof) > MaxProofNodes {
		return fmt.Errorf("%w: %d account proof nodes", ErrInvalidJSON, len(*dec.AccountProof))
	}
	out := GetProofResult{
		Address:      *dec.Address,
		AccountProof: nodes(*dec.AccountProof),
		Balance:      uint256.Int(*dec.Balance),
		CodeHash:     *dec.CodeHash,
		Nonce:        dec.Nonce.Uint64(),
		StorageHash:  *dec.StorageHash,
		StorageProof: make([]StorageResult, len(*dec.StorageProof)),
	}
	for i, sp := range *dec.StorageProof {
		switch {
		case sp.Key == nil:
			missing = "key"
		case sp.Value == nil:
			missing = "value"
		case sp.Proof == nil:
			missing = "proof"
		}
		if missing != "" {
			return fmt.Errorf("%w: storageProof[%d]: missing field %q", ErrInvalidJSON, i, missing)
		}
		if len(*sp.Proof) > MaxProofNodes {
			return fmt.Errorf("%w: storageProof[%d]: %d proof nodes", ErrInvalidJSON, i, len(*sp.Proof))
		}
		out.StorageProof[i] = StorageResult{Key: interop.Hash(*sp.Key), Value: uint256.Int(*sp.Value), Proof: nodes(*sp.Proof)}
	}
	*r = out
	return nil
}

// MarshalJSON encodes the result as go-ethereum does.
func (r GetProofResult) MarshalJSON() ([]byte, error) {
	type spOut struct {
		Key   interop.Hash    `json:"key"`
		Value string          `json:"value"`
		Proof []interop.Bytes `json:"proof"`
	}
	out := struct {
		Address      interop.Address `json:"address"`
		AccountProof []interop.Bytes `json:"accountProof"`
		Balance      string          `json:"balance"`
		CodeHash     interop.Hash    `json:"codeHash"`
		Nonce        string          `json:"nonce"`
		StorageHash  interop.Hash    `json:"storageHash"`
		StorageProof []spOut         `json:"storageProof"`
	}{
		Address: r.Address, AccountProof: bytesList(r.AccountProof), Balance: r.Balance.Hex(),
		CodeHash: r.CodeHash, Nonce: uint256.NewInt(r.Nonce).Hex(), StorageHash: r.StorageHash,
		StorageProof: make([]spOut, len(r.StorageProof)),
	}
	for i, sp := range r.StorageProof {
		out.StorageProof[i] = spOut{Key: sp.Key, Value: sp.Value.Hex(), Proof: bytesList(sp.Proof)}
	}
	return json.Marshal(out)
}

func nodes(in []interop.Bytes) [][]byte {
	out := make([][]byte, len(in))
	for i, b := range in {
		out[i] = b
	}
	return out
}

func bytesList(in [][]byte) []interop.Bytes {
	out := make([]interop.Bytes, len(in))
	for i, b := range in {
		out[i] = b
	}
	return out
}

var errQuantity = errors.New("invalid quantity")

// quantity is a JSON-RPC QUANTITY of at most 256 bits: "0x0", or "0x" followed by hex
// digits with no leading zero.
type quantity uint256.Int

func (q *quantity) UnmarshalJSON(input []byte) error {
	var s string
	if err := json.Unmarshal(input, &s); err != nil {
		return fmt.Errorf("%w: %w", errQuantity, err)
	}
	digits, err := hexDigits(s)
	if err != nil {
		return err
	}
	if len(digits) == 0 || (len(digits) > 1 && digits[0] == '0') || len(digits) > 64 {
		return fmt.Errorf("%w: %q", errQuantity, s)
	}
	return setHex((*uint256.Int)(q), digits)
}

func (q *quantity) IsUint64() bool { return (*uint256.Int)(q).IsUint64() }
func (q *quantity) Uint64() uint64 { return (*uint256.Int)(q).Uint64() }
func (q *quantity) hex() string    { return (*uint256.Int)(q).Hex() }

// storageKey is a slot number given as 32-byte DATA or as a QUANTITY; clients differ.
type storageKey interop.Hash

func (k *storageKey) UnmarshalJSON(input []byte) error {
	var s string
	if err := json.Unmarshal(input, &s); err != nil {
		return fmt.Errorf("storage key: %w", err)
	}
	digits, err := hexDigits(s)
	if err != nil {
		return err
	}
	if len(digits) == 0 || len(digits) > 64 {
		return fmt.Errorf("%w: storage key %q", interop.ErrWrongLength, s)
	}
	var v uint256.Int
	if err := setHex(&v, digits); err != nil {
		return err
	}
	*k = v.Bytes32()
	return nil
}

func hexDigits(s string) (string, error) {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return "", fmt.Errorf("%w: %.20q", interop.ErrMissingPrefix, s)
	}
	return s[2:], nil
}

// setHex parses up to 64 hex digits (any count, odd included) into z.
func setHex(z *uint256.Int, digits string) error {
	var buf [32]byte
	if len(digits) > 64 {
		return fmt.Errorf("%w: %d hex digits", errQuantity, len(digits))
	}
	padded := make([]byte, 64)
	for i := range padded[:64-len(digits)] {
		padded[i] = '0'
	}
	copy(padded[64-len(digits):], digits)
	if _, err := hex.Decode(buf[:], padded); err != nil {
		return fmt.Errorf("%w: %w", interop.ErrInvalidHex, err)
	}
	z.SetBytes32(buf[:])
	return nil
}
