#!/usr/bin/env python3
"""Computes testdata/vectors.json independently of the Go code: a from-the-spec
Keccak-256 (FIPS 202 permutation, original Keccak padding) and secp256k1 scalar
multiplication in plain Python, over byte layouts written out by hand from
PacketV1Codec.sol, GUID.sol, DVN.sol, MultiSig.sol and Solidity's storage rules.
Inputs are the ones LayerZero-v2's own tests use (see SOURCES.md). Run: python3 gen_vectors.py
"""
import json

# ---- Keccak-256 (Keccak-f[1600], rate 1088, pad 0x01 ... 0x80) ----
RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
      0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
      0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
      0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
      0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
      0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
M = (1 << 64) - 1


def rol(x, n):
    n %= 64
    return ((x << n) | (x >> (64 - n))) & M if n else x


def f1600(a):
    for rc in RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        # rho and pi
        b = [[0] * 5 for _ in range(5)]
        x, y = 1, 0
        cur = a[x][y]
        b[0][0] = a[0][0]
        for t in range(24):
            x, y = y, (2 * x + 3 * y) % 5
            nxt = a[x][y]
            b[x][y] = rol(cur, (t + 1) * (t + 2) // 2)
            cur = nxt
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        a[0][0] ^= rc
    return a


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\x00"
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            a[x][y] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        a = f1600(a)
    out = b""
    for i in range(4):
        x, y = i % 5, i // 5
        out += a[x][y].to_bytes(8, "little")
    return out


assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"

# ---- secp256k1 address of a private key ----
P = 2**256 - 2**32 - 977
G = (0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
     0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8)


def add(p, q):
    if p is None:
        return q
    if q is None:
        return p
    if p[0] == q[0] and (p[1] + q[1]) % P == 0:
        return None
    if p == q:
        l = 3 * p[0] * p[0] * pow(2 * p[1], P - 2, P) % P
    else:
        l = (q[1] - p[1]) * pow(q[0] - p[0], P - 2, P) % P
    x = (l * l - p[0] - q[0]) % P
    return (x, (l * (p[0] - x) - p[1]) % P)


def mul(k, p=G):
    r = None
    while k:
        if k & 1:
            r = add(r, p)
        p = add(p, p)
        k >>= 1
    return r


def address(k):
    x, y = mul(k)
    return keccak256(x.to_bytes(32, "big") + y.to_bytes(32, "big"))[12:]


def u(n, size):
    return n.to_bytes(size, "big")


def b32(n):
    return u(n, 32)


def h(b):
    return "0x" + b.hex()


vectors = {}

# PacketV1Codec.t.sol setUp: nonce 1, srcEid 2, sender address(0x123), dstEid 3,
# receiver toBytes32(address(0x456)), guid bytes32(uint256(0x789)), message hex"aabbcc".
header = bytes([1]) + u(1, 8) + u(2, 4) + b32(0x123) + u(3, 4) + b32(0x456)
payload = b32(0x789) + bytes.fromhex("aabbcc")
vectors["packet_codec_test"] = {
    "nonce": 1, "srcEid": 2, "sender": h(b32(0x123)), "dstEid": 3, "receiver": h(b32(0x456)),
    "guid": h(b32(0x789)), "message": "0xaabbcc",
    "encoded": h(header + payload), "header": h(header), "payload": h(payload),
    "headerHash": h(keccak256(header)), "payloadHash": h(keccak256(payload)),
    "generatedGuid": h(keccak256(header[1:])),
}

# Aptos packet_tests.move test_encode_and_extract_packet: nonce 0x1234, src 1, sender @0x3,
# dst 2, receiver @0x4, message [9..4], guid = compute_guid(...).
hdr2 = bytes([1]) + u(0x1234, 8) + u(1, 4) + b32(3) + u(2, 4) + b32(4)
guid2 = keccak256(u(0x1234, 8) + u(1, 4) + b32(3) + u(2, 4) + b32(4))
msg2 = bytes([9, 8, 7, 6, 5, 4])
vectors["packet_aptos_test"] = {
    "nonce": 0x1234, "srcEid": 1, "sender": h(b32(3)), "dstEid": 2, "receiver": h(b32(4)),
    "message": h(msg2), "guid": h(guid2), "encoded": h(hdr2 + guid2 + msg2),
    "payloadHash": h(keccak256(guid2 + msg2)),
}

# IReceiveUlnE2.verify selector, stated as 0x0223536e in IReceiveUlnE2.sol and DVN.sol.
vectors["verify_selector"] = h(keccak256(b"verify(bytes,bytes32,uint64)")[:4])

# DVN.execute(ExecuteParam[]) selector: not stated upstream, computed from the signature.
vectors["execute_selector"] = h(keccak256(b"execute((uint32,address,bytes,uint256,bytes)[])")[:4])

# verify(header, payloadHash, confirmations) call data for the PacketV1Codec.t.sol packet
# with 15 confirmations: selector, offset 0x60, payloadHash, 15, length 81, header padded.
call = keccak256(b"verify(bytes,bytes32,uint64)")[:4] + b32(0x60) + keccak256(payload) + b32(15) + b32(81) + header + bytes(15)
vectors["verify_call"] = {"confirmations": 15, "callData": h(call)}

# DVN.hashCallData(vid, target, callData, expiration) = keccak256(abi.encodePacked(vid,
# target, expiration, callData)) with vid 30101 % 30000 = 101, target 0xc02ab410f0734efa3f14628780e6e695156024c2
# (any address), expiration 1700000000.
target = bytes.fromhex("c02ab410f0734efa3f14628780e6e695156024c2")
hc = keccak256(u(101, 4) + target + b32(1700000000) + call)
vectors["hash_call_data"] = {"vid": 101, "target": h(target), "expiration": 1700000000,
                             "callData": h(call), "hash": h(hc),
                             "ethSignedMessageHash": h(keccak256(b"\x19Ethereum Signed Message:\n32" + hc))}

# MultiSig.t.sol: vm.addr(2), vm.addr(3) (the test's comments give the checksummed
# addresses) sign keccak256("message").
msgHash = keccak256(b"message")
vectors["multisig_test"] = {
    "hash": h(msgHash),
    "ethSignedMessageHash": h(keccak256(b"\x19Ethereum Signed Message:\n32" + msgHash)),
    "signers": {str(k): h(address(k)) for k in (2, 3, 4)},
}

# ReceiveUlnBase.t.sol: headerHash bytes32(uint256(0x1234)), payloadHash bytes32(uint256(0x5678)),
# dvn1 address(0x11). hashLookup at slot 2 (ReceiveUln302's layout):
# keccak256(dvn ‖ keccak256(payloadHash ‖ keccak256(headerHash ‖ 2))).
s1 = keccak256(b32(0x1234) + b32(2))
s2 = keccak256(b32(0x5678) + s1)
s3 = keccak256(b32(0x11) + s2)
vectors["hash_lookup_slot"] = {"base": 2, "headerHash": h(b32(0x1234)), "payloadHash": h(b32(0x5678)),
                               "dvn": "0x" + "00" * 19 + "11", "slot": h(s3),
                               "verificationTrue10": h(b32((10 << 8) | 1))}

print(json.dumps(vectors, indent=2))
