// Package rbac owns who may do what: Medusa's policies (resource:operation keys) and roles,
// the assignments of roles to admin users, store-wide as in Medusa or limited to sales
// channels (channeld's addition), and the caller's effective permissions, resolved once per
// request into a Scope that every admin route and module reads from the request context.
package rbac

import (
	"encoding/json"
	"time"
)

// The built-in Super Admin, exactly as Medusa creates it.
const (
	SuperAdminRoleID     = "role_super_admin"
	SuperAdminPolicyID   = "rpol_super_admin"
	SuperAdminRoleName   = "Super Admin"
	superAdminLinkID     = "rlpl_super_admin"
	superAdminPolicyKey  = "*:*"
	superAdminRoleDesc   = "Super admin role with full access to all resources and operations"
	superAdminPolicyDesc = "Super admin policy with full access to all resources and operations"
)

// Id prefixes of this module's rows.
const (
	policyPrefix     = "rpol"
	rolePolicyPrefix = "rlpl"
	assignmentPrefix = "urole"
)

// Policy is one permission: an operation on a resource, either of which may be "*".
type Policy struct {
	ID          string
	Key         string
	Resource    string
	Operation   string
	Name        *string
	Description *string
	Metadata    json.RawMessage
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeletedAt   *time.Time

	// InheritedFromRoleID is always nil: Medusa answers it on a role's policies, and channeld
	// has no role inheritance over HTTP.
	InheritedFromRoleID *string
}

// Grant returns what the policy grants.
func (p *Policy) Grant() Grant { return Grant{Resource: p.Resource, Operation: p.Operation} }

// Role is a named set of policies.
type Role struct {
	ID          string
	Name        string
	Description *string
	Metadata    json.RawMessage
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeletedAt   *time.Time

	Policies []*Policy // loaded when asked for (fields=*policies)
	// Users are the readable users holding the role, loaded when asked for (fields=*users or
	// *users_link.user).
	Users []*Member
	// SalesChannelIDs are the channels of a user's assignments of the role, nil when one of
	// them is store-wide (fields=+sales_channel_ids on the user's roles).
	SalesChannelIDs []string
}

// RolePolicy is the link of a role to one of its policies.
type RolePolicy struct {
	ID        string
	RoleID    string
	PolicyID  string
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Assignment is a user holding a role, store-wide (SalesChannelID nil) or in one channel.
type Assignment struct {
	ID             string
	UserID         string
	RoleID         string
	SalesChannelID *string
	CreatedAt      time.Time
}

// Where an assignment request applies, decoded from `sales_channel_ids`: absent, null, or a
// list of channels. Absent on a removal means every assignment of the pair.
type ChannelChoice struct {
	Set      bool     // the field was sent
	Channels []string // nil with Set means null: store-wide
}

// storeWide reports whether the choice names the store-wide assignment.
func (c ChannelChoice) storeWide() bool { return c.Channels == nil }
