//go:build !amd64 || purego

package secp256k1

// mul sets z = x·y.
func (z *fe) mul(x, y *fe) { z.mulGeneric(x, y) }

// sqr sets z = x².
func (z *fe) sqr(x *fe) { z.mulGeneric(x, x) }

// add sets z = x + y.
func (z *fe) add(x, y *fe) { z.addGeneric(x, y) }

// sub sets z = x - y.
func (z *fe) sub(x, y *fe) { z.subGeneric(x, y) }
