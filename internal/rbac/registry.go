package rbac

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Resources is Medusa 2.21.2's policy registry (@medusajs/medusa/dist/policies), then the
// resources channeld adds: seller, audit_log and webhook.
var Resources = []string{
	"customer", "customer_address", "customer_group", "inventory_item", "inventory_level",
	"reservation_item", "stock_location", "order", "order_item", "order_change", "order_claim",
	"order_claim_item", "order_exchange", "return", "return_reason", "payment",
	"payment_collection", "payment_method", "payment_session", "refund_reason", "price_list",
	"price_preference", "price", "currency", "product", "product_variant", "product_option",
	"product_option_value", "product_tag", "product_type", "product_category",
	"product_collection", "campaign", "promotion", "region", "sales_channel", "store",
	"store_locale", "shipping_option", "shipping_option_type", "shipping_profile", "fulfillment",
	"fulfillment_provider", "fulfillment_set", "service_zone", "file", "notification",
	"workflow_execution", "tax_provider", "tax_rate", "tax_region", "translation",
	"translation_setting", "user", "api_key", "invite", "rbac_role", "rbac_policy",
	"seller", "audit_log", "webhook",
}

// Operations are the operations registered for every resource.
var Operations = []string{"read", "create", "update", "delete"}

// pascal writes a snake_case name in PascalCase: sales_channel → SalesChannel.
func pascal(s string) string {
	parts := strings.Split(s, "_")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}

// registered returns every registered policy, named as Medusa names them.
func registered() []*Policy {
	out := make([]*Policy, 0, len(Resources)*len(Operations))
	for _, r := range Resources {
		for _, op := range Operations {
			name := pascal(op) + pascal(r)
			desc := pascal(op) + " " + pascal(r)
			out = append(out, &Policy{Key: r + ":" + op, Resource: r, Operation: op, Name: &name, Description: &desc})
		}
	}
	return out
}

// EnsureRegistered creates the registered policies that do not exist and restores those that
// were deleted, as Medusa's syncRegisteredPolicies does at start. Several instances starting
// together insert the same keys; the unique key makes the later inserts do nothing.
func (s *Service) EnsureRegistered(ctx context.Context) error {
	ps := registered()
	now := db.FormatTime(s.now())
	var sb strings.Builder
	args := []any{now}
	keys := make([]string, len(ps))
	sb.WriteString(`INSERT INTO rbac_policy (id, key, resource, operation, name, description, created_at, updated_at) VALUES `)
	for i, p := range ps {
		if i > 0 {
			sb.WriteString(", ")
		}
		keys[i] = p.Key
		fmt.Fprintf(&sb, "(%s, %s, %s, %s, %s, %s, $1, $1)", sqlq.In(&args, s.newID(policyPrefix)), sqlq.In(&args, p.Key),
			sqlq.In(&args, p.Resource), sqlq.In(&args, p.Operation), sqlq.In(&args, *p.Name), sqlq.In(&args, *p.Description))
	}
	sb.WriteString(` ON CONFLICT (key) DO NOTHING`)
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := sqlq.Exec(ctx, tx, "register policies", sb.String(), args...); err != nil {
			return err
		}
		rargs := []any{now}
		return sqlq.Exec(ctx, tx, "restore registered policies", `UPDATE rbac_policy SET deleted_at = NULL, updated_at = $1
			WHERE deleted_at IS NOT NULL AND key IN (`+sqlq.In(&rargs, keys...)+`)`, rargs...)
	})
}
