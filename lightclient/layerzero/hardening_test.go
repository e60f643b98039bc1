package layerzero_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

// bigEnvelope is MaxAttestations entries, each with the largest call data and
// signatures the decoder admits.
func bigEnvelope(t *testing.T) []byte {
	t.Helper()
	list := make([]layerzero.Attestation, layerzero.MaxAttestations)
	cd := make([]byte, layerzero.MaxCallDataSize)
	sigs := make([]byte, layerzero.MaxQuorum*layerzero.SignatureSize)
	for i := range list {
		list[i] = layerzero.Attestation{DVN: layerzerotest.DVNAddress(i), Param: layerzero.ExecuteParam{CallData: cd, Signatures: sigs}}
	}
	b, err := layerzero.AppendAttestations(nil, list)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every decoder and verifier allocates at most hostile.MaxBytesPerInputByte per input
// byte, on the largest inputs it admits and on a hostile length word.
func TestBoundsAllocation(t *testing.T) {
	p := samplePacket()
	p.Message = make([]byte, layerzero.MaxMessageSize)
	huge, _ := p.AppendBinary(nil)
	hostile.Bounded(t, "DecodePacket at MaxMessageSize", len(huge), func() {
		if _, err := layerzero.DecodePacket(huge); err != nil {
			t.Error(err)
		}
	})
	env := bigEnvelope(t)
	hostile.Bounded(t, "DecodeAttestations, MaxAttestations maximal entries", len(env), func() {
		if _, err := layerzero.DecodeAttestations(env); err != nil {
			t.Error(err)
		}
	})
	s, _, enc, att := threeDVNs()
	hostile.Bounded(t, "VerifyPacket on the big envelope", len(env)+len(enc), func() {
		if err := s.Uln.VerifyPacket(enc, env, now); err == nil {
			t.Error("accepted")
		}
	})
	hostile.Bounded(t, "VerifyPacket, 3 DVNs", len(att)+len(enc), func() {
		if err := s.Uln.VerifyPacket(enc, att, now); err != nil {
			t.Error(err)
		}
	})
	// A length word claiming 2^64-1 elements in 64 bytes of input.
	lie := make([]byte, 64)
	lie[31] = 0x20
	for i := 32; i < 64; i++ {
		lie[i] = 0xff
	}
	hostile.Bounded(t, "DecodeAttestations, lying count", len(lie), func() {
		if _, err := layerzero.DecodeAttestations(lie); err == nil {
			t.Error("accepted")
		}
	})
	_, ep := signedParam()
	// Many minimal params: the decoder's allocation per param against 6 words of input.
	minimal, err := layerzero.AppendExecuteCall(nil, make([]layerzero.ExecuteParam, layerzero.MaxExecuteParams))
	if err != nil {
		t.Fatal(err)
	}
	hostile.Bounded(t, "DecodeExecuteCall, MaxExecuteParams empty params", len(minimal), func() {
		if _, err := layerzero.DecodeExecuteCall(minimal); err != nil {
			t.Error(err)
		}
	})
	epb, _ := ep.AppendBinary(nil)
	hostile.Bounded(t, "DecodeExecuteParam", len(epb), func() {
		if _, err := layerzero.DecodeExecuteParam(epb); err != nil {
			t.Error(err)
		}
	})
	// The largest DVN: MaxQuorum signers, every signature recovered.
	keys := layerzerotest.Keys(3, layerzero.MaxQuorum)
	d, err := layerzero.NewDVN(interop.Address{0xdd}, 1, layerzerotest.Addresses(keys), layerzero.MaxQuorum)
	if err != nil {
		t.Fatal(err)
	}
	var sigs []byte
	for _, k := range keys {
		s := layerzerotest.Sign(k, interop.Hash{1})
		sigs = append(sigs, s[:]...)
	}
	hostile.Bounded(t, "VerifySignatures, quorum MaxQuorum", len(sigs), func() {
		if err := d.VerifySignatures(interop.Hash{1}, sigs); err != nil {
			t.Error(err)
		}
	})
	sp := packetTo(dstEid)
	root, proof := s.Stored(&sp, 5, 0, 1, 2)
	meta := layerzero.StorageMetadata(&sp.Header, sp.PayloadHash())
	sv, err := s.Uln.StorageVerifier(root, proof)
	if err != nil {
		t.Fatal(err)
	}
	claim := layerzero.Claim(&sp)
	hostile.Bounded(t, "storage verifier", len(meta), func() {
		if v := sv.Verify(claim, &lightclient.Attestation{Metadata: meta}); !v.Accepted {
			t.Error(v.Err())
		}
	})
}

func TestConcurrentReceiveUln(t *testing.T) {
	s, p, enc, att := threeDVNs()
	v := s.Uln.Verifier(now)
	bad := bytes.Clone(enc)
	bad[len(bad)-1] ^= 1
	hostile.Concurrent(t, 4, func(g int) {
		if g%2 == 0 {
			if err := s.Uln.VerifyPacket(enc, att, now); err != nil {
				t.Error(err)
			}
			if vd := v.Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: att}); !vd.Accepted {
				t.Error(vd.Err())
			}
		} else if err := s.Uln.VerifyPacket(bad, att, now); !errors.Is(err, layerzero.ErrWrongDomain) {
			t.Errorf("tampered: %v", err)
		}
	})
}

func TestConcurrentDVN(t *testing.T) {
	sg, ep := signedParam()
	hostile.Concurrent(t, 4, func(g int) {
		if err := sg.DVN.VerifyExecuteParam(&ep, uint64(g)); err != nil {
			t.Error(err)
		}
	})
}

func TestConcurrentStorageVerifier(t *testing.T) {
	s, p, _, _ := threeDVNs()
	root, proof := s.Stored(&p, 5, 0, 1, 3)
	v, err := s.Uln.StorageVerifier(root, proof)
	if err != nil {
		t.Fatal(err)
	}
	meta := layerzero.StorageMetadata(&p.Header, p.PayloadHash())
	hostile.Concurrent(t, 4, func(int) {
		if vd := v.Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: meta}); !vd.Accepted {
			t.Error(vd.Err())
		}
	})
}
