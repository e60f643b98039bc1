package espresso

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// nsPayloadCase builds a namespace payload as espresso-types' ns_payload tests do
// (header_entries_total): u32le header ‖ u32le entries ‖ body bytes i mod 255, truncated or
// extended to total bytes.
func nsPayloadCase(header uint32, entries []uint32, total int) []byte {
	b := binary.LittleEndian.AppendUint32(nil, header)
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint32(b, e)
	}
	for i := 0; len(b) < total; i++ {
		b = append(b, byte(i%255))
	}
	return b[:total]
}

func seq(from, to byte) []byte {
	var b []byte
	for x := from; x < to; x++ {
		b = append(b, x)
	}
	return b
}

// TestConformanceParseNsPayload reproduces every transaction list espresso-types asserts in
// namespace_payload/ns_payload/test.rs (ns_payload_len, negative_len_txs,
// negative_len_txs_and_abnormal_payload_len, tx_table_header).
func TestConformanceParseNsPayload(t *testing.T) {
	body := func(entries []uint32, n int) []byte {
		return nsPayloadCase(uint32(len(entries)), entries, n+4+4*len(entries))
	}
	hdrBody := func(h uint32, entries []uint32, n int) []byte { return nsPayloadCase(h, entries, n+4+4*len(entries)) }
	total := func(entries []uint32, n int) []byte { return nsPayloadCase(uint32(len(entries)), entries, n) }
	e := []uint32{10, 20, 30}
	cases := []struct {
		name string
		b    []byte
		want [][]byte
	}{
		{"ordinary", body(e, 30), [][]byte{seq(0, 10), seq(10, 20), seq(20, 30)}},
		{"wasted space", body(e, 40), [][]byte{seq(0, 10), seq(10, 20), seq(20, 30)}},
		{"final tx truncated", body(e, 25), [][]byte{seq(0, 10), seq(10, 20), seq(20, 25)}},
		{"final tx gone", body(e, 15), [][]byte{seq(0, 10), seq(10, 15), {}}},
		{"all txs gone", body(e, 0), [][]byte{{}, {}, {}}},
		{"last entry cut", total(e, 4+4*3-1), [][]byte{{}, {}}},
		{"two entries cut", total(e, 4+4*2-1), [][]byte{{}}},
		{"header only", total(e, 4), nil},
		{"short header 0", total(e, 0), nil},
		{"short header 3", total(e, 3), nil},
		{"negative last", body([]uint32{10, 30, 20}, 30), [][]byte{seq(0, 10), seq(10, 30), {}}},
		{"negative middle", body([]uint32{20, 10, 30}, 30), [][]byte{seq(0, 20), {}, seq(10, 30)}},
		{"one contains all", body([]uint32{30, 10, 20}, 30), [][]byte{seq(0, 30), {}, seq(10, 20)}},
		{"all negative but first", body([]uint32{30, 20, 10}, 30), [][]byte{seq(0, 30), {}, {}}},
		{"negative middle, short", body([]uint32{20, 10, 30}, 25), [][]byte{seq(0, 20), {}, seq(10, 25)}},
		{"negative middle, long", body([]uint32{20, 10, 30}, 40), [][]byte{seq(0, 20), {}, seq(10, 30)}},
		{"all negative, short", body([]uint32{30, 20, 10}, 25), [][]byte{seq(0, 25), {}, {}}},
		{"all negative, long", body([]uint32{30, 20, 10}, 40), [][]byte{seq(0, 30), {}, {}}},
		{"header one fewer", hdrBody(2, e, 30), [][]byte{append([]byte{30, 0, 0, 0}, seq(0, 6)...), seq(6, 16)}},
		{"header zero", hdrBody(0, e, 30), nil},
		{"header one extra", hdrBody(4, e, 30), [][]byte{seq(4, 14), seq(14, 24), seq(24, 30), {}}},
		{"header huge", hdrBody(0xffffffff, e, 30), [][]byte{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}}},
	}
	for _, c := range cases {
		got := SplitNsPayload(69, c.b)
		if len(got) != len(c.want) {
			t.Errorf("%s: %d transactions, want %d", c.name, len(got), len(c.want))
			continue
		}
		for i := range got {
			if !bytes.Equal(got[i].Payload, c.want[i]) || got[i].Namespace != 69 {
				t.Errorf("%s: tx %d = %v, want %v", c.name, i, got[i].Payload, c.want[i])
			}
		}
	}
	if b := body(e, 40); len(b) != 56 || !bytes.Equal(b[46:], seq(30, 40)) {
		t.Error("wasted-space payload not as upstream builds it")
	}
}
