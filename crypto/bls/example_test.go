package bls_test

import (
	"encoding/hex"
	"fmt"

	"github.com/interopkit/interop/crypto/bls"
)

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// Decode a committee's keys once, then check each aggregate signature against the decoded
// keys, as a sync-committee light client does for every update in a period.
func ExampleFastAggregateVerify() {
	committee := []string{ // eth2 fast_aggregate_verify_valid_3d7576f3c0e3570a
		"a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a",
		"b301803f8b5ac4a1133581fc676dfedc60d891dd5fa99028805e5ea5b08d3491af75d0707adab3b70c6a6a580217bf81",
		"b53d21a4cfd562c469cc81514d4ce5a6b577d8403d32a394dc265dd190b47fa9f829fdd7963afdf972e5e77854051f6f",
	}
	pks := make([]*bls.PublicKey, len(committee))
	for i, h := range committee {
		pk, err := bls.PublicKeyFromBytes(mustHex(h))
		if err != nil {
			panic(err)
		}
		pks[i] = pk
	}

	msg := mustHex("abababababababababababababababababababababababababababababababab")
	sig, err := bls.SignatureFromBytes(mustHex("9712c3edd73a209c742b8250759db12549b3eaf43b5ca61376d9f30e2747dbcf842d8b2ac0901d2a093713e20284a7670fcf6954e9ab93de991bb9b313e664785a075fc285806fa5224c82bde146561b446ccfc706a64b8579513cfc4ff1d930"))
	if err != nil {
		panic(err)
	}
	fmt.Println("all three signed:", bls.FastAggregateVerify(pks, msg, sig))
	fmt.Println("first two signed:", bls.FastAggregateVerify(pks[:2], msg, sig))
	// Output:
	// all three signed: true
	// first two signed: false
}

func ExampleSecretKey_Sign() {
	sk, err := bls.SecretKeyFromBytes(mustHex("328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216"))
	if err != nil {
		panic(err)
	}
	msg := mustHex("abababababababababababababababababababababababababababababababab")
	sig := sk.Sign(msg)
	b := sig.Bytes()
	fmt.Printf("%x…\n", b[:8])
	fmt.Println(bls.Verify(sk.PublicKey(), msg, sig))
	// Output:
	// ae82747ddeefe4fd…
	// true
}

// VerifyBatch checks many independent signatures with one multi-pairing. On false, verify
// the triples one by one to find the bad one.
func ExampleVerifyBatch() {
	var pks []*bls.PublicKey
	var msgs [][]byte
	var sigs []*bls.Signature
	for i := byte(1); i <= 3; i++ {
		key := make([]byte, 32)
		key[31] = i
		sk, err := bls.SecretKeyFromBytes(key)
		if err != nil {
			panic(err)
		}
		msg := []byte{i}
		pks, msgs, sigs = append(pks, sk.PublicKey()), append(msgs, msg), append(sigs, sk.Sign(msg))
	}
	fmt.Println(bls.VerifyBatch(pks, msgs, sigs, nil))
	sigs[0], sigs[1] = sigs[1], sigs[0]
	fmt.Println(bls.VerifyBatch(pks, msgs, sigs, nil))
	// Output:
	// true
	// false
}
