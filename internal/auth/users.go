package auth

import (
	"context"
	"encoding/json"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// NewUser is an admin user to create with a password.
type NewUser struct {
	Email     string
	Password  string
	FirstName *string
	LastName  *string
	AvatarURL *string
	Metadata  json.RawMessage
}

// UserChange changes the profile fields that are set; a set field with a nil value clears it.
type UserChange struct {
	SetFirstName, SetLastName, SetAvatarURL, SetMetadata bool
	FirstName, LastName, AvatarURL                       *string
	Metadata                                             json.RawMessage
}

// UserFilter selects users for a list, as Medusa's user list query does. Within, when not
// nil, restricts the list to those ids whatever else asks (the users a channel-limited admin
// may read); an empty non-nil Within matches nothing.
type UserFilter struct {
	Q                               string
	IDs                             []string
	Email, FirstName, LastName      *string
	NullFirstName, NullLastName     bool
	CreatedAt, UpdatedAt, DeletedAt map[string]any
	Within                          []string
}

// UserPage is an offset window and an order.
type UserPage struct {
	Offset, Limit int
	Order         string
}

const userColumns = `id, email, first_name, last_name, avatar_url, metadata, created_at, updated_at`

var scanUser = sqlq.Into(func(u *User) []any {
	return append([]any{&u.ID, &u.Email, &u.FirstName, &u.LastName, &u.AvatarURL, db.JSONDest(&u.Metadata)},
		db.Stamps(&u.CreatedAt, &u.UpdatedAt)...)
})

// InsertUser creates a user inside the caller's transaction, so that the user and what comes
// with it (its role assignments) commit together. A live user with the same email is E33.
func (s *Service) InsertUser(ctx context.Context, tx db.DBTX, in NewUser) (*User, error) {
	e, err := normalizeEmail(in.Email)
	if err != nil {
		return nil, err
	}
	if err := checkPasswordLength(in.Password); err != nil {
		return nil, err
	}
	hash, err := hashPassword(in.Password, s.params)
	if err != nil {
		return nil, err
	}
	in.Email = e
	return s.insertUser(ctx, tx, in, hash)
}

// insertUser writes a new user whose email is normalized and password hashed.
func (s *Service) insertUser(ctx context.Context, tx db.DBTX, in NewUser, hash string) (*User, error) {
	e, now := in.Email, s.now()
	u := &User{ID: s.newID(id.User), Email: e, FirstName: in.FirstName, LastName: in.LastName, AvatarURL: in.AvatarURL,
		Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	err := sqlq.ExecUnique(ctx, tx, apperr.New(apperr.Duplicate, "User with email: %s already exists", e), "insert user",
		`INSERT INTO admin_user (id, email, password_hash, first_name, last_name, avatar_url, metadata, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
		u.ID, u.Email, hash, u.FirstName, u.LastName, u.AvatarURL, db.JSON(u.Metadata), db.FormatTime(now))
	if err != nil {
		return nil, err
	}
	return u, nil
}

// UpdateUser changes a live user's profile inside the caller's transaction.
func (s *Service) UpdateUser(ctx context.Context, tx db.DBTX, userID string, c UserChange) (*User, error) {
	u, err := s.UserIn(ctx, tx, userID)
	if err != nil {
		return nil, err
	}
	if c.SetFirstName {
		u.FirstName = c.FirstName
	}
	if c.SetLastName {
		u.LastName = c.LastName
	}
	if c.SetAvatarURL {
		u.AvatarURL = c.AvatarURL
	}
	if c.SetMetadata {
		u.Metadata = c.Metadata
	}
	u.UpdatedAt = s.now()
	err = sqlq.Exec(ctx, tx, "update user "+userID, `UPDATE admin_user SET first_name = $2, last_name = $3, avatar_url = $4,
		metadata = $5, updated_at = $6 WHERE id = $1`,
		u.ID, u.FirstName, u.LastName, u.AvatarURL, db.JSON(u.Metadata), db.FormatTime(u.UpdatedAt))
	if err != nil {
		return nil, err
	}
	return u, nil
}

// DeleteUser soft-deletes a live user inside the caller's transaction and returns it; it
// returns nil, nil when there is no such live user (Medusa deletes unknown ids silently).
func (s *Service) DeleteUser(ctx context.Context, tx db.DBTX, userID string) (*User, error) {
	u, err := s.UserIn(ctx, tx, userID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if _, err := sqlq.SoftDelete(ctx, tx, "admin_user", userID, s.now()); err != nil {
		return nil, fmt.Errorf("delete user %s: %w", userID, err)
	}
	return u, nil
}

// UserIn returns a live user read through q (a transaction that depends on it).
func (s *Service) UserIn(ctx context.Context, q db.DBTX, userID string) (*User, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM admin_user WHERE id = $1 AND deleted_at IS NULL`, userID),
		scanUser, apperr.NotFoundf("User with id: %s was not found", userID), "get user "+userID)
}

// UsersByIDs returns the live users among ids, read through q, in id order.
func (s *Service) UsersByIDs(ctx context.Context, q db.DBTX, ids []string) ([]*User, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var args []any
	return sqlq.Collect(ctx, q, scanUser, `SELECT `+userColumns+` FROM admin_user
		WHERE deleted_at IS NULL AND id IN (`+sqlq.In(&args, ids...)+`) ORDER BY id`, args...)
}

var userOrderColumns = map[string]string{
	"id": "id", "email": "email", "first_name": "first_name", "last_name": "last_name",
	"created_at": "created_at", "updated_at": "updated_at",
}

// ListUsers returns a page of live users matching f and how many match in all.
func (s *Service) ListUsers(ctx context.Context, f UserFilter, p UserPage) ([]*User, int, error) {
	w := sqlq.NewWhere(s.db.ILike())
	w.Search(f.Q, "email", "first_name", "last_name")
	w.InFilter("id", f.IDs)
	if f.Within != nil {
		w.In("id", f.Within)
	}
	for _, eq := range []struct {
		col string
		v   *string
	}{{"email", f.Email}, {"first_name", f.FirstName}, {"last_name", f.LastName}} {
		if eq.v != nil {
			w.Eq(eq.col, *eq.v)
		}
	}
	if f.NullFirstName {
		w.Add("first_name IS NULL")
	}
	if f.NullLastName {
		w.Add("last_name IS NULL")
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return nil, 0, err
	}
	w.Add("deleted_at IS NULL")
	order, err := sqlq.OrderBy(p.Order, userOrderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*User]{From: "admin_user", Columns: userColumns, Scan: scanUser}.Run(ctx, s.db.Read(), "users", w, order, p.Limit, p.Offset)
}

// EmailTaken reports whether a live user has email, read through q.
func (s *Service) EmailTaken(ctx context.Context, q db.DBTX, email string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM admin_user WHERE email = $1 AND deleted_at IS NULL`, email).Scan(&n); err != nil {
		return false, fmt.Errorf("find user %s: %w", email, err)
	}
	return n > 0, nil
}
