package espresso

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/mpt"
)

// Storage layout of Espresso's LightClient contract (EspressoSystems/espresso-network
// contracts/src/LightClient.sol; LightClientV2.sol and LightClientV3.sol only append). The
// contract sits behind an ERC-1967 UUPS proxy and inherits OpenZeppelin v5's upgradeable
// Initializable, OwnableUpgradeable and UUPSUpgradeable, whose state lives in ERC-7201
// namespaced slots, so the contract's own variables start at slot 0 in declaration order:
//
//	slots 0-3   genesisStakeTableState (threshold, blsKeyComm, schnorrKeyComm, amountComm)
//	slots 4-5   genesisState           (LightClientState)
//	slots 6-7   finalizedState         (LightClientState)
//	slot  8     permissionedProver (address, bytes 0-19) | stateHistoryRetentionPeriod (uint32,
//	            bytes 20-23) | stateHistoryFirstIndex (uint64, bytes 24-31)
//	slot  9     stateHistoryCommitments (length; element i at keccak256(9) + 2i, + 2i + 1)
//	V2: slot 10 blocksPerEpoch | epochStartBlock | firstEpoch (uint64 each); slots 11-14
//	    votingStakeTableState.  V3: slot 15 authRoot; slot 16 _firstEpoch.
//
// LightClientState {uint64 viewNum; uint64 blockHeight; uint256 blockCommRoot} takes two
// slots: viewNum in the low-order 8 bytes of the first, blockHeight in the next 8, the upper 16
// bytes unused (zero); blockCommRoot fills the second.
const (
	// LightClientFinalizedStateSlot holds finalizedState's viewNum and blockHeight.
	LightClientFinalizedStateSlot = 6
	// LightClientFinalizedRootSlot holds finalizedState's blockCommRoot.
	LightClientFinalizedRootSlot = 7
)

// The LightClient proxies recorded in espresso-network's contracts/deployments (facts, for
// callers' configuration; nothing here trusts them).
var (
	// LightClientMainnet is the Ethereum mainnet proxy (deployments/mainnet/deployment.json).
	LightClientMainnet = interop.Address{0x95, 0xca, 0x91, 0xce, 0xa7, 0x32, 0x39, 0xb1, 0x5e, 0x5d, 0x2e, 0x5a, 0x74, 0xd0, 0x2d, 0x6b, 0x5e, 0x0a, 0xe4, 0x58}
	// LightClientDecaf is the Sepolia proxy of the Decaf testnet (deployments/decaf).
	LightClientDecaf = interop.Address{0x30, 0x38, 0x72, 0xbb, 0x82, 0xa1, 0x91, 0x77, 0x13, 0x21, 0xd4, 0x82, 0x88, 0x88, 0x92, 0x01, 0x00, 0xd0, 0xb3, 0xe4}
)

// FinalizedState is the light client contract's finalizedState: the latest HotShot state whose
// SNARK the contract verified. BlockCommRoot is big-endian, below the BN254 scalar modulus.
type FinalizedState struct {
	ViewNum       uint64
	BlockHeight   uint64
	BlockCommRoot [32]byte
}

// FinalizedStateSlots are the two storage keys an eth_getProof request must ask for.
func FinalizedStateSlots() [2]interop.Hash {
	return [2]interop.Hash{slotKey(LightClientFinalizedStateSlot), slotKey(LightClientFinalizedRootSlot)}
}

func slotKey(n uint64) interop.Hash {
	var h interop.Hash
	for i := 0; i < 8; i++ {
		h[31-i] = byte(n >> (8 * i))
	}
	return h
}

// ReadFinalizedState reads finalizedState from an EIP-1186 eth_getProof response for the light
// client proxy, against a state root the caller trusts (from its own Ethereum light client):
//
//	a) the response is for lightClient (ErrStorageProof);
//	b) its account and every storage proof verify against stateRoot (mpt's Verify), and the
//	   account is a contract (ErrStorageProof, wrapping proof/mpt's error);
//	c) it proves slots 6 and 7 (ErrStorageProof if either is missing);
//	d) slot 6 has no bits above 128 and slot 7 is below the BN254 scalar modulus, as the
//	   contract's newFinalizedState guarantees (ErrLightClientStorage).
//
// Bound: one mpt verification per proof in the response (the caller bounds the response, e.g.
// through GetProofResult's JSON decoder); allocates nothing beyond mpt's verification.
func ReadFinalizedState(stateRoot interop.Hash, lightClient interop.Address, r *mpt.GetProofResult) (FinalizedState, error) {
	if r.Address != lightClient {
		return FinalizedState{}, fmt.Errorf("%w: response for %s, light client is %s", ErrStorageProof, r.Address, lightClient)
	}
	if err := r.Verify(stateRoot); err != nil {
		return FinalizedState{}, fmt.Errorf("%w: %w", ErrStorageProof, err)
	}
	// Verify proved codeHash for an existing account and required an absent one to be reported
	// with the empty or zero code hash: a contract's code hash proves it exists.
	if r.CodeHash == mpt.EmptyCodeHash || r.CodeHash.IsZero() {
		return FinalizedState{}, fmt.Errorf("%w: %s has no code under %s", ErrStorageProof, r.Address, stateRoot)
	}
	var word, root *uint256.Int
	keys := FinalizedStateSlots()
	for i := range r.StorageProof {
		switch r.StorageProof[i].Key {
		case keys[0]:
			word = &r.StorageProof[i].Value
		case keys[1]:
			root = &r.StorageProof[i].Value
		}
	}
	if word == nil || root == nil {
		return FinalizedState{}, fmt.Errorf("%w: response lacks slot %d or %d", ErrStorageProof, LightClientFinalizedStateSlot, LightClientFinalizedRootSlot)
	}
	return DecodeFinalizedState(word, root)
}

// DecodeFinalizedState decodes finalizedState from its two storage words (slots 6 and 7):
// viewNum from bits 0-63 of the first, blockHeight from bits 64-127; bits 128-255 must be
// zero and the root below the BN254 scalar modulus (ErrLightClientStorage). Allocates nothing.
func DecodeFinalizedState(slot6, slot7 *uint256.Int) (FinalizedState, error) {
	if slot6[2] != 0 || slot6[3] != 0 {
		return FinalizedState{}, fmt.Errorf("%w: slot %d = %s has bits above 128", ErrLightClientStorage, LightClientFinalizedStateSlot, slot6.Hex())
	}
	st := FinalizedState{ViewNum: slot6[0], BlockHeight: slot6[1], BlockCommRoot: slot7.Bytes32()}
	var e fr.Element
	if err := e.SetBytesCanonical(st.BlockCommRoot[:]); err != nil {
		return FinalizedState{}, fmt.Errorf("%w: blockCommRoot %s is not below the BN254 scalar modulus", ErrLightClientStorage, slot7.Hex())
	}
	return st, nil
}

// StorageWords encodes the state as the contract stores it in slots 6 and 7 (the inverse of
// DecodeFinalizedState).
func (s FinalizedState) StorageWords() (slot6, slot7 uint256.Int) {
	slot6[0], slot6[1] = s.ViewNum, s.BlockHeight
	slot7.SetBytes32(s.BlockCommRoot[:])
	return slot6, slot7
}

// LightClientStateHistorySlot holds stateHistoryCommitments' length; element i occupies slots
// keccak256(9) + 2i and + 2i + 1 (Solidity's dynamic array layout).
const LightClientStateHistorySlot = 9

// StateHistoryCommitment is an entry of the contract's stateHistoryCommitments, which
// updateStateHistory appends after every verified state update (V1, V2 and V3 alike) and
// deletes (zeroes) once older than the retention period. Slot keccak256(9)+2i packs
// l1BlockHeight (bits 0-63), l1BlockTimestamp (64-127) and hotShotBlockHeight (128-191); the
// next slot holds hotShotBlockCommRoot.
type StateHistoryCommitment struct {
	L1BlockHeight        uint64
	L1BlockTimestamp     uint64
	HotShotBlockHeight   uint64
	HotShotBlockCommRoot [32]byte
}

// FinalizedState is the light client state the entry recorded (its view number is not kept),
// for VerifyBlockFinal: a block proven under an older entry is as final as under the latest.
// A deleted (zero) entry gives a state under which nothing is final.
func (h StateHistoryCommitment) FinalizedState() FinalizedState {
	return FinalizedState{BlockHeight: h.HotShotBlockHeight, BlockCommRoot: h.HotShotBlockCommRoot}
}

// StateHistorySlots are the two storage keys of stateHistoryCommitments[i].
func StateHistorySlots(i uint64) [2]interop.Hash {
	s := slotKey(LightClientStateHistorySlot)
	base := mpt.Keccak256(s[:])
	var a, off uint256.Int
	a.SetBytes32(base[:])
	off.SetUint64(i)
	off.Lsh(&off, 1)
	a.Add(&a, &off) // wraps modulo 2^256, as the EVM's slot arithmetic
	first := interop.Hash(a.Bytes32())
	a.AddUint64(&a, 1)
	return [2]interop.Hash{first, interop.Hash(a.Bytes32())}
}

// ReadStateHistory reads stateHistoryCommitments[i] from an eth_getProof response, with the
// checks of ReadFinalizedState (a) to c) on the entry's two slots; d) bits 192-255 of the
// first slot zero and the root below the BN254 scalar modulus, ErrLightClientStorage). An index
// past the array's end or of a deleted entry reads as the zero entry. Bound: as
// ReadFinalizedState.
func ReadStateHistory(stateRoot interop.Hash, lightClient interop.Address, r *mpt.GetProofResult, i uint64) (StateHistoryCommitment, error) {
	if r.Address != lightClient {
		return StateHistoryCommitment{}, fmt.Errorf("%w: response for %s, light client is %s", ErrStorageProof, r.Address, lightClient)
	}
	if err := r.Verify(stateRoot); err != nil {
		return StateHistoryCommitment{}, fmt.Errorf("%w: %w", ErrStorageProof, err)
	}
	if r.CodeHash == mpt.EmptyCodeHash || r.CodeHash.IsZero() {
		return StateHistoryCommitment{}, fmt.Errorf("%w: %s has no code under %s", ErrStorageProof, r.Address, stateRoot)
	}
	keys := StateHistorySlots(i)
	var w0, w1 *uint256.Int
	for j := range r.StorageProof {
		switch r.StorageProof[j].Key {
		case keys[0]:
			w0 = &r.StorageProof[j].Value
		case keys[1]:
			w1 = &r.StorageProof[j].Value
		}
	}
	if w0 == nil || w1 == nil {
		return StateHistoryCommitment{}, fmt.Errorf("%w: response lacks the slots of stateHistoryCommitments[%d]", ErrStorageProof, i)
	}
	return DecodeStateHistoryCommitment(w0, w1)
}

// DecodeStateHistoryCommitment decodes an entry from its two storage words (see
// StateHistoryCommitment); errors are ErrLightClientStorage. Allocates nothing.
func DecodeStateHistoryCommitment(w0, w1 *uint256.Int) (StateHistoryCommitment, error) {
	if w0[3] != 0 {
		return StateHistoryCommitment{}, fmt.Errorf("%w: state history word %s has bits above 192", ErrLightClientStorage, w0.Hex())
	}
	h := StateHistoryCommitment{L1BlockHeight: w0[0], L1BlockTimestamp: w0[1], HotShotBlockHeight: w0[2], HotShotBlockCommRoot: w1.Bytes32()}
	var e fr.Element
	if err := e.SetBytesCanonical(h.HotShotBlockCommRoot[:]); err != nil {
		return StateHistoryCommitment{}, fmt.Errorf("%w: hotShotBlockCommRoot %s is not below the BN254 scalar modulus", ErrLightClientStorage, w1.Hex())
	}
	return h, nil
}

// StorageWords encodes the entry as the contract stores it (the inverse of
// DecodeStateHistoryCommitment).
func (h StateHistoryCommitment) StorageWords() (w0, w1 uint256.Int) {
	w0[0], w0[1], w0[2] = h.L1BlockHeight, h.L1BlockTimestamp, h.HotShotBlockHeight
	w1.SetBytes32(h.HotShotBlockCommRoot[:])
	return w0, w1
}
