package hyperlane_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

func BenchmarkMessageIDMultisig13of20(b *testing.B) {
	keys := hyperlanetest.Validators(20)
	ism := hyperlane.MessageIDMultisig{Multisig: hyperlane.Multisig{Validators: hyperlanetest.Addresses(keys), Threshold: 13}}
	m := hyperlane.Message{Version: 3, Origin: 1, Destination: 2, Body: make([]byte, 200)}
	md := hyperlanetest.MessageIDMetadata(&m, interop.Hash{1}, interop.Hash{2}, 3, keys[:13])
	enc := m.Encode()
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
	enc := (&hyperlane.Message{Version: 3, Origin: 1, Destination: 2, Body: make([]byte, 200)}).Encode()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := hyperlane.DecodeMessage(enc); err != nil {
			b.Fatal(err)
		}
	}
}
