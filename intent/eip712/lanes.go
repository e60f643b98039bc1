package eip712

import (
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/intheap"
	"github.com/interopkit/interop/internal/keccak"
)

// flushLanes is flush on keccak.Lanes, where the CPU has the eight-lane permutation. It
// hashes block by block rather than level by level: every permutation advances up to
// eight nodes by one block each, and a node may absorb a block as soon as the hashes
// written into that block are in, while its children still run in other lanes. A level
// used to wait for its longest input (a three-block encodeType held up every string
// beside it), and a struct for all its children, even those in its last block. Lanes go
// to the ready node with the longest chain of blocks from it to its root (list
// scheduling by critical path).
//
// A node is given a lane once each of its children has one (or is done), and sits out
// the permutations (Lanes.Hold) while a block it needs waits for a child. That cannot
// stall every lane: a waiting node's child has a lane, and a chain of waits ends at a
// node with no children left, which absorbs.
func (e *encoder) flushLanes() {
	n := len(e.nodes)
	if e.lanes == nil {
		e.lanes = new(keccak.Lanes)
	}
	l := e.lanes
	e.outs = append(e.outs[:0], make([]interop.Hash, n)...)
	blocks := func(i int) int { return (e.nodes[i].end-e.nodes[i].start)/keccak.Rate + 1 }
	e.blk0 = append(e.blk0[:0], make([]int32, n+1)...)
	total := 0
	for i := range n {
		e.blk0[i] = int32(total)
		total += blocks(i)
	}
	e.blk0[n] = int32(total)
	e.need = append(e.need[:0], make([]int32, total)...)
	e.kids = append(e.kids[:0], make([]int32, n)...)
	e.parent = append(e.parent[:0], make([]int32, n)...)
	e.prio = append(e.prio[:0], make([]int32, n)...)
	// owner returns the node whose input holds data position pos: inputs are appended to
	// data in node order, so the first node ending past pos.
	owner := func(pos int) int32 {
		lo, hi := 0, n
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if e.nodes[m].end > pos {
				hi = m
			} else {
				lo = m + 1
			}
		}
		return int32(lo)
	}
	// blockOf returns the index in need of the block of p's input where the word at pos
	// starts. A word that straddles two blocks counts in the first only: blocks are
	// absorbed in order, so the second waits for it anyway.
	blockOf := func(p int32, pos int) int {
		return int(e.blk0[p]) + (pos-e.nodes[p].start)/keccak.Rate
	}
	edge := func(p int32, pos int) {
		e.need[blockOf(p, pos)]++
		e.kids[p]++
	}
	for i := range n {
		e.parent[i] = -1
		if d := e.nodes[i].dst; d >= 0 {
			e.parent[i] = owner(d)
			edge(e.parent[i], d)
		}
	}
	// The typeHash placeholders in nodes' inputs, grouped by their typeHash's node.
	e.tpStart = append(e.tpStart[:0], make([]int32, n+1)...)
	for _, t := range e.tpatch {
		e.tpStart[e.typeNode[t.rank]]++ // node typeNode-1, counted at its index + 1
	}
	for i := range n {
		e.tpStart[i+1] += e.tpStart[i]
	}
	e.fill = append(e.fill[:0], make([]int, n)...)
	e.tpList = append(e.tpList[:0], make([]int32, len(e.tpatch))...)
	e.tpOwner = append(e.tpOwner[:0], make([]int32, len(e.tpatch))...)
	for k, t := range e.tpatch {
		c := e.typeNode[t.rank] - 1
		e.tpList[int(e.tpStart[c])+e.fill[c]] = int32(k)
		e.fill[c]++
		e.tpOwner[k] = owner(t.pos)
		edge(e.tpOwner[k], t.pos)
	}
	consumers := func(i int) []int32 { return e.tpList[e.tpStart[i]:e.tpStart[i+1]] }
	// Priorities, parents before children (a parent's node comes after its children's).
	for i := n - 1; i >= 0; i-- {
		var up int32
		if p := e.parent[i]; p >= 0 {
			up = e.prio[p]
		}
		for _, k := range consumers(i) {
			up = max(up, e.prio[e.tpOwner[k]])
		}
		e.prio[i] = int32(blocks(i)) + up
	}
	e.heap = e.heap[:0]
	for i := range n {
		if e.kids[i] == 0 {
			e.push(int32(i))
		}
	}
	// admit gives node i a lane: its parents may now get lanes too.
	admit := func(i int32) {
		if p := e.parent[i]; p >= 0 {
			if e.kids[p]--; e.kids[p] == 0 {
				e.push(p)
			}
		}
		for _, k := range consumers(int(i)) {
			p := e.tpOwner[k]
			if e.kids[p]--; e.kids[p] == 0 {
				e.push(p)
			}
		}
	}
	// deliver writes node i's hash h where it belongs.
	deliver := func(i int32, h *interop.Hash) {
		nd := &e.nodes[i]
		switch {
		case nd.st != nil:
			e.setMemo(nd.st, *h, nd.end-nd.start)
			e.typeNode[nd.st.rank] = 0
			nd.st = nil
			for _, k := range consumers(int(i)) {
				pos := e.tpatch[k].pos
				copy(e.data[pos:], h[:])
				e.need[blockOf(e.tpOwner[k], pos)]--
			}
		case nd.dst >= 0:
			copy(e.data[nd.dst:], h[:])
			e.need[blockOf(e.parent[i], nd.dst)]--
		case nd.root != nil:
			*nd.root = *h
		default:
			e.outs[i] = *h
		}
	}
	occ := [8]int32{-1, -1, -1, -1, -1, -1, -1, -1}
	var blk [8]int
	for done := 0; done < n; {
		var active uint8
		for j := range occ {
			if occ[j] < 0 && len(e.heap) > 0 {
				i := e.pop()
				occ[j], blk[j] = i, 0
				l.Start(j)
				admit(i)
			}
			i := occ[j]
			if i < 0 {
				continue
			}
			if e.need[int(e.blk0[i])+blk[j]] > 0 {
				l.Hold(j)
				continue
			}
			nd := &e.nodes[i]
			off := nd.start + blk[j]*keccak.Rate
			if blk[j] == blocks(int(i))-1 {
				l.Last(j, e.data[off:nd.end])
			} else {
				l.Block(j, e.data[off:])
			}
			active |= 1 << j
		}
		l.Permute()
		for j := range occ {
			if active>>j&1 == 0 {
				continue
			}
			if blk[j]++; blk[j] == blocks(int(occ[j])) {
				h := l.Sum(j)
				deliver(occ[j], &h)
				occ[j] = -1
				done++
			}
		}
	}
	e.tpatch = e.tpatch[:0]
}

// push adds node i to the heap of nodes ready for a lane.
func (e *encoder) push(i int32) { e.heap = intheap.Push(e.heap, i, e.before) }

// pop removes and returns the heap's first node.
func (e *encoder) pop() int32 {
	var i int32
	e.heap, i = intheap.Pop(e.heap, e.before)
	return i
}

// before orders the ready nodes, first first: the longer chain, then the earlier node.
func (e *encoder) before(a, b int32) bool {
	if e.prio[a] != e.prio[b] {
		return e.prio[a] > e.prio[b]
	}
	return a < b
}
