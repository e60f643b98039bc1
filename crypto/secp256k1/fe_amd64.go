//go:build amd64 && !purego

package secp256k1

import "github.com/consensys/gnark-crypto/utils/cpu"

// useADX selects the MULX/ADCX/ADOX multiplication (BMI2 and ADX, x86-64 since 2013–2015).
var useADX = cpu.SupportADX

//go:noescape
func feMulADX(z, x, y *fe)

//go:noescape
func feSqrADX(z, x *fe)

//go:noescape
func feAddAsm(z, x, y *fe)

//go:noescape
func feSubAsm(z, x, y *fe)

// add sets z = x + y (plain amd64: no feature needed).
func (z *fe) add(x, y *fe) { feAddAsm(z, x, y) }

// sub sets z = x - y.
func (z *fe) sub(x, y *fe) { feSubAsm(z, x, y) }

// mul sets z = x·y.
func (z *fe) mul(x, y *fe) {
	if useADX {
		feMulADX(z, x, y)
		return
	}
	z.mulGeneric(x, y)
}

// sqr sets z = x².
func (z *fe) sqr(x *fe) {
	if useADX {
		feSqrADX(z, x)
		return
	}
	z.mulGeneric(x, x)
}
