package auction

import (
	"bytes"
	"slices"
)

func sortTokens(t []Token) {
	slices.SortFunc(t, func(a, b Token) int { return bytes.Compare(a.Address[:], b.Address[:]) })
}

func sortOrders(o []Order) {
	slices.SortFunc(o, func(a, b Order) int { return bytes.Compare(a.UID[:], b.UID[:]) })
}

func sortPrices(p []Price) {
	slices.SortFunc(p, func(a, b Price) int { return bytes.Compare(a.Token[:], b.Token[:]) })
}
