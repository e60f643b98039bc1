package hyperlane

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
	"github.com/interopkit/interop/internal/keccak"
)

// MaxAgentJSONSize bounds DecodeSignedCheckpoint and DecodeSignedAnnouncement. The agents'
// files are under 1 KiB; the bound leaves room for long storage locations.
const MaxAgentJSONSize = 64 << 10

// SignedCheckpoint is a validator's signed checkpoint as the Rust agents write it to
// checkpoint storage (S3, GCS or a local directory, file checkpoint_{index}_with_id.json):
// hyperlane-core's SignedType<CheckpointWithMessageId>.
type SignedCheckpoint struct {
	Checkpoint Checkpoint
	Signature  [65]byte // r ‖ s ‖ v, v 27 or 28
}

// SignedAnnouncement is a validator's announcement of its checkpoint storage location
// (announcement.json beside the checkpoints): hyperlane-core's SignedType<Announcement>,
// what ValidatorAnnounce.announce takes.
type SignedAnnouncement struct {
	Validator       interop.Address
	Mailbox         interop.Hash // the origin mailbox, as bytes32
	Domain          uint32       // the mailbox's local domain
	StorageLocation string
	Signature       [65]byte
}

// SigningHash is keccak256(domainHash ‖ storageLocation), domainHash =
// AnnouncementDomainHash(Domain, Mailbox) (hyperlane-core Announcement::signing_hash).
func (a *SignedAnnouncement) SigningHash() interop.Hash {
	d := AnnouncementDomainHash(a.Domain, a.Mailbox)
	return keccak.Sum256Parts(d[:], []byte(a.StorageLocation))
}

// Digest is ValidatorAnnounce.getAnnouncementDigest(storageLocation) on the announcement's
// domain and mailbox: the EIP-191 hash of SigningHash, which announce ecrecovers.
func (a *SignedAnnouncement) Digest() interop.Hash { return EthSignedMessageHash(a.SigningHash()) }

// Verify checks the announcement as ValidatorAnnounce.announce does: the signature
// recovers (Recover's rules, ErrSignature) to the announced validator (ErrUnknownValidator).
// Cost: one recovery.
func (a *SignedAnnouncement) Verify() error {
	signer, err := Recover(a.Digest(), a.Signature)
	if err != nil {
		return err
	}
	if signer != a.Validator {
		return errorf(ErrUnknownValidator, "announcement signed by %s, announces %s", signer, a.Validator)
	}
	return nil
}

// Verify checks that validator signed the checkpoint, as a relayer does with each file it
// fetches: the signature over Checkpoint.Digest recovers (ErrSignature) to validator
// (ErrUnknownValidator). Cost: one recovery.
func (s *SignedCheckpoint) Verify(validator interop.Address) error {
	signer, err := Recover(s.Checkpoint.Digest(), s.Signature)
	if err != nil {
		return err
	}
	if signer != validator {
		return errorf(ErrUnknownValidator, "checkpoint %d signed by %s, not %s", s.Checkpoint.Index, signer, validator)
	}
	return nil
}

// MessageIDMetadataFrom assembles MessageIdMultisigIsm metadata from checkpoints fetched
// from several validators, in the order given (the validator-set order the ISM requires).
// They must all sign the same checkpoint (ErrMetadata); none is verified here:
// MessageIDMultisig.Verify does that.
func MessageIDMetadataFrom(signed []SignedCheckpoint) (MessageIDMetadata, error) {
	if len(signed) == 0 {
		return MessageIDMetadata{}, errorf(ErrMetadata, "no signed checkpoints")
	}
	cp := signed[0].Checkpoint
	md := MessageIDMetadata{MerkleTreeHook: cp.MerkleTreeHook, Root: cp.Root, Index: cp.Index, Signatures: make([][65]byte, len(signed))}
	for i := range signed {
		if signed[i].Checkpoint != cp {
			return MessageIDMetadata{}, errorf(ErrMetadata, "checkpoint %d differs from checkpoint 0", i)
		}
		md.Signatures[i] = signed[i].Signature
	}
	return md, nil
}

// DecodeSignedCheckpoint reads a checkpoint file as the agents serialize it:
//
//	{"value": {"checkpoint": {"merkle_tree_hook_address", "mailbox_domain", "root", "index"},
//	           "message_id"},
//	 "signature": {"r", "s", "v"} or "0x" r‖s‖v,
//	 "serialized_signature": "0x" r‖s‖v}
//
// r and s are hex quantities of at most 64 digits (the agents drop leading zeros), v a
// JSON integer; serialized_signature is optional and, when present, must equal the
// signature. "checkpoint" is accepted in place of "value" (SignedType's serde alias).
// Hashes are "0x" and 64 hex digits, domain and index canonical 32-bit integers, each
// field given once; other fields are ignored. Anything else is ErrAgentJSON. The signature
// is not checked here: see Verify.
//
// Bounds: input over MaxAgentJSONSize is refused before reading; one pass of encoding/json
// tokens, allocation a small multiple of the input.
func DecodeSignedCheckpoint(b []byte) (SignedCheckpoint, error) {
	var s SignedCheckpoint
	err := decodeSigned(b, "checkpoint", func(d *json.Decoder) error { return decodeCheckpointWithID(d, &s.Checkpoint) }, &s.Signature)
	return s, err
}

// DecodeSignedAnnouncement reads announcement.json as the agents serialize it:
//
//	{"value": {"validator", "mailbox_address", "mailbox_domain", "storage_location"},
//	 "signature": {"r", "s", "v"} or hex, "serialized_signature": hex}
//
// under DecodeSignedCheckpoint's rules ("announcement" is accepted in place of "value");
// validator is "0x" and 40 hex digits; storage_location any JSON string, signed as its
// UTF-8 bytes. The signature is not checked here: see Verify. Bounds: as
// DecodeSignedCheckpoint.
func DecodeSignedAnnouncement(b []byte) (SignedAnnouncement, error) {
	var a SignedAnnouncement
	err := decodeSigned(b, "announcement", func(d *json.Decoder) error { return decodeAnnouncement(d, &a) }, &a.Signature)
	return a, err
}

// UnmarshalJSON is DecodeSignedCheckpoint, so that encoding/json decodes as strictly.
func (s *SignedCheckpoint) UnmarshalJSON(b []byte) error {
	v, err := DecodeSignedCheckpoint(b)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// UnmarshalJSON is DecodeSignedAnnouncement, so that encoding/json decodes as strictly.
func (a *SignedAnnouncement) UnmarshalJSON(b []byte) error {
	v, err := DecodeSignedAnnouncement(b)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalJSON writes the agents' layout, r and s as 64 digits, with serialized_signature.
func (s SignedCheckpoint) MarshalJSON() ([]byte, error) {
	c := &s.Checkpoint
	b := make([]byte, 0, 640)
	b = append(b, `{"value":{"checkpoint":{"merkle_tree_hook_address":"`...)
	b = append(b, c.MerkleTreeHook.String()...)
	b = append(b, `","mailbox_domain":`...)
	b = strconv.AppendUint(b, uint64(c.Origin), 10)
	b = append(b, `,"root":"`...)
	b = append(b, c.Root.String()...)
	b = append(b, `","index":`...)
	b = strconv.AppendUint(b, uint64(c.Index), 10)
	b = append(b, `},"message_id":"`...)
	b = append(b, c.MessageID.String()...)
	b = append(b, `"},`...)
	return appendSignatureJSON(b, &s.Signature), nil
}

// MarshalJSON writes the agents' layout, r and s as 64 digits, with serialized_signature.
func (a SignedAnnouncement) MarshalJSON() ([]byte, error) {
	loc, err := json.Marshal(a.StorageLocation)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, 512+len(loc))
	b = append(b, `{"value":{"validator":"`...)
	b = append(b, a.Validator.String()...)
	b = append(b, `","mailbox_address":"`...)
	b = append(b, a.Mailbox.String()...)
	b = append(b, `","mailbox_domain":`...)
	b = strconv.AppendUint(b, uint64(a.Domain), 10)
	b = append(b, `,"storage_location":`...)
	b = append(b, loc...)
	b = append(b, `},`...)
	return appendSignatureJSON(b, &a.Signature), nil
}

func appendSignatureJSON(b []byte, sig *[65]byte) []byte {
	b = append(b, `"signature":{"r":"`...)
	b = append(b, interop.EncodeHex(sig[:32])...)
	b = append(b, `","s":"`...)
	b = append(b, interop.EncodeHex(sig[32:64])...)
	b = append(b, `","v":`...)
	b = strconv.AppendUint(b, uint64(sig[64]), 10)
	b = append(b, `},"serialized_signature":"`...)
	b = append(b, interop.EncodeHex(sig[:])...)
	return append(b, `"}`...)
}

// decodeSigned reads SignedType<T>: value (or its alias) through value, the signature
// into sig.
func decodeSigned(b []byte, alias string, value func(*json.Decoder) error, sig *[65]byte) error {
	if len(b) > MaxAgentJSONSize {
		return errorf(ErrAgentJSON, "%d bytes, max %d", len(b), MaxAgentJSONSize)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var haveValue, haveSig, haveSerialized bool
	var serialized [65]byte
	err := jsontok.EachField(dec, ErrAgentJSON, func(key string) error {
		switch key {
		case "value", alias:
			if haveValue {
				return errorf(ErrAgentJSON, "value given twice")
			}
			haveValue = true
			return value(dec)
		case "signature":
			if haveSig {
				return errorf(ErrAgentJSON, "signature given twice")
			}
			haveSig = true
			return readSignature(dec, sig)
		case "serialized_signature":
			if haveSerialized {
				return errorf(ErrAgentJSON, "serialized_signature given twice")
			}
			haveSerialized = true
			return readFixedHex(dec, serialized[:], key)
		default:
			return jsontok.SkipValue(dec, ErrAgentJSON)
		}
	})
	if err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf(ErrAgentJSON, "data after the object")
	}
	switch {
	case !haveValue:
		return errorf(ErrAgentJSON, "no value")
	case !haveSig && !haveSerialized:
		return errorf(ErrAgentJSON, "no signature")
	case !haveSig:
		*sig = serialized
	case haveSerialized && serialized != *sig:
		return errorf(ErrAgentJSON, "serialized_signature %x is not the signature %x", serialized, *sig)
	}
	return nil
}

func decodeCheckpointWithID(dec *json.Decoder, c *Checkpoint) error {
	var haveCP, haveID bool
	err := jsontok.EachField(dec, ErrAgentJSON, func(key string) error {
		switch key {
		case "checkpoint":
			if haveCP {
				return errorf(ErrAgentJSON, "checkpoint given twice")
			}
			haveCP = true
			return decodeCheckpoint(dec, c)
		case "message_id":
			if haveID {
				return errorf(ErrAgentJSON, "message_id given twice")
			}
			haveID = true
			return readFixedHex(dec, c.MessageID[:], key)
		default:
			return jsontok.SkipValue(dec, ErrAgentJSON)
		}
	})
	if err == nil && (!haveCP || !haveID) {
		err = errorf(ErrAgentJSON, "value without checkpoint or message_id")
	}
	return err
}

func decodeCheckpoint(dec *json.Decoder, c *Checkpoint) error {
	return jsontok.ReadObject(dec, ErrAgentJSON, "checkpoint",
		jsontok.Field{Name: "merkle_tree_hook_address", Read: func() error { return readFixedHex(dec, c.MerkleTreeHook[:], "merkle_tree_hook_address") }},
		jsontok.Field{Name: "mailbox_domain", Read: func() (err error) { c.Origin, err = readUint32(dec, "mailbox_domain"); return err }},
		jsontok.Field{Name: "root", Read: func() error { return readFixedHex(dec, c.Root[:], "root") }},
		jsontok.Field{Name: "index", Read: func() (err error) { c.Index, err = readUint32(dec, "index"); return err }},
	)
}

func decodeAnnouncement(dec *json.Decoder, a *SignedAnnouncement) error {
	return jsontok.ReadObject(dec, ErrAgentJSON, "announcement",
		jsontok.Field{Name: "validator", Read: func() error { return readFixedHex(dec, a.Validator[:], "validator") }},
		jsontok.Field{Name: "mailbox_address", Read: func() error { return readFixedHex(dec, a.Mailbox[:], "mailbox_address") }},
		jsontok.Field{Name: "mailbox_domain", Read: func() (err error) { a.Domain, err = readUint32(dec, "mailbox_domain"); return err }},
		jsontok.Field{Name: "storage_location", Read: func() (err error) { a.StorageLocation, err = readString(dec, "storage_location"); return err }},
	)
}

// readSignature reads {"r", "s", "v"} (r, s hex quantities of at most 32 bytes, v an
// integer below 256) or a 65-byte hex string.
func readSignature(outer *json.Decoder, sig *[65]byte) error {
	var raw json.RawMessage
	if err := outer.Decode(&raw); err != nil {
		return errorf(ErrAgentJSON, "signature: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if raw[0] != '{' {
		return readFixedHex(dec, sig[:], "signature")
	}
	quantity := func(i int, name string) jsontok.Field {
		return jsontok.Field{Name: name, Read: func() error { return readQuantity32(dec, sig[32*i:32*i+32], "signature."+name) }}
	}
	return jsontok.ReadObject(dec, ErrAgentJSON, "signature", quantity(0, "r"), quantity(1, "s"),
		jsontok.Field{Name: "v", Read: func() error {
			v, err := readUint32(dec, "signature.v")
			if err == nil && v > 255 {
				err = errorf(ErrAgentJSON, "signature.v %d", v)
			}
			sig[64] = byte(v)
			return err
		}})
}

func readString(dec *json.Decoder, name string) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", errorf(ErrAgentJSON, "%s: %v", name, err)
	}
	s, ok := t.(string)
	if !ok {
		return "", errorf(ErrAgentJSON, "%s is %v, not a string", name, t)
	}
	return s, nil
}

// readFixedHex reads "0x" and exactly 2·len(dst) hex digits.
func readFixedHex(dec *json.Decoder, dst []byte, name string) error {
	s, err := readString(dec, name)
	if err != nil {
		return err
	}
	if len(s) != 2+2*len(dst) || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return errorf(ErrAgentJSON, "%s: %.80q is not 0x and %d hex digits", name, s, 2*len(dst))
	}
	if _, err := hex.Decode(dst, []byte(s[2:])); err != nil {
		return errorf(ErrAgentJSON, "%s: %v", name, err)
	}
	return nil
}

// readQuantity32 reads a hex quantity of 1 to 64 digits into the 32 bytes of dst,
// right-aligned (U256's serde form, leading zeros dropped or not).
func readQuantity32(dec *json.Decoder, dst []byte, name string) error {
	s, err := readString(dec, name)
	if err != nil {
		return err
	}
	if len(s) < 3 || len(s) > 66 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return errorf(ErrAgentJSON, "%s: %.80q is not 0x and 1 to 64 hex digits", name, s)
	}
	var digits [64]byte
	for i := range digits {
		digits[i] = '0'
	}
	copy(digits[64-(len(s)-2):], s[2:])
	if _, err := hex.Decode(dst, digits[:]); err != nil {
		return errorf(ErrAgentJSON, "%s: %v", name, err)
	}
	return nil
}

func readUint32(dec *json.Decoder, name string) (uint32, error) {
	t, err := dec.Token()
	if err != nil {
		return 0, errorf(ErrAgentJSON, "%s: %v", name, err)
	}
	n, ok := t.(json.Number)
	if !ok {
		return 0, errorf(ErrAgentJSON, "%s is %v, not a number", name, t)
	}
	s := string(n)
	if len(s) == 0 || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return 0, errorf(ErrAgentJSON, "%s %.24q is not a canonical 32-bit integer", name, s)
	}
	v, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, errorf(ErrAgentJSON, "%s %.24q is not a canonical 32-bit integer", name, s)
	}
	return uint32(v), nil
}
