package beacon

import (
	"testing"
)

func realHelios(b *testing.B) *realChain {
	chains := loadRealChains(b)
	c, ok := chains["helios_capella_p862"]
	if !ok || len(c.updates) == 0 {
		b.Skip("helios_capella_p862 chain missing")
	}
	return c
}

// BenchmarkValidateUpdate is one full sync-committee update check on real mainnet data:
// 511 of 512 keys aggregated, hash to G2, pairing, plus the Merkle branches. The committee's
// keys were decoded at bootstrap, once per period.
func BenchmarkValidateUpdate(b *testing.B) {
	c := realHelios(b)
	s, err := Bootstrap(Mainnet, c.checkpoint, &c.bootstrap)
	if err != nil {
		b.Fatal(err)
	}
	u := &c.updates[0]
	b.ReportAllocs()
	for b.Loop() {
		if err := s.ValidateUpdate(u, u.SignatureSlot); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBootstrap decodes and subgroup-checks the 512 committee keys and verifies the
// bootstrap's branch: the once-per-period cost.
func BenchmarkBootstrap(b *testing.B) {
	c := realHelios(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bootstrap(Mainnet, c.checkpoint, &c.bootstrap); err != nil {
			b.Fatal(err)
		}
	}
}
