package hub

import (
	"testing"

	"github.com/interopkit/interop/examples/internal/demo/demotest"
)

// TestRun runs the example: five acceptances, six refusals, every verdict printed.
func TestRun(t *testing.T) {
	s := demotest.Output(t, Run)
	demotest.Count(t, s, "✓ accepted", 5)
	demotest.Count(t, s, "✗ refused", 6)
	demotest.Contains(t, s, "outsider", "required: hyperlane message-id multisig", "route origin 8453")
	// LayerZero: the packet's hashes, the DVN stack accepting with one optional DVN
	// silent, and each refusal for its own reason.
	demotest.Contains(t, s,
		"LayerZero v2 packet, eid 30101 (Ethereum) → 30110 (Arbitrum), nonce 42",
		"guid         0x", "header hash  0x", "payload hash 0x",
		"2 required + 1 of 2 optional: 2 of 2 required and 1 of 2 optional accepted",
		"required DVN 0xd000000000000000000000000000000000000002: MultiSig 3 of 5 signers",
		"3 DVNs: layerzero: wrong domain",
		"3 DVNs: layerzero: signer not in DVN committee",
		"verification stored with enough confirmations",
		"4 DVNs: layerzero: verification not submitted",
	)
	demotest.Deterministic(t, Run, s)
}
