package layerzero

import (
	"encoding/binary"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// Packet layout (protocol/contracts/messagelib/libs/PacketV1Codec.sol).
const (
	// PacketVersion is PacketV1Codec.PACKET_VERSION.
	PacketVersion = 1
	// HeaderSize is the length of the packet header: version, nonce and path.
	// ReceiveUlnBase._assertHeader requires exactly this length.
	HeaderSize = 81
	// PayloadOffset is where the payload (guid ‖ message) starts in an encoded packet.
	PayloadOffset = HeaderSize
	// MinPacketSize is a packet with an empty message: header and guid.
	MinPacketSize = HeaderSize + 32
	// MaxMessageSize bounds the messages this package decodes and encodes. The protocol
	// sets no limit of its own (SendUln302's executor config caps messages per path,
	// 10 000 bytes by default); 1 MiB is beyond what fits in one EVM transaction's
	// calldata at today's gas limits, and keeps a hostile packet from costing more than a
	// hash.
	MaxMessageSize = 1 << 20

	nonceOffset    = 1
	srcEidOffset   = 9
	senderOffset   = 13
	dstEidOffset   = 45
	receiverOffset = 49
	guidOffset     = 81
	messageOffset  = 113
)

// Header is a packet header: the nonce and the path. Its encoding starts with
// PacketVersion, which the type does not store: every Header encodes as version 1, and
// DecodeHeader accepts nothing else. Eids are LayerZero endpoint ids, not chain ids.
type Header struct {
	Nonce    uint64
	SrcEid   uint32
	Sender   interop.Hash // the OApp on the source; an EVM address left-padded (AddressToBytes32)
	DstEid   uint32
	Receiver interop.Hash // the OApp on the destination, left-padded likewise
}

// Packet is a LayerZero v2 packet as EndpointV2 sends it and PacketV1Codec encodes it:
// header, guid, message. Message aliases the decoded input.
type Packet struct {
	Header  Header
	GUID    interop.Hash
	Message []byte
}

func (h *Header) put(b []byte) {
	b[0] = PacketVersion
	binary.BigEndian.PutUint64(b[nonceOffset:], h.Nonce)
	binary.BigEndian.PutUint32(b[srcEidOffset:], h.SrcEid)
	copy(b[senderOffset:], h.Sender[:])
	binary.BigEndian.PutUint32(b[dstEidOffset:], h.DstEid)
	copy(b[receiverOffset:], h.Receiver[:])
}

// Bytes returns the 81-byte header: PacketV1Codec.encodePacketHeader,
// abi.encodePacked(PACKET_VERSION, nonce, srcEid, sender, dstEid, receiver).
func (h *Header) Bytes() [HeaderSize]byte {
	var b [HeaderSize]byte
	h.put(b[:])
	return b
}

// AppendBinary appends the 81-byte header to b. It never fails.
func (h Header) AppendBinary(b []byte) ([]byte, error) {
	enc := h.Bytes()
	return append(b, enc[:]...), nil
}

// Hash returns keccak256 of the header, the first key of ReceiveUlnBase.hashLookup.
func (h *Header) Hash() interop.Hash {
	enc := h.Bytes()
	return keccak.Sum256(enc[:])
}

// GUID returns the guid EndpointV2 assigns to a packet with this header: GUID.generate.
func (h *Header) GUID() interop.Hash {
	return GUID(h.Nonce, h.SrcEid, h.Sender, h.DstEid, h.Receiver)
}

// GUID is GUID.generate: keccak256(abi.encodePacked(nonce, srcEid, sender, dstEid,
// receiver)), 4+8+32+4+32 = 80 bytes — the header without its version byte. The contract
// takes the sender as an address and pads it to bytes32 (AddressCast.toBytes32); pass it
// padded (AddressToBytes32), or as the 32-byte id of a non-EVM sender.
func GUID(nonce uint64, srcEid uint32, sender interop.Hash, dstEid uint32, receiver interop.Hash) interop.Hash {
	h := Header{Nonce: nonce, SrcEid: srcEid, Sender: sender, DstEid: dstEid, Receiver: receiver}
	enc := h.Bytes()
	return keccak.Sum256(enc[nonceOffset:])
}

// DecodeHeader parses a packet header as ReceiveUlnBase._assertHeader admits it: exactly
// HeaderSize bytes (ErrPacketLength) of version PacketVersion (ErrPacketVersion). The
// destination eid is the caller's to check.
func DecodeHeader(b []byte) (Header, error) {
	if len(b) != HeaderSize {
		return Header{}, errorf(ErrPacketLength, "header of %d bytes, want %d", len(b), HeaderSize)
	}
	return decodeHeader(b)
}

func decodeHeader(b []byte) (Header, error) {
	if b[0] != PacketVersion {
		return Header{}, errorf(ErrPacketVersion, "version %d, want %d", b[0], PacketVersion)
	}
	return Header{
		Nonce:    binary.BigEndian.Uint64(b[nonceOffset:]),
		SrcEid:   binary.BigEndian.Uint32(b[srcEidOffset:]),
		Sender:   interop.Hash(b[senderOffset:dstEidOffset]),
		DstEid:   binary.BigEndian.Uint32(b[dstEidOffset:]),
		Receiver: interop.Hash(b[receiverOffset:guidOffset]),
	}, nil
}

// DecodePacket parses an encoded packet: header, guid, message. Message aliases b. It
// rejects input shorter than MinPacketSize or with a message over MaxMessageSize
// (ErrPacketLength), and a version other than PacketVersion (ErrPacketVersion). The guid is
// not checked against the header (the receive side never does); see CheckGUID.
func DecodePacket(b []byte) (Packet, error) {
	if len(b) < MinPacketSize {
		return Packet{}, errorf(ErrPacketLength, "packet of %d bytes, need at least %d", len(b), MinPacketSize)
	}
	if n := len(b) - messageOffset; n > MaxMessageSize {
		return Packet{}, errorf(ErrPacketLength, "message of %d bytes, max %d", n, MaxMessageSize)
	}
	h, err := decodeHeader(b[:HeaderSize])
	if err != nil {
		return Packet{}, err
	}
	return Packet{Header: h, GUID: interop.Hash(b[guidOffset:messageOffset]), Message: b[messageOffset:len(b):len(b)]}, nil
}

// AppendBinary appends the encoded packet to b: PacketV1Codec.encode. A message over
// MaxMessageSize is ErrPacketLength, since DecodePacket would refuse it.
func (p *Packet) AppendBinary(b []byte) ([]byte, error) {
	if len(p.Message) > MaxMessageSize {
		return b, errorf(ErrPacketLength, "message of %d bytes, max %d", len(p.Message), MaxMessageSize)
	}
	b = append(b, make([]byte, messageOffset)...)
	enc := b[len(b)-messageOffset:]
	p.Header.put(enc)
	copy(enc[guidOffset:], p.GUID[:])
	return append(b, p.Message...), nil
}

// AppendPayload appends the payload, guid ‖ message (PacketV1Codec.encodePayload), to b.
func (p *Packet) AppendPayload(b []byte) []byte {
	b = append(b, p.GUID[:]...)
	return append(b, p.Message...)
}

// PayloadHash returns keccak256(guid ‖ message): PacketV1Codec.payloadHash, the hash
// DVNs verify and the second key of hashLookup.
func (p *Packet) PayloadHash() interop.Hash {
	h := keccak.Get()
	h.Buf = append(h.Buf, p.GUID[:]...)
	out := h.Hash(h.Buf, p.Message)
	keccak.Put(h)
	return out
}

// CheckGUID returns ErrGUID unless the packet's guid is GUID.generate of its header, as
// EndpointV2.send assigns it. Receive libraries do not check this; a mismatch means the
// packet was not sent by an EndpointV2 (or was altered and re-hashed).
func (p *Packet) CheckGUID() error {
	if want := p.Header.GUID(); p.GUID != want {
		return errorf(ErrGUID, "guid %s, header gives %s", p.GUID, want)
	}
	return nil
}

// AddressToBytes32 left-pads an EVM address, as AddressCast.toBytes32 does for senders
// and receivers.
func AddressToBytes32(a interop.Address) interop.Hash {
	var h interop.Hash
	copy(h[12:], a[:])
	return h
}
