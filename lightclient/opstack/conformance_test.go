package opstack

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/mpt"
)

// TestConformance walks the OP Stack vectors and runs each file by its shape.
func TestConformance(t *testing.T) {
	ran := 0
	for _, path := range vectors.Files(t, "hub", "op/*.json") {
		raw := vectors.Read(t, path)
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(raw, &keys); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var run func(*testing.T, []byte)
		switch {
		case keys["cases"] != nil:
			run = checkAccessList
		case keys["checksum"] != nil && keys["identifier"] != nil:
			run = checkChecksum
		case keys["headers_rlp"] != nil:
			run = checkHeaderChain
		case keys["vectors"] != nil && strings.Contains(string(raw), `"superRoot"`):
			run = checkSuperRoot
		case keys["vectors"] != nil && strings.Contains(string(raw), `"outputRoot"`):
			run = checkOutputRoots
		default:
			t.Errorf("%s: unknown shape", path)
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) { run(t, raw) })
		ran++
	}
	if ran == 0 {
		t.Fatal("no OP vectors")
	}
}

// quantity reads a JSON number or a 0x hex string.
type quantity struct{ uint256.Int }

func (q *quantity) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if h, ok := strings.CutPrefix(s, "0x"); ok {
		// Vectors write some 32-byte values (chain ids) with their leading zeros.
		if h = strings.TrimLeft(h, "0"); h == "" {
			h = "0"
		}
		return q.SetFromHex("0x" + h)
	}
	return q.SetFromDecimal(s)
}

func checkAccessList(t *testing.T, raw []byte) {
	for _, c := range vectors.JSON[struct {
		Cases []struct {
			Name    string
			Entries []interop.Hash
			Error   string
			Access  *struct {
				BlockNumber, Timestamp, LogIndex, ChainID quantity
				Checksum                                  interop.Hash
			}
		}
	}](t, raw).Cases {
		a, rest, err := DecodeAccess(c.Entries)
		if c.Error != "" {
			want := map[string]error{"errExpectedEntry": ErrExpectedEntry, "errUnexpectedEntryType": ErrUnexpectedEntryType, "errMalformedEntry": ErrMalformedEntry}[c.Error]
			if want == nil || !errors.Is(err, want) {
				t.Errorf("%s: %v, want %s", c.Name, err, c.Error)
			}
			continue
		}
		if err != nil || len(rest) != 0 {
			t.Errorf("%s: %v, %d left", c.Name, err, len(rest))
			continue
		}
		w := c.Access
		if a.BlockNumber != w.BlockNumber.Uint64() || a.Timestamp != w.Timestamp.Uint64() || uint64(a.LogIndex) != w.LogIndex.Uint64() ||
			!a.ChainID.Eq(&w.ChainID.Int) || a.Checksum != w.Checksum {
			t.Errorf("%s: %+v", c.Name, a)
		}
		enc := a.AppendEntries(nil)
		if len(enc) != len(c.Entries) {
			t.Errorf("%s: re-encoded to %d entries", c.Name, len(enc))
			continue
		}
		for i := range enc {
			if enc[i] != c.Entries[i] {
				t.Errorf("%s: entry %d re-encoded as %v", c.Name, i, enc[i])
			}
		}
	}
}

func checkChecksum(t *testing.T, raw []byte) {
	c := vectors.JSON[struct {
		Identifier struct {
			Origin                                    interop.Address
			BlockNumber, LogIndex, Timestamp, ChainID quantity
		}
		PayloadUTF8 string `json:"payload_utf8"`
		PayloadHash interop.Hash
		LogHash     interop.Hash
		Checksum    interop.Hash
	}](t, raw)
	ph := PayloadHash([]byte(c.PayloadUTF8))
	if ph != c.PayloadHash {
		t.Fatalf("payload hash %v", ph)
	}
	if lh := LogHash(c.Identifier.Origin, ph); lh != c.LogHash {
		t.Fatalf("log hash %v", lh)
	}
	id := Identifier{Origin: c.Identifier.Origin, BlockNumber: c.Identifier.BlockNumber.Uint64(), LogIndex: uint32(c.Identifier.LogIndex.Uint64()),
		Timestamp: c.Identifier.Timestamp.Uint64(), ChainID: c.Identifier.ChainID.Int}
	if got := Checksum(&id, ph); got != c.Checksum {
		t.Fatalf("checksum %v, want %v", got, c.Checksum)
	}
}

func checkHeaderChain(t *testing.T, raw []byte) {
	hs := vectors.JSON[struct {
		HeadersRLP []interop.Bytes `json:"headers_rlp"`
	}](t, raw).HeadersRLP
	for i := 0; i+1 < len(hs); i++ {
		content, _, err := rlp.SplitList(hs[i])
		if err != nil {
			t.Fatal(err)
		}
		parent, _, err := rlp.SplitString(content)
		if err != nil {
			t.Fatal(err)
		}
		if mpt.Keccak256(hs[i+1]) != interop.Hash(parent) {
			t.Fatalf("header %d: parent hash mismatch", i)
		}
	}
}

func checkSuperRoot(t *testing.T, raw []byte) {
	for _, v := range vectors.JSON[struct {
		Vectors []struct {
			Encoded   interop.Bytes
			Timestamp uint64
			Chains    []struct {
				ChainID quantity
				Output  interop.Hash
			}
			SuperRoot   interop.Hash
			DisputeGame struct {
				GameType uint32
				GameUUID interop.Hash
			}
		}
	}](t, raw).Vectors {
		s, err := DecodeSuperRoot(v.Encoded)
		if err != nil {
			t.Fatal(err)
		}
		if s.Timestamp != v.Timestamp || len(s.Chains) != len(v.Chains) {
			t.Fatalf("decoded %+v", s)
		}
		for i, c := range v.Chains {
			if !s.Chains[i].ChainID.Eq(&c.ChainID.Int) || s.Chains[i].Output != c.Output {
				t.Fatalf("chain %d", i)
			}
		}
		if re, _ := s.AppendBinary(nil); s.Hash() != v.SuperRoot || !bytes.Equal(re, v.Encoded) {
			t.Fatalf("super root %v", s.Hash())
		}
		if got := GameUUID(v.DisputeGame.GameType, v.SuperRoot, v.Encoded); got != v.DisputeGame.GameUUID {
			t.Fatalf("game uuid %v", got)
		}
		if _, err := DecodeSuperRoot(v.Encoded[:len(v.Encoded)-1]); !errors.Is(err, ErrSuperRoot) {
			t.Fatalf("truncated: %v", err)
		}
	}
}

type header struct {
	ParentHash, Sha3Uncles       interop.Hash
	Miner                        interop.Address
	StateRoot, TransactionsRoot  interop.Hash
	ReceiptsRoot                 interop.Hash
	LogsBloom                    interop.Bytes
	Difficulty, Number, GasLimit quantity
	GasUsed, Timestamp           quantity
	ExtraData                    interop.Bytes
	MixHash                      interop.Hash
	Nonce                        interop.Bytes
	BaseFeePerGas                *quantity
	Hash                         interop.Hash
}

// rlpHash is keccak256 of the London header RLP.
func (h *header) rlpHash() interop.Hash {
	var c []byte
	for _, s := range [][]byte{h.ParentHash[:], h.Sha3Uncles[:], h.Miner[:], h.StateRoot[:], h.TransactionsRoot[:], h.ReceiptsRoot[:], h.LogsBloom} {
		c = rlp.AppendString(c, s)
	}
	for _, q := range []*quantity{&h.Difficulty, &h.Number, &h.GasLimit, &h.GasUsed, &h.Timestamp} {
		c = rlp.AppendUint256(c, &q.Int)
	}
	c = rlp.AppendString(c, h.ExtraData)
	c = rlp.AppendString(c, h.MixHash[:])
	c = rlp.AppendString(c, h.Nonce)
	if h.BaseFeePerGas != nil {
		c = rlp.AppendUint256(c, &h.BaseFeePerGas.Int)
	}
	return mpt.Keccak256(append(rlp.AppendListHeader(nil, len(c)), c...))
}

func checkOutputRoots(t *testing.T, raw []byte) {
	for _, v := range vectors.JSON[struct {
		Vectors []struct {
			Version                  interop.Hash
			StateRoot                interop.Hash
			MessagePasserStorageRoot interop.Hash
			BlockHash                interop.Hash
			OutputRoot               interop.Hash
			Header                   *header
			AccountProof             struct {
				Address      interop.Address
				AccountProof []interop.Bytes
				StorageHash  interop.Hash
			}
		}
	}](t, raw).Vectors {
		o := OutputV0{StateRoot: v.StateRoot, MessagePasserStorageRoot: v.MessagePasserStorageRoot, BlockHash: v.BlockHash}
		if got := o.Root(); got != v.OutputRoot {
			t.Fatalf("output root %v, want %v", got, v.OutputRoot)
		}
		proof := make([][]byte, len(v.AccountProof.AccountProof))
		for i, n := range v.AccountProof.AccountProof {
			proof[i] = n
		}
		acc, ok, err := mpt.VerifyAccount(v.StateRoot, v.AccountProof.Address, proof)
		if err != nil || !ok || acc.StorageRoot != v.AccountProof.StorageHash || acc.StorageRoot != v.MessagePasserStorageRoot {
			t.Fatalf("account proof: %v %v %v", ok, err, acc.StorageRoot)
		}
		if v.AccountProof.Address == L2ToL1MessagePasser {
			out, err := OutputFromState(v.StateRoot, v.BlockHash, proof)
			if err != nil || out.Root() != v.OutputRoot {
				t.Fatalf("OutputFromState: %v", err)
			}
		}
		if h := v.Header; h != nil {
			if got := h.rlpHash(); got != v.BlockHash || got != h.Hash || h.StateRoot != v.StateRoot {
				t.Fatalf("header hash %v, want %v", got, v.BlockHash)
			}
		}
	}
}
