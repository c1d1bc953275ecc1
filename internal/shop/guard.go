package shop

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/saleschannel"
)

// ChannelGuard keeps the store's default sales channel from being deleted. The sales channel
// module runs it inside its deleting transaction; it needs only the database, so it exists
// before the channel service, which the store service itself is built on.
type ChannelGuard struct{ db *db.DB }

// The sales channel service runs the guard through its DeleteGuard interface.
var _ saleschannel.DeleteGuard = (*ChannelGuard)(nil)

// NewChannelGuard returns the guard on d.
func NewChannelGuard(d *db.DB) *ChannelGuard { return &ChannelGuard{db: d} }

// GuardChannelDelete refuses to delete the store's default sales channel. It reads the store
// row locked, as Service.Update does, so a concurrent move of the default to one of ids is
// seen.
func (g *ChannelGuard) GuardChannelDelete(ctx context.Context, tx db.DBTX, ids []string) error {
	var def sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT default_sales_channel_id FROM store LIMIT 1`+g.db.ForUpdate()).Scan(&def)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the default sales channel: %w", err)
	}
	if def.String != "" && slices.Contains(ids, def.String) {
		return apperr.Invalidf("Cannot delete default sales channels: %s", def.String)
	}
	return nil
}
