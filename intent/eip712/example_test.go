package eip712_test

import (
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/intent/eip712"
	"golang.org/x/crypto/sha3"
)

// The EIP's Mail example as Go types: each Type is defined once, and each Go type appends
// its member words without reflection.
var (
	personType = eip712.MustNewType("Person", []eip712.Field{
		{Name: "name", Type: "string"},
		{Name: "wallet", Type: "address"},
	})
	mailType = eip712.MustNewType("Mail", []eip712.Field{
		{Name: "from", Type: "Person"},
		{Name: "to", Type: "Person"},
		{Name: "contents", Type: "string"},
	}, personType)
)

type Person struct {
	Name   string
	Wallet interop.Address
}

func (p *Person) TypeHash() interop.Hash { return personType.TypeHash() }

func (p *Person) EncodeData(dst []byte) []byte {
	dst = eip712.AppendString(dst, p.Name)
	return eip712.AppendAddress(dst, p.Wallet)
}

type Mail struct {
	From, To Person
	Contents string
}

func (m *Mail) TypeHash() interop.Hash { return mailType.TypeHash() }

func (m *Mail) EncodeData(dst []byte) []byte {
	dst = eip712.AppendStruct(dst, &m.From)
	dst = eip712.AppendStruct(dst, &m.To)
	return eip712.AppendString(dst, m.Contents)
}

func mustAddress(s string) interop.Address {
	a, err := interop.AddressFromHex(s)
	if err != nil {
		panic(err)
	}
	return a
}

func Example() {
	domain := eip712.Domain{
		Fields:            eip712.DomainName | eip712.DomainVersion | eip712.DomainChainID | eip712.DomainVerifyingContract,
		Name:              "Ether Mail",
		Version:           "1",
		ChainID:           *uint256.NewInt(1),
		VerifyingContract: mustAddress("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
	}
	mail := &Mail{
		From:     Person{Name: "Cow", Wallet: mustAddress("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")},
		To:       Person{Name: "Bob", Wallet: mustAddress("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB")},
		Contents: "Hello, Bob!",
	}
	separator := domain.Separator() // once per domain
	digest := eip712.Digest(separator, eip712.HashStruct(mail))

	// The EIP's signer: the key is keccak256("cow").
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte("cow"))
	key, _ := secp256k1.PrivateKeyFromBytes(k.Sum(nil))
	sig := key.Sign(digest)
	signer, _ := secp256k1.RecoverAddress(digest, sig)

	fmt.Println(mailType.EncodeType())
	fmt.Println("digest", digest)
	fmt.Println("v", sig[64]+27, "signer", signer == mail.From.Wallet)
	// Output:
	// Mail(Person from,Person to,string contents)Person(string name,address wallet)
	// digest 0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2
	// v 28 signer true
}

func ExampleHashTypedData() {
	typedData := []byte(`{
	  "types": {
	    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}],
	    "Transfer": [{"name": "to", "type": "address"}, {"name": "amount", "type": "uint256"}]
	  },
	  "primaryType": "Transfer",
	  "domain": {"name": "Example", "chainId": 1},
	  "message": {"to": "0x000000000000000000000000000000000000dEaD", "amount": "1000000000000000000"}
	}`)
	digest, err := eip712.HashTypedData(typedData)
	fmt.Println(err == nil, len(digest))

	// An amount too large for its declared type is an error, not a wrapped value.
	_, err = eip712.HashTypedData([]byte(`{"types":{"EIP712Domain":[],"M":[{"name":"v","type":"uint8"}]},
	  "primaryType":"M","domain":{},"message":{"v":256}}`))
	fmt.Println(err)
	// Output:
	// true 32
	// message.v: eip712: integer out of range: 256 for uint8
}

// ExampleNewType builds a Permit2 witness type: the nested order type and everything it
// references are appended to encodeType sorted by name.
func ExampleNewType() {
	tokenPermissions := eip712.MustNewType("TokenPermissions", []eip712.Field{
		{Name: "token", Type: "address"}, {Name: "amount", Type: "uint256"},
	})
	orderData := eip712.MustNewType("OrderData", []eip712.Field{
		{Name: "outputToken", Type: "bytes32"}, {Name: "amountOut", Type: "uint256"},
	})
	order := eip712.MustNewType("GaslessCrossChainOrder", []eip712.Field{
		{Name: "user", Type: "address"}, {Name: "fillDeadline", Type: "uint32"},
		{Name: "orderDataType", Type: "bytes32"}, {Name: "orderData", Type: "OrderData"},
	}, orderData)
	witness := eip712.MustNewType("PermitWitnessTransferFrom", []eip712.Field{
		{Name: "permitted", Type: "TokenPermissions"}, {Name: "spender", Type: "address"},
		{Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"},
		{Name: "witness", Type: "GaslessCrossChainOrder"},
	}, tokenPermissions, order)
	fmt.Println(witness.EncodeType())
	// Output:
	// PermitWitnessTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline,GaslessCrossChainOrder witness)GaslessCrossChainOrder(address user,uint32 fillDeadline,bytes32 orderDataType,OrderData orderData)OrderData(bytes32 outputToken,uint256 amountOut)TokenPermissions(address token,uint256 amount)
}

// ExampleMode_HashTypedData checks a signature a MetaMask-compatible wallet made over a
// document the strict reading refuses: a recursive type that ends in an absent member, and
// a member the type does not declare.
func ExampleMode_HashTypedData() {
	typedData := []byte(`{
	  "types": {
	    "EIP712Domain": [{"name": "name", "type": "string"}],
	    "Node": [{"name": "value", "type": "uint256"}, {"name": "next", "type": "Node"}]
	  },
	  "primaryType": "Node",
	  "domain": {"name": "List"},
	  "message": {"value": 1, "next": {"value": "2"}, "note": "not signed"}
	}`)
	_, err := eip712.HashTypedData(typedData)
	fmt.Println(err)
	digest, err := eip712.EthSigUtilV4.HashTypedData(typedData)
	fmt.Println(digest, err)
	// Output:
	// eip712: cyclic type: Node has no finite value
	// 0xdee56e8d863393e8729bd9aca8bdaff9516d422b24c11b0402dca642b8803f94 <nil>
}
