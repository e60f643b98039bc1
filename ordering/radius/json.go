package radius

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
)

// DecodeOrderCommitmentJSON decodes a signed order commitment as tx_orderer's JSON-RPC serves
// it: the result of send_raw_transaction / send_encrypted_transaction (the bare
// {"data": {...}, "signature": "0x…"} of the untagged OrderCommitment enum) or of
// get_order_commitment ({"order_commitment": {...}}). A JSON string, the transaction_hash
// variant, is refused with ErrUnsigned, and a bundle ({"order_commitment_list": …}) with
// ErrBundle.
//
// Strict where serde is lenient: unknown and repeated fields, numbers that are not
// canonical decimal u64s, and hex that is not "0x" and lowercase digits of the exact
// length (what tx_orderer's const_hex::encode_prefixed emits) are ErrInvalidEncoding.
//
// Bound: at most MaxCommitmentJSON bytes, refused before anything is read (ErrTooLarge);
// the rollup id at most MaxRollupIDLen bytes and the path at most MaxPathLen entries,
// checked before each is kept; memory linear in the input.
func DecodeOrderCommitmentJSON(b []byte) (SignedOrderCommitment, error) {
	var c SignedOrderCommitment
	if len(b) > MaxCommitmentJSON {
		return c, fmt.Errorf("%w: %d bytes of JSON, at most %d", ErrTooLarge, len(b), MaxCommitmentJSON)
	}
	if !utf8.Valid(b) {
		return c, fmt.Errorf("%w: JSON is not UTF-8", ErrInvalidEncoding)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := c.decode(dec, true); err != nil {
		return SignedOrderCommitment{}, err
	}
	if _, err := dec.Token(); err == nil {
		return SignedOrderCommitment{}, fmt.Errorf("%w: data after the commitment", ErrInvalidEncoding)
	}
	return c, nil
}

// UnmarshalJSON is DecodeOrderCommitmentJSON.
func (c *SignedOrderCommitment) UnmarshalJSON(b []byte) error {
	v, err := DecodeOrderCommitmentJSON(b)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// decode reads a SignOrderCommitment object, or (if wrapped) a get_order_commitment result.
func (c *SignedOrderCommitment) decode(dec *json.Decoder, wrapped bool) error {
	if !dec.More() {
		return fmt.Errorf("%w: no commitment", ErrInvalidEncoding)
	}
	var haveData, haveSig, haveWrap bool
	var sigForm Form
	err := commitmentObject(dec, func(key string) error {
		switch key {
		case "data":
			if haveData || haveWrap {
				return fmt.Errorf("%w: field %q repeated or mixed", ErrInvalidEncoding, key)
			}
			haveData = true
			return c.Data.decode(dec, &c.Form)
		case "signature":
			if haveSig || haveWrap {
				return fmt.Errorf("%w: field %q repeated or mixed", ErrInvalidEncoding, key)
			}
			haveSig = true
			f, err := c.decodeSignature(dec)
			sigForm = f
			return err
		case "order_commitment":
			if !wrapped || haveWrap || haveData || haveSig {
				return fmt.Errorf("%w: field %q repeated or nested", ErrInvalidEncoding, key)
			}
			haveWrap = true
			return c.decode(dec, false)
		case "order_commitment_list":
			return fmt.Errorf("%w: field %q", ErrBundle, key)
		}
		return fmt.Errorf("%w: unknown field %q", ErrInvalidEncoding, key)
	})
	if err != nil {
		return err
	}
	if !haveWrap && (!haveData || !haveSig) {
		return fmt.Errorf("%w: data or signature missing", ErrInvalidEncoding)
	}
	if !haveWrap && c.Form != sigForm {
		return fmt.Errorf("%w: height key and signature form of different versions", ErrInvalidEncoding)
	}
	return nil
}

// decodeSignature reads the signature as a "0x…" string (FormHex) or an array of 65
// canonical decimal bytes (FormBatch).
func (c *SignedOrderCommitment) decodeSignature(dec *json.Decoder) (Form, error) {
	if !dec.More() {
		return 0, fmt.Errorf("%w: signature", ErrInvalidEncoding)
	}
	t, err := dec.Token()
	if err != nil {
		return 0, fmt.Errorf("signature: %w: %v", ErrInvalidEncoding, err)
	}
	if s, ok := t.(string); ok {
		return FormHex, hexInto("signature", s, c.Signature[:])
	}
	if t != json.Delim('[') {
		return 0, fmt.Errorf("%w: signature is %v", ErrInvalidEncoding, t)
	}
	n := 0
	for ; dec.More(); n++ {
		if n == len(c.Signature) {
			return 0, fmt.Errorf("%w: signature longer than %d bytes", ErrInvalidEncoding, len(c.Signature))
		}
		v, err := readUint64(dec, "signature byte")
		if err != nil {
			return 0, err
		}
		if v > 255 {
			return 0, fmt.Errorf("%w: signature byte %d = %d", ErrInvalidEncoding, n, v)
		}
		c.Signature[n] = byte(v)
	}
	if _, err := dec.Token(); err != nil {
		return 0, fmt.Errorf("signature: %w: %v", ErrInvalidEncoding, err)
	}
	if n != len(c.Signature) {
		return 0, fmt.Errorf("%w: signature of %d bytes, want %d", ErrInvalidEncoding, n, len(c.Signature))
	}
	return FormBatch, nil
}

// commitmentObject reads one JSON object from dec as jsontok.EachField does, except that a
// string in its place is OrderCommitment::Single(TransactionHash), refused as ErrUnsigned.
func commitmentObject(dec *json.Decoder, field func(key string) error) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidEncoding, err)
	}
	if s, ok := t.(string); ok {
		return fmt.Errorf("%w: transaction_hash commitment %.70q", ErrUnsigned, s)
	}
	if t != json.Delim('{') {
		return fmt.Errorf("%w: %v where an object is expected", ErrInvalidEncoding, t)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidEncoding, err)
		}
		key, ok := t.(string)
		if !ok {
			return fmt.Errorf("%w: object key %v", ErrInvalidEncoding, t)
		}
		if err := field(key); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidEncoding, err)
	}
	return nil
}

func (d *OrderCommitmentData) decode(dec *json.Decoder, form *Form) error {
	var seen [5]bool
	field := func(i int, key string) error {
		if seen[i] {
			return fmt.Errorf("%w: field %q repeated", ErrInvalidEncoding, key)
		}
		seen[i] = true
		return nil
	}
	err := jsontok.EachField(dec, ErrInvalidEncoding, func(key string) error {
		switch key {
		case "rollup_id":
			if err := field(0, key); err != nil {
				return err
			}
			s, err := readString(dec, key)
			if err != nil {
				return err
			}
			if len(s) > MaxRollupIDLen {
				return fmt.Errorf("%w: rollup_id of %d bytes, at most %d", ErrTooLarge, len(s), MaxRollupIDLen)
			}
			d.RollupID = s
			return nil
		case "block_height", "batch_number":
			if err := field(1, key); err != nil {
				return err
			}
			if key == "batch_number" {
				*form = FormBatch
			}
			v, err := readUint64(dec, key)
			d.BlockHeight = v
			return err
		case "transaction_order":
			if err := field(2, key); err != nil {
				return err
			}
			v, err := readUint64(dec, key)
			d.TransactionOrder = v
			return err
		case "transaction_hash":
			if err := field(3, key); err != nil {
				return err
			}
			return decodeHex(dec, key, d.TransactionHash[:])
		case "pre_merkle_path":
			if err := field(4, key); err != nil {
				return err
			}
			return d.decodePath(dec)
		}
		return fmt.Errorf("%w: unknown field %q in data", ErrInvalidEncoding, key)
	})
	if err != nil {
		return err
	}
	if !seen[3] && *form == FormHex {
		// The earlier data, before transaction_hash (tx_orderer dd9735d4).
		seen[3], d.NoTransactionHash = true, true
	}
	for i, ok := range seen {
		if !ok {
			return fmt.Errorf("%w: data field %d of 5 missing", ErrInvalidEncoding, i)
		}
	}
	return nil
}

func (d *OrderCommitmentData) decodePath(dec *json.Decoder) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("pre_merkle_path: %w: %v", ErrInvalidEncoding, err)
	}
	if t != json.Delim('[') {
		return fmt.Errorf("%w: pre_merkle_path is %v, not an array", ErrInvalidEncoding, t)
	}
	d.PreMerklePath = []interop.Hash{}
	for dec.More() {
		if len(d.PreMerklePath) == MaxPathLen {
			return fmt.Errorf("%w: pre_merkle_path longer than %d", ErrTooLarge, MaxPathLen)
		}
		var h interop.Hash
		if err := decodeHex(dec, "pre_merkle_path", h[:]); err != nil {
			return err
		}
		d.PreMerklePath = append(d.PreMerklePath, h)
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("pre_merkle_path: %w: %v", ErrInvalidEncoding, err)
	}
	return nil
}

func readString(dec *json.Decoder, key string) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", fmt.Errorf("%s: %w: %v", key, ErrInvalidEncoding, err)
	}
	s, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("%w: %s is %v, not a string", ErrInvalidEncoding, key, t)
	}
	return s, nil
}

// readUint64 reads a JSON number that is a canonical decimal u64: no sign, fraction,
// exponent or leading zero.
func readUint64(dec *json.Decoder, key string) (uint64, error) {
	t, err := dec.Token()
	if err != nil {
		return 0, fmt.Errorf("%s: %w: %v", key, ErrInvalidEncoding, err)
	}
	n, ok := t.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%w: %s is %v, not a number", ErrInvalidEncoding, key, t)
	}
	s := string(n)
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("%w: %s = %.30s, not canonical", ErrInvalidEncoding, key, s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%w: %s = %.30s, not a u64", ErrInvalidEncoding, key, s)
		}
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s = %.30s overflows u64", ErrInvalidEncoding, key, s)
	}
	return v, nil
}

// decodeHex reads a JSON string of "0x" and exactly 2·len(out) lowercase hex digits.
func decodeHex(dec *json.Decoder, key string, out []byte) error {
	s, err := readString(dec, key)
	if err != nil {
		return err
	}
	return hexInto(key, s, out)
}

func hexInto(key, s string, out []byte) error {
	if len(s) != 2+2*len(out) || s[0] != '0' || s[1] != 'x' {
		return fmt.Errorf("%w: %s %.80q: want 0x and %d hex digits", ErrInvalidEncoding, key, s, 2*len(out))
	}
	for i := 2; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return fmt.Errorf("%w: %s %.80q: not lowercase hex", ErrInvalidEncoding, key, s)
		}
	}
	if _, err := hex.Decode(out, []byte(s[2:])); err != nil {
		return fmt.Errorf("%s: %w: %v", key, ErrInvalidEncoding, err)
	}
	return nil
}

// MarshalJSON encodes c as tx_orderer's serde_json does: fields in declaration order, hex
// as "0x" and lowercase digits, no whitespace. DecodeOrderCommitmentJSON accepts it.
func (c SignedOrderCommitment) MarshalJSON() ([]byte, error) {
	return c.AppendJSON(nil), nil
}

// AppendJSON appends the JSON of MarshalJSON to b.
func (c SignedOrderCommitment) AppendJSON(b []byte) []byte {
	d := &c.Data
	b = append(b, `{"data":{"rollup_id":`...)
	b = appendJSONString(b, d.RollupID)
	if c.Form == FormBatch {
		b = append(b, `,"batch_number":`...)
	} else {
		b = append(b, `,"block_height":`...)
	}
	b = strconv.AppendUint(b, d.BlockHeight, 10)
	b = append(b, `,"transaction_order":`...)
	b = strconv.AppendUint(b, d.TransactionOrder, 10)
	if !d.NoTransactionHash {
		b = append(b, `,"transaction_hash":"`...)
		b = appendHashString(b, &d.TransactionHash)
		b = append(b, '"')
	}
	b = append(b, `,"pre_merkle_path":[`...)
	for i := range d.PreMerklePath {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = appendHashString(b, &d.PreMerklePath[i])
		b = append(b, '"')
	}
	if c.Form == FormBatch {
		b = append(b, `]},"signature":[`...)
		for i, v := range c.Signature {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, uint64(v), 10)
		}
		return append(b, "]}"...)
	}
	b = append(b, `]},"signature":"0x`...)
	b = hex.AppendEncode(b, c.Signature[:])
	return append(b, `"}`...)
}

// appendJSONString escapes s as serde_json does: the two-character escapes for ", \ and
// \b \f \n \r \t, \u00xx for the other control characters, everything else as it is.
func appendJSONString(b []byte, s string) []byte {
	const digits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			if c < 0x20 {
				b = append(b, '\\', 'u', '0', '0', digits[c>>4], digits[c&15])
			} else {
				b = append(b, c)
			}
		}
	}
	return append(b, '"')
}
