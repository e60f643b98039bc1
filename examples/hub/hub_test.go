package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"

	"github.com/interopkit/interop/examples/internal/demotest"
	"github.com/interopkit/interop/examples/internal/exampledata"
	"github.com/interopkit/interop/proof/ics23"
)

// TestRun runs the example: eight acceptances, nine refusals, every verdict printed.
func TestRun(t *testing.T) {
	s := demotest.Output(t, run)
	demotest.Count(t, s, "✓ accepted", 8)
	demotest.Count(t, s, "✗ refused", 9)
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
	// IBC: the commitment under its ibc-go key, proven to the app hash as MerkleProof
	// bytes and as ProofOps; tampered data and a flipped proof byte refused.
	demotest.Contains(t, s,
		"key        commitments/ports/transfer/channels/channel-0/sequences/1",
		"2 proofs (IAVL \"ibc\" store, then the multistore)",
		"✓ accepted: ibc/commitments/ports/transfer/channels/channel-0/sequences/1 holds the commitment under app hash",
		"ABCI ProofOps",
		"✗ refused: proof 0: ics23: value does not match proof",
		"✗ refused: ics23: root does not match proof",
		"✓ accepted: ibc/connections/connection-1 under app hash 899cd0b55a4fede9af3c959c43ed3ae6805293642590a81cd95b4c97f89cc424",
	)
	demotest.Deterministic(t, run, s)
}

// TestIBCPacketCommitment checks the packet commitment against ibc-go's rules: the key
// names the source port, channel and sequence, which the commitment leaves out; every
// other field changes it.
func TestIBCPacketCommitment(t *testing.T) {
	p := ibcPacket{
		Sequence: 7, SourcePort: "transfer", SourceChannel: "channel-3", DestPort: "transfer", DestChannel: "channel-9",
		Data: []byte("data"), TimeoutRevisionNumber: 1, TimeoutRevisionHeight: 100, TimeoutTimestamp: 5,
	}
	if got, want := string(p.commitmentKey()), "commitments/ports/transfer/channels/channel-3/sequences/7"; got != want {
		t.Errorf("key %q, want %q", got, want)
	}
	c := string(p.commitment())
	if len(c) != 32 {
		t.Fatalf("commitment of %d bytes", len(c))
	}
	keyed := p
	keyed.Sequence, keyed.SourcePort, keyed.SourceChannel, keyed.DestPort, keyed.DestChannel = 8, "a", "b", "c", "d"
	if string(keyed.commitment()) != c {
		t.Error("the commitment covers a field that only the key or the channel names")
	}
	for name, change := range map[string]func(*ibcPacket){
		"data":            func(q *ibcPacket) { q.Data = []byte("date") },
		"revision number": func(q *ibcPacket) { q.TimeoutRevisionNumber++ },
		"revision height": func(q *ibcPacket) { q.TimeoutRevisionHeight++ },
		"timestamp":       func(q *ibcPacket) { q.TimeoutTimestamp++ },
		// Fixed-length preimage: moving a value between adjacent fields changes it too.
		"shifted": func(q *ibcPacket) { q.TimeoutRevisionNumber, q.TimeoutRevisionHeight = 100, 1 },
	} {
		q := p
		change(&q)
		if string(q.commitment()) == c {
			t.Errorf("%s: commitment unchanged", name)
		}
	}
}

// TestRealIBCTamper flips each byte of the embedded union proof in turn: every flip is
// refused with one of proof/ics23's sentinels.
func TestRealIBCTamper(t *testing.T) {
	var u unionProof
	if err := json.Unmarshal(exampledata.UnionDevnetConnection, &u); err != nil {
		t.Fatal(err)
	}
	appHash, _ := hex.DecodeString(u.AppHash)
	value, _ := hex.DecodeString(u.Value)
	proof, _ := hex.DecodeString(u.MerkleProof)
	path := ics23.NewMerklePath([]byte(u.Path[0]), []byte(u.Path[1]))
	verify := func(b []byte) error {
		m, err := ics23.DecodeMerkleProof(b)
		if err != nil {
			return err
		}
		return m.VerifyMembership(ics23.SDKSpecs, appHash, path, value)
	}
	if err := verify(proof); err != nil {
		t.Fatalf("untampered proof: %v", err)
	}
	sentinels := []error{ics23.ErrMalformed, ics23.ErrSpec, ics23.ErrNoProofForKey, ics23.ErrValueMismatch,
		ics23.ErrRootMismatch, ics23.ErrInvalidProof, ics23.ErrUnsupported, ics23.ErrPath}
	for i := range proof {
		bad := append([]byte(nil), proof...)
		bad[i] ^= 0x01
		err := verify(bad)
		named := false
		for _, s := range sentinels {
			named = named || errors.Is(err, s)
		}
		if !named {
			t.Errorf("byte %d flipped: err %v", i, err)
		}
	}
}
