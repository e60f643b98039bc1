package polymer_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop/crypto/secp256k1/secp256k1test"
	"github.com/interopkit/interop/lightclient/polymer"
)

// CrossL2ProverV2 recovers the sequencer with OpenZeppelin's ECDSA.recover, which refuses
// s > n/2 and any v but 27 and 28 (the precompile returns nothing for v = 0 or 1). The
// verifier recovered with plain ecrecover rules, so the two malleated twins of every honest
// proof — v as 0/1, and (n - s, flipped v) — were accepted here and reverted on chain.
func TestHardeningSequencerSignatureMalleability(t *testing.T) {
	fx := newFixture(5)
	for name, proof := range map[string][]byte{"event": fx.event, "solana": fx.solana} {
		validate := func(p []byte) error {
			if name == "event" {
				_, err := fx.s.Verifier.ValidateEvent(p)
				return err
			}
			_, err := fx.s.Verifier.ValidateSolanaLogs(p)
			return err
		}
		if err := validate(proof); err != nil {
			t.Fatalf("%s: honest proof: %v", name, err)
		}
		if v := proof[96]; v != 27 && v != 28 {
			t.Fatalf("%s: honest proof carries v = %d", name, v)
		}
		low := bytes.Clone(proof)
		low[96] -= 27
		if err := validate(low); !errors.Is(err, polymer.ErrSignature) {
			t.Errorf("%s: v = %d accepted (%v)", name, low[96], err)
		}
		high := bytes.Clone(proof)
		sig := [65]byte(proof[32:97])
		sig[64] -= 27
		twin := secp256k1test.HighS(sig)
		twin[64] += 27
		copy(high[32:97], twin[:])
		if err := validate(high); !errors.Is(err, polymer.ErrSignature) {
			t.Errorf("%s: high-s twin accepted (%v)", name, err)
		}
	}
}
