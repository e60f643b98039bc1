package bn254test

import (
	"encoding/hex"
	"testing"
)

// TestBlake3Short checks the one-block BLAKE3 against the BLAKE3 team's published digests.
func TestBlake3Short(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"},
		{"abc", "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"},
	} {
		got := blake3Short([]byte(c.in))
		if hex.EncodeToString(got[:]) != c.want {
			t.Errorf("BLAKE3(%q) = %x, want %s", c.in, got, c.want)
		}
	}
}
