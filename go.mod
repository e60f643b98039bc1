module github.com/interopkit/interop

go 1.26.8

require (
	github.com/consensys/gnark-crypto v0.22.0 // indirect
	github.com/holiman/uint256 v1.3.2 // indirect
	golang.org/x/crypto v0.59.0 // indirect
	pgregory.net/rapid v1.3.0 // indirect
)
