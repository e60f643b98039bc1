package layerzero

import (
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

// HashLookupSlotReceiveUln302 is the storage slot of ReceiveUlnBase.hashLookup in
// ReceiveUln302, derived from the sources (LayerZero-v2, packages/layerzero-v2/evm/
// messagelib/contracts) by Solidity's layout rules — state variables take slots in C3
// linearization order, most base contract first; constants and immutables take none:
//
//	ReceiveUln302 is IReceiveUlnE2, ReceiveUlnBase, ReceiveLibBaseE2
//	  Ownable (OpenZeppelin 4.8)  address _owner                  slot 0
//	  UlnBase                     mapping ulnConfigs              slot 1
//	  ReceiveUlnBase              mapping hashLookup              slot 2
//	  MessageLibBase              endpoint, localEid: immutable   —
//	  ERC165, IMessageLib, IReceiveUlnE2, Context                 — (no state)
//	  ReceiveUln302               CONFIG_TYPE_ULN: constant       —
//
// Ownable, UlnBase and ReceiveUlnBase form a chain, so their order is fixed whatever the
// linearization does with the stateless bases. The compiler's storageLayout of the
// deployed ReceiveUln302 (LayerZero's deployment artefacts for Ethereum and OP mainnet,
// recorded in testdata; TestStorageLayoutReceiveUln302) agrees: _owner 0, ulnConfigs 1,
// hashLookup 2, and Verification packs submitted at byte 0, confirmations at bytes 1–8.
// It has not been checked against an eth_getProof of a live verification; use
// ReceiveUln.WithHashLookupSlot for a library with another layout.
const HashLookupSlotReceiveUln302 = 2

func slotWord(n uint64) interop.Hash {
	var w interop.Hash
	uint256.NewInt(n).PutUint256(w[:])
	return w
}

// HashLookupSlot returns the storage slot of hashLookup[headerHash][payloadHash][dvn] for
// the mapping at slot base: Solidity puts m[k] of a mapping at slot p at
// keccak256(pad32(k) ‖ p), so three nested lookups hash three times.
func HashLookupSlot(base, headerHash, payloadHash interop.Hash, dvn interop.Address) interop.Hash {
	var b [64]byte
	copy(b[:32], headerHash[:])
	copy(b[32:], base[:])
	s := keccak.Sum256(b[:])
	copy(b[:32], payloadHash[:])
	copy(b[32:], s[:])
	s = keccak.Sum256(b[:])
	b = [64]byte{}
	copy(b[12:32], dvn[:])
	copy(b[32:], s[:])
	return keccak.Sum256(b[:])
}

// Verification is ReceiveUlnBase's struct Verification {bool submitted; uint64
// confirmations}, which Solidity packs into one slot from the low-order end: submitted in
// the lowest byte, confirmations in the next eight.
type Verification struct {
	Submitted     bool
	Confirmations uint64
}

// Word returns the slot value the contract stores for v.
func (v Verification) Word() uint256.Int {
	var w uint256.Int
	w[0] = v.Confirmations << 8
	w[1] = v.Confirmations >> 56
	if v.Submitted {
		w[0] |= 1
	}
	return w
}

// DecodeVerification reads a hashLookup slot value. Only values the contract can write
// are accepted: bits above the 72 the struct uses must be zero and the submitted byte 0
// or 1 (ErrStorage). The zero word (never written, or deleted by commitVerification)
// decodes as not submitted.
func DecodeVerification(w *uint256.Int) (Verification, error) {
	if w[3] != 0 || w[2] != 0 || w[1]>>8 != 0 {
		return Verification{}, errorf(ErrStorage, "slot value %s has bits above 72", w.Hex())
	}
	flag := w[0] & 0xff
	if flag > 1 {
		return Verification{}, errorf(ErrStorage, "slot value %s: submitted byte %d", w.Hex(), flag)
	}
	v := Verification{Submitted: flag == 1, Confirmations: w[0]>>8 | w[1]<<56}
	if !v.Submitted && v.Confirmations != 0 {
		// _verify writes submitted = true with every nonzero value; deletion zeroes both.
		return Verification{}, errorf(ErrStorage, "slot value %s: confirmations without submitted", w.Hex())
	}
	return v, nil
}

// StorageMetadata is the attestation metadata of the storage route: the 81-byte header and
// the payload hash, the two keys of hashLookup, from which the verifier recomputes the slot.
func StorageMetadata(h *Header, payloadHash interop.Hash) []byte {
	b := make([]byte, 0, HeaderSize+32)
	b, _ = h.AppendBinary(b)
	return append(b, payloadHash[:]...)
}

type provenSlot struct {
	key   interop.Hash
	value uint256.Int
}

// StorageVerifier returns the receive library's rule (as Verifier) judged on proven
// storage instead of signed instructions: each DVN's verifier accepts when
// hashLookup[headerHash][payloadHash][dvn] holds a submitted Verification with at least
// the config's confirmations, in the state with root stateRoot (a root the caller
// trusts: from a light client, lightclient.Root). proof is eth_getProof of the receive
// library at those slots (HashLookupSlot under the library's hashLookup slot). It is
// checked here, once:
//
//	a) proof.Address is the receive library (ErrStorage);
//	b) proof.Verify(stateRoot): the account and every storage proof (ErrStorage wrapping
//	   proof/mpt's error);
//	c) the account exists (ErrStorage).
//
// The verifiers read attestation metadata StorageMetadata(header, payloadHash), and
// reject a claim that is not that packet's (ErrWrongDomain), a slot missing from the
// proof or holding a value the contract cannot write (ErrStorage), a verification not
// submitted (ErrNotSubmitted) or with too few confirmations (ErrConfirmations). The proof
// is copied; the verifier is safe for concurrent use.
//
// Verifications are deleted when commitVerification succeeds, so this route proves
// "verifiable, not yet committed" and fails after the commit (when EndpointV2's
// inboundPayloadHash holds the packet instead).
func (u *ReceiveUln) StorageVerifier(stateRoot interop.Hash, proof *mpt.GetProofResult) (lightclient.Verifier, error) {
	if proof.Address != u.address {
		return nil, errorf(ErrStorage, "proof of account %s, receive library %s", proof.Address, u.address)
	}
	if _, exists, err := mpt.VerifyAccount(stateRoot, proof.Address, proof.AccountProof); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStorage, err)
	} else if !exists {
		return nil, errorf(ErrStorage, "receive library %s absent from state %s", u.address, stateRoot)
	}
	if err := proof.Verify(stateRoot); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStorage, err)
	}
	slots := make([]provenSlot, len(proof.StorageProof))
	for i := range proof.StorageProof {
		slots[i] = provenSlot{key: proof.StorageProof[i].Key, value: proof.StorageProof[i].Value}
	}
	mk := func(ds []*DVN) []lightclient.Verifier {
		out := make([]lightclient.Verifier, len(ds))
		for i, d := range ds {
			out[i] = storageVerifier{u: u, dvn: d.address, slots: slots, name: fmt.Sprintf("layerzero DVN %s (storage)", d.address)}
		}
		return out
	}
	return lightclient.RequiredOptional(mk(u.required), mk(u.optional), u.config.OptionalDVNThreshold), nil
}

type storageVerifier struct {
	u     *ReceiveUln
	dvn   interop.Address
	slots []provenSlot
	name  string
}

func (v storageVerifier) Verify(c lightclient.Claim, a *lightclient.Attestation) lightclient.Verdict {
	if err := v.verify(c, a); err != nil {
		return lightclient.Reject(v.name, c, err)
	}
	return lightclient.Accept(v.name, c, "verification stored with enough confirmations")
}

func (v storageVerifier) verify(c lightclient.Claim, a *lightclient.Attestation) error {
	if a == nil || len(a.Metadata) != HeaderSize+32 {
		n := 0
		if a != nil {
			n = len(a.Metadata)
		}
		return errorf(ErrPacketLength, "storage metadata of %d bytes, want %d (header ‖ payload hash)", n, HeaderSize+32)
	}
	h, err := DecodeHeader(a.Metadata[:HeaderSize])
	if err != nil {
		return err
	}
	ph := interop.Hash(a.Metadata[HeaderSize:])
	if err := v.u.checkClaim(c, &h, ph); err != nil {
		return err
	}
	slot := HashLookupSlot(v.u.hashLookupSlot, h.Hash(), ph, v.dvn)
	for i := range v.slots {
		if v.slots[i].key != slot {
			continue
		}
		ver, err := DecodeVerification(&v.slots[i].value)
		if err != nil {
			return fmt.Errorf("DVN %s: %w", v.dvn, err)
		}
		if !ver.Submitted {
			return errorf(ErrNotSubmitted, "DVN %s, slot %s", v.dvn, slot)
		}
		// ReceiveUlnBase._verified: submitted && confirmations >= required.
		if ver.Confirmations < v.u.config.Confirmations {
			return errorf(ErrConfirmations, "DVN %s stored %d, config requires %d", v.dvn, ver.Confirmations, v.u.config.Confirmations)
		}
		return nil
	}
	return errorf(ErrStorage, "proof has no slot %s for DVN %s", slot, v.dvn)
}
