package hyperlane

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/merkle"
)

func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}

// Multisig is a multisig ISM's validator set and threshold
// (AbstractMultisigIsm.validatorsAndThreshold), checked once by NewMultisig. The zero
// value verifies nothing: every call is ErrConfig.
type Multisig struct {
	validators []interop.Address
	threshold  int
}

// NewMultisig returns the validator set, in the order signatures must follow, with its
// threshold. It is ErrConfig unless 1 ≤ threshold ≤ len(validators) and the validators
// are distinct and nonzero. The check is O(n log n) for n validators (a sorted copy,
// 20n bytes), not a comparison of every pair: the validator list is whatever the
// recipient's ISM returns. The list is copied; the caller may reuse it.
func NewMultisig(validators []interop.Address, threshold int) (*Multisig, error) {
	if threshold < 1 || threshold > len(validators) {
		return nil, errorf(ErrConfig, "threshold %d of %d validators", threshold, len(validators))
	}
	for i, v := range validators {
		if v == (interop.Address{}) {
			return nil, errorf(ErrConfig, "validator %d is the zero address", i)
		}
	}
	sorted := slices.Clone(validators)
	slices.SortFunc(sorted, func(a, b interop.Address) int { return bytes.Compare(a[:], b[:]) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return nil, errorf(ErrConfig, "validator %s listed twice", sorted[i])
		}
	}
	return &Multisig{validators: slices.Clone(validators), threshold: threshold}, nil
}

// Validators returns a copy of the validator list, in signing order.
func (m *Multisig) Validators() []interop.Address { return slices.Clone(m.validators) }

// Threshold returns the number of signatures a verification needs.
func (m *Multisig) Threshold() int { return m.threshold }

// VerifySignatures is AbstractMultisigIsm.verify's threshold check: the first Threshold()
// signatures must recover (Recover) to validators in the order of the validator list,
// each validator at most once, scanning forward only. Signatures past the threshold are
// not read, as on chain. The errors: ErrConfig, ErrThreshold (too few signatures),
// ErrSignature, ErrUnknownValidator, and ErrSignatureOrder for a validator that is in
// the set but behind the scan (out of order, or signing twice). ErrConfig is a Multisig
// not built by NewMultisig.
//
// Cost, for n validators and threshold t: at most t recoveries, since the scan stops at
// the first signature that fails — a repeated signature fails at its second copy, so
// duplicates cost one recovery more, not one each — and O(n) address comparisons in all (the scan only moves forward).
func (m *Multisig) VerifySignatures(digest interop.Hash, sigs [][65]byte) error {
	if m.threshold < 1 {
		// The configuration was checked by NewMultisig; only the zero value gets here.
		return errorf(ErrConfig, "a multisig not built by NewMultisig")
	}
	if len(sigs) < m.threshold {
		return errorf(ErrThreshold, "%d signatures, threshold %d", len(sigs), m.threshold)
	}
	next := 0
	for i := range m.threshold {
		signer, err := Recover(digest, sigs[i])
		if err != nil {
			return fmt.Errorf("signature %d: %w", i, err)
		}
		j := next
		for j < len(m.validators) && m.validators[j] != signer {
			j++
		}
		if j == len(m.validators) {
			for k := range next {
				if m.validators[k] == signer {
					return errorf(ErrSignatureOrder, "signature %d by validator %d (%s) after validator %d", i, k, signer, next-1)
				}
			}
			return errorf(ErrUnknownValidator, "signature %d by %s", i, signer)
		}
		next = j + 1
	}
	return nil
}

// Metadata offsets of the two multisig ISMs (libs/isms/MessageIdMultisigIsmMetadata.sol,
// MerkleRootMultisigIsmMetadata.sol).
const (
	messageIDSignaturesOffset  = 68
	merkleRootProofOffset      = 68
	merkleRootSignedIndex      = 1092
	merkleRootSignaturesOffset = 1096
	signatureSize              = 65
)

// MessageIDMetadata is the metadata of a MessageIdMultisigIsm: the origin's merkle tree
// hook, the signed checkpoint root and index, and validator signatures.
type MessageIDMetadata struct {
	MerkleTreeHook interop.Hash
	Root           interop.Hash
	Index          uint32
	Signatures     [][65]byte
}

// MerkleRootMetadata is the metadata of a MerkleRootMultisigIsm: a proof that the
// message is the leaf at MessageIndex of a tree whose root a later checkpoint
// (SignedIndex, SignedMessageID) signs.
type MerkleRootMetadata struct {
	MerkleTreeHook  interop.Hash
	MessageIndex    uint32
	SignedMessageID interop.Hash
	Proof           merkle.Branch
	SignedIndex     uint32
	Signatures      [][65]byte
}

func parseSignatures(b []byte) ([][65]byte, error) {
	if len(b)%signatureSize != 0 {
		return nil, errorf(ErrMetadata, "%d signature bytes, not a multiple of 65", len(b))
	}
	sigs := make([][65]byte, len(b)/signatureSize)
	for i := range sigs {
		sigs[i] = [65]byte(b[i*signatureSize:])
	}
	return sigs, nil
}

// DecodeMessageIDMetadata decodes MessageIdMultisigIsm metadata:
// hook(32) ‖ root(32) ‖ u32be index ‖ signatures (65 bytes each). A trailing partial
// signature is ErrMetadata (the contract would ignore it; a relayer never sends one).
// Memory: the signatures are copied once, 65 bytes per 65 input bytes. The codec is
// canonical: AppendBinary returns the input of any metadata it accepts.
func DecodeMessageIDMetadata(b []byte) (MessageIDMetadata, error) {
	if len(b) < messageIDSignaturesOffset {
		return MessageIDMetadata{}, errorf(ErrMetadata, "%d bytes, need at least %d", len(b), messageIDSignaturesOffset)
	}
	sigs, err := parseSignatures(b[messageIDSignaturesOffset:])
	if err != nil {
		return MessageIDMetadata{}, err
	}
	return MessageIDMetadata{
		MerkleTreeHook: interop.Hash(b[0:32]),
		Root:           interop.Hash(b[32:64]),
		Index:          binary.BigEndian.Uint32(b[64:68]),
		Signatures:     sigs,
	}, nil
}

// AppendBinary appends the metadata bytes to b. It never fails.
func (m *MessageIDMetadata) AppendBinary(b []byte) ([]byte, error) {
	b = slices.Grow(b, messageIDSignaturesOffset+len(m.Signatures)*signatureSize)
	b = append(b, m.MerkleTreeHook[:]...)
	b = append(b, m.Root[:]...)
	b = binary.BigEndian.AppendUint32(b, m.Index)
	for i := range m.Signatures {
		b = append(b, m.Signatures[i][:]...)
	}
	return b, nil
}

// DecodeMerkleRootMetadata decodes MerkleRootMultisigIsm metadata: hook(32) ‖ u32be
// messageIndex ‖ signedMessageId(32) ‖ proof(32×32) ‖ u32be signedIndex ‖ signatures.
// Bounds and round trip as DecodeMessageIDMetadata.
func DecodeMerkleRootMetadata(b []byte) (MerkleRootMetadata, error) {
	if len(b) < merkleRootSignaturesOffset {
		return MerkleRootMetadata{}, errorf(ErrMetadata, "%d bytes, need at least %d", len(b), merkleRootSignaturesOffset)
	}
	sigs, err := parseSignatures(b[merkleRootSignaturesOffset:])
	if err != nil {
		return MerkleRootMetadata{}, err
	}
	m := MerkleRootMetadata{
		MerkleTreeHook:  interop.Hash(b[0:32]),
		MessageIndex:    binary.BigEndian.Uint32(b[32:36]),
		SignedMessageID: interop.Hash(b[36:68]),
		SignedIndex:     binary.BigEndian.Uint32(b[merkleRootSignedIndex:merkleRootSignaturesOffset]),
		Signatures:      sigs,
	}
	for i := range m.Proof {
		m.Proof[i] = interop.Hash(b[merkleRootProofOffset+32*i:])
	}
	return m, nil
}

// AppendBinary appends the metadata bytes to b. It never fails.
func (m *MerkleRootMetadata) AppendBinary(b []byte) ([]byte, error) {
	b = slices.Grow(b, merkleRootSignaturesOffset+len(m.Signatures)*signatureSize)
	b = append(b, m.MerkleTreeHook[:]...)
	b = binary.BigEndian.AppendUint32(b, m.MessageIndex)
	b = append(b, m.SignedMessageID[:]...)
	for i := range m.Proof {
		b = append(b, m.Proof[i][:]...)
	}
	b = binary.BigEndian.AppendUint32(b, m.SignedIndex)
	for i := range m.Signatures {
		b = append(b, m.Signatures[i][:]...)
	}
	return b, nil
}

// MessageIDMultisig is the MessageIdMultisigIsm: validators sign a checkpoint carrying
// the message id. The signed root is not checked against anything, only signed.
type MessageIDMultisig struct{ Multisig }

// NewMessageIDMultisig returns the ISM of a validator set and threshold, checked as
// NewMultisig checks them.
func NewMessageIDMultisig(validators []interop.Address, threshold int) (*MessageIDMultisig, error) {
	m, err := NewMultisig(validators, threshold)
	if err != nil {
		return nil, err
	}
	return &MessageIDMultisig{*m}, nil
}

// Checkpoint returns the checkpoint that metadata md attests for a message with the
// given origin and id.
func (md *MessageIDMetadata) Checkpoint(origin uint32, id interop.Hash) Checkpoint {
	return Checkpoint{Origin: origin, MerkleTreeHook: md.MerkleTreeHook, Root: md.Root, Index: md.Index, MessageID: id}
}

// Verify is AbstractMessageIdMultisigIsm.verify on raw metadata and message bytes:
// the message decodes (ErrMessage), the metadata parses (ErrMetadata), and the
// signatures over CheckpointLib.digest(origin, hook, root, index, id) meet the
// threshold in validator order (VerifySignatures). Cost: one hash of the message
// (at most MaxBodySize), the metadata copied once, then as VerifySignatures.
func (ism *MessageIDMultisig) Verify(metadata, message []byte) error {
	msg, err := DecodeMessage(message)
	if err != nil {
		return err
	}
	return ism.verifyID(metadata, msg.Origin, msg.ID())
}

func (ism *MessageIDMultisig) verifyID(metadata []byte, origin uint32, id interop.Hash) error {
	md, err := DecodeMessageIDMetadata(metadata)
	if err != nil {
		return err
	}
	cp := md.Checkpoint(origin, id)
	return ism.VerifySignatures(cp.Digest(), md.Signatures)
}

// MerkleRootMultisig is the MerkleRootMultisigIsm: validators sign a checkpoint whose
// root includes the message at MessageIndex, possibly a later checkpoint.
type MerkleRootMultisig struct{ Multisig }

// NewMerkleRootMultisig returns the ISM of a validator set and threshold, checked as
// NewMultisig checks them.
func NewMerkleRootMultisig(validators []interop.Address, threshold int) (*MerkleRootMultisig, error) {
	m, err := NewMultisig(validators, threshold)
	if err != nil {
		return nil, err
	}
	return &MerkleRootMultisig{*m}, nil
}

// Verify is AbstractMerkleRootMultisigIsm.verify: messageIndex ≤ signedIndex (ErrIndex),
// signedRoot = branchRoot(message.id(), proof, messageIndex), and the signatures over
// CheckpointLib.digest(origin, hook, signedRoot, signedIndex, signedMessageId) meet the
// threshold (VerifySignatures). Cost: as MessageIDMultisig.Verify, plus 32 hashes for the
// branch.
func (ism *MerkleRootMultisig) Verify(metadata, message []byte) error {
	msg, err := DecodeMessage(message)
	if err != nil {
		return err
	}
	return ism.verifyID(metadata, msg.Origin, msg.ID())
}

func (ism *MerkleRootMultisig) verifyID(metadata []byte, origin uint32, id interop.Hash) error {
	md, err := DecodeMerkleRootMetadata(metadata)
	if err != nil {
		return err
	}
	if md.MessageIndex > md.SignedIndex {
		return errorf(ErrIndex, "message index %d, signed index %d", md.MessageIndex, md.SignedIndex)
	}
	root := md.Proof.Root(id, md.MessageIndex, merkle.Keccak256{})
	cp := Checkpoint{Origin: origin, MerkleTreeHook: md.MerkleTreeHook, Root: root, Index: md.SignedIndex, MessageID: md.SignedMessageID}
	return ism.VerifySignatures(cp.Digest(), md.Signatures)
}

// Claim returns the lightclient claim for a message: its origin and destination
// domains and its id. With the ISMs' Verifier methods, Hyperlane ISMs compose with
// lightclient's combinators (lightclient.Route is the DomainRoutingIsm).
func Claim(m *Message) lightclient.Claim {
	return lightclient.Claim{Origin: interop.ChainID(m.Origin), Destination: interop.ChainID(m.Destination), Digest: m.ID()}
}

// Verifier adapts the ISM to lightclient.Verifier: the claim's Digest is the message
// id, its Origin the message origin (a uint32 domain), and the attestation's Metadata
// the ISM metadata. The checkpoint signatures bind origin and id, so the verdict holds
// for that claim only.
func (ism *MessageIDMultisig) Verifier() lightclient.Verifier {
	return ismVerifier{name: fmt.Sprintf("hyperlane message-id multisig %d of %d", ism.threshold, len(ism.validators)), verify: ism.verifyID}
}

// Verifier adapts the ISM to lightclient.Verifier, as MessageIDMultisig.Verifier.
func (ism *MerkleRootMultisig) Verifier() lightclient.Verifier {
	return ismVerifier{name: fmt.Sprintf("hyperlane merkle-root multisig %d of %d", ism.threshold, len(ism.validators)), verify: ism.verifyID}
}

type ismVerifier struct {
	name   string
	verify func(metadata []byte, origin uint32, id interop.Hash) error
}

func (v ismVerifier) Verify(c lightclient.Claim, a *lightclient.Attestation) lightclient.Verdict {
	if uint64(c.Origin) > 1<<32-1 {
		return lightclient.Reject(v.name, c, errorf(ErrWrongDomain, "origin %d is not a Hyperlane domain", c.Origin))
	}
	if a == nil {
		return lightclient.Reject(v.name, c, errorf(ErrMetadata, "no attestation"))
	}
	if err := v.verify(a.Metadata, uint32(c.Origin), c.Digest); err != nil {
		return lightclient.Reject(v.name, c, err)
	}
	return lightclient.Accept(v.name, c, "validator signatures meet the threshold in order")
}
