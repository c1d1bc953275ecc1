package translation

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
	"channeld/internal/platform/locale"
	"channeld/internal/rbac"
)

// Products is the channel write check of what translations refer to (§5.6 step 4); the
// product module implements it (product.Guard).
type Products interface {
	CheckProducts(ctx context.Context, q db.DBTX, decl rbac.Policies, resource, op string, productIDs []string) error
	CheckVariants(ctx context.Context, q db.DBTX, decl rbac.Policies, resource, op string, variantIDs []string) error
}

// Service is the translation use cases; a batch is one transaction with its events.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	products Products
}

// NewService returns a service on d; products checks who may translate what.
func NewService(d *db.DB, now clock.Clock, newID id.Source, products Products) *Service {
	return &Service{db: d, now: now, newID: newID, products: products}
}

// List returns a page of translations matching f and the total count. A locale filter is
// compared in its canonical case; one that is not a tag matches nothing.
func (s *Service) List(ctx context.Context, f Filter, p Page) ([]*Translation, int, error) {
	if f.LocaleCode != "" {
		if code, ok := locale.Canonical(f.LocaleCode); ok {
			f.LocaleCode = code
		}
	}
	return list(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// FieldsIn returns, read through q with one statement, the translated fields in localeCode
// (canonical) of the entities among ids that have a translation in it.
func (s *Service) FieldsIn(ctx context.Context, q db.DBTX, localeCode string, ids []string) (map[Ref]Fields, error) {
	return fieldsOf(ctx, q, localeCode, ids)
}

// Batch deletes, updates and creates translations in one transaction, in that order, so that
// a batch may replace a translation by deleting it and creating its successor. Everything is
// checked before anything is written: the creations' locales (E6) and references, then the
// updated ids; the first failure answers and nothing is written.
func (s *Service) Batch(ctx context.Context, in BatchInput) (BatchResult, error) {
	creates, err := canonicalCreates(in.Create)
	if err != nil {
		return BatchResult{}, err
	}
	res := BatchResult{Deleted: in.Delete}
	if res.Deleted == nil {
		res.Deleted = []string{}
	}
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.checkWrites(ctx, tx, creates, in.Update, in.Delete); err != nil {
			return err
		}
		if err := checkReferences(ctx, tx, creates); err != nil {
			return err
		}
		now := s.now()
		gone, err := deleteIDs(ctx, tx, in.Delete)
		if err != nil {
			return err
		}
		if res.Updated, err = s.updateAll(ctx, tx, in.Update); err != nil {
			return err
		}
		if res.Created, err = s.createAll(ctx, tx, creates); err != nil {
			return err
		}
		var events []outbox.Event
		for _, t := range res.Created {
			events = append(events, outbox.IDEvent(EventCreated, t.ID))
		}
		for _, t := range res.Updated {
			events = append(events, outbox.IDEvent(EventUpdated, t.ID))
		}
		for _, id := range gone {
			events = append(events, outbox.IDEvent(EventDeleted, id))
		}
		return outbox.Append(ctx, tx, now, events...)
	})
	if err != nil {
		return BatchResult{}, err
	}
	return res, nil
}

// batchDecl is the declaration of POST /admin/translations/batch, which its channel write
// checks name.
var batchDecl = rbac.Policies{"translation:create", "translation:update"}

// checkWrites is the channel write check of a batch (§5.6): a translation is written in
// every channel of its product, so a channel-limited caller needs translation:create,
// :update or :delete there for each entry, whether or not what it names exists.
func (s *Service) checkWrites(ctx context.Context, tx db.DBTX, creates []CreateInput, updates []UpdateInput, deletes []string) error {
	sc, ok := rbac.Carried(ctx)
	if !ok || (sc.Global("translation", "create") && sc.Global("translation", "update") && sc.Global("translation", "delete")) {
		return nil
	}
	ids := make([]string, 0, len(updates)+len(deletes))
	for _, u := range updates {
		ids = append(ids, u.ID)
	}
	found, err := byIDs(ctx, tx, append(ids, deletes...), "")
	if err != nil {
		return err
	}
	refs := func(op string, of []CreateInput) error {
		byKind := map[string][]string{}
		for _, c := range of {
			byKind[c.Reference] = append(byKind[c.Reference], c.ReferenceID)
		}
		if err := s.products.CheckProducts(ctx, tx, batchDecl, "translation", op, byKind[Product]); err != nil {
			return err
		}
		return s.products.CheckVariants(ctx, tx, batchDecl, "translation", op, byKind[Variant])
	}
	existing := func(ids []string) []CreateInput {
		var out []CreateInput
		for _, id := range ids {
			if t := found[id]; t != nil {
				out = append(out, CreateInput{Reference: t.Reference, ReferenceID: t.ReferenceID})
			}
		}
		return out
	}
	if err := refs("create", creates); err != nil {
		return err
	}
	if err := refs("update", existing(ids)); err != nil {
		return err
	}
	return refs("delete", existing(deletes))
}

// canonicalCreates returns the creations with their locales in canonical case, refusing a
// malformed tag (E6) and a second creation for the same entity and locale.
func canonicalCreates(in []CreateInput) ([]CreateInput, error) {
	out := make([]CreateInput, len(in))
	seen := map[string]bool{}
	for i, c := range in {
		code, ok := locale.Canonical(c.LocaleCode)
		if !ok {
			return nil, apperr.Invalidf("Locale code %s is not a valid BCP 47 tag", c.LocaleCode)
		}
		c.LocaleCode = code
		key := c.Reference + "\x00" + c.ReferenceID + "\x00" + code
		if seen[key] {
			return nil, errDuplicate(c.ReferenceID, code)
		}
		seen[key] = true
		out[i] = c
	}
	return out, nil
}

// referenceNames are the not-found nouns of what translations refer to, as Medusa's product
// module words them.
var referenceNames = map[string]string{Product: "Product", Variant: "Product variant"}

// checkReferences refuses, inside tx, creations whose product or variant is not live: the
// first in request order, one statement per kind of reference.
func checkReferences(ctx context.Context, tx db.DBTX, creates []CreateInput) error {
	ids := map[string][]string{}
	for _, c := range creates {
		ids[c.Reference] = append(ids[c.Reference], c.ReferenceID)
	}
	missing := map[string]bool{}
	for _, ref := range []string{Product, Variant} {
		// The table is the reference's own name; platform/link reads any module's live ids.
		gone, err := link.Missing(ctx, tx, ref, ids[ref])
		if err != nil {
			return err
		}
		for _, id := range gone {
			missing[ref+"\x00"+id] = true
		}
	}
	for _, c := range creates {
		if missing[c.Reference+"\x00"+c.ReferenceID] {
			return apperr.Invalidf("%s with id: %s was not found", referenceNames[c.Reference], c.ReferenceID)
		}
	}
	return nil
}

// createAll inserts the creations in request order.
func (s *Service) createAll(ctx context.Context, tx db.DBTX, creates []CreateInput) ([]*Translation, error) {
	out := make([]*Translation, 0, len(creates))
	now := s.now()
	for _, c := range creates {
		doc, err := c.Fields.document()
		if err != nil {
			return nil, fmt.Errorf("encode a translation: %w", err)
		}
		t := &Translation{ID: s.newID(idPrefix), Reference: c.Reference, ReferenceID: c.ReferenceID,
			LocaleCode: c.LocaleCode, Translations: doc, CreatedAt: now, UpdatedAt: now}
		if err := insert(ctx, tx, t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// updateAll replaces the fields of the updated translations, refusing every id that does not
// exist at once, in Medusa's words.
func (s *Service) updateAll(ctx context.Context, tx db.DBTX, updates []UpdateInput) ([]*Translation, error) {
	ids := make([]string, len(updates))
	for i, u := range updates {
		ids[i] = u.ID
	}
	found, err := byIDs(ctx, tx, ids, s.db.ForUpdate())
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, id := range ids {
		if found[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, apperr.NotFoundf(`Translation with id "%s" not found`, strings.Join(missing, ", "))
	}
	out := make([]*Translation, 0, len(updates))
	now := s.now()
	for _, u := range updates {
		t := found[u.ID]
		if u.Fields != nil {
			if t.Translations, err = u.Fields.document(); err != nil {
				return nil, fmt.Errorf("encode translation %s: %w", t.ID, err)
			}
		}
		t.UpdatedAt = now
		if err := update(ctx, tx, t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
