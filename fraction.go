package interop

import "strconv"

// Fraction is a share of a total, Num/Den: the one fraction type of the module. A
// committee's weighted threshold (lightclient.Fraction), a sequencer's quorum
// (ordering.Threshold) and CometBFT's trust level (tendermint.TrustLevel) are this type;
// each package says which values it accepts.
type Fraction struct{ Num, Den uint64 }

// Valid reports whether 0 < Num ≤ Den.
func (f Fraction) Valid() bool { return f.Den != 0 && f.Num != 0 && f.Num <= f.Den }

// String writes "Num/Den".
func (f Fraction) String() string {
	return strconv.FormatUint(f.Num, 10) + "/" + strconv.FormatUint(f.Den, 10)
}
