// Package eip712 computes the EIP-712 signing digest of typed structured data
// (https://eips.ethereum.org/EIPS/eip-712): encodeType with its dependency sort, typeHash,
// encodeData, hashStruct, the domain separator with any of its optional fields, and
// keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message)).
//
// It lives apart from package intent because it is a general signing primitive (Permit2,
// ERC-7683 orders, CoW and UniswapX orders all use it) with no knowledge of intents.
//
// # Two paths
//
// Go types hash themselves without reflection. A Type is defined once (NewType, or
// ParseType from a contract's type string), which computes encodeType and typeHash; a Go
// value implements StructHasher by appending its member words with AppendUint256,
// AppendAddress, AppendString, AppendStruct, AppendArray and friends. Domain covers the
// EIP's EIP712Domain with any subset of name, version, chainId, verifyingContract and salt;
// compute its Separator once and sign with Digest(separator, HashStruct(v)).
//
// JSON as wallets receive it in eth_signTypedData_v4 goes through HashTypedData (or
// ParseTypedData for the intermediate values), which checks every value against its
// declared type. Wallets read some documents differently; a Mode (Strict, EthSigUtilV4,
// GoEthereum) selects whose reading to reproduce, see "Wallet compatibility" below.
//
// # Nested types, ERC-7683 and Permit2 witnesses
//
// A struct that references other structs passes their Types to NewType; encodeType
// appends every transitively referenced struct sorted by name after the primary type, so
// an ERC-7683 order with its order data parsed as a sub-type,
//
//	GaslessCrossChainOrder(…,bytes32 orderDataType,AcrossOrderData orderData)AcrossOrderData(…)
//
// is NewType("GaslessCrossChainOrder", fields, acrossOrderData), and the Permit2 witness
// type is NewType("PermitWitnessTransferFrom", [permitted TokenPermissions, spender,
// nonce, deadline, witness GaslessCrossChainOrder], tokenPermissions, order), whose
// encodeType sorts AcrossOrderData, GaslessCrossChainOrder and TokenPermissions by name.
// The member word of a nested struct is AppendStruct(dst, value).
//
// # What is signed where implementations disagree
//
// For well-formed data the digest is the one the EIP and MetaMask's eth-sig-util V4
// produce. Inputs that implementations read differently are refused with an error rather
// than given one reading. Differences from go-ethereum v1.17 (signer/core/apitypes):
//
//   - An empty domain (EIP712Domain with no fields, domain {}) is signed as the EIP allows:
//     separator keccak256(keccak256("EIP712Domain()")). go-ethereum fails "domain is
//     undefined", and whenever a declared domain field is "" (it drops empty strings).
//   - primaryType EIP712Domain signs keccak256(0x19 ‖ 0x01 ‖ domainSeparator) as
//     eth-sig-util does; the message must then be {}. go-ethereum fails.
//   - Domain fields other than the five standard ones are hashed as declared (as
//     eth-sig-util does); go-ethereum ignores them and fails on the missing value.
//   - Extra members in the domain are an error; go-ethereum ignores them.
//   - intN values must lie in [-2^(N-1), 2^(N-1)-1]. go-ethereum accepts any value of at
//     most N bits, e.g. 255 and -255 for int8, and encodes 255 as a word that is no int8.
//   - JSON numbers must be integers of magnitude at most 2^53-1 ("5.0" and "1e3" are
//     fine). go-ethereum reads numbers through float64, so 9007199254740993 silently
//     becomes …992. Integers beyond that range go in decimal or 0x-hex strings.
//   - Integer strings: decimal with an optional leading "-", or 0x hex; go-ethereum
//     also takes "+5", "0x-5" and the 0X prefix (here, as for every hex value, 0X is
//     refused: eth-sig-util does not read it as hex).
//   - An address must be 0x-prefixed; go-ethereum accepts 40 hex digits without the
//     prefix (eth-sig-util hashes that input differently).
//   - A fixed-size array T[n] must have n elements; go-ethereum does not check the count.
//     "T[0]" and "T[02]" are invalid types.
//   - Struct and field names must be Solidity identifiers, a struct may not be named like
//     an atomic type, a struct may not repeat a field name, and the JSON may not repeat
//     an object key. go-ethereum takes the last duplicate key and any non-empty name.
//   - Conversely, go-ethereum refuses a referenced struct whose name is a Solidity
//     identifier outside [A-Za-z]\w* — one starting with $ or _, or containing $ — ("unknown
//     reference type"); it is hashed here as its encodeType spells it.
//   - A struct type that reaches itself through a dynamic array (Tree(Tree[] children))
//     is accepted, as in go-ethereum; one with no finite value (Mail(Mail replyTo), or
//     through fixed-size arrays) is ErrCyclicType, where go-ethereum reports only the
//     direct case.
//   - Malformed input never panics here; go-ethereum's fuzz corpus is included in the
//     conformance tests.
//
// Inputs eth-sig-util signs and the strict reading refuses, each an error: numbers or
// non-hex strings for bytes, bytesN, address and bool; odd-length hex; bytesN values
// shorter than N (eth-sig-util right-pads them); numbers for string; out-of-range intN;
// null or missing values, including a missing struct-typed member (eth-sig-util signs a
// zero word for it) and null strings; undeclared members (eth-sig-util ignores them); a
// types object without EIP712Domain (eth-sig-util adds an empty one). EthSigUtilV4
// accepts them.
//
// Lone UTF-16 surrogates in JSON string escapes become U+FFFD, as JavaScript's UTF-8
// encoder, go-ethereum and encoding/json produce.
//
// # Wallet compatibility
//
// A relayer checking a signature must hash the document as the user's wallet did. Strict
// (the default of HashTypedData) is the EIP read literally and refuses what readers
// disagree on. EthSigUtilV4.HashTypedData reproduces MetaMask's eth-sig-util
// signTypedData V4, which most browser wallets use; GoEthereum.HashTypedData reproduces
// go-ethereum's signer/core/apitypes (clef, Go services). Each Mode's documentation lists
// what it accepts beyond Strict and what it still refuses: where a wallet signs a value
// other than the one the JSON shows (eth-sig-util signs the string "false" as true), the
// mode refuses rather than reproduce it. Every document Strict accepts hashes the same
// under EthSigUtilV4 (unless a struct name with $ would lose its dependencies there), and
// the same under GoEthereum when GoEthereum accepts it.
//
// The modes are checked against the signatures in eth-sig-util's own tests (95 of its 103
// signed documents reproduced byte for byte, the other 8 refused as misreadings; its 15
// refusals refused), go-ethereum's signer test documents and its 111 random apitypes
// cases, and six of Trezor's firmware fixtures (trezor-firmware
// common/tests/fixtures/ethereum/sign_typed_data.json, metamask_v4_compat: true).
// basic_data, complex_data and struct_list_v4 hash to the device's domain separator and
// message hash in every mode. structs_arrays_v4 signs a message with an undeclared member
// ("attachedMoneyInEth": 4.2) that the device ignores: EthSigUtilV4 reproduces its
// digest, Strict and GoEthereum refuse it (ErrExtraField). array_of_structs and
// bare_minimum (an empty domain; bare_minimum has primaryType EIP712Domain) hash alike
// under Strict and EthSigUtilV4 and are refused by GoEthereum, as go-ethereum refuses an
// empty domain. Trezor's metamask_v4_compat: false fixture (struct_list_non_v4) signs
// another message hash for the same document as struct_list_v4 (the device's
// non-MetaMask encoding of struct arrays); no mode reproduces it.
//
// # Resource bounds
//
// Every entry point enforces its bound before the work it bounds, on input of any size:
//
//   - HashTypedData, ParseTypedData and the Mode methods: JSON nesting at most 128 levels
//     (ErrSyntax) and type names at most 64 array dimensions (ErrInvalidType); memory
//     O(len(typedData)), at most about 60 bytes allocated per input byte (a document of at
//     most 4 KiB is read on the parser's stacks instead: up to about 110 bytes per input
//     byte while the pools are cold, nothing once they are warm); at most 64 bytes
//     hashed per input byte plus 64 KiB (ErrTooComplex), which bounds the encodeType
//     strings of type sets that reference themselves all over and, in EthSigUtilV4, absent
//     members multiplied through arrays; ParseTypedData, seeing a type set for the first
//     time, adds at most 4 bytes hashed per byte of its "types" object (its typeHashes,
//     computed together, which documents are charged as they reach them). Fields are found
//     through an index, each type's encodeType is built once per type set (and charged
//     once per document), and error paths are rendered only for the error returned. A
//     fixed-size array type allocates nothing by its declared length.
//   - ParseType: O(len(encodeType)) work and memory (a sort of the dependencies aside):
//     names are found through maps, and only the primary type's encodeType is built.
//   - NewType: O(size of the dependencies' type set) per call; it is meant for types
//     defined in code, not for attacker-sized input (use ParseType for strings).
//   - TypedData.EncodeType: O(size of the document's types) per call.
//
// # Speed
//
// The JSON path reads a document in one pass into a tree held in pooled stacks and
// arenas (a document over 4 KiB is scanned first for the sizes of its lists), with no
// allocation per value. It keeps the compiled form of up to 64 type sets per mode (each
// "types" object of at most 16 KiB, keyed by its exact bytes), admitted on their second
// sight (ParseTypedData's on the first), so that one-off type sets do not churn the
// cache: a document whose types object is cached skips reading, checking, compiling and
// hashing it, and gets the verdict the same bytes got when they were compiled. Its
// keccak256 calls are deferred and run on eight lanes where the CPU has AVX-512
// (internal/keccak.Lanes; level by level elsewhere): each permutation advances up to
// eight hashes by one block, and a struct's hash absorbs each block as soon as the member
// hashes written into it are in, so the time goes with the longest chain of blocks that
// wait for each other, not with the number of hashes. HashTypedData reads the caller's
// bytes in place (nothing it keeps is made of them) and allocates nothing once the pools
// are warm, on a cached type set and on a new one alike; the second sight of a type set
// adds its compiled form to the cache. ParseTypedData copies the document, whose strings
// its result keeps.
// The Go-types path hashes as it goes, one permutation after the other.
//
// # Concurrency
//
// Types, Domain values and TypedData are immutable once built and safe for concurrent use;
// TypedData.EncodeType builds its result on each call and writes nothing shared. The cache
// of compiled type sets is shared by all goroutines: its entries are immutable but for
// each struct's typeHash, set atomically to the one value any goroutine computes for it,
// so any number of goroutines may hash documents at once. The package starts no
// goroutines.
package eip712
