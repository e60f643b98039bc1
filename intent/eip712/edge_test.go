package eip712

import (
	"errors"
	"testing"
)

const mailJSON = `{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},"message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}`

func one(typ, val string) string {
	return `{"types":{"EIP712Domain":[],"M":[{"name":"v","type":"` + typ + `"}]},"primaryType":"M","domain":{},"message":{"v":` + val + `}}`
}

var badInputs = []struct {
	name string
	doc  string
	want error
}{
	{"not json", `{"types":`, ErrSyntax},
	{"duplicate key", `{"types":{"EIP712Domain":[]},"types":{},"primaryType":"EIP712Domain","domain":{},"message":{}}`, ErrSyntax},
	{"no EIP712Domain type", `{"types":{"M":[]},"primaryType":"M","domain":{},"message":{}}`, ErrSyntax},
	{"no message", `{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","domain":{}}`, ErrSyntax},
	{"unknown primary", `{"types":{"EIP712Domain":[]},"primaryType":"M","domain":{},"message":{}}`, ErrUnknownType},
	{"unknown field type", one("foo", `1`), ErrUnknownType},
	{"function type", one("function", `"x"`), ErrUnknownType},
	{"uint7", one("uint7", `1`), ErrUnknownType},
	{"bytes33", one("bytes33", `"0x00"`), ErrUnknownType},
	{"space in type", one("uint256 x", `1`), ErrInvalidType},
	{"zero length array", one("uint8[0]", `[]`), ErrInvalidType},
	{"leading zero length", one("uint8[01]", `[1]`), ErrInvalidType},
	{"struct named uint256", `{"types":{"EIP712Domain":[],"uint256":[]},"primaryType":"EIP712Domain","domain":{},"message":{}}`, ErrInvalidType},
	{"field name with comma", `{"types":{"EIP712Domain":[],"M":[{"name":"a,b","type":"bool"}]},"primaryType":"M","domain":{},"message":{"a,b":true}}`, ErrInvalidType},
	{"repeated field", `{"types":{"EIP712Domain":[],"M":[{"name":"a","type":"bool"},{"name":"a","type":"bool"}]},"primaryType":"M","domain":{},"message":{"a":true}}`, ErrInvalidType},
	{"self reference", `{"types":{"EIP712Domain":[],"M":[{"name":"r","type":"M"}]},"primaryType":"M","domain":{},"message":{"r":{}}}`, ErrCyclicType},
	{"mutual reference", `{"types":{"EIP712Domain":[],"A":[{"name":"b","type":"B"}],"B":[{"name":"a","type":"A[1]"}]},"primaryType":"A","domain":{},"message":{}}`, ErrCyclicType},
	{"missing field", `{"types":{"EIP712Domain":[],"M":[{"name":"a","type":"bool"}]},"primaryType":"M","domain":{},"message":{}}`, ErrMissingField},
	{"null value", one("string", `null`), ErrMissingField},
	{"extra field", `{"types":{"EIP712Domain":[],"M":[]},"primaryType":"M","domain":{},"message":{"x":1}}`, ErrExtraField},
	{"extra domain key", `{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`, ErrExtraField},
	{"message with domain primary", `{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","domain":{},"message":{"a":1}}`, ErrExtraField},
	{"uint8 overflow", one("uint8", `256`), ErrOutOfRange},
	{"uint8 overflow string", one("uint8", `"257"`), ErrOutOfRange},
	{"uint256 overflow", one("uint256", `"0x10000000000000000000000000000000000000000000000000000000000000000"`), ErrOutOfRange},
	{"int8 255", one("int8", `255`), ErrOutOfRange},
	{"int8 -129", one("int8", `-129`), ErrOutOfRange},
	{"negative uint", one("uint", `-1`), ErrOutOfRange},
	{"float", one("uint8", `255.3`), ErrAmbiguousNumber},
	{"unsafe number", one("uint64", `9007199254740993`), ErrAmbiguousNumber},
	{"float string", one("uint8", `"255.3"`), ErrTypeMismatch},
	{"plus sign", one("uint8", `"+5"`), ErrTypeMismatch},
	{"number for bytes", one("bytes", `10`), ErrTypeMismatch},
	{"odd hex bytes", one("bytes", `"0x101"`), ErrInvalidHex},
	{"bytes without 0x", one("bytes", `"10"`), ErrInvalidHex},
	{"short bytes32", one("bytes32", `"0x10"`), ErrWrongLength},
	{"long bytes1", one("bytes1", `"0x1010"`), ErrWrongLength},
	{"short address", one("address", `"0x10"`), ErrWrongLength},
	{"address without 0x", one("address", `"bBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"`), ErrInvalidHex},
	{"string bool", one("bool", `"true"`), ErrTypeMismatch},
	{"number string", one("string", `10`), ErrTypeMismatch},
	{"fixed array length", one("uint8[2]", `[1]`), ErrWrongLength},
	{"non-array for array", one("uint8[]", `1`), ErrTypeMismatch},
}

func TestBadInput(t *testing.T) {
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			_, err := HashTypedData([]byte(c.doc))
			if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
		})
	}
}

func TestGoodEdgeCases(t *testing.T) {
	for _, c := range []struct{ name, doc string }{
		{"recursive through dynamic array", `{"types":{"EIP712Domain":[],"Tree":[{"name":"c","type":"Tree[]"}]},"primaryType":"Tree","domain":{},"message":{"c":[{"c":[]}]}}`},
		{"number forms", one("int64[]", `[5.0, 1e3, -0, "0x0F", "-12", "007"]`)},
		{"int8 bounds", one("int8[]", `[-128, 127]`)},
		{"empty bytes", one("bytes", `"0x"`)},
		{"uint alias", one("uint", `"115792089237316195423570985008687907853269984665640564039457584007913129639935"`)},
	} {
		if _, err := HashTypedData([]byte(c.doc)); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
