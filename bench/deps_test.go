// The anchors this module compares against; kept imported so go.mod stays tidy while
// benchmark files come and go.
package bench

import (
	_ "github.com/ethereum/go-ethereum/common"
	_ "github.com/ethereum/go-ethereum/core/types"
	_ "github.com/ethereum/go-ethereum/crypto"
	_ "github.com/ethereum/go-ethereum/rlp"
	_ "github.com/ethereum/go-ethereum/trie"
	_ "github.com/interopkit/interop"
	_ "github.com/supranational/blst/bindings/go"
)
