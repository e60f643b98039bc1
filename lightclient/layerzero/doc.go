// Package layerzero verifies LayerZero v2 packets as a destination chain's ReceiveUln302
// does, from the DVNs' signed instructions or from the receive library's proven storage.
// It follows LayerZero-v2's EVM contracts (packages/layerzero-v2/evm):
//
//   - protocol/contracts/messagelib/libs/PacketV1Codec.sol: Packet, Header, DecodePacket,
//     DecodeHeader, the 81-byte header, payload = guid ‖ message, and their keccak256
//     hashes (Header.Hash, Packet.PayloadHash);
//   - protocol/contracts/libs/GUID.sol: GUID;
//   - messagelib/contracts/uln/dvn/DVN.sol: ExecuteParam, DecodeExecuteCall (the admin's
//     execute(ExecuteParam[]) transaction, selector 0xb143044b), its hashCallData
//     (ExecuteParam.Hash: keccak256(abi.encodePacked(vid, target, expiration, callData)),
//     expiration before callData), vid and expiration checks (DVN.VerifyExecuteParam);
//   - messagelib/contracts/uln/dvn/MultiSig.sol with OpenZeppelin 4.8 ECDSA.tryRecover:
//     DVN.VerifySignatures — exactly quorum signatures over the EIP-191 hash, v 27 or 28,
//     low s, signers strictly ascending and in the set;
//   - messagelib/contracts/uln/interfaces/IReceiveUlnE2.sol and uln302/ReceiveUln302.sol:
//     VerifyCall, the verify(bytes,bytes32,uint64) call a DVN makes (selector 0x0223536e);
//   - messagelib/contracts/uln/ReceiveUlnBase.sol and UlnBase.sol: ULNConfig and
//     ReceiveUln — _checkVerifiable (every required DVN and OptionalDVNThreshold optional
//     ones, each _verified with at least Confirmations), _assertHeader's destination
//     check, _setConfig's rules, and hashLookup's storage layout (HashLookupSlot,
//     Verification, HashLookupSlotReceiveUln302, derived from the sources and matched
//     against the compiler storage layout of LayerZero's deployed ReceiveUln302).
//
// # Composition with lightclient
//
// A packet is a lightclient.Claim (Claim): route SrcEid → DstEid, epoch 0, digest
// PacketDigest(header hash, payload hash), the pair hashLookup is keyed by. Each DVN is a
// lightclient.Verifier (ReceiveUln.DVNVerifier) whose evidence travels in
// Attestation.Metadata; ReceiveUln.Verifier composes them with
// lightclient.RequiredOptional, which is ReceiveUlnBase._checkVerifiable's rule, so the
// verdict tree says which DVN failed and why, and LayerZero stacks compose with other
// committees (lightclient.All with a light client, lightclient.Route by origin). Two
// kinds of evidence exist:
//
//   - signed instructions (ReceiveUln.Verifier): Metadata is AppendAttestations' ABI
//     list of (DVN address, ExecuteParam) — each DVN's multisig-signed instruction to call
//     verify on the receive library. This envelope is the library's own (LayerZero sends
//     each instruction to its DVN contract); its contents are LayerZero's bytes. It says
//     that the DVN's signers authorised the verification, which the DVN's admin then
//     submits; now is the block time at which the instruction is judged;
//   - proven storage (ReceiveUln.StorageVerifier): Metadata is StorageMetadata (header ‖
//     payload hash); the verifier holds an eth_getProof of the receive library checked
//     against a trusted state root (proof/mpt), and accepts when hashLookup holds a
//     submitted Verification with enough confirmations — the state commitVerification
//     reads. This is the stronger statement: the DVNs did verify, on chain.
//
// # What is not checked
//
// That the packet was sent: DVNs attest that, and this package trusts them as the
// receive library does (CheckGUID only shows that the guid is the one an EndpointV2
// would assign). That the ULN config and the DVNs' signer sets are the ones on chain now:
// they are the caller's configuration (the storage route proves the verifications, not
// the config). That commitVerification ran, EndpointV2's nonce rules (lazyInboundNonce,
// inboundPayloadHash), or that an executor delivered the message (lzReceive) — after a
// successful commit the hashLookup slots are deleted and the storage route fails. DVN
// liveness, fees, and the DVN's replay guard (usedHashes, not applied to verify calls)
// are outside the model. Block confirmations are what the DVN claims, not measured.
// An instruction's hash binds the vid (one per chain), the target and the call, but not
// the DVN contract: as on chain, an instruction signed for one DVN verifies for any DVN
// whose signer set contains its signers, so the DVN label in AppendAttestations means
// something only when the configured DVNs' signer sets are disjoint at quorum.
//
// # Resource bounds
//
// Decoders allocate nothing in proportion to their input beyond what they return, and
// bound every length before use: messages MaxMessageSize, call data MaxCallDataSize,
// signatures MaxQuorum × 65 bytes, attestation lists MaxAttestations entries, ULN
// configs MaxDVNCount DVNs per list, DVN signer sets MaxQuorum. Decoded byte slices alias
// the input. Verification recovers at most quorum signatures per DVN, after every cheap
// check has passed; the tests hold every decoder and verifier to at most 100 bytes
// allocated per input byte (internal/hostile).
//
// # Concurrency
//
// DVN and ReceiveUln are immutable once built, and the verifiers they return keep no
// state between calls: all are safe for concurrent use. Packet, ExecuteParam and the
// other value types are plain data. The package starts no goroutines.
package layerzero
