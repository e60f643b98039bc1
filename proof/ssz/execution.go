package ssz

import (
	"encoding/binary"
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
)

// MaxExtraDataBytes is MAX_EXTRA_DATA_BYTES of bellatrix beacon-chain.md.
const MaxExtraDataBytes = 32

// BytesPerLogsBloom is BYTES_PER_LOGS_BLOOM of bellatrix beacon-chain.md.
const BytesPerLogsBloom = 256

// ExecutionPayloadHeader is the container of capella beacon-chain.md (15 fields) and, from
// Deneb on, of deneb beacon-chain.md (17 fields: BlobGasUsed and ExcessBlobGas appended).
// Electra and Fulu keep the Deneb header. Fork selects the layout when the header is used
// on its own; inside a LightClientHeader the header's Fork governs.
type ExecutionPayloadHeader struct {
	Fork             Fork
	ParentHash       interop.Hash
	FeeRecipient     interop.Address
	StateRoot        interop.Hash
	ReceiptsRoot     interop.Hash
	LogsBloom        [BytesPerLogsBloom]byte
	PrevRandao       interop.Hash
	BlockNumber      uint64
	GasLimit         uint64
	GasUsed          uint64
	Timestamp        uint64
	ExtraData        []byte // at most MaxExtraDataBytes
	BaseFeePerGas    uint256.Int
	BlockHash        interop.Hash
	TransactionsRoot interop.Hash
	WithdrawalsRoot  interop.Hash
	BlobGasUsed      uint64 // Deneb and later
	ExcessBlobGas    uint64 // Deneb and later
}

// executionFixedSize is the size of the fixed part: everything but extra_data's bytes.
func executionFixedSize(f Fork) int {
	n := 32 + 20 + 32 + 32 + BytesPerLogsBloom + 32 + 4*8 + offsetSize + 32 + 3*32
	if f >= Deneb {
		n += 2 * 8
	}
	return n
}

func (e *ExecutionPayloadHeader) check(f Fork) error {
	if f < Capella || f > Fulu {
		return fmt.Errorf("%w: no execution payload header in %v", ErrFork, f)
	}
	if len(e.ExtraData) > MaxExtraDataBytes {
		return fmt.Errorf("%w: extra_data of %d bytes, max %d", ErrField, len(e.ExtraData), MaxExtraDataBytes)
	}
	return nil
}

// SizeSSZ returns the SSZ size of e in its Fork.
func (e *ExecutionPayloadHeader) SizeSSZ() int { return e.size(e.Fork) }

func (e *ExecutionPayloadHeader) size(f Fork) int { return executionFixedSize(f) + len(e.ExtraData) }

// MarshalSSZ returns the SSZ encoding of e in its Fork.
func (e *ExecutionPayloadHeader) MarshalSSZ() ([]byte, error) {
	return e.marshal(e.Fork, make([]byte, 0, e.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of e in its Fork to dst.
func (e *ExecutionPayloadHeader) MarshalSSZTo(dst []byte) ([]byte, error) {
	return e.marshal(e.Fork, dst)
}

func (e *ExecutionPayloadHeader) marshal(f Fork, dst []byte) ([]byte, error) {
	if err := e.check(f); err != nil {
		return dst, err
	}
	dst = append(dst, e.ParentHash[:]...)
	dst = append(dst, e.FeeRecipient[:]...)
	dst = append(dst, e.StateRoot[:]...)
	dst = append(dst, e.ReceiptsRoot[:]...)
	dst = append(dst, e.LogsBloom[:]...)
	dst = append(dst, e.PrevRandao[:]...)
	dst = appendUint64(dst, e.BlockNumber)
	dst = appendUint64(dst, e.GasLimit)
	dst = appendUint64(dst, e.GasUsed)
	dst = appendUint64(dst, e.Timestamp)
	dst = appendOffset(dst, executionFixedSize(f))
	base := Uint256Root(&e.BaseFeePerGas)
	dst = append(dst, base[:]...)
	dst = append(dst, e.BlockHash[:]...)
	dst = append(dst, e.TransactionsRoot[:]...)
	dst = append(dst, e.WithdrawalsRoot[:]...)
	if f >= Deneb {
		dst = appendUint64(dst, e.BlobGasUsed)
		dst = appendUint64(dst, e.ExcessBlobGas)
	}
	return append(dst, e.ExtraData...), nil
}

// UnmarshalSSZ decodes an ExecutionPayloadHeader of fork f (Capella or later) and sets
// e.Fork to f. The extra_data offset must point just past the fixed part and extra_data
// must be at most MaxExtraDataBytes.
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (e *ExecutionPayloadHeader) UnmarshalSSZ(f Fork, data []byte) error {
	return e.unmarshal(f, data)
}

func (e *ExecutionPayloadHeader) unmarshal(f Fork, data []byte) error {
	if f < Capella || f > Fulu {
		return fmt.Errorf("%w: no execution payload header in %v", ErrFork, f)
	}
	sizes := [17]int{32, 20, 32, 32, BytesPerLogsBloom, 32, 8, 8, 8, 8, variable, 32, 32, 32, 32, 8, 8}
	n := 15
	if f >= Deneb {
		n = 17
	}
	var p [17][]byte
	if err := split("ExecutionPayloadHeader", data, sizes[:n], p[:n]); err != nil {
		return err
	}
	if len(p[10]) > MaxExtraDataBytes {
		return fmt.Errorf("ExecutionPayloadHeader: %w: extra_data of %d bytes, max %d", ErrField, len(p[10]), MaxExtraDataBytes)
	}
	e.Fork = f
	e.ParentHash = interop.Hash(p[0])
	e.FeeRecipient = interop.Address(p[1])
	e.StateRoot = interop.Hash(p[2])
	e.ReceiptsRoot = interop.Hash(p[3])
	e.LogsBloom = [BytesPerLogsBloom]byte(p[4])
	e.PrevRandao = interop.Hash(p[5])
	e.BlockNumber = binary.LittleEndian.Uint64(p[6])
	e.GasLimit = binary.LittleEndian.Uint64(p[7])
	e.GasUsed = binary.LittleEndian.Uint64(p[8])
	e.Timestamp = binary.LittleEndian.Uint64(p[9])
	e.ExtraData = append([]byte(nil), p[10]...)
	for i := 0; i < 4; i++ {
		e.BaseFeePerGas[i] = binary.LittleEndian.Uint64(p[11][8*i:])
	}
	e.BlockHash = interop.Hash(p[12])
	e.TransactionsRoot = interop.Hash(p[13])
	e.WithdrawalsRoot = interop.Hash(p[14])
	e.BlobGasUsed, e.ExcessBlobGas = 0, 0
	if f >= Deneb {
		e.BlobGasUsed = binary.LittleEndian.Uint64(p[15])
		e.ExcessBlobGas = binary.LittleEndian.Uint64(p[16])
	}
	return nil
}

// HashTreeRoot returns hash_tree_root(e) in its Fork. Pass a copy with another Fork to
// get the root in that fork's layout, as get_lc_execution_root does for a header older
// than its container.
func (e *ExecutionPayloadHeader) HashTreeRoot() (interop.Hash, error) {
	return e.root(e.Fork)
}

func (e *ExecutionPayloadHeader) root(f Fork) (interop.Hash, error) {
	if err := e.check(f); err != nil {
		return interop.Hash{}, err
	}
	extra, err := ByteListRoot(e.ExtraData, MaxExtraDataBytes)
	if err != nil {
		return interop.Hash{}, err
	}
	var m merkleizer
	m.add(e.ParentHash)
	var fee interop.Hash
	copy(fee[:], e.FeeRecipient[:])
	m.add(fee)
	m.add(e.StateRoot)
	m.add(e.ReceiptsRoot)
	m.add(ByteVectorRoot(e.LogsBloom[:]))
	m.add(e.PrevRandao)
	m.add(Uint64Root(e.BlockNumber))
	m.add(Uint64Root(e.GasLimit))
	m.add(Uint64Root(e.GasUsed))
	m.add(Uint64Root(e.Timestamp))
	m.add(extra)
	m.add(Uint256Root(&e.BaseFeePerGas))
	m.add(e.BlockHash)
	m.add(e.TransactionsRoot)
	m.add(e.WithdrawalsRoot)
	if f >= Deneb {
		m.add(Uint64Root(e.BlobGasUsed))
		m.add(Uint64Root(e.ExcessBlobGas))
		return m.root(5), nil
	}
	return m.root(4), nil
}

// isZero reports whether e is the default header (every field zero), which is what a
// pre-Capella header carries inside a Capella-or-later container.
func (e *ExecutionPayloadHeader) isZero() bool {
	return e.ParentHash.IsZero() && e.FeeRecipient.IsZero() && e.StateRoot.IsZero() &&
		e.ReceiptsRoot.IsZero() && e.LogsBloom == [BytesPerLogsBloom]byte{} && e.PrevRandao.IsZero() &&
		e.BlockNumber == 0 && e.GasLimit == 0 && e.GasUsed == 0 && e.Timestamp == 0 &&
		len(e.ExtraData) == 0 && e.BaseFeePerGas.IsZero() && e.BlockHash.IsZero() &&
		e.TransactionsRoot.IsZero() && e.WithdrawalsRoot.IsZero() && e.BlobGasUsed == 0 && e.ExcessBlobGas == 0
}
