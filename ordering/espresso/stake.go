package espresso

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop/crypto/bls/bn254"
	"github.com/interopkit/interop/internal/jsontok"
	"github.com/interopkit/interop/ordering"
)

// MaxStakeTableSize bounds a stake table, and so a QC's signer bit vector, before anything
// is allocated: the neutral model's committee bound.
const MaxStakeTableSize = ordering.MaxCommitteeSize

// maxStakeTableJSON bounds a stake table's JSON: a PeerConfig with its connect info is
// under 1 KiB, so MaxStakeTableSize of them fit.
const maxStakeTableJSON = MaxStakeTableSize << 10

// StakeTableEntry is HotShot's StakeTableEntry<BLSPubKey>: a BLS key over BN254 and its
// stake (hotshot-types stake_table.rs).
type StakeTableEntry struct {
	Key   *bn254.PublicKey
	Stake uint256.Int
}

// StakeTable is the ordered stake table of one epoch, as HotShot's membership holds it: a
// QC's bit vector indexes it, and a QC needs signed stake ≥ ordering.SuccessThreshold of
// the total (HotShot's success_threshold). It is immutable and safe for concurrent use.
type StakeTable struct {
	entries   []StakeTableEntry
	total     uint256.Int
	threshold uint256.Int
}

// NewStakeTable returns the stake table of entries, in their order. It rejects: no entries
// or more than MaxStakeTableSize, a nil key (ErrStakeTable); a key listed twice
// (ordering.ErrDuplicateSigner); a zero stake (ErrStakeAmount, ordering.ErrZeroStake — HotShot
// keeps only staked validators in an epoch's committee); stakes whose sum overflows 256 bits
// (ordering.ErrStakeOverflow). Bound: linear in the entries, one map entry each.
func NewStakeTable(entries []StakeTableEntry) (*StakeTable, error) {
	if len(entries) == 0 || len(entries) > MaxStakeTableSize {
		return nil, fmt.Errorf("%w: %d entries", ErrStakeTable, len(entries))
	}
	st := &StakeTable{entries: make([]StakeTableEntry, len(entries))}
	seen := make(map[[bn254.PublicKeyCompressedSize]byte]int, len(entries))
	for i, e := range entries {
		if e.Key == nil {
			return nil, fmt.Errorf("%w: entry %d has no key", ErrStakeTable, i)
		}
		kb := e.Key.BytesCompressed()
		if j, dup := seen[kb]; dup {
			return nil, fmt.Errorf("%w: entries %d and %d share key %s", ordering.ErrDuplicateSigner, j, i, e.Key)
		}
		seen[kb] = i
		if e.Stake.IsZero() {
			return nil, fmt.Errorf("%w: entry %d: %w", ErrStakeAmount, i, ordering.ErrZeroStake)
		}
		if _, overflow := st.total.AddOverflow(&st.total, &e.Stake); overflow {
			return nil, fmt.Errorf("adding entry %d: %w", i, ordering.ErrStakeOverflow)
		}
		st.entries[i] = e
	}
	st.threshold = *ordering.SuccessThreshold(&st.total)
	return st, nil
}

// Len returns the number of entries.
func (st *StakeTable) Len() int { return len(st.entries) }

// Entry returns entry i.
func (st *StakeTable) Entry(i int) StakeTableEntry { return st.entries[i] }

// TotalStake returns the sum of the stakes.
func (st *StakeTable) TotalStake() uint256.Int { return st.total }

// Threshold returns the least signed stake a QC needs: ⌊2·total/3⌋ + 1.
func (st *StakeTable) Threshold() uint256.Int { return st.threshold }

// DecodeStakeTableJSON decodes a stake table as HotShot serves and configures it: a JSON
// array whose elements are either PeerConfig objects (the query service's
// node/stake-table/{epoch}, the network config's known_nodes_with_stake), whose
// stake_table_entry member is read, or bare StakeTableEntry objects {"stake_key":
// "BLS_VER_KEY~…", "stake_amount": "0x…"}. Other members are skipped; a member given twice
// or missing is ErrStakeTable, a stake that is not a canonical 0x-hex U256 ErrStakeAmount,
// a key that does not decode strictly a bn254 sentinel; then NewStakeTable's checks.
// Bound: input past 64 MiB and more than MaxStakeTableSize elements are refused before
// anything is allocated; the entries take 1 KiB each at most.
func DecodeStakeTableJSON(b []byte) (*StakeTable, error) {
	if len(b) > maxStakeTableJSON {
		return nil, fmt.Errorf("%w: %d bytes of JSON", ErrStakeTable, len(b))
	}
	n, ok := jsontok.ArrayLen(b)
	if !ok {
		return nil, fmt.Errorf("%w: not a JSON array", ErrStakeTable)
	}
	if n == 0 || n > MaxStakeTableSize {
		return nil, fmt.Errorf("%w: %d entries", ErrStakeTable, n)
	}
	entries := make([]StakeTableEntry, 0, n)
	err := jsontok.EachElement(b, func(i int, elem json.RawMessage) error {
		e, err := decodeStakeEntry(elem)
		if err != nil {
			return fmt.Errorf("entry %d: %w", i, err)
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStakeTable, err)
	}
	return NewStakeTable(entries)
}

// decodeStakeEntry reads a PeerConfig (with a stake_table_entry member) or a bare entry.
func decodeStakeEntry(raw []byte) (StakeTableEntry, error) {
	var e StakeTableEntry
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return e, fmt.Errorf("%w: %v", ErrStakeTable, err)
	}
	if _, peer := probe["stake_table_entry"]; peer {
		dec := json.NewDecoder(bytes.NewReader(raw))
		var inner json.RawMessage
		err := jsontok.ReadObject(dec, ErrStakeTable, "PeerConfig",
			jsontok.Field{Name: "stake_table_entry", Read: func() error { return dec.Decode(&inner) }})
		if err != nil {
			return e, err
		}
		raw = inner
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	err := jsontok.ReadObject(dec, ErrStakeTable, "StakeTableEntry",
		jsontok.Field{Name: "stake_key", Read: func() error {
			var s string
			if err := dec.Decode(&s); err != nil {
				return fmt.Errorf("%w: stake_key: %v", ErrStakeTable, err)
			}
			k, err := bn254.ParsePublicKey(s)
			if err != nil {
				return err
			}
			e.Key = k
			return nil
		}},
		jsontok.Field{Name: "stake_amount", Read: func() error {
			var s string
			if err := dec.Decode(&s); err != nil {
				return fmt.Errorf("%w: stake_amount: %v", ErrStakeAmount, err)
			}
			v, err := uint256.FromHex(s)
			if err != nil {
				return fmt.Errorf("%w: %.80q: %v", ErrStakeAmount, s, err)
			}
			e.Stake = *v
			return nil
		}})
	return e, err
}

// MarshalJSON writes the table as an array of bare StakeTableEntry objects, a form
// DecodeStakeTableJSON reads back.
func (st *StakeTable) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, e := range st.entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"stake_key":"`...)
		b = append(b, e.Key.String()...)
		b = append(b, `","stake_amount":"`...)
		b = append(b, e.Stake.Hex()...)
		b = append(b, `"}`...)
	}
	return append(b, ']'), nil
}
