package polymer

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/interopkit/interop"
)

// ChainID is a chain id as Polymer's configuration and Prove API give it: a 64-bit
// integer (polymer_requestProof's srcChainId is an int64; the Polymer chain id the
// sequencer signs for is configured as an integer and deployed as bytes32). It decodes from
// a JSON number or a decimal string.
//
// Two widths meet here, as in CrossL2ProverV2: the Polymer chain id is a full 32-byte word
// in the sequencer digest (Word), while a source chain id travels in the proof header as 4
// bytes (u32be at [97:101]) and is spelled in decimal in the IAVL key from those 4 bytes
// (Source). A source id of 2^32 or more cannot be proven by the contract.
type ChainID uint64

// Word is bytes32(uint256(c)), CrossL2ProverV2's CHAIN_ID for Polymer chain id c.
func (c ChainID) Word() interop.Hash {
	var w interop.Hash
	binary.BigEndian.PutUint64(w[24:], uint64(c))
	return w
}

// Source is c as a proof header carries a source chain id: 32 bits, or ErrChainID.
func (c ChainID) Source() (uint32, error) {
	if c > math.MaxUint32 {
		return 0, fmt.Errorf("%w: source chain %d does not fit the proof's 32-bit chain id", ErrChainID, uint64(c))
	}
	return uint32(c), nil
}

// String is c in decimal.
func (c ChainID) String() string { return strconv.FormatUint(uint64(c), 10) }

// MarshalJSON writes c as a JSON number.
func (c ChainID) MarshalJSON() ([]byte, error) { return strconv.AppendUint(nil, uint64(c), 10), nil }

// UnmarshalJSON reads a JSON number or a JSON string holding a decimal: digits only, no
// sign, fraction, exponent, escapes or leading zeros, at most 2^64-1 (ErrChainID). Input
// longer than 22 bytes is refused before it is read; nothing is allocated but an error.
func (c *ChainID) UnmarshalJSON(b []byte) error {
	if len(b) > 22 {
		return fmt.Errorf("%w: %d bytes", ErrChainID, len(b))
	}
	s := b
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	if len(s) == 0 || len(s) > 20 || (len(s) > 1 && s[0] == '0') {
		return fmt.Errorf("%w: %q is not a canonical decimal", ErrChainID, b)
	}
	var v uint64
	for _, d := range s {
		if d < '0' || d > '9' {
			return fmt.Errorf("%w: %q is not a canonical decimal", ErrChainID, b)
		}
		if v > (math.MaxUint64-uint64(d-'0'))/10 {
			return fmt.Errorf("%w: %q overflows 64 bits", ErrChainID, b)
		}
		v = v*10 + uint64(d-'0')
	}
	*c = ChainID(v)
	return nil
}

// NewVerifier is a CrossL2ProverV2 deployed with clientType_, sequencer_ and chainId_ =
// bytes32(uint256(polymerChainID)), validated once: a client type, a non-zero sequencer
// and a non-zero chain id (ErrConfig).
func NewVerifier(clientType string, sequencer interop.Address, polymerChainID ChainID) (*Verifier, error) {
	switch {
	case clientType == "":
		return nil, fmt.Errorf("%w: empty client type", ErrConfig)
	case sequencer.IsZero():
		return nil, fmt.Errorf("%w: zero sequencer", ErrConfig)
	case polymerChainID == 0:
		return nil, fmt.Errorf("%w: zero Polymer chain id", ErrConfig)
	}
	return &Verifier{ClientType: clientType, Sequencer: sequencer, ChainID: polymerChainID.Word()}, nil
}

// ValidateEventFrom is ValidateEvent for a proof requested for source chain src (as given
// to polymer_requestProof): src must fit the proof's 32 bits and be the chain the proof
// is for (ErrChainID), so the IAVL key is built from the same 4 bytes the contract reads.
func (v *Verifier) ValidateEventFrom(src ChainID, proof []byte) (Event, error) {
	id, err := src.Source()
	if err != nil {
		return Event{}, err
	}
	e, err := v.ValidateEvent(proof)
	if err != nil {
		return Event{}, err
	}
	if e.ChainID != id {
		return Event{}, fmt.Errorf("%w: proof is for chain %d, requested %d", ErrChainID, e.ChainID, id)
	}
	return e, nil
}
