// Package intheap keeps a binary heap of int32 in a slice, least element first by the
// caller's order: container/heap would put every element in an interface, which
// allocates for most of them.
package intheap

// Push adds x to the heap h (ordered by less) and returns the heap.
func Push(h []int32, x int32, less func(a, b int32) bool) []int32 {
	h = append(h, x)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !less(h[i], h[p]) {
			break
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
	return h
}

// Pop removes the least element of the heap h (ordered by less), which must not be
// empty, and returns the heap and that element.
func Pop(h []int32, less func(a, b int32) bool) ([]int32, int32) {
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && less(h[c+1], h[c]) {
			c++
		}
		if !less(h[c], h[i]) {
			break
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
	return h, top
}
