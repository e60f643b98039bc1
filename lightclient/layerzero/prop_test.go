package layerzero_test

import (
	"bytes"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

func TestPropPacketRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := layerzerotest.Packet(300).Draw(t, "packet")
		enc, err := p.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(enc) != layerzero.MinPacketSize+len(p.Message) {
			t.Fatalf("%d bytes", len(enc))
		}
		dec, err := layerzero.DecodePacket(enc)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Header != p.Header || dec.GUID != p.GUID || !bytes.Equal(dec.Message, p.Message) {
			t.Fatalf("decoded %+v, want %+v", dec, p)
		}
		h, err := layerzero.DecodeHeader(enc[:layerzero.HeaderSize])
		if err != nil || h != p.Header {
			t.Fatalf("header %+v, %v", h, err)
		}
		c := layerzero.VerifyCall{Header: p.Header, PayloadHash: p.PayloadHash(), Confirmations: rapid.Uint64().Draw(t, "confirmations")}
		cd, _ := c.AppendBinary(nil)
		if back, err := layerzero.DecodeVerifyCall(cd); err != nil || back != c {
			t.Fatalf("verify call %+v, %v", back, err)
		}
	})
}

// threeDVNs is a receive library requiring two DVNs and one of two optional ones, each a
// 2-of-3 multisig, and a packet all four attest.
func threeDVNs() (layerzerotest.Setup, layerzero.Packet, []byte, []byte) {
	s := layerzerotest.NewSetup(dstEid, 2, 2, 1, 3, 2, 5)
	p := packetTo(dstEid)
	enc, _ := p.AppendBinary(nil)
	return s, p, enc, s.Attest(&p, 5, exp, 0, 1, 2)
}

// Any one-byte change to the packet is refused: the version byte by the decoder, any
// other byte because no DVN signed the resulting header or payload.
func TestPropPacketTamperRefused(t *testing.T) {
	s, _, enc, att := threeDVNs()
	if err := s.Uln.VerifyPacket(enc, att, now); err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		i := rapid.IntRange(0, len(enc)-1).Draw(t, "index")
		x := rapid.ByteRange(1, 255).Draw(t, "xor")
		bad := bytes.Clone(enc)
		bad[i] ^= x
		err := s.Uln.VerifyPacket(bad, att, now)
		switch {
		case i == 0:
			if !errors.Is(err, layerzero.ErrPacketVersion) {
				t.Fatalf("version byte: %v", err)
			}
		case !errors.Is(err, layerzero.ErrWrongDomain):
			t.Fatalf("byte %d: %v, want ErrWrongDomain", i, err)
		}
	})
}

// Any one-byte change to any signature is refused by a signature sentinel.
func TestPropSignatureTamperRefused(t *testing.T) {
	s, _, enc, att := threeDVNs()
	list, err := layerzero.DecodeAttestations(att)
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		which := rapid.IntRange(0, 1).Draw(t, "required DVN")
		i := rapid.IntRange(0, len(list[which].Param.Signatures)-1).Draw(t, "index")
		x := rapid.ByteRange(1, 255).Draw(t, "xor")
		cp := make([]layerzero.Attestation, len(list))
		copy(cp, list)
		cp[which].Param.Signatures = bytes.Clone(list[which].Param.Signatures)
		cp[which].Param.Signatures[i] ^= x
		b, err := layerzero.AppendAttestations(nil, cp)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Uln.VerifyPacket(enc, b, now)
		if !errors.Is(err, layerzero.ErrSignature) && !errors.Is(err, layerzero.ErrUnknownSigner) && !errors.Is(err, layerzero.ErrSignerOrder) {
			t.Fatalf("signature byte %d ^ %#x: %v", i, x, err)
		}
	})
}

// MultiSig.verifySignatures against a model: any sequence of signers, members or not,
// is accepted exactly when it has quorum entries, all members, strictly ascending, and
// otherwise refused with the sentinel of the first failing rule.
func TestPropMultiSigModel(t *testing.T) {
	members := layerzerotest.Keys(7, 5)
	outsiders := layerzerotest.Keys(8, 3)
	all := append(append([]*secp256k1.PrivateKey(nil), members...), outsiders...)
	d, err := layerzero.NewDVN(interop.Address{0xd7}, 1, layerzerotest.Addresses(members), 3)
	if err != nil {
		t.Fatal(err)
	}
	hash := interop.Hash{0x42}
	sigs := make([][65]byte, len(all))
	for i, k := range all {
		sigs[i] = layerzerotest.Sign(k, hash)
	}
	isMember := func(i int) bool { return i < len(members) }
	rapid.Check(t, func(t *rapid.T) {
		idx := rapid.SliceOfN(rapid.IntRange(0, len(all)-1), 0, 5).Draw(t, "signers")
		var b []byte
		for _, i := range idx {
			b = append(b, sigs[i][:]...)
		}
		var want error
		if len(idx) != d.Quorum() {
			want = layerzero.ErrQuorum
		} else {
			var last interop.Address
			for _, i := range idx {
				a := all[i].Address()
				if bytes.Compare(a[:], last[:]) <= 0 {
					want = layerzero.ErrSignerOrder
					break
				}
				if !isMember(i) {
					want = layerzero.ErrUnknownSigner
					break
				}
				last = a
			}
		}
		err := d.VerifySignatures(hash, b)
		if !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Fatalf("signers %v: %v, want %v", idx, err, want)
		}
	})
}

// ReceiveUlnBase._checkVerifiable against a model: every required DVN and at least
// threshold optional ones verified, each with enough confirmations.
func TestPropRequiredOptionalRule(t *testing.T) {
	p := packetTo(dstEid)
	enc, _ := p.AppendBinary(nil)
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.IntRange(0, 3).Draw(t, "required")
		o := rapid.IntRange(0, 3).Draw(t, "optional")
		if r == 0 && o == 0 {
			o = 1
		}
		k := 0
		if o > 0 {
			k = rapid.IntRange(1, o).Draw(t, "threshold")
		}
		need := rapid.Uint64Range(0, 3).Draw(t, "confirmations")
		s := layerzerotest.NewSetup(dstEid, r, o, k, 1, 1, need)
		var attesting []int
		var list []layerzero.Attestation
		okReq, okOpt := 0, 0
		for i := range r + o {
			if !rapid.Bool().Draw(t, "attests") {
				continue
			}
			conf := rapid.Uint64Range(0, 4).Draw(t, "vouched")
			list = append(list, s.Signers[i].Attest(s.Lib, &p.Header, p.PayloadHash(), conf, exp))
			attesting = append(attesting, i)
			if conf >= need {
				if i < r {
					okReq++
				} else {
					okOpt++
				}
			}
		}
		att, err := layerzero.AppendAttestations(nil, list)
		if err != nil {
			t.Fatal(err)
		}
		want := okReq == r && (o == 0 || okOpt >= k)
		err = s.Uln.VerifyPacket(enc, att, now)
		if want != (err == nil) {
			t.Fatalf("r=%d o=%d k=%d need=%d attesting=%v: %v", r, o, k, need, attesting, err)
		}
		v := s.Uln.Verifier(now).Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: att})
		if v.Accepted != want || len(v.Children) != r+o {
			t.Fatalf("verdict %v", &v)
		}
	})
}
