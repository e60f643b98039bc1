package espresso

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
)

// Bounds of the JSON decoders.
const (
	// MaxHeaderJSON bounds the input of DecodeHeaderJSON (a header is about 3 KiB).
	MaxHeaderJSON = 64 << 10
	// MaxNsTableLen bounds a header's namespace table: 4 + 8 × 4096 entries.
	MaxNsTableLen = 4 + 8*4096
	// MaxMerkleCommLen bounds a MERKLE_COMM value (a tree commitment is 48 bytes).
	MaxMerkleCommLen = 256
	// maxMembers bounds the members of any one object.
	maxMembers = 32
)

// kv is one member of a JSON object, its value still raw.
type kv struct {
	key string
	raw json.RawMessage
}

// members reads raw as exactly one JSON object and returns its members in order; a
// repeated key, more than maxMembers members, a non-object or data after it is ErrJSON.
func members(raw []byte, what string) ([]kv, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var out []kv
	err := jsontok.EachField(dec, ErrJSON, func(key string) error {
		if len(out) == maxMembers {
			return fmt.Errorf("%w: %s has more than %d members", ErrJSON, what, maxMembers)
		}
		for _, m := range out {
			if m.key == key {
				return fmt.Errorf("%w: %s.%s given twice", ErrJSON, what, key)
			}
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%w: %s.%s: %v", ErrJSON, what, key, err)
		}
		out = append(out, kv{key, v})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after %s", ErrJSON, what)
	}
	return out, nil
}

// member is a member an object may hold, with the parser of its value. A member that is
// not optional must be present.
type member struct {
	name     string
	parse    func(raw []byte) error
	optional bool
}

// object parses raw as an object whose members are exactly ms (the optional ones may be
// missing); an unknown member is ErrJSON.
func object(raw []byte, what string, ms ...member) error {
	kvs, err := members(raw, what)
	if err != nil {
		return err
	}
	return apply(kvs, what, ms)
}

func apply(kvs []kv, what string, ms []member) error {
	var seen uint64
	for _, p := range kvs {
		i := 0
		for ; i < len(ms) && ms[i].name != p.key; i++ {
		}
		if i == len(ms) {
			return fmt.Errorf("%w: %s has unknown member %q", ErrJSON, what, p.key)
		}
		seen |= 1 << i
		if err := ms[i].parse(p.raw); err != nil {
			return fmt.Errorf("%s.%s: %w", what, p.key, err)
		}
	}
	for i, m := range ms {
		if seen&(1<<i) == 0 && !m.optional {
			return fmt.Errorf("%w: %s without %s", ErrJSON, what, m.name)
		}
	}
	return nil
}

func isNull(raw []byte) bool { return string(raw) == "null" }

// plainString returns the content of a JSON string without escapes (none of the strings
// these objects carry needs one).
func plainString(raw []byte) (string, error) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' || bytes.IndexByte(raw[1:len(raw)-1], '\\') >= 0 {
		return "", fmt.Errorf("%w: %.40s where a plain string is expected", ErrJSON, raw)
	}
	return string(raw[1 : len(raw)-1]), nil
}

func pU64(dst *uint64) func([]byte) error {
	return func(raw []byte) error {
		v, err := interop.ParseUint64(raw)
		if err != nil {
			return fmt.Errorf("%w: %.40s", ErrNumber, raw)
		}
		*dst = v
		return nil
	}
}

// pDecString reads a u64 written as a decimal string ("10240").
func pDecString(dst *uint64) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		v, err := interop.ParseUint64([]byte(s))
		if err != nil {
			return fmt.Errorf("%w: %.40q", ErrNumber, s)
		}
		*dst = v
		return nil
	}
}

// parseQuantity parses 0x-prefixed hex without leading zeros ("0x0" for zero), at most 64
// digits.
func parseQuantity(s string, dst *uint256.Int) error {
	if len(s) < 3 || len(s) > 66 || s[0] != '0' || s[1] != 'x' || (s[2] == '0' && len(s) > 3) {
		return fmt.Errorf("%w: %.70q is not a hex quantity", ErrNumber, s)
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return fmt.Errorf("%w: %.70q is not a hex quantity", ErrNumber, s)
		}
	}
	v, err := uint256.FromHex(s)
	if err != nil {
		return fmt.Errorf("%w: %.70q: %v", ErrNumber, s, err)
	}
	*dst = *v
	return nil
}

// pHexU256 reads a U256 as alloy serialises it: a hex quantity string.
func pHexU256(dst *uint256.Int) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		return parseQuantity(s, dst)
	}
}

// pAmount reads a U256 amount (FeeAmount, ChainId, RewardAmount) as espresso-types writes
// it, a canonical decimal string, or as U256's FromStr also reads it, a hex quantity.
func pAmount(dst *uint256.Int) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		if strings.HasPrefix(s, "0x") {
			return parseQuantity(s, dst)
		}
		if len(s) > 78 || !interop.IsCanonicalDecimal([]byte(s)) {
			return fmt.Errorf("%w: %.80q", ErrNumber, s)
		}
		v, err := uint256.FromDecimal(s)
		if err != nil {
			return fmt.Errorf("%w: %.80q: %v", ErrNumber, s, err)
		}
		*dst = *v
		return nil
	}
}

func pAddress(dst *interop.Address) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		a, err := interop.AddressFromHex(s)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrJSON, err)
		}
		*dst = a
		return nil
	}
}

func pOptAddress(dst **interop.Address) func([]byte) error {
	return func(raw []byte) error {
		if isNull(raw) {
			*dst = nil
			return nil
		}
		a := new(interop.Address)
		if err := pAddress(a)(raw); err != nil {
			return err
		}
		*dst = a
		return nil
	}
}

func pHash(dst *interop.Hash) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		h, err := interop.HashFromHex(s)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrJSON, err)
		}
		*dst = h
		return nil
	}
}

// pCommitment reads a 32-byte commitment in tagged base64 under tag.
func pCommitment(tag string, dst *interop.Hash) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		h, err := ParseCommitment(s, tag)
		if err != nil {
			return err
		}
		*dst = h
		return nil
	}
}

func pOptCommitment(tag string, dst **interop.Hash) func([]byte) error {
	return func(raw []byte) error {
		if isNull(raw) {
			*dst = nil
			return nil
		}
		h := new(interop.Hash)
		if err := pCommitment(tag, h)(raw); err != nil {
			return err
		}
		*dst = h
		return nil
	}
}

// pMerkleComm reads a MERKLE_COMM tagged value of at most MaxMerkleCommLen bytes.
func pMerkleComm(dst *[]byte) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		if len(s) > len(TagMerkleComm)+1+(MaxMerkleCommLen+3)/3*4 {
			return fmt.Errorf("%w: %d characters for a tree root", ErrTaggedBase64, len(s))
		}
		t, err := ParseTaggedBase64(s)
		if err != nil {
			return err
		}
		if t.Tag != TagMerkleComm || len(t.Value) == 0 {
			return fmt.Errorf("%w: %q with %d bytes where %s~ is expected", ErrTag, t.Tag, len(t.Value), TagMerkleComm)
		}
		*dst = t.Value
		return nil
	}
}

func pVid(dst *VidCommitment) func([]byte) error {
	return func(raw []byte) error {
		s, err := plainString(raw)
		if err != nil {
			return err
		}
		t, err := ParseTaggedBase64(s)
		if err != nil {
			return err
		}
		if (t.Tag != TagAdvz && t.Tag != TagAvidM) || len(t.Value) != 32 {
			return fmt.Errorf("%w: payload commitment %q with %d bytes", ErrTag, t.Tag, len(t.Value))
		}
		*dst = VidCommitment{Tag: t.Tag, Value: interop.Hash(t.Value)}
		return nil
	}
}

func pNsTable(dst *[]byte) func([]byte) error {
	return func(raw []byte) error {
		return object(raw, "ns_table", member{name: "bytes", parse: func(raw []byte) error {
			s, err := plainString(raw)
			if err != nil {
				return err
			}
			if len(s) > (MaxNsTableLen+2)/3*4 {
				return fmt.Errorf("%w: namespace table of %d base64 characters", ErrJSON, len(s))
			}
			b, err := base64.StdEncoding.Strict().DecodeString(s)
			if err != nil {
				return fmt.Errorf("%w: namespace table bytes: %v", ErrJSON, err)
			}
			*dst = b
			return nil
		}})
	}
}

func pChainConfig(dst *ChainConfig, v Version) func([]byte) error {
	return func(raw []byte) error {
		ms := []member{
			{name: "base_fee", parse: pAmount(&dst.BaseFee)},
			{name: "chain_id", parse: pAmount(&dst.ChainID)},
			// v0.1's fee_contract is a plain Option (serde reads a missing one as None);
			// v0.3's goes through ethers_serde and must be present.
			{name: "fee_contract", parse: pOptAddress(&dst.FeeContract), optional: !v.atLeast(V03)},
			{name: "fee_recipient", parse: pAddress(&dst.FeeRecipient)},
			{name: "max_block_size", parse: pDecString(&dst.MaxBlockSize)},
		}
		if v.atLeast(V03) {
			ms = append(ms, member{name: "stake_table_contract", parse: pOptAddress(&dst.StakeTableContract)})
		}
		return object(raw, "chain_config", ms...)
	}
}

// pResolvable reads {"chain_config": {"Left": config} | {"Right": "CHAIN_CONFIG~…"}}.
func pResolvable(dst *ResolvableChainConfig, v Version) func([]byte) error {
	return func(raw []byte) error {
		return object(raw, "chain_config", member{name: "chain_config", parse: func(raw []byte) error {
			kvs, err := members(raw, "chain_config")
			if err != nil {
				return err
			}
			if len(kvs) != 1 {
				return fmt.Errorf("%w: chain_config is neither Left nor Right", ErrJSON)
			}
			switch kvs[0].key {
			case "Left":
				dst.Config = new(ChainConfig)
				return pChainConfig(dst.Config, v)(kvs[0].raw)
			case "Right":
				dst.Config = nil
				return pCommitment(TagChainConfig, &dst.Commitment)(kvs[0].raw)
			}
			return fmt.Errorf("%w: chain_config variant %q", ErrJSON, kvs[0].key)
		}})
	}
}

func pFeeInfo(dst *FeeInfo) func([]byte) error {
	return func(raw []byte) error {
		return object(raw, "fee_info",
			member{name: "account", parse: pAddress(&dst.Account)},
			member{name: "amount", parse: pAmount(&dst.Amount)})
	}
}

func pL1Block(dst **L1BlockInfo) func([]byte) error {
	return func(raw []byte) error {
		if isNull(raw) {
			*dst = nil
			return nil
		}
		l := new(L1BlockInfo)
		if err := object(raw, "l1_finalized",
			member{name: "hash", parse: pHash(&l.Hash)},
			member{name: "number", parse: pU64(&l.Number)},
			member{name: "timestamp", parse: pHexU256(&l.Timestamp)}); err != nil {
			return err
		}
		*dst = l
		return nil
	}
}

func pSignature(dst **BuilderSignature) func([]byte) error {
	return func(raw []byte) error {
		if isNull(raw) {
			*dst = nil
			return nil
		}
		s := new(BuilderSignature)
		if err := object(raw, "builder_signature",
			member{name: "r", parse: pHexU256(&s.R)},
			member{name: "s", parse: pHexU256(&s.S)},
			member{name: "v", parse: pU64(&s.V)}); err != nil {
			return err
		}
		*dst = s
		return nil
	}
}

func pLeaderCounts(dst *[LeaderCountsLen]uint16) func([]byte) error {
	return func(raw []byte) error {
		n, ok := jsontok.ArrayLen(raw)
		if !ok || n != LeaderCountsLen {
			return fmt.Errorf("%w: leader_counts is not an array of %d", ErrJSON, LeaderCountsLen)
		}
		return jsontok.EachElement(raw, func(i int, elem json.RawMessage) error {
			if i >= LeaderCountsLen {
				return fmt.Errorf("%w: more than %d leader counts", ErrJSON, LeaderCountsLen)
			}
			v, err := interop.ParseUint64(elem)
			if err != nil || v > 0xffff {
				return fmt.Errorf("%w: leader count %.20s", ErrNumber, elem)
			}
			dst[i] = uint16(v)
			return nil
		})
	}
}

// headerFields lists the members of a header's fields for version v.
func headerFields(h *Header, v Version) []member {
	ms := []member{
		{name: "block_merkle_tree_root", parse: pMerkleComm(&h.BlockMerkleTreeRoot)},
		{name: "builder_commitment", parse: pCommitment(TagBuilderCommitment, &h.BuilderCommitment)},
		{name: "builder_signature", parse: pSignature(&h.BuilderSignature)},
		{name: "chain_config", parse: pResolvable(&h.ChainConfig, v)},
		{name: "fee_info", parse: pFeeInfo(&h.FeeInfo)},
		{name: "fee_merkle_tree_root", parse: pMerkleComm(&h.FeeMerkleTreeRoot)},
		{name: "height", parse: pU64(&h.Height)},
		{name: "l1_finalized", parse: pL1Block(&h.L1Finalized), optional: true},
		{name: "l1_head", parse: pU64(&h.L1Head)},
		{name: "ns_table", parse: pNsTable(&h.NsTable)},
		{name: "payload_commitment", parse: pVid(&h.PayloadCommitment)},
		{name: "timestamp", parse: pU64(&h.Timestamp)},
	}
	if v.atLeast(V03) {
		ms = append(ms, member{name: "reward_merkle_tree_root", parse: pMerkleComm(&h.RewardMerkleTreeRoot)})
	}
	if v.atLeast(V04) {
		ms = append(ms,
			member{name: "timestamp_millis", parse: pU64(&h.TimestampMillis)},
			member{name: "total_reward_distributed", parse: pAmount(&h.TotalRewardDistributed)},
			member{name: "next_stake_table_hash", parse: pOptCommitment(TagStakeTable, &h.NextStakeTableHash), optional: true})
	}
	if v.atLeast(V05) {
		ms = append(ms, member{name: "leader_counts", parse: pLeaderCounts(&h.LeaderCounts)})
	}
	return ms
}

// DecodeHeaderJSON decodes a header as the query service serves it (availability/header,
// and the block_header of a leaf): version 0.1 as the bare object of its fields, later
// versions as {"fields": {…}, "version": {"Version": {"major": 0, "minor": n}}}, the way
// espresso-types' Header serde dispatches. It is strict: every member of the version must
// be present except those serde's derive reads as None when missing (l1_finalized,
// next_stake_table_hash, and a v0.1 chain config's fee_contract); unknown and repeated
// members, numbers in another form than upstream writes them (u64 as canonical JSON
// integers, U256 amounts as canonical decimal or hex-quantity strings, L1 timestamps and
// signature scalars as hex quantities), tagged base64 with a wrong tag or checksum, and
// versions other than 0.1 to 0.6 are refused (ErrJSON, ErrNumber, ErrTaggedBase64,
// ErrChecksum, ErrTag, ErrVersion). The namespace table's bytes are kept as committed, not
// parsed (ordering.DecodeNsTable does that with the payload length).
//
// Bound: b is refused past MaxHeaderJSON bytes before decoding; decoding allocates a small
// multiple of len(b).
func DecodeHeaderJSON(b []byte) (*Header, error) {
	if len(b) > MaxHeaderJSON {
		return nil, fmt.Errorf("%w: header of %d bytes, more than %d", ErrJSON, len(b), MaxHeaderJSON)
	}
	kvs, err := members(b, "header")
	if err != nil {
		return nil, err
	}
	h := new(Header)
	versioned := false
	for _, p := range kvs {
		if p.key == "version" || p.key == "fields" {
			versioned = true
		}
	}
	if !versioned {
		h.Version = V01
		if err := apply(kvs, "header", headerFields(h, V01)); err != nil {
			return nil, err
		}
		return h, nil
	}
	var fields []byte
	if err := apply(kvs, "header",
		[]member{
			{name: "fields", parse: func(raw []byte) error { fields = raw; return nil }},
			{name: "version", parse: pVersion(&h.Version)},
		}); err != nil {
		return nil, err
	}
	if !h.Version.supported() || h.Version == V01 {
		return nil, fmt.Errorf("%w: %d.%d", ErrVersion, h.Version.Major, h.Version.Minor)
	}
	if err := object(fields, "header.fields", headerFields(h, h.Version)...); err != nil {
		return nil, err
	}
	return h, nil
}

func pVersion(dst *Version) func([]byte) error {
	return func(raw []byte) error {
		return object(raw, "version", member{name: "Version", parse: func(raw []byte) error {
			var major, minor uint64
			if err := object(raw, "Version",
				member{name: "major", parse: pU64(&major)},
				member{name: "minor", parse: pU64(&minor)}); err != nil {
				return err
			}
			if major > 0xffff || minor > 0xffff {
				return fmt.Errorf("%w: version %d.%d", ErrVersion, major, minor)
			}
			*dst = Version{uint16(major), uint16(minor)}
			return nil
		}})
	}
}

// UnmarshalJSON decodes with DecodeHeaderJSON.
func (h *Header) UnmarshalJSON(b []byte) error {
	d, err := DecodeHeaderJSON(b)
	if err != nil {
		return err
	}
	*h = *d
	return nil
}

// MarshalJSON encodes the header as the query service does, compactly with members in
// sorted order (as the upstream reference files list them): v0.1 as the bare object, later
// versions in the {"fields", "version"} envelope. U256 amounts are decimal strings, the L1
// timestamp and signature scalars hex quantities, addresses and hashes lower-case hex;
// next_stake_table_hash is left out of a v0.4 header without one. DecodeHeaderJSON reads
// the result back to an equal header. An unsupported version is ErrVersion.
func (h *Header) MarshalJSON() ([]byte, error) {
	if !h.Version.supported() {
		return nil, fmt.Errorf("%w: %d.%d", ErrVersion, h.Version.Major, h.Version.Minor)
	}
	b := make([]byte, 0, 2048)
	if h.Version != V01 {
		b = append(b, `{"fields":`...)
	}
	b = h.appendFields(b)
	if h.Version != V01 {
		b = fmt.Appendf(b, `,"version":{"Version":{"major":%d,"minor":%d}}}`, h.Version.Major, h.Version.Minor)
	}
	return b, nil
}

func appendKey(b []byte, first bool, key string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

func appendStr(b []byte, s string) []byte {
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendQuantity(b []byte, v *uint256.Int) []byte { return appendStr(b, v.Hex()) }

func appendDec(b []byte, v *uint256.Int) []byte { return appendStr(b, v.Dec()) }

func appendOptAddress(b []byte, a *interop.Address) []byte {
	if a == nil {
		return append(b, "null"...)
	}
	return appendStr(b, a.String())
}

func (c *ChainConfig) appendJSON(b []byte, v Version) []byte {
	b = appendKey(b, true, "base_fee")
	b = appendDec(b, &c.BaseFee)
	b = appendKey(b, false, "chain_id")
	b = appendDec(b, &c.ChainID)
	b = appendKey(b, false, "fee_contract")
	b = appendOptAddress(b, c.FeeContract)
	b = appendKey(b, false, "fee_recipient")
	b = appendStr(b, c.FeeRecipient.String())
	b = appendKey(b, false, "max_block_size")
	b = appendStr(b, fmt.Sprint(c.MaxBlockSize))
	if v.atLeast(V03) {
		b = appendKey(b, false, "stake_table_contract")
		b = appendOptAddress(b, c.StakeTableContract)
	}
	return b
}

func appendMerkle(b []byte, v []byte) []byte {
	return appendStr(b, TaggedBase64{Tag: TagMerkleComm, Value: v}.String())
}

func (h *Header) appendFields(b []byte) []byte {
	v := h.Version
	b = append(b, '{')
	b = appendKey(b, true, "block_merkle_tree_root")
	b = appendMerkle(b, h.BlockMerkleTreeRoot)
	b = appendKey(b, false, "builder_commitment")
	b = appendStr(b, FormatCommitment(TagBuilderCommitment, h.BuilderCommitment))
	b = appendKey(b, false, "builder_signature")
	if s := h.BuilderSignature; s == nil {
		b = append(b, "null"...)
	} else {
		b = appendKey(append(b, '{'), true, "r")
		b = appendQuantity(b, &s.R)
		b = appendKey(b, false, "s")
		b = appendQuantity(b, &s.S)
		b = appendKey(b, false, "v")
		b = fmt.Append(b, s.V, "}")
	}
	b = appendKey(b, false, "chain_config")
	b = append(b, `{"chain_config":{`...)
	if h.ChainConfig.Config != nil {
		b = append(b, `"Left":{`...)
		b = h.ChainConfig.Config.appendJSON(b, v)
		b = append(b, '}')
	} else {
		b = append(b, `"Right":`...)
		b = appendStr(b, FormatCommitment(TagChainConfig, h.ChainConfig.Commitment))
	}
	b = append(b, "}}"...)
	b = appendKey(b, false, "fee_info")
	b = appendKey(append(b, '{'), true, "account")
	b = appendStr(b, h.FeeInfo.Account.String())
	b = appendKey(b, false, "amount")
	b = append(appendDec(b, &h.FeeInfo.Amount), '}')
	b = appendKey(b, false, "fee_merkle_tree_root")
	b = appendMerkle(b, h.FeeMerkleTreeRoot)
	b = appendKey(b, false, "height")
	b = fmt.Append(b, h.Height)
	b = appendKey(b, false, "l1_finalized")
	if l := h.L1Finalized; l == nil {
		b = append(b, "null"...)
	} else {
		b = appendKey(append(b, '{'), true, "hash")
		b = appendStr(b, l.Hash.String())
		b = appendKey(b, false, "number")
		b = fmt.Append(b, l.Number)
		b = appendKey(b, false, "timestamp")
		b = append(appendQuantity(b, &l.Timestamp), '}')
	}
	b = appendKey(b, false, "l1_head")
	b = fmt.Append(b, h.L1Head)
	if v.atLeast(V05) {
		b = appendKey(b, false, "leader_counts")
		b = append(b, '[')
		for i, c := range h.LeaderCounts {
			if i > 0 {
				b = append(b, ',')
			}
			b = fmt.Append(b, c)
		}
		b = append(b, ']')
	}
	if v.atLeast(V04) && (h.NextStakeTableHash != nil || v.atLeast(V05)) {
		b = appendKey(b, false, "next_stake_table_hash")
		if h.NextStakeTableHash == nil {
			b = append(b, "null"...)
		} else {
			b = appendStr(b, FormatCommitment(TagStakeTable, *h.NextStakeTableHash))
		}
	}
	b = appendKey(b, false, "ns_table")
	b = append(b, `{"bytes":`...)
	b = append(appendStr(b, base64.StdEncoding.EncodeToString(h.NsTable)), '}')
	b = appendKey(b, false, "payload_commitment")
	b = appendStr(b, TaggedBase64{Tag: h.PayloadCommitment.Tag, Value: h.PayloadCommitment.Value[:]}.String())
	if v.atLeast(V03) {
		b = appendKey(b, false, "reward_merkle_tree_root")
		b = appendMerkle(b, h.RewardMerkleTreeRoot)
	}
	b = appendKey(b, false, "timestamp")
	b = fmt.Append(b, h.Timestamp)
	if v.atLeast(V04) {
		b = appendKey(b, false, "timestamp_millis")
		b = fmt.Append(b, h.TimestampMillis)
		b = appendKey(b, false, "total_reward_distributed")
		b = appendDec(b, &h.TotalRewardDistributed)
	}
	return append(b, '}')
}
