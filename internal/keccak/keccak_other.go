//go:build !amd64 || purego

package keccak

// haveX8 is false: there is no eight-lane permutation on this platform.
var haveX8 = false

func keccakF1600x8(*state8, *[24]uint64) { panic("keccak: no eight-lane permutation here") }
