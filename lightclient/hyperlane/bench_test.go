package hyperlane_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

func BenchmarkMessageIDMultisig13of20(b *testing.B) {
	keys := hyperlanetest.Validators(20)
	ism := must(hyperlane.NewMessageIDMultisig(hyperlanetest.Addresses(keys), 13))
	m := hyperlane.Message{Version: 3, Origin: 1, Destination: 2, Body: make([]byte, 200)}
	md := hyperlanetest.MessageIDMetadata(&m, interop.Hash{1}, interop.Hash{2}, 3, keys[:13])
	enc := must(m.AppendBinary(nil))
	b.ReportAllocs()
	for b.Loop() {
		if err := ism.Verify(md, enc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMessageID(b *testing.B) {
	m := hyperlane.Message{Version: 3, Origin: 1, Destination: 2, Body: make([]byte, 200)}
	b.ReportAllocs()
	for b.Loop() {
		_ = m.ID()
	}
}

func BenchmarkDecodeMessage(b *testing.B) {
	enc := must((&hyperlane.Message{Version: 3, Origin: 1, Destination: 2, Body: make([]byte, 200)}).AppendBinary(nil))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := hyperlane.DecodeMessage(enc); err != nil {
			b.Fatal(err)
		}
	}
}
