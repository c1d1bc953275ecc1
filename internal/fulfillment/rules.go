package fulfillment

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Rule operators, as Medusa's RuleOperator.
var ruleOperators = []string{"in", "eq", "ne", "gt", "gte", "lt", "lte", "nin"}

// storeContext is what a storefront cart is, for an option's rules: Medusa lists a cart's
// options with the context {is_return: "false", enabled_in_store: "true"}.
var storeContext = map[string]string{"is_return": "false", "enabled_in_store": "true"}

// check refuses a rule as Medusa's validateRule does.
func (r *RuleInput) check() error {
	var list []any
	isList := json.Unmarshal(r.Value, &list) == nil
	if r.Attribute == "" || r.Operator == "" || len(r.Value) == 0 || string(r.Value) == `""` || string(r.Value) == "null" {
		return apperr.Invalidf("Rule must have an attribute, an operator and a value")
	}
	if !slices.Contains(ruleOperators, r.Operator) {
		return apperr.Invalidf("Rule operator %s is not supported. Must be one of %s", r.Operator, strings.Join(ruleOperators, ", "))
	}
	if (r.Operator == "in" || r.Operator == "nin") && !isList {
		return apperr.Invalidf("Rule value must be an array for in/nin operators")
	}
	if r.Operator != "in" && r.Operator != "nin" && isList {
		return apperr.Invalidf("Rule value must be a string, bool, number value for the selected operator %s", r.Operator)
	}
	return nil
}

// holds reports whether a rule admits the context value of its attribute, as Medusa's
// operators compare: the context value as a string ("undefined" when absent).
func (r *Rule) holds(context map[string]string) bool {
	got, ok := context[r.Attribute]
	if !ok {
		got = "undefined"
	}
	var one string
	var many []string
	_ = json.Unmarshal(r.Value, &one)
	_ = json.Unmarshal(r.Value, &many)
	num := func(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
	switch r.Operator {
	case "in":
		return slices.Contains(many, got)
	case "nin":
		return !slices.Contains(many, got)
	case "eq":
		return got == one
	case "ne":
		return got != one
	case "gt":
		return num(got) > num(one)
	case "gte":
		return num(got) >= num(one)
	case "lt":
		return num(got) < num(one)
	case "lte":
		return num(got) <= num(one)
	}
	return false
}

// storeBlock returns the attribute of the first rule a storefront cart does not meet, ""
// when it meets them all.
func storeBlock(rules []*Rule) string {
	for _, r := range rules {
		if !r.holds(storeContext) {
			return r.Attribute
		}
	}
	return ""
}

// ruleValue is a rule's value as stored: a string, or a list of strings; a boolean or a
// number is its text, as Medusa normalises it.
func ruleValue(raw json.RawMessage) json.RawMessage {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return raw
	}
	switch x := v.(type) {
	case bool:
		return json.RawMessage(strconv.Quote(strconv.FormatBool(x)))
	case float64:
		return json.RawMessage(strconv.Quote(string(raw)))
	}
	return raw
}

// replaceRules makes rules the option's rules: an entry with an id changes that rule (an id
// that is not the option's is Medusa's 404), one without is new, the others go.
func (s *Service) replaceRules(ctx context.Context, tx db.DBTX, optionID string, rules []*RuleInput, now time.Time) error {
	existing, err := loadRules(ctx, tx, []string{optionID})
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, r := range existing[optionID] {
		have[r.ID] = true
	}
	var unknown, keep []string
	for _, r := range rules {
		if err := r.check(); err != nil {
			return err
		}
		if r.ID != nil {
			if !have[*r.ID] {
				unknown = append(unknown, *r.ID)
			}
			keep = append(keep, *r.ID)
		}
	}
	if len(unknown) > 0 {
		return apperr.NotFoundf("The following rules does not exists: %s on shipping option %s", strings.Join(unknown, ", "), optionID)
	}
	var drop []string
	for id := range have {
		if !slices.Contains(keep, id) {
			drop = append(drop, id)
		}
	}
	slices.Sort(drop)
	var create, update []*RuleInput
	for _, r := range rules {
		if r.ID == nil {
			create = append(create, r)
		} else {
			update = append(update, r)
		}
	}
	_, _, err = s.changeRules(ctx, tx, optionID, create, update, drop, now)
	return err
}

// changeRules creates, updates and deletes rules of an option and derives its store_block
// from the rules it then has; it returns the created and updated rules.
func (s *Service) changeRules(ctx context.Context, tx db.DBTX, optionID string, create, update []*RuleInput, drop []string, now time.Time) (created, updated []*Rule, err error) {
	for _, id := range drop {
		if err := sqlq.Exec(ctx, tx, "delete rule "+id, `DELETE FROM shipping_option_rule WHERE id = $1 AND shipping_option_id = $2`, id, optionID); err != nil {
			return nil, nil, err
		}
	}
	for _, in := range update {
		if err := in.check(); err != nil {
			return nil, nil, err
		}
		r := &Rule{ID: *in.ID, ShippingOptionID: optionID, Attribute: in.Attribute, Operator: in.Operator, Value: ruleValue(in.Value), UpdatedAt: now}
		res, err := tx.ExecContext(ctx, `UPDATE shipping_option_rule SET attribute = $3, operator = $4, value = $5, updated_at = $6
			WHERE id = $1 AND shipping_option_id = $2`, r.ID, optionID, r.Attribute, r.Operator, db.JSON(r.Value), db.FormatTime(now))
		if err != nil {
			return nil, nil, fmt.Errorf("update rule %s: %w", r.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, nil, err
		} else if n == 0 {
			return nil, nil, apperr.NotFoundf(`ShippingOptionRule with id "%s" not found`, r.ID)
		}
		updated = append(updated, r)
	}
	for _, in := range create {
		if err := in.check(); err != nil {
			return nil, nil, err
		}
		r := &Rule{ID: s.newID(prefixRule), ShippingOptionID: optionID, Attribute: in.Attribute, Operator: in.Operator,
			Value: ruleValue(in.Value), CreatedAt: now, UpdatedAt: now}
		if err := sqlq.Exec(ctx, tx, "insert rule", `INSERT INTO shipping_option_rule (id, shipping_option_id, attribute, operator,
			value, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			r.ID, optionID, r.Attribute, r.Operator, db.JSON(r.Value), db.FormatTime(now), db.FormatTime(now)); err != nil {
			return nil, nil, err
		}
		created = append(created, r)
	}
	all, err := loadRules(ctx, tx, []string{optionID})
	if err != nil {
		return nil, nil, err
	}
	var block *string
	if b := storeBlock(all[optionID]); b != "" {
		block = &b
	}
	if err := sqlq.Exec(ctx, tx, "derive store block of "+optionID, `UPDATE shipping_option SET store_block = $2 WHERE id = $1`,
		optionID, block); err != nil {
		return nil, nil, err
	}
	return created, updated, nil
}

// RuleBatch is the result of a rules batch: the rules created and updated, the ids deleted.
type RuleBatch struct {
	Created, Updated []*Rule
	Deleted          []string
}

// BatchRules creates, updates and deletes rules of an option in one transaction.
func (s *Service) BatchRules(ctx context.Context, optionID string, create, update []*RuleInput, drop []string) (*RuleBatch, error) {
	out := &RuleBatch{Deleted: drop}
	if out.Deleted == nil {
		out.Deleted = []string{}
	}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		_, location, err := getOption(ctx, tx, optionID)
		if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, location, "shipping_option", "update"); err != nil {
			return err
		}
		if out.Created, out.Updated, err = s.changeRules(ctx, tx, optionID, create, update, drop, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, "shipping-option", "updated", optionID, nil)
	})
	if err != nil {
		return nil, err
	}
	// Rows read back carry their stored creation times.
	all, err := loadRules(ctx, s.db.Read(), []string{optionID})
	if err != nil {
		return nil, err
	}
	fresh := map[string]*Rule{}
	for _, r := range all[optionID] {
		fresh[r.ID] = r
	}
	for i, r := range out.Created {
		out.Created[i] = fresh[r.ID]
	}
	for i, r := range out.Updated {
		out.Updated[i] = fresh[r.ID]
	}
	if out.Created == nil {
		out.Created = []*Rule{}
	}
	if out.Updated == nil {
		out.Updated = []*Rule{}
	}
	return out, nil
}
