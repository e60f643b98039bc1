package tendermint

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"testing"
	"time"
)

// FuzzVerify decodes arbitrary JSON as a signed header and validator set and runs every
// check on it: no panic, and no commit verifies without a genuine signature.
func FuzzVerify(f *testing.F) {
	f.Add([]byte(`{"signed_header":{"header":{"height":"2","chain_id":"c"},"commit":{"height":"2","signatures":[{"block_id_flag":2,"signature":"AA=="}]}},"validator_set":{"validators":[{"pub_key":{"type":"tendermint/PubKeyEd25519","value":"bNNlGls5R25wC3Sd8720F/3+7IZBhXcD22MNFtPk/v0="},"voting_power":"10"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v struct {
			SignedHeader SignedHeader `json:"signed_header"`
			ValidatorSet ValidatorSet `json:"validator_set"`
		}
		if json.Unmarshal(b, &v) != nil {
			return
		}
		h := &v.SignedHeader.Header
		_ = h.Hash()
		_ = v.ValidatorSet.Hash()
		_ = v.SignedHeader.ValidateBasic(h.ChainID)
		c := &v.SignedHeader.Commit
		if err := v.ValidatorSet.VerifyCommitLight(h.ChainID, &c.BlockID, int64(h.Height), c); err == nil {
			t.Fatal("a fuzzed commit verified")
		}
		trusted := v.SignedHeader
		trusted.Header.Height--
		trusted.Header.NextValidatorsHash = v.ValidatorSet.Hash()
		_ = VerifyAdjacent(&trusted, &v.SignedHeader, &v.ValidatorSet, time.Hour, time.Unix(0, 0), time.Minute)
		far := v.SignedHeader
		far.Header.Height -= 5
		far.Header.ValidatorsHash = v.ValidatorSet.Hash()
		if err := VerifyNonAdjacent(&far, &v.ValidatorSet, &v.SignedHeader, &v.ValidatorSet, time.Hour, time.Unix(0, 0), time.Minute, DefaultTrustLevel); err == nil {
			t.Fatal("a fuzzed skipping step verified")
		}
	})
}

// FuzzInt64: decoding is canonical — whatever decodes re-encodes to its input (a bare JSON
// number to the same digits quoted) and decodes again to the same value.
func FuzzInt64(f *testing.F) {
	for _, s := range []string{`"5"`, `"-12"`, `0`, `"+5"`, `"007"`, `"-0"`, `"9223372036854775808"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Int64
		if err := json.Unmarshal(b, &v); err != nil {
			return
		}
		enc, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		// JSON whitespace around the value is not part of it.
		if want := string(bytes.Trim(b, " \t\r\n")); want[0] != '"' && string(enc) != `"`+want+`"` || want[0] == '"' && string(enc) != want {
			t.Fatalf("%s decodes to %d, re-encodes as %s", b, v, enc)
		}
		var again Int64
		if err := json.Unmarshal(enc, &again); err != nil || again != v {
			t.Fatalf("%s: second decode %d, %v", enc, again, err)
		}
	})
}

// FuzzVerifyAdjacent: one byte of the JSON of an honest adjacent step changed. Whatever
// still decodes and verifies must be the honest header (same hash) under the honest
// validator set, and must verify again after a JSON round trip.
func FuzzVerifyAdjacent(f *testing.F) {
	type step struct {
		Trusted   SignedHeader `json:"trusted"`
		Untrusted SignedHeader `json:"untrusted"`
		Vals      ValidatorSet `json:"vals"`
	}
	var st step
	var keys []ed25519.PrivateKey
	for i := range 3 {
		keys = append(keys, ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(i + 1)}, ed25519.SeedSize)))
		var v Validator
		v.PubKey.Type = "tendermint/PubKeyEd25519"
		v.PubKey.Value = keys[i].Public().(ed25519.PublicKey)
		a := sha256.Sum256(v.PubKey.Value)
		v.Address = a[:20]
		v.VotingPower = Int64(3 - i)
		st.Vals.Validators = append(st.Vals.Validators, v)
	}
	h := Header{ChainID: "chain-a", Height: 8, Time: time.Unix(1700000000, 5).UTC(), ProposerAddress: make([]byte, 20)}
	h.Version.Block = BlockProtocol
	h.ValidatorsHash, h.NextValidatorsHash = st.Vals.Hash(), st.Vals.Hash()
	c := Commit{Height: 8, BlockID: BlockID{Hash: h.Hash(), PartSetHeader: PartSetHeader{Total: 1, Hash: make([]byte, 32)}}}
	for i, k := range keys {
		s := CommitSig{BlockIDFlag: FlagCommit, ValidatorAddress: st.Vals.Validators[i].Address, Timestamp: h.Time.Add(time.Second)}
		s.Signature = ed25519.Sign(k, VoteSignBytes("chain-a", &c, &s))
		c.Signatures = append(c.Signatures, s)
	}
	st.Untrusted = SignedHeader{Header: h, Commit: c}
	st.Trusted = st.Untrusted
	st.Trusted.Header.Height = 7
	st.Trusted.Header.Time = h.Time.Add(-time.Minute)
	honest, err := json.Marshal(&st)
	if err != nil {
		f.Fatal(err)
	}
	now := h.Time.Add(time.Minute)
	verify := func(s *step) error {
		return VerifyAdjacent(&s.Trusted, &s.Untrusted, &s.Vals, time.Hour, now, time.Minute)
	}
	if err := verify(&st); err != nil {
		f.Fatalf("honest step: %v", err)
	}
	wantHash := h.Hash()
	f.Add(uint32(0), byte(0))
	f.Add(uint32(100), byte(1))
	f.Add(uint32(len(honest)/2), byte('1'^'2'))
	f.Fuzz(func(t *testing.T, pos uint32, xor byte) {
		b := bytes.Clone(honest)
		b[int(pos)%len(b)] ^= xor
		var s step
		if json.Unmarshal(b, &s) != nil || verify(&s) != nil {
			return
		}
		if got := s.Untrusted.Header.Hash(); !bytes.Equal(got, wantHash) {
			t.Fatalf("a changed header verified: hash %X, honest %X", got, wantHash)
		}
		if !bytes.Equal(s.Vals.Hash(), st.Vals.Hash()) {
			t.Fatal("verified under another validator set")
		}
		again, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		var s2 step
		if err := json.Unmarshal(again, &s2); err != nil || verify(&s2) != nil {
			t.Fatalf("accepted step fails after a JSON round trip: %v", err)
		}
	})
}
