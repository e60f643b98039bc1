package secp256k1_test

import (
	"fmt"
	"strconv"

	"golang.org/x/crypto/sha3"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
)

// one is the private key 1, whose address is well known.
var one = [32]byte{31: 1}

// personalSignDigest is EIP-191 version 0x45 (eth_sign / personal_sign).
func personalSignDigest(msg []byte) (h interop.Hash) {
	d := sha3.NewLegacyKeccak256()
	d.Write([]byte("\x19Ethereum Signed Message:\n" + strconv.Itoa(len(msg))))
	d.Write(msg)
	d.Sum(h[:0])
	return h
}

// Sign a personal_sign message and recover the signer, as a wallet and a contract would.
func Example() {
	key, err := secp256k1.PrivateKeyFromBytes(one[:])
	if err != nil {
		panic(err)
	}
	digest := personalSignDigest([]byte("hello"))
	sig := key.Sign(digest)
	sig[64] += 27 // wallets publish v as 27/28

	signer, err := secp256k1.RecoverAddressStrict(digest, sig)
	fmt.Println(signer, err)
	fmt.Println(signer == key.Address())
	// Output:
	// 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf <nil>
	// true
}

// The ecRecover precompile returns the address left-padded to a word, or nothing.
func ExampleEcrecover() {
	key, _ := secp256k1.PrivateKeyFromBytes(one[:])
	digest := interop.Hash{0xaa}
	sig := key.Sign(digest)

	input := make([]byte, 128) // hash ‖ v ‖ r ‖ s
	copy(input, digest[:])
	input[63] = sig[64] + 27
	copy(input[64:], sig[:64])
	fmt.Printf("%x\n", secp256k1.Ecrecover(input))

	input[63] = 29 // v must be 27 or 28
	fmt.Printf("%d bytes\n", len(secp256k1.Ecrecover(input)))
	// Output:
	// 0000000000000000000000007e5f4552091a69125d5dfcb7b8c2659029395bdf
	// 0 bytes
}

// Verify a 64-byte r‖s signature against a compressed public key.
func ExampleVerify() {
	key, _ := secp256k1.PrivateKeyFromBytes(one[:])
	compressed := key.PublicKey().BytesCompressed()
	pub, err := secp256k1.PublicKeyFromBytes(compressed[:])
	if err != nil {
		panic(err)
	}
	digest := interop.Hash{1}
	sig := key.Sign(digest)
	fmt.Println(secp256k1.Verify(pub, digest, [64]byte(sig[:64])))
	fmt.Println(secp256k1.Verify(pub, interop.Hash{2}, [64]byte(sig[:64])) != nil)
	// Output:
	// <nil>
	// true
}
