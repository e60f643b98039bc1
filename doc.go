// Package interop is the root of a library of cross-rollup interoperability primitives, and
// holds the vocabulary its packages share: [Hash], [Address] and [ChainID], with strict
// "0x"-prefixed hex text and JSON forms.
//
// # Ordering is not verification
//
// A shared sequencer orders transactions: "these transactions, in this order, for these
// rollups, at this height". Interoperability also needs "this transaction executed, with this
// effect, on a chain whose state root I trust". The packages keep the two apart and make them
// compose:
//
//	lightclient  trusted roots from outside: sync committees, attestation committees, ZK proofs
//	proof        statements about state under a root: Merkle-Patricia, SSZ, binary Merkle trees
//	ordering     what a shared sequencer committed to, with inclusion and completeness proofs
//	bundle       atomic cross-rollup bundles: included atomically, and executed atomically or not
//	intent       ERC-7683 orders, EIP-712, auctions, and fill settlement backed by proofs
//
// # Package map
//
//	crypto/bls           BLS12-381 signatures, Ethereum's ciphersuite (G1 keys, G2 signatures, PoP)
//	crypto/secp256k1     Ethereum ECDSA: RFC 6979 signing, ecrecover, EIP-2 strict mode
//	crypto/bls/bn254     BLS over BN254 as jellyfish implements it (Espresso's HotShot keys)
//	internal/rlp         strict canonical RLP
//	internal/abi         strict Solidity ABI decoding (canonical offsets, bounded lengths)
//	internal/keccak      Keccak-256, up to eight messages at once with AVX-512
//	internal/brotli      RFC 7932 Brotli decoding with an output bound (Astria's blobs)
//	internal/zcash       the ZCash BLS12-381 point encoding, for crypto/bls and proof/kzg
//	internal/taggedb64   Espresso's tagged base64, for crypto/bls/bn254 and ordering/espresso
//	internal/parallel    splitting a batch over goroutines (see Workers)
//	proof/mpt            Ethereum Merkle-Patricia proofs: EIP-1186 accounts and storage, receipts,
//	                     transaction and receipt roots, an in-memory trie builder
//	proof/merkle         binary Merkle trees: branches, the depth-32 incremental tree of the deposit
//	                     contract and the Hyperlane mailbox, EIP-4881 snapshots
//	proof/ssz            SSZ hash_tree_root of the light-client containers, branches, multiproofs
//	proof/nmt            namespaced Merkle trees: inclusion, range and completeness proofs
//	proof/kzg            EIP-4844 (and EIP-7594 cell) KZG commitments and proofs
//	proof/groth16        Groth16 over BN254: snarkjs, gnark and EVM-calldata encodings
//	proof/ics23          ICS-23 commitment proofs (IAVL, Tendermint, SMT)
//	lightclient          Root, Finality, RootSource; committee verifiers
//	lightclient/beacon   Ethereum's sync-committee light client, Altair to Fulu
//	lightclient/zk       roots attested by Groth16 proofs (SP1-Helios style)
//	lightclient/opstack  OP Stack output roots and interop messages
//	lightclient/hyperlane Hyperlane messages, mailbox tree, multisig ISMs
//	lightclient/layerzero LayerZero v2 packets, DVN attestations, the receive library's rule
//	lightclient/tendermint CometBFT light-client steps (adjacent and skipping)
//	lightclient/polymer  Polymer Prove API event and Solana-log proofs
//	ordering             shared-sequencer commitments, QCs, completeness, equivocation, preconfs
//	ordering/astria      Astria sequencer blocks: soft (CometBFT) and firm (Celestia blobs)
//	ordering/espresso    Espresso: HotShot QCs, committable commitments, VID namespace proofs,
//	                     finality from the light-client contract
//	ordering/radius      Radius tx_orderer's signed order commitments and breach evidence
//	bundle               atomic cross-rollup bundles and the verdict on their atomicity
//	intent               ERC-7683 orders and fill settlement; intent/eip712 (strict, and the
//	                     eth-sig-util V4 and go-ethereum compatibility modes), intent/auction
//
// Every package has a <pkg>test subpackage of rapid generators and honest fakes, and
// examples/ holds runnable programs that compose them on embedded data.
//
// Each package declares the narrow interfaces it consumes and depends only on the standard
// library, github.com/holiman/uint256, github.com/consensys/gnark-crypto and
// golang.org/x/crypto.
//
// # Reliability
//
// Every decoder and verifier takes attacker-chosen input: bad input is a wrapped sentinel
// error, never a panic and never an accept; lengths, counts and depths are checked before
// anything is allocated for them, so no input allocates more than 100 bytes per input byte
// (plus 64 KiB) or costs quadratic work; each package doc lists its bounds under "Resource
// bounds" and what is safe for concurrent use under "Concurrency". The vocabulary types here
// are values: safe for concurrent use, and their fmt verbs (%x, %v, %s, %q) print their
// bytes, never the bytes of their text.
//
// # End to end
//
// Verifying a storage slot of a contract against a trusted state root, from an eth_getProof
// response:
//
//	var res mpt.GetProofResult
//	if err := json.Unmarshal(response, &res); err != nil {
//		return err // malformed hex, wrong lengths, missing fields
//	}
//	if err := res.Verify(stateRoot); err != nil {
//		return err // errors.Is(err, mpt.ErrInvalidProof), mpt.ErrValueMismatch, ...
//	}
//	// res.Balance, res.Nonce and every res.StorageProof[i].Value are now proven.
package interop
