package customer

import (
	"context"
	"net/mail"
	"strings"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/rbac"
)

// Service is the customer use cases; each write is one transaction with its events.
type Service struct {
	db         *db.DB
	now        clock.Clock
	newID      id.Source
	identities Identities
	orders     Orders
}

// NewService returns a service on d. identities links registered identities to their
// customers; orders tells which customers ordered in which channels.
func NewService(d *db.DB, now clock.Clock, newID id.Source, identities Identities, orders Orders) *Service {
	return &Service{db: d, now: now, newID: newID, identities: identities, orders: orders}
}

// Not-found errors of the routes, each in the words Medusa's route uses.
var (
	// ErrAdminNotFound is GET /admin/customers/:id's.
	ErrAdminNotFound = func(customerID string) error { return apperr.NotFoundf("Customer with id: %s not found", customerID) }
	// ErrAdminUpdateNotFound is POST /admin/customers/:id's.
	ErrAdminUpdateNotFound = func(customerID string) error {
		return apperr.NotFoundf("Customer with id \"%s\" not found", customerID)
	}
	// ErrStoreNotFound is /store/customers/me's.
	ErrStoreNotFound = func(customerID string) error {
		return apperr.NotFoundf("Customer with id: %s was not found", customerID)
	}
)

// normalizeEmail lower-cases and trims an email and checks it as zod's email() would; a
// nil email stays nil.
func normalizeEmail(email *string) (*string, error) {
	if email == nil {
		return nil, nil
	}
	e := strings.ToLower(strings.TrimSpace(*email))
	if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
		return nil, apperr.Invalidf("Invalid request: Invalid email")
	}
	return &e, nil
}

// apply sets the fields of p that are set on c.
func (p Profile) apply(c *Customer) error {
	if p.SetEmail {
		e, err := normalizeEmail(p.Email)
		if err != nil {
			return err
		}
		c.Email = e
	}
	for _, f := range []struct {
		set bool
		dst **string
		v   *string
	}{{p.SetCompanyName, &c.CompanyName, p.CompanyName}, {p.SetFirstName, &c.FirstName, p.FirstName},
		{p.SetLastName, &c.LastName, p.LastName}, {p.SetPhone, &c.Phone, p.Phone}} {
		if f.set {
			*f.dst = f.v
		}
	}
	if p.SetMetadata {
		c.Metadata = p.Metadata
	}
	return nil
}

// Get returns a live customer the caller may read, or notFound(customerID).
func (s *Service) Get(ctx context.Context, customerID string, notFound func(string) error) (*Customer, error) {
	return s.get(ctx, s.db.Read(), customerID, "", notFound(customerID))
}

// ByIDs returns the live customers among ids the caller may read, by id, with their
// addresses when withAddresses is set: the customers of orders.
func (s *Service) ByIDs(ctx context.Context, ids []string, withAddresses bool) (map[string]*Customer, error) {
	out := map[string]*Customer{}
	if len(ids) == 0 {
		return out, nil
	}
	q := s.db.Read()
	cs, _, err := s.list(ctx, q, Filter{IDs: ids}, Page{Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	if withAddresses {
		if err := loadAddresses(ctx, q, cs); err != nil {
			return nil, err
		}
	}
	for _, c := range cs {
		out[c.ID] = c
	}
	return out, nil
}

// List returns a page of the live customers the caller may read that match f, and how many
// match in all.
func (s *Service) List(ctx context.Context, f Filter, p Page) ([]*Customer, int, error) {
	return s.list(ctx, s.db.Read(), f, p)
}

// Create makes a customer without an account, as an admin does, and emits customer.created.
// A customer is in no channel until it orders, so only an admin who may create customers
// store-wide creates one (§5.6).
func (s *Service) Create(ctx context.Context, createdBy *string, p Profile) (*Customer, error) {
	now := s.now()
	c := &Customer{ID: s.newID(id.Customer), CreatedBy: createdBy, CreatedAt: now, UpdatedAt: now}
	if err := p.apply(c); err != nil {
		return nil, err
	}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := rbac.CheckWrite(ctx, rbac.Policies{"customer:create"}, "customer", "create", nil); err != nil {
			return err
		}
		if err := insert(ctx, tx, c); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, c.ID))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// CreateAccount makes the customer of a registered identity, with an account, links the
// identity to it and emits customer.created, in one transaction. As in Medusa, the email is
// the body's and required, and a customer with an account may not share it.
func (s *Service) CreateAccount(ctx context.Context, identityID string, p Profile) (*Customer, error) {
	now := s.now()
	c := &Customer{ID: s.newID(id.Customer), HasAccount: true, CreatedAt: now, UpdatedAt: now}
	if err := p.apply(c); err != nil {
		return nil, err
	}
	if c.Email == nil {
		return nil, apperr.Invalidf("Email is required to create a customer")
	}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.identities.LinkCustomer(ctx, tx, identityID, c.ID); err != nil {
			return err
		}
		err := insert(ctx, tx, c)
		if apperr.Is(err, apperr.Invalid) {
			return apperr.New(apperr.Duplicate, "Customer with this email already has an account")
		}
		if err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, c.ID))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Update changes a live customer the caller may read and emits customer.updated. An admin
// needs customer:update in every channel the customer ordered in, or store-wide for one
// who never ordered; a customer changing itself has no admin scope and passes.
func (s *Service) Update(ctx context.Context, customerID string, p Profile, notFound func(string) error) (*Customer, error) {
	var c *Customer
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if c, err = s.get(ctx, tx, customerID, s.db.ForUpdate(), notFound(customerID)); err != nil {
			return err
		}
		if err := s.checkWrite(ctx, tx, "update", customerID); err != nil {
			return err
		}
		if err := p.apply(c); err != nil {
			return err
		}
		c.UpdatedAt = s.now()
		if err := update(ctx, tx, c); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, c.UpdatedAt, outbox.IDEvent(EventUpdated, c.ID))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// checkWrite is the channel write check of §5.6 step 4 for a customer: its channels are
// those it ordered in.
func (s *Service) checkWrite(ctx context.Context, q db.DBTX, op, customerID string) error {
	if all, _ := rbac.From(ctx).Channels("customer", op); all || !rbac.From(ctx).Assigned() {
		return rbac.CheckWrite(ctx, rbac.Policies{"customer:" + op}, "customer", op, nil)
	}
	chans, err := s.orders.ChannelsOrderedIn(ctx, q, customerID)
	if err != nil {
		return err
	}
	return rbac.CheckWrite(ctx, rbac.Policies{"customer:" + op}, "customer", op, chans)
}

// Delete soft-deletes a live customer the caller may read, with its addresses and its
// identity (its tokens stop working, its email may register again), and emits
// customer.deleted. An unknown customer is not an error, as Medusa deletes.
func (s *Service) Delete(ctx context.Context, customerID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		_, err := s.get(ctx, tx, customerID, s.db.ForUpdate(), ErrAdminNotFound(customerID))
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := s.checkWrite(ctx, tx, "delete", customerID); err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE customer SET deleted_at = $2, updated_at = $2 WHERE id = $1`,
			customerID, db.FormatTime(now)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM customer_address WHERE customer_id = $1`, customerID); err != nil {
			return err
		}
		if err := s.identities.ForgetCustomer(ctx, tx, customerID); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventDeleted, customerID))
	})
}

// Email returns the email of a live customer, read through q: a cart the customer logs into
// takes it.
func (s *Service) Email(ctx context.Context, q db.DBTX, customerID string) (*string, error) {
	c, err := s.get(ctx, q, customerID, "", ErrStoreNotFound(customerID))
	if err != nil {
		return nil, err
	}
	return c.Email, nil
}
