package polymer_test

import (
	"crypto/sha256"

	"github.com/interopkit/interop"
)

func sha256Sum(b []byte) interop.Hash { return sha256.Sum256(b) }
