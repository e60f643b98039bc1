package opstack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
	"github.com/interopkit/interop/lightclient"
)

// MaxOutputResponseSize bounds DecodeOutputResponse's input. op-node's answers are a few
// KiB (most of it syncStatus); 1 MiB leaves room for any future informational field.
const MaxOutputResponseSize = 1 << 20

// OutputResponse is what op-node's optimism_outputAtBlock returns (op-service/eth
// output.go OutputResponse; specs/protocol/rpc/rpc-optimism.md), reduced to what the
// output root commits to and the block it is for. The informational fields (blockRef's
// parentHash, timestamp, l1origin and sequenceNumber, and syncStatus) are read past,
// not kept: nothing verifies them.
type OutputResponse struct {
	Version               interop.Hash // bytes32(0): the only version defined
	OutputRoot            interop.Hash
	BlockHash             interop.Hash // blockRef.hash
	BlockNumber           uint64       // blockRef.number
	WithdrawalStorageRoot interop.Hash // L2ToL1MessagePasser's storage root
	StateRoot             interop.Hash
}

// Output is the response's output-root preimage.
func (r *OutputResponse) Output() OutputV0 {
	return OutputV0{StateRoot: r.StateRoot, MessagePasserStorageRoot: r.WithdrawalStorageRoot, BlockHash: r.BlockHash}
}

// Root is the response as a lightclient.Root of chain: an OutputRoot at BlockNumber. A
// node's answer is only as final as the caller's trust in the node; finality is Unsafe
// until the caller matches OutputRoot against a proposal proven from L1 (OracleProof).
func (r *OutputResponse) Root(chain interop.ChainID) lightclient.Root {
	return lightclient.Root{Chain: chain, Height: r.BlockNumber, Kind: lightclient.OutputRoot, Value: r.OutputRoot, Finality: lightclient.Unsafe}
}

// MarshalJSON writes the response's material fields in op-node's field names:
// {version, outputRoot, blockRef{hash, number}, withdrawalStorageRoot, stateRoot}.
// DecodeOutputResponse reads it back to the same value.
func (r OutputResponse) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 420)
	b = append(b, `{"version":"`...)
	b = append(b, r.Version.String()...)
	b = append(b, `","outputRoot":"`...)
	b = append(b, r.OutputRoot.String()...)
	b = append(b, `","blockRef":{"hash":"`...)
	b = append(b, r.BlockHash.String()...)
	b = append(b, `","number":`...)
	b = strconv.AppendUint(b, r.BlockNumber, 10)
	b = append(b, `},"withdrawalStorageRoot":"`...)
	b = append(b, r.WithdrawalStorageRoot.String()...)
	b = append(b, `","stateRoot":"`...)
	b = append(b, r.StateRoot.String()...)
	b = append(b, `"}`...)
	return b, nil
}

// UnmarshalJSON is DecodeOutputResponse, so that a struct holding an OutputResponse
// decodes as strictly (and checks the output root) under encoding/json.
func (r *OutputResponse) UnmarshalJSON(b []byte) error {
	v, err := DecodeOutputResponse(b)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// DecodeOutputResponse decodes an optimism_outputAtBlock answer, either the result object
// or the whole JSON-RPC envelope {"jsonrpc", "id", "result"} (an envelope carrying
// "error" is refused), and checks that outputRoot = keccak256(version ‖ stateRoot ‖
// withdrawalStorageRoot ‖ blockRef.hash) (ErrOutputMismatch).
//
// It is strict on what the root commits to: version, outputRoot, blockRef.hash,
// withdrawalStorageRoot and stateRoot must each appear once, as "0x" and 64 hex digits;
// blockRef.number once, as a canonical JSON integer of 64 bits; version must be zero
// (ErrOutputVersion). Every other field, syncStatus included, may be anything JSON and
// is skipped. Malformed JSON, a repeated or missing material field and trailing data are
// ErrOutputResponse.
//
// Bounds: input over MaxOutputResponseSize is refused before reading; the decoder then
// makes one pass, allocating per JSON token read (a small multiple of the input size) and
// nesting no deeper than encoding/json allows.
func DecodeOutputResponse(b []byte) (OutputResponse, error) {
	if len(b) > MaxOutputResponseSize {
		return OutputResponse{}, fmt.Errorf("%w: %d bytes, max %d", ErrOutputResponse, len(b), MaxOutputResponseSize)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	r, err := decodeOutputResponse(dec)
	if err != nil {
		return OutputResponse{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return OutputResponse{}, fmt.Errorf("%w: data after the response", ErrOutputResponse)
	}
	if r.Version != (interop.Hash{}) {
		return OutputResponse{}, fmt.Errorf("%w: version %s", ErrOutputVersion, r.Version)
	}
	o := r.Output()
	if got := o.Root(); got != r.OutputRoot {
		return OutputResponse{}, fmt.Errorf("%w: preimage hashes to %s, response says %s", ErrOutputMismatch, got, r.OutputRoot)
	}
	return r, nil
}

// Material fields, as bits of a seen-mask.
const (
	fVersion = 1 << iota
	fOutputRoot
	fBlockRef
	fWithdrawal
	fStateRoot
	fAll = fVersion | fOutputRoot | fBlockRef | fWithdrawal | fStateRoot
)

func decodeOutputResponse(dec *json.Decoder) (OutputResponse, error) {
	var r OutputResponse
	var seen, envelope int
	const fResult, fJSONRPC = 1, 2
	err := jsontok.EachField(dec, ErrOutputResponse, func(key string) error {
		bit := 0
		var dst *interop.Hash
		switch key {
		case "version":
			bit, dst = fVersion, &r.Version
		case "outputRoot":
			bit, dst = fOutputRoot, &r.OutputRoot
		case "withdrawalStorageRoot":
			bit, dst = fWithdrawal, &r.WithdrawalStorageRoot
		case "stateRoot":
			bit, dst = fStateRoot, &r.StateRoot
		case "blockRef":
			bit = fBlockRef
		case "result":
			if seen != 0 || envelope&fResult != 0 {
				return fmt.Errorf("%w: result beside output fields or twice", ErrOutputResponse)
			}
			envelope |= fResult
			inner, err := decodeOutputResponse(dec)
			if err != nil {
				return err
			}
			r, seen = inner, fAll
			return nil
		case "error":
			return fmt.Errorf("%w: JSON-RPC error response", ErrOutputResponse)
		case "jsonrpc":
			envelope |= fJSONRPC
			return jsontok.SkipValue(dec, ErrOutputResponse)
		default:
			return jsontok.SkipValue(dec, ErrOutputResponse)
		}
		if seen&bit != 0 {
			return fmt.Errorf("%w: %s given twice", ErrOutputResponse, key)
		}
		if envelope&fResult != 0 {
			return fmt.Errorf("%w: %s beside result", ErrOutputResponse, key)
		}
		seen |= bit
		if dst != nil {
			return readHash(dec, dst, key)
		}
		return decodeBlockRef(dec, &r)
	})
	if err != nil {
		return OutputResponse{}, err
	}
	if envelope == fJSONRPC {
		return OutputResponse{}, fmt.Errorf("%w: JSON-RPC envelope without result", ErrOutputResponse)
	}
	if seen != fAll {
		return OutputResponse{}, fmt.Errorf("%w: missing field(s) (have mask %05b of %05b)", ErrOutputResponse, seen, fAll)
	}
	return r, nil
}

func decodeBlockRef(dec *json.Decoder, r *OutputResponse) error {
	var hash, number bool
	err := jsontok.EachField(dec, ErrOutputResponse, func(key string) error {
		switch key {
		case "hash":
			if hash {
				return fmt.Errorf("%w: blockRef.hash given twice", ErrOutputResponse)
			}
			hash = true
			return readHash(dec, &r.BlockHash, "blockRef.hash")
		case "number":
			if number {
				return fmt.Errorf("%w: blockRef.number given twice", ErrOutputResponse)
			}
			number = true
			n, err := readUint64(dec, "blockRef.number")
			r.BlockNumber = n
			return err
		default:
			return jsontok.SkipValue(dec, ErrOutputResponse)
		}
	})
	if err != nil {
		return err
	}
	if !hash || !number {
		return fmt.Errorf("%w: blockRef without hash or number", ErrOutputResponse)
	}
	return nil
}

func readHash(dec *json.Decoder, dst *interop.Hash, name string) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrOutputResponse, name, err)
	}
	s, ok := t.(string)
	if !ok {
		return fmt.Errorf("%w: %s is %v, not a string", ErrOutputResponse, name, t)
	}
	if err := dst.UnmarshalText([]byte(s)); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrOutputResponse, name, err)
	}
	return nil
}

var errNotCanonical = errors.New("not a canonical decimal")

func readUint64(dec *json.Decoder, name string) (uint64, error) {
	t, err := dec.Token()
	if err != nil {
		return 0, fmt.Errorf("%w: %s: %v", ErrOutputResponse, name, err)
	}
	n, ok := t.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%w: %s is %v, not a number", ErrOutputResponse, name, t)
	}
	s := string(n)
	if len(s) == 0 || len(s) > 20 || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("%w: %s %.24q: %w", ErrOutputResponse, name, s, errNotCanonical)
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s %.24q: %w", ErrOutputResponse, name, s, errNotCanonical)
	}
	return v, nil
}
