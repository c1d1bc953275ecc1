package rbac

import (
	"context"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const policyColumns = `id, key, resource, operation, name, description, metadata, created_at, updated_at, deleted_at`

var scanPolicy = sqlq.Into(func(p *Policy) []any {
	return append([]any{&p.ID, &p.Key, &p.Resource, &p.Operation, &p.Name, &p.Description, db.JSONDest(&p.Metadata)},
		db.SoftStamps(&p.CreatedAt, &p.UpdatedAt, &p.DeletedAt)...)
})

// PolicyFilter selects policies for a list, as Medusa's policy list query does. Within, when
// not nil, restricts the list to those ids (the policies the caller holds).
type PolicyFilter struct {
	Q                               string
	IDs, Keys, Resources, Ops       []string
	CreatedAt, UpdatedAt, DeletedAt map[string]any
	WithDeleted                     bool
	And, Or                         []PolicyFilter
	Within                          []string
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

var policyOrder = map[string]string{
	"id": "id", "key": "key", "resource": "resource", "operation": "operation", "name": "name",
	"created_at": "created_at", "updated_at": "updated_at",
}

func policyWhere(w *sqlq.Where, f PolicyFilter) error {
	w.Search(f.Q, "key", "name", "description")
	w.InFilter("id", f.IDs)
	w.InFilter("key", f.Keys)
	w.InFilter("resource", f.Resources)
	w.InFilter("operation", f.Ops)
	if f.Within != nil {
		w.In("id", f.Within)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return err
	}
	return sqlq.Groups(w, f.And, f.Or, policyWhere)
}

func listPolicies(ctx context.Context, q db.DBTX, ilike string, f PolicyFilter, p Page) ([]*Policy, int, error) {
	w := sqlq.NewWhere(ilike)
	if err := policyWhere(w, f); err != nil {
		return nil, 0, err
	}
	if !f.WithDeleted && f.DeletedAt == nil {
		w.Add("deleted_at IS NULL")
	}
	order, err := sqlq.OrderBy(p.Order, policyOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Policy]{From: "rbac_policy", Columns: policyColumns, Scan: scanPolicy}.Run(ctx, q, "policies", w, order, p.Limit, p.Offset)
}

// getPolicy returns a live policy; notFound is the route's message for an unknown id.
func getPolicy(ctx context.Context, q db.DBTX, policyID string, notFound error) (*Policy, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+policyColumns+` FROM rbac_policy WHERE id = $1 AND deleted_at IS NULL`, policyID),
		scanPolicy, notFound, "get policy "+policyID)
}

// livePolicies returns every live policy, in key order: the universe of keys and the
// candidates of the lists that only the caller's holdings restrict.
func livePolicies(ctx context.Context, q db.DBTX) ([]*Policy, error) {
	return sqlq.Collect(ctx, q, scanPolicy, `SELECT `+policyColumns+` FROM rbac_policy WHERE deleted_at IS NULL ORDER BY key`)
}

// policiesByRef returns the live policies that refs name, each an id or (channeld's leniency)
// a key, in request order without repeats; refs naming none are E32, listed as written.
func policiesByRef(ctx context.Context, q db.DBTX, refs []string) ([]*Policy, error) {
	var args []any
	ph := sqlq.In(&args, refs...)
	found, err := sqlq.Collect(ctx, q, scanPolicy, `SELECT `+policyColumns+` FROM rbac_policy
		WHERE deleted_at IS NULL AND (id IN (`+ph+`) OR key IN (`+ph+`))`, args...)
	if err != nil {
		return nil, err
	}
	byRef := make(map[string]*Policy, 2*len(found))
	for _, p := range found {
		byRef[p.ID], byRef[p.Key] = p, p
	}
	var out []*Policy
	var missing []string
	seen := map[string]bool{}
	for _, r := range refs {
		p := byRef[r]
		switch {
		case p == nil:
			missing = append(missing, r)
		case !seen[p.ID]:
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	if len(missing) > 0 {
		return nil, apperr.NotFoundf("The following policies do not exist: %s", joinComma(missing))
	}
	return out, nil
}

func insertPolicy(ctx context.Context, tx db.DBTX, p *Policy) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("Rbac policy with key: %s, already exists.", p.Key), "insert policy",
		`INSERT INTO rbac_policy (`+policyColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)`,
		p.ID, p.Key, p.Resource, p.Operation, p.Name, p.Description, db.JSON(p.Metadata),
		db.FormatTime(p.CreatedAt), db.FormatTime(p.UpdatedAt))
}

func updatePolicy(ctx context.Context, tx db.DBTX, p *Policy) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("Rbac policy with key: %s, already exists.", p.Key), "update policy "+p.ID,
		`UPDATE rbac_policy SET key = $2, resource = $3, operation = $4, name = $5, description = $6, metadata = $7,
		updated_at = $8 WHERE id = $1`,
		p.ID, p.Key, p.Resource, p.Operation, p.Name, p.Description, db.JSON(p.Metadata), db.FormatTime(p.UpdatedAt))
}
