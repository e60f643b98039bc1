// Package layerzerotest generates LayerZero v2 packets, DVNs with signer keys, and
// signed DVN attestations, for property tests of code that relays or verifies LayerZero
// packets.
package layerzerotest

import (
	"bytes"
	"encoding/binary"
	"slices"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/proof/mpt"
)

func hash(t *rapid.T, label string) interop.Hash {
	return interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, label))
}

// Header generates packet headers with arbitrary nonces, eids, senders and receivers.
func Header() *rapid.Generator[layerzero.Header] {
	return rapid.Custom(func(t *rapid.T) layerzero.Header {
		return layerzero.Header{
			Nonce:    rapid.Uint64().Draw(t, "nonce"),
			SrcEid:   rapid.Uint32().Draw(t, "srcEid"),
			Sender:   hash(t, "sender"),
			DstEid:   rapid.Uint32().Draw(t, "dstEid"),
			Receiver: hash(t, "receiver"),
		}
	})
}

// Packet generates packets with messages up to maxMessage bytes and the guid EndpointV2
// would assign (CheckGUID passes).
func Packet(maxMessage int) *rapid.Generator[layerzero.Packet] {
	return rapid.Custom(func(t *rapid.T) layerzero.Packet {
		h := Header().Draw(t, "header")
		return layerzero.Packet{Header: h, GUID: h.GUID(), Message: rapid.SliceOfN(rapid.Byte(), 0, maxMessage).Draw(t, "message")}
	})
}

// Keys returns n deterministic signer keys derived from seed, sorted by address (the
// order MultiSig requires signatures in).
func Keys(seed uint64, n int) []*secp256k1.PrivateKey {
	out := make([]*secp256k1.PrivateKey, n)
	for i := range out {
		var b [32]byte
		binary.BigEndian.PutUint64(b[16:], seed)
		binary.BigEndian.PutUint64(b[24:], 0x1a0+uint64(i))
		k, err := secp256k1.PrivateKeyFromBytes(b[:])
		if err != nil {
			panic(err)
		}
		out[i] = k
	}
	slices.SortFunc(out, func(a, b *secp256k1.PrivateKey) int {
		x, y := a.Address(), b.Address()
		return bytes.Compare(x[:], y[:])
	})
	return out
}

// Addresses returns the keys' addresses.
func Addresses(keys []*secp256k1.PrivateKey) []interop.Address {
	out := make([]interop.Address, len(keys))
	for i, k := range keys {
		out[i] = k.Address()
	}
	return out
}

// Sign returns k's signature over the DVN instruction hash as MultiSig expects it:
// over EthSignedMessageHash(hash), r ‖ s ‖ v with v 27 or 28 (as forge's vm.sign and
// eth_sign produce).
func Sign(k *secp256k1.PrivateKey, hash interop.Hash) [65]byte {
	s := k.Sign(layerzero.EthSignedMessageHash(hash))
	s[64] += 27
	return s
}

// Signer is a DVN with its signers' keys, sorted by address.
type Signer struct {
	DVN  *layerzero.DVN
	Keys []*secp256k1.PrivateKey
}

// NewSigner returns a DVN at address with n signers (keys from seed) and the quorum.
func NewSigner(address interop.Address, vid uint32, seed uint64, n, quorum int) Signer {
	keys := Keys(seed, n)
	d, err := layerzero.NewDVN(address, vid, Addresses(keys), quorum)
	if err != nil {
		panic(err)
	}
	return Signer{DVN: d, Keys: keys}
}

// Instruction returns the DVN's unsigned instruction to call verify(header, payloadHash,
// confirmations) on the receive library lib.
func (s *Signer) Instruction(lib interop.Address, h *layerzero.Header, payloadHash interop.Hash, confirmations, expiration uint64) layerzero.ExecuteParam {
	call := layerzero.VerifyCall{Header: *h, PayloadHash: payloadHash, Confirmations: confirmations}
	cd, _ := call.AppendBinary(nil)
	return layerzero.ExecuteParam{VID: s.DVN.VID(), Target: lib, CallData: cd, Expiration: *uint256.NewInt(expiration)}
}

// SignWith replaces p's signatures with those of the keys at the given indices, in that
// order (indices ascending give the order MultiSig accepts).
func (s *Signer) SignWith(p *layerzero.ExecuteParam, idx ...int) {
	h := p.Hash()
	p.Signatures = p.Signatures[:0:0]
	for _, i := range idx {
		sig := Sign(s.Keys[i], h)
		p.Signatures = append(p.Signatures, sig[:]...)
	}
}

// Attest returns a signed attestation by the DVN's first quorum signers.
func (s *Signer) Attest(lib interop.Address, h *layerzero.Header, payloadHash interop.Hash, confirmations, expiration uint64) layerzero.Attestation {
	p := s.Instruction(lib, h, payloadHash, confirmations, expiration)
	idx := make([]int, s.DVN.Quorum())
	for i := range idx {
		idx[i] = i
	}
	s.SignWith(&p, idx...)
	return layerzero.Attestation{DVN: s.DVN.Address(), Param: p}
}

// Setup is a receive library with required and optional DVNs, for tests.
type Setup struct {
	Lib      interop.Address
	LocalEid uint32
	Config   layerzero.ULNConfig
	Signers  []Signer // every DVN, ascending by address
	Uln      *layerzero.ReceiveUln
}

// DVNAddress returns the i-th test DVN address (ascending in i).
func DVNAddress(i int) interop.Address {
	var a interop.Address
	a[0] = 0xd0
	binary.BigEndian.PutUint32(a[16:], uint32(i+1))
	return a
}

// NewSetup builds a receive library at eid localEid whose config requires DVNs
// 0..required-1 and k of the optional DVNs required..required+optional-1, each DVN
// with signers signers and quorum quorum.
func NewSetup(localEid uint32, required, optional, k, signers, quorum int, confirmations uint64) Setup {
	s := Setup{LocalEid: localEid}
	s.Lib[0], s.Lib[19] = 0x11, 0x02
	s.Config.Confirmations = confirmations
	s.Config.OptionalDVNThreshold = k
	var dvns []*layerzero.DVN
	for i := range required + optional {
		sg := NewSigner(DVNAddress(i), localEid%30000, uint64(i), signers, quorum)
		s.Signers = append(s.Signers, sg)
		dvns = append(dvns, sg.DVN)
		if i < required {
			s.Config.RequiredDVNs = append(s.Config.RequiredDVNs, sg.DVN.Address())
		} else {
			s.Config.OptionalDVNs = append(s.Config.OptionalDVNs, sg.DVN.Address())
		}
	}
	u, err := layerzero.NewReceiveUln(s.Lib, localEid, s.Config, dvns)
	if err != nil {
		panic(err)
	}
	s.Uln = u
	return s
}

// Attest returns the AppendAttestations encoding of the attestations of the DVNs at the given indices
// (ascending), each vouching for the packet with the given confirmations.
func (s *Setup) Attest(p *layerzero.Packet, confirmations, expiration uint64, dvns ...int) []byte {
	ph := p.PayloadHash()
	var list []layerzero.Attestation
	for _, i := range dvns {
		list = append(list, s.Signers[i].Attest(s.Lib, &p.Header, ph, confirmations, expiration))
	}
	b, err := layerzero.AppendAttestations(nil, list)
	if err != nil {
		panic(err)
	}
	return b
}

// StorageProof builds a state in which account lib (nonce 1) holds the given storage
// slots, and returns its root and the eth_getProof result for lib at keys (absent keys
// get proofs of absence), as a node would serve it.
func StorageProof(lib interop.Address, slots map[interop.Hash]uint256.Int, keys []interop.Hash) (interop.Hash, *mpt.GetProofResult) {
	var storage mpt.Trie
	for k, v := range slots {
		if v.IsZero() {
			continue
		}
		hk := mpt.Keccak256(k[:])
		storage.Update(hk[:], rlp.AppendUint256(nil, &v))
	}
	acc := mpt.Account{Nonce: 1, StorageRoot: storage.Root(), CodeHash: mpt.Keccak256([]byte{0x60})}
	var state mpt.Trie
	ak := mpt.Keccak256(lib[:])
	state.Update(ak[:], acc.EncodeRLP(nil))
	// A second account, so the state trie is more than one leaf.
	other := mpt.Keccak256([]byte("other"))
	state.Update(other[:], (&mpt.Account{Nonce: 7, StorageRoot: mpt.EmptyRoot, CodeHash: mpt.EmptyCodeHash}).EncodeRLP(nil))
	res := &mpt.GetProofResult{
		Address: lib, AccountProof: state.Prove(ak[:]), Nonce: 1,
		CodeHash: acc.CodeHash, StorageHash: acc.StorageRoot,
	}
	for _, k := range keys {
		hk := mpt.Keccak256(k[:])
		res.StorageProof = append(res.StorageProof, mpt.StorageResult{Key: k, Value: slots[k], Proof: storage.Prove(hk[:])})
	}
	return state.Root(), res
}

// Stored returns a state root and proof in which the DVNs at the given indices have
// verified packet p with the given confirmations (ReceiveUln302.verify), with proofs for
// every configured DVN's slot.
func (s *Setup) Stored(p *layerzero.Packet, confirmations uint64, dvns ...int) (interop.Hash, *mpt.GetProofResult) {
	base := interop.Hash{31: layerzero.HashLookupSlotReceiveUln302}
	hh, ph := p.Header.Hash(), p.PayloadHash()
	slots := map[interop.Hash]uint256.Int{}
	for _, i := range dvns {
		slots[layerzero.HashLookupSlot(base, hh, ph, s.Signers[i].DVN.Address())] = layerzero.Verification{Submitted: true, Confirmations: confirmations}.Word()
	}
	keys := make([]interop.Hash, len(s.Signers))
	for i := range s.Signers {
		keys[i] = layerzero.HashLookupSlot(base, hh, ph, s.Signers[i].DVN.Address())
	}
	return StorageProof(s.Lib, slots, keys)
}
