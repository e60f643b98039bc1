package opstack

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

// L2ToL1MessagePasser is the predeploy whose storage root output roots commit to
// (specs/protocol/predeploys.md).
var L2ToL1MessagePasser = interop.Address{0x42, 19: 0x16}

// OutputV0 is the preimage of a version-0 output root (specs/protocol/proposals.md,
// "L2 Output Commitment Construction").
type OutputV0 struct {
	StateRoot                interop.Hash
	MessagePasserStorageRoot interop.Hash
	BlockHash                interop.Hash
}

// Root is keccak256(bytes32(0) ‖ stateRoot ‖ messagePasserStorageRoot ‖ blockHash).
func (o *OutputV0) Root() interop.Hash {
	var version interop.Hash
	return keccak.Sum256Parts(version[:], o.StateRoot[:], o.MessagePasserStorageRoot[:], o.BlockHash[:])
}

// OutputFromState builds the output of an L2 block from its state root and block hash,
// proving the message passer's storage root with its eth_getProof account proof
// against the state root (ErrL2Proof). Bounds: proof/mpt's.
func OutputFromState(stateRoot, blockHash interop.Hash, messagePasserProof [][]byte) (OutputV0, error) {
	acc, ok, err := mpt.VerifyAccount(stateRoot, L2ToL1MessagePasser, messagePasserProof)
	if err != nil {
		return OutputV0{}, fmt.Errorf("%w: message passer account: %w", ErrL2Proof, err)
	}
	if !ok {
		return OutputV0{}, fmt.Errorf("%w: message passer absent from state %s", ErrL2Proof, stateRoot)
	}
	return OutputV0{StateRoot: stateRoot, MessagePasserStorageRoot: acc.StorageRoot, BlockHash: blockHash}, nil
}

// L2OutputOracleOutputsSlot is the storage slot of L2OutputOracle's l2Outputs array
// (packages/contracts-bedrock snapshots/storageLayout/L2OutputOracle.json).
const L2OutputOracleOutputsSlot = 3

// OracleSlots returns the two storage slots of l2Outputs[index], an OutputProposal
// {bytes32 outputRoot; uint128 timestamp; uint128 l2BlockNumber}: the output root, and
// the word packing timestamp (low 128 bits) and l2BlockNumber (high 128 bits).
func OracleSlots(index uint64) (outputRoot, timestampAndBlock interop.Hash) {
	var p interop.Hash
	p[31] = L2OutputOracleOutputsSlot
	base := keccak.Sum256Parts(p[:])
	var s uint256.Int
	s.SetBytes32(base[:])
	var off uint256.Int
	off.SetUint64(index)
	off.Lsh(&off, 1)
	s.Add(&s, &off) // wraps mod 2^256, as Solidity's array slot arithmetic does
	outputRoot = s.Bytes32()
	s.AddUint64(&s, 1)
	timestampAndBlock = s.Bytes32()
	return outputRoot, timestampAndBlock
}

// OracleProof proves an L2 output root from L1 state: L2OutputOracle.l2Outputs[Index]
// read from the oracle's storage at an L1 block whose state root a RootSource trusts.
type OracleProof struct {
	L1Chain  interop.ChainID
	L1Height uint64
	Oracle   interop.Address
	Index    uint64
	// AccountProof proves the oracle's account under the L1 state root; the two
	// storage proofs prove the proposal's slots (OracleSlots) under its storage root.
	AccountProof     [][]byte
	OutputRootProof  [][]byte
	BlockNumberProof [][]byte
}

// Verify proves the output root of l2Chain that the oracle holds at p.Index. It
//
//	a) asks src for the L1 state root at (L1Chain, L1Height) (the source's error);
//	b) proves the oracle account under it (ErrL1Proof);
//	c) proves both proposal slots under the oracle's storage root (ErrL1Proof), the
//	   output root non-zero (ErrNoProposal).
//
// Work and memory are proof/mpt's for the three proofs: one pass over the nodes each, a
// hash per node used, memory O(total node size); nodes past the end of a path are not
// read. The result is an OutputRoot of l2Chain at the proposal's l2BlockNumber, as final as
// the L1 root it came from; whether the proposal's challenge window has passed is the
// caller's policy (RequireFinality on the source only covers L1 finality).
func (p *OracleProof) Verify(src lightclient.RootSource, l2Chain interop.ChainID) (lightclient.Root, error) {
	l1, err := src.Root(p.L1Chain, p.L1Height, lightclient.StateRoot)
	if err != nil {
		return lightclient.Root{}, err
	}
	acc, ok, err := mpt.VerifyAccount(l1.Value, p.Oracle, p.AccountProof)
	if err != nil || !ok {
		return lightclient.Root{}, fmt.Errorf("%w: oracle %s account (exists %v): %w", ErrL1Proof, p.Oracle, ok, err)
	}
	outSlot, blockSlot := OracleSlots(p.Index)
	out, err := mpt.VerifyStorage(acc.StorageRoot, outSlot, p.OutputRootProof)
	if err != nil {
		return lightclient.Root{}, fmt.Errorf("%w: l2Outputs[%d].outputRoot: %w", ErrL1Proof, p.Index, err)
	}
	if out.IsZero() {
		return lightclient.Root{}, fmt.Errorf("%w: l2Outputs[%d] is empty", ErrNoProposal, p.Index)
	}
	packed, err := mpt.VerifyStorage(acc.StorageRoot, blockSlot, p.BlockNumberProof)
	if err != nil {
		return lightclient.Root{}, fmt.Errorf("%w: l2Outputs[%d].l2BlockNumber: %w", ErrL1Proof, p.Index, err)
	}
	var number uint256.Int
	number.Rsh(&packed, 128)
	if !number.IsUint64() {
		return lightclient.Root{}, fmt.Errorf("%w: l2BlockNumber %s does not fit 64 bits", ErrL1Proof, number.Hex())
	}
	return lightclient.Root{Chain: l2Chain, Height: number.Uint64(), Kind: lightclient.OutputRoot, Value: out.Bytes32(), Finality: l1.Finality}, nil
}

// VerifyL2Storage proves the value of slot in account addr of the L2 block that output
// commits to: output's preimage must hash to output.Value (ErrOutputMismatch), then the
// account and storage proofs must hold under the preimage's state root (ErrL2Proof).
// Bounds: as OracleProof.Verify, proof/mpt's for the two proofs.
func VerifyL2Storage(output lightclient.Root, preimage *OutputV0, addr interop.Address, accountProof [][]byte, slot interop.Hash, storageProof [][]byte) (uint256.Int, error) {
	if err := checkOutput(output, preimage); err != nil {
		return uint256.Int{}, err
	}
	acc, ok, err := mpt.VerifyAccount(preimage.StateRoot, addr, accountProof)
	if err != nil {
		return uint256.Int{}, fmt.Errorf("%w: account %s: %w", ErrL2Proof, addr, err)
	}
	if !ok {
		return uint256.Int{}, nil // an absent account's storage is all zero
	}
	v, err := mpt.VerifyStorage(acc.StorageRoot, slot, storageProof)
	if err != nil {
		return uint256.Int{}, fmt.Errorf("%w: slot %s of %s: %w", ErrL2Proof, slot, addr, err)
	}
	return v, nil
}

// WithdrawalSlot is the storage slot of sentMessages[withdrawalHash] in
// L2ToL1MessagePasser (mapping at slot 0): keccak256(withdrawalHash ‖ uint256(0)).
func WithdrawalSlot(withdrawalHash interop.Hash) interop.Hash {
	var zero interop.Hash
	return keccak.Sum256Parts(withdrawalHash[:], zero[:])
}

// VerifyWithdrawal proves that a withdrawal was initiated on L2 as of output, as
// OptimismPortal.proveWithdrawalTransaction does: the preimage hashes to the output root
// (ErrOutputMismatch), and sentMessages[withdrawalHash] is true under the message
// passer storage root (ErrL2Proof, ErrWithdrawalNotSent). Bounds: proof/mpt's.
func VerifyWithdrawal(output lightclient.Root, preimage *OutputV0, withdrawalHash interop.Hash, storageProof [][]byte) error {
	if err := checkOutput(output, preimage); err != nil {
		return err
	}
	v, err := mpt.VerifyStorage(preimage.MessagePasserStorageRoot, WithdrawalSlot(withdrawalHash), storageProof)
	if err != nil {
		return fmt.Errorf("%w: withdrawal %s: %w", ErrL2Proof, withdrawalHash, err)
	}
	if !v.Eq(uint256.NewInt(1)) {
		return fmt.Errorf("%w: sentMessages[%s] = %s", ErrWithdrawalNotSent, withdrawalHash, v.Hex())
	}
	return nil
}

func checkOutput(output lightclient.Root, preimage *OutputV0) error {
	if output.Kind != lightclient.OutputRoot {
		return fmt.Errorf("%w: root is a %s", ErrOutputMismatch, output.Kind)
	}
	if got := preimage.Root(); got != output.Value {
		return fmt.Errorf("%w: preimage hashes to %s, trusted %s", ErrOutputMismatch, got, output.Value)
	}
	return nil
}

// SuperRoot is a version-1 super root (specs/interop/superchain-... "Super Root"): the
// output roots of every chain of an interop set at one timestamp.
type SuperRoot struct {
	Timestamp uint64
	Chains    []ChainOutput
}

// ChainOutput is one chain's output root in a super root.
type ChainOutput struct {
	ChainID uint256.Int
	Output  interop.Hash
}

// SuperRootVersion is the version byte of the encoding.
const SuperRootVersion = 1

// MaxSuperRootChains bounds decoding.
const MaxSuperRootChains = 1 << 12

// AppendBinary appends 0x01 ‖ u64be(timestamp) ‖ (u256be(chainId) ‖ output)* to b, the
// chains in the order given (the spec orders them by chain id; DecodeSuperRoot does not
// re-sort). It never fails.
func (s *SuperRoot) AppendBinary(b []byte) ([]byte, error) {
	b = slices.Grow(b, 9+64*len(s.Chains))
	b = append(b, SuperRootVersion)
	b = binary.BigEndian.AppendUint64(b, s.Timestamp)
	for i := range s.Chains {
		id := s.Chains[i].ChainID.Bytes32()
		b = append(b, id[:]...)
		b = append(b, s.Chains[i].Output[:]...)
	}
	return b, nil
}

// Hash is the super root: keccak256 of the encoding (AppendBinary).
func (s *SuperRoot) Hash() interop.Hash {
	b, _ := s.AppendBinary(nil) // never fails
	return keccak.Sum256Parts(b)
}

// DecodeSuperRoot parses an encoded super root: version 1, at least one chain, and a
// whole number of 64-byte chain entries (ErrSuperRoot), at most MaxSuperRootChains of them,
// checked before allocating; memory is one 64-byte ChainOutput per 64 input bytes. Decoding
// is canonical: AppendBinary returns the input of any super root it accepts.
func DecodeSuperRoot(b []byte) (SuperRoot, error) {
	if len(b) < 9+64 || (len(b)-9)%64 != 0 {
		return SuperRoot{}, fmt.Errorf("%w: length %d", ErrSuperRoot, len(b))
	}
	if b[0] != SuperRootVersion {
		return SuperRoot{}, fmt.Errorf("%w: version %d", ErrSuperRoot, b[0])
	}
	n := (len(b) - 9) / 64
	if n > MaxSuperRootChains {
		return SuperRoot{}, fmt.Errorf("%w: %d chains, max %d", ErrSuperRoot, n, MaxSuperRootChains)
	}
	s := SuperRoot{Timestamp: binary.BigEndian.Uint64(b[1:9]), Chains: make([]ChainOutput, n)}
	for i := range s.Chains {
		e := b[9+64*i:]
		s.Chains[i].ChainID.SetBytes32(e[:32])
		s.Chains[i].Output = interop.Hash(e[32:64])
	}
	return s, nil
}

// GameUUID is DisputeGameFactory.getGameUUID: keccak256(abi.encode(uint32 gameType,
// bytes32 rootClaim, bytes extraData)), the key of the factory's _disputeGames mapping. It
// allocates the ABI encoding once: 128 bytes plus extraData rounded up to 32.
func GameUUID(gameType uint32, rootClaim interop.Hash, extraData []byte) interop.Hash {
	b := make([]byte, 0, 128+(len(extraData)+31)/32*32)
	var w [32]byte
	binary.BigEndian.PutUint32(w[28:], gameType)
	b = append(b, w[:]...)
	b = append(b, rootClaim[:]...)
	w = [32]byte{}
	w[31] = 0x60 // offset of the bytes tail: three head words
	b = append(b, w[:]...)
	w = [32]byte{}
	binary.BigEndian.PutUint64(w[24:], uint64(len(extraData)))
	b = append(b, w[:]...)
	b = append(b, extraData...)
	b = append(b, make([]byte, (32-len(extraData)%32)%32)...)
	return keccak.Sum256Parts(b)
}
