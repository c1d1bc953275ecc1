package rbac

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Invite is Medusa's invite: an email invited to become an admin user, the token that accepts
// it and when the token expires; its roles (fields=rbac_roles.*) and channeld's channels
// (fields=+sales_channel_ids: nil for a store-wide invite) come with it on request.
type Invite struct {
	ID        string
	Email     string
	Accepted  bool
	Token     string
	ExpiresAt time.Time
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time

	Roles           []*Role
	SalesChannelIDs []string
}

// InviteFilter selects invites for a list, as Medusa's invite list query does. Within, when
// not nil, restricts the list to those ids (the invites a channel-limited admin may read).
type InviteFilter struct {
	Q                               string
	IDs, Emails                     []string
	CreatedAt, UpdatedAt, DeletedAt map[string]any
	Within                          []string
}

const invitePrefix = "invite"

const inviteColumns = `id, email, accepted, token, expires_at, metadata, created_at, updated_at, deleted_at`

var scanInvite = sqlq.Into(func(i *Invite) []any {
	return []any{&i.ID, &i.Email, &i.Accepted, &i.Token, db.TimeDest(&i.ExpiresAt), db.JSONDest(&i.Metadata),
		db.TimeDest(&i.CreatedAt), db.TimeDest(&i.UpdatedAt), db.NullTimeDest(&i.DeletedAt)}
})

func inviteNotFound(inviteID string) error {
	return apperr.NotFoundf("Invite with id: %s was not found", inviteID)
}

// getInvite returns a live invite read through q, locked when lock is the engine's FOR UPDATE.
func getInvite(ctx context.Context, q db.DBTX, inviteID, lock string) (*Invite, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM invite WHERE id = $1 AND deleted_at IS NULL`+lock, inviteID),
		scanInvite, inviteNotFound(inviteID), "get invite "+inviteID)
}

var inviteOrderColumns = map[string]string{
	"id": "id", "email": "email", "accepted": "accepted", "expires_at": "expires_at",
	"created_at": "created_at", "updated_at": "updated_at",
}

// listInvites returns a page of live invites matching f and how many match in all.
func listInvites(ctx context.Context, q db.DBTX, ilike string, f InviteFilter, p Page) ([]*Invite, int, error) {
	w := sqlq.NewWhere(ilike)
	w.Search(f.Q, "email")
	w.InFilter("id", f.IDs)
	w.InFilter("email", f.Emails)
	if f.Within != nil {
		w.In("id", f.Within)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return nil, 0, err
	}
	w.Add("deleted_at IS NULL")
	order, err := sqlq.OrderBy(p.Order, inviteOrderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Invite]{From: "invite", Columns: inviteColumns, Scan: scanInvite}.Run(ctx, q, "invites", w, order, p.Limit, p.Offset)
}

// insertInvite writes a new invite with its roles and channels. A live invite of the same
// email is Medusa's unique-constraint answer.
func insertInvite(ctx context.Context, tx db.DBTX, inv *Invite, roleIDs []string) error {
	dup := apperr.Invalidf("Invite with email: %s, already exists.", inv.Email)
	if err := sqlq.ExecUnique(ctx, tx, dup, "insert invite", `INSERT INTO invite (id, email, accepted, token, expires_at, metadata,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
		inv.ID, inv.Email, false, inv.Token, db.FormatTime(inv.ExpiresAt), db.JSON(inv.Metadata), db.FormatTime(inv.CreatedAt)); err != nil {
		return err
	}
	for _, r := range roleIDs {
		if err := sqlq.Exec(ctx, tx, "link invite role", `INSERT INTO invite_rbac_role (invite_id, rbac_role_id) VALUES ($1, $2)`, inv.ID, r); err != nil {
			return err
		}
	}
	for _, c := range inv.SalesChannelIDs {
		if err := sqlq.Exec(ctx, tx, "link invite channel", `INSERT INTO invite_sales_channel (invite_id, sales_channel_id) VALUES ($1, $2)`, inv.ID, c); err != nil {
			return err
		}
	}
	return nil
}

// setInviteToken gives an invite a new token and expiry.
func setInviteToken(ctx context.Context, tx db.DBTX, inv *Invite) error {
	return sqlq.Exec(ctx, tx, "refresh invite "+inv.ID, `UPDATE invite SET token = $2, expires_at = $3, updated_at = $4 WHERE id = $1`,
		inv.ID, inv.Token, db.FormatTime(inv.ExpiresAt), db.FormatTime(inv.UpdatedAt))
}

// closeAccepted marks an invite accepted and soft-deletes it, as Medusa's acceptance deletes
// the invite: its token stops working and its email may be invited again.
func closeAccepted(ctx context.Context, tx db.DBTX, inviteID string, now time.Time) error {
	return sqlq.Exec(ctx, tx, "accept invite "+inviteID, `UPDATE invite SET accepted = $2, deleted_at = $3, updated_at = $3
		WHERE id = $1`, inviteID, true, db.FormatTime(now))
}

// inviteRoleIDs returns, per invite, the ids of its live roles in id order.
func inviteRoleIDs(ctx context.Context, q db.DBTX, inviteIDs []string) (map[string][]string, error) {
	return inviteLinks(ctx, q, `SELECT l.invite_id, l.rbac_role_id FROM invite_rbac_role l
		JOIN rbac_role r ON r.id = l.rbac_role_id AND r.deleted_at IS NULL WHERE l.invite_id IN (%s) ORDER BY l.invite_id, l.rbac_role_id`, inviteIDs)
}

// inviteChannelIDs returns, per invite, its channels ascending; a store-wide invite has none.
func inviteChannelIDs(ctx context.Context, q db.DBTX, inviteIDs []string) (map[string][]string, error) {
	return inviteLinks(ctx, q, `SELECT invite_id, sales_channel_id FROM invite_sales_channel
		WHERE invite_id IN (%s) ORDER BY invite_id, sales_channel_id`, inviteIDs)
}

func inviteLinks(ctx context.Context, q db.DBTX, query string, inviteIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(inviteIDs) == 0 {
		return out, nil
	}
	var args []any
	rows, err := q.QueryContext(ctx, fmt.Sprintf(query, sqlq.In(&args, inviteIDs...)), args...)
	if err != nil {
		return nil, fmt.Errorf("read invite links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var inviteID, other string
		if err := rows.Scan(&inviteID, &other); err != nil {
			return nil, fmt.Errorf("read invite links: %w", err)
		}
		out[inviteID] = append(out[inviteID], other)
	}
	return out, rows.Err()
}

// readableInviteIDs returns the invites a caller limited to channels may read: invites in at
// least one channel, all of them among channels (never a store-wide invite).
func readableInviteIDs(ctx context.Context, q db.DBTX, channels []string) ([]string, error) {
	if len(channels) == 0 {
		return []string{}, nil
	}
	var args []any
	ids, err := sqlq.Collect(ctx, q, sqlq.String, `SELECT DISTINCT a.invite_id FROM invite_sales_channel a
		WHERE NOT EXISTS (SELECT 1 FROM invite_sales_channel b WHERE b.invite_id = a.invite_id
			AND b.sales_channel_id NOT IN (`+sqlq.In(&args, channels...)+`))
		ORDER BY a.invite_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read the invites of channels: %w", err)
	}
	if ids == nil {
		ids = []string{}
	}
	return ids, nil
}
