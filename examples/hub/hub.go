package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
	"github.com/interopkit/interop/lightclient/lightclienttest"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/lightclient/opstack/opstacktest"
)

const (
	opMainnet = 10   // the origin: an OP Stack chain
	base      = 8453 // another route
	arbitrum  = 42161
)

// run runs the demo, writing its report to w.
func run(w io.Writer) error {
	msg := hyperlane.Message{
		Version: hyperlane.Version, Nonce: 7, Origin: opMainnet, Destination: arbitrum,
		Sender:    hyperlane.AddressToBytes32(interop.Address{0x5e, 19: 0x4d}),
		Recipient: hyperlane.AddressToBytes32(interop.Address{0xec, 19: 0x1e}),
		Body:      []byte("transfer 100 USDC to 0xec…1e"),
	}
	claim := hyperlane.Claim(&msg)
	fmt.Fprintf(w, "message %s\n  nonce %d, %d → %d, body %q\n\n", claim.Digest, msg.Nonce, msg.Origin, msg.Destination, msg.Body)

	// 1. A 2-of-3 committee signs the claim (its route and epoch included).
	committee := lightclienttest.Members(1, 3)
	threshold, err := lightclient.Threshold(2, lightclienttest.Signers(committee)...)
	if err != nil {
		return err
	}
	att := lightclienttest.Attest(claim, committee[0], committee[2])
	if err := show(w, "1. 2-of-3 ECDSA committee", threshold.Verify(claim, att)); err != nil {
		return err
	}

	// 2. The routing stack: for OP Mainnet, the Hyperlane message-id ISM (2 of 3
	// validators) is required, and 1 of 2 optional DVNs must agree.
	validators := hyperlanetest.Validators(3)
	ism, err := hyperlane.NewMessageIDMultisig(hyperlanetest.Addresses(validators), 2)
	if err != nil {
		return err
	}
	dvns := lightclienttest.Members(2, 2)
	optional := make([]lightclient.Verifier, len(dvns))
	for i, d := range dvns {
		if optional[i], err = lightclient.Threshold(1, d.Signer); err != nil {
			return err
		}
	}
	stack := lightclient.Route(map[interop.ChainID]lightclient.Verifier{
		opMainnet: lightclient.RequiredOptional([]lightclient.Verifier{ism.Verifier()}, optional, 1),
		base:      threshold,
	})
	hook := interop.Hash{0x4b}
	routed := lightclienttest.Attest(claim, dvns[1])
	routed.Metadata = hyperlanetest.MessageIDMetadata(&msg, hook, interop.Hash{0x77}, 41, validators[:2])
	if err := show(w, "2. routing stack (required + optional)", stack.Verify(claim, routed)); err != nil {
		return err
	}

	// 3. State: the message id is a withdrawal sent on OP Mainnet, proven from a
	// finalized L1 state root through the output oracle.
	s := &opstacktest.Scenario{
		L1Chain: 1, L1Height: 21_000_000, L2Chain: opMainnet, L2Block: 130_000_000,
		Oracle: interop.Address{0xde, 0xad}, Index: 5000, Contract: interop.Address{0xc0}, Slot: interop.Hash{1},
		Withdrawals: []interop.Hash{claim.Digest},
	}
	s.Build()
	out, err := s.OracleProof().Verify(s.Source, opMainnet)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "3. OP Stack state proof\n  L1 state root %d@%d (finalized) → %s\n", s.L1Chain, s.L1Height, out)
	wp := s.L2.ProveStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(claim.Digest))
	if err := opstack.VerifyWithdrawal(out, &s.Output, claim.Digest, wp); err != nil {
		return err
	}
	fmt.Fprintf(w, "  ✓ accepted: sentMessages[%s] = 1 under the output's message passer root\n\n", claim.Digest)

	// Refusals. A forged signature: committee member 1's slot carries bytes that
	// recover to no member.
	forged := lightclienttest.Attest(claim, committee[0])
	bad := committee[1].Sign(claim)
	bad[10] ^= 0xff
	forged.ECDSA = append(forged.ECDSA, bad)
	v := threshold.Verify(claim, forged)
	if err := refuse(w, "4. forged signature", v, lightclient.ErrThreshold); err != nil {
		return err
	}

	// A replay: the same message and attestations presented as coming from Base.
	replay := claim
	replay.Origin = base
	v = stack.Verify(replay, att)
	if err := refuse(w, "5. replay to another route", v, lightclient.ErrThreshold); err != nil {
		return err
	}
	v = stack.Verify(replay, routed)
	if err := refuse(w, "6. replay of the routed attestation", v, lightclient.ErrThreshold); err != nil {
		return err
	}

	if err := runLayerZero(w); err != nil {
		return err
	}
	return runIBC(w)
}

// show prints an accepting verdict under title (none when empty).
func show(w io.Writer, title string, v lightclient.Verdict) error {
	if title != "" {
		fmt.Fprintf(w, "%s\n", title)
	}
	fmt.Fprint(w, indent(v.String()))
	if !v.Accepted {
		return fmt.Errorf("%s: %w", title, v.Err())
	}
	fmt.Fprintf(w, "  ✓ accepted\n\n")
	return nil
}

func refuse(w io.Writer, title string, v lightclient.Verdict, want error) error {
	fmt.Fprintf(w, "%s\n%s", title, indent(v.String()))
	if v.Accepted || !errors.Is(v.Err(), want) {
		return fmt.Errorf("%s: accepted %v, err %v", title, v.Accepted, v.Err())
	}
	fmt.Fprintf(w, "  ✗ refused: %v\n\n", v.Err())
	return nil
}

func indent(s string) string {
	out := ""
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out += "  " + s[:i] + "\n"
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}
