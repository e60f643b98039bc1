package polymer

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/keccak"
)

// Verifier holds a CrossL2ProverV2's parameters.
type Verifier struct {
	ClientType string
	Sequencer  interop.Address
	ChainID    interop.Hash // the Polymer chain id as bytes32
}

// Event is a proven EVM log.
type Event struct {
	AppHash       interop.Hash
	PeptideHeight uint64
	ChainID       uint32
	BlockNumber   uint64
	ReceiptIndex  uint32
	LogIndex      uint32
	Emitter       interop.Address
	Topics        []interop.Hash
	Data          []byte
}

// checkSignature recovers the sequencer from proof[32:97] under the rules of OpenZeppelin's
// ECDSA.recover, which SequencerSignatureVerifierV2 uses: v must be 27 or 28 (ecrecover
// returns nothing for 0 or 1) and s at most n/2 (EIP-2). Without them each honest proof
// would have malleated twins that verify here and revert on chain.
func (v *Verifier) checkSignature(appHash interop.Hash, height uint64, sig []byte) error {
	if sig[64] != 27 && sig[64] != 28 {
		return fmt.Errorf("%w: v = %d, want 27 or 28", ErrSignature, sig[64])
	}
	var hb [8]byte
	binary.BigEndian.PutUint64(hb[:], height)
	inner := keccak.Sum256Parts(appHash[:], hb[:])
	var zero interop.Hash
	digest := keccak.Sum256Parts(zero[:], v.ChainID[:], inner[:])
	got, err := secp256k1.RecoverAddressStrict(digest, [65]byte(sig))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSignature, err)
	}
	if got != v.Sequencer {
		return fmt.Errorf("%w: signed by %s, sequencer is %s", ErrSignature, got, v.Sequencer)
	}
	return nil
}

// ValidateEvent verifies an EVM-log proof and returns the event:
// [0:32] appHash ‖ [32:97] sig ‖ [97:101] srcChainId ‖ [101:109] peptideHeight ‖
// [109:117] blockNumber ‖ [117:121] receiptIndex ‖ [121:125] logIndex ‖ [125] numTopics ‖
// [126:128] u16be eventEnd ‖ [128:eventEnd] emitter ‖ topics ‖ data ‖ [eventEnd:] IAVL proof.
// The topic count is not covered by the proof (see the package doc): check len(Topics).
// Bounds: see the package doc (at most 255 topics, 256 hashes).
// The checks: layout (ErrMalformed), sequencer signature (ErrSignature), then the IAVL
// proof of key "chain/{id}/storedLogs/{clientType}/{block}/{receipt}/{log}" →
// keccak256(rawEvent) under the app hash (ErrInvalidProof).
func (v *Verifier) ValidateEvent(proof []byte) (Event, error) {
	if len(proof) < 128 {
		return Event{}, fmt.Errorf("%w: %d bytes", ErrMalformed, len(proof))
	}
	e := Event{
		AppHash:       interop.Hash(proof[0:32]),
		ChainID:       binary.BigEndian.Uint32(proof[97:]),
		PeptideHeight: binary.BigEndian.Uint64(proof[101:]),
		BlockNumber:   binary.BigEndian.Uint64(proof[109:]),
		ReceiptIndex:  binary.BigEndian.Uint32(proof[117:]),
		LogIndex:      binary.BigEndian.Uint32(proof[121:]),
	}
	nTopics := int(proof[125])
	end := int(binary.BigEndian.Uint16(proof[126:]))
	if end > len(proof) || end < 128+20+32*nTopics {
		return Event{}, fmt.Errorf("%w: event end %d with %d topics in %d bytes", ErrMalformed, end, nTopics, len(proof))
	}
	raw := proof[128:end]
	e.Emitter = interop.Address(raw[:20])
	for i := range nTopics {
		e.Topics = append(e.Topics, interop.Hash(raw[20+32*i:]))
	}
	e.Data = raw[20+32*nTopics:]
	if err := v.checkSignature(e.AppHash, e.PeptideHeight, proof[32:97]); err != nil {
		return Event{}, err
	}
	key := v.EventKey(e.ChainID, e.BlockNumber, e.ReceiptIndex, e.LogIndex)
	value := keccak.Sum256Parts(raw)
	if err := VerifyIAVL(e.AppHash, key, value[:], proof[end:]); err != nil {
		return Event{}, err
	}
	return e, nil
}

// EventKey is the IAVL key under which Polymer stores an EVM log (ReceiptParser.eventRootKey):
// "chain/{chainID}/storedLogs/{clientType}/{block}/{receipt}/{log}", numbers in decimal.
func (v *Verifier) EventKey(chainID uint32, block uint64, receipt, log uint32) []byte {
	return []byte("chain/" + strconv.FormatUint(uint64(chainID), 10) + "/storedLogs/" + v.ClientType + "/" +
		strconv.FormatUint(block, 10) + "/" + strconv.FormatUint(uint64(receipt), 10) + "/" +
		strconv.FormatUint(uint64(log), 10))
}

// SolanaKey is the IAVL key of a Solana program's logs in one transaction
// (ReceiptParser.solanaEventRootKey): "chain/{chainID}/storedLogs/{clientType}/" ‖
// u64be(slot) ‖ "/" ‖ txSignature ‖ "/" ‖ programID.
func (v *Verifier) SolanaKey(chainID uint32, slot uint64, txSignature [64]byte, programID interop.Hash) []byte {
	key := []byte("chain/" + strconv.FormatUint(uint64(chainID), 10) + "/storedLogs/" + v.ClientType + "/")
	key = binary.BigEndian.AppendUint64(key, slot)
	key = append(key, '/')
	key = append(key, txSignature[:]...)
	key = append(key, '/')
	return append(key, programID[:]...)
}

// SolanaLogs is a proven set of Solana program log messages.
type SolanaLogs struct {
	AppHash       interop.Hash
	PeptideHeight uint64
	ChainID       uint32
	Slot          uint64
	TxSignature   [64]byte
	ProgramID     interop.Hash
	Messages      [][]byte
}

// ValidateSolanaLogs verifies a Solana proof: [0:32] appHash ‖ [32:97] sig ‖ [97:101]
// chainId ‖ [101:109] peptideHeight ‖ [109:117] slot ‖ [117] nLogs ‖ [118:182] tx
// signature ‖ [182:214] programID ‖ per log u16be(absolute end) ‖ message ‖ IAVL proof,
// with key "chain/{id}/storedLogs/{clientType}/" ‖ u64be(slot) ‖ "/" ‖ txSig ‖ "/" ‖
// programID and value keccak256(programID ‖ messages...). The message count and the
// boundaries between messages are not authenticated (see the package doc). At most 255
// messages; the messages are not copied, their concatenation once.
func (v *Verifier) ValidateSolanaLogs(proof []byte) (SolanaLogs, error) {
	if len(proof) < 214 {
		return SolanaLogs{}, fmt.Errorf("%w: %d bytes", ErrMalformed, len(proof))
	}
	s := SolanaLogs{
		AppHash:       interop.Hash(proof[0:32]),
		ChainID:       binary.BigEndian.Uint32(proof[97:]),
		PeptideHeight: binary.BigEndian.Uint64(proof[101:]),
		Slot:          binary.BigEndian.Uint64(proof[109:]),
		TxSignature:   [64]byte(proof[118:182]),
		ProgramID:     interop.Hash(proof[182:214]),
	}
	n := int(proof[117])
	off := 214
	raw := append([]byte(nil), s.ProgramID[:]...)
	for i := range n {
		if off+2 > len(proof) {
			return SolanaLogs{}, fmt.Errorf("%w: log %d header past the end", ErrMalformed, i)
		}
		end := int(binary.BigEndian.Uint16(proof[off:]))
		if end < off+2 || end > len(proof) {
			return SolanaLogs{}, fmt.Errorf("%w: log %d ends at %d", ErrMalformed, i, end)
		}
		msg := proof[off+2 : end]
		s.Messages = append(s.Messages, msg)
		raw = append(raw, msg...)
		off = end
	}
	if err := v.checkSignature(s.AppHash, s.PeptideHeight, proof[32:97]); err != nil {
		return SolanaLogs{}, err
	}
	key := v.SolanaKey(s.ChainID, s.Slot, s.TxSignature, s.ProgramID)
	value := keccak.Sum256Parts(raw)
	if err := VerifyIAVL(s.AppHash, key, value[:], proof[off:]); err != nil {
		return SolanaLogs{}, err
	}
	return s, nil
}

// VerifyIAVL checks Polymer's compact IAVL existence proof of key → value under root:
// proof[0] inner steps, proof[1] the offset of the first step; leaf =
// sha256(proof[2:start] ‖ key ‖ 0x20 ‖ sha256(value)); each step at off is
// sha256(proof[off+2:off+ss] ‖ h ‖ proof[off+ss:off+se]) with ss = proof[off],
// se = proof[off+1], and the next step at off+se. At most 255 steps (proof[0] is a byte),
// each of at most 255 bytes, bounds checked before use; bytes after the last step are not
// read. One buffer, reused: allocation is O(len(key) + 256).
func VerifyIAVL(root interop.Hash, key, value, proof []byte) error {
	if len(proof) < 2 {
		return fmt.Errorf("%w: %d bytes", ErrMalformed, len(proof))
	}
	n, start := int(proof[0]), int(proof[1])
	if start < 2 || start > len(proof) {
		return fmt.Errorf("%w: first step at %d of %d", ErrMalformed, start, len(proof))
	}
	vh := sha256.Sum256(value)
	buf := make([]byte, 0, 256)
	buf = append(buf, proof[2:start]...)
	buf = append(buf, key...)
	buf = append(buf, 0x20)
	buf = append(buf, vh[:]...)
	h := sha256.Sum256(buf)
	off := start
	for i := range n {
		if off+2 > len(proof) {
			return fmt.Errorf("%w: step %d past the end", ErrMalformed, i)
		}
		ss, se := int(proof[off]), int(proof[off+1])
		if ss < 2 || se < ss || off+se > len(proof) {
			return fmt.Errorf("%w: step %d bounds %d, %d at %d", ErrMalformed, i, ss, se, off)
		}
		buf = append(buf[:0], proof[off+2:off+ss]...)
		buf = append(buf, h[:]...)
		buf = append(buf, proof[off+ss:off+se]...)
		h = sha256.Sum256(buf)
		off += se
	}
	if h != root {
		return fmt.Errorf("%w: computed %x, app hash %s", ErrInvalidProof, h, root)
	}
	return nil
}
