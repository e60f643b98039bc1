package eip712

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/vectors"
)

type sigUtilCase struct {
	Name      string          `json:"name"`
	TypedData json.RawMessage `json:"typedData"`
	Signature interop.Bytes   `json:"expectedSignature"`
	Error     string          `json:"expectError"`
}

// sigUtilCases reads the eth-sig-util vector files: the signing key and every case, with
// {"$buffer":…} rewritten to the hex a JSON-RPC caller sends.
func sigUtilCases(t *testing.T) (*secp256k1.PrivateKey, []sigUtilCase) {
	t.Helper()
	var key *secp256k1.PrivateKey
	var all []sigUtilCase
	for _, path := range vectors.Files(t, "intent", "eip712/eth-sig-util-*.json") {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var file struct {
			PrivateKey interop.Bytes `json:"privateKey"`
			Cases      []sigUtilCase `json:"cases"`
		}
		if err := json.Unmarshal(raw, &file); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if key, err = secp256k1.PrivateKeyFromBytes(file.PrivateKey); err != nil {
			t.Fatal(err)
		}
		for _, c := range file.Cases {
			dec := json.NewDecoder(strings.NewReader(string(c.TypedData)))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%s %s: %v", path, c.Name, err)
			}
			c.TypedData, _ = json.Marshal(sigUtilJSON(v))
			c.Name = filepath.Base(path) + ": " + c.Name
			all = append(all, c)
		}
	}
	if key == nil {
		t.Skip("no eth-sig-util vectors")
	}
	return key, all
}

// sigUtilMisread lists the eth-sig-util cases that EthSigUtilV4 refuses on purpose because
// eth-sig-util signs a value other than the one the JSON shows (see EthSigUtilV4), each
// with the sentinel it must fail with. The "array of all … example data" cases hold the
// same values.
var sigUtilMisread = []struct {
	name string
	want error
}{
	{`type "address" should sign "bBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" (type "string")`, ErrInvalidHex},
	{`type "address" should sign array of all address example data`, ErrInvalidHex},
	{`type "bool" should sign "false" (type "string")`, ErrTypeMismatch},
	{`type "bool" should sign array of all bool example data`, ErrTypeMismatch},
	{`type "bytes1" should sign "-1" (type "number")`, ErrTypeMismatch},
	{`type "bytes1" should sign array of all bytes1 example data`, ErrTypeMismatch},
	{`type "bytes32" should sign "-1" (type "number")`, ErrTypeMismatch},
	{`type "bytes32" should sign array of all bytes32 example data`, ErrTypeMismatch},
}

// TestConformanceEthSigUtilV4Mode: under EthSigUtilV4 every document eth-sig-util signs
// hashes to the digest its signature is over (the signature, RFC 6979, is reproduced byte
// for byte), except the listed misreadings, which are refused; and every document
// eth-sig-util refuses is refused.
func TestConformanceEthSigUtilV4Mode(t *testing.T) {
	key, cases := sigUtilCases(t)
	signed, refused, misread := 0, 0, 0
	for _, c := range cases {
		digest, err := EthSigUtilV4.HashTypedData(c.TypedData)
		if c.Error != "" {
			if err == nil {
				t.Errorf("%s: hashed, eth-sig-util fails with %q", c.Name, c.Error)
			}
			refused++
			continue
		}
		listed := false
		for _, m := range sigUtilMisread {
			if strings.HasSuffix(c.Name, m.name) {
				listed = true
				if !errors.Is(err, m.want) {
					t.Errorf("%s: err %v, want %v", c.Name, err, m.want)
				}
			}
		}
		if listed {
			misread++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v\n%s", c.Name, err, c.TypedData)
			continue
		}
		sig := key.Sign(digest)
		sig[64] += 27
		if string(sig[:]) != string(c.Signature) {
			t.Errorf("%s: signature %x, want %x\n%s", c.Name, sig, []byte(c.Signature), c.TypedData)
			continue
		}
		signed++
	}
	t.Logf("%d signatures reproduced, %d eth-sig-util refusals refused, %d misreadings refused", signed, refused, misread)
	if misread != len(sigUtilMisread) {
		t.Errorf("%d of %d listed misreadings found", misread, len(sigUtilMisread))
	}
	if signed == 0 {
		t.Fatal("no signature checked")
	}
}

// TestConformanceGethMode: under GoEthereum every go-ethereum signer test document hashes
// or fails as go-ethereum's tests require, the 111 random apitypes cases reproduce
// go-ethereum's encodeData and digest, and the fuzzing corpus never panics.
func TestConformanceGethMode(t *testing.T) {
	counts := map[string]int{}
	for _, path := range vectors.Files(t, "intent", "eip712/geth/**/*.json") {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel := filepath.ToSlash(path)
		switch {
		case strings.Contains(rel, "/fuzzing/"):
			_, _ = GoEthereum.HashTypedData(raw)
			counts["fuzzing corpus, no panic"]++
		case filepath.Base(rel) == "typed-data.json":
			var cases []struct {
				Name        string          `json:"name"`
				Domain      json.RawMessage `json:"domain"`
				PrimaryType string          `json:"primaryType"`
				Types       json.RawMessage `json:"types"`
				Data        json.RawMessage `json:"data"`
				Encoded     interop.Bytes   `json:"encoded"`
				Digest      interop.Hash    `json:"digest"`
			}
			if err := json.Unmarshal(raw, &cases); err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			for _, c := range cases {
				doc, _ := json.Marshal(map[string]any{"types": c.Types, "primaryType": c.PrimaryType, "domain": c.Domain, "message": c.Data})
				td, err := GoEthereum.ParseTypedData(doc)
				if err != nil {
					t.Errorf("%s %s: %v", rel, c.Name, err)
					continue
				}
				if string(td.MessageData) != string(c.Encoded) || td.Digest() != c.Digest {
					t.Errorf("%s %s: digest %v, want %v", rel, c.Name, td.Digest(), c.Digest)
					continue
				}
				counts["random cases reproduced"]++
			}
		case strings.HasPrefix(filepath.Base(rel), "expfail"):
			if _, err := GoEthereum.HashTypedData(raw); err == nil {
				t.Errorf("%s: hashed, go-ethereum fails", rel)
			}
			counts["expfail refused"]++
		default:
			d, err := GoEthereum.HashTypedData(raw)
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				continue
			}
			// These documents are well-formed, so the strict reading agrees.
			if s, err := HashTypedData(raw); err != nil || s != d {
				t.Errorf("%s: strict %v (%v), GoEthereum %v", rel, s, err, d)
			}
			counts["valid hashed"]++
		}
	}
	for k, n := range counts {
		t.Logf("%-28s %d", k, n)
	}
	if counts["random cases reproduced"] == 0 {
		t.Fatal("no go-ethereum digest checked")
	}
}

// Trezor firmware's EIP-712 fixtures (trezor/trezor-firmware,
// common/tests/fixtures/ethereum/sign_typed_data.json, metamask_v4_compat: true), with the
// domain separator and message hash the device signs. Well-formed ones hash alike in every
// mode that accepts them. structs_arrays_v4 carries a message
// member the type does not declare ("attachedMoneyInEth": 4.2), which the device ignores:
// EthSigUtilV4 reproduces it, Strict and GoEthereum refuse it (ErrExtraField).
var trezorFixtures = []struct {
	name                  string
	doc                   string
	domain, message       string
	strict, geth, sigUtil error // nil: hashes to the fixture's values
}{
	{
		name:    "bare_minimum",
		doc:     `{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","message":{},"domain":{}}`,
		domain:  "0x6192106f129ce05c9075d319c1fa6ea9b3ae37cbd0c1ef92e2be7137bb07baa1",
		geth:    ErrInvalidType, // primaryType EIP712Domain; its empty domain is also refused
		sigUtil: nil,
	},
	{
		name:    "array_of_structs",
		doc:     `{"types":{"EIP712Domain":[],"Message":[{"name":"element","type":"Element[]"}],"Element":[{"name":"foo","type":"int8"}]},"primaryType":"Message","message":{"element":[{"foo":1},{"foo":2}]},"domain":{}}`,
		domain:  "0x6192106f129ce05c9075d319c1fa6ea9b3ae37cbd0c1ef92e2be7137bb07baa1",
		message: "0x7be2cca6dd2e37cf3e8ab76ab19df174e369ad48e3fd0088c7f99137cbf6a2d8",
		geth:    ErrMissingField, // go-ethereum: domain is undefined
	},
	{
		name:    "basic_data",
		doc:     `{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0x1e0Ae8205e9726E6F296ab8869160A6423E2337E"},"message":{"from":{"name":"Cow","wallet":"0xc0004B62C5A39a728e4Af5bee0c6B4a4E54b15ad"},"to":{"name":"Bob","wallet":"0x54B0Fa66A065748C40dCA2C7Fe125A2028CF9982"},"contents":"Hello, Bob!"}}`,
		domain:  "0x97d6f53774b810fbda27e091c03c6a6d6815dd1270c2e62e82c6917c1eff774b",
		message: "0xea6529f0ee9eb0b207b5a8b0ebfa673d398d6a78262818da1d270bd138f81f03",
	},
	{
		name:    "complex_data",
		doc:     `{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"},{"name":"salt","type":"bytes32"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"},{"name":"married","type":"bool"},{"name":"kids","type":"uint8"},{"name":"karma","type":"int16"},{"name":"secret","type":"bytes"},{"name":"small_secret","type":"bytes16"},{"name":"pets","type":"string[]"},{"name":"two_best_friends","type":"string[2]"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"messages","type":"string[]"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0x1e0Ae8205e9726E6F296ab8869160A6423E2337E","salt":"0xca92da1a6e91d9358328d2f2155af143a7cb74b81a3a4e3e57e2191823dbb56c"},"message":{"from":{"name":"Amy","wallet":"0xc0004B62C5A39a728e4Af5bee0c6B4a4E54b15ad","married":true,"kids":2,"karma":4,"secret":"0x62c5a39a728e4af5bee0c6b462c5a39a728e4af5bee0c6b462c5a39a728e4af5bee0c6b462c5a39a728e4af5bee0c6b4","small_secret":"0x5ccf0e54367104795a47bc0481645d9e","pets":["parrot"],"two_best_friends":["Carl","Denis"]},"to":{"name":"Bob","wallet":"0x54B0Fa66A065748C40dCA2C7Fe125A2028CF9982","married":false,"kids":0,"karma":-4,"secret":"0x7fe125a2028cf97fe125a2028cf97fe125a2028cf97fe125a2028cf97fe125a2028cf97fe125a2028cf97fe125a2028cf9","small_secret":"0xa5e5c47b64775abc476d2962403258de","pets":["dog","cat"],"two_best_friends":["Emil","Franz"]},"messages":["Hello, Bob!","How are you?","Hope you're fine"]}}`,
		domain:  "0xc4f4e0cd1376e27837fe933e3f77b7bd6213211b377f0e19815a0dbd194731cc",
		message: "0xdbafe746b1c47e4870f6f77205660d3c49a94db9a80939809bfca7bf43919df5",
	},
	{
		name:    "struct_list_v4",
		doc:     `{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0x1e0Ae8205e9726E6F296ab8869160A6423E2337E"},"message":{"from":{"name":"Cow","wallet":"0xc0004B62C5A39a728e4Af5bee0c6B4a4E54b15ad"},"to":[{"name":"Bob","wallet":"0x54B0Fa66A065748C40dCA2C7Fe125A2028CF9982"},{"name":"Dave","wallet":"0x73d0385F4d8E00C5e6504C6030F47BF6212736A8"}],"contents":"Hello, guys!"}}`,
		domain:  "0x97d6f53774b810fbda27e091c03c6a6d6815dd1270c2e62e82c6917c1eff774b",
		message: "0xc16c4b0b9a45a8e9c34c4074d8deb589686f7de3b83e80596ec79f815a17276e",
	},
	{
		name: "structs_arrays_v4",
		doc: `{"domain":{"chainId":1,"name":"Ether Mail","verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC","version":"1"},` +
			`"message":{"contents":"Hello, Bob!","attachedMoneyInEth":4.2,"from":{"name":"Cow","wallets":["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},` +
			`"to":[{"name":"Bob","wallets":["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB","0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57","0xB0B0b0b0b0b0B000000000000000000000000000"]}]},` +
			`"primaryType":"Mail","types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],` +
			`"Group":[{"name":"name","type":"string"},{"name":"members","type":"Person[]"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},{"name":"contents","type":"string"}],` +
			`"Person":[{"name":"name","type":"string"},{"name":"wallets","type":"address[]"}]}}`,
		domain:  "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f",
		message: "0xeb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8",
		strict:  ErrExtraField,
		geth:    ErrExtraField,
	},
}

func TestConformanceTrezorFixtures(t *testing.T) {
	for _, f := range trezorFixtures {
		for _, m := range []struct {
			mode Mode
			want error
		}{{Strict, f.strict}, {GoEthereum, f.geth}, {EthSigUtilV4, f.sigUtil}} {
			td, err := m.mode.ParseTypedData([]byte(f.doc))
			if m.want != nil {
				if !errors.Is(err, m.want) {
					t.Errorf("%s %v: err %v, want %v", f.name, m.mode, err, m.want)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s %v: %v", f.name, m.mode, err)
				continue
			}
			var msg interop.Hash
			if f.message != "" {
				msg = interop.Hash(mustHex(t, f.message))
			}
			if td.DomainSeparator != interop.Hash(mustHex(t, f.domain)) || td.MessageHash != msg {
				t.Errorf("%s %v: domain %v message %v", f.name, m.mode, td.DomainSeparator, td.MessageHash)
			}
		}
	}
}

func mustHex(t *testing.T, s string) [32]byte {
	t.Helper()
	b, err := decodeHex(strings.TrimPrefix(s, "0x"), false)
	if err != nil || len(b) != 32 {
		t.Fatalf("bad hex %q", s)
	}
	return [32]byte(b)
}
