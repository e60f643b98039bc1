// Package polymertest builds Polymer Prove API v2 proofs for property tests: a sequencer
// key signs a random app hash, and a random compact IAVL path (leaf prefix, inner steps
// with prefixes and suffixes) leads from the stored log to it. The layouts are those
// polymer.Verifier reads (CrossL2ProverV2.validateEvent and validateSolLogs).
package polymertest

import (
	"crypto/sha256"
	"encoding/binary"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/crypto/secp256k1/secp256k1test"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/lightclient/polymer"
)

// Setup is a verifier and the sequencer key it trusts.
type Setup struct {
	Verifier  polymer.Verifier
	Sequencer *secp256k1.PrivateKey
}

// NewSetup generates a verifier with a random client type, Polymer chain id and sequencer.
func NewSetup() *rapid.Generator[Setup] {
	return rapid.Custom(func(t *rapid.T) Setup {
		k := secp256k1test.PrivateKey().Draw(t, "sequencer")
		var id interop.Hash
		copy(id[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "polymerChainID"))
		ct := rapid.SampledFrom([]string{"proof_api", "op-native", "x"}).Draw(t, "clientType")
		return Setup{Verifier: polymer.Verifier{ClientType: ct, Sequencer: k.Address(), ChainID: id}, Sequencer: k}
	})
}

// Sign is the sequencer's signature over (appHash, peptideHeight) for the Polymer chain id:
// keccak256(bytes32(0) ‖ chainID ‖ keccak256(appHash ‖ u64be(height))), plain ECDSA
// (no EIP-191), low s and v 27 or 28, as the sequencer's proofs carry it.
func Sign(k *secp256k1.PrivateKey, chainID, appHash interop.Hash, height uint64) [65]byte {
	var hb [8]byte
	binary.BigEndian.PutUint64(hb[:], height)
	inner := keccak.Sum256Parts(appHash[:], hb[:])
	var zero interop.Hash
	sig := k.Sign(keccak.Sum256Parts(zero[:], chainID[:], inner[:]))
	sig[64] += 27
	return sig
}

// IAVL draws a compact IAVL existence proof of key → value and returns its root: a leaf
// prefix, then up to six inner steps, each hashing prefix ‖ child ‖ suffix with sha256.
// The proof's layout is the one polymer.VerifyIAVL reads.
func IAVL(t *rapid.T, key, value []byte) (interop.Hash, []byte) {
	leafPrefix := rapid.SliceOfN(rapid.Byte(), 0, 12).Draw(t, "leafPrefix")
	steps := rapid.IntRange(0, 6).Draw(t, "steps")
	proof := []byte{byte(steps), byte(2 + len(leafPrefix))}
	proof = append(proof, leafPrefix...)
	vh := sha256.Sum256(value)
	h := sha256.Sum256(concat(leafPrefix, key, []byte{0x20}, vh[:]))
	for range steps {
		pre := rapid.SliceOfN(rapid.Byte(), 0, 40).Draw(t, "prefix")
		suf := rapid.SliceOfN(rapid.Byte(), 0, 40).Draw(t, "suffix")
		ss := 2 + len(pre)
		proof = append(proof, byte(ss), byte(ss+len(suf)))
		proof = append(proof, pre...)
		proof = append(proof, suf...)
		h = sha256.Sum256(concat(pre, h[:], suf))
	}
	return h, proof
}

func concat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// EventProof draws an EVM log and returns a proof of it that s.Verifier accepts, with the
// event ValidateEvent must return.
func EventProof(t *rapid.T, s Setup) ([]byte, polymer.Event) {
	e := polymer.Event{
		PeptideHeight: rapid.Uint64().Draw(t, "peptideHeight"),
		ChainID:       rapid.Uint32().Draw(t, "chainID"),
		BlockNumber:   rapid.Uint64().Draw(t, "blockNumber"),
		ReceiptIndex:  rapid.Uint32().Draw(t, "receiptIndex"),
		LogIndex:      rapid.Uint32().Draw(t, "logIndex"),
		Data:          rapid.SliceOfN(rapid.Byte(), 0, 200).Draw(t, "data"),
	}
	copy(e.Emitter[:], rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "emitter"))
	for range rapid.IntRange(0, 4).Draw(t, "topics") {
		var h interop.Hash
		copy(h[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "topic"))
		e.Topics = append(e.Topics, h)
	}
	raw := append([]byte(nil), e.Emitter[:]...)
	for _, h := range e.Topics {
		raw = append(raw, h[:]...)
	}
	raw = append(raw, e.Data...)
	value := keccak.Sum256(raw)
	root, iavl := IAVL(t, s.Verifier.EventKey(e.ChainID, e.BlockNumber, e.ReceiptIndex, e.LogIndex), value[:])
	e.AppHash = root
	p := head(s, root, e.ChainID, e.PeptideHeight)
	p = binary.BigEndian.AppendUint64(p, e.BlockNumber)
	p = binary.BigEndian.AppendUint32(p, e.ReceiptIndex)
	p = binary.BigEndian.AppendUint32(p, e.LogIndex)
	p = append(p, byte(len(e.Topics)))
	p = binary.BigEndian.AppendUint16(p, uint16(128+len(raw)))
	p = append(p, raw...)
	return append(p, iavl...), e
}

// SolanaProof draws Solana program logs and returns a proof of them that s.Verifier
// accepts, with the logs ValidateSolanaLogs must return.
func SolanaProof(t *rapid.T, s Setup) ([]byte, polymer.SolanaLogs) {
	l := polymer.SolanaLogs{
		PeptideHeight: rapid.Uint64().Draw(t, "peptideHeight"),
		ChainID:       rapid.Uint32().Draw(t, "chainID"),
		Slot:          rapid.Uint64().Draw(t, "slot"),
	}
	copy(l.TxSignature[:], rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "txSignature"))
	copy(l.ProgramID[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "programID"))
	for range rapid.IntRange(0, 4).Draw(t, "messages") {
		l.Messages = append(l.Messages, []byte(rapid.StringN(0, 60, -1).Draw(t, "message")))
	}
	raw := append([]byte(nil), l.ProgramID[:]...)
	for _, m := range l.Messages {
		raw = append(raw, m...)
	}
	value := keccak.Sum256(raw)
	root, iavl := IAVL(t, s.Verifier.SolanaKey(l.ChainID, l.Slot, l.TxSignature, l.ProgramID), value[:])
	l.AppHash = root
	p := head(s, root, l.ChainID, l.PeptideHeight)
	p = binary.BigEndian.AppendUint64(p, l.Slot)
	p = append(p, byte(len(l.Messages)))
	p = append(p, l.TxSignature[:]...)
	p = append(p, l.ProgramID[:]...)
	for _, m := range l.Messages {
		p = binary.BigEndian.AppendUint16(p, uint16(len(p)+2+len(m)))
		p = append(p, m...)
	}
	return append(p, iavl...), l
}

// head is the part both proof layouts share: appHash ‖ sequencer signature ‖ u32be(source
// chain id) ‖ u64be(peptide height).
func head(s Setup, root interop.Hash, chainID uint32, height uint64) []byte {
	sig := Sign(s.Sequencer, s.Verifier.ChainID, root, height)
	p := append([]byte(nil), root[:]...)
	p = append(p, sig[:]...)
	p = binary.BigEndian.AppendUint32(p, chainID)
	return binary.BigEndian.AppendUint64(p, height)
}

// ChainID generates 64-bit chain ids, a third of them around the proof header's 32-bit
// limit.
func ChainID() *rapid.Generator[polymer.ChainID] {
	return rapid.Custom(func(t *rapid.T) polymer.ChainID {
		if rapid.IntRange(0, 2).Draw(t, "edge") == 0 {
			return polymer.ChainID(1<<32 + rapid.Int64Range(-2, 1).Draw(t, "offset"))
		}
		return polymer.ChainID(rapid.Uint64().Draw(t, "id"))
	})
}
