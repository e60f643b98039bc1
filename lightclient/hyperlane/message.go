package hyperlane

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// Message layout (solidity/contracts/libs/Message.sol).
const (
	// Version is the message version of Hyperlane v3 mailboxes.
	Version = 3
	// HeaderSize is the length of the fixed fields before the body.
	HeaderSize = 77
	// MaxBodySize bounds the bodies this package decodes. The mailbox sets no limit of
	// its own (gas does); 128 KiB is beyond any body a relayer delivers on an EVM
	// destination and keeps a hostile message from costing more than a hash.
	MaxBodySize = 128 << 10

	versionOffset     = 0
	nonceOffset       = 1
	originOffset      = 5
	senderOffset      = 9
	destinationOffset = 41
	recipientOffset   = 45
	bodyOffset        = 77
)

// Message is a Hyperlane v3 message. Domains are Hyperlane domain ids (uint32), which
// for EVM chains are usually the chain id.
type Message struct {
	Version     uint8
	Nonce       uint32
	Origin      uint32
	Sender      interop.Hash
	Destination uint32
	Recipient   interop.Hash
	Body        []byte
}

// AppendBinary appends abi.encodePacked(version, nonce, origin, sender, destination,
// recipient, body), Message.formatMessage, to b. It never fails: it encodes whatever
// the fields hold, as formatMessage does, even a message DecodeMessage would refuse.
func (m *Message) AppendBinary(b []byte) ([]byte, error) {
	b = slices.Grow(b, HeaderSize+len(m.Body))
	b = append(b, m.Version)
	b = binary.BigEndian.AppendUint32(b, m.Nonce)
	b = binary.BigEndian.AppendUint32(b, m.Origin)
	b = append(b, m.Sender[:]...)
	b = binary.BigEndian.AppendUint32(b, m.Destination)
	b = append(b, m.Recipient[:]...)
	return append(b, m.Body...), nil
}

// ID returns keccak256 of the encoded message: Message.id, the leaf the mailbox's merkle
// tree hook inserts.
func (m *Message) ID() interop.Hash {
	var head [HeaderSize]byte
	head[versionOffset] = m.Version
	binary.BigEndian.PutUint32(head[nonceOffset:], m.Nonce)
	binary.BigEndian.PutUint32(head[originOffset:], m.Origin)
	copy(head[senderOffset:], m.Sender[:])
	binary.BigEndian.PutUint32(head[destinationOffset:], m.Destination)
	copy(head[recipientOffset:], m.Recipient[:])
	return keccak.Sum256Parts(head[:], m.Body)
}

// DecodeMessage parses an encoded v3 message. Body aliases b. It rejects messages
// shorter than the header, of a version other than 3 (Mailbox.process requires
// VERSION) and with a body over MaxBodySize, before reading the body. It allocates
// nothing; the body is not copied.
func DecodeMessage(b []byte) (Message, error) {
	if len(b) < HeaderSize {
		return Message{}, fmt.Errorf("%w: %d bytes, header is %d", ErrMessage, len(b), HeaderSize)
	}
	if b[versionOffset] != Version {
		return Message{}, fmt.Errorf("%w: version %d, want %d", ErrMessage, b[versionOffset], Version)
	}
	if n := len(b) - HeaderSize; n > MaxBodySize {
		return Message{}, fmt.Errorf("%w: body of %d bytes, max %d", ErrMessage, n, MaxBodySize)
	}
	return Message{
		Version:     b[versionOffset],
		Nonce:       binary.BigEndian.Uint32(b[nonceOffset:]),
		Origin:      binary.BigEndian.Uint32(b[originOffset:]),
		Sender:      interop.Hash(b[senderOffset:destinationOffset]),
		Destination: binary.BigEndian.Uint32(b[destinationOffset:]),
		Recipient:   interop.Hash(b[recipientOffset:bodyOffset]),
		Body:        b[bodyOffset:len(b):len(b)],
	}, nil
}

// AddressToBytes32 left-pads an EVM address, as TypeCasts.addressToBytes32 does for
// senders and recipients.
func AddressToBytes32(a interop.Address) interop.Hash {
	var h interop.Hash
	copy(h[12:], a[:])
	return h
}
