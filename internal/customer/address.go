package customer

import (
	"context"

	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
)

// A customer's addresses are changed by the customer itself (the store's /me routes), so
// these methods take the customer's id and treat any other customer's address as missing.

// ListAddresses returns a page of a customer's addresses matching f and how many match.
func (s *Service) ListAddresses(ctx context.Context, customerID string, f AddressFilter, p Page) ([]*Address, int, error) {
	return s.listAddresses(ctx, s.db.Read(), customerID, f, p)
}

// GetAddress returns an address of the customer.
func (s *Service) GetAddress(ctx context.Context, customerID, addressID string) (*Address, error) {
	return getAddress(ctx, s.db.Read(), customerID, addressID)
}

// CreateAddress adds an address to a live customer. Made the default shipping or billing
// address, it takes the flag from the customer's other addresses in the same transaction.
func (s *Service) CreateAddress(ctx context.Context, customerID string, in AddressInput) (*Address, error) {
	now := s.now()
	a := &Address{ID: s.newID(id.CustomerAddr), CustomerID: customerID, CreatedAt: now, UpdatedAt: now}
	in.apply(a)
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.get(ctx, tx, customerID, s.db.ForUpdate(), ErrStoreNotFound(customerID)); err != nil {
			return err
		}
		if err := s.takeDefaults(ctx, tx, a); err != nil {
			return err
		}
		return insertAddress(ctx, tx, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// UpdateAddress changes an address of the customer.
func (s *Service) UpdateAddress(ctx context.Context, customerID, addressID string, in AddressInput) (*Address, error) {
	var a *Address
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.get(ctx, tx, customerID, s.db.ForUpdate(), ErrStoreNotFound(customerID)); err != nil {
			return err
		}
		var err error
		if a, err = getAddress(ctx, tx, customerID, addressID); err != nil {
			return err
		}
		in.apply(a)
		a.UpdatedAt = s.now()
		if err := s.takeDefaults(ctx, tx, a); err != nil {
			return err
		}
		return updateAddress(ctx, tx, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// DeleteAddress removes an address of the customer.
func (s *Service) DeleteAddress(ctx context.Context, customerID, addressID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getAddress(ctx, tx, customerID, addressID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM customer_address WHERE id = $1`, addressID)
		return err
	})
}

// takeDefaults clears the default flags a is about to hold from the customer's addresses.
func (s *Service) takeDefaults(ctx context.Context, tx db.DBTX, a *Address) error {
	if a.IsDefaultShipping {
		if err := unsetDefault(ctx, tx, a.CustomerID, "is_default_shipping"); err != nil {
			return err
		}
	}
	if a.IsDefaultBilling {
		return unsetDefault(ctx, tx, a.CustomerID, "is_default_billing")
	}
	return nil
}

// apply sets the fields of in that are set on a.
func (in AddressInput) apply(a *Address) {
	for name, v := range in.Values {
		*a.field(name) = v
	}
	if in.IsDefaultShipping != nil {
		a.IsDefaultShipping = *in.IsDefaultShipping
	}
	if in.IsDefaultBilling != nil {
		a.IsDefaultBilling = *in.IsDefaultBilling
	}
	if in.SetMetadata {
		a.Metadata = in.Metadata
	}
}
