package layerzero_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

const (
	srcEid = 30101
	dstEid = 30110
	now    = 1_700_000_000
	exp    = now + 600
)

func packetTo(eid uint32) layerzero.Packet {
	h := layerzero.Header{Nonce: 42, SrcEid: srcEid, Sender: interop.Hash{31: 0xaa}, DstEid: eid, Receiver: interop.Hash{31: 0xbb}}
	return layerzero.Packet{Header: h, GUID: h.GUID(), Message: []byte("transfer 1 ETH")}
}

func TestULNConfig(t *testing.T) {
	d := func(i int) *layerzero.DVN {
		return layerzerotest.NewSigner(layerzerotest.DVNAddress(i), 1, uint64(i), 1, 1).DVN
	}
	dvns := []*layerzero.DVN{d(0), d(1), d(2)}
	a := func(is ...int) []interop.Address {
		var out []interop.Address
		for _, i := range is {
			out = append(out, layerzerotest.DVNAddress(i))
		}
		return out
	}
	for _, c := range []struct {
		name string
		cfg  layerzero.ULNConfig
		ok   bool
	}{
		{"one required", layerzero.ULNConfig{RequiredDVNs: a(0)}, true},
		{"1 of 2 optional", layerzero.ULNConfig{OptionalDVNs: a(1, 2), OptionalDVNThreshold: 1}, true},
		{"required also optional (overlap allowed)", layerzero.ULNConfig{RequiredDVNs: a(0), OptionalDVNs: a(0, 1), OptionalDVNThreshold: 2}, true},
		{"no DVN (LZ_ULN_AtLeastOneDVN)", layerzero.ULNConfig{}, false},
		{"optional without threshold", layerzero.ULNConfig{OptionalDVNs: a(1)}, false},
		{"threshold above optional count", layerzero.ULNConfig{RequiredDVNs: a(0), OptionalDVNs: a(1), OptionalDVNThreshold: 2}, false},
		{"threshold without optional", layerzero.ULNConfig{RequiredDVNs: a(0), OptionalDVNThreshold: 1}, false},
		{"negative threshold", layerzero.ULNConfig{RequiredDVNs: a(0), OptionalDVNs: a(1), OptionalDVNThreshold: -1}, false},
		{"unsorted required (LZ_ULN_Unsorted)", layerzero.ULNConfig{RequiredDVNs: a(1, 0)}, false},
		{"duplicate optional", layerzero.ULNConfig{OptionalDVNs: a(1, 1), OptionalDVNThreshold: 1}, false},
		{"zero address DVN", layerzero.ULNConfig{RequiredDVNs: []interop.Address{{}}}, false},
		{"undefined DVN", layerzero.ULNConfig{RequiredDVNs: a(5)}, false},
		{"too many required", layerzero.ULNConfig{RequiredDVNs: make([]interop.Address, layerzero.MaxDVNCount+1)}, false},
	} {
		_, err := layerzero.NewReceiveUln(lib, dstEid, c.cfg, dvns)
		if c.ok != (err == nil) || (!c.ok && !errors.Is(err, layerzero.ErrConfig)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if _, err := layerzero.NewReceiveUln(lib, dstEid, layerzero.ULNConfig{RequiredDVNs: a(0)}, []*layerzero.DVN{d(0), d(0)}); !errors.Is(err, layerzero.ErrConfig) {
		t.Errorf("DVN given twice: %v", err)
	}
}

// The scenarios of ReceiveUlnBase.t.sol, on signed instructions.
func TestReceiveUlnRule(t *testing.T) {
	p := packetTo(dstEid)
	enc, _ := p.AppendBinary(nil)
	for _, c := range []struct {
		name             string
		required, opt, k int
		attest           []int
		ok               bool
	}{
		{"2 required, only dvn1 verified", 2, 0, 0, []int{0}, false},
		{"2 required, both verified", 2, 0, 0, []int{0, 1}, true},
		{"0 required, 1 of 2 optional, none verified", 0, 2, 1, nil, false},
		{"0 required, 1 of 2 optional, first verified", 0, 2, 1, []int{0}, true},
		{"0 required, 1 of 2 optional, both verified", 0, 2, 1, []int{0, 1}, true},
		{"2 required + 1 of 2 optional, required only", 2, 2, 1, []int{0, 1}, false},
		{"2 required + 1 of 2 optional, required and one optional", 2, 2, 1, []int{0, 1, 2}, true},
		{"2 required + 1 of 2 optional, optional only", 2, 2, 1, []int{2, 3}, false},
		{"1 required + 2 of 3 optional, one required one optional", 1, 3, 2, []int{0, 1}, false},
		{"1 required + 2 of 3 optional, all optional no required", 1, 3, 2, []int{1, 2, 3}, false},
		{"1 required + 2 of 3 optional, exact", 1, 3, 2, []int{0, 2, 3}, true},
	} {
		s := layerzerotest.NewSetup(dstEid, c.required, c.opt, c.k, 3, 2, 10)
		att := s.Attest(&p, 10, exp, c.attest...)
		err := s.Uln.VerifyPacket(enc, att, now)
		if c.ok != (err == nil) {
			t.Errorf("%s: %v", c.name, err)
		}
		if err != nil && (!errors.Is(err, lightclient.ErrRejected) || !errors.Is(err, layerzero.ErrNoAttestation)) {
			t.Errorf("%s: %v does not wrap lightclient.ErrRejected and ErrNoAttestation", c.name, err)
		}
	}
}

// Each step of a DVN's verifier refuses with its sentinel.
func TestDVNVerifierSteps(t *testing.T) {
	s := layerzerotest.NewSetup(dstEid, 1, 0, 0, 3, 2, 10)
	sg := &s.Signers[0]
	p := packetTo(dstEid)
	claim := layerzero.Claim(&p)
	v, err := s.Uln.DVNVerifier(sg.DVN.Address(), now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Uln.DVNVerifier(interop.Address{0xee}, now); !errors.Is(err, layerzero.ErrConfig) {
		t.Errorf("unknown DVN: %v", err)
	}
	envelope := func(a ...layerzero.Attestation) []byte {
		b, err := layerzero.AppendAttestations(nil, a)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	good := sg.Attest(s.Lib, &p.Header, p.PayloadHash(), 10, exp)
	resign := func(f func(*layerzero.ExecuteParam)) layerzero.Attestation {
		a := good
		f(&a.Param)
		sg.SignWith(&a.Param, 0, 1)
		return a
	}
	other := p
	other.Message = []byte("transfer 2 ETH")
	foreign := packetTo(dstEid + 1)
	for _, c := range []struct {
		name  string
		claim lightclient.Claim
		meta  []byte
		want  error
	}{
		{"valid", claim, envelope(good), nil},
		{"more confirmations than needed", claim, envelope(sg.Attest(s.Lib, &p.Header, p.PayloadHash(), 11, exp)), nil},
		{"no attestation", claim, nil, layerzero.ErrAttestations},
		{"empty list", claim, envelope(), layerzero.ErrNoAttestation},
		{"another DVN's entry only", claim, envelope(layerzero.Attestation{DVN: interop.Address{0xee}, Param: good.Param}), layerzero.ErrNoAttestation},
		{"wrong target", claim, envelope(resign(func(p *layerzero.ExecuteParam) { p.Target[0] ^= 1 })), layerzero.ErrTarget},
		{"not a verify call", claim, envelope(resign(func(p *layerzero.ExecuteParam) { p.CallData = []byte{1, 2, 3, 4} })), layerzero.ErrCallData},
		{"other payload signed", claim, envelope(sg.Attest(s.Lib, &p.Header, other.PayloadHash(), 10, exp)), layerzero.ErrWrongDomain},
		{"claim for another packet", layerzero.Claim(&other), envelope(good), layerzero.ErrWrongDomain},
		{"claim on another route", lightclient.Claim{Origin: claim.Origin + 1, Destination: claim.Destination, Digest: claim.Digest}, envelope(good), layerzero.ErrWrongDomain},
		{"claim with an epoch", lightclient.Claim{Origin: claim.Origin, Destination: claim.Destination, Epoch: 1, Digest: claim.Digest}, envelope(good), layerzero.ErrWrongDomain},
		{"packet for another endpoint", layerzero.Claim(&foreign), envelope(sg.Attest(s.Lib, &foreign.Header, foreign.PayloadHash(), 10, exp)), layerzero.ErrWrongDomain},
		{"too few confirmations", claim, envelope(sg.Attest(s.Lib, &p.Header, p.PayloadHash(), 9, exp)), layerzero.ErrConfirmations},
		{"wrong vid", claim, envelope(resign(func(p *layerzero.ExecuteParam) { p.VID++ })), layerzero.ErrVID},
		{"expired", claim, envelope(sg.Attest(s.Lib, &p.Header, p.PayloadHash(), 10, now)), layerzero.ErrExpired},
		{"signatures of another instruction", claim, envelope(func() layerzero.Attestation {
			a := good
			a.Param.Expiration.AddUint64(&a.Param.Expiration, 1)
			return a
		}()), nil /* any signature error */},
		{"under quorum", claim, envelope(func() layerzero.Attestation {
			a := good
			a.Param.Signatures = a.Param.Signatures[:65]
			return a
		}()), layerzero.ErrQuorum},
	} {
		vd := v.Verify(c.claim, &lightclient.Attestation{Metadata: c.meta})
		if vd.Claim != c.claim {
			t.Errorf("%s: verdict for another claim", c.name)
		}
		err := vd.Err()
		switch {
		case c.name == "signatures of another instruction":
			if err == nil {
				t.Errorf("%s: accepted", c.name)
			}
		case !errors.Is(err, c.want) || (c.want == nil) != (err == nil):
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if vd := v.Verify(claim, nil); !errors.Is(vd.Err(), layerzero.ErrNoAttestation) {
		t.Errorf("nil attestation: %v", vd.Err())
	}
}

func TestAttestationsEnvelope(t *testing.T) {
	s := layerzerotest.NewSetup(dstEid, 2, 0, 0, 1, 1, 1)
	p := packetTo(dstEid)
	a0 := s.Signers[0].Attest(s.Lib, &p.Header, p.PayloadHash(), 1, exp)
	a1 := s.Signers[1].Attest(s.Lib, &p.Header, p.PayloadHash(), 1, exp)
	if _, err := layerzero.AppendAttestations(nil, []layerzero.Attestation{a1, a0}); !errors.Is(err, layerzero.ErrAttestations) {
		t.Errorf("descending: %v", err)
	}
	if _, err := layerzero.AppendAttestations(nil, []layerzero.Attestation{a0, a0}); !errors.Is(err, layerzero.ErrAttestations) {
		t.Errorf("duplicate: %v", err)
	}
	b, err := layerzero.AppendAttestations(nil, []layerzero.Attestation{a0, a1})
	if err != nil {
		t.Fatal(err)
	}
	list, err := layerzero.DecodeAttestations(b)
	if err != nil || len(list) != 2 || list[0].DVN != a0.DVN || list[1].DVN != a1.DVN {
		t.Fatalf("%v %v", list, err)
	}
	// Swap the two DVN address words in place: same layout, descending order.
	swapped := []byte(strings.Clone(string(b)))
	i0 := strings.Index(string(b), string(a0.DVN[:]))
	i1 := strings.Index(string(b), string(a1.DVN[:]))
	copy(swapped[i0:], a1.DVN[:])
	copy(swapped[i1:], a0.DVN[:])
	if _, err := layerzero.DecodeAttestations(swapped); !errors.Is(err, layerzero.ErrAttestations) {
		t.Errorf("descending on the wire: %v", err)
	}
	if err := s.Uln.VerifyPacket(func() []byte { e, _ := p.AppendBinary(nil); return e }(), swapped, now); err == nil {
		t.Error("verifier accepted a non-canonical envelope")
	}
}
