// Package intent implements ERC-7683 cross-chain intents (https://eips.ethereum.org/EIPS/eip-7683,
// the v1 text of ethereum/ERCs 56355554, 2025-01-08, before the 2026 resolver redesign):
// the order structs, their canonical ABI encoding and the Open event, their EIP-712 and
// Permit2 witness hashing with orderData parsed as a sub-type, order resolution through a
// pluggable OrderDataResolver, pluggable orderId rules, and the settlement check that pays
// a solver only for a fill proven on the destination chain.
//
// # Orders
//
// GaslessCrossChainOrder, OnchainCrossChainOrder, ResolvedCrossChainOrder, Output and
// FillInstruction follow the ERC's Solidity structs field for field. FillInstruction's
// destinationChainId is uint256 in the final text and uint64 in the earlier draft Across
// deployed; Variant selects which, since the EIP-712 typehashes and the Open topic
// differ. x.AppendABI writes abi.encode(x); DecodeXABI (DecodeGaslessCrossChainOrderABI,
// DecodeOnchainCrossChainOrderABI, DecodeResolvedCrossChainOrderABI,
// DecodeTransferOrderDataABI) accepts only that canonical encoding (offsets where the
// encoder puts them, zero padding, no trailing bytes), bounding every length by
// MaxOutputs, MaxFillInstructions or MaxDataSize before allocating.
//
// # Resolution and orderId
//
// The ERC leaves orderData and the orderId derivation to each settlement system.
// Resolve takes an OrderDataResolver (which parses and checks orderData and hashes it as
// an EIP-712 struct) and an OrderIDRule: OrderDataHash is BootNode Hyperlane7683's
// keccak256(orderData); OrderStructHash is hashStruct of the order with orderData parsed.
// TransferResolver ships a simple cross-chain transfer with a Dutch-decaying output
// (TransferOrderData). SigningDigest and VerifySignature check a user's signature under
// the origin settler's EIP-712 domain, refusing a domain for another chain or settler;
// Permit2Witness hashes the order as Permit2's PermitWitnessTransferFrom witness.
//
// # Settlement
//
// The ERC defines how a filler fills, fill(orderId, originData, fillerData) on the
// destination settler, but not the event that proves it. This package verifies
//
//	event OrderFilled(bytes32 indexed orderId, bytes32 indexed solver, uint32 fillTimestamp, Output[] outputs)
//
// emitted by the fill instruction's destinationSettler, modelled on Across's FilledRelay
// (indexed relayer, amounts delivered, the fill's own chain) and the ERC's fill signature:
// solver is the filler's repayment account on the origin chain (from fillerData),
// fillTimestamp the destination block.timestamp, and outputs what the settler
// transferred. VerifyFill proves the receipt against a receipts root from a
// lightclient.RootSource at a required Finality and checks the event against the order
// (see its list of checks); RefundEligible says when the user may take the escrow back.
//
// # Resource bounds
//
// Lengths and counts are checked against the input and the bounds before anything is
// allocated (ErrTooLarge past a bound, ErrMalformed for a length past the input):
//
//   - DecodeGaslessCrossChainOrderABI, DecodeOnchainCrossChainOrderABI: orderData at most
//     MaxDataSize bytes; memory one copy of it; time O(len(b)).
//   - DecodeResolvedCrossChainOrderABI, DecodeOpen: at most MaxOutputs outputs per list,
//     MaxFillInstructions instructions, MaxDataSize bytes of originData each, all within
//     len(b); memory O(len(b)) (one copy of the byte strings, 128 bytes per output).
//   - DecodeTransferOrderDataABI, TransferResolver.DecodeOrderData: exactly ten words.
//   - DecodeFill: at most MaxOutputs outputs; memory O(len(log.Data)).
//   - Resolve, SigningDigest, VerifySignature, Permit2Witness hashing: linear in the order
//     (the order data is parsed once; hashing allocates O(1) per struct).
//   - TransferOrderData.Check and Owed, CheckOpen, RefundEligible: constant work, no
//     allocation; Owed is exact for every uint256.
//   - VerifyFill: the cheap checks on the order first, then one receipt-proof walk
//     (proof/mpt's bound, linear in the proof), then the event decode above and one pass
//     over the outputs.
//
// Measured: at most 1.0 byte allocated per input byte at every bound
// (TestBoundsAllocPerInputByte).
//
// # Concurrency
//
// Everything is a pure function of its inputs and starts no goroutines. Orders, resolved
// orders, order data, OrderTypes (TransferTypes included) and FillTerms are safe for
// concurrent reads once built (TestConcurrentOrderTypes, TestConcurrentResolvedOrder,
// TestConcurrentVerifyFill); VerifyFill is as safe as the RootSource it is given.
package intent
