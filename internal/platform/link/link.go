// Package link is the one mechanism for the tables that join two modules (product ↔ channel,
// publishable key ↔ channel, stock location ↔ channel): idempotent batch add and remove,
// replacing a set, reading either side, and dropping every link of a deleted entity. Each
// link table has a composite primary key of its two columns and foreign keys to both sides.
package link

import (
	"context"
	"fmt"
	"strings"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Table describes one link table: Left and Right are its two id columns.
type Table struct {
	Name  string
	Left  string
	Right string
}

// Add links left to every id in rights; pairs already linked are left alone.
func (t Table) Add(ctx context.Context, tx db.DBTX, left string, rights []string, now time.Time) error {
	if len(rights) == 0 {
		return nil
	}
	var sb strings.Builder
	args := make([]any, 0, 2+len(rights))
	args = append(args, left, db.FormatTime(now))
	fmt.Fprintf(&sb, "INSERT INTO %s (%s, %s, created_at) VALUES ", t.Name, t.Left, t.Right)
	for i, r := range rights {
		if i > 0 {
			sb.WriteString(", ")
		}
		args = append(args, r)
		fmt.Fprintf(&sb, "($1, $%d, $2)", len(args))
	}
	fmt.Fprintf(&sb, " ON CONFLICT (%s, %s) DO NOTHING", t.Left, t.Right)
	if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
		return fmt.Errorf("add %s links of %s: %w", t.Name, left, err)
	}
	return nil
}

// AddReverse links every id in lefts to right.
func (t Table) AddReverse(ctx context.Context, tx db.DBTX, lefts []string, right string, now time.Time) error {
	return t.flip().Add(ctx, tx, right, lefts, now)
}

// Remove unlinks left from every id in rights; pairs not linked are ignored.
func (t Table) Remove(ctx context.Context, tx db.DBTX, left string, rights []string) error {
	if len(rights) == 0 {
		return nil
	}
	args := make([]any, 0, 1+len(rights))
	args = append(args, left)
	q := fmt.Sprintf("DELETE FROM %s WHERE %s = $1 AND %s IN (%s)", t.Name, t.Left, t.Right, sqlq.In(&args, rights...))
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("remove %s links of %s: %w", t.Name, left, err)
	}
	return nil
}

// RemoveReverse unlinks every id in lefts from right.
func (t Table) RemoveReverse(ctx context.Context, tx db.DBTX, lefts []string, right string) error {
	return t.flip().Remove(ctx, tx, right, lefts)
}

// ChangeReverse links right to every id in add, then unlinks it from every id in remove, so
// an id in both ends unlinked: the edit of an entity's links from the right side, such as a
// channel's products.
func (t Table) ChangeReverse(ctx context.Context, tx db.DBTX, right string, add, remove []string, now time.Time) error {
	if err := t.AddReverse(ctx, tx, add, right, now); err != nil {
		return err
	}
	return t.RemoveReverse(ctx, tx, remove, right)
}

// Replace makes rights the exact set linked to left.
func (t Table) Replace(ctx context.Context, tx db.DBTX, left string, rights []string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s = $1", t.Name, t.Left), left); err != nil {
		return fmt.Errorf("clear %s links of %s: %w", t.Name, left, err)
	}
	return t.Add(ctx, tx, left, rights, now)
}

// DropAll removes every link of the entity id on the side named by column; tables without
// that column are skipped, so a deleted entity can be detached from all tables at once.
func DropAll(ctx context.Context, tx db.DBTX, tables []Table, column, id string) error {
	for _, t := range tables {
		if t.Left != column && t.Right != column {
			continue
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s = $1", t.Name, column), id); err != nil {
			return fmt.Errorf("drop %s links of %s: %w", t.Name, id, err)
		}
	}
	return nil
}

// RightsOf returns, for each left id, the right ids linked to it.
func (t Table) RightsOf(ctx context.Context, q db.DBTX, lefts []string) (map[string][]string, error) {
	return t.collect(ctx, q, t.Left, t.Right, lefts)
}

// LeftsOf returns, for each right id, the left ids linked to it.
func (t Table) LeftsOf(ctx context.Context, q db.DBTX, rights []string) (map[string][]string, error) {
	return t.collect(ctx, q, t.Right, t.Left, rights)
}

func (t Table) collect(ctx context.Context, q db.DBTX, by, get string, ids []string) (map[string][]string, error) {
	out := make(map[string][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(ids))
	query := fmt.Sprintf("SELECT %s, %s FROM %s WHERE %s IN (%s) ORDER BY %s, %s",
		by, get, t.Name, by, sqlq.In(&args, ids...), by, get)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s links: %w", t.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read %s links: %w", t.Name, err)
		}
		out[k] = append(out[k], v)
	}
	return out, rows.Err()
}

// Subquery returns SQL selecting the `get` side for the `by` ids, for link filters such as
// `id IN (SELECT sales_channel_id FROM ... WHERE publishable_key_id IN (...))`.
func (t Table) Subquery(by string, placeholders string) string {
	get := t.Right
	if by == t.Right {
		get = t.Left
	}
	return fmt.Sprintf("SELECT %s FROM %s WHERE %s IN (%s)", get, t.Name, by, placeholders)
}

// Filter adds to w that col is linked through t to one of ids, which are of the side the
// column by names; an empty list matches nothing.
func (t Table) Filter(w *sqlq.Where, col, by string, ids []string) {
	if len(ids) == 0 {
		w.Add("1 = 0")
		return
	}
	w.Add(col + " IN (" + t.Subquery(by, w.ArgList(ids)) + ")")
}

func (t Table) flip() Table { return Table{Name: t.Name, Left: t.Right, Right: t.Left} }

// Missing returns the ids among ids that are not live rows of table (soft-deleted rows count
// as missing), each once and in the order given. Linking checks it before adding, so a link
// to an unknown id is refused with the ids named instead of being written.
func Missing(ctx context.Context, q db.DBTX, table string, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return []string{}, nil
	}
	args := make([]any, 0, len(ids))
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT id FROM %s WHERE id IN (%s) AND deleted_at IS NULL`,
		table, sqlq.In(&args, ids...)), args...)
	if err != nil {
		return nil, fmt.Errorf("check %s ids: %w", table, err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("check %s ids: %w", table, err)
		}
		seen[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check %s ids: %w", table, err)
	}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			out = append(out, id)
			seen[id] = true // name each missing id once
		}
	}
	return out, nil
}

// Linked reads the links of ids with read, a table's RightsOf or LeftsOf, and turns them into
// entities as Resolve does.
func Linked[T any](ctx context.Context, q db.DBTX, read func(context.Context, db.DBTX, []string) (map[string][]string, error),
	ids []string, load func(ids []string) ([]T, error), idOf func(T) string) (map[string][]T, error) {
	links, err := read(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	return Resolve(links, load, idOf)
}

// Resolve turns linked ids into entities: links maps an owner id to the ids linked to it (as
// RightsOf and LeftsOf return them), load reads the entities of a set of ids in one go, and
// idOf names an entity. Ids that load does not return (deleted entities) are dropped; each
// owner keeps its link order.
func Resolve[T any](links map[string][]string, load func(ids []string) ([]T, error), idOf func(T) string) (map[string][]T, error) {
	out := make(map[string][]T, len(links))
	seen := map[string]bool{}
	var ids []string
	for _, linked := range links {
		for _, id := range linked {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	entities, err := load(ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]T, len(entities))
	for _, e := range entities {
		byID[idOf(e)] = e
	}
	for owner, linked := range links {
		for _, id := range linked {
			if e, ok := byID[id]; ok {
				out[owner] = append(out[owner], e)
			}
		}
	}
	return out, nil
}
