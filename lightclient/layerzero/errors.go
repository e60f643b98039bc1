package layerzero

import (
	"errors"
	"fmt"
)

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
// Rejecting verdicts of the package's verifiers wrap them too.
var (
	// ErrPacketLength: a packet shorter than header and GUID, a header that is not exactly
	// HeaderSize bytes, or a message over MaxMessageSize.
	ErrPacketLength = errors.New("layerzero: bad packet length")
	// ErrPacketVersion: a packet or header whose version byte is not PacketVersion.
	ErrPacketVersion = errors.New("layerzero: bad packet version")
	// ErrGUID: a packet whose guid is not GUID.generate of its header.
	ErrGUID = errors.New("layerzero: guid does not match header")
	// ErrCallData: DVN call data that is not a canonical IReceiveUlnE2.verify call.
	ErrCallData = errors.New("layerzero: malformed verify call data")
	// ErrExecuteParam: bytes that are not a canonical ABI encoding of a DVN ExecuteParam.
	ErrExecuteParam = errors.New("layerzero: malformed ExecuteParam")
	// ErrAttestations: attestation bytes that are not a canonical ABI encoding of
	// (address, ExecuteParam)[], or whose DVN addresses are not strictly ascending.
	ErrAttestations = errors.New("layerzero: malformed attestations")
	// ErrNoAttestation: a configured DVN has no attestation.
	ErrNoAttestation = errors.New("layerzero: no attestation from DVN")
	// ErrVID: an ExecuteParam whose vid is not the DVN's (DVN_InvalidVid).
	ErrVID = errors.New("layerzero: wrong vid")
	// ErrTarget: an ExecuteParam whose target is not the receive library.
	ErrTarget = errors.New("layerzero: wrong target")
	// ErrExpired: an ExecuteParam whose expiration is not after the given time
	// (DVN_InstructionExpired).
	ErrExpired = errors.New("layerzero: instruction expired")
	// ErrQuorum: signature bytes that are not exactly quorum × 65 long (MultiSig
	// SignatureError), which is how too few signatures fail.
	ErrQuorum = errors.New("layerzero: signatures do not match quorum")
	// ErrSignature: a signature that does not recover under OpenZeppelin
	// ECDSA.tryRecover's rules (v 27 or 28, s at most n/2, a valid point).
	ErrSignature = errors.New("layerzero: invalid signature")
	// ErrSignerOrder: a recovered signer not strictly above the previous one (MultiSig
	// DuplicatedSigner): a repeated or out-of-order signer.
	ErrSignerOrder = errors.New("layerzero: signers not strictly ascending")
	// ErrUnknownSigner: a recovered signer outside the DVN's signer set
	// (SignerNotInCommittee).
	ErrUnknownSigner = errors.New("layerzero: signer not in DVN committee")
	// ErrConfirmations: a DVN vouched for fewer block confirmations than the receive
	// library's config requires.
	ErrConfirmations = errors.New("layerzero: too few confirmations")
	// ErrNotSubmitted: the receive library's storage holds no submitted verification for
	// the DVN.
	ErrNotSubmitted = errors.New("layerzero: verification not submitted")
	// ErrStorage: a storage proof that does not prove the receive library's slot, or a
	// slot value that ReceiveUlnBase could not have written.
	ErrStorage = errors.New("layerzero: bad storage proof")
	// ErrWrongDomain: a claim whose route, epoch or digest is not the packet's, or a
	// packet for another destination than the receive library's endpoint.
	ErrWrongDomain = errors.New("layerzero: wrong domain")
	// ErrConfig: a DVN or ULN configuration the contracts would not accept.
	ErrConfig = errors.New("layerzero: invalid configuration")
)

func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
