package customer

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const columns = `id, email, company_name, first_name, last_name, phone, has_account, metadata, created_by,
	created_at, updated_at, deleted_at`

var scan = sqlq.Into(func(c *Customer) []any {
	return append([]any{&c.ID, &c.Email, &c.CompanyName, &c.FirstName, &c.LastName, &c.Phone, &c.HasAccount,
		db.JSONDest(&c.Metadata), &c.CreatedBy}, db.SoftStamps(&c.CreatedAt, &c.UpdatedAt, &c.DeletedAt)...)
})

// duplicate is the error of a live customer of the same kind with the same email, in the words
// Medusa's database error mapper uses for its unique index.
func duplicate(c *Customer) error {
	return apperr.Invalidf("Customer with email: %s, has_account: %t, already exists.", deref(c.Email), c.HasAccount)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func insert(ctx context.Context, tx db.DBTX, c *Customer) error {
	return sqlq.ExecUnique(ctx, tx, duplicate(c), "insert customer", `INSERT INTO customer (`+columns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, NULL)`,
		c.ID, c.Email, c.CompanyName, c.FirstName, c.LastName, c.Phone, c.HasAccount, db.JSON(c.Metadata), c.CreatedBy,
		db.FormatTime(c.CreatedAt))
}

func update(ctx context.Context, tx db.DBTX, c *Customer) error {
	return sqlq.ExecUnique(ctx, tx, duplicate(c), "update customer "+c.ID, `UPDATE customer SET email = $2, company_name = $3,
		first_name = $4, last_name = $5, phone = $6, metadata = $7, updated_at = $8 WHERE id = $1`,
		c.ID, c.Email, c.CompanyName, c.FirstName, c.LastName, c.Phone, db.JSON(c.Metadata), db.FormatTime(c.UpdatedAt))
}

// get returns a live customer the caller may read, or notFound; lock is "" or
// db.ForUpdate().
func (s *Service) get(ctx context.Context, q db.DBTX, customerID, lock string, notFound error) (*Customer, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", customerID)
	w.Add("deleted_at IS NULL")
	s.restrictReadable(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+columns+` FROM customer`+w.SQL()+lock, w.Args()...),
		scan, notFound, "get customer "+customerID)
}

// restrictReadable limits w to the customers a channel-limited admin may read (§5.6): those
// who placed an order in a channel where it holds customer:read. A customer who never
// ordered is in no channel, and only an admin who reads customers store-wide sees it.
func (s *Service) restrictReadable(ctx context.Context, w *sqlq.Where) {
	if all, ids := visible.Readable(ctx, "customer"); !all {
		s.orderedIn(w, ids)
	}
}

// orderedIn adds the condition that the customer ordered in one of channelIDs (none: no
// customer).
func (s *Service) orderedIn(w *sqlq.Where, channelIDs []string) {
	if len(channelIDs) == 0 {
		w.Add("1 = 0")
		return
	}
	s.orders.RestrictOrderedIn(w, "id", channelIDs)
}

var orderColumns = map[string]string{
	"id": "id", "email": "email", "company_name": "company_name", "first_name": "first_name", "last_name": "last_name",
	"phone": "phone", "has_account": "has_account", "created_at": "created_at", "updated_at": "updated_at",
}

func (s *Service) list(ctx context.Context, q db.DBTX, f Filter, p Page) ([]*Customer, int, error) {
	w := sqlq.NewWhere(s.db.ILike())
	if err := buildWhere(w, f); err != nil {
		return nil, 0, err
	}
	// A limited caller's channel filter names only channels it reads, as the orders' does.
	if chans := visible.Narrow(ctx, "customer", f.SalesChannelIDs); chans != nil {
		s.orderedIn(w, chans)
	}
	if !w.HasOp("deleted_at") {
		w.Add("deleted_at IS NULL")
	}
	s.restrictReadable(ctx, w)
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Customer]{From: "customer", Columns: columns, Scan: scan}.Run(ctx, q, "customers", w, order, p.Limit, p.Offset)
}

// buildWhere adds f's filters and its $and and $or groups to w.
func buildWhere(w *sqlq.Where, f Filter) error {
	w.Search(f.Q, "email", "company_name", "first_name", "last_name", "phone")
	w.InFilter("id", f.IDs)
	w.InFilter("email", lower(f.Emails))
	w.InFilter("company_name", f.CompanyNames)
	w.InFilter("first_name", f.FirstNames)
	w.InFilter("last_name", f.LastNames)
	w.InFilter("created_by", f.CreatedBy)
	if f.HasAccount != nil {
		w.Eq("has_account", *f.HasAccount)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return err
	}
	return sqlq.Groups(w, f.And, f.Or, buildWhere)
}

func lower(vs []string) []string {
	if vs == nil {
		return nil
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.ToLower(strings.TrimSpace(v))
	}
	return out
}

// addressFields are the address columns a caller sets by name, in the order they are stored.
var addressFields = []string{"address_name", "company", "first_name", "last_name", "address_1", "address_2", "city",
	"country_code", "province", "postal_code", "phone"}

const addressColumns = `id, customer_id, address_name, is_default_shipping, is_default_billing, company, first_name, last_name,
	address_1, address_2, city, country_code, province, postal_code, phone, metadata, created_at, updated_at`

var scanAddress = sqlq.Into(func(a *Address) []any {
	return append([]any{&a.ID, &a.CustomerID, &a.AddressName, &a.IsDefaultShipping, &a.IsDefaultBilling, &a.Company,
		&a.FirstName, &a.LastName, &a.Address1, &a.Address2, &a.City, &a.CountryCode, &a.Province, &a.PostalCode, &a.Phone,
		db.JSONDest(&a.Metadata)}, db.Stamps(&a.CreatedAt, &a.UpdatedAt)...)
})

// field returns the pointer to the address field a wire name names.
func (a *Address) field(name string) **string {
	switch name {
	case "address_name":
		return &a.AddressName
	case "company":
		return &a.Company
	case "first_name":
		return &a.FirstName
	case "last_name":
		return &a.LastName
	case "address_1":
		return &a.Address1
	case "address_2":
		return &a.Address2
	case "city":
		return &a.City
	case "country_code":
		return &a.CountryCode
	case "province":
		return &a.Province
	case "postal_code":
		return &a.PostalCode
	case "phone":
		return &a.Phone
	}
	panic("customer: no address field " + name)
}

func addressArgs(a *Address) []any {
	return []any{a.ID, a.CustomerID, a.AddressName, a.IsDefaultShipping, a.IsDefaultBilling, a.Company, a.FirstName,
		a.LastName, a.Address1, a.Address2, a.City, a.CountryCode, a.Province, a.PostalCode, a.Phone, db.JSON(a.Metadata),
		db.FormatTime(a.CreatedAt), db.FormatTime(a.UpdatedAt)}
}

func insertAddress(ctx context.Context, tx db.DBTX, a *Address) error {
	return sqlq.Exec(ctx, tx, "insert customer address", `INSERT INTO customer_address (`+addressColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`, addressArgs(a)...)
}

func updateAddress(ctx context.Context, tx db.DBTX, a *Address) error {
	return sqlq.Exec(ctx, tx, "update customer address "+a.ID, `UPDATE customer_address SET customer_id = $2, address_name = $3,
		is_default_shipping = $4, is_default_billing = $5, company = $6, first_name = $7, last_name = $8, address_1 = $9,
		address_2 = $10, city = $11, country_code = $12, province = $13, postal_code = $14, phone = $15, metadata = $16,
		created_at = $17, updated_at = $18 WHERE id = $1`, addressArgs(a)...)
}

// unsetDefault takes the default flag col (is_default_shipping or is_default_billing) from
// every address of the customer, before another address gets it.
func unsetDefault(ctx context.Context, tx db.DBTX, customerID, col string) error {
	return sqlq.Exec(ctx, tx, "unset "+col+" of customer "+customerID,
		`UPDATE customer_address SET `+col+` = $2 WHERE customer_id = $1 AND `+col+` = $3`, customerID, false, true)
}

// getAddress returns an address of the customer; any other address is notFound.
func getAddress(ctx context.Context, q db.DBTX, customerID, addressID string) (*Address, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+addressColumns+` FROM customer_address WHERE id = $1 AND customer_id = $2`,
		addressID, customerID), scanAddress, errAddressNotFound(addressID), "get customer address "+addressID)
}

func errAddressNotFound(addressID string) error {
	return apperr.NotFoundf("Address with id: %s was not found", addressID)
}

// AddressFilter selects a customer's addresses for a list.
type AddressFilter struct {
	Q                                 string
	Cities, CountryCodes, PostalCodes []string
}

var addressOrder = map[string]string{"id": "id", "city": "city", "country_code": "country_code", "postal_code": "postal_code",
	"address_name": "address_name", "created_at": "created_at", "updated_at": "updated_at"}

func (s *Service) listAddresses(ctx context.Context, q db.DBTX, customerID string, f AddressFilter, p Page) ([]*Address, int, error) {
	w := sqlq.NewWhere(s.db.ILike())
	w.Eq("customer_id", customerID)
	w.Search(f.Q, "address_name", "company", "first_name", "last_name", "address_1", "address_2", "city", "province", "postal_code")
	w.InFilter("city", f.Cities)
	w.InFilter("country_code", f.CountryCodes)
	w.InFilter("postal_code", f.PostalCodes)
	order, err := sqlq.OrderBy(p.Order, addressOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Address]{From: "customer_address", Columns: addressColumns, Scan: scanAddress}.
		Run(ctx, q, "customer addresses", w, order, p.Limit, p.Offset)
}

// loadAddresses fills the addresses of cs, in one read.
func loadAddresses(ctx context.Context, q db.DBTX, cs []*Customer) error {
	if len(cs) == 0 {
		return nil
	}
	byID, ids := sqlq.Index(cs, func(c *Customer) string { return c.ID })
	for _, c := range cs {
		c.Addresses = []*Address{}
	}
	var args []any
	as, err := sqlq.Collect(ctx, q, scanAddress, `SELECT `+addressColumns+` FROM customer_address
		WHERE customer_id IN (`+sqlq.In(&args, ids...)+`) ORDER BY customer_id, id`, args...)
	if err != nil {
		return fmt.Errorf("read customer addresses: %w", err)
	}
	for _, a := range as {
		byID[a.CustomerID].Addresses = append(byID[a.CustomerID].Addresses, a)
	}
	return nil
}
