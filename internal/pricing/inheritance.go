package pricing

import (
	"context"
	"errors"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// RuleResult is a written rule; a dry run also carries the rows of the channel's price table
// in the rule's currency that it would change, and its rule has no id.
type RuleResult struct {
	Rule    *Rule
	DryRun  bool
	Changes []RuleEffect
}

// RuleEffect is one row of a channel's price table that a rule changes: amounts in minor
// units of Currency, nil for no price.
type RuleEffect struct {
	VariantID, Currency       string
	Before, After             *int64
	SourceBefore, SourceAfter string
}

// ruleIDPrefix is the id prefix of price inheritance rules.
const ruleIDPrefix = "pinh"

// errDryRun rolls back a dry run's transaction after it computed what the write would do.
var errDryRun = errors.New("dry run")

// Rules returns a page of channelID's rules, ordered by currency, and their count.
func (s *Service) Rules(ctx context.Context, channelID string, offset, limit int) ([]*Rule, int, error) {
	q := s.read()
	if _, err := s.channel(ctx, q, channelID, false); err != nil {
		return nil, 0, err
	}
	return listInheritanceRules(ctx, q, channelID, offset, limit)
}

// CreateRule makes channelID derive its prices in in.Currency from a source (§3.2); every
// field but the rounding is required.
func (s *Service) CreateRule(ctx context.Context, channelID string, in RuleInput) (*RuleResult, error) {
	return s.writeRule(ctx, channelID, "", in)
}

// UpdateRule changes the fields in sends of channelID's rule ruleID; its currency cannot
// change.
func (s *Service) UpdateRule(ctx context.Context, channelID, ruleID string, in RuleInput) (*RuleResult, error) {
	return s.writeRule(ctx, channelID, ruleID, in)
}

// DeleteRule deletes channelID's rule ruleID: its prices fall back to the channel's base
// prices (or overrides).
func (s *Service) DeleteRule(ctx context.Context, channelID, ruleID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.channel(ctx, tx, channelID, true); err != nil {
			return err
		}
		r, err := readInheritanceRule(ctx, tx, channelID, ruleID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		if err := deleteInheritanceRule(ctx, tx, r.ID); err != nil {
			return err
		}
		return s.auditRule(ctx, tx, "price_inheritance.deleted", r, nil)
	})
}

// writeRule creates (ruleID "") or updates a rule in one transaction, checking in §3.2's
// order; a dry run computes the same and rolls back.
func (s *Service) writeRule(ctx context.Context, channelID, ruleID string, in RuleInput) (*RuleResult, error) {
	factor, err := checkRuleInput(&in, ruleID == "")
	if err != nil {
		return nil, err
	}
	var res *RuleResult
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.lockRules(ctx, tx); err != nil {
			return err
		}
		ch, err := s.channel(ctx, tx, channelID, true)
		if err != nil {
			return err
		}
		var before *Rule
		if ruleID != "" {
			if before, err = readInheritanceRule(ctx, tx, channelID, ruleID, s.db.ForUpdate()); err != nil {
				return err
			}
		}
		r, err := s.nextRule(ctx, tx, ch, before, in, factor)
		if err != nil {
			return err
		}
		if res, err = s.applyRule(ctx, tx, ch, before, r, in.DryRun); err != nil {
			return err
		}
		if in.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

// checkRuleInput normalizes in's currencies and reads its factor: the checks that belong to
// the request's schema, made before anything is read. It returns the factor's text, "" when
// not sent.
func checkRuleInput(in *RuleInput, create bool) (string, error) {
	for _, code := range []*string{in.Currency, in.SourceCurrency} {
		if code == nil {
			continue
		}
		k, err := currencyCode(*code)
		if err != nil {
			return "", err
		}
		*code = k
	}
	if create && (in.Currency == nil || in.SourceCurrency == nil || in.Factor == nil || !in.SetSource) {
		return "", apperr.Invalidf("Invalid request: currency_code, source_sales_channel_id, source_currency_code and factor are required")
	}
	if in.Factor == nil {
		return "", nil
	}
	text, _, err := parseFactor(*in.Factor)
	return text, err
}

// lockRules serializes rule writes on PostgreSQL, where two concurrent writes could each
// pass the cycle check and together form a cycle; SQLite has one writer already.
func (s *Service) lockRules(ctx context.Context, tx db.DBTX) error {
	if s.db.Engine != db.Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `LOCK TABLE price_inheritance IN SHARE ROW EXCLUSIVE MODE`)
	return err
}

// auditRule records a rule's change in tx, with the channel it belongs to.
func (s *Service) auditRule(ctx context.Context, tx db.DBTX, action string, before, after *Rule) error {
	e := audit.Entry{Action: action, Resource: "price_inheritance"}
	if before != nil {
		e.ResourceID, e.SalesChannelID, e.Before = before.ID, &before.SalesChannelID, ruleRecord(before)
	}
	if after != nil {
		e.ResourceID, e.SalesChannelID, e.After = after.ID, &after.SalesChannelID, ruleRecord(after)
	}
	return s.audit.Record(ctx, tx, e)
}
