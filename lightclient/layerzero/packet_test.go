package layerzero_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/layerzero"
)

func samplePacket() layerzero.Packet {
	h := layerzero.Header{Nonce: 7, SrcEid: 30101, Sender: interop.Hash{31: 1}, DstEid: 30110, Receiver: interop.Hash{31: 2}}
	return layerzero.Packet{Header: h, GUID: h.GUID(), Message: []byte("hello")}
}

func TestDecodePacket(t *testing.T) {
	p := samplePacket()
	enc, err := p.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	with := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(enc)) }
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"valid", enc, nil},
		{"empty message", enc[:layerzero.MinPacketSize], nil},
		{"empty input", nil, layerzero.ErrPacketLength},
		{"header only", enc[:layerzero.HeaderSize], layerzero.ErrPacketLength},
		{"guid cut short", enc[:layerzero.MinPacketSize-1], layerzero.ErrPacketLength},
		{"version 0", with(func(b []byte) []byte { b[0] = 0; return b }), layerzero.ErrPacketVersion},
		{"version 2", with(func(b []byte) []byte { b[0] = 2; return b }), layerzero.ErrPacketVersion},
		{"message over the bound", append(bytes.Clone(enc[:layerzero.MinPacketSize]), make([]byte, layerzero.MaxMessageSize+1)...), layerzero.ErrPacketLength},
		{"message at the bound", append(bytes.Clone(enc[:layerzero.MinPacketSize]), make([]byte, layerzero.MaxMessageSize)...), nil},
	} {
		got, err := layerzero.DecodePacket(c.in)
		checkDecode(t, c.name, c.in, &got, err, c.want, layerzero.ErrPacketLength, (*layerzero.Packet).AppendBinary)
	}
}

// checkDecode holds one table row to a decoder's contract: its error wraps want (none
// when want is nil) and, when it has one, sentinel (or ErrPacketVersion); what decodes
// re-encodes to the input.
func checkDecode[T any](t *testing.T, name string, in []byte, got *T, err, want, sentinel error, encode func(*T, []byte) ([]byte, error)) {
	t.Helper()
	if !errors.Is(err, want) || (want == nil) != (err == nil) {
		t.Errorf("%s: %v, want %v", name, err, want)
		return
	}
	if err != nil {
		if !errors.Is(err, sentinel) && !errors.Is(err, layerzero.ErrPacketVersion) {
			t.Errorf("%s: %v does not wrap %v", name, err, sentinel)
		}
		return
	}
	if re, err := encode(got, nil); err != nil || !bytes.Equal(re, in) {
		t.Errorf("%s: re-encoding differs (%v)", name, err)
	}
}

func TestDecodeHeader(t *testing.T) {
	p := samplePacket()
	hdr, _ := p.Header.AppendBinary(nil)
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"valid", hdr, nil},
		{"80 bytes", hdr[:80], layerzero.ErrPacketLength},
		{"82 bytes", append(bytes.Clone(hdr), 0), layerzero.ErrPacketLength},
		{"whole packet is not a header", func() []byte { b, _ := p.AppendBinary(nil); return b }(), layerzero.ErrPacketLength},
		{"version 0", append([]byte{0}, hdr[1:]...), layerzero.ErrPacketVersion},
	} {
		got, err := layerzero.DecodeHeader(c.in)
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if err == nil && got != p.Header {
			t.Errorf("%s: decoded %+v", c.name, got)
		}
	}
}

func TestPacketEncodeRefusesHugeMessage(t *testing.T) {
	p := samplePacket()
	p.Message = make([]byte, layerzero.MaxMessageSize+1)
	if _, err := p.AppendBinary(nil); !errors.Is(err, layerzero.ErrPacketLength) {
		t.Fatalf("%v, want ErrPacketLength", err)
	}
}

func TestPacketHashesMatchSlices(t *testing.T) {
	p := samplePacket()
	enc, _ := p.AppendBinary([]byte{0xff}) // appends after existing bytes
	if enc[0] != 0xff {
		t.Fatal("AppendBinary overwrote the prefix")
	}
	enc = enc[1:]
	if got, want := p.Header.Hash(), layerzero.PacketDigest(interop.Hash{}, interop.Hash{}); got == want {
		t.Fatal("header hash collides with an unrelated digest")
	}
	hdr := p.Header.Bytes()
	if !bytes.Equal(hdr[:], enc[:layerzero.HeaderSize]) {
		t.Error("Header.Bytes is not the packet's first 81 bytes")
	}
	if !bytes.Equal(p.AppendPayload(nil), enc[layerzero.PayloadOffset:]) {
		t.Error("payload is not the bytes after the header")
	}
	if err := p.CheckGUID(); err != nil {
		t.Error(err)
	}
	p.Header.Nonce++
	if err := p.CheckGUID(); !errors.Is(err, layerzero.ErrGUID) {
		t.Errorf("nonce changed: %v, want ErrGUID", err)
	}
}

func TestAddressToBytes32(t *testing.T) {
	a := interop.Address{0: 0xaa, 19: 0xbb}
	h := layerzero.AddressToBytes32(a)
	if h[12] != 0xaa || h[31] != 0xbb || h[0] != 0 || h[11] != 0 {
		t.Fatalf("%s", h)
	}
}
