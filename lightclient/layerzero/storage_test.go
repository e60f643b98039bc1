package layerzero_test

import (
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
	"github.com/interopkit/interop/proof/mpt"
)

func TestDecodeVerification(t *testing.T) {
	word := func(hex string) *uint256.Int { return uint256.MustFromHex(hex) }
	for _, c := range []struct {
		name string
		in   *uint256.Int
		want layerzero.Verification
		err  error
	}{
		{"zero: never written or deleted", word("0x0"), layerzero.Verification{}, nil},
		{"submitted, 0 confirmations", word("0x1"), layerzero.Verification{Submitted: true}, nil},
		{"submitted, 10 confirmations", word("0xa01"), layerzero.Verification{Submitted: true, Confirmations: 10}, nil},
		{"submitted, max confirmations", word("0xffffffffffffffff01"), layerzero.Verification{Submitted: true, Confirmations: ^uint64(0)}, nil},
		{"bit 72 set", word("0x1000000000000000001"), layerzero.Verification{}, layerzero.ErrStorage},
		{"high word set", word("0x1" + "000000000000000000000000000000000000000000000000000000000000001"), layerzero.Verification{}, layerzero.ErrStorage},
		{"submitted byte 2", word("0x2"), layerzero.Verification{}, layerzero.ErrStorage},
		{"confirmations without submitted", word("0x500"), layerzero.Verification{}, layerzero.ErrStorage},
	} {
		got, err := layerzero.DecodeVerification(c.in)
		if !errors.Is(err, c.err) || (c.err == nil) != (err == nil) || got != c.want {
			t.Errorf("%s: %+v, %v", c.name, got, err)
		}
		if err == nil {
			if w := got.Word(); !w.Eq(c.in) {
				t.Errorf("%s: Word() = %s", c.name, w.Hex())
			}
		}
	}
}

func TestStorageRoute(t *testing.T) {
	p := packetTo(dstEid)
	claim := layerzero.Claim(&p)
	meta := layerzero.StorageMetadata(&p.Header, p.PayloadHash())
	att := &lightclient.Attestation{Metadata: meta}
	// 1 required + 1 of 2 optional, 10 confirmations.
	s := layerzerotest.NewSetup(dstEid, 1, 2, 1, 1, 1, 10)
	for _, c := range []struct {
		name          string
		confirmations uint64
		dvns          []int
		ok            bool
	}{
		{"required and one optional", 10, []int{0, 2}, true},
		{"all three, more confirmations", 12, []int{0, 1, 2}, true},
		{"required only", 10, []int{0}, false},
		{"optional only", 10, []int{1, 2}, false},
		{"too few confirmations", 9, []int{0, 1, 2}, false},
		{"nothing stored (committed, or never verified)", 10, nil, false},
	} {
		root, proof := s.Stored(&p, c.confirmations, c.dvns...)
		v, err := s.Uln.StorageVerifier(root, proof)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		vd := v.Verify(claim, att)
		if c.ok != vd.Accepted {
			t.Errorf("%s: %v", c.name, vd.Err())
		}
	}

	root, proof := s.Stored(&p, 10, 0, 1)
	v, err := s.Uln.StorageVerifier(root, proof)
	if err != nil {
		t.Fatal(err)
	}
	other := packetTo(dstEid)
	other.Message = []byte("other")
	for _, c := range []struct {
		name  string
		claim lightclient.Claim
		meta  []byte
		want  error
	}{
		{"claim for another packet", layerzero.Claim(&other), meta, layerzero.ErrWrongDomain},
		{"metadata for another packet", claim, layerzero.StorageMetadata(&other.Header, other.PayloadHash()), layerzero.ErrWrongDomain},
		{"short metadata", claim, meta[:100], layerzero.ErrPacketLength},
		{"bad header version", claim, append([]byte{2}, meta[1:]...), layerzero.ErrPacketVersion},
		// The proof covers this packet's slots only: another packet's slot is missing.
		{"slot not in proof", layerzero.Claim(&other), layerzero.StorageMetadata(&other.Header, other.PayloadHash()), layerzero.ErrStorage},
	} {
		vd := v.Verify(c.claim, &lightclient.Attestation{Metadata: c.meta})
		if !anyChild(&vd, c.want) {
			t.Errorf("%s: %v, want %v", c.name, &vd, c.want)
		}
	}

	// A DVN whose slot is absent is ErrNotSubmitted (0 of the 2 optional ones stored).
	root, proof = s.Stored(&p, 10, 0)
	v, _ = s.Uln.StorageVerifier(root, proof)
	if vd := v.Verify(claim, att); vd.Accepted || !anyChild(&vd, layerzero.ErrNotSubmitted) {
		t.Errorf("absent slots: %v", &vd)
	}

	// The proof is checked when the verifier is built.
	root, proof = s.Stored(&p, 10, 0, 1)
	bad := *proof
	bad.Address[0] ^= 1
	if _, err := s.Uln.StorageVerifier(root, &bad); !errors.Is(err, layerzero.ErrStorage) {
		t.Errorf("proof of another account: %v", err)
	}
	if _, err := s.Uln.StorageVerifier(interop.Hash{1}, proof); !errors.Is(err, layerzero.ErrStorage) {
		t.Errorf("wrong state root: %v", err)
	}
	lied := *proof
	lied.StorageProof = append([]mpt.StorageResult(nil), proof.StorageProof...)
	lied.StorageProof[2].Value = layerzero.Verification{Submitted: true, Confirmations: 99}.Word()
	if _, err := s.Uln.StorageVerifier(root, &lied); !errors.Is(err, layerzero.ErrStorage) || !errors.Is(err, mpt.ErrValueMismatch) {
		t.Errorf("reported value differs from the proven one: %v", err)
	}
	// Reading at another base slot finds nothing the proof covers.
	moved := s.Uln.WithHashLookupSlot(interop.Hash{31: 3})
	v, _ = moved.StorageVerifier(root, proof)
	if vd := v.Verify(claim, att); vd.Accepted || !anyChild(&vd, layerzero.ErrStorage) {
		t.Errorf("base slot 3: %v", &vd)
	}
}

// anyChild reports whether some verdict in the tree rejects with an error wrapping want.
func anyChild(v *lightclient.Verdict, want error) bool {
	if errors.Is(v.Err(), want) {
		return true
	}
	for i := range v.Children {
		if anyChild(&v.Children[i], want) {
			return true
		}
	}
	return false
}
