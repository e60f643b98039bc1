package astria_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
)

// goSquareData is go-square's repeatingBytes: bytes cycling from 0x01 to 0xFF.
func goSquareData(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i%255) + 1
	}
	return b
}

// TestGoSquareGoldenShares: go-square's pinned share encodings of blobs
// (share/testdata/golden/blob_v<version>_<length>_*.hex: namespace version 0 with id
// ten 0x01 bytes, repeatingBytes data, share version 0 without signer, 1 with
// go-square's 20-byte golden signer, repeatingBytes(20)) are what BlobShares builds, and DecodeBlobShares
// reads them back; a one-byte change of any share's namespace, info byte, sequence
// length or padding is refused with a sentinel.
func TestGoSquareGoldenShares(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "go-square", "blob_v*.hex"))
	if len(files) == 0 && os.Getenv("INTEROP_VECTORS_REQUIRED") != "" {
		t.Fatal("no go-square golden shares in testdata/go-square")
	}
	ns := astria.Namespace{}
	for i := 19; i < 29; i++ {
		ns[i] = 1
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var want [][]byte
		for _, line := range strings.Fields(string(raw)) {
			s, err := hex.DecodeString(line)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want = append(want, s)
		}
		parts := strings.Split(strings.TrimSuffix(filepath.Base(name), ".hex"), "_")
		var n int
		for _, c := range parts[2] {
			n = 10*n + int(c-'0')
		}
		var signer []byte
		if parts[1] == "v1" {
			signer = goSquareData(astria.SignerSize)
		}
		got, err := astria.BlobShares(ns, goSquareData(n), signer)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) || len(got) != astria.SharesNeeded(n, signer != nil) {
			t.Fatalf("%s: %d shares, want %d", name, len(got), len(want))
		}
		for i := range got {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("%s: share %d differs:\n%x\n%x", name, i, got[i], want[i])
			}
		}
		data, sg, err := astria.DecodeBlobShares(ns, want)
		if err != nil || !bytes.Equal(data, goSquareData(n)) || !bytes.Equal(sg, signer) {
			t.Fatalf("%s: parsed back: %v", name, err)
		}
		refused := 0
		for si := range want {
			for at := range want[si] {
				shares := make([][]byte, len(want))
				copy(shares, want)
				shares[si] = bytes.Clone(want[si])
				shares[si][at] ^= 0x80
				d, sg2, err := astria.DecodeBlobShares(ns, shares)
				if err == nil {
					if bytes.Equal(d, data) && bytes.Equal(sg2, sg) {
						t.Fatalf("%s: share %d byte %d changed nothing", name, si, at)
					}
					continue // a data or signer byte: the share proof refuses it (TestFirmShareTamper)
				}
				if !errors.Is(err, astria.ErrShares) && !errors.Is(err, astria.ErrNamespace) && !errors.Is(err, astria.ErrTooLarge) {
					t.Fatalf("%s: share %d byte %d: %v", name, si, at, err)
				}
				refused++
			}
		}
		t.Logf("%s: %d shares, %d one-byte changes refused", filepath.Base(name), len(want), refused)
	}
}

// TestNamespaces: the sequencer namespace is version 0 with the first 10 bytes of
// sha256(chain id), a rollup's version 0 with the first 10 bytes of its id. The
// astria-dusk-5 one is the namespace 51cc1a73d65f95f6bde6 that celestiaorg/eq-service's
// blob-tool README quotes as a working Mocha testnet blob (see testdata/SOURCES.md).
func TestNamespaces(t *testing.T) {
	h := sha256.Sum256([]byte("astria-dusk-5"))
	ns := astria.SequencerNamespace("astria-dusk-5")
	if !bytes.Equal(ns[:19], make([]byte, 19)) || !bytes.Equal(ns[19:], h[:10]) || hex.EncodeToString(ns[19:]) != "51cc1a73d65f95f6bde6" {
		t.Fatalf("sequencer namespace %x", ns)
	}
	id := ordering.AstriaRollupID([]byte("r"))
	rn := astria.RollupNamespace(id)
	if !bytes.Equal(rn[:19], make([]byte, 19)) || !bytes.Equal(rn[19:], id[:10]) {
		t.Fatalf("rollup namespace %x", rn)
	}
}

// TestPropBlobSharesRoundTrip: any blob, signed or not, splits into SharesNeeded shares
// that DecodeBlobShares reads back; dropping or adding a share is refused (ErrShares).
func TestPropBlobSharesRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var ns astria.Namespace
		copy(ns[19:], rapid.SliceOfN(rapid.Byte(), 10, 10).Draw(t, "id"))
		n := rapid.OneOf(rapid.IntRange(0, 3000), rapid.SampledFrom([]int{477, 478, 479, 959, 960, 961, 1442, 1443})).Draw(t, "n")
		data := rapid.SliceOfN(rapid.Byte(), n, n).Draw(t, "data")
		var signer []byte
		if rapid.Bool().Draw(t, "signed") {
			signer = rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "signer")
		}
		shares, err := astria.BlobShares(ns, data, signer)
		if err != nil {
			t.Fatal(err)
		}
		got, sg, err := astria.DecodeBlobShares(ns, shares)
		if err != nil || !bytes.Equal(got, data) || !bytes.Equal(sg, signer) {
			t.Fatalf("round trip: %v", err)
		}
		if len(shares) > 1 {
			if _, _, err := astria.DecodeBlobShares(ns, shares[:len(shares)-1]); !errors.Is(err, astria.ErrShares) {
				t.Fatalf("share dropped: %v", err)
			}
		}
		more := append(shares[:len(shares):len(shares)], shares[len(shares)-1])
		if _, _, err := astria.DecodeBlobShares(ns, more); !errors.Is(err, astria.ErrShares) {
			t.Fatalf("share added: %v", err)
		}
		other := ns
		other[28] ^= 1
		if _, _, err := astria.DecodeBlobShares(other, shares); !errors.Is(err, astria.ErrNamespace) {
			t.Fatalf("other namespace: %v", err)
		}
	})
}

// TestPropBlobListsRoundTrip: the relayer's lists encode and decode to the same
// entries, and decoded metadata verifies.
func TestPropBlobListsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		blocks := astriatest.Submission(3).Draw(t, "blocks")
		var meta []astria.FilteredSequencerBlock
		var data []astria.SubmittedRollupData
		for i := range blocks {
			m, d := astriatest.Split(&blocks[i])
			meta, data = append(meta, m), append(data, d...)
		}
		encM := astria.AppendMetadataList(nil, meta)
		gotM, err := astria.DecodeMetadataList(encM)
		if err != nil || len(gotM) != len(meta) {
			t.Fatalf("metadata list: %v", err)
		}
		for i := range gotM {
			if err := gotM[i].VerifyStructure(); err != nil || gotM[i].BlockHash != meta[i].BlockHash {
				t.Fatalf("entry %d: %v", i, err)
			}
		}
		if !bytes.Equal(astria.AppendMetadataList(nil, gotM), encM) {
			t.Fatal("metadata list re-encodes differently")
		}
		encD := astria.AppendRollupDataList(nil, data)
		gotD, err := astria.DecodeRollupDataList(encD)
		if err != nil || len(gotD) != len(data) || !bytes.Equal(astria.AppendRollupDataList(nil, gotD), encD) {
			t.Fatalf("rollup data list: %v", err)
		}
	})
}

// TestBlobListsStrict: a list field of another wire type, or a malformed entry, is
// ErrDecode; unknown list fields are skipped (proto3).
func TestBlobListsStrict(t *testing.T) {
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: ordering.AstriaRollupID([]byte("r")), Txs: [][]byte{{1}}}}, nil)
	blk.BlockHash = interop.Hash{1}
	m, d := astriatest.Split(&blk)
	encM := astria.AppendMetadataList(nil, []astria.FilteredSequencerBlock{m})
	encD := astria.AppendRollupDataList(nil, d)
	for name, c := range map[string]struct {
		b   []byte
		dec func([]byte) error
		ok  bool
	}{
		"metadata varint entry":  {[]byte{0x08, 0x01}, decM, false},
		"metadata empty entry":   {[]byte{0x0a, 0x00}, decM, false},
		"metadata truncated":     {encM[:len(encM)-1], decM, false},
		"metadata unknown field": {append(bytes.Clone(encM), 0x10, 0x01), decM, true},
		"metadata empty list":    {nil, decM, true},
		"rollup varint entry":    {[]byte{0x08, 0x01}, decD, false},
		"rollup empty entry":     {[]byte{0x0a, 0x00}, decD, false},
		"rollup truncated":       {encD[:len(encD)-1], decD, false},
		"rollup non-minimal len": {[]byte{0x0a, 0x80, 0x00}, decD, false},
	} {
		err := c.dec(c.b)
		if c.ok != (err == nil) || (err != nil && !errors.Is(err, astria.ErrDecode)) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func decM(b []byte) error { _, err := astria.DecodeMetadataList(b); return err }
func decD(b []byte) error { _, err := astria.DecodeRollupDataList(b); return err }

// TestBoundsBlob holds the list decoders and DecodeBlobShares to the project's
// allocation bound on their worst inputs.
func TestBoundsBlob(t *testing.T) {
	// Many minimal valid metadata entries.
	blk := astriatest.Build(nil, nil)
	blk.Header.ChainID = "a"
	m, _ := astriatest.Split(&blk)
	var metas []astria.FilteredSequencerBlock
	for range 3000 {
		metas = append(metas, m)
	}
	encM := astria.AppendMetadataList(nil, metas)
	u := hostile.Bounded(t, "metadata list", len(encM), func() {
		if _, err := astria.DecodeMetadataList(encM); err != nil {
			t.Error(err)
		}
	})
	t.Logf("metadata list: %d bytes in, %d allocated", len(encM), u.Bytes)
	// Many rollup data entries of empty transactions.
	d := astria.SubmittedRollupData{RollupTransactions: astria.RollupTransactions{Transactions: make([][]byte, 100)}}
	var ds []astria.SubmittedRollupData
	for range 1000 {
		ds = append(ds, d)
	}
	encD := astria.AppendRollupDataList(nil, ds)
	u = hostile.Bounded(t, "rollup data list", len(encD), func() {
		if _, err := astria.DecodeRollupDataList(encD); err != nil {
			t.Error(err)
		}
	})
	t.Logf("rollup data list: %d bytes in, %d allocated", len(encD), u.Bytes)
	// Empty entries, refused.
	empties := bytes.Repeat([]byte{0x0a, 0x00}, 50000)
	hostile.Bounded(t, "empty entries", len(empties), func() { _, _ = astria.DecodeMetadataList(empties) })
	hostile.Bounded(t, "empty rollup entries", len(empties), func() { _, _ = astria.DecodeRollupDataList(empties) })
	// A large blob's shares.
	var ns astria.Namespace
	shares, _ := astria.BlobShares(ns, bytes.Repeat([]byte{7}, 1<<20), nil)
	hostile.Bounded(t, "blob shares", len(shares)*astria.ShareSize, func() {
		if _, _, err := astria.DecodeBlobShares(ns, shares); err != nil {
			t.Error(err)
		}
	})
}
