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
