package intheap

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestPropPopsInOrder: pushes and pops interleaved at random give, at every pop, the least
// element pushed and not yet popped, under the plain order and under a reversed one.
func TestPropPopsInOrder(t *testing.T) {
	orders := map[string]func(a, b int32) bool{
		"ascending":  func(a, b int32) bool { return a < b },
		"descending": func(a, b int32) bool { return a > b },
	}
	for name, less := range orders {
		t.Run(name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				var h, model []int32
				for range rapid.IntRange(0, 200).Draw(t, "steps") {
					if len(model) > 0 && rapid.Bool().Draw(t, "pop") {
						var got int32
						h, got = Pop(h, less)
						slices.SortFunc(model, func(a, b int32) int {
							if less(a, b) {
								return -1
							}
							if less(b, a) {
								return 1
							}
							return 0
						})
						if got != model[0] {
							t.Fatalf("popped %d, least is %d", got, model[0])
						}
						model = model[1:]
						continue
					}
					x := rapid.Int32Range(-50, 50).Draw(t, "x")
					h = Push(h, x, less)
					model = append(model, x)
				}
				if len(h) != len(model) {
					t.Fatalf("heap holds %d, want %d", len(h), len(model))
				}
			})
		})
	}
}
