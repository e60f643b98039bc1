package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/interopkit/interop/examples/internal/exampledata"
	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

// ibcPacket is an IBC v1 packet (ibc-go modules/core/04-channel/types, Packet): the fields
// its commitment covers, and the source port, channel and sequence that key it.
type ibcPacket struct {
	Sequence                  uint64
	SourcePort, SourceChannel string
	DestPort, DestChannel     string
	Data                      []byte
	TimeoutRevisionNumber     uint64
	TimeoutRevisionHeight     uint64
	TimeoutTimestamp          uint64 // Unix nanoseconds
}

// commitment is ibc-go's CommitPacket: sha256(timeout_timestamp ‖
// timeout_height.revision_number ‖ timeout_height.revision_height ‖ sha256(data)), each
// number 8 bytes big-endian, a fixed-length preimage.
func (p *ibcPacket) commitment() []byte {
	var buf [24 + sha256.Size]byte
	binary.BigEndian.PutUint64(buf[0:], p.TimeoutTimestamp)
	binary.BigEndian.PutUint64(buf[8:], p.TimeoutRevisionNumber)
	binary.BigEndian.PutUint64(buf[16:], p.TimeoutRevisionHeight)
	dh := sha256.Sum256(p.Data)
	copy(buf[24:], dh[:])
	h := sha256.Sum256(buf[:])
	return h[:]
}

// commitmentKey is ibc-go 24-host's PacketCommitmentKey, the key in the "ibc" store:
// commitments/ports/{port}/channels/{channel}/sequences/{sequence}.
func (p *ibcPacket) commitmentKey() []byte {
	return fmt.Appendf(nil, "commitments/ports/%s/channels/%s/sequences/%d", p.SourcePort, p.SourceChannel, p.Sequence)
}

// ibcStore is the store key under which ibc-go keeps its state (the counterparty's
// commitment prefix) in the chain's multistore.
const ibcStore = "ibc"

// runIBC proves an IBC packet commitment from a Cosmos SDK chain's "ibc" store to its app
// hash, as a counterparty's 07-tendermint client does on MsgRecvPacket: a MerkleProof of
// two ICS-23 proofs (the store's IAVL tree, then the multistore's simple tree), chained
// with ibc-go's SDK specs over the MerklePath ("ibc", commitment key). The relayer's bytes
// are decoded as carried (MerkleProof protobuf, and the ABCI query's ProofOps), and a
// tampered packet and a tampered proof are refused.
func runIBC(w io.Writer) error {
	p := ibcPacket{
		Sequence: 1, SourcePort: "transfer", SourceChannel: "channel-0",
		DestPort: "transfer", DestChannel: "channel-141",
		// ICS-20 FungibleTokenPacketData as ibc-go serialises it: JSON, keys sorted.
		Data:                  []byte(`{"amount":"1000000","denom":"uatom","receiver":"osmo1recipient","sender":"cosmos1sender"}`),
		TimeoutRevisionNumber: 1, TimeoutRevisionHeight: 19_000_000,
		TimeoutTimestamp: 1_733_303_600_000_000_000,
	}
	key, value := p.commitmentKey(), p.commitment()
	fmt.Fprintf(w, "IBC packet %s/%s → %s/%s, sequence %d, timeout %d-%d or %d ns\n",
		p.SourcePort, p.SourceChannel, p.DestPort, p.DestChannel, p.Sequence, p.TimeoutRevisionNumber, p.TimeoutRevisionHeight, p.TimeoutTimestamp)
	fmt.Fprintf(w, "  data       %s\n", p.Data)
	fmt.Fprintf(w, "  key        %s\n", key)
	fmt.Fprintf(w, "  commitment %x  sha256(timeout ‖ revision ‖ height ‖ sha256(data))\n", value)

	// The source chain's state: the ibc store holds this commitment beside another
	// packet's, the channel's next send sequence and a receipt; three other modules'
	// stores sit beside it in the multistore.
	other := p
	other.Sequence, other.Data = 2, []byte(`{"amount":"5","denom":"uatom","receiver":"osmo1other","sender":"cosmos1sender"}`)
	nextSend := binary.BigEndian.AppendUint64(nil, 3)
	ibc := ics23test.NewIAVL(
		[][]byte{key, other.commitmentKey(), []byte("nextSequenceSend/ports/transfer/channels/channel-0"), []byte("receipts/ports/transfer/channels/channel-0/sequences/7")},
		[][]byte{value, other.commitment(), nextSend, {1}},
	)
	names := [][]byte{[]byte("acc"), []byte("bank"), []byte(ibcStore), []byte("staking")}
	stores := []*ics23test.IAVL{
		ics23test.NewIAVL([][]byte{{0x01, 0xaa}}, [][]byte{[]byte("account")}),
		ics23test.NewIAVL([][]byte{[]byte("balances/aa/uatom"), []byte("supply/uatom")}, [][]byte{[]byte("42"), []byte("1000000000")}),
		ibc,
		ics23test.NewIAVL([][]byte{[]byte("validators/01")}, [][]byte{[]byte("validator")}),
	}
	app := ics23test.NewApp(names, stores)
	s := -1
	for i, n := range app.Names {
		if string(n) == ibcStore {
			s = i
		}
	}
	if s < 0 {
		return errors.New("ibc: no ibc store in the multistore")
	}
	i, ok := app.Stores[s].Index(key)
	if !ok {
		return errors.New("ibc: commitment not in the ibc store")
	}
	fmt.Fprintf(w, "  ibc store root %x (IAVL, %d keys)\n", ibc.Root, len(ibc.Keys))
	fmt.Fprintf(w, "  app hash       %x (multistore of %q)\n\n", app.AppHash, app.Names)

	// 12. The relayer's proof: MerkleProof bytes, lowest tree first.
	proof, _ := app.ProveMembership(s, i).AppendBinary(nil) // never fails
	path := ics23.NewMerklePath([]byte(ibcStore), key)
	title := "12. IBC packet commitment proven to the app hash (ibc-go MerkleProof, SDK specs)"
	m, err := ics23.DecodeMerkleProof(proof)
	if err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, value); err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	fmt.Fprintf(w, "%s\n  MerkleProof %d bytes: %d proofs (IAVL %q store, then the multistore)\n", title, len(proof), len(m.Proofs), ibcStore)
	fmt.Fprintf(w, "  ✓ accepted: %s/%s holds the commitment under app hash %x\n", ibcStore, key, app.AppHash)
	// The same proof as an ABCI query returns it (ProofOps: ics23:iavl, then ics23:simple).
	ops := app.ProofOps(s, m)
	mo, err := ics23.DecodeProofOps(ops)
	if err != nil {
		return fmt.Errorf("%s: ProofOps: %w", title, err)
	}
	if err := mo.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, value); err != nil {
		return fmt.Errorf("%s: ProofOps: %w", title, err)
	}
	fmt.Fprintf(w, "  ✓ accepted: the same proof as ABCI ProofOps (%d bytes: %s, %s)\n\n", len(ops), ics23.ProofOpIAVL, ics23.ProofOpSimple)

	// 13. A relayer delivers the packet with altered data: its commitment is not the
	// one the source chain stored.
	tampered := p
	tampered.Data = []byte(`{"amount":"9000000","denom":"uatom","receiver":"osmo1recipient","sender":"cosmos1sender"}`)
	err = m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, tampered.commitment())
	if err := refuseErr(w, fmt.Sprintf("13. IBC: tampered packet data (commitment %x)", tampered.commitment()), err, ics23.ErrValueMismatch); err != nil {
		return err
	}

	// 14. One byte of the proof altered in transit: the last byte, in the multistore
	// proof's inner path, so the chain reaches another root.
	bad := append([]byte(nil), proof...)
	bad[len(bad)-1] ^= 0x01
	mb, err := ics23.DecodeMerkleProof(bad)
	if err == nil {
		err = mb.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, value)
	}
	if err := refuseErr(w, "14. IBC: one byte of the MerkleProof flipped", err, ics23.ErrRootMismatch); err != nil {
		return err
	}
	return runRealIBC(w)
}

// refuseErr prints a refusal by a function that returns an error, and checks that it was
// refused for want.
func refuseErr(w io.Writer, title string, err, want error) error {
	if !errors.Is(err, want) {
		return fmt.Errorf("%s: err %v, want %v", title, err, want)
	}
	fmt.Fprintf(w, "%s\n  ✗ refused: %v\n\n", title, err)
	return nil
}

// unionProof is exampledata.UnionDevnetConnection.
type unionProof struct {
	AppHash     string   `json:"app_hash"`
	Path        []string `json:"path"`
	Value       string   `json:"value"`
	MerkleProof string   `json:"merkle_proof"`
}

// runRealIBC verifies a proof a real chain served — a union devnet's connection end in
// its ibc store — with the same chained verification, and refuses it for a value one
// byte off.
func runRealIBC(w io.Writer) error {
	var u unionProof
	if err := json.Unmarshal(exampledata.UnionDevnetConnection, &u); err != nil {
		return err
	}
	appHash, err1 := hex.DecodeString(u.AppHash)
	value, err2 := hex.DecodeString(u.Value)
	proof, err3 := hex.DecodeString(u.MerkleProof)
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	var keys [][]byte
	for _, k := range u.Path {
		keys = append(keys, []byte(k))
	}
	path := ics23.NewMerklePath(keys...)
	title := "15. IBC on real chain data: a union devnet's connection end proven to its app hash"
	m, err := ics23.DecodeMerkleProof(proof)
	if err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	if err := m.VerifyMembership(ics23.SDKSpecs, appHash, path, value); err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	fmt.Fprintf(w, "%s\n  MerkleProof %d bytes, %d proofs; ConnectionEnd %d bytes\n", title, len(proof), len(m.Proofs), len(value))
	fmt.Fprintf(w, "  ✓ accepted: %s/%s under app hash %s\n\n", keys[0], keys[1], u.AppHash)

	bad := append([]byte(nil), value...)
	bad[len(bad)-1] ^= 0x01 // the connection's delay period
	err = m.VerifyMembership(ics23.SDKSpecs, appHash, path, bad)
	return refuseErr(w, "16. IBC on real chain data: the connection end one byte off", err, ics23.ErrValueMismatch)
}
