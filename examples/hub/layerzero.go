package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

// LayerZero endpoint ids (eids, not chain ids) of the packet's path.
const (
	eidEthereum = 30101
	eidArbitrum = 30110
	// lzNow is the destination's block time (Unix seconds) at which the DVNs'
	// instructions are judged; they expire an hour later.
	lzNow        = 1_733_300_000
	lzExpiration = lzNow + 3600
	// lzConfirmations is what every DVN vouches for; the config requires 15.
	lzConfirmations = 20
)

// lzDVN is one DVN of the destination's receive library config.
type lzDVN struct {
	layerzerotest.Signer
	required bool
}

// runLayerZero verifies a LayerZero v2 packet as Arbitrum's ReceiveUln302 would: by the
// DVNs' multisig-signed verify instructions under the library's rule (every required DVN
// and one of two optional ones), then by the verifications those instructions leave in
// the library's storage, proven from a destination state root. A tampered payload is
// refused on both routes, and so is an instruction rewritten to match it.
func runLayerZero(w io.Writer) error {
	// The OApp path Ethereum → Arbitrum and the packet EndpointV2 would send on it.
	h := layerzero.Header{
		Nonce: 42, SrcEid: eidEthereum, DstEid: eidArbitrum,
		Sender:   layerzero.AddressToBytes32(interop.Address{0x5e, 19: 0x4d}),
		Receiver: layerzero.AddressToBytes32(interop.Address{0xec, 19: 0x1e}),
	}
	p := layerzero.Packet{Header: h, GUID: h.GUID(), Message: []byte("mint 250 USDT0 to 0xec…1e")}
	encoded, err := p.AppendBinary(nil)
	if err != nil {
		return err
	}
	hh, ph := p.Header.Hash(), p.PayloadHash()
	fmt.Fprintf(w, "LayerZero v2 packet, eid %d (Ethereum) → %d (Arbitrum), nonce %d, %d bytes (PacketV1Codec)\n", h.SrcEid, h.DstEid, h.Nonce, len(encoded))
	fmt.Fprintf(w, "  message      %q\n", p.Message)
	fmt.Fprintf(w, "  guid         %s  keccak256(nonce ‖ srcEid ‖ sender ‖ dstEid ‖ receiver)\n", p.GUID)
	fmt.Fprintf(w, "  header hash  %s  keccak256 of the %d-byte header\n", hh, layerzero.HeaderSize)
	fmt.Fprintf(w, "  payload hash %s  keccak256(guid ‖ message)\n", ph)

	// The receive library's config: two required DVNs and one of two optional ones, each
	// a MultiSig with its own signer set and quorum; keys come from fixed seeds. A DVN's
	// vid is its chain's eid mod 30000.
	vid := uint32(eidArbitrum % 30000)
	dvns := []lzDVN{
		{layerzerotest.NewSigner(layerzerotest.DVNAddress(0), vid, 101, 3, 2), true},
		{layerzerotest.NewSigner(layerzerotest.DVNAddress(1), vid, 102, 5, 3), true},
		{layerzerotest.NewSigner(layerzerotest.DVNAddress(2), vid, 103, 1, 1), false},
		{layerzerotest.NewSigner(layerzerotest.DVNAddress(3), vid, 104, 4, 2), false},
	}
	cfg := layerzero.ULNConfig{Confirmations: 15, OptionalDVNThreshold: 1}
	var all []*layerzero.DVN
	for _, d := range dvns {
		all = append(all, d.DVN)
		if d.required {
			cfg.RequiredDVNs = append(cfg.RequiredDVNs, d.DVN.Address())
		} else {
			cfg.OptionalDVNs = append(cfg.OptionalDVNs, d.DVN.Address())
		}
	}
	lib := interop.Address{0x7b, 0x9e, 18: 0x05, 19: 0xe6}
	uln, err := layerzero.NewReceiveUln(lib, eidArbitrum, cfg, all)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  receive library %s at eid %d: %d required + %d of %d optional DVNs, %d confirmations\n",
		lib, uln.LocalEid(), len(cfg.RequiredDVNs), cfg.OptionalDVNThreshold, len(cfg.OptionalDVNs), cfg.Confirmations)
	for _, d := range dvns {
		kind := "optional"
		if d.required {
			kind = "required"
		}
		fmt.Fprintf(w, "    %s DVN %s: MultiSig %d of %d signers, vid %d\n", kind, d.DVN.Address(), d.DVN.Quorum(), len(d.DVN.Signers()), d.DVN.VID())
	}
	fmt.Fprintln(w)

	// 7. Three DVNs (both required ones and the first optional one) sign
	// verify(header, payloadHash, confirmations) for the receive library: each
	// instruction's hash is keccak256(vid ‖ target ‖ expiration ‖ callData), signed
	// EIP-191 by the DVN's first quorum signers in ascending address order.
	signing := dvns[:3]
	var list []layerzero.Attestation
	for _, d := range signing {
		list = append(list, d.Attest(lib, &p.Header, ph, lzConfirmations, lzExpiration))
	}
	meta, err := layerzero.AppendAttestations(nil, list)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("7. LayerZero DVN stack: %d DVNs sign verify(header, payloadHash, %d)", len(signing), lzConfirmations)
	fmt.Fprintf(w, "%s\n  call data %d bytes (selector %x); instruction hash %s\n", title, len(list[0].Param.CallData), layerzero.VerifySelector, list[0].Param.Hash())
	fmt.Fprintf(w, "  (keccak256(vid ‖ target ‖ expiration ‖ callData): the same for every DVN of this chain)\n")
	for _, a := range list {
		fmt.Fprintf(w, "  DVN %s: %d signature(s), EIP-191, signers ascending\n", a.DVN, len(a.Param.Signatures)/layerzero.SignatureSize)
	}
	verifier := uln.Verifier(lzNow)
	if err := show(w, "", verifier.Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: meta})); err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	// The same rule on the bytes a relayer holds.
	if err := uln.VerifyPacket(encoded, meta, lzNow); err != nil {
		return fmt.Errorf("%s: VerifyPacket: %w", title, err)
	}

	// 8. A relayer alters one byte of the message: the DVNs vouched for another payload
	// hash, so the packet's claim is not the one any DVN signed.
	tampered := p
	tampered.Message = append([]byte(nil), p.Message...)
	tampered.Message[5] ^= 0x01 // "250" becomes "350"
	tph := tampered.PayloadHash()
	v := verifier.Verify(layerzero.Claim(&tampered), &lightclient.Attestation{Metadata: meta})
	title = fmt.Sprintf("8. LayerZero: tampered payload %q (payload hash %s)", tampered.Message, tph)
	if err := refuseDVNs(w, title, v, layerzero.ErrWrongDomain); err != nil {
		return err
	}
	te, err := tampered.AppendBinary(nil)
	if err != nil {
		return err
	}
	if err := uln.VerifyPacket(te, meta, lzNow); !errors.Is(err, layerzero.ErrWrongDomain) {
		return fmt.Errorf("tampered packet bytes: VerifyPacket returned %v", err)
	}

	// 9. The relayer also rewrites each DVN's verify call to the tampered payload hash,
	// keeping the signatures: they now recover to keys outside every signer set.
	rewritten := make([]layerzero.Attestation, len(list))
	for i, a := range list {
		call := layerzero.VerifyCall{Header: tampered.Header, PayloadHash: tph, Confirmations: lzConfirmations}
		cd, err := call.AppendBinary(nil)
		if err != nil {
			return err
		}
		a.Param.CallData = cd
		rewritten[i] = a
	}
	forged, err := layerzero.AppendAttestations(nil, rewritten)
	if err != nil {
		return err
	}
	v = verifier.Verify(layerzero.Claim(&tampered), &lightclient.Attestation{Metadata: forged})
	if err := refuseDVNs(w, "9. LayerZero: instructions rewritten to the tampered payload", v, layerzero.ErrUnknownSigner); err != nil {
		return err
	}

	// 10. The storage route: once the DVNs' instructions ran, ReceiveUln302 holds
	// hashLookup[headerHash][payloadHash][dvn] = {submitted, confirmations}. The
	// destination's state (built here with proof/mpt's Trie) has the library's account
	// and those slots; its root is what a light client would hand over. The proof also
	// covers the tampered packet's slots, which were never written.
	base := uln.HashLookupSlot()
	slots := map[interop.Hash]uint256.Int{}
	for _, d := range signing {
		slots[layerzero.HashLookupSlot(base, hh, ph, d.DVN.Address())] = layerzero.Verification{Submitted: true, Confirmations: lzConfirmations}.Word()
	}
	var keys []interop.Hash
	for _, d := range dvns {
		keys = append(keys,
			layerzero.HashLookupSlot(base, hh, ph, d.DVN.Address()),
			layerzero.HashLookupSlot(base, tampered.Header.Hash(), tph, d.DVN.Address()))
	}
	stateRoot, proof := layerzerotest.StorageProof(lib, slots, keys)
	title = "10. LayerZero storage route: hashLookup proven from the destination state root"
	fmt.Fprintf(w, "%s\n  state root %s, library storage root %s\n", title, stateRoot, proof.StorageHash)
	fmt.Fprintf(w, "  hashLookup (slot %d)[header hash][payload hash][%s] at %s\n",
		layerzero.HashLookupSlotReceiveUln302, dvns[0].DVN.Address(), keys[0])
	fmt.Fprintf(w, "  eth_getProof: %d account nodes, %d storage proofs\n", len(proof.AccountProof), len(proof.StorageProof))
	sv, err := uln.StorageVerifier(stateRoot, proof)
	if err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	v = sv.Verify(layerzero.Claim(&p), &lightclient.Attestation{Metadata: layerzero.StorageMetadata(&p.Header, ph)})
	if err := show(w, "", v); err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}

	// 11. The tampered packet on the storage route: no DVN verified it, so its slots
	// are proven empty.
	v = sv.Verify(layerzero.Claim(&tampered), &lightclient.Attestation{Metadata: layerzero.StorageMetadata(&tampered.Header, tph)})
	return refuseDVNs(w, "11. LayerZero storage route: tampered payload", v, layerzero.ErrNotSubmitted)
}

// refuseDVNs prints a rejecting verdict of a receive library's rule and checks that every
// DVN that refused did so for want, except one with no attestation at all.
func refuseDVNs(w io.Writer, title string, v lightclient.Verdict, want error) error {
	fmt.Fprintf(w, "%s\n%s", title, indent(v.String()))
	if v.Accepted || !errors.Is(v.Err(), lightclient.ErrRejected) {
		return fmt.Errorf("%s: accepted %v, err %v", title, v.Accepted, v.Err())
	}
	n := 0
	for i := range v.Children {
		c := &v.Children[i]
		switch {
		case c.Accepted || errors.Is(c.Err(), layerzero.ErrNoAttestation):
		case errors.Is(c.Err(), want):
			n++
		default:
			return fmt.Errorf("%s: %s refused with %v, want %v", title, c.Verifier, c.Err(), want)
		}
	}
	if n == 0 {
		return fmt.Errorf("%s: no DVN refused with %v", title, want)
	}
	fmt.Fprintf(w, "  ✗ refused: %v\n  %d DVNs: %v\n\n", v.Err(), n, want)
	return nil
}
