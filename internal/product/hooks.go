package product

import (
	"context"

	"channeld/internal/platform/db"
)

// VariantsCreatedHook runs inside the transaction that created variants; an error rolls the
// creation back. The stock module uses it to give inventory-managed variants their item.
type VariantsCreatedHook func(ctx context.Context, tx db.DBTX, variants []*Variant) error

// OnVariantsCreated registers fn to run after variants are created.
func (s *Service) OnVariantsCreated(fn VariantsCreatedHook) {
	s.variantHooks = append(s.variantHooks, fn)
}

func (s *Service) runVariantHooks(ctx context.Context, tx db.DBTX, vs []*Variant) error {
	for _, fn := range s.variantHooks {
		if err := fn(ctx, tx, vs); err != nil {
			return err
		}
	}
	return nil
}
