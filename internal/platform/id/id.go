// Package id makes the identifiers channeld hands out: Medusa's "<prefix>_<ULID>" entity ids,
// which sort by creation time, and random secret tokens for API keys.
package id

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/oklog/ulid/v2"
)

// Entity id prefixes, as Medusa uses them.
const (
	SalesChannel   = "sc"
	Store          = "store"
	User           = "user"
	Event          = "evt"
	APIKey         = "apk"
	Product        = "prod"
	Variant        = "variant"
	Option         = "opt"
	OptionValue    = "optval"
	Price          = "price"
	PriceSet       = "pset"
	Region         = "reg"
	StockLocation  = "sloc"
	Address        = "laddr"
	InventoryItem  = "iitem"
	InventoryLevel = "ilev"
	Reservation    = "resitem"
	Cart           = "cart"
	LineItem       = "cali"
	Order          = "order"
	OrderLineItem  = "ordli"
	PaymentColl    = "pay_col"
	PaymentSession = "payses"
	Payment        = "pay"
	CartAddress    = "caaddr"
	CartShipping   = "casm"
	OrderAddress   = "ordaddr"
	OrderShipping  = "ordsm"
	Role           = "role"
	Seller         = "sel"
	AuthIdentity   = "authid"
	Customer       = "cus"
	CustomerAddr   = "cuaddr"
	Webhook        = "wh"
	Delivery       = "msg"
)

// New returns prefix + "_" + a new ULID. ulid.Make is safe for concurrent use and monotonic
// within a millisecond, so ids made by one process sort in creation order.
func New(prefix string) string {
	return prefix + "_" + ulid.Make().String()
}

// Source makes entity ids; services hold one so tests can substitute a deterministic one.
type Source func(prefix string) string

// Token returns prefix + "_" + 64 hex characters from crypto/rand, the shape of Medusa's
// publishable and secret API keys.
func Token(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return prefix + "_" + hex.EncodeToString(b), nil
}

// HasPrefix reports whether s looks like an id of the given prefix.
func HasPrefix(s, prefix string) bool { return strings.HasPrefix(s, prefix+"_") }
