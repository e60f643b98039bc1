package bench

import (
	"encoding/json"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/eip712"
)

// EIP-712 against go-ethereum's apitypes.TypedDataAndHash, on the EIP's Mail example and
// on an ERC-7683 GaslessCrossChainOrder whose orderData is Across's AcrossOrderData sub-type
// (the type string from shared/vectors/intent/README.md). impl=geth gets the typed data already
// unmarshalled, impl=geth-json parses the JSON with encoding/json first (what a signer
// receiving eth_signTypedData_v4 does); impl=interop-json includes JSON parsing, impl=interop-types is the Go-types
// path with the domain separator computed in the loop, impl=interop-types-sep with it
// computed once, as a signer for one contract would.

const mailTypedData = `{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},"message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}`

const orderTypedData = `{"types":{
 "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
 "GaslessCrossChainOrder":[{"name":"originSettler","type":"address"},{"name":"user","type":"address"},{"name":"nonce","type":"uint256"},{"name":"originChainId","type":"uint256"},{"name":"openDeadline","type":"uint32"},{"name":"fillDeadline","type":"uint32"},{"name":"orderDataType","type":"bytes32"},{"name":"orderData","type":"AcrossOrderData"}],
 "AcrossOrderData":[{"name":"inputToken","type":"address"},{"name":"inputAmount","type":"uint256"},{"name":"outputToken","type":"address"},{"name":"outputAmount","type":"uint256"},{"name":"destinationChainId","type":"uint256"},{"name":"recipient","type":"bytes32"},{"name":"exclusiveRelayer","type":"address"},{"name":"depositNonce","type":"uint256"},{"name":"exclusivityPeriod","type":"uint32"},{"name":"message","type":"bytes"}]},
 "primaryType":"GaslessCrossChainOrder",
 "domain":{"name":"Across","version":"1","chainId":10,"verifyingContract":"0x6f26Bf09B1C792e3228e5467807a900A503c0281"},
 "message":{"originSettler":"0x6f26Bf09B1C792e3228e5467807a900A503c0281","user":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","nonce":"7","originChainId":"10","openDeadline":1767225600,"fillDeadline":1767229200,
  "orderDataType":"0x9df4b782e7bbc178b3b93bfe8aafb909e84e39484d7f3c59f400f1b4691f85e2",
  "orderData":{"inputToken":"0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85","inputAmount":"1000000000","outputToken":"0xaf88d065e77c8cC2239327C5EDb3A432268e5831","outputAmount":"999000000","destinationChainId":"42161","recipient":"0x000000000000000000000000cd2a3d9f938e13cd947ec05abc7fe734df8dd826","exclusiveRelayer":"0x0000000000000000000000000000000000000000","depositNonce":"0","exclusivityPeriod":0,"message":"0x"}}}`

var (
	personT = eip712.MustNewType("Person", []eip712.Field{{Name: "name", Type: "string"}, {Name: "wallet", Type: "address"}})
	mailT   = eip712.MustNewType("Mail", []eip712.Field{{Name: "from", Type: "Person"}, {Name: "to", Type: "Person"}, {Name: "contents", Type: "string"}}, personT)
	// Parsed from the contract-style type string, as the ERC-7683 code would hold it.
	orderT, _  = eip712.ParseType("GaslessCrossChainOrder(address originSettler,address user,uint256 nonce,uint256 originChainId,uint32 openDeadline,uint32 fillDeadline,bytes32 orderDataType,AcrossOrderData orderData)AcrossOrderData(address inputToken,uint256 inputAmount,address outputToken,uint256 outputAmount,uint256 destinationChainId,bytes32 recipient,address exclusiveRelayer,uint256 depositNonce,uint32 exclusivityPeriod,bytes message)")
	acrossT, _ = eip712.ParseType("AcrossOrderData(address inputToken,uint256 inputAmount,address outputToken,uint256 outputAmount,uint256 destinationChainId,bytes32 recipient,address exclusiveRelayer,uint256 depositNonce,uint32 exclusivityPeriod,bytes message)")
)

type benchPerson struct {
	Name   string
	Wallet interop.Address
}

func (p *benchPerson) TypeHash() interop.Hash { return personT.TypeHash() }
func (p *benchPerson) EncodeData(dst []byte) []byte {
	return eip712.AppendAddress(eip712.AppendString(dst, p.Name), p.Wallet)
}

type benchMail struct {
	From, To benchPerson
	Contents string
}

func (m *benchMail) TypeHash() interop.Hash { return mailT.TypeHash() }
func (m *benchMail) EncodeData(dst []byte) []byte {
	dst = eip712.AppendStruct(dst, &m.From)
	dst = eip712.AppendStruct(dst, &m.To)
	return eip712.AppendString(dst, m.Contents)
}

type acrossOrderData struct {
	InputToken         interop.Address
	InputAmount        uint256.Int
	OutputToken        interop.Address
	OutputAmount       uint256.Int
	DestinationChainID uint256.Int
	Recipient          interop.Hash
	ExclusiveRelayer   interop.Address
	DepositNonce       uint256.Int
	ExclusivityPeriod  uint32
	Message            []byte
}

func (o *acrossOrderData) TypeHash() interop.Hash { return acrossT.TypeHash() }
func (o *acrossOrderData) EncodeData(dst []byte) []byte {
	dst = eip712.AppendAddress(dst, o.InputToken)
	dst = eip712.AppendUint256(dst, &o.InputAmount)
	dst = eip712.AppendAddress(dst, o.OutputToken)
	dst = eip712.AppendUint256(dst, &o.OutputAmount)
	dst = eip712.AppendUint256(dst, &o.DestinationChainID)
	dst = eip712.AppendWord(dst, o.Recipient)
	dst = eip712.AppendAddress(dst, o.ExclusiveRelayer)
	dst = eip712.AppendUint256(dst, &o.DepositNonce)
	dst = eip712.AppendUint64(dst, uint64(o.ExclusivityPeriod))
	return eip712.AppendBytes(dst, o.Message)
}

type gaslessOrder struct {
	OriginSettler, User        interop.Address
	Nonce, OriginChainID       uint256.Int
	OpenDeadline, FillDeadline uint32
	OrderDataType              interop.Hash
	OrderData                  acrossOrderData
}

func (o *gaslessOrder) TypeHash() interop.Hash { return orderT.TypeHash() }
func (o *gaslessOrder) EncodeData(dst []byte) []byte {
	dst = eip712.AppendAddress(dst, o.OriginSettler)
	dst = eip712.AppendAddress(dst, o.User)
	dst = eip712.AppendUint256(dst, &o.Nonce)
	dst = eip712.AppendUint256(dst, &o.OriginChainID)
	dst = eip712.AppendUint64(dst, uint64(o.OpenDeadline))
	dst = eip712.AppendUint64(dst, uint64(o.FillDeadline))
	dst = eip712.AppendWord(dst, o.OrderDataType)
	return eip712.AppendStruct(dst, &o.OrderData)
}

func addr(s string) interop.Address { return interop.Address(common.HexToAddress(s)) }

type eip712Case struct {
	name   string
	json   []byte
	domain eip712.Domain
	msg    eip712.StructHasher
}

func eip712Cases() []eip712Case {
	std := eip712.DomainName | eip712.DomainVersion | eip712.DomainChainID | eip712.DomainVerifyingContract
	mail := &benchMail{
		From:     benchPerson{"Cow", addr("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")},
		To:       benchPerson{"Bob", addr("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB")},
		Contents: "Hello, Bob!",
	}
	order := &gaslessOrder{
		OriginSettler: addr("0x6f26Bf09B1C792e3228e5467807a900A503c0281"),
		User:          addr("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
		Nonce:         *uint256.NewInt(7), OriginChainID: *uint256.NewInt(10),
		OpenDeadline: 1767225600, FillDeadline: 1767229200,
		OrderDataType: acrossT.TypeHash(),
		OrderData: acrossOrderData{
			InputToken: addr("0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85"), InputAmount: *uint256.NewInt(1000000000),
			OutputToken: addr("0xaf88d065e77c8cC2239327C5EDb3A432268e5831"), OutputAmount: *uint256.NewInt(999000000),
			DestinationChainID: *uint256.NewInt(42161),
			Recipient:          interop.Hash(common.HexToHash("0x000000000000000000000000cd2a3d9f938e13cd947ec05abc7fe734df8dd826")),
			Message:            []byte{},
		},
	}
	return []eip712Case{
		{"Mail", []byte(mailTypedData), eip712.Domain{Fields: std, Name: "Ether Mail", Version: "1", ChainID: *uint256.NewInt(1), VerifyingContract: addr("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC")}, mail},
		{"ERC7683Order", []byte(orderTypedData), eip712.Domain{Fields: std, Name: "Across", Version: "1", ChainID: *uint256.NewInt(10), VerifyingContract: addr("0x6f26Bf09B1C792e3228e5467807a900A503c0281")}, order},
	}
}

func gethTypedData(tb testing.TB, raw []byte) apitypes.TypedData {
	var td apitypes.TypedData
	if err := json.Unmarshal(raw, &td); err != nil {
		tb.Fatal(err)
	}
	return td
}

// TestDifferentialEIP712 checks that all three paths give go-ethereum's digest.
func TestDifferentialEIP712(t *testing.T) {
	for _, c := range eip712Cases() {
		want, _, err := apitypes.TypedDataAndHash(gethTypedData(t, c.json))
		if err != nil {
			t.Fatal(err)
		}
		j, err := eip712.HashTypedData(c.json)
		if err != nil {
			t.Fatal(err)
		}
		g := c.domain.Hash(c.msg)
		if string(j[:]) != string(want) || string(g[:]) != string(want) {
			t.Errorf("%s: geth %x, json %v, types %v", c.name, want, j, g)
		}
	}
}

func BenchmarkEIP712(b *testing.B) {
	for _, c := range eip712Cases() {
		td := gethTypedData(b, c.json)
		b.Run(c.name+"/impl=geth", func(b *testing.B) {
			measure(b, func() {
				h, _, _ := apitypes.TypedDataAndHash(td)
				sinkBytes = h
			})
		})
		b.Run(c.name+"/impl=geth-json", func(b *testing.B) {
			measure(b, func() {
				var td apitypes.TypedData
				if err := json.Unmarshal(c.json, &td); err != nil {
					b.Fatal(err)
				}
				h, _, _ := apitypes.TypedDataAndHash(td)
				sinkBytes = h
			})
		})
		b.Run(c.name+"/impl=interop-json", func(b *testing.B) {
			measure(b, func() { sinkHash, _ = eip712.HashTypedData(c.json) })
		})
		b.Run(c.name+"/impl=interop-types", func(b *testing.B) {
			measure(b, func() { sinkHash = c.domain.Hash(c.msg) })
		})
		sep := c.domain.Separator()
		b.Run(c.name+"/impl=interop-types-sep", func(b *testing.B) {
			measure(b, func() { sinkHash = eip712.Digest(sep, eip712.HashStruct(c.msg)) })
		})
	}
}
