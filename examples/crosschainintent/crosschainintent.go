package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/auction"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
	"golang.org/x/crypto/sha3"
)

const (
	chainA interop.ChainID = 10
	chainB interop.ChainID = 8453
	t0                     = 1_700_000_000 // decay start on B's clock
	usdc                   = 1_000_000     // 6 decimals
)

var (
	originSettler = addr("origin settler")
	destSettler   = addr("destination settler")
	usdcA         = addr("USDC on A")
	usdcB         = addr("USDC on B")
)

func keccak(parts ...[]byte) interop.Hash {
	h := sha3.NewLegacyKeccak256()
	for _, p := range parts {
		h.Write(p)
	}
	var out interop.Hash
	h.Sum(out[:0])
	return out
}

func addr(label string) interop.Address {
	h := keccak([]byte(label))
	var a interop.Address
	copy(a[:], h[12:])
	return a
}

func key(label string) *secp256k1.PrivateKey {
	h := keccak([]byte(label))
	k, err := secp256k1.PrivateKeyFromBytes(h[:])
	if err != nil {
		panic(err)
	}
	return k
}

func amount(units uint64) uint256.Int { return *uint256.NewInt(units) }

func fmtUSDC(v *uint256.Int) string {
	q, r := v.Uint64()/usdc, v.Uint64()%usdc
	return fmt.Sprintf("%d.%06d USDC", q, r)
}

// escrow is chain A's settler state: inputs locked per orderId until paid out or refunded.
type escrow struct {
	locked map[interop.Hash]lock
}

type lock struct {
	user   interop.Address
	amount uint256.Int
	terms  intent.FillTerms
}

// committee is the destination chain's attesters: the receipts root of a block is trusted
// on A once threshold of them sign it. It stands in for a light client.
type committee struct {
	members   []*secp256k1.PrivateKey
	threshold int
}

func attestation(chain interop.ChainID, height uint64, root interop.Hash) interop.Hash {
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(chain))
	binary.BigEndian.PutUint64(buf[8:], height)
	return keccak([]byte("receipts root attestation"), buf[:], root[:])
}

// attest has the first n members sign; accept counts distinct members among the signers
// and records the root as Finalized once the threshold is met.
func (c *committee) attest(chain interop.ChainID, height uint64, root interop.Hash, n int) [][65]byte {
	msg := attestation(chain, height, root)
	sigs := make([][65]byte, n)
	for i := range n {
		sigs[i] = c.members[i].Sign(msg)
	}
	return sigs
}

func (c *committee) accept(roots *lightclient.Memory, chain interop.ChainID, height uint64, root interop.Hash, sigs [][65]byte) error {
	msg := attestation(chain, height, root)
	seen := map[interop.Address]bool{}
	for _, s := range sigs {
		who, err := secp256k1.RecoverAddressStrict(msg, s)
		if err != nil {
			return err
		}
		for _, m := range c.members {
			if m.Address() == who {
				seen[who] = true
			}
		}
	}
	if len(seen) < c.threshold {
		return fmt.Errorf("%d of %d committee signatures, need %d", len(seen), len(c.members), c.threshold)
	}
	return roots.Add(lightclient.Root{Chain: chain, Height: height, Kind: lightclient.ReceiptsRoot, Value: root, Finality: lightclient.Finalized})
}

// chain is an in-process destination chain: each block is a list of receipts.
type chain struct {
	id     interop.ChainID
	height uint64
}

// block builds the next block from receipts and returns its height, its receipts root,
// and the receipt proof of the transaction at index.
func (c *chain) block(receipts []mpt.Receipt, index uint64) (uint64, interop.Hash, [][]byte) {
	c.height++
	var trie mpt.Trie
	for i := range receipts {
		trie.Update(mpt.IndexKey(uint64(i)), receipts[i].EncodeRLP(nil))
	}
	return c.height, trie.Root(), trie.Prove(mpt.IndexKey(index))
}

var transferTopic = keccak([]byte("Transfer(address,address,uint256)"))

// fillReceipts are B's block: two unrelated transfers, then the solver's fill transaction
// (the ERC-20 transfer to the recipient and the settler's OrderFilled).
func fillReceipts(f *intent.Fill, from interop.Address) []mpt.Receipt {
	other := func(gas uint64, n byte) mpt.Receipt {
		amt := amount(uint64(n) * usdc)
		w := amt.Bytes32()
		return mpt.Receipt{Type: 2, Status: 1, CumulativeGasUsed: gas, Logs: []mpt.Log{{
			Address: usdcB,
			Topics:  []interop.Hash{transferTopic, intent.AddressWord(interop.Address{n}), intent.AddressWord(interop.Address{n + 1})},
			Data:    w[:],
		}}}
	}
	out := f.Outputs[0]
	w := out.Amount.Bytes32()
	fill := mpt.Receipt{Type: 2, Status: 1, CumulativeGasUsed: 180_000, Logs: []mpt.Log{
		{Address: usdcB, Topics: []interop.Hash{transferTopic, intent.AddressWord(from), out.Recipient}, Data: w[:]},
		intent.FillLog(f),
	}}
	return []mpt.Receipt{other(52_000, 1), other(104_000, 3), fill}
}

type quote struct {
	name   string
	key    *secp256k1.PrivateKey
	least  uint256.Int // the least output the solver will deliver
	filler interop.Address
}

// run runs the demo, writing its report to w.
func run(w io.Writer) error {
	user := key("user")
	recipient := addr("recipient on B")
	roots := new(lightclient.Memory)
	cmt := &committee{threshold: 3}
	for i := range 4 {
		cmt.members = append(cmt.members, key(fmt.Sprintf("committee member %d", i)))
	}
	b := &chain{id: chainB, height: 20_000_000}
	esc := &escrow{locked: map[interop.Hash]lock{}}
	domain := eip712.Domain{
		Fields:            eip712.DomainName | eip712.DomainVersion | eip712.DomainChainID | eip712.DomainVerifyingContract,
		Name:              "CrossChainSettler",
		Version:           "1",
		VerifyingContract: originSettler,
	}
	domain.ChainID.SetUint64(uint64(chainA))

	fmt.Fprintln(w, "interop crosschainintent: an ERC-7683 order from chain A, filled on chain B")
	fmt.Fprintf(w, "chain A = %d (origin), chain B = %d (destination)\n", chainA, chainB)

	for round, short := range []bool{false, true} {
		fmt.Fprintf(w, "\n=== run %d: %s\n", round+1, map[bool]string{false: "honest fill", true: "short fill"}[short])

		// 1. The user signs.
		data := intent.TransferOrderData{
			InputToken:         intent.AddressWord(usdcA),
			InputAmount:        amount(1000 * usdc),
			OutputToken:        intent.AddressWord(usdcB),
			OutputStartAmount:  amount(999 * usdc),
			OutputEndAmount:    amount(995 * usdc),
			DecayStartTime:     t0,
			DecayEndTime:       t0 + 120,
			DestinationChainID: amount(uint64(chainB)),
			DestinationSettler: intent.AddressWord(destSettler),
			Recipient:          intent.AddressWord(recipient),
		}
		order := intent.GaslessCrossChainOrder{
			OriginSettler: originSettler,
			User:          user.Address(),
			Nonce:         amount(uint64(round + 1)),
			OriginChainID: amount(uint64(chainA)),
			OpenDeadline:  t0 + 60,
			FillDeadline:  t0 + 600,
			OrderDataType: intent.TransferOrderDataType.TypeHash(),
			OrderData:     data.AppendABI(nil),
		}
		digest, err := intent.SigningDigest(&order, &data, intent.TransferTypes, &domain)
		if err != nil {
			return err
		}
		sig := user.Sign(digest)
		fmt.Fprintf(w, "[A] user %s signs order nonce %d: 1000 USDC on A for 999→995 USDC on B over 120 s\n", order.User, round+1)
		fmt.Fprintf(w, "    EIP-712 digest %s (orderData parsed as TransferOrderData)\n", digest)

		// 2. A's settler opens it.
		if err := intent.CheckOpen(&order, chainA, t0-30); err != nil {
			return err
		}
		resolved, parsed, err := intent.Resolve(&order, intent.TransferResolver{}, intent.OrderStructHash{Types: intent.TransferTypes})
		if err != nil {
			return err
		}
		if err := intent.VerifySignature(&order, parsed, intent.TransferTypes, &domain, sig); err != nil {
			return err
		}
		terms := intent.FillTerms{Order: resolved, Owed: parsed, Finality: lightclient.Finalized}
		esc.locked[resolved.OrderID] = lock{user: order.User, amount: resolved.MinReceived[0].Amount, terms: terms}
		open := intent.OpenLog(originSettler, resolved)
		seen, err := intent.DecodeOpen(&open, intent.Uint256ChainID)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "[A] signature verified; %s escrowed; Open(orderId %s), %d bytes of event data\n", fmtUSDC(&resolved.MinReceived[0].Amount), short32(resolved.OrderID), len(open.Data))
		fmt.Fprintf(w, "    a filler decodes Open: %d output to deliver on chain %s via settler word %s\n", len(seen.MaxSpent), seen.FillInstructions[0].DestinationChainID.Dec(), seen.FillInstructions[0].DestinationSettler)

		// 3. Three solvers quote; the Dutch auction decides.
		quotes := []quote{
			{name: "solver-1", least: amount(996_200_000)},
			{name: "solver-2", least: amount(998_100_000)},
			{name: "solver-3", least: amount(997_500_000)},
		}
		bids := make([]auction.Bid, len(quotes))
		for i := range quotes {
			quotes[i].key = key(quotes[i].name)
			quotes[i].filler = quotes[i].key.Address()
			bids[i] = auction.Bid{Solver: quotes[i].filler, Pairs: []auction.PairScore{{Sell: usdcA, Buy: usdcB, Score: quotes[i].least}}}
			fmt.Fprintf(w, "    %s quotes %s\n", quotes[i].name, fmtUSDC(&quotes[i].least))
		}
		// The output owed falls every second; a solver fills as soon as it reaches its quote,
		// so the highest quote is reached first. SelectWinner ranks the quotes by that score
		// with ties broken by a seed, here the orderId.
		win, err := auction.SelectWinner(resolved.OrderID, bids)
		if err != nil {
			return err
		}
		first, fillTime := -1, uint64(0)
		for t := uint64(t0); t <= t0+120 && first < 0; t++ {
			owed, err := parsed.Owed(0, t)
			if err != nil {
				return err
			}
			for i := range quotes {
				if !owed.Gt(&quotes[i].least) {
					first, fillTime = i, t
					break
				}
			}
		}
		if first != win {
			return fmt.Errorf("auction picked %d, decay reached %d first", win, first)
		}
		winner := quotes[win]
		owed, _ := parsed.Owed(0, fillTime)
		fmt.Fprintf(w, "[auction] the price reaches %s's quote at t0+%d s, owing %s: %s wins\n", winner.name, fillTime-t0, fmtUSDC(&owed), winner.name)

		// 4. The winner fills on B.
		out := resolved.MaxSpent[0]
		out.Amount = owed
		if short {
			out.Amount.SubUint64(&out.Amount, 1)
		}
		fill := intent.Fill{Settler: destSettler, OrderID: resolved.OrderID, Solver: intent.AddressWord(winner.filler), FillTime: uint32(fillTime), Outputs: []intent.Output{out}}
		receipts := fillReceipts(&fill, winner.filler)
		height, root, proof := b.block(receipts, 2)
		fmt.Fprintf(w, "[B] block %d: %s delivers %s to %s; receipts root %s\n", height, winner.name, fmtUSDC(&out.Amount), short20(recipient), short32(root))

		// 5. The committee attests B's receipts root for A.
		sigs := cmt.attest(chainB, height, root, 3)
		if err := cmt.accept(roots, chainB, height, root, sigs); err != nil {
			return err
		}
		fmt.Fprintf(w, "[A] B's receipts root at %d attested by a committee (3 of 4 secp256k1 signatures): recorded as Finalized\n", height)
		fmt.Fprintln(w, "    (a committee's word, not a light client's proof: trust rests on 3 of these 4 keys)")

		// 6. A's settlement verifies the fill and pays, or refuses.
		lk := esc.locked[resolved.OrderID]
		p := intent.FillProof{Chain: chainB, Height: height, TxIndex: 2, LogIndex: 1, Proof: proof}
		got, err := intent.VerifyFill(&lk.terms, &p, roots)
		switch {
		case err == nil:
			solver, _ := intent.WordAddress(got.Solver)
			delete(esc.locked, resolved.OrderID)
			fmt.Fprintf(w, "[A] fill verified (%d-node receipt proof): escrow of %s released to %s (%s)\n", len(proof), fmtUSDC(&lk.amount), winner.name, solver)
		case errors.Is(err, intent.ErrShortFill):
			fmt.Fprintf(w, "[A] fill refused: %v\n", err)
			if rerr := intent.RefundEligible(lk.terms.Order, fillTime); rerr != nil {
				fmt.Fprintf(w, "    refund at t0+%d s: %v\n", fillTime-t0, rerr)
			}
			after := uint64(lk.terms.Order.FillDeadline) + 1
			if rerr := intent.RefundEligible(lk.terms.Order, after); rerr != nil {
				return rerr
			}
			delete(esc.locked, resolved.OrderID)
			fmt.Fprintf(w, "[A] after the fill deadline (t0+%d s): escrow of %s refunded to the user\n", after-t0, fmtUSDC(&lk.amount))
		default:
			return err
		}
		if !short && err != nil || short && err == nil {
			return fmt.Errorf("run %d: unexpected outcome %v", round+1, err)
		}
	}
	fmt.Fprintf(w, "\nescrowed orders left: %d\n", len(esc.locked))
	return nil
}

func short32(h interop.Hash) string { return h.String()[:10] + "…" }
func short20(a interop.Address) string {
	return a.String()[:10] + "…"
}
