package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/examples/internal/exampledata"
	"github.com/interopkit/interop/proof/mpt"
)

// run runs the demo, writing its report to w.
func run(w io.Writer) error {
	d, err := exampledata.Excerpts()
	if err != nil {
		return err
	}
	var e expect
	blocks := map[uint64]exampledata.Block{}
	for _, b := range d.Blocks {
		blocks[b.Number] = b
	}
	fmt.Fprintln(w, "interop stateproof: real mainnet state, verified against block roots")
	for _, a := range d.Accounts {
		b := blocks[a.Block]
		res := a.GetProof
		fmt.Fprintf(w, "\n[account] %s\n  block %d (%s), stateRoot %s\n", a.Label, b.Number, short(b.Hash), short(b.StateRoot))
		if err := res.Verify(b.StateRoot); err != nil {
			return fmt.Errorf("%s: %w", a.Label, err)
		}
		fmt.Fprintf(w, "  %s: nonce %d, balance %s ETH, %d-node account proof  ✓ proven\n",
			res.Address, res.Nonce, ether(res.Balance.ToBig()), len(res.AccountProof))
		for _, sp := range res.StorageProof {
			fmt.Fprintf(w, "  slot %s = %s (%d-node storage proof)  ✓ proven\n", short(sp.Key), sp.Value.Hex(), len(sp.Proof))
		}
		// The same response against a different root must fail: show it.
		wrong := b.StateRoot
		wrong[0] ^= 0xff
		fmt.Fprintf(w, "  the same response against a wrong root  ✗ %s\n", e.refused(res.Verify(wrong), mpt.ErrMissingNode))
		tampered := res
		tampered.StorageProof = append([]mpt.StorageResult(nil), res.StorageProof...)
		if len(tampered.StorageProof) > 0 {
			v := &tampered.StorageProof[0].Value
			v.AddUint64(v, 1)
			fmt.Fprintf(w, "  the slot value claimed one higher  ✗ %s\n", e.refused(tampered.Verify(b.StateRoot), mpt.ErrValueMismatch))
		}
	}
	for _, r := range d.Receipts {
		b := blocks[r.Block]
		proof := make([][]byte, len(r.Proof))
		for i, n := range r.Proof {
			proof[i] = n
		}
		fmt.Fprintf(w, "\n[receipt] %s\n  block %d, receiptsRoot %s, tx %d (%s)\n", r.Label, b.Number, short(b.ReceiptsRoot), r.Index, short(r.TxHash))
		rec, err := mpt.VerifyReceipt(b.ReceiptsRoot, r.Index, proof)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Label, err)
		}
		fmt.Fprintf(w, "  type %d, succeeded %t, cumulative gas %d, %d log(s)  ✓ proven\n", rec.Type, rec.Succeeded(), rec.CumulativeGasUsed, len(rec.Logs))
		for _, l := range rec.Logs {
			fmt.Fprintf(w, "  log from %s, topic0 %s\n", l.Address, short(l.Topics[0]))
			if amount, index, ok := depositEvent(l); ok {
				fmt.Fprintf(w, "    DepositEvent: amount %s ETH, deposit index %d\n", ether(new(big.Int).Mul(new(big.Int).SetUint64(amount), big.NewInt(1e9))), index)
			}
		}
		_, err = mpt.VerifyReceipt(b.ReceiptsRoot, r.Index+1, proof)
		fmt.Fprintf(w, "  the same proof for tx %d  ✗ %s\n", r.Index+1, e.refused(err, mpt.ErrMissingNode))
	}
	return e.err
}

// depositEventTopic is keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)") of the
// beacon deposit contract.
var depositEventTopic = mpt.Keccak256([]byte("DepositEvent(bytes,bytes,bytes,bytes,bytes)"))

// depositEvent decodes the amount (gwei) and index of a deposit contract DepositEvent: five
// ABI-encoded dynamic byte strings, whose amount and index are 8-byte little-endian.
func depositEvent(l mpt.Log) (amount, index uint64, ok bool) {
	if len(l.Topics) != 1 || l.Topics[0] != depositEventTopic || len(l.Data) < 5*32 {
		return 0, 0, false
	}
	field := func(i int) ([]byte, bool) {
		off := new(big.Int).SetBytes(l.Data[32*i : 32*i+32])
		if !off.IsUint64() || off.Uint64()+32 > uint64(len(l.Data)) {
			return nil, false
		}
		o := off.Uint64()
		n := new(big.Int).SetBytes(l.Data[o : o+32])
		if !n.IsUint64() || o+32+n.Uint64() > uint64(len(l.Data)) {
			return nil, false
		}
		return l.Data[o+32 : o+32+n.Uint64()], true
	}
	a, ok1 := field(2)
	x, ok2 := field(4)
	if !ok1 || !ok2 || len(a) != 8 || len(x) != 8 {
		return 0, 0, false
	}
	return binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(x), true
}

// expect records whether each tampered input was refused for the reason expected.
type expect struct{ err error }

// refused names the sentinel a verifier returned, and records an error if the verifier
// accepted the input or refused it for another reason.
func (e *expect) refused(err, want error) string {
	if !errors.Is(err, want) && e.err == nil {
		e.err = fmt.Errorf("expected %v, got %v", want, err)
	}
	return "refused: " + want.Error()
}

func short(h interop.Hash) string { s := h.String(); return s[:10] + "…" + s[62:] }

func ether(wei *big.Int) string {
	r := new(big.Rat).SetFrac(wei, big.NewInt(1e18))
	return r.FloatString(6)
}
