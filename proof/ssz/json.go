package ssz

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
)

// The Beacon API carries these containers as JSON objects with snake_case keys, integers
// as decimal strings and byte strings as 0x-prefixed hex. Decoding is strict about values
// (every field present, integers canonical and in range, byte strings of their exact
// length) and ignores keys it does not know, as Beacon-API clients must.

// jsonUint is a uint64 as a decimal JSON string, canonical: no sign, no leading zeros.
type jsonUint uint64

func (v *jsonUint) UnmarshalJSON(b []byte) error {
	s, err := decimalString(b, 20)
	if err != nil {
		return err
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: uint64 %q out of range", ErrField, s)
	}
	*v = jsonUint(n)
	return nil
}

func (v jsonUint) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, strconv.FormatUint(uint64(v), 10)), nil
}

// jsonUint256 is a uint256 as a decimal JSON string.
type jsonUint256 uint256.Int

func (v *jsonUint256) UnmarshalJSON(b []byte) error {
	s, err := decimalString(b, 78)
	if err != nil {
		return err
	}
	if err := (*uint256.Int)(v).SetFromDecimal(s); err != nil {
		return fmt.Errorf("%w: uint256 %q: %v", ErrField, s, err)
	}
	return nil
}

func (v *jsonUint256) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, (*uint256.Int)(v).Dec()), nil
}

func decimalString(b []byte, maxDigits int) (string, error) {
	digits, err := interop.DecimalJSON(b, false)
	if err != nil {
		return "", fmt.Errorf("%w: integer: %w", ErrField, err)
	}
	if len(digits) > maxDigits || !interop.IsCanonicalDecimal(digits) {
		return "", fmt.Errorf("%w: non-canonical decimal %.24q", ErrField, digits)
	}
	return string(digits), nil // at most maxDigits bytes
}

// decodeList decodes the JSON array raw into dst after checking, before any element is
// allocated, that it has at most limit elements (ErrField); the slice is allocated once.
func decodeList[T any](raw []byte, limit int, name string, dst *[]T) error {
	n, ok := jsontok.ArrayLen(raw)
	if !ok {
		return json.Unmarshal(raw, dst)
	}
	if n > limit {
		return fmt.Errorf("%w: %s of %d items, max %d", ErrField, name, n, limit)
	}
	s := make([]T, 0, n)
	if err := json.Unmarshal(raw, &s); err != nil {
		return err
	}
	*dst = s
	return nil
}

// pubkeysJSON is a JSON list of pubkeys, refused above MaxSyncCommitteeSize before its
// elements are decoded.
type pubkeysJSON []interop.Bytes

func (l *pubkeysJSON) UnmarshalJSON(raw []byte) error {
	return decodeList(raw, MaxSyncCommitteeSize, "pubkeys", (*[]interop.Bytes)(l))
}

// branchJSON is a JSON Merkle branch, refused above MaxDepth nodes (no branch of a uint64
// generalized index is longer) before its nodes are decoded; containers then check the
// exact depth of their fork.
type branchJSON []interop.Hash

func (l *branchJSON) UnmarshalJSON(raw []byte) error {
	return decodeList(raw, MaxDepth, "branch", (*[]interop.Hash)(l))
}

// fixedHex copies hex bytes of exactly len(dst) bytes into dst.
func fixedHex(dst []byte, b *interop.Bytes, name string) error {
	if b == nil {
		return missing(name)
	}
	if len(*b) != len(dst) {
		return fmt.Errorf("%w: %s of %d bytes, want %d", ErrField, name, len(*b), len(dst))
	}
	copy(dst, *b)
	return nil
}

func missing(name string) error { return fmt.Errorf("%w: %s missing", ErrField, name) }

// present fails on the first missing field, named in order with the pointers' fields.
func present(names []string, ptrs ...bool) error {
	for i, ok := range ptrs {
		if !ok {
			return missing(names[i])
		}
	}
	return nil
}

type beaconHeaderJSON struct {
	Slot          *jsonUint     `json:"slot"`
	ProposerIndex *jsonUint     `json:"proposer_index"`
	ParentRoot    *interop.Hash `json:"parent_root"`
	StateRoot     *interop.Hash `json:"state_root"`
	BodyRoot      *interop.Hash `json:"body_root"`
}

// MarshalJSON encodes h in Beacon-API form.
func (h BeaconBlockHeader) MarshalJSON() ([]byte, error) {
	s, p := jsonUint(h.Slot), jsonUint(h.ProposerIndex)
	return json.Marshal(beaconHeaderJSON{&s, &p, &h.ParentRoot, &h.StateRoot, &h.BodyRoot})
}

// UnmarshalJSON decodes h from Beacon-API form; every field must be present.
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (h *BeaconBlockHeader) UnmarshalJSON(b []byte) error {
	var j beaconHeaderJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("BeaconBlockHeader: %w: %v", ErrField, err)
	}
	if err := present([]string{"slot", "proposer_index", "parent_root", "state_root", "body_root"},
		j.Slot != nil, j.ProposerIndex != nil, j.ParentRoot != nil, j.StateRoot != nil, j.BodyRoot != nil); err != nil {
		return fmt.Errorf("BeaconBlockHeader: %w", err)
	}
	*h = BeaconBlockHeader{uint64(*j.Slot), uint64(*j.ProposerIndex), *j.ParentRoot, *j.StateRoot, *j.BodyRoot}
	return nil
}

type syncCommitteeJSON struct {
	Pubkeys         pubkeysJSON    `json:"pubkeys"`
	AggregatePubkey *interop.Bytes `json:"aggregate_pubkey"`
}

// MarshalJSON encodes c in Beacon-API form.
func (c SyncCommittee) MarshalJSON() ([]byte, error) {
	j := syncCommitteeJSON{Pubkeys: make([]interop.Bytes, len(c.Pubkeys))}
	for i := range c.Pubkeys {
		j.Pubkeys[i] = c.Pubkeys[i][:]
	}
	agg := interop.Bytes(c.AggregatePubkey[:])
	j.AggregatePubkey = &agg
	return json.Marshal(j)
}

// UnmarshalJSON decodes c from Beacon-API form. It takes between 1 and
// MaxSyncCommitteeSize pubkeys; containers check the count against each other.
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (c *SyncCommittee) UnmarshalJSON(b []byte) error {
	var j syncCommitteeJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("SyncCommittee: %w: %v", ErrField, err)
	}
	if len(j.Pubkeys) == 0 || len(j.Pubkeys) > MaxSyncCommitteeSize {
		return fmt.Errorf("SyncCommittee: %w: %d pubkeys", ErrField, len(j.Pubkeys))
	}
	out := SyncCommittee{Pubkeys: make([]BLSPubkey, len(j.Pubkeys))}
	for i := range j.Pubkeys {
		if err := fixedHex(out.Pubkeys[i][:], &j.Pubkeys[i], "pubkey"); err != nil {
			return fmt.Errorf("SyncCommittee: %w", err)
		}
	}
	if err := fixedHex(out.AggregatePubkey[:], j.AggregatePubkey, "aggregate_pubkey"); err != nil {
		return fmt.Errorf("SyncCommittee: %w", err)
	}
	*c = out
	return nil
}

type syncAggregateJSON struct {
	Bits      *interop.Bytes `json:"sync_committee_bits"`
	Signature *interop.Bytes `json:"sync_committee_signature"`
}

// MarshalJSON encodes a in Beacon-API form.
func (a SyncAggregate) MarshalJSON() ([]byte, error) {
	bits, sig := interop.Bytes(a.SyncCommitteeBits), interop.Bytes(a.SyncCommitteeSignature[:])
	return json.Marshal(syncAggregateJSON{&bits, &sig})
}

// UnmarshalJSON decodes a from Beacon-API form. The bits must be 1 to
// MaxSyncCommitteeSize/8 bytes; containers check them against the committee size.
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (a *SyncAggregate) UnmarshalJSON(b []byte) error {
	var j syncAggregateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("SyncAggregate: %w: %v", ErrField, err)
	}
	if j.Bits == nil {
		return fmt.Errorf("SyncAggregate: %w", missing("sync_committee_bits"))
	}
	if len(*j.Bits) == 0 || len(*j.Bits) > MaxSyncCommitteeSize/8 {
		return fmt.Errorf("SyncAggregate: %w: %d bytes of bits", ErrField, len(*j.Bits))
	}
	var out SyncAggregate
	if err := fixedHex(out.SyncCommitteeSignature[:], j.Signature, "sync_committee_signature"); err != nil {
		return fmt.Errorf("SyncAggregate: %w", err)
	}
	out.SyncCommitteeBits = []byte(*j.Bits)
	*a = out
	return nil
}

type executionJSON struct {
	ParentHash       *interop.Hash    `json:"parent_hash"`
	FeeRecipient     *interop.Address `json:"fee_recipient"`
	StateRoot        *interop.Hash    `json:"state_root"`
	ReceiptsRoot     *interop.Hash    `json:"receipts_root"`
	LogsBloom        *interop.Bytes   `json:"logs_bloom"`
	PrevRandao       *interop.Hash    `json:"prev_randao"`
	BlockNumber      *jsonUint        `json:"block_number"`
	GasLimit         *jsonUint        `json:"gas_limit"`
	GasUsed          *jsonUint        `json:"gas_used"`
	Timestamp        *jsonUint        `json:"timestamp"`
	ExtraData        *interop.Bytes   `json:"extra_data"`
	BaseFeePerGas    *jsonUint256     `json:"base_fee_per_gas"`
	BlockHash        *interop.Hash    `json:"block_hash"`
	TransactionsRoot *interop.Hash    `json:"transactions_root"`
	WithdrawalsRoot  *interop.Hash    `json:"withdrawals_root"`
	BlobGasUsed      *jsonUint        `json:"blob_gas_used,omitempty"`
	ExcessBlobGas    *jsonUint        `json:"excess_blob_gas,omitempty"`
}

// MarshalJSON encodes e in Beacon-API form for its Fork (the blob fields from Deneb on).
func (e ExecutionPayloadHeader) MarshalJSON() ([]byte, error) { return e.toJSON(e.Fork) }

func (e *ExecutionPayloadHeader) toJSON(f Fork) ([]byte, error) {
	if err := e.check(f); err != nil {
		return nil, err
	}
	bloom, extra := interop.Bytes(e.LogsBloom[:]), interop.Bytes(e.ExtraData)
	if extra == nil {
		extra = interop.Bytes{}
	}
	n, gl, gu, ts := jsonUint(e.BlockNumber), jsonUint(e.GasLimit), jsonUint(e.GasUsed), jsonUint(e.Timestamp)
	base := jsonUint256(e.BaseFeePerGas)
	j := executionJSON{&e.ParentHash, &e.FeeRecipient, &e.StateRoot, &e.ReceiptsRoot, &bloom, &e.PrevRandao,
		&n, &gl, &gu, &ts, &extra, &base, &e.BlockHash, &e.TransactionsRoot, &e.WithdrawalsRoot, nil, nil}
	if f >= Deneb {
		bu, eb := jsonUint(e.BlobGasUsed), jsonUint(e.ExcessBlobGas)
		j.BlobGasUsed, j.ExcessBlobGas = &bu, &eb
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes e from Beacon-API form. On its own the JSON does not name a
// fork, so e.Fork becomes Deneb when the blob fields are present and Capella when they
// are absent; containers check the fields against their version instead.
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (e *ExecutionPayloadHeader) UnmarshalJSON(b []byte) error {
	var j executionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("ExecutionPayloadHeader: %w: %v", ErrField, err)
	}
	f := Capella
	if j.BlobGasUsed != nil || j.ExcessBlobGas != nil {
		f = Deneb
	}
	return e.fromJSON(f, &j)
}

func (e *ExecutionPayloadHeader) fromJSON(f Fork, j *executionJSON) error {
	if err := present([]string{"parent_hash", "fee_recipient", "state_root", "receipts_root", "prev_randao",
		"block_number", "gas_limit", "gas_used", "timestamp", "extra_data", "base_fee_per_gas", "block_hash",
		"transactions_root", "withdrawals_root"},
		j.ParentHash != nil, j.FeeRecipient != nil, j.StateRoot != nil, j.ReceiptsRoot != nil, j.PrevRandao != nil,
		j.BlockNumber != nil, j.GasLimit != nil, j.GasUsed != nil, j.Timestamp != nil, j.ExtraData != nil,
		j.BaseFeePerGas != nil, j.BlockHash != nil, j.TransactionsRoot != nil, j.WithdrawalsRoot != nil); err != nil {
		return fmt.Errorf("ExecutionPayloadHeader: %w", err)
	}
	hasBlob := j.BlobGasUsed != nil && j.ExcessBlobGas != nil
	if f >= Deneb && !hasBlob {
		return fmt.Errorf("ExecutionPayloadHeader: %w: %v header without blob_gas_used and excess_blob_gas", ErrField, f)
	}
	if f < Deneb && (j.BlobGasUsed != nil || j.ExcessBlobGas != nil) {
		return fmt.Errorf("ExecutionPayloadHeader: %w: %v header with blob fields", ErrField, f)
	}
	if len(*j.ExtraData) > MaxExtraDataBytes {
		return fmt.Errorf("ExecutionPayloadHeader: %w: extra_data of %d bytes, max %d", ErrField, len(*j.ExtraData), MaxExtraDataBytes)
	}
	out := ExecutionPayloadHeader{
		Fork: f, ParentHash: *j.ParentHash, FeeRecipient: *j.FeeRecipient, StateRoot: *j.StateRoot,
		ReceiptsRoot: *j.ReceiptsRoot, PrevRandao: *j.PrevRandao, BlockNumber: uint64(*j.BlockNumber),
		GasLimit: uint64(*j.GasLimit), GasUsed: uint64(*j.GasUsed), Timestamp: uint64(*j.Timestamp),
		ExtraData: append([]byte{}, *j.ExtraData...), BaseFeePerGas: uint256.Int(*j.BaseFeePerGas),
		BlockHash: *j.BlockHash, TransactionsRoot: *j.TransactionsRoot, WithdrawalsRoot: *j.WithdrawalsRoot,
	}
	if err := fixedHex(out.LogsBloom[:], j.LogsBloom, "logs_bloom"); err != nil {
		return fmt.Errorf("ExecutionPayloadHeader: %w", err)
	}
	if hasBlob {
		out.BlobGasUsed, out.ExcessBlobGas = uint64(*j.BlobGasUsed), uint64(*j.ExcessBlobGas)
	}
	*e = out
	return nil
}

type lightClientHeaderJSON struct {
	Beacon          *BeaconBlockHeader `json:"beacon"`
	Execution       *executionJSON     `json:"execution,omitempty"`
	ExecutionBranch branchJSON         `json:"execution_branch,omitempty"`
}

// MarshalJSON encodes h in Beacon-API form for its Fork.
func (h LightClientHeader) MarshalJSON() ([]byte, error) { return h.toJSON(h.Fork) }

func (h *LightClientHeader) toJSON(f Fork) ([]byte, error) {
	if err := h.check(f); err != nil {
		return nil, err
	}
	if !f.HasExecution() {
		return json.Marshal(lightClientHeaderJSON{Beacon: &h.Beacon})
	}
	exec, err := h.Execution.toJSON(f)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Beacon          *BeaconBlockHeader `json:"beacon"`
		Execution       json.RawMessage    `json:"execution"`
		ExecutionBranch []interop.Hash     `json:"execution_branch"`
	}{&h.Beacon, exec, h.ExecutionBranch[:]})
}

// UnmarshalJSON decodes h from Beacon-API form, setting h.Fork from its shape: Altair
// without execution fields, else Capella or Deneb as ExecutionPayloadHeader.UnmarshalJSON
// decides. Containers decode their headers with their version instead.
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (h *LightClientHeader) UnmarshalJSON(b []byte) error {
	var j lightClientHeaderJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("LightClientHeader: %w: %v", ErrField, err)
	}
	f := Altair
	if j.Execution != nil {
		f = Capella
		if j.Execution.BlobGasUsed != nil || j.Execution.ExcessBlobGas != nil {
			f = Deneb
		}
	}
	return h.fromJSON(f, &j)
}

func (h *LightClientHeader) fromJSON(f Fork, j *lightClientHeaderJSON) error {
	if j == nil {
		return missing("header")
	}
	if j.Beacon == nil {
		return fmt.Errorf("LightClientHeader: %w", missing("beacon"))
	}
	out := LightClientHeader{Fork: f, Beacon: *j.Beacon}
	if !f.HasExecution() {
		if j.Execution != nil || j.ExecutionBranch != nil {
			return fmt.Errorf("LightClientHeader: %w: %v header with execution fields", ErrField, f)
		}
		*h = out
		return nil
	}
	if j.Execution == nil {
		return fmt.Errorf("LightClientHeader: %w", missing("execution"))
	}
	if err := out.Execution.fromJSON(f, j.Execution); err != nil {
		return err
	}
	if len(j.ExecutionBranch) != ExecutionBranchDepth {
		return fmt.Errorf("LightClientHeader: %w: execution_branch of %d nodes, want %d", ErrField, len(j.ExecutionBranch), ExecutionBranchDepth)
	}
	copy(out.ExecutionBranch[:], j.ExecutionBranch)
	*h = out
	return nil
}

// envelope is the Beacon API's {"version": fork name, "data": object}.
type envelope struct {
	Version *string         `json:"version"`
	Data    json.RawMessage `json:"data"`
}

func openEnvelope(name string, b []byte) (Fork, json.RawMessage, error) {
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return 0, nil, fmt.Errorf("%s: %w: %v", name, ErrField, err)
	}
	if env.Version == nil || env.Data == nil {
		return 0, nil, fmt.Errorf("%s: %w: want {\"version\", \"data\"}", name, ErrField)
	}
	f, err := ParseFork(*env.Version)
	if err == nil {
		err = f.check()
	}
	if err != nil {
		return 0, nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, env.Data, nil
}

// checkBare checks, for an explicit-fork decoder of container name, that f has
// light-client types (ErrFork) and that b is a bare object, not a {"version", "data"}
// envelope (ErrField), which would otherwise fail with a less helpful missing field.
func checkBare(name string, f Fork, b []byte) error {
	if err := f.check(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var env envelope
	if json.Unmarshal(b, &env) == nil && env.Version != nil && env.Data != nil {
		return fmt.Errorf("%s: %w: a {\"version\", \"data\"} envelope, not the bare data object (use UnmarshalJSON)", name, ErrField)
	}
	return nil
}

func sealEnvelope(f Fork, data any) ([]byte, error) {
	d, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Version string          `json:"version"`
		Data    json.RawMessage `json:"data"`
	}{f.String(), d})
}

// headersToJSON encodes a container's attested and finalized headers in fork f.
func headersToJSON(f Fork, attested, finalized *LightClientHeader) (att, fin json.RawMessage, err error) {
	if att, err = attested.toJSON(f); err != nil {
		return nil, nil, err
	}
	if fin, err = finalized.toJSON(f); err != nil {
		return nil, nil, err
	}
	return att, fin, nil
}

// headersFromJSON decodes a container's attested and finalized headers in fork f; name
// prefixes the error with the container and field.
func headersFromJSON(name string, f Fork, j *updateJSON, attested, finalized *LightClientHeader) error {
	if err := attested.fromJSON(f, j.Attested); err != nil {
		return fmt.Errorf("%s.attested_header: %w", name, err)
	}
	if err := finalized.fromJSON(f, j.Finalized); err != nil {
		return fmt.Errorf("%s.finalized_header: %w", name, err)
	}
	return nil
}

// checkAggregate checks that bits fit a committee of n members: ceil(n/8) bytes with the
// padding bits zero.
func checkAggregate(a *SyncAggregate, n int) error {
	if len(a.SyncCommitteeBits) != bitvectorLen(n) {
		return fmt.Errorf("%w: %d bytes of sync committee bits for %d members", ErrField, len(a.SyncCommitteeBits), n)
	}
	return checkBitvector(a.SyncCommitteeBits, n)
}

type bootstrapJSON struct {
	Header *lightClientHeaderJSON `json:"header"`
	SC     *SyncCommittee         `json:"current_sync_committee"`
	Branch branchJSON             `json:"current_sync_committee_branch"`
}

// MarshalJSON encodes b as the Beacon API's {"version", "data"} response.
func (b LightClientBootstrap) MarshalJSON() ([]byte, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	header, err := b.Header.toJSON(b.Fork)
	if err != nil {
		return nil, err
	}
	return sealEnvelope(b.Fork, struct {
		Header json.RawMessage `json:"header"`
		SC     *SyncCommittee  `json:"current_sync_committee"`
		Branch []interop.Hash  `json:"current_sync_committee_branch"`
	}{header, &b.CurrentSyncCommittee, b.CurrentSyncCommitteeBranch})
}

// UnmarshalJSON decodes the Beacon API's {"version", "data"} bootstrap response
// (/eth/v1/beacon/light_client/bootstrap). The version sets the fork; the sync committee
// size is the number of pubkeys.
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (b *LightClientBootstrap) UnmarshalJSON(data []byte) error {
	f, raw, err := openEnvelope("LightClientBootstrap", data)
	if err != nil {
		return err
	}
	return b.fromJSON(f, raw)
}

// UnmarshalJSONFork decodes the bare "data" object of a bootstrap response, without the
// {"version", "data"} envelope, as the given fork's LightClientBootstrap: for callers
// that stored or received the object alone and know its fork (from the slot and the
// chain's fork schedule, or from an Eth-Consensus-Version header). The object must have
// exactly that fork's shape: a header with or without execution fields, or with or without
// the blob fields, or a branch of another depth, is refused (ErrField), as is an envelope.
//
// Resource bound: as UnmarshalJSON.
func (b *LightClientBootstrap) UnmarshalJSONFork(f Fork, data []byte) error {
	if err := checkBare("LightClientBootstrap", f, data); err != nil {
		return err
	}
	return b.fromJSON(f, data)
}

func (b *LightClientBootstrap) fromJSON(f Fork, data []byte) error {
	var j bootstrapJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("LightClientBootstrap: %w: %v", ErrField, err)
	}
	out := LightClientBootstrap{Fork: f, CurrentSyncCommitteeBranch: j.Branch}
	if err := out.Header.fromJSON(f, j.Header); err != nil {
		return fmt.Errorf("LightClientBootstrap.header: %w", err)
	}
	if j.SC == nil {
		return fmt.Errorf("LightClientBootstrap: %w", missing("current_sync_committee"))
	}
	out.CurrentSyncCommittee = *j.SC
	if err := out.check(); err != nil {
		return fmt.Errorf("LightClientBootstrap: %w", err)
	}
	*b = out
	return nil
}

type updateJSON struct {
	Attested      *lightClientHeaderJSON `json:"attested_header"`
	NextSC        *SyncCommittee         `json:"next_sync_committee"`
	NextSCBranch  branchJSON             `json:"next_sync_committee_branch"`
	Finalized     *lightClientHeaderJSON `json:"finalized_header"`
	FinBranch     branchJSON             `json:"finality_branch"`
	SyncAggregate *SyncAggregate         `json:"sync_aggregate"`
	SignatureSlot *jsonUint              `json:"signature_slot"`
}

// MarshalJSON encodes u as the Beacon API's {"version", "data"} object.
func (u LightClientUpdate) MarshalJSON() ([]byte, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	att, fin, err := headersToJSON(u.Fork, &u.AttestedHeader, &u.FinalizedHeader)
	if err != nil {
		return nil, err
	}
	slot := jsonUint(u.SignatureSlot)
	return sealEnvelope(u.Fork, struct {
		Attested      json.RawMessage `json:"attested_header"`
		NextSC        *SyncCommittee  `json:"next_sync_committee"`
		NextSCBranch  []interop.Hash  `json:"next_sync_committee_branch"`
		Finalized     json.RawMessage `json:"finalized_header"`
		FinBranch     []interop.Hash  `json:"finality_branch"`
		SyncAggregate *SyncAggregate  `json:"sync_aggregate"`
		SignatureSlot jsonUint        `json:"signature_slot"`
	}{att, &u.NextSyncCommittee, u.NextSyncCommitteeBranch, fin, u.FinalityBranch, &u.SyncAggregate, slot})
}

// UnmarshalJSON decodes one {"version", "data"} element of the Beacon API's updates
// response (/eth/v1/beacon/light_client/updates), so a JSON array of them decodes into a
// []LightClientUpdate. The committee size is the number of next_sync_committee pubkeys.
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (u *LightClientUpdate) UnmarshalJSON(data []byte) error {
	f, raw, err := openEnvelope("LightClientUpdate", data)
	if err != nil {
		return err
	}
	return u.fromJSON(f, raw)
}

// UnmarshalJSONFork decodes the bare "data" object of one element of an updates response,
// without the {"version", "data"} envelope, as the given fork's LightClientUpdate. The
// object must have exactly that fork's shape (ErrField otherwise, and for an envelope), as
// LightClientBootstrap.UnmarshalJSONFork says.
//
// Resource bound: as UnmarshalJSON.
func (u *LightClientUpdate) UnmarshalJSONFork(f Fork, data []byte) error {
	if err := checkBare("LightClientUpdate", f, data); err != nil {
		return err
	}
	return u.fromJSON(f, data)
}

func (u *LightClientUpdate) fromJSON(f Fork, data []byte) error {
	var j updateJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("LightClientUpdate: %w: %v", ErrField, err)
	}
	if err := present([]string{"next_sync_committee", "sync_aggregate", "signature_slot"},
		j.NextSC != nil, j.SyncAggregate != nil, j.SignatureSlot != nil); err != nil {
		return fmt.Errorf("LightClientUpdate: %w", err)
	}
	out := LightClientUpdate{Fork: f, NextSyncCommittee: *j.NextSC, NextSyncCommitteeBranch: j.NextSCBranch,
		FinalityBranch: j.FinBranch, SyncAggregate: *j.SyncAggregate, SignatureSlot: uint64(*j.SignatureSlot)}
	if err := headersFromJSON("LightClientUpdate", f, &j, &out.AttestedHeader, &out.FinalizedHeader); err != nil {
		return err
	}
	if err := out.check(); err != nil {
		return fmt.Errorf("LightClientUpdate: %w", err)
	}
	if err := checkAggregate(&out.SyncAggregate, len(out.NextSyncCommittee.Pubkeys)); err != nil {
		return fmt.Errorf("LightClientUpdate: %w", err)
	}
	*u = out
	return nil
}

// MarshalJSON encodes u as the Beacon API's {"version", "data"} object.
func (u LightClientFinalityUpdate) MarshalJSON() ([]byte, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	att, fin, err := headersToJSON(u.Fork, &u.AttestedHeader, &u.FinalizedHeader)
	if err != nil {
		return nil, err
	}
	slot := jsonUint(u.SignatureSlot)
	return sealEnvelope(u.Fork, struct {
		Attested      json.RawMessage `json:"attested_header"`
		Finalized     json.RawMessage `json:"finalized_header"`
		FinBranch     []interop.Hash  `json:"finality_branch"`
		SyncAggregate *SyncAggregate  `json:"sync_aggregate"`
		SignatureSlot jsonUint        `json:"signature_slot"`
	}{att, fin, u.FinalityBranch, &u.SyncAggregate, slot})
}

// UnmarshalJSON decodes the Beacon API's {"version", "data"} finality update
// (/eth/v1/beacon/light_client/finality_update).
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (u *LightClientFinalityUpdate) UnmarshalJSON(data []byte) error {
	f, raw, err := openEnvelope("LightClientFinalityUpdate", data)
	if err != nil {
		return err
	}
	return u.fromJSON(f, raw)
}

// UnmarshalJSONFork decodes the bare "data" object of a finality update, without the
// {"version", "data"} envelope, as the given fork's LightClientFinalityUpdate. The object
// must have exactly that fork's shape (ErrField otherwise, and for an envelope), as
// LightClientBootstrap.UnmarshalJSONFork says.
//
// Resource bound: as UnmarshalJSON.
func (u *LightClientFinalityUpdate) UnmarshalJSONFork(f Fork, data []byte) error {
	if err := checkBare("LightClientFinalityUpdate", f, data); err != nil {
		return err
	}
	return u.fromJSON(f, data)
}

func (u *LightClientFinalityUpdate) fromJSON(f Fork, data []byte) error {
	var j updateJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("LightClientFinalityUpdate: %w: %v", ErrField, err)
	}
	if err := present([]string{"sync_aggregate", "signature_slot"}, j.SyncAggregate != nil, j.SignatureSlot != nil); err != nil {
		return fmt.Errorf("LightClientFinalityUpdate: %w", err)
	}
	out := LightClientFinalityUpdate{Fork: f, FinalityBranch: j.FinBranch, SyncAggregate: *j.SyncAggregate,
		SignatureSlot: uint64(*j.SignatureSlot)}
	if err := headersFromJSON("LightClientFinalityUpdate", f, &j, &out.AttestedHeader, &out.FinalizedHeader); err != nil {
		return err
	}
	if err := out.check(); err != nil {
		return fmt.Errorf("LightClientFinalityUpdate: %w", err)
	}
	*u = out
	return nil
}

// MarshalJSON encodes u as the Beacon API's {"version", "data"} object.
func (u LightClientOptimisticUpdate) MarshalJSON() ([]byte, error) {
	if err := u.Fork.check(); err != nil {
		return nil, err
	}
	att, err := u.AttestedHeader.toJSON(u.Fork)
	if err != nil {
		return nil, err
	}
	slot := jsonUint(u.SignatureSlot)
	return sealEnvelope(u.Fork, struct {
		Attested      json.RawMessage `json:"attested_header"`
		SyncAggregate *SyncAggregate  `json:"sync_aggregate"`
		SignatureSlot jsonUint        `json:"signature_slot"`
	}{att, &u.SyncAggregate, slot})
}

// UnmarshalJSON decodes the Beacon API's {"version", "data"} optimistic update
// (/eth/v1/beacon/light_client/optimistic_update).
//
// Resource bound: work and memory O(len(b)) (encoding/json); lists are counted against
// their maximum (MaxSyncCommitteeSize pubkeys, MaxDepth branch nodes) before any element
// is decoded.
func (u *LightClientOptimisticUpdate) UnmarshalJSON(data []byte) error {
	f, raw, err := openEnvelope("LightClientOptimisticUpdate", data)
	if err != nil {
		return err
	}
	return u.fromJSON(f, raw)
}

// UnmarshalJSONFork decodes the bare "data" object of an optimistic update, without the
// {"version", "data"} envelope, as the given fork's LightClientOptimisticUpdate. The
// object must have exactly that fork's shape (ErrField otherwise, and for an envelope), as
// LightClientBootstrap.UnmarshalJSONFork says.
//
// Resource bound: as UnmarshalJSON.
func (u *LightClientOptimisticUpdate) UnmarshalJSONFork(f Fork, data []byte) error {
	if err := checkBare("LightClientOptimisticUpdate", f, data); err != nil {
		return err
	}
	return u.fromJSON(f, data)
}

func (u *LightClientOptimisticUpdate) fromJSON(f Fork, data []byte) error {
	var j updateJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("LightClientOptimisticUpdate: %w: %v", ErrField, err)
	}
	if err := present([]string{"sync_aggregate", "signature_slot"}, j.SyncAggregate != nil, j.SignatureSlot != nil); err != nil {
		return fmt.Errorf("LightClientOptimisticUpdate: %w", err)
	}
	out := LightClientOptimisticUpdate{Fork: f, SyncAggregate: *j.SyncAggregate, SignatureSlot: uint64(*j.SignatureSlot)}
	if err := out.AttestedHeader.fromJSON(f, j.Attested); err != nil {
		return fmt.Errorf("LightClientOptimisticUpdate.attested_header: %w", err)
	}
	*u = out
	return nil
}
