package keccak

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
)

// TestPropLanesMatchReference: messages fed to Lanes block by block, each lane sitting out
// permutations at random and taking the next message when free, get x/crypto's digests.
// (The draws' smallest values make progress, so rapid's shrinking cannot stall the loop.)
func TestPropLanesMatchReference(t *testing.T) {
	if !HaveLanes() {
		t.Skip("no eight-lane permutation on this CPU")
	}
	rapid.Check(t, func(t *rapid.T) {
		msgs := drawMessages(t)
		got := make([]interop.Hash, len(msgs))
		var l Lanes
		occ := [lanes]int{-1, -1, -1, -1, -1, -1, -1, -1}
		var blk [lanes]int
		next, done := 0, 0
		for done < len(msgs) {
			var active [lanes]bool
			for j := range lanes {
				if occ[j] < 0 && next < len(msgs) && !rapid.Bool().Draw(t, "wait") {
					occ[j], blk[j] = next, 0
					l.Start(j)
					next++
				}
				if occ[j] < 0 {
					continue
				}
				if rapid.IntRange(0, 3).Draw(t, "hold") == 3 {
					l.Hold(j)
					continue
				}
				m := msgs[occ[j]]
				if b := blk[j]; b < len(m)/Rate {
					l.Block(j, m[b*Rate:])
				} else {
					l.Last(j, m[b*Rate:])
				}
				active[j] = true
			}
			l.Permute()
			for j := range lanes {
				if !active[j] {
					continue
				}
				blk[j]++
				if m := msgs[occ[j]]; blk[j] > len(m)/Rate {
					got[occ[j]] = l.Sum(j)
					occ[j] = -1
					done++
				}
			}
		}
		for i, m := range msgs {
			if want := reference(m); got[i] != want {
				t.Fatalf("message %d (%d bytes): %x, want %x", i, len(m), got[i], want)
			}
		}
	})
}

// TestLanesHoldKeepsState: a held lane's state is unchanged by Permute, and the hold ends
// with it.
func TestLanesHoldKeepsState(t *testing.T) {
	if !HaveLanes() {
		t.Skip("no eight-lane permutation on this CPU")
	}
	var l Lanes
	for j := range lanes {
		l.Start(j)
		l.Last(j, []byte{byte(j)})
	}
	before := l.s
	l.Hold(3)
	l.Permute()
	for i := range l.s {
		if l.s[i][3] != before[i][3] {
			t.Fatalf("held lane changed at word %d", i)
		}
		if i == 0 && l.s[i][2] == before[i][2] {
			t.Fatal("lane 2 was not permuted")
		}
	}
	if l.hold != 0 {
		t.Fatal("hold survived Permute")
	}
	l.Permute()
	if l.s[0][3] == before[0][3] {
		t.Fatal("lane 3 still held after one Permute")
	}
}
