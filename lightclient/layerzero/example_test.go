package layerzero_test

import (
	"errors"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

// A destination chain's ReceiveUln302 requires one DVN and one of two optional ones.
// Three DVNs sign verify instructions for a packet; the verifier accepts, and says why it
// refuses when the required DVN is missing.
func ExampleReceiveUln_Verifier() {
	const dstEid, now = 30110, 1_700_000_000
	s := layerzerotest.NewSetup(dstEid, 1, 2, 1, 3, 2, 15) // 2-of-3 multisig DVNs, 15 confirmations

	h := layerzero.Header{Nonce: 1, SrcEid: 30101, Sender: layerzero.AddressToBytes32(interop.Address{0xaa}), DstEid: dstEid, Receiver: layerzero.AddressToBytes32(interop.Address{0xbb})}
	p := layerzero.Packet{Header: h, GUID: h.GUID(), Message: []byte("hello")}

	v := s.Uln.Verifier(now)
	att := s.Attest(&p, 15, now+3600, 0, 1, 2) // all three DVNs
	verdict := v.Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: att})
	fmt.Println(verdict.Accepted)

	att = s.Attest(&p, 15, now+3600, 1, 2) // only the optional ones
	verdict = v.Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: att})
	fmt.Println(verdict.Accepted, errors.Is(verdict.Children[0].Err(), layerzero.ErrNoAttestation))
	// Output:
	// true
	// false true
}

// Once the DVNs have called verify on chain, a storage proof of the receive library
// against a trusted state root shows the same thing without their signatures.
func ExampleReceiveUln_StorageVerifier() {
	const dstEid = 30110
	s := layerzerotest.NewSetup(dstEid, 2, 0, 0, 1, 1, 15)
	h := layerzero.Header{Nonce: 1, SrcEid: 30101, DstEid: dstEid}
	p := layerzero.Packet{Header: h, GUID: h.GUID(), Message: []byte("hello")}

	stateRoot, proof := s.Stored(&p, 20, 0, 1) // both DVNs stored 20 confirmations
	v, err := s.Uln.StorageVerifier(stateRoot, proof)
	if err != nil {
		fmt.Println(err)
		return
	}
	meta := layerzero.StorageMetadata(&p.Header, p.PayloadHash())
	verdict := v.Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: meta})
	fmt.Println(verdict.Accepted)
	// Output:
	// true
}
