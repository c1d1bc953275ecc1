package cart

import (
	"context"

	"channeld/internal/apikey"
	"channeld/internal/auth"
	"channeld/internal/outbox"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// EventCustomerTransferred is emitted with {id} when a cart passes to a logged-in customer.
const EventCustomerTransferred = "cart.customer_transferred"

// customerOf is the logged-in customer of a storefront request, nil for a guest.
func customerOf(ctx context.Context) *string {
	if c, ok := auth.CustomerFrom(ctx); ok && c.CustomerID != "" {
		return &c.CustomerID
	}
	return nil
}

// belongTo makes c the customer's, with the customer's email when withEmail is set.
func (s *Service) belongTo(ctx context.Context, tx db.DBTX, c *Cart, customerID string, withEmail bool) error {
	email, err := s.Customers.Email(ctx, tx, customerID)
	if err != nil {
		return err
	}
	c.CustomerID = &customerID
	if withEmail {
		c.Email = email
	}
	return nil
}

// Transfer gives a cart the key reaches to the logged-in customer, with the customer's email,
// as Medusa's transferCart does; a cart that is the customer's already is left as it is.
func (s *Service) Transfer(ctx context.Context, cartID string, key apikey.Scope, customerID string) (*Cart, error) {
	current, err := s.Get(ctx, cartID, key)
	if err != nil {
		return nil, err
	}
	if current.CustomerID != nil && *current.CustomerID == customerID {
		return current, nil
	}
	return s.change(ctx, cartID, key, func(tx db.DBTX, c *Cart) error {
		if err := s.belongTo(ctx, tx, c, customerID, true); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, s.now(), outbox.IDEvent(EventCustomerTransferred, c.ID))
	})
}

// CustomerRoutes are the cart routes of a logged-in customer, behind auth.RequireCustomer.
func (h *Handler) CustomerRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "POST", Path: "/store/carts/{id}/customer", Summary: "Transfer a cart to the logged-in customer", Query: selectQuery,
			Body: v.Object().Strict(), Response: "cart", Serve: httpapi.One(check, h.transfer)},
	}
}

func (h *Handler) transfer(ctx context.Context, in *httpapi.Input[httpapi.Fields, struct{}]) ([]byte, error) {
	c, err := h.svc.Transfer(ctx, in.Path("id"), keyScope(ctx), *customerOf(ctx))
	return h.write(ctx, in.Fields, c, err)
}
