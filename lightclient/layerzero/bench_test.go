package layerzero_test

import (
	"testing"

	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

// bench3DVN is three required DVNs, each 1-of-1, and a 200-byte message attested by all.
func bench3DVN() (layerzerotest.Setup, layerzero.Packet, []byte, []byte) {
	s := layerzerotest.NewSetup(dstEid, 3, 0, 0, 1, 1, 5)
	p := packetTo(dstEid)
	p.Message = make([]byte, 200)
	enc, _ := p.AppendBinary(nil)
	return s, p, enc, s.Attest(&p, 5, exp, 0, 1, 2)
}

func BenchmarkVerifyPacket3DVN(b *testing.B) {
	s, _, enc, att := bench3DVN()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Uln.VerifyPacket(enc, att, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecover3 is the floor of BenchmarkVerifyPacket3DVN: its three recoveries alone.
func BenchmarkRecover3(b *testing.B) {
	s, _, _, att := bench3DVN()
	list, _ := layerzero.DecodeAttestations(att)
	var digests [3][32]byte
	var sigs [3][65]byte
	for i := range list {
		digests[i] = list[i].Param.SigningDigest()
		sigs[i] = [65]byte(list[i].Param.Signatures)
	}
	_ = s
	b.ReportAllocs()
	for b.Loop() {
		for i := range 3 {
			if _, err := secp256k1.RecoverAddressStrict(digests[i], sigs[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkStorageVerifier3DVN(b *testing.B) {
	s, p, _, _ := bench3DVN()
	root, proof := s.Stored(&p, 5, 0, 1, 2)
	v, err := s.Uln.StorageVerifier(root, proof)
	if err != nil {
		b.Fatal(err)
	}
	a := &lightclient.Attestation{Metadata: layerzero.StorageMetadata(&p.Header, p.PayloadHash())}
	c := layerzero.Claim(&p)
	b.ReportAllocs()
	for b.Loop() {
		if vd := v.Verify(c, a); !vd.Accepted {
			b.Fatal(vd.Err())
		}
	}
}

func BenchmarkDecodePacket(b *testing.B) {
	_, _, enc, _ := bench3DVN()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := layerzero.DecodePacket(enc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeAttestations3(b *testing.B) {
	_, _, _, att := bench3DVN()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := layerzero.DecodeAttestations(att); err != nil {
			b.Fatal(err)
		}
	}
}
