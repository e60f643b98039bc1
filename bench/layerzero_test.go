package bench

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient/layerzero"
	"github.com/interopkit/interop/lightclient/layerzero/layerzerotest"
)

// ---- LayerZero packet + 3-DVN attestation vs 3 bare RecoverAddress calls ----

// lzPacket3DVN is a ReceiveUln302 path requiring three 1-of-1 DVNs, a packet with a
// 200-byte message, and the three DVNs' signed verify instructions: verifying it decodes
// the packet and the envelope, checks each instruction and recovers three signatures.
type lzPacket3DVN struct {
	uln         *layerzero.ReceiveUln
	packet, att []byte
	digests     [3]interop.Hash
	sigs        [3][65]byte
}

const lzNow = 1_700_000_000

func newLZPacket3DVN() *lzPacket3DVN {
	s := layerzerotest.NewSetup(30110, 3, 0, 0, 1, 1, 5)
	h := layerzero.Header{Nonce: 9, SrcEid: 30101, Sender: interop.Hash{31: 1}, DstEid: 30110, Receiver: interop.Hash{31: 2}}
	p := layerzero.Packet{Header: h, GUID: h.GUID(), Message: make([]byte, 200)}
	enc, err := p.AppendBinary(nil)
	if err != nil {
		panic(err)
	}
	c := &lzPacket3DVN{uln: s.Uln, packet: enc, att: s.Attest(&p, 5, lzNow+600, 0, 1, 2)}
	list, err := layerzero.DecodeAttestations(c.att)
	if err != nil || len(list) != 3 {
		panic(err)
	}
	for i := range list {
		c.digests[i] = list[i].Param.SigningDigest()
		c.sigs[i] = [65]byte(list[i].Param.Signatures)
	}
	return c
}

func (c *lzPacket3DVN) verify() {
	if err := c.uln.VerifyPacket(c.packet, c.att, lzNow); err != nil {
		panic(err)
	}
}

func (c *lzPacket3DVN) floor() {
	for i := range c.sigs {
		if _, err := secp256k1.RecoverAddress(c.digests[i], c.sigs[i]); err != nil {
			panic(err)
		}
	}
}

func BenchmarkLayerZeroPacket3DVN(b *testing.B) {
	c := newLZPacket3DVN()
	b.Run("impl=floor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.floor()
		}
	})
	b.Run("impl=interop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.verify()
		}
	})
}

// TestLayerZeroRatio measures the packet + 3-DVN verification against its secp256k1
// floor (three RecoverAddress calls), interleaved, best chunk of many rounds. Target:
// at most 1.2×.
func TestLayerZeroRatio(t *testing.T) {
	skipUnlessRatios(t)
	c := newLZPacket3DVN()
	r := measureRatio(c.verify, c.floor, 100, 50)
	t.Logf("layerzero packet + 3-DVN attestation  interop %9.0f ns/op %3.0f allocs   3×RecoverAddress %9.0f ns/op %3.0f allocs   ratio %.3f",
		r.oursNs(), r.oursAllocs, r.theirsNs(), r.theirsAllocs, r.ratio())
}
