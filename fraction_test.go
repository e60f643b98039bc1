package interop

import "testing"

func TestFractionValid(t *testing.T) {
	for _, c := range []struct {
		f    Fraction
		want bool
	}{{Fraction{1, 3}, true}, {Fraction{1, 1}, true}, {Fraction{0, 3}, false}, {Fraction{1, 0}, false}, {Fraction{4, 3}, false}, {Fraction{}, false}} {
		if c.f.Valid() != c.want {
			t.Errorf("%v.Valid() = %v", c.f, !c.want)
		}
	}
	if s := (Fraction{2, 3}).String(); s != "2/3" {
		t.Fatalf("String() = %q", s)
	}
}
