package rlp

import "testing"

func BenchmarkValidateReceiptLike(b *testing.B) {
	// A receipt-shaped list: status, gas, 256-byte bloom, two logs with topics and data.
	logItem := func() item {
		topic := item{str: make([]byte, 32)}
		return item{list: true, childs: []item{{str: make([]byte, 20)}, {list: true, childs: []item{topic, topic, topic}}, {str: make([]byte, 96)}}}
	}
	rec := item{list: true, childs: []item{{str: []byte{1}}, {str: []byte{0x12, 0x34, 0x56}}, {str: make([]byte, 256)}, {list: true, childs: []item{logItem(), logItem()}}}}
	enc := encodeItem(nil, rec)
	b.ReportAllocs()
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		if err := Validate(enc, 8); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplitUint64(b *testing.B) {
	enc := AppendUint64(nil, 0x0123456789abcdef)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := SplitUint64(enc); err != nil {
			b.Fatal(err)
		}
	}
}
