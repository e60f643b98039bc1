package zk_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/zk"
	"github.com/interopkit/interop/lightclient/zk/zktest"
)

var layouts = []struct {
	name string
	dec  zk.PublicValuesDecoder
	enc  func([]byte, zk.Outputs) []byte
}{
	{"HeliosV1", zk.HeliosV1{}, zk.HeliosV1{}.AppendPublicValues},
	{"HeliosV2", zk.HeliosV2{}, zk.HeliosV2{}.AppendPublicValues},
	{"HeliosStorage", zk.HeliosStorage{}, zk.HeliosStorage{}.AppendPublicValues},
}

// maxStorageOutputs is an update of the storage layout at its bound: MaxStorageSlots slots.
func maxStorageOutputs(cp zk.Checkpoint) zk.Outputs {
	o := zk.Outputs{PrevHeader: cp.Header, PrevSlot: cp.Slot, NewHeader: interop.Hash{4}, NewSlot: cp.Slot + 64,
		ExecutionStateRoot: interop.Hash{5}, StartSyncCommitteeHash: cp.SyncCommitteeHash, SyncCommitteeHash: cp.SyncCommitteeHash}
	o.Slots = make([]zk.StorageSlot, zk.MaxStorageSlots)
	for i := range o.Slots {
		binary.BigEndian.PutUint64(o.Slots[i].Key[:], uint64(i))
		o.Slots[i].Value[0], o.Slots[i].Contract[0] = 1, byte(i)
	}
	return o
}

// TestBoundsAllocPerInputByte feeds every decoder and Client.Update input at the bound
// (MaxStorageSlots storage slots) and past it (a slot count far beyond the bytes, a huge
// count, a long tail): allocation stays within the project bound per input byte, and what
// is refused costs a constant.
func TestBoundsAllocPerInputByte(t *testing.T) {
	cp := zk.Checkpoint{Slot: 100, Header: interop.Hash{1}, ExecutionStateRoot: interop.Hash{2}, SyncCommitteeHash: interop.Hash{3}}
	o := maxStorageOutputs(cp)
	pv := zk.HeliosStorage{}.AppendPublicValues(nil, o)
	var err error
	hostile.Bounded(t, "HeliosStorage at MaxStorageSlots", len(pv), func() { _, err = zk.HeliosStorage{}.DecodePublicValues(pv) })
	if err != nil {
		t.Fatal(err)
	}
	c, err := zk.New(zk.Config{Chain: 1, Verifier: zktest.FakeVerifier{}, ProgramVKey: vkey, Decoder: zk.HeliosStorage{}}, cp)
	if err != nil {
		t.Fatal(err)
	}
	proof := zktest.FakeProve(vkey, pv)
	u := hostile.Bounded(t, "Update at MaxStorageSlots", len(pv)+len(proof), func() { _, err = c.Update(proof, pv) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Update at MaxStorageSlots: %d input bytes, %d bytes allocated (%d objects)", len(pv)+len(proof), u.Bytes, u.Objects)

	// One slot more than the bound, and counts that do not match the bytes, are refused
	// before the slots are allocated.
	over := append(bytes.Clone(pv), make([]byte, 96)...)
	binary.BigEndian.PutUint64(over[32+9*32+24:], zk.MaxStorageSlots+1)
	lying := bytes.Clone(pv[:32+10*32])
	binary.BigEndian.PutUint64(lying[32+9*32+24:], zk.MaxStorageSlots)
	huge := bytes.Clone(pv[:32+10*32])
	for i := 32 + 9*32; i < len(huge); i++ {
		huge[i] = 0xff
	}
	for _, tc := range []struct {
		name string
		pv   []byte
	}{{"MaxStorageSlots+1 slots", over}, {"count without its slots", lying}, {"count of 2^256-1", huge}} {
		hostile.Proportional(t, tc.name, len(tc.pv), 0, 16<<10, func() { _, err = zk.HeliosStorage{}.DecodePublicValues(tc.pv) })
		if !errors.Is(err, zk.ErrPublicValues) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// The static layouts read a fixed number of words: a 1 MiB input is refused for free.
	long := make([]byte, 1<<20)
	for _, l := range layouts {
		hostile.Proportional(t, l.name+", 1 MiB", len(long), 0, 16<<10, func() { _, err = l.dec.DecodePublicValues(long) })
		if !errors.Is(err, zk.ErrPublicValues) {
			t.Errorf("%s, 1 MiB: %v", l.name, err)
		}
	}
}

// TestConcurrentClient: 16 goroutines apply the same chain of updates and read the client
// at once; each update applies once, reads see verified roots only, and the client ends at
// the chain's head.
func TestConcurrentClient(t *testing.T) {
	cp := zk.Checkpoint{Slot: 8192, Header: interop.Hash{1}, ExecutionStateRoot: interop.Hash{2}, SyncCommitteeHash: interop.Hash{3}}
	c := newClient(t, cp, zktest.FakeVerifier{})
	var chain []zk.Outputs
	prev, slot := cp.Header, cp.Slot
	for i := range 8 {
		next := slot + 100
		o := zk.Outputs{PrevHeader: prev, PrevSlot: slot, NewHeader: interop.Hash{0x10, byte(i)}, NewSlot: next,
			ExecutionStateRoot: interop.Hash{0x20, byte(i)}, StartSyncCommitteeHash: cp.SyncCommitteeHash, SyncCommitteeHash: cp.SyncCommitteeHash}
		chain = append(chain, o)
		prev, slot = o.NewHeader, next
	}
	verified := map[uint64]interop.Hash{cp.Slot: cp.ExecutionStateRoot}
	for _, o := range chain {
		verified[o.NewSlot] = o.ExecutionStateRoot
	}
	hostile.Concurrent(t, 2, func(g int) {
		if g%2 == 0 {
			for _, o := range chain {
				pv := zk.HeliosV2{}.AppendPublicValues(nil, o)
				if _, err := c.Update(zktest.FakeProve(vkey, pv), pv); err != nil && !errors.Is(err, zk.ErrNotMonotonic) && !errors.Is(err, zk.ErrUnknownPrev) {
					t.Errorf("goroutine %d: %v", g, err)
				}
			}
			return
		}
		head, header := c.Head()
		if _, ok := verified[head]; !ok || header == (interop.Hash{}) {
			t.Errorf("goroutine %d: head %d (%s) was never verified", g, head, header)
		}
		if r, err := c.Root(1, head, lightclient.StateRoot); err != nil || r.Value != verified[head] || r.Finality != lightclient.Finalized {
			t.Errorf("goroutine %d: state root at %d: %v %v", g, head, r.Value, err)
		}
		if h, ok := c.SyncCommittee(cp.Slot / zk.SlotsPerPeriod); !ok || h != cp.SyncCommitteeHash {
			t.Errorf("goroutine %d: committee %v %v", g, h, ok)
		}
		_, _ = c.StorageValue(head, interop.Address{}, interop.Hash{})
	})
	if head, _ := c.Head(); head != chain[len(chain)-1].NewSlot {
		t.Fatalf("head %d, want %d", head, chain[len(chain)-1].NewSlot)
	}
}

// FuzzDecodePublicValues: for every layout, public values that decode are the canonical
// encoding of what they decode to (decode, encode: the same bytes), and anything else is
// ErrPublicValues.
func FuzzDecodePublicValues(f *testing.F) {
	cp := zk.Checkpoint{Slot: 100, Header: interop.Hash{1}, ExecutionStateRoot: interop.Hash{2}, SyncCommitteeHash: interop.Hash{3}}
	o := maxStorageOutputs(cp)
	o.Slots = o.Slots[:2]
	for i, l := range layouts {
		f.Add(l.enc(nil, o), uint8(i))
	}
	f.Fuzz(func(t *testing.T, pv []byte, layout uint8) {
		l := layouts[int(layout)%len(layouts)]
		got, err := l.dec.DecodePublicValues(pv)
		if err != nil {
			if !errors.Is(err, zk.ErrPublicValues) {
				t.Fatalf("%s: error without ErrPublicValues: %v", l.name, err)
			}
			return
		}
		if re := l.enc(nil, got); !bytes.Equal(re, pv) {
			t.Fatalf("%s: decoded %+v re-encodes to %x, input %x", l.name, got, re, pv)
		}
	})
}

// TestZeroClient: a Client not built by New refuses updates instead of panicking.
func TestZeroClient(t *testing.T) {
	var c zk.Client
	if _, err := c.Update(nil, nil); !errors.Is(err, zk.ErrConfig) {
		t.Fatalf("zero client: %v", err)
	}
	if _, err := c.Root(1, 0, lightclient.StateRoot); !errors.Is(err, lightclient.ErrUnknownRoot) {
		t.Fatalf("zero client root: %v", err)
	}
}
