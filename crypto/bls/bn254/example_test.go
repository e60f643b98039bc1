package bn254_test

import (
	"encoding/hex"
	"fmt"

	"github.com/interopkit/interop/crypto/bls/bn254"
)

// Verify the aggregate signature of HotShot's quorum certificate for block 1 of
// espresso-network's recorded legacy v3 chain: four of the five stake keys signed the
// 32-byte vote commitment.
func ExampleFastAggregateVerify() {
	keys := []string{
		"BLS_VER_KEY~bQszS-QKYvUij2g20VqS8asttGSb95NrTu2PUj0uMh1CBUxNy1FqyPDjZqB29M7ZbjWqj79QkEOWkpga84AmDYUeTuWmy-0P1AdKHD3ehc-dKvei78BDj5USwXPJiDUlCxvYs_9rWYhagaq-5_LXENr78xel17spftNd5MA1Mw5U",
		"BLS_VER_KEY~IBRoz_Q1EXvcm1pNZcmVlyYZU8hZ7qmy337ePAjEMhz8Hl2q8vWPFOd3BaLwgRS1UzAPW3z4E-XIgRDGcRBTAMZX9b_0lKYjlyTlNF2EZfNnKmvv-xJ0yurkfjiveeYEsD2l5d8q_rJJbH1iZdXy-yPEbwI0SIvQfwdlcaKw9po4",
		"BLS_VER_KEY~rO2PIjyY30HGfapFcloFe3mNDKMIFi6JlOLkH5ZWBSYoRm5fE2-Rm6Lp3EvmAcB5r7KFJ0c1Uor308x78r04EY_sfjcsDCWt7RSJdL4cJoD_4fSTCv_bisO8k98hs_8BtqQt8BHlPeJohpUXvcfnK8suXJETiJ6Er97pfxRbzgAL",
		"BLS_VER_KEY~r6b-Cwzp-b3czlt0MHmYPJIow5kMsXbrNmZsLSYg9RV49oCCO4WEeCRFR02x9bqLCa_sgNFMrIeNdEa11qNiBAohApYFIvrSa-zP5QGj3xbZaMOCrshxYit6E2TR-XsWvv6gjOrypmugjyTAth-iqQzTboSfmO9DD1-gjJIdCaD7",
	}
	var pks []*bn254.PublicKey
	for _, k := range keys {
		pk, err := bn254.ParsePublicKey(k)
		if err != nil {
			panic(err)
		}
		pks = append(pks, pk)
	}
	sig, err := bn254.ParseSignature("BLS_SIG~PYK_y_oO7uzz-0h3b2Oc0PkMd7fOY8p-9Ip_IVBreQEptGfst41TcCP9Wrp5FFQ2KJnKM3ebeBNC8PvWFDhGFyg")
	if err != nil {
		panic(err)
	}
	voteCommitment, _ := hex.DecodeString("1bc096256497e2ae4a63db1b6bdb60d43b5078ed927a8e211fd3bfa7330a2a9e")
	fmt.Println(bn254.FastAggregateVerify(pks, voteCommitment, sig))
	fmt.Println(bn254.FastAggregateVerify(pks[1:], voteCommitment, sig))
	// Output:
	// true
	// false
}

// Sign and verify with a key from its 32-byte little-endian scalar, as jellyfish's
// SignKey::to_bytes writes it.
func ExampleSecretKey_Sign() {
	var b [bn254.SecretKeySize]byte
	b[0] = 42
	sk, err := bn254.SecretKeyFromBytes(b[:])
	if err != nil {
		panic(err)
	}
	msg := []byte("vote commitment")
	sig := sk.Sign(msg)
	fmt.Println(bn254.Verify(sk.PublicKey(), msg, sig))
	// Output: true
}
