package bls

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEth2FormatsNotInVectors feeds the loader the eth2 formats the shared vectors folder
// lacks (deserialization_G1/G2, batch_verify, hash_to_G2), in the serializations the
// bls12-381-tests releases have used (block and flow YAML, JSON, hex with and without 0x),
// so that they run correctly once such files are added. Points and hashes are taken from
// ethereum/bls12-381-tests main.py; the batch signatures are made here.
func TestEth2FormatsNotInVectors(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		path := filepath.Join(root, "beacon", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	z := func(n int) string { return strings.Repeat("00", n) }

	// deserialization_G1, one file per style.
	g1 := map[string]string{
		"a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a": "true",
		"8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": "false",
		"9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab": "false",
		"c0" + z(47): "true",
		"80" + z(47): "false",
		"e0" + z(47): "false",
	}
	i := 0
	for pk, out := range g1 {
		i++
		switch i % 3 {
		case 0:
			write("bls/deserialization_G1/case_"+string(rune('a'+i))+".yaml", "input:\n  pubkey: '"+pk+"'\noutput: "+out+"\n")
		case 1:
			write("bls/deserialization_G1/case_"+string(rune('a'+i))+".yaml", "input: {pubkey: 0x"+pk+"}\noutput: "+out+"\n")
		default:
			write("bls/deserialization_G1/case_"+string(rune('a'+i))+".json", `{"input": {"pubkey": "0x`+pk+`"}, "output": `+out+`}`)
		}
	}
	write("bls/deserialization_G2/ok.yaml", "input:\n  signature: '0xb2cc74bc9f089ed9764bbceac5edba416bef5e73701288977b9cac1ccb6964269d4ebf78b4e8aa7792ba09d3e49c8e6a1351bdf582971f796bbaf6320e81251c9d28f674d720cca07ed14596b96697cf18238e0e03ebd7fc1353d885a39407e0'\noutput: true\n")
	write("bls/deserialization_G2/old_field_name.yaml", "input: {pubkey: c0"+z(95)+"}\noutput: true\n")
	write("bls/deserialization_G2/xim_p.json", `{"input": {"signature": "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab`+z(48)+`"}, "output": false}`)

	// hash_to_G2: the RFC 9380 messages "" and "abc", as the generator emits them.
	write("bls/hash_to_G2/empty.yaml", "input: {msg: ''}\noutput: {x: '0x0141ebfbdca40eb85b87142e130ab689c673cf60f1a3e98d69335266f30d9b8d4ac44c1038e9dcdd5393faf5c41fb78a,0x05cb8437535e20ecffaef7752baddf98034139c38452458baeefab379ba13dff5bf5dd71b72418717047f5b0f37da03d',\n    y: '0x0503921d7f6a12805e72940b963c0cf3471c7b2a524950ca195d11062ee75ec076daf2d4bc358c4b190c0c98064fdd92,0x12424ac32561493f3fe3c260708a12b7c620e7be00099a974e259ddc7d1f6395c3c811cdd19f1e8dbf3e9ecfdcbab8d6'}\n")
	write("bls/hash_to_G2/abc.yaml", "input:\n  msg: abc\noutput:\n  x: 0x02c2d18e033b960562aae3cab37a27ce00d80ccd5ba4b7fe0e7a210245129dbec7780ccc7954725f4168aff2787776e6,0x139cddbccdc5e91b9623efd38c49f81a6f83f175e80b06fc374de9eb4b41dfe4ca3a230ed250fbe3a2acf73a41177fd8\n  y: 0x1787327b68159716a37440985269cf584bcb1e621d3a7202be6ea05c4cfe244aeb197642555a0645fb87bf7466b2ba48,0x00aa65dae3c8d732d10ecd2c50f8a1baf3001578f71c694e03866e9f3d49ac1e1ce70dd94a733534f106d4cec0eddd16\n")

	// batch_verify: a valid set, a forged set (σ₁+X, σ₂−X), and a set with an infinity signature.
	var pks, msgs, sigs, forged, inf []string
	for k := byte(1); k <= 3; k++ {
		var raw [32]byte
		raw[31] = k
		sk, err := SecretKeyFromBytes(raw[:])
		if err != nil {
			t.Fatal(err)
		}
		msg := []byte{k, k}
		pk, sig := sk.PublicKey().Bytes(), sk.Sign(msg).Bytes()
		pks, msgs, sigs = append(pks, hexq(pk[:])), append(msgs, hexq(msg)), append(sigs, hexq(sig[:]))
	}
	x, err := SecretKeyFromBytes(append(make([]byte, 31), 9))
	if err != nil {
		t.Fatal(err)
	}
	xs := x.Sign([]byte("X"))
	var negX Signature
	negX.p.Neg(&xs.p)
	for k, h := range sigs {
		s, err := SignatureFromBytes(unhex(t, strings.Trim(h, "'")))
		if err != nil {
			t.Fatal(err)
		}
		switch k {
		case 0:
			s, _ = Aggregate([]*Signature{s, xs})
		case 1:
			s, _ = Aggregate([]*Signature{s, &negX})
		}
		b := s.Bytes()
		forged = append(forged, hexq(b[:]))
	}
	inf = append([]string{hexq(unhex(t, "c0"+z(95)))}, sigs[1:]...)
	batch := func(sigs []string, out string) string {
		return "input:\n  pubkeys: [" + strings.Join(pks, ", ") + "]\n  messages:\n  - " + strings.Join(msgs, "\n  - ") +
			"\n  signatures: [" + strings.Join(sigs[:2], ",\n    ") + ",\n    " + sigs[2] + "]\noutput: " + out + "\n"
	}
	write("bls/batch_verify/valid.yaml", batch(sigs, "true"))
	write("bls/batch_verify/forged.yaml", batch(forged, "false"))
	write("bls/batch_verify/infinity.yaml", batch(inf, "false"))

	t.Setenv("INTEROP_VECTORS", root)
	counts := runEth2BLS(t)
	want := map[string]int{"deserialization_G1": len(g1), "deserialization_G2": 3, "hash_to_G2": 2, "batch_verify": 3}
	for h, n := range want {
		if counts[h] != n {
			t.Errorf("%s: ran %d cases, want %d", h, counts[h], n)
		}
	}
}

func hexq(b []byte) string {
	const digits = "0123456789abcdef"
	out := []byte("'0x")
	for _, v := range b {
		out = append(out, digits[v>>4], digits[v&15])
	}
	return string(append(out, '\''))
}
