package astria_test

import (
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
)

func nmtRoot(leaves [][]byte) interop.Hash { return nmt.RFC6962Root(leaves) }
