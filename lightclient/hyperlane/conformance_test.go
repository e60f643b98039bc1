package hyperlane

import (
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/merkle"
)

// TestConformance walks hyperlane-monorepo's vectors and runs each file by its shape.
func TestConformance(t *testing.T) {
	ran := 0
	for _, path := range vectors.Files(t, "hub", "hyperlane/*.json") {
		raw := vectors.Read(t, path)
		var run func(*testing.T, []byte)
		switch {
		case vectors.HasKeys(raw, true, "id", "body", "nonce"):
			run = checkMessages
		case vectors.HasKeys(raw, true, "expectedDomainHash"):
			run = checkDomainHashes
		case vectors.HasKeys(raw, true, "merkle_tree_hook", "signature", "signer"):
			run = checkSignedCheckpoints
		case vectors.HasKeys(raw, false, "checkpoint", "signing_hash", "signatures"):
			run = checkMessageIDCheckpoint
		case vectors.HasKeys(raw, true, "expectedRoot", "leaves", "proofs"):
			run = checkMerkle
		case vectors.HasKeys(raw, false, "proof", "root") && !vectors.HasKeys(raw, false, "message"):
			run = checkProof
		case vectors.HasKeys(raw, false, "leaf", "index", "proof", "message", "root"):
			run = checkLegacyMessage
		case vectors.HasKeys(raw, true, "leaf", "index", "path"):
			run = checkProveAndProcess
		case vectors.HasKeys(raw, true, "updater", "signature", "signer"):
			run = checkSignedFailure
		default:
			t.Errorf("%s: unknown shape", path)
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) { run(t, raw) })
		ran++
	}
	if ran == 0 {
		t.Fatal("no Hyperlane vectors")
	}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sig assembles r‖s‖v; the vectors drop leading zeros of r.
func sig(t *testing.T, r, s string, v byte) [65]byte {
	t.Helper()
	var out [65]byte
	rb, sb := unhex(t, fmt.Sprintf("%064s", strings.TrimPrefix(r, "0x"))), unhex(t, fmt.Sprintf("%064s", strings.TrimPrefix(s, "0x")))
	copy(out[:32], rb)
	copy(out[32:], sb)
	out[64] = v
	return out
}

func checkMessages(t *testing.T, raw []byte) {
	for _, c := range vectors.JSON[[]struct {
		Version     uint8
		Nonce       uint32
		Origin      uint32
		Sender      interop.Hash
		Destination uint32
		Recipient   interop.Hash
		Body        []int
		ID          interop.Hash
	}](t, raw) {
		m := Message{Version: c.Version, Nonce: c.Nonce, Origin: c.Origin, Sender: c.Sender, Destination: c.Destination, Recipient: c.Recipient}
		for _, b := range c.Body {
			m.Body = append(m.Body, byte(b))
		}
		if id := m.ID(); id != c.ID {
			t.Fatalf("id %v, want %v", id, c.ID)
		}
		enc := must(m.AppendBinary(nil))
		if id := keccak.Sum256Parts(enc); id != c.ID {
			t.Fatalf("keccak(encode) %v", id)
		}
		back, err := DecodeMessage(enc)
		if err != nil || back.ID() != c.ID {
			t.Fatalf("decode: %v", err)
		}
	}
}

func checkDomainHashes(t *testing.T, raw []byte) {
	for _, c := range vectors.JSON[[]struct {
		Domain             uint32
		Mailbox            interop.Hash
		ExpectedDomainHash interop.Hash
	}](t, raw) {
		if got := DomainHash(c.Domain, c.Mailbox); got != c.ExpectedDomainHash {
			t.Errorf("domain %d: %v, want %v", c.Domain, got, c.ExpectedDomainHash)
		}
	}
}

type rsv struct {
	R, S string
	V    byte
}

func checkSignedCheckpoints(t *testing.T, raw []byte) {
	for _, c := range vectors.JSON[[]struct {
		Domain         uint32
		Index          uint32
		MerkleTreeHook interop.Hash `json:"merkle_tree_hook"`
		Root           interop.Hash
		Signature      rsv
		Signer         interop.Address
	}](t, raw) {
		cp := Checkpoint{Origin: c.Domain, MerkleTreeHook: c.MerkleTreeHook, Root: c.Root, Index: c.Index}
		s := sig(t, c.Signature.R, c.Signature.S, c.Signature.V)
		got, err := Recover(EthSignedMessageHash(cp.LegacySigningHash()), s)
		if err != nil || got != c.Signer {
			t.Errorf("index %d: recovered %v, %v; want %v", c.Index, got, err, c.Signer)
		}
		ms := must(NewMultisig([]interop.Address{c.Signer}, 1))
		if err := ms.VerifySignatures(EthSignedMessageHash(cp.LegacySigningHash()), [][65]byte{s}); err != nil {
			t.Error(err)
		}
		cp.Index++
		if got, _ := Recover(EthSignedMessageHash(cp.LegacySigningHash()), s); got == c.Signer {
			t.Error("signature valid for another index")
		}
	}
}

func checkMessageIDCheckpoint(t *testing.T, raw []byte) {
	c := vectors.JSON[struct {
		MessageHex string `json:"message_hex"`
		Checkpoint struct {
			MerkleTreeHook interop.Hash `json:"merkle_tree_hook"`
			Origin         uint32
			Root           interop.Hash
			Index          uint32
		}
		SigningHash   interop.Hash      `json:"signing_hash"`
		ValidatorsAll []interop.Address `json:"validators_all"`
		Signatures    []struct {
			Validator interop.Address
			Signature string
		}
		MessageIDDerived interop.Hash `json:"message_id_derived"`
	}](t, raw)
	msgBytes := unhex(t, c.MessageHex)
	msg, err := DecodeMessage(msgBytes)
	if err != nil {
		t.Fatal(err)
	}
	if msg.ID() != c.MessageIDDerived {
		t.Fatalf("id %v", msg.ID())
	}
	cp := Checkpoint{Origin: c.Checkpoint.Origin, MerkleTreeHook: c.Checkpoint.MerkleTreeHook, Root: c.Checkpoint.Root, Index: c.Checkpoint.Index, MessageID: msg.ID()}
	if got := cp.SigningHash(); got != c.SigningHash {
		t.Fatalf("signing hash %v, want %v", got, c.SigningHash)
	}
	md := MessageIDMetadata{MerkleTreeHook: cp.MerkleTreeHook, Root: cp.Root, Index: cp.Index}
	for _, s := range c.Signatures {
		sg := [65]byte(unhex(t, s.Signature))
		if got, err := Recover(cp.Digest(), sg); err != nil || got != s.Validator {
			t.Fatalf("recovered %v, %v; want %v", got, err, s.Validator)
		}
		md.Signatures = append(md.Signatures, sg)
	}
	ism := must(NewMessageIDMultisig(c.ValidatorsAll, len(c.Signatures)))
	if err := ism.Verify(must(md.AppendBinary(nil)), msgBytes); err != nil {
		t.Fatal(err)
	}
	// Reversed signatures are out of validator order; one signature short misses the
	// threshold; a different message is signed by no validator.
	if len(md.Signatures) >= 2 {
		rev := md
		rev.Signatures = [][65]byte{md.Signatures[1], md.Signatures[0]}
		if err := ism.Verify(must(rev.AppendBinary(nil)), msgBytes); !errors.Is(err, ErrSignatureOrder) {
			t.Fatalf("reversed: %v", err)
		}
	}
	short := md
	short.Signatures = md.Signatures[:len(md.Signatures)-1]
	if err := ism.Verify(must(short.AppendBinary(nil)), msgBytes); !errors.Is(err, ErrThreshold) {
		t.Fatalf("short: %v", err)
	}
	other := msg
	other.Nonce++
	if err := ism.Verify(must(md.AppendBinary(nil)), must(other.AppendBinary(nil))); !errors.Is(err, ErrUnknownValidator) {
		t.Fatalf("other message: %v", err)
	}
}

type pathProof struct {
	Leaf  interop.Hash
	Index uint32
	Path  []interop.Hash
}

func (p *pathProof) branch(t *testing.T) *merkle.Branch {
	if len(p.Path) != merkle.TreeDepth {
		t.Fatalf("path of %d", len(p.Path))
	}
	return (*merkle.Branch)(p.Path)
}

// hashMessage is EIP-191 personal_sign hashing of a string (ethers utils.hashMessage),
// with which hyperlane's merkle.test.ts turns its string leaves into leaves.
func hashMessage(s string) interop.Hash {
	return keccak.Sum256Parts([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d", len(s))), []byte(s))
}

func checkMerkle(t *testing.T, raw []byte) {
	for _, c := range vectors.JSON[[]struct {
		TestName     string
		ExpectedRoot interop.Hash
		Leaves       []string
		Proofs       []pathProof
	}](t, raw) {
		tree := merkle.NewIncremental(merkle.Keccak256{})
		for _, l := range c.Leaves {
			if err := tree.Insert(hashMessage(l)); err != nil {
				t.Fatal(err)
			}
		}
		if got := tree.Root(); got != c.ExpectedRoot {
			t.Errorf("%s: root %v, want %v", c.TestName, got, c.ExpectedRoot)
		}
		for i, p := range c.Proofs {
			if p.Leaf != hashMessage(c.Leaves[i]) {
				t.Errorf("%s: leaf %d", c.TestName, i)
			}
			if got := p.branch(t).Root(p.Leaf, p.Index, merkle.Keccak256{}); got != c.ExpectedRoot {
				t.Errorf("%s: proof %d root %v", c.TestName, i, got)
			}
		}
	}
}

func checkProof(t *testing.T, raw []byte) {
	c := vectors.JSON[struct {
		Proof pathProof
		Root  interop.Hash
	}](t, raw)
	if got := c.Proof.branch(t).Root(c.Proof.Leaf, c.Proof.Index, merkle.Keccak256{}); got != c.Root {
		t.Fatalf("root %v, want %v", got, c.Root)
	}
	tree := merkle.NewIncremental(merkle.Keccak256{})
	_ = tree.Insert(c.Proof.Path[0])
	_ = tree.Insert(c.Proof.Leaf)
	if tree.Root() != c.Root {
		t.Fatal("incremental tree of the two leaves")
	}
}

// checkLegacyMessage: Abacus-era message, leaf = keccak256(message ‖ uint256(index)).
func checkLegacyMessage(t *testing.T, raw []byte) {
	c := vectors.JSON[struct {
		Leaf    interop.Hash
		Index   uint32
		Proof   []interop.Hash
		Message string
		Root    interop.Hash
	}](t, raw)
	var idx [32]byte
	idx[28], idx[29], idx[30], idx[31] = byte(c.Index>>24), byte(c.Index>>16), byte(c.Index>>8), byte(c.Index)
	if leaf := keccak.Sum256Parts(unhex(t, c.Message), idx[:]); leaf != c.Leaf {
		t.Fatalf("leaf %v", leaf)
	}
	p := pathProof{Leaf: c.Leaf, Index: c.Index, Path: c.Proof}
	if got := p.branch(t).Root(c.Leaf, c.Index, merkle.Keccak256{}); got != c.Root {
		t.Fatalf("root %v", got)
	}
}

// checkProveAndProcess: no root upstream; README gives the collector-derived root's ends.
func checkProveAndProcess(t *testing.T, raw []byte) {
	for _, p := range vectors.JSON[[]pathProof](t, raw) {
		got := p.branch(t).Root(p.Leaf, p.Index, merkle.Keccak256{}).String()
		if !strings.HasPrefix(got, "0x2f7d1147") || !strings.HasSuffix(got, "7462") {
			t.Errorf("root %s, want 0x2f7d1147…7462", got)
		}
	}
}

// checkSignedFailure: Optics FailureNotification, signed with EIP-191.
func checkSignedFailure(t *testing.T, raw []byte) {
	for _, c := range vectors.JSON[[]struct {
		Domain    uint32
		Signature rsv
		Signer    interop.Address
		Updater   interop.Address
	}](t, raw) {
		var d [4]byte
		d[0], d[1], d[2], d[3] = byte(c.Domain>>24), byte(c.Domain>>16), byte(c.Domain>>8), byte(c.Domain)
		home := keccak.Sum256Parts(d[:], []byte("OPTICS"))
		updater := AddressToBytes32(c.Updater)
		h := keccak.Sum256Parts(home[:], d[:], updater[:])
		got, err := Recover(EthSignedMessageHash(h), sig(t, c.Signature.R, c.Signature.S, c.Signature.V))
		if err != nil || got != c.Signer {
			t.Errorf("recovered %v, %v; want %v", got, err, c.Signer)
		}
	}
}
