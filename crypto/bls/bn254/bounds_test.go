package bn254

import (
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

// TestBoundsDecoders: decoders allocate within the hostile bound on valid, oversized and
// malformed inputs.
func TestBoundsDecoders(t *testing.T) {
	sk := testKey(t, 4)
	pk, sig := sk.PublicKey(), sk.Sign([]byte("b"))
	pkb, sigb := pk.Bytes(), sig.Bytes()
	huge := strings.Repeat("A", 1<<20)
	inputs := map[string][]byte{"key": pkb[:], "sig": sigb[:], "huge": []byte(huge)}
	for name, in := range inputs {
		hostile.Bounded(t, "PublicKeyFromBytes/"+name, len(in), func() { _, _ = PublicKeyFromBytes(in) })
		hostile.Bounded(t, "SignatureFromBytes/"+name, len(in), func() { _, _ = SignatureFromBytes(in) })
	}
	for name, s := range map[string]string{"key": pk.String(), "sig": sig.String(), "huge": "BLS_VER_KEY~" + huge} {
		hostile.Bounded(t, "ParsePublicKey/"+name, len(s), func() { _, _ = ParsePublicKey(s) })
		hostile.Bounded(t, "ParseSignature/"+name, len(s), func() { _, _ = ParseSignature(s) })
		hostile.Bounded(t, "UnmarshalText/"+name, len(s), func() { var k PublicKey; _ = k.UnmarshalText([]byte(s)) })
	}
}

// TestConcurrentVerify: keys and signatures are shared read-only across goroutines.
func TestConcurrentVerify(t *testing.T) {
	sk := testKey(t, 5)
	pk := sk.PublicKey()
	msg := []byte("concurrent")
	sig := sk.Sign(msg)
	others := []*PublicKey{pk, testKey(t, 6).PublicKey()}
	hostile.Concurrent(t, 4, func(g int) {
		if !Verify(pk, msg, sig) {
			t.Error("refused")
		}
		if FastAggregateVerify(others, msg, sig) {
			t.Error("accepted")
		}
		if pk.String() == "" || sig.Bytes() == [SignatureSize]byte{} {
			t.Error("encode")
		}
	})
}
