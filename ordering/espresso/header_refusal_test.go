package espresso

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeaderRefusals: the decoder refuses each way a header's JSON can depart from what
// upstream writes, with the sentinel that names it.
func TestHeaderRefusals(t *testing.T) {
	v1, err := os.ReadFile(filepath.Join("testdata", "reference", "header_v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	v5, err := os.ReadFile(filepath.Join("testdata", "reference", "header_v5.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		base      []byte
		old, repl string
		want      error
	}{
		{"unknown member", v1, `"height": 42,`, `"height": 42, "extra": 1,`, ErrJSON},
		{"repeated member", v1, `"height": 42,`, `"height": 42, "height": 42,`, ErrJSON},
		{"missing member", v1, `"height": 42,`, ``, ErrJSON},
		{"leading zero", v1, `"height": 42,`, `"height": 042,`, ErrJSON},
		{"exponent", v1, `"height": 42,`, `"height": 4.2e1,`, ErrNumber},
		{"negative", v1, `"l1_head": 124,`, `"l1_head": -124,`, ErrNumber},
		{"u64 overflow", v1, `"height": 42,`, `"height": 18446744073709551616,`, ErrNumber},
		{"height as string", v1, `"height": 42,`, `"height": "42",`, ErrNumber},
		{"amount leading zero", v1, `"amount": "0"`, `"amount": "00"`, ErrNumber},
		{"amount as number", v1, `"amount": "0"`, `"amount": 0`, ErrJSON},
		{"amount past 256 bits", v1, `"amount": "0"`, `"amount": "0x1` + strings.Repeat("0", 64) + `"`, ErrNumber},
		{"quantity leading zero", v1, `"timestamp": "0x456"`, `"timestamp": "0x0456"`, ErrNumber},
		{"short address", v1, `"account": "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"`, `"account": "0xf39fd6e51aad88f6f4ce6ab8827279cfffb922"`, ErrJSON},
		{"wrong tag", v1, `"BUILDER_COMMITMENT~`, `"BUILDER~`, ErrChecksum},
		{"checksum", v1, `HASH~u-mEo1`, `HASH~u-mEo2`, ErrChecksum},
		{"merkle tag", v1, `"block_merkle_tree_root": "MERKLE_COMM~`, `"block_merkle_tree_root": "MERKLE_COM~`, ErrChecksum},
		{"stake table in v0.1 config", v1, `"max_block_size": "10240"`, `"max_block_size": "10240", "stake_table_contract": null`, ErrJSON},
		{"chain config variant", v1, `"Left"`, `"Middle"`, ErrJSON},
		{"ns table padding", v1, `AAA=="`, `AAA="`, ErrJSON},
		{"escape in string", v1, `"0x456"`, `"0x45\u0036"`, ErrJSON},
		{"trailing data", v1, `"timestamp": 789
}`, `"timestamp": 789
} {}`, ErrJSON},
		{"unknown version", v5, `"minor": 5`, `"minor": 7`, ErrVersion},
		{"version 0.1 in an envelope", v5, `"minor": 5`, `"minor": 1`, ErrVersion},
		{"99 leader counts", v5, `      0,
      1,`, `      1,`, ErrJSON},
		{"leader count past u16", v5, `      99
`, `      65536
`, ErrNumber},
		{"v0.5 without fee_info", v5, `"fee_info": {
      "account": "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
      "amount": "0"
    },`, ``, ErrJSON},
		{"v0.5 stake table hash with another tag", v5, `"STAKE_TABLE~v55sHI9xfLCPGytKJGlVMKbsp0evKzNFSA7ChMuzY1NA"`, `"COMMIT~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"`, ErrTag},
	} {
		if !strings.Contains(string(c.base), c.old) {
			t.Fatalf("%s: fixture lacks %q", c.name, c.old)
		}
		b := []byte(strings.Replace(string(c.base), c.old, c.repl, 1))
		if _, err := DecodeHeaderJSON(b); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// TestHeaderOptionalMembers: the members serde's derive reads as None when missing may be
// missing here too, and mean the same as null.
func TestHeaderOptionalMembers(t *testing.T) {
	v1, _ := os.ReadFile(filepath.Join("testdata", "reference", "header_v1.json"))
	v5, _ := os.ReadFile(filepath.Join("testdata", "reference", "header_v5.json"))
	for _, c := range []struct {
		name, missing, null string
		base                []byte
	}{
		{"l1_finalized", `"l1_finalized": {
    "hash": "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "number": 123,
    "timestamp": "0x456"
  },`, `"l1_finalized": null,`, v1},
		{"fee_contract", `"fee_contract": "0x0000000000000000000000000000000000000000",`, `"fee_contract": null,`, v1},
		{"next_stake_table_hash", `"next_stake_table_hash": "STAKE_TABLE~v55sHI9xfLCPGytKJGlVMKbsp0evKzNFSA7ChMuzY1NA",`, `"next_stake_table_hash": null,`, v5},
	} {
		m, err := DecodeHeaderJSON([]byte(strings.Replace(string(c.base), c.missing, "", 1)))
		if err != nil {
			t.Fatalf("%s missing: %v", c.name, err)
		}
		n, err := DecodeHeaderJSON([]byte(strings.Replace(string(c.base), c.missing, c.null, 1)))
		if err != nil {
			t.Fatalf("%s null: %v", c.name, err)
		}
		if m.Commit() != n.Commit() {
			t.Errorf("%s: missing and null commit differently", c.name)
		}
		full, _ := DecodeHeaderJSON(c.base)
		if full.Commit() == m.Commit() {
			t.Errorf("%s: dropping it did not change the commitment", c.name)
		}
	}
}
