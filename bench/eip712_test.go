package bench

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/eip712"
)

// EIP-712 against go-ethereum's apitypes.TypedDataAndHash, on the EIP's Mail example, on
// an ERC-7683 GaslessCrossChainOrder whose orderData is Across's AcrossOrderData sub-type
// (the type string from shared/vectors/intent/README.md), on a Permit2
// PermitWitnessTransferFrom with that order as witness, on eth-sig-util's v4 Mail (arrays
// of structs with array members) and on a Permit2 PermitBatchTransferFrom of 64 tokens.
// impl=geth gets the typed data already unmarshalled, impl=geth-json parses the JSON with
// encoding/json first (what a signer receiving eth_signTypedData_v4 does); impl=interop-json
// includes JSON parsing (its type set found in the package's cache after the first call, as
// a relayer seeing one dApp's documents finds it), impl=interop-json-cold the same on 1024
// variants of the document that differ in whitespace inside "types", so the cache never
// holds the type set. impl=interop-types is the Go-types path with the domain separator
// computed in the loop, impl=interop-types-sep with it computed once, as a signer for one
// contract would. impl=keccak-floor runs as many one-block Keccak-256 hashes as the
// Go-types path computes permutations (keccakPerms): the floor of that path.

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

// permitWitnessTypedData is a Permit2 PermitWitnessTransferFrom whose witness is the
// ERC-7683 order above, as UniswapX-style and Across settlers have users sign it (Permit2's
// domain has no version).
const permitWitnessTypedData = `{"types":{
 "EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
 "PermitWitnessTransferFrom":[{"name":"permitted","type":"TokenPermissions"},{"name":"spender","type":"address"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"},{"name":"witness","type":"GaslessCrossChainOrder"}],
 "TokenPermissions":[{"name":"token","type":"address"},{"name":"amount","type":"uint256"}],
 "GaslessCrossChainOrder":[{"name":"originSettler","type":"address"},{"name":"user","type":"address"},{"name":"nonce","type":"uint256"},{"name":"originChainId","type":"uint256"},{"name":"openDeadline","type":"uint32"},{"name":"fillDeadline","type":"uint32"},{"name":"orderDataType","type":"bytes32"},{"name":"orderData","type":"AcrossOrderData"}],
 "AcrossOrderData":[{"name":"inputToken","type":"address"},{"name":"inputAmount","type":"uint256"},{"name":"outputToken","type":"address"},{"name":"outputAmount","type":"uint256"},{"name":"destinationChainId","type":"uint256"},{"name":"recipient","type":"bytes32"},{"name":"exclusiveRelayer","type":"address"},{"name":"depositNonce","type":"uint256"},{"name":"exclusivityPeriod","type":"uint32"},{"name":"message","type":"bytes"}]},
 "primaryType":"PermitWitnessTransferFrom",
 "domain":{"name":"Permit2","chainId":"10","verifyingContract":"0x000000000022D473030F116dDEE9F6B43aC78BA3"},
 "message":{"permitted":{"token":"0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85","amount":"1000000000"},"spender":"0x6f26Bf09B1C792e3228e5467807a900A503c0281","nonce":"1767225600000","deadline":"1767229200",
  "witness":{"originSettler":"0x6f26Bf09B1C792e3228e5467807a900A503c0281","user":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","nonce":"1767225600000","originChainId":"10","openDeadline":1767225600,"fillDeadline":1767229200,
   "orderDataType":"0x9df4b782e7bbc178b3b93bfe8aafb909e84e39484d7f3c59f400f1b4691f85e2",
   "orderData":{"inputToken":"0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85","inputAmount":"1000000000","outputToken":"0xaf88d065e77c8cC2239327C5EDb3A432268e5831","outputAmount":"999000000","destinationChainId":"42161","recipient":"0x000000000000000000000000cd2a3d9f938e13cd947ec05abc7fe734df8dd826","exclusiveRelayer":"0x0000000000000000000000000000000000000000","depositNonce":"0","exclusivityPeriod":0,"message":"0x0102030405060708090a0b0c0d0e0f"}}}}`

// nestedMailTypedData is the v4 example of eth-sig-util's README: arrays of structs whose
// members are arrays (Person.wallets address[], Mail.to Person[]).
const nestedMailTypedData = `{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallets","type":"address[]"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},{"name":"contents","type":"string"}],"Group":[{"name":"name","type":"string"},{"name":"members","type":"Person[]"}]},"domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},"primaryType":"Mail","message":{"from":{"name":"Cow","wallets":["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},"to":[{"name":"Bob","wallets":["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB","0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57","0xB0B0b0b0b0b0B000000000000000000000000000"]},{"name":"Alice","wallets":["0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa"]}],"contents":"Hello, Bob!"}}`

// permitBatchTypedData builds a Permit2 PermitBatchTransferFrom of n tokens: a long array
// of structs.
func permitBatchTypedData(n int) string {
	var b strings.Builder
	b.WriteString(`{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"PermitBatchTransferFrom":[{"name":"permitted","type":"TokenPermissions[]"},{"name":"spender","type":"address"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}],"TokenPermissions":[{"name":"token","type":"address"},{"name":"amount","type":"uint256"}]},"primaryType":"PermitBatchTransferFrom","domain":{"name":"Permit2","chainId":"1","verifyingContract":"0x000000000022D473030F116dDEE9F6B43aC78BA3"},"message":{"permitted":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"token":"%s","amount":"%d"}`, batchToken(i).Hex(), batchAmount(i))
	}
	b.WriteString(`],"spender":"0x6f26Bf09B1C792e3228e5467807a900A503c0281","nonce":"42","deadline":"1767229200"}}`)
	return b.String()
}

func batchToken(i int) common.Address {
	return common.BytesToAddress(crypto.Keccak256([]byte{byte(i), byte(i >> 8)})[:20])
}
func batchAmount(i int) uint64 { return 1_000_000*uint64(i) + 12345 }

var (
	tokenPermT = eip712.MustNewType("TokenPermissions", []eip712.Field{{Name: "token", Type: "address"}, {Name: "amount", Type: "uint256"}})
	witnessT   = eip712.MustNewType("PermitWitnessTransferFrom", []eip712.Field{{Name: "permitted", Type: "TokenPermissions"}, {Name: "spender", Type: "address"}, {Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"}, {Name: "witness", Type: "GaslessCrossChainOrder"}}, tokenPermT, orderT)
	batchT     = eip712.MustNewType("PermitBatchTransferFrom", []eip712.Field{{Name: "permitted", Type: "TokenPermissions[]"}, {Name: "spender", Type: "address"}, {Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"}}, tokenPermT)
	nPersonT   = eip712.MustNewType("Person", []eip712.Field{{Name: "name", Type: "string"}, {Name: "wallets", Type: "address[]"}})
	nMailT     = eip712.MustNewType("Mail", []eip712.Field{{Name: "from", Type: "Person"}, {Name: "to", Type: "Person[]"}, {Name: "contents", Type: "string"}}, nPersonT)
)

type tokenPermissions struct {
	Token  interop.Address
	Amount uint256.Int
}

func (t *tokenPermissions) TypeHash() interop.Hash { return tokenPermT.TypeHash() }
func (t *tokenPermissions) EncodeData(dst []byte) []byte {
	return eip712.AppendUint256(eip712.AppendAddress(dst, t.Token), &t.Amount)
}

type permitWitness struct {
	Permitted       tokenPermissions
	Spender         interop.Address
	Nonce, Deadline uint256.Int
	Witness         gaslessOrder
}

func (p *permitWitness) TypeHash() interop.Hash { return witnessT.TypeHash() }
func (p *permitWitness) EncodeData(dst []byte) []byte {
	dst = eip712.AppendStruct(dst, &p.Permitted)
	dst = eip712.AppendAddress(dst, p.Spender)
	dst = eip712.AppendUint256(dst, &p.Nonce)
	dst = eip712.AppendUint256(dst, &p.Deadline)
	return eip712.AppendStruct(dst, &p.Witness)
}

type permitBatch struct {
	Permitted       []tokenPermissions
	Spender         interop.Address
	Nonce, Deadline uint256.Int
}

func (p *permitBatch) TypeHash() interop.Hash { return batchT.TypeHash() }
func (p *permitBatch) EncodeData(dst []byte) []byte {
	dst = eip712.AppendArray(dst, len(p.Permitted), func(dst []byte, i int) []byte {
		return eip712.AppendStruct(dst, &p.Permitted[i])
	})
	dst = eip712.AppendAddress(dst, p.Spender)
	dst = eip712.AppendUint256(dst, &p.Nonce)
	return eip712.AppendUint256(dst, &p.Deadline)
}

type nestedPerson struct {
	Name    string
	Wallets []interop.Address
}

func (p *nestedPerson) TypeHash() interop.Hash { return nPersonT.TypeHash() }
func (p *nestedPerson) EncodeData(dst []byte) []byte {
	dst = eip712.AppendString(dst, p.Name)
	return eip712.AppendArray(dst, len(p.Wallets), func(dst []byte, i int) []byte {
		return eip712.AppendAddress(dst, p.Wallets[i])
	})
}

type nestedMail struct {
	From     nestedPerson
	To       []nestedPerson
	Contents string
}

func (m *nestedMail) TypeHash() interop.Hash { return nMailT.TypeHash() }
func (m *nestedMail) EncodeData(dst []byte) []byte {
	dst = eip712.AppendStruct(dst, &m.From)
	dst = eip712.AppendArray(dst, len(m.To), func(dst []byte, i int) []byte {
		return eip712.AppendStruct(dst, &m.To[i])
	})
	return eip712.AppendString(dst, m.Contents)
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
	permit2 := eip712.DomainName | eip712.DomainChainID | eip712.DomainVerifyingContract
	witnessOrder := *order
	witnessOrder.Nonce = *uint256.NewInt(1767225600000)
	witnessOrder.OrderData.Message = []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	witness := &permitWitness{
		Permitted: tokenPermissions{addr("0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85"), *uint256.NewInt(1000000000)},
		Spender:   addr("0x6f26Bf09B1C792e3228e5467807a900A503c0281"),
		Nonce:     *uint256.NewInt(1767225600000), Deadline: *uint256.NewInt(1767229200),
		Witness: witnessOrder,
	}
	nested := &nestedMail{
		From: nestedPerson{"Cow", []interop.Address{addr("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"), addr("0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF")}},
		To: []nestedPerson{
			{"Bob", []interop.Address{addr("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"), addr("0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57"), addr("0xB0B0b0b0b0b0B000000000000000000000000000")}},
			{"Alice", []interop.Address{addr("0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa")}},
		},
		Contents: "Hello, Bob!",
	}
	batch := &permitBatch{Spender: addr("0x6f26Bf09B1C792e3228e5467807a900A503c0281"), Nonce: *uint256.NewInt(42), Deadline: *uint256.NewInt(1767229200)}
	for i := range 64 {
		batch.Permitted = append(batch.Permitted, tokenPermissions{interop.Address(batchToken(i)), *uint256.NewInt(batchAmount(i))})
	}
	permit2Domain := func(chain uint64) eip712.Domain {
		return eip712.Domain{Fields: permit2, Name: "Permit2", ChainID: *uint256.NewInt(chain), VerifyingContract: addr("0x000000000022D473030F116dDEE9F6B43aC78BA3")}
	}
	return []eip712Case{
		{"Mail", []byte(mailTypedData), eip712.Domain{Fields: std, Name: "Ether Mail", Version: "1", ChainID: *uint256.NewInt(1), VerifyingContract: addr("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC")}, mail},
		{"ERC7683Order", []byte(orderTypedData), eip712.Domain{Fields: std, Name: "Across", Version: "1", ChainID: *uint256.NewInt(10), VerifyingContract: addr("0x6f26Bf09B1C792e3228e5467807a900A503c0281")}, order},
		{"Permit2Witness", []byte(permitWitnessTypedData), permit2Domain(10), witness},
		{"NestedMail", []byte(nestedMailTypedData), eip712.Domain{Fields: std, Name: "Ether Mail", Version: "1", ChainID: *uint256.NewInt(1), VerifyingContract: addr("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC")}, nested},
		{"PermitBatch64", []byte(permitBatchTypedData(64)), permit2Domain(1), batch},
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
		cold := coldVariants(c.json)
		b.Run(c.name+"/impl=interop-json-cold", func(b *testing.B) {
			i := 0
			measure(b, func() {
				sinkHash, _ = eip712.HashTypedData(cold[i%len(cold)])
				i++
			})
		})
		perms, _ := keccakPerms(td)
		b.Run(c.name+"/impl=keccak-floor", func(b *testing.B) {
			f := newKeccakFloor(perms)
			measure(b, f.run)
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

// coldVariants returns 1024 copies of a typed-data document whose "types" objects differ
// in whitespace (0 to 3 spaces after its opening brace and after each of its first four
// colons), so that each has its own cache key.
func coldVariants(doc []byte) [][]byte {
	open := strings.Index(string(doc), `"types":{`) + len(`"types":`)
	points := []int{open + 1}
	for i := open + 1; len(points) < 5; i++ {
		if doc[i] == ':' {
			points = append(points, i+1)
		}
	}
	out := make([][]byte, 1024)
	for v := range out {
		var b []byte
		last := 0
		for k, p := range points {
			b = append(b, doc[last:p]...)
			b = append(b, strings.Repeat(" ", v>>(2*k)&3)...)
			last = p
		}
		out[v] = append(b, doc[last:]...)
	}
	return out
}

// keccakPerms counts the Keccak-f[1600] permutations the Go-types path computes for td,
// its typeHashes being constants: one per started 136-byte block of each keccak256 input
// (strings and bytes, arrays' element words, each struct's typeHash ‖ words, the domain's,
// and the 66-byte digest input). chain is the longest chain of them that depend on each
// other (a struct's hash waits for its members' hashes): what a hasher running independent
// hashes side by side could not go below.
func keccakPerms(td apitypes.TypedData) (total, chain int) {
	blocks := func(n int) int { return n/136 + 1 }
	var value func(typ string, v any) (int, int)
	structHash := func(name string, data map[string]any) (int, int) {
		t, c := 0, 0
		for _, f := range td.Types[name] {
			ft, fc := value(f.Type, data[f.Name])
			t += ft
			c = max(c, fc)
		}
		n := blocks(32 * (len(td.Types[name]) + 1))
		return t + n, c + n
	}
	value = func(typ string, v any) (int, int) {
		if strings.HasSuffix(typ, "]") {
			elem := typ[:strings.LastIndexByte(typ, '[')]
			list, _ := v.([]any)
			t, c := 0, 0
			for _, e := range list {
				et, ec := value(elem, e)
				t += et
				c = max(c, ec)
			}
			n := blocks(32 * len(list))
			return t + n, c + n
		}
		switch typ {
		case "string":
			s, _ := v.(string)
			return blocks(len(s)), blocks(len(s))
		case "bytes":
			s, _ := v.(string)
			n := blocks((len(s) - 2) / 2)
			return n, n
		}
		if _, ok := td.Types[typ]; ok {
			m, _ := v.(map[string]any)
			return structHash(typ, m)
		}
		return 0, 0
	}
	dt, dc := structHash("EIP712Domain", td.Domain.Map())
	mt, mc := structHash(td.PrimaryType, td.Message)
	return dt + mt + 1, max(dc, mc) + 1
}

// keccakFloor hashes n one-block messages in turn with eip712.AppendBytes, the one-message
// Keccak-256 the Go-types path calls for every hash (internal/keccak's sponge): n
// permutations and the least work around each.
type keccakFloor struct {
	n   int
	msg [32]byte
	out []byte
}

func newKeccakFloor(n int) *keccakFloor { return &keccakFloor{n: n, out: make([]byte, 0, 32)} }

func (f *keccakFloor) run() {
	for range f.n {
		f.out = eip712.AppendBytes(f.out[:0], f.msg[:])
		copy(f.msg[:], f.out)
	}
}

// TestEIP712Ratios logs, for every payload, interop's JSON path over go-ethereum's
// (json.Unmarshal into apitypes.TypedData, then TypedDataAndHash), warm and cold cache, and
// the Go-types path over its Keccak floor: interleaved, best chunk of many rounds (ratio
// below 1 means interop is faster). It runs only with BENCH_RATIOS=1.
func TestEIP712Ratios(t *testing.T) {
	skipUnlessRatios(t)
	for _, c := range eip712Cases() {
		geth := func() {
			var td apitypes.TypedData
			if err := json.Unmarshal(c.json, &td); err != nil {
				t.Fatal(err)
			}
			h, _, _ := apitypes.TypedDataAndHash(td)
			sinkBytes = h
		}
		warm := func() { sinkHash, _ = eip712.HashTypedData(c.json) }
		variants := coldVariants(c.json)
		i := 0
		cold := func() {
			sinkHash, _ = eip712.HashTypedData(variants[i%len(variants)])
			i++
		}
		r := measureRatio(warm, geth, 100, 50)
		rc := measureRatio(cold, geth, 100, 50)
		perms, chain := keccakPerms(gethTypedData(t, c.json))
		f := newKeccakFloor(perms)
		types := func() { sinkHash = c.domain.Hash(c.msg) }
		rf := measureRatio(types, f.run, 100, 50)
		t.Logf("%-15s geth-json %7.0f ns  interop-json %6.0f ns (%.1fx)  cold %6.0f ns (%.1fx)  | types %6.0f ns, %3d perms (chain %2d) floor %6.0f ns: %.2fx floor, %.1fx chain floor",
			c.name, r.theirsNs(), r.oursNs(), 1/r.ratio(), rc.oursNs(), rc.theirsNs()/rc.oursNs(),
			rf.oursNs(), perms, chain, rf.theirsNs(), rf.ratio(), rf.oursNs()/(rf.theirsNs()*float64(chain)/float64(perms)))
	}
}
