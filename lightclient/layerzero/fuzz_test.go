package layerzero_test

import (
	"bytes"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop/lightclient/layerzero"
)

// FuzzDecodePacket: no panic; what decodes re-encodes to the same bytes, and its header
// decodes alone.
func FuzzDecodePacket(f *testing.F) {
	p := samplePacket()
	enc, _ := p.AppendBinary(nil)
	f.Add(enc)
	f.Add(enc[:layerzero.MinPacketSize])
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := layerzero.DecodePacket(b)
		if err != nil {
			return
		}
		re, err := p.AppendBinary(nil)
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
		if h, err := layerzero.DecodeHeader(b[:layerzero.HeaderSize]); err != nil || h != p.Header {
			t.Fatalf("header: %v", err)
		}
	})
}

// FuzzDecodeHeader: accepted headers are 81 bytes and re-encode to the same bytes.
func FuzzDecodeHeader(f *testing.F) {
	p := samplePacket()
	hdr := p.Header.Bytes()
	f.Add(hdr[:])
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := layerzero.DecodeHeader(b)
		if err != nil {
			return
		}
		if re := h.Bytes(); !bytes.Equal(re[:], b) {
			t.Fatal("re-encoding differs")
		}
	})
}

// FuzzDecodeVerifyCall: accepted call data re-encodes to the same bytes.
func FuzzDecodeVerifyCall(f *testing.F) {
	p := samplePacket()
	c := layerzero.VerifyCall{Header: p.Header, PayloadHash: p.PayloadHash(), Confirmations: 15}
	enc, _ := c.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := layerzero.DecodeVerifyCall(b)
		if err != nil {
			return
		}
		re, _ := c.AppendBinary(nil)
		if !bytes.Equal(re, b) {
			t.Fatal("re-encoding differs")
		}
	})
}

// FuzzDecodeExecuteParam: accepted bytes re-encode to the same bytes.
func FuzzDecodeExecuteParam(f *testing.F) {
	_, ep := signedParam()
	enc, _ := ep.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := layerzero.DecodeExecuteParam(b)
		if err != nil {
			return
		}
		re, err := p.AppendBinary(nil)
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}

// FuzzDecodeAttestations: accepted envelopes re-encode to the same bytes (so DVNs are
// strictly ascending).
func FuzzDecodeAttestations(f *testing.F) {
	_, _, _, att := threeDVNs()
	f.Add(att)
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := layerzero.DecodeAttestations(b)
		if err != nil {
			return
		}
		re, err := layerzero.AppendAttestations(nil, list)
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}

// FuzzVerifyPacket: arbitrary packets and envelopes never panic, and a packet other than
// the one the DVNs signed is never accepted.
func FuzzVerifyPacket(f *testing.F) {
	s, _, enc, att := threeDVNs()
	f.Add(enc, att)
	f.Fuzz(func(t *testing.T, packet, envelope []byte) {
		err := s.Uln.VerifyPacket(packet, envelope, now)
		if err == nil && !bytes.Equal(packet, enc) {
			t.Fatal("accepted a packet no DVN signed")
		}
	})
}

// FuzzDecodeVerification: accepted words round-trip through Word.
func FuzzDecodeVerification(f *testing.F) {
	f.Add(make([]byte, 32))
	w := layerzero.Verification{Submitted: true, Confirmations: 10}.Word()
	b := w.Bytes32()
	f.Add(b[:])
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) != 32 {
			return
		}
		var w uint256.Int
		w.SetBytes32(b)
		v, err := layerzero.DecodeVerification(&w)
		if err != nil {
			return
		}
		if back := v.Word(); !back.Eq(&w) {
			t.Fatalf("%s → %+v → %s", w.Hex(), v, back.Hex())
		}
	})
}

// FuzzDecodeExecuteCall: accepted DVN.execute call data re-encodes to the same bytes.
func FuzzDecodeExecuteCall(f *testing.F) {
	_, ep := signedParam()
	b, _ := layerzero.AppendExecuteCall(nil, []layerzero.ExecuteParam{ep, ep})
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := layerzero.DecodeExecuteCall(b)
		if err != nil {
			return
		}
		re, err := layerzero.AppendExecuteCall(nil, ps)
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}
