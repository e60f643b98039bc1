package layerzero

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/abi"
	"github.com/interopkit/interop/internal/keccak"
)

// VerifySelector is IReceiveUlnE2.verify.selector,
// bytes4(keccak256("verify(bytes,bytes32,uint64)")) = 0x0223536e.
var VerifySelector = [4]byte{0x02, 0x23, 0x53, 0x6e}

// Bounds of the DVN encodings this package decodes.
const (
	// SignatureSize is the length of one MultiSig signature, r ‖ s ‖ v.
	SignatureSize = 65
	// MaxQuorum bounds a DVN's quorum and signer set. MultiSig takes a uint64 quorum;
	// deployed DVNs have a handful of signers.
	MaxQuorum = 256
	// MaxCallDataSize bounds ExecuteParam.callData. A verify call is VerifyCallSize bytes;
	// other DVN instructions (admin calls) are small too.
	MaxCallDataSize = 1 << 16
	// VerifyCallSize is the length of canonical verify call data: selector, three head
	// words, the header's length word and its 81 bytes padded to 96.
	VerifyCallSize = 4 + 3*32 + 32 + 96
)

// VerifyCall is the call IReceiveUlnE2.verify(bytes packetHeader, bytes32 payloadHash,
// uint64 confirmations) that a DVN makes on the destination's receive library
// (ReceiveUln302.verify), which records hashLookup[keccak256(header)][payloadHash][dvn].
type VerifyCall struct {
	Header        Header
	PayloadHash   interop.Hash
	Confirmations uint64
}

// AppendBinary appends the call data, VerifySelector ‖ abi.encode(header, payloadHash,
// confirmations), to b. It never fails.
func (c *VerifyCall) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, VerifySelector[:]...)
	e := abi.NewEncoder(b, 3)
	hdr := c.Header.Bytes()
	e.Bytes(hdr[:])
	e.Word(c.PayloadHash)
	e.Uint64(c.Confirmations)
	return e.Finish(), nil
}

// DecodeVerifyCall parses verify call data strictly: the selector, canonical ABI (offsets,
// padding, no trailing bytes; see internal/abi) and a header DecodeHeader accepts
// (exactly 81 bytes, version 1). The contract's verify stores any header bytes, but
// commitVerification only ever looks up 81-byte version-1 headers, so a DVN signing any
// other header has vouched for nothing. Errors wrap ErrCallData, and the header's error.
func DecodeVerifyCall(b []byte) (VerifyCall, error) {
	if len(b) != VerifyCallSize {
		return VerifyCall{}, errorf(ErrCallData, "%d bytes, want %d", len(b), VerifyCallSize)
	}
	if [4]byte(b) != VerifySelector {
		return VerifyCall{}, errorf(ErrCallData, "selector %x, want %x", b[:4], VerifySelector)
	}
	d, err := abi.NewDecoder(b[4:], 3)
	if err != nil {
		return VerifyCall{}, fmt.Errorf("%w: %w", ErrCallData, err)
	}
	hdr, err := d.Bytes(HeaderSize)
	if err != nil {
		return VerifyCall{}, fmt.Errorf("%w: header: %w", ErrCallData, err)
	}
	var c VerifyCall
	if c.Header, err = DecodeHeader(hdr); err != nil {
		return VerifyCall{}, fmt.Errorf("%w: %w", ErrCallData, err)
	}
	if c.PayloadHash, err = d.Word(); err != nil {
		return VerifyCall{}, fmt.Errorf("%w: %w", ErrCallData, err)
	}
	if c.Confirmations, err = d.Uint(64); err != nil {
		return VerifyCall{}, fmt.Errorf("%w: confirmations: %w", ErrCallData, err)
	}
	if err := d.Finish(); err != nil {
		return VerifyCall{}, fmt.Errorf("%w: %w", ErrCallData, err)
	}
	return c, nil
}

// ExecuteParam is one instruction of a DVN's multisig (DVN.sol): call target with
// callData, signed by quorum signers, valid while block.timestamp < expiration. For a
// packet, target is the receive library and callData a VerifyCall.
type ExecuteParam struct {
	VID        uint32
	Target     interop.Address
	CallData   []byte
	Expiration uint256.Int
	Signatures []byte // quorum × 65 bytes, r ‖ s ‖ v each
}

// AppendBinary appends abi.encode(param) (the struct as a single dynamic tuple
// argument: an offset word, then the tuple) to b. Call data over MaxCallDataSize or
// signatures over MaxQuorum × 65 bytes are ErrExecuteParam, since DecodeExecuteParam
// would refuse them.
func (p *ExecuteParam) AppendBinary(b []byte) ([]byte, error) {
	if err := p.checkSizes(); err != nil {
		return b, err
	}
	e := abi.NewEncoder(b, 1)
	t := e.Tuple(5)
	p.encodeTuple(&t)
	e.End(&t)
	return e.Finish(), nil
}

func (p *ExecuteParam) checkSizes() error {
	if len(p.CallData) > MaxCallDataSize {
		return errorf(ErrExecuteParam, "call data of %d bytes, max %d", len(p.CallData), MaxCallDataSize)
	}
	if len(p.Signatures) > MaxQuorum*SignatureSize {
		return errorf(ErrExecuteParam, "signatures of %d bytes, max %d", len(p.Signatures), MaxQuorum*SignatureSize)
	}
	return nil
}

func (p *ExecuteParam) encodeTuple(t *abi.Encoder) {
	t.Uint64(uint64(p.VID))
	t.Address(p.Target)
	t.Bytes(p.CallData)
	t.Uint256(&p.Expiration)
	t.Bytes(p.Signatures)
}

func decodeTuple(t *abi.Decoder) (p ExecuteParam, err error) {
	vid, err := t.Uint(32)
	if err != nil {
		return p, fmt.Errorf("vid: %w", err)
	}
	p.VID = uint32(vid)
	if p.Target, err = t.Address(); err != nil {
		return p, fmt.Errorf("target: %w", err)
	}
	if p.CallData, err = t.Bytes(MaxCallDataSize); err != nil {
		return p, fmt.Errorf("callData: %w", err)
	}
	if p.Expiration, err = t.Uint256(); err != nil {
		return p, fmt.Errorf("expiration: %w", err)
	}
	if p.Signatures, err = t.Bytes(MaxQuorum * SignatureSize); err != nil {
		return p, fmt.Errorf("signatures: %w", err)
	}
	return p, nil
}

// DecodeExecuteParam parses abi.encode(ExecuteParam) strictly (canonical offsets and
// padding, no trailing bytes, call data at most MaxCallDataSize and signatures at most
// MaxQuorum × 65 bytes, both bounded before use). CallData and Signatures alias b. Errors
// wrap ErrExecuteParam. The signatures' length is checked against the quorum when they
// are verified, as on chain.
func DecodeExecuteParam(b []byte) (ExecuteParam, error) {
	d, err := abi.NewDecoder(b, 1)
	if err != nil {
		return ExecuteParam{}, fmt.Errorf("%w: %w", ErrExecuteParam, err)
	}
	t, err := d.Tuple(5)
	if err != nil {
		return ExecuteParam{}, fmt.Errorf("%w: %w", ErrExecuteParam, err)
	}
	p, err := decodeTuple(&t)
	if err != nil {
		return ExecuteParam{}, fmt.Errorf("%w: %w", ErrExecuteParam, err)
	}
	if err := d.End(&t); err != nil {
		return ExecuteParam{}, fmt.Errorf("%w: %w", ErrExecuteParam, err)
	}
	if err := d.Finish(); err != nil {
		return ExecuteParam{}, fmt.Errorf("%w: %w", ErrExecuteParam, err)
	}
	return p, nil
}

// Hash is DVN.hashCallData(vid, target, callData, expiration):
// keccak256(abi.encodePacked(vid, target, expiration, callData)) — note the packed order,
// expiration before callData, unlike the argument order — 4 + 20 + 32 bytes and the call
// data. Signers sign its EIP-191 form (SigningDigest).
func (p *ExecuteParam) Hash() interop.Hash {
	return HashCallData(p.VID, p.Target, p.CallData, &p.Expiration)
}

// HashCallData is DVN.hashCallData; see ExecuteParam.Hash.
func HashCallData(vid uint32, target interop.Address, callData []byte, expiration *uint256.Int) interop.Hash {
	h := keccak.Get()
	h.Buf = binary.BigEndian.AppendUint32(h.Buf, vid)
	h.Buf = append(h.Buf, target[:]...)
	var exp [32]byte
	expiration.PutUint256(exp[:])
	h.Buf = append(h.Buf, exp[:]...)
	h.Buf = append(h.Buf, callData...)
	out := h.Hash(h.Buf, nil)
	keccak.Put(h)
	return out
}

// EthSignedMessageHash is MultiSig._getEthSignedMessageHash (EIP-191 version 0x45, as
// OpenZeppelin's toEthSignedMessageHash): keccak256("\x19Ethereum Signed Message:\n32" ‖
// hash).
func EthSignedMessageHash(hash interop.Hash) interop.Hash {
	var b [28 + 32]byte
	copy(b[:], "\x19Ethereum Signed Message:\n32")
	copy(b[28:], hash[:])
	return keccak.Sum256(b[:])
}

// SigningDigest is what the DVN's signers sign for p: EthSignedMessageHash(p.Hash()).
func (p *ExecuteParam) SigningDigest() interop.Hash { return EthSignedMessageHash(p.Hash()) }

// DVN is a DVN contract as a destination chain knows it: its address (the msg.sender the
// receive library records), its vid (DVN.vid; ExecuteParams for another vid are skipped)
// and its MultiSig signer set and quorum. Build it with NewDVN; it is immutable and safe
// for concurrent use.
type DVN struct {
	address interop.Address
	vid     uint32
	signers []interop.Address // sorted ascending, for binary search
	quorum  int
	name    string // for verdicts
}

// NewDVN checks a DVN's configuration as MultiSig's constructor and setters do: a quorum
// of at least 1 and at most the number of signers (and MaxQuorum), no zero signer. A
// signer listed twice is also ErrConfig (the contract's set would hold it once; a
// repeated entry here is a configuration mistake). The signers are copied.
func NewDVN(address interop.Address, vid uint32, signers []interop.Address, quorum int) (*DVN, error) {
	if address == (interop.Address{}) {
		return nil, errorf(ErrConfig, "DVN at the zero address")
	}
	if len(signers) > MaxQuorum {
		return nil, errorf(ErrConfig, "%d signers, max %d", len(signers), MaxQuorum)
	}
	if quorum < 1 || quorum > len(signers) {
		return nil, errorf(ErrConfig, "quorum %d of %d signers", quorum, len(signers))
	}
	sorted := slices.Clone(signers)
	slices.SortFunc(sorted, func(a, b interop.Address) int { return bytes.Compare(a[:], b[:]) })
	for i, s := range sorted {
		if s == (interop.Address{}) {
			return nil, errorf(ErrConfig, "zero signer (MultiSig_InvalidSigner)")
		}
		if i > 0 && s == sorted[i-1] {
			return nil, errorf(ErrConfig, "signer %s listed twice", s)
		}
	}
	name := fmt.Sprintf("layerzero DVN %s (%d of %d)", address, quorum, len(sorted))
	return &DVN{address: address, vid: vid, signers: sorted, quorum: quorum, name: name}, nil
}

// Address returns the DVN contract's address.
func (d *DVN) Address() interop.Address { return d.address }

// VID returns the DVN's vid.
func (d *DVN) VID() uint32 { return d.vid }

// Quorum returns the MultiSig quorum.
func (d *DVN) Quorum() int { return d.quorum }

// Signers returns a copy of the signer set, in ascending order.
func (d *DVN) Signers() []interop.Address { return slices.Clone(d.signers) }

func (d *DVN) isSigner(a interop.Address) bool {
	_, ok := slices.BinarySearchFunc(d.signers, a, func(x, y interop.Address) int { return bytes.Compare(x[:], y[:]) })
	return ok
}

// VerifySignatures is MultiSig.verifySignatures(hash, signatures):
//
//	a) signatures is exactly quorum × 65 bytes (ErrQuorum);
//	b) each recovers from EthSignedMessageHash(hash) under ECDSA.tryRecover's rules:
//	   v 27 or 28, s ≤ n/2, a valid point (ErrSignature);
//	c) each signer is strictly above the previous one as a uint160 — no repeats, ascending
//	   order (ErrSignerOrder);
//	d) each signer is in the DVN's set (ErrUnknownSigner).
//
// The checks run per signature in this order, as in the contract, so the first failing
// signature decides the error.
func (d *DVN) VerifySignatures(hash interop.Hash, signatures []byte) error {
	if len(signatures) != d.quorum*SignatureSize {
		return errorf(ErrQuorum, "%d signature bytes, quorum %d needs %d", len(signatures), d.quorum, d.quorum*SignatureSize)
	}
	digest := EthSignedMessageHash(hash)
	var last interop.Address // no signer has address 0
	for i := range d.quorum {
		sig := [65]byte(signatures[i*SignatureSize:])
		signer, err := recoverOZ(digest, sig)
		if err != nil {
			return fmt.Errorf("signature %d: %w", i, err)
		}
		if bytes.Compare(signer[:], last[:]) <= 0 {
			return errorf(ErrSignerOrder, "signature %d by %s, not above %s", i, signer, last)
		}
		if !d.isSigner(signer) {
			return errorf(ErrUnknownSigner, "signature %d by %s", i, signer)
		}
		last = signer
	}
	return nil
}

// recoverOZ is OpenZeppelin ECDSA.tryRecover(hash, signature) on a 65-byte signature: s
// above n/2 is refused, and the ecrecover precompile admits only v 27 or 28.
func recoverOZ(digest interop.Hash, sig [65]byte) (interop.Address, error) {
	if v := sig[64]; v != 27 && v != 28 {
		return interop.Address{}, errorf(ErrSignature, "v = %d, want 27 or 28", v)
	}
	a, err := secp256k1.RecoverAddressStrict(digest, sig)
	if err != nil {
		return interop.Address{}, fmt.Errorf("%w: %w", ErrSignature, err)
	}
	return a, nil
}

// VerifyExecuteParam checks an instruction as DVN.execute would run it at time now
// (block.timestamp, Unix seconds), cheap checks first and the signatures last:
//
//	a) p.VID is the DVN's vid (ErrVID);
//	b) now < p.Expiration (ErrExpired);
//	c) VerifySignatures(p.Hash(), p.Signatures).
//
// The target and call data are the caller's to check (see ReceiveUln).
func (d *DVN) VerifyExecuteParam(p *ExecuteParam, now uint64) error {
	if p.VID != d.vid {
		return errorf(ErrVID, "vid %d, DVN %s has %d", p.VID, d.address, d.vid)
	}
	// DVN.execute skips a param with expiration <= block.timestamp.
	if !p.Expiration.GtUint64(now) {
		return errorf(ErrExpired, "expiration %s, now %d", p.Expiration.Dec(), now)
	}
	return d.VerifySignatures(p.Hash(), p.Signatures)
}

// ExecuteSelector is DVN.execute.selector,
// bytes4(keccak256("execute((uint32,address,bytes,uint256,bytes)[])")) = 0xb143044b.
var ExecuteSelector = [4]byte{0xb1, 0x43, 0x04, 0x4b}

// MaxExecuteParams bounds the instructions DecodeExecuteCall reads from one
// DVN.execute call.
const MaxExecuteParams = 256

// AppendExecuteCall appends the call data of DVN.execute(params), ExecuteSelector ‖
// abi.encode(params), to b: the transaction a DVN's admin sends, as seen on chain. More
// than MaxExecuteParams params, or one past ExecuteParam's bounds, is ErrExecuteParam.
func AppendExecuteCall(b []byte, params []ExecuteParam) ([]byte, error) {
	if len(params) > MaxExecuteParams {
		return b, errorf(ErrExecuteParam, "%d params, max %d", len(params), MaxExecuteParams)
	}
	for i := range params {
		if err := params[i].checkSizes(); err != nil {
			return b, fmt.Errorf("param %d: %w", i, err)
		}
	}
	e := abi.NewEncoder(append(b, ExecuteSelector[:]...), 1)
	arr := e.Array(len(params), 1)
	for i := range params {
		t := arr.Tuple(5)
		params[i].encodeTuple(&t)
		arr.End(&t)
	}
	e.End(&arr)
	return e.Finish(), nil
}

// DecodeExecuteCall parses DVN.execute call data strictly (selector, canonical ABI, at
// most MaxExecuteParams params, each within ExecuteParam's bounds). Call data and
// signatures alias b. Errors wrap ErrExecuteParam. Each param still has to be checked
// (DVN.VerifyExecuteParam, DecodeVerifyCall on its call data); the contract skips, rather
// than reverts on, a param that fails.
func DecodeExecuteCall(b []byte) ([]ExecuteParam, error) {
	if len(b) < 4 || [4]byte(b) != ExecuteSelector {
		return nil, errorf(ErrExecuteParam, "not DVN.execute call data (selector %x)", b[:min(len(b), 4)])
	}
	wrap := func(err error) error { return fmt.Errorf("%w: %w", ErrExecuteParam, err) }
	d, err := abi.NewDecoder(b[4:], 1)
	if err != nil {
		return nil, wrap(err)
	}
	n, arr, err := d.Array(MaxExecuteParams, 1)
	if err != nil {
		return nil, wrap(err)
	}
	out := make([]ExecuteParam, n)
	for i := range out {
		t, err := arr.Tuple(5)
		if err != nil {
			return nil, wrap(err)
		}
		if out[i], err = decodeTuple(&t); err != nil {
			return nil, fmt.Errorf("%w: param %d: %w", ErrExecuteParam, i, err)
		}
		if err := arr.End(&t); err != nil {
			return nil, wrap(err)
		}
	}
	if err := d.End(&arr); err != nil {
		return nil, wrap(err)
	}
	if err := d.Finish(); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}
