package eip712

import (
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// The JSON path defers its keccak256 calls and runs them in batches, so that independent
// hashes (the strings of a struct, the structs of an array, the members of the domain
// and of the message) share the eight-lane permutation of internal/keccak: the time goes
// with the longest chain of hashes that wait for each other rather than with their number.
//
// Encoding works on one buffer (encoder.h.Buf): a struct or array appends its member words
// and then replaces them by their hash. Deferred, the words move to e.data as a node, and a
// placeholder word stays in the buffer, remembered in e.pend with its position. When the
// enclosing struct or array becomes a node in turn, the placeholders inside it become
// links from their nodes to the parent's input. flush then hashes the nodes level by
// level (a node's level is one more than its children's), writing each hash into its
// parent's input, its placeholder in the buffer, or its root.

// hnode is one deferred keccak256: of e.data[start:end], to be written at e.data[dst] (a
// placeholder in the parent's input), or to *root, or, when neither, to the buffer at the
// position e.pend records.
type hnode struct {
	start, end int
	dst        int
	level      int
	root       *interop.Hash
	st         *structDef // set for a deferred typeHash (typeNode), which sets st's memo
}

// pendHash is a deferred hash whose placeholder word is in the buffer at pos.
type pendHash struct {
	node, pos int
}

// Deferral bounds: inputs longer than maxDeferredInput are hashed at once (deferring would
// copy them, and a long message keeps the other lanes idle while it is absorbed), and the
// deferred inputs are flushed when they exceed maxDeferredData bytes or maxDeferredNodes
// nodes, which bounds the memory deferral adds.
const (
	maxDeferredInput = 1 << 10
	maxDeferredData  = 32 << 10
	maxDeferredNodes = 1 << 10
)

// digestTail replaces the buffer's bytes from start with their keccak256 (the word of a
// struct, an array, a string or bytes), now or deferred.
func (e *encoder) digestTail(start int) {
	tail := e.h.Buf[start:]
	if !e.batch || len(tail) > maxDeferredInput {
		if len(e.pend) > 0 && e.pend[len(e.pend)-1].pos >= start || len(e.tpend) > 0 && e.tpend[len(e.tpend)-1].pos >= start {
			e.flush() // the tail holds placeholders
		}
		h := e.h.Hash(e.h.Buf[start:], nil)
		e.h.Buf = append(e.h.Buf[:start], h[:]...)
		return
	}
	at := len(e.data)
	e.data = append(e.data, tail...)
	level := 0
	k := len(e.pend)
	for k > 0 && e.pend[k-1].pos >= start {
		k--
		c := e.pend[k]
		e.nodes[c.node].dst = at + c.pos - start
		level = max(level, e.nodes[c.node].level+1)
	}
	// typeHash placeholders in the tail are filled once the level-0 hashes are done, so
	// the node waits for level 1 at least.
	k2 := len(e.tpend)
	for k2 > 0 && e.tpend[k2-1].pos >= start {
		k2--
		t := e.tpend[k2]
		e.tpatch = append(e.tpatch, typePend{pos: at + t.pos - start, rank: t.rank})
		level = max(level, 1)
	}
	e.tpend = e.tpend[:k2]
	e.pend = append(e.pend[:k], pendHash{node: len(e.nodes), pos: start})
	e.nodes = append(e.nodes, hnode{start: at, end: len(e.data), dst: -1, level: level})
	var zero [32]byte
	e.h.Buf = append(e.h.Buf[:start], zero[:]...)
	if len(e.data) > maxDeferredData || len(e.nodes) >= maxDeferredNodes {
		e.flush()
	}
}

// rootHash takes the word the buffer holds at 0 after digestTail(0) as a root: its hash is
// written to *out now or by the next flush.
func (e *encoder) rootHash(out *interop.Hash) {
	if n := len(e.pend); n > 0 && e.pend[n-1].pos == 0 {
		e.nodes[e.pend[n-1].node].root = out
		e.pend = e.pend[:n-1]
		return
	}
	copy(out[:], e.h.Buf[:32])
}

// useLanes selects flushLanes; without the eight-lane permutation (and in tests that
// compare the two) flush hashes level by level.
var useLanes = keccak.HaveLanes()

// flush computes every deferred hash and writes each where it belongs.
func (e *encoder) flush() {
	if len(e.nodes) == 0 {
		return
	}
	if useLanes {
		e.flushLanes()
	} else {
		e.flushLevels()
	}
	// What is still pending has its placeholder in the buffer.
	for _, p := range e.pend {
		copy(e.h.Buf[p.pos:], e.outs[p.node][:])
	}
	for _, t := range e.tpend {
		copy(e.h.Buf[t.pos:], e.walk.byRank[t.rank].memo.Load().hash[:])
	}
	e.pend, e.tpend = e.pend[:0], e.tpend[:0]
	e.nodes = e.nodes[:0]
	e.data = e.data[:0]
}

// flushLevels hashes the nodes lowest level first, eight at a time where the CPU allows
// (keccak.Sum256Many).
func (e *encoder) flushLevels() {
	// Order the nodes by level (counting sort; creation order within a level).
	top := 0
	for i := range e.nodes {
		top = max(top, e.nodes[i].level)
	}
	e.levelStart = append(e.levelStart[:0], make([]int, top+2)...)
	for i := range e.nodes {
		e.levelStart[e.nodes[i].level+1]++
	}
	for l := 1; l < len(e.levelStart); l++ {
		e.levelStart[l] += e.levelStart[l-1]
	}
	e.order = append(e.order[:0], make([]int, len(e.nodes))...)
	fill := append(e.fill[:0], e.levelStart[:top+1]...)
	for i := range e.nodes {
		l := e.nodes[i].level
		e.order[fill[l]] = i
		fill[l]++
	}
	e.fill = fill
	e.outs = append(e.outs[:0], make([]interop.Hash, len(e.nodes))...)
	for l := 0; l <= top; l++ {
		ids := e.order[e.levelStart[l]:e.levelStart[l+1]]
		e.msgs = e.msgs[:0]
		for _, id := range ids {
			n := &e.nodes[id]
			e.msgs = append(e.msgs, e.data[n.start:n.end])
		}
		e.tmp = append(e.tmp[:0], make([]interop.Hash, len(ids))...)
		keccak.Sum256Many(e.tmp, e.msgs)
		for j, id := range ids {
			n := &e.nodes[id]
			switch {
			case n.st != nil:
				e.setMemo(n.st, e.tmp[j], n.end-n.start)
				e.typeNode[n.st.rank] = 0
				n.st = nil
			case n.dst >= 0:
				copy(e.data[n.dst:], e.tmp[j][:])
			case n.root != nil:
				*n.root = e.tmp[j]
			default:
				e.outs[id] = e.tmp[j]
			}
		}
		if l == 0 {
			// Every deferred typeHash is at level 0: fill its placeholders in the inputs
			// of the levels above.
			for _, t := range e.tpatch {
				copy(e.data[t.pos:], e.walk.byRank[t.rank].memo.Load().hash[:])
			}
			e.tpatch = e.tpatch[:0]
		}
	}
	clear(e.msgs)
}
