package layerzero_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/abi"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

var lib = interop.Address{0x11, 19: 0x02}

func signedParam() (layerzerotest.Signer, layerzero.ExecuteParam) {
	s := layerzerotest.NewSigner(interop.Address{0xd1}, 110, 1, 3, 2)
	p := samplePacket()
	ep := s.Instruction(lib, &p.Header, p.PayloadHash(), 15, 2000)
	s.SignWith(&ep, 0, 1)
	return s, ep
}

func TestDecodeVerifyCall(t *testing.T) {
	p := samplePacket()
	c := layerzero.VerifyCall{Header: p.Header, PayloadHash: p.PayloadHash(), Confirmations: 15}
	enc, _ := c.AppendBinary(nil)
	if len(enc) != layerzero.VerifyCallSize {
		t.Fatalf("%d bytes, want %d", len(enc), layerzero.VerifyCallSize)
	}
	set := func(i int, v byte) []byte { b := bytes.Clone(enc); b[i] = v; return b }
	// Offsets into enc: selector 0..4, offset word 4..36, payloadHash 36..68,
	// confirmations 68..100, header length 100..132, header 132..213, padding 213..228.
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"valid", enc, nil},
		{"wrong selector", set(0, 0xab), layerzero.ErrCallData},
		{"offset 0x40", set(35, 0x40), abi.ErrOffset},
		{"confirmations over uint64", set(68+23, 1), abi.ErrNonCanonical},
		{"header length 80 (81st byte becomes padding)", set(131, 80), abi.ErrNonCanonical},
		{"header length 82", set(131, 82), abi.ErrTooLong},
		{"header version 2", set(132, 2), layerzero.ErrPacketVersion},
		{"nonzero padding", set(227, 1), abi.ErrNonCanonical},
		{"trailing byte", append(bytes.Clone(enc), 0), layerzero.ErrCallData},
		{"canonical 80-byte header", func() []byte {
			hdr := p.Header.Bytes()
			e := abi.NewEncoder(bytes.Clone(layerzero.VerifySelector[:]), 3)
			e.Bytes(hdr[:80])
			e.Word(c.PayloadHash)
			e.Uint64(15)
			return e.Finish()
		}(), layerzero.ErrPacketLength},
		{"short", enc[:len(enc)-1], layerzero.ErrCallData},
		{"empty", nil, layerzero.ErrCallData},
	} {
		got, err := layerzero.DecodeVerifyCall(c.in)
		checkDecode(t, c.name, c.in, &got, err, c.want, layerzero.ErrCallData, (*layerzero.VerifyCall).AppendBinary)
	}
}

func TestDecodeExecuteParam(t *testing.T) {
	_, ep := signedParam()
	enc, err := ep.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	set := func(i int, v byte) []byte { b := bytes.Clone(enc); b[i] = v; return b }
	// Layout: offset word 0..32, tuple head at 32: vid, target, callData offset,
	// expiration, signatures offset.
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"valid", enc, nil},
		{"outer offset 0x40", set(31, 0x40), abi.ErrOffset},
		{"vid over uint32", set(32+27, 1), abi.ErrNonCanonical},
		{"target padding", set(64, 1), abi.ErrNonCanonical},
		{"callData offset moved", set(96+31, 0xc0), abi.ErrOffset},
		{"trailing byte", append(bytes.Clone(enc), 0), abi.ErrTrailing},
		{"truncated", enc[:len(enc)-32], abi.ErrShort},
		{"empty", nil, abi.ErrShort},
	} {
		got, err := layerzero.DecodeExecuteParam(c.in)
		checkDecode(t, c.name, c.in, &got, err, c.want, layerzero.ErrExecuteParam, (*layerzero.ExecuteParam).AppendBinary)
	}
	// A signatures length word beyond the bound is refused before anything is read.
	huge := layerzero.ExecuteParam{Signatures: make([]byte, layerzero.MaxQuorum*layerzero.SignatureSize+1)}
	if _, err := huge.AppendBinary(nil); !errors.Is(err, layerzero.ErrExecuteParam) {
		t.Errorf("encoding oversized signatures: %v", err)
	}
	big := layerzero.ExecuteParam{Signatures: make([]byte, layerzero.MaxQuorum*layerzero.SignatureSize)}
	b, err := big.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint64(b[len(b)-layerzero.MaxQuorum*layerzero.SignatureSize-8-32+24:], layerzero.MaxQuorum*layerzero.SignatureSize+1)
	if _, err := layerzero.DecodeExecuteParam(b); !errors.Is(err, abi.ErrTooLong) {
		t.Errorf("oversized signatures length: %v, want abi.ErrTooLong", err)
	}
}

func TestNewDVN(t *testing.T) {
	a, b := interop.Address{1}, interop.Address{2}
	for _, c := range []struct {
		name    string
		addr    interop.Address
		signers []interop.Address
		quorum  int
		ok      bool
	}{
		{"1 of 1", interop.Address{9}, []interop.Address{a}, 1, true},
		{"2 of 2 unsorted input", interop.Address{9}, []interop.Address{b, a}, 2, true},
		{"quorum zero (MultiSig_QuorumIsZero)", interop.Address{9}, []interop.Address{a}, 0, false},
		{"quorum above signers", interop.Address{9}, []interop.Address{a}, 2, false},
		{"zero signer (MultiSig_InvalidSigner)", interop.Address{9}, []interop.Address{{}, a}, 1, false},
		{"repeated signer", interop.Address{9}, []interop.Address{a, a}, 1, false},
		{"zero DVN address", interop.Address{}, []interop.Address{a}, 1, false},
		{"too many signers", interop.Address{9}, make([]interop.Address, layerzero.MaxQuorum+1), 1, false},
	} {
		_, err := layerzero.NewDVN(c.addr, 1, c.signers, c.quorum)
		if c.ok != (err == nil) || (!c.ok && !errors.Is(err, layerzero.ErrConfig)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestVerifySignaturesEdgeCases(t *testing.T) {
	s, ep := signedParam()
	h := ep.Hash()
	sig := func(i int) [65]byte { return layerzerotest.Sign(s.Keys[i], h) }
	cat := func(ss ...[65]byte) []byte {
		var b []byte
		for _, x := range ss {
			b = append(b, x[:]...)
		}
		return b
	}
	mod := func(x [65]byte, f func(*[65]byte)) [65]byte { f(&x); return x }
	// s' = n - s flips to the high-s twin, which ecrecover accepts and OpenZeppelin refuses.
	order, _ := uint256.FromHex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
	highS := func(x [65]byte) [65]byte {
		var sv uint256.Int
		sv.SetBytes32(x[32:64])
		sv.Sub(order, &sv)
		sv.PutUint256(x[32:64])
		x[64] = 55 - x[64] // 27 <-> 28
		return x
	}
	outsider := layerzerotest.Sign(layerzerotest.Keys(99, 1)[0], h)
	for _, c := range []struct {
		name string
		sigs []byte
		want error
	}{
		{"quorum in order", cat(sig(0), sig(1)), nil},
		{"other pair in order", cat(sig(1), sig(2)), nil},
		{"three signatures for quorum 2", cat(sig(0), sig(1), sig(2)), layerzero.ErrQuorum},
		{"one signature", cat(sig(0)), layerzero.ErrQuorum},
		{"none", nil, layerzero.ErrQuorum},
		{"trailing partial signature", append(cat(sig(0), sig(1)), 0), layerzero.ErrQuorum},
		{"descending", cat(sig(1), sig(0)), layerzero.ErrSignerOrder},
		{"duplicate", cat(sig(0), sig(0)), layerzero.ErrSignerOrder},
		{"outsider", cat(outsider, sig(0)), layerzero.ErrUnknownSigner},
		{"v = 0", cat(mod(sig(0), func(x *[65]byte) { x[64] -= 27 }), sig(1)), layerzero.ErrSignature},
		{"v = 29", cat(mod(sig(0), func(x *[65]byte) { x[64] = 29 }), sig(1)), layerzero.ErrSignature},
		{"high s", cat(highS(sig(0)), sig(1)), layerzero.ErrSignature},
		{"r = 0", cat(mod(sig(0), func(x *[65]byte) { clear(x[:32]) }), sig(1)), layerzero.ErrSignature},
		{"s = 0", cat(mod(sig(0), func(x *[65]byte) { clear(x[32:64]) }), sig(1)), layerzero.ErrSignature},
	} {
		err := s.DVN.VerifySignatures(h, c.sigs)
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// The high-s twin is a valid ecrecover signature by the same key: only the
	// malleability rule refuses it.
	if a, err := secp256k1.RecoverAddress(layerzero.EthSignedMessageHash(h), highS(sig(0))); err != nil || a != s.Keys[0].Address() {
		t.Errorf("high-s twin recovers to %s, %v; want signer 0", a, err)
	}
}

func TestVerifyExecuteParam(t *testing.T) {
	s, ep := signedParam()
	if err := s.DVN.VerifyExecuteParam(&ep, 1999); err != nil {
		t.Fatalf("valid: %v", err)
	}
	// DVN.execute skips expiration <= block.timestamp.
	if err := s.DVN.VerifyExecuteParam(&ep, 2000); !errors.Is(err, layerzero.ErrExpired) {
		t.Errorf("now = expiration: %v, want ErrExpired", err)
	}
	wrong := ep
	wrong.VID++
	if err := s.DVN.VerifyExecuteParam(&wrong, 0); !errors.Is(err, layerzero.ErrVID) {
		t.Errorf("vid: %v, want ErrVID", err)
	}
	// An expiration beyond uint64 is fine (and signed: re-sign it).
	far := ep
	far.Expiration.Lsh(uint256.NewInt(1), 200)
	s.SignWith(&far, 0, 2)
	if err := s.DVN.VerifyExecuteParam(&far, ^uint64(0)); err != nil {
		t.Errorf("expiration 2^200: %v", err)
	}
	// Changing the expiration after signing breaks the signatures (a different signer
	// recovers, which is then out of the set or out of order).
	bumped := ep
	bumped.Expiration.AddUint64(&bumped.Expiration, 1)
	if err := s.DVN.VerifyExecuteParam(&bumped, 0); err == nil {
		t.Error("expiration changed after signing: accepted")
	}
}

func TestExecuteCall(t *testing.T) {
	_, ep := signedParam()
	other := ep
	other.CallData = []byte{0xab}
	params := []layerzero.ExecuteParam{ep, other}
	b, err := layerzero.AppendExecuteCall(nil, params)
	if err != nil {
		t.Fatal(err)
	}
	got, err := layerzero.DecodeExecuteCall(b)
	if err != nil || len(got) != 2 || !bytes.Equal(got[0].CallData, ep.CallData) || !bytes.Equal(got[1].Signatures, ep.Signatures) {
		t.Fatalf("%v %v", got, err)
	}
	// The first param's tuple offset sits at 4 + 32 (array offset) + 32 (length).
	moved := bytes.Clone(b)
	moved[4+64+31] += 32
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"valid", b, nil},
		{"no params", func() []byte { e, _ := layerzero.AppendExecuteCall(nil, nil); return e }(), nil},
		{"wrong selector", append([]byte{0, 0, 0, 0}, b[4:]...), layerzero.ErrExecuteParam},
		{"selector only", b[:4], abi.ErrShort},
		{"empty", nil, layerzero.ErrExecuteParam},
		{"moved tuple", moved, abi.ErrOffset},
		{"trailing byte", append(bytes.Clone(b), 0), abi.ErrTrailing},
	} {
		got, err := layerzero.DecodeExecuteCall(c.in)
		encode := func(ps *[]layerzero.ExecuteParam, dst []byte) ([]byte, error) {
			return layerzero.AppendExecuteCall(dst, *ps)
		}
		checkDecode(t, c.name, c.in, &got, err, c.want, layerzero.ErrExecuteParam, encode)
	}
	if _, err := layerzero.AppendExecuteCall(nil, make([]layerzero.ExecuteParam, layerzero.MaxExecuteParams+1)); !errors.Is(err, layerzero.ErrExecuteParam) {
		t.Errorf("too many params: %v", err)
	}
}
