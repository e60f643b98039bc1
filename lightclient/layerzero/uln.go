package layerzero

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/abi"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/lightclient"
)

// MaxDVNCount is UlnBase's MAX_COUNT, (255 - 1) / 2 = 127: the most required, and the most
// optional, DVNs a ULN config may list.
const MaxDVNCount = 127

// ULNConfig is the effective ULN config of one path on the receive library, as
// UlnBase.getUlnConfig(receiver, srcEid) returns it after resolving defaults: the block
// confirmations every DVN must vouch for, the required DVNs, and the optional DVNs of
// which OptionalDVNThreshold must verify. DVNs are named by contract address.
type ULNConfig struct {
	Confirmations        uint64
	RequiredDVNs         []interop.Address
	OptionalDVNs         []interop.Address
	OptionalDVNThreshold int
}

// check is UlnBase._setConfig's and _assertAtLeastOneDVN's rules on a resolved config:
// each list strictly ascending (no duplicates, LZ_ULN_Unsorted) and at most MaxDVNCount
// long; a threshold in [1, len(optional)] when there are optional DVNs and 0 otherwise;
// at least one DVN required or a nonzero threshold. A DVN may be both required and
// optional.
func (c *ULNConfig) check() error {
	for _, l := range []struct {
		name string
		dvns []interop.Address
	}{{"required", c.RequiredDVNs}, {"optional", c.OptionalDVNs}} {
		if len(l.dvns) > MaxDVNCount {
			return errorf(ErrConfig, "%d %s DVNs, max %d", len(l.dvns), l.name, MaxDVNCount)
		}
		var last interop.Address
		for i, d := range l.dvns {
			if bytes.Compare(d[:], last[:]) <= 0 {
				return errorf(ErrConfig, "%s DVN %d (%s) not above %s (LZ_ULN_Unsorted)", l.name, i, d, last)
			}
			last = d
		}
	}
	switch {
	case len(c.OptionalDVNs) == 0 && c.OptionalDVNThreshold != 0,
		len(c.OptionalDVNs) > 0 && (c.OptionalDVNThreshold < 1 || c.OptionalDVNThreshold > len(c.OptionalDVNs)):
		return errorf(ErrConfig, "optional threshold %d of %d", c.OptionalDVNThreshold, len(c.OptionalDVNs))
	case len(c.RequiredDVNs) == 0 && c.OptionalDVNThreshold == 0:
		return errorf(ErrConfig, "no DVN (LZ_ULN_AtLeastOneDVN)")
	}
	return nil
}

// ReceiveUln is a destination chain's ReceiveUln302 for one path: its address (the
// target of the DVNs' verify calls), its endpoint's eid, the path's ULN config, and the
// DVN contracts the config names. Build it with NewReceiveUln; it is immutable and safe
// for concurrent use.
type ReceiveUln struct {
	address  interop.Address
	localEid uint32
	config   ULNConfig
	required []*DVN
	optional []*DVN
	// hashLookupSlot is the base slot of hashLookup for the storage route:
	// HashLookupSlotReceiveUln302 unless WithHashLookupSlot says otherwise.
	hashLookupSlot interop.Hash
}

// NewReceiveUln checks config (see ULNConfig) and finds each configured DVN in dvns
// (ErrConfig when one is missing or a DVN is given twice). The config is copied; DVNs
// are immutable and shared.
func NewReceiveUln(address interop.Address, localEid uint32, config ULNConfig, dvns []*DVN) (*ReceiveUln, error) {
	if err := config.check(); err != nil {
		return nil, err
	}
	byAddr := make(map[interop.Address]*DVN, len(dvns))
	for _, d := range dvns {
		if d == nil {
			return nil, errorf(ErrConfig, "nil DVN")
		}
		if _, dup := byAddr[d.address]; dup {
			return nil, errorf(ErrConfig, "DVN %s given twice", d.address)
		}
		byAddr[d.address] = d
	}
	find := func(addrs []interop.Address) ([]*DVN, error) {
		out := make([]*DVN, len(addrs))
		for i, a := range addrs {
			if out[i] = byAddr[a]; out[i] == nil {
				return nil, errorf(ErrConfig, "no DVN definition for %s", a)
			}
		}
		return out, nil
	}
	u := &ReceiveUln{address: address, localEid: localEid, hashLookupSlot: slotWord(HashLookupSlotReceiveUln302)}
	var err error
	if u.required, err = find(config.RequiredDVNs); err != nil {
		return nil, err
	}
	if u.optional, err = find(config.OptionalDVNs); err != nil {
		return nil, err
	}
	u.config = ULNConfig{
		Confirmations:        config.Confirmations,
		RequiredDVNs:         append([]interop.Address(nil), config.RequiredDVNs...),
		OptionalDVNs:         append([]interop.Address(nil), config.OptionalDVNs...),
		OptionalDVNThreshold: config.OptionalDVNThreshold,
	}
	return u, nil
}

// WithHashLookupSlot returns a copy of u whose storage route reads hashLookup at base
// slot instead of HashLookupSlotReceiveUln302 (for a receive library with another storage
// layout).
func (u *ReceiveUln) WithHashLookupSlot(slot interop.Hash) *ReceiveUln {
	c := *u
	c.hashLookupSlot = slot
	return &c
}

// HashLookupSlot returns the base slot of hashLookup the storage route reads.
func (u *ReceiveUln) HashLookupSlot() interop.Hash { return u.hashLookupSlot }

// Address returns the receive library's address.
func (u *ReceiveUln) Address() interop.Address { return u.address }

// LocalEid returns the eid of the receive library's endpoint.
func (u *ReceiveUln) LocalEid() uint32 { return u.localEid }

// Claim returns the lightclient claim for a packet: route SrcEid → DstEid (eids, as
// chain ids), epoch 0, and PacketDigest(header hash, payload hash).
func Claim(p *Packet) lightclient.Claim {
	return ClaimFor(&p.Header, p.PayloadHash())
}

// ClaimFor is Claim for a header and a payload hash.
func ClaimFor(h *Header, payloadHash interop.Hash) lightclient.Claim {
	return lightclient.Claim{
		Origin:      interop.ChainID(h.SrcEid),
		Destination: interop.ChainID(h.DstEid),
		Digest:      PacketDigest(h.Hash(), payloadHash),
	}
}

// PacketDigest is keccak256(headerHash ‖ payloadHash), the claim digest of a packet: it
// binds the two keys under which ReceiveUlnBase.hashLookup records a verification. It is
// this library's, not LayerZero's (the protocol never hashes the pair).
func PacketDigest(headerHash, payloadHash interop.Hash) interop.Hash {
	var b [64]byte
	copy(b[:32], headerHash[:])
	copy(b[32:], payloadHash[:])
	return keccak.Sum256(b[:])
}

// checkClaim checks that claim c is about header h and payload hash ph, on a path into
// this receive library (ReceiveUlnBase._assertHeader's dstEid check).
func (u *ReceiveUln) checkClaim(c lightclient.Claim, h *Header, ph interop.Hash) error {
	switch {
	case h.DstEid != u.localEid:
		return errorf(ErrWrongDomain, "packet for eid %d, receive library at eid %d", h.DstEid, u.localEid)
	case c.Origin != interop.ChainID(h.SrcEid) || c.Destination != interop.ChainID(h.DstEid):
		return errorf(ErrWrongDomain, "claim route %d→%d, packet route %d→%d", c.Origin, c.Destination, h.SrcEid, h.DstEid)
	case c.Epoch != 0:
		// DVNs sign no epoch; a verdict for a nonzero epoch would claim what they never said.
		return errorf(ErrWrongDomain, "claim epoch %d, LayerZero claims have epoch 0", c.Epoch)
	case c.Digest != PacketDigest(h.Hash(), ph):
		return errorf(ErrWrongDomain, "claim digest %s is not the packet's", c.Digest)
	}
	return nil
}

// Verifier returns the receive library's rule — ReceiveUlnBase._checkVerifiable, every
// required DVN and OptionalDVNThreshold of the optional ones, each with at least
// Confirmations — as lightclient.RequiredOptional over one verifier per DVN (DVNVerifier),
// with instructions judged at time now (Unix seconds; see DVN.VerifyExecuteParam). The
// attestation's Metadata is the AppendAttestations encoding of the DVNs' signed
// ExecuteParams; claims come from Claim.
func (u *ReceiveUln) Verifier(now uint64) lightclient.Verifier {
	req := make([]lightclient.Verifier, len(u.required))
	for i, d := range u.required {
		req[i] = u.dvnVerifier(d, now)
	}
	opt := make([]lightclient.Verifier, len(u.optional))
	for i, d := range u.optional {
		opt[i] = u.dvnVerifier(d, now)
	}
	return lightclient.RequiredOptional(req, opt, u.config.OptionalDVNThreshold)
}

// DVNVerifier returns the verifier of one configured DVN at time now: ReceiveUlnBase._verified
// for that DVN, on a signed instruction instead of stored state. It is ErrConfig for an
// address the config does not name.
func (u *ReceiveUln) DVNVerifier(dvn interop.Address, now uint64) (lightclient.Verifier, error) {
	for _, l := range [][]*DVN{u.required, u.optional} {
		for _, d := range l {
			if d.address == dvn {
				return u.dvnVerifier(d, now), nil
			}
		}
	}
	return nil, errorf(ErrConfig, "DVN %s not in the ULN config", dvn)
}

func (u *ReceiveUln) dvnVerifier(d *DVN, now uint64) dvnVerifier {
	return dvnVerifier{u: u, d: d, now: now}
}

// VerifyPacket runs Verifier(now) on an encoded packet and AppendAttestations bytes. It
// returns nil when the receive library would find the packet verifiable once the DVNs'
// instructions are executed; otherwise the verdict's error (lightclient.ErrRejected)
// joined with the error of every rejecting DVN, so errors.Is finds the reasons.
func (u *ReceiveUln) VerifyPacket(packet, attestations []byte, now uint64) error {
	p, err := DecodePacket(packet)
	if err != nil {
		return err
	}
	v := u.Verifier(now).Verify(Claim(&p), &lightclient.Attestation{Metadata: attestations})
	return verdictError(&v)
}

// verdictError is v.Err() joined with the errors of v's rejecting children.
func verdictError(v *lightclient.Verdict) error {
	if v.Accepted {
		return nil
	}
	errs := []error{v.Err()}
	for i := range v.Children {
		if c := &v.Children[i]; !c.Accepted {
			errs = append(errs, fmt.Errorf("%s: %w", c.Verifier, c.Err()))
		}
	}
	return errors.Join(errs...)
}

type dvnVerifier struct {
	u   *ReceiveUln
	d   *DVN
	now uint64
}

// Verify accepts when the DVN's attestation, found by its address in a.Metadata
// (AppendAttestations), would make the DVN record the claimed packet with enough
// confirmations:
//
//	a) the metadata decodes and holds an ExecuteParam for this DVN (ErrAttestations,
//	   ErrNoAttestation);
//	b) its target is the receive library (ErrTarget);
//	c) its call data is a verify call (ErrCallData, ErrPacketLength, ErrPacketVersion);
//	d) the call's header and payload hash are the claim's, on a path into this library,
//	   epoch 0 (ErrWrongDomain);
//	e) confirmations ≥ the config's (ErrConfirmations);
//	f) DVN.VerifyExecuteParam: vid, expiration, then the signatures — last, since they
//	   cost a recovery each (ErrVID, ErrExpired, ErrQuorum, ErrSignature, ErrSignerOrder,
//	   ErrUnknownSigner).
func (v dvnVerifier) Verify(c lightclient.Claim, a *lightclient.Attestation) lightclient.Verdict {
	if err := v.verify(c, a); err != nil {
		return lightclient.Reject(v.d.name, c, err)
	}
	return lightclient.Accept(v.d.name, c, "signed verify call with enough confirmations")
}

func (v dvnVerifier) verify(c lightclient.Claim, a *lightclient.Attestation) error {
	if a == nil {
		return errorf(ErrNoAttestation, "no attestation for DVN %s", v.d.address)
	}
	p, found, err := findAttestation(a.Metadata, v.d.address)
	if err != nil {
		return err
	}
	if !found {
		return errorf(ErrNoAttestation, "DVN %s", v.d.address)
	}
	if p.Target != v.u.address {
		return errorf(ErrTarget, "target %s, receive library %s", p.Target, v.u.address)
	}
	call, err := DecodeVerifyCall(p.CallData)
	if err != nil {
		return err
	}
	if err := v.u.checkClaim(c, &call.Header, call.PayloadHash); err != nil {
		return err
	}
	if call.Confirmations < v.u.config.Confirmations {
		return errorf(ErrConfirmations, "DVN %s vouched for %d, config requires %d", v.d.address, call.Confirmations, v.u.config.Confirmations)
	}
	return v.d.VerifyExecuteParam(&p, v.now)
}

// Attestation is one DVN's signed instruction: the ExecuteParam its signers produced, and
// the DVN contract (the msg.sender the receive library will record) that executes it.
type Attestation struct {
	DVN   interop.Address
	Param ExecuteParam
}

// MaxAttestations bounds AppendAttestations lists: every required and optional DVN once.
const MaxAttestations = 2 * MaxDVNCount

// AppendAttestations appends abi.encode((address dvn, ExecuteParam param)[]) to b: the
// lightclient.Attestation metadata this package's verifiers read. The list must be in
// strictly ascending DVN order and at most MaxAttestations long, with each param within
// ExecuteParam's bounds (ErrAttestations, ErrExecuteParam). The envelope is this
// library's: LayerZero carries each ExecuteParam to its own DVN contract.
func AppendAttestations(b []byte, list []Attestation) ([]byte, error) {
	if len(list) > MaxAttestations {
		return b, errorf(ErrAttestations, "%d attestations, max %d", len(list), MaxAttestations)
	}
	var last interop.Address
	for i := range list {
		if i > 0 && bytes.Compare(list[i].DVN[:], last[:]) <= 0 {
			return b, errorf(ErrAttestations, "attestation %d for %s not above %s", i, list[i].DVN, last)
		}
		if err := list[i].Param.checkSizes(); err != nil {
			return b, fmt.Errorf("attestation %d: %w", i, err)
		}
		last = list[i].DVN
	}
	e := abi.NewEncoder(b, 1)
	arr := e.Array(len(list), 1)
	for i := range list {
		el := arr.Tuple(2)
		el.Address(list[i].DVN)
		t := el.Tuple(5)
		list[i].Param.encodeTuple(&t)
		el.End(&t)
		arr.End(&el)
	}
	e.End(&arr)
	return e.Finish(), nil
}

// DecodeAttestations parses AppendAttestations bytes strictly: canonical ABI, at most
// MaxAttestations entries (bounded before allocating), DVNs strictly ascending. Call data
// and signatures alias b. Errors wrap ErrAttestations.
func DecodeAttestations(b []byte) ([]Attestation, error) {
	var out []Attestation
	err := walkAttestations(b, func(dvn interop.Address, t *abi.Decoder) (bool, error) {
		p, err := decodeTuple(t)
		if err != nil {
			return false, err
		}
		if out == nil {
			out = make([]Attestation, 0, 4)
		}
		out = append(out, Attestation{DVN: dvn, Param: p})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// findAttestation decodes the whole envelope (so that only canonical bytes are ever
// accepted) and returns the param of dvn.
func findAttestation(b []byte, dvn interop.Address) (ExecuteParam, bool, error) {
	var p ExecuteParam
	found := false
	err := walkAttestations(b, func(d interop.Address, t *abi.Decoder) (bool, error) {
		if d != dvn {
			return true, nil
		}
		var err error
		p, err = decodeTuple(t)
		found = err == nil
		return false, err
	})
	return p, found, err
}

// walkAttestations reads the envelope in order and calls f on each entry's DVN and
// param tuple. When f returns skip, the tuple is walked without keeping it.
func walkAttestations(b []byte, f func(dvn interop.Address, t *abi.Decoder) (skip bool, err error)) error {
	wrap := func(err error) error { return fmt.Errorf("%w: %w", ErrAttestations, err) }
	d, err := abi.NewDecoder(b, 1)
	if err != nil {
		return wrap(err)
	}
	n, arr, err := d.Array(MaxAttestations, 1)
	if err != nil {
		return wrap(err)
	}
	var last interop.Address
	for i := range n {
		el, err := arr.Tuple(2)
		if err != nil {
			return wrap(err)
		}
		dvn, err := el.Address()
		if err != nil {
			return wrap(err)
		}
		if i > 0 && bytes.Compare(dvn[:], last[:]) <= 0 {
			return errorf(ErrAttestations, "attestation %d for %s not above %s", i, dvn, last)
		}
		last = dvn
		t, err := el.Tuple(5)
		if err != nil {
			return wrap(err)
		}
		skip, err := f(dvn, &t)
		if err != nil {
			return fmt.Errorf("%w: attestation %d: %w", ErrAttestations, i, err)
		}
		if skip {
			if _, err := decodeTuple(&t); err != nil {
				return fmt.Errorf("%w: attestation %d: %w", ErrAttestations, i, err)
			}
		}
		if err := el.End(&t); err != nil {
			return wrap(err)
		}
		if err := arr.End(&el); err != nil {
			return wrap(err)
		}
	}
	if err := d.End(&arr); err != nil {
		return wrap(err)
	}
	return wrap0(d.Finish())
}

func wrap0(err error) error {
	if err != nil {
		return fmt.Errorf("%w: %w", ErrAttestations, err)
	}
	return nil
}
